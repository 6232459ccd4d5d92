/**
 * Input of the builder's forms: the hidden revision, the metadata form, the case app form and the
 * block forms, read into the builder's types (with problems of the form itself), their form
 * values for re-display, and which field a problem's JSON path belongs to.
 */
import { z } from "zod";
import { normalizeWidth } from "../../core/text/japanese.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { AssignmentRule, CaseAppConfig, CaseColumn, CaseFilterKind, CaseStage, CaseTransition } from "./case-app/config.ts";
import type { FormBody, FormValues } from "./definition/forms.ts";
import type { BuilderMetadata } from "./definition/metadata.ts";
import { BLOCK_TYPES, type Block, type BlockType } from "./pages/blocks.ts";

const firstText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));

export function bodyOf(input: unknown): FormBody {
  const body: FormBody = {};
  if (typeof input !== "object" || input === null) return body;
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (typeof value === "string") body[name] = value;
    else if (Array.isArray(value)) body[name] = value.filter((v): v is string => typeof v === "string");
  }
  return body;
}

export function text(body: FormBody, name: string): string {
  return firstText.parse(body[name]);
}

export function texts(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The hidden revision of every builder form; null when missing (a form not from our page). */
export function parseRevision(body: FormBody): number | null {
  const raw = text(body, "revision");
  const n = Number(raw);
  return raw !== "" && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function localized(body: FormBody, name: string): LocalizedText {
  const ja = text(body, `${name}_ja`).trim();
  const en = text(body, `${name}_en`).trim();
  return en ? { ja, en } : { ja };
}

function optionalLocalized(body: FormBody, name: string): LocalizedText | undefined {
  const value = localized(body, name);
  return value.ja || value.en ? value : undefined;
}

function lines(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Metadata

export type FormError = { field: string; key: string; params?: Record<string, string | number> };

export function parseMetadataForm(body: FormBody): { metadata: BuilderMetadata; errors: FormError[] } {
  const errors: FormError[] = [];
  const needJa = lines(text(body, "need_ja"));
  const needEn = lines(text(body, "need_en"));
  const feeText = normalizeWidth(text(body, "fee")).replace(/[,\s円]/g, "");
  let fee: BuilderMetadata["fee"] = null;
  if (feeText !== "") {
    if (!/^\d+$/.test(feeText)) errors.push({ field: "fee", key: "form.fee_number" });
    else {
      const per = text(body, "fee_per");
      const note = optionalLocalized(body, "fee_note");
      fee = { amountYen: Number(feeText), ...(per === "copy" || per === "item" ? { per } : {}), ...(note ? { note } : {}) };
    }
  }
  const channel = text(body, "channel");
  const legal = optionalLocalized(body, "legal");
  const metadata: BuilderMetadata = {
    title: localized(body, "title"),
    reading: text(body, "reading").trim(),
    summary: localized(body, "summary"),
    categoryCode: text(body, "category"),
    lifeEvents: texts(body, "life_events"),
    keywords: text(body, "keywords")
      .split(/[\n,、，]/)
      .map((k) => k.trim())
      .filter(Boolean),
    channel: channel === "counter" || channel === "both" ? channel : "online",
    whoCanApply: localized(body, "who"),
    whatYouNeed: needJa.map((ja, i) => (needEn[i] ? { ja, en: needEn[i]! } : { ja })),
    fee,
    processingTime: localized(body, "processing"),
    ...(legal ? { legalBasis: legal } : {}),
    related: lines(text(body, "related").replace(/[,、]/g, "\n")).map((s) => s.toLowerCase()),
  };
  return { metadata, errors };
}

export function metadataFormValues(meta: BuilderMetadata): FormValues {
  return {
    title_ja: meta.title.ja,
    title_en: meta.title.en ?? "",
    reading: meta.reading,
    summary_ja: meta.summary.ja,
    summary_en: meta.summary.en ?? "",
    category: meta.categoryCode,
    channel: meta.channel,
    who_ja: meta.whoCanApply.ja,
    who_en: meta.whoCanApply.en ?? "",
    need_ja: meta.whatYouNeed.map((n) => n.ja).join("\n"),
    need_en: meta.whatYouNeed.map((n) => n.en ?? "").join("\n"),
    fee: meta.fee ? String(meta.fee.amountYen) : "",
    fee_per: meta.fee?.per ?? "",
    fee_note_ja: meta.fee?.note?.ja ?? "",
    processing_ja: meta.processingTime.ja,
    processing_en: meta.processingTime.en ?? "",
    legal_ja: meta.legalBasis?.ja ?? "",
    life_events: meta.lifeEvents,
    keywords: meta.keywords.join("\n"),
    related: meta.related.join("\n"),
  };
}

/** The metadata form's field for a problem path ("$.fee.amountYen" → "fee"). */
export function metadataFieldOf(path: string): string {
  const rules: Array<[RegExp, string]> = [
    [/^\$\.title\.en/, "title_en"],
    [/^\$\.title/, "title_ja"],
    [/^\$\.reading/, "reading"],
    [/^\$\.summary\.en/, "summary_en"],
    [/^\$\.summary/, "summary_ja"],
    [/^\$\.categoryCode/, "category"],
    [/^\$\.lifeEvents/, "life_events"],
    [/^\$\.keywords/, "keywords"],
    [/^\$\.channel/, "channel"],
    [/^\$\.whoCanApply/, "who_ja"],
    [/^\$\.whatYouNeed/, "need_ja"],
    [/^\$\.fee\.per/, "fee_per"],
    [/^\$\.fee/, "fee"],
    [/^\$\.processingTime/, "processing_ja"],
    [/^\$\.legalBasis/, "legal_ja"],
    [/^\$\.related/, "related"],
  ];
  for (const [pattern, field] of rules) if (pattern.test(path)) return field;
  return "title_ja";
}

// ---------------------------------------------------------------------------------------------
// Case app

/** Reads the case app form; `stageRows` and `ruleRows` are how many numbered rows it sent. */
export function parseCaseAppForm(body: FormBody, stageRows: number, ruleRows: number): CaseAppConfig {
  const stages: CaseStage[] = [];
  const transitions: CaseTransition[] = [];
  for (let i = 0; i < stageRows; i++) {
    const id = text(body, `stage_id_${i}`).trim();
    if (!id) continue;
    const ja = text(body, `stage_label_ja_${i}`).trim();
    const en = text(body, `stage_label_en_${i}`).trim();
    stages.push({ id, label: en ? { ja, en } : { ja }, base: text(body, `stage_base_${i}`) as CaseStage["base"] });
    for (const to of text(body, `stage_next_${i}`).split(/[,、，\s]+/).map((s) => s.trim()).filter(Boolean)) transitions.push({ from: id, to });
  }
  const assignment: AssignmentRule[] = [];
  for (let i = 0; i < ruleRows; i++) {
    const assignTo = text(body, `rule_assignee_${i}`);
    if (!assignTo) continue;
    const question = text(body, `rule_question_${i}`);
    const equals = text(body, `rule_value_${i}`).trim();
    assignment.push(question ? { question, equals, assignTo } : { assignTo });
  }
  const days = normalizeWidth(text(body, "sla_days")).trim();
  const warn = normalizeWidth(text(body, "sla_warn")).trim();
  const sla = days === "" ? null : { days: /^\d+$/.test(days) ? Number(days) : Number.NaN, warnDays: warn === "" ? 0 : /^\d+$/.test(warn) ? Number(warn) : Number.NaN };
  return {
    stages,
    transitions,
    columns: texts(body, "columns") as CaseColumn[],
    filters: texts(body, "filters") as CaseFilterKind[],
    view: text(body, "view") === "board" ? "board" : "table",
    sla,
    assignment,
  };
}

// ---------------------------------------------------------------------------------------------
// Blocks

export function isBlockType(value: string): value is BlockType {
  return (BLOCK_TYPES as readonly string[]).includes(value);
}

/** Reads a block form (not images: those come with their upload). */
export function parseBlockForm(body: FormBody, type: BlockType): Block {
  switch (type) {
    case "heading":
      return { type, level: text(body, "level") === "3" ? 3 : 2, text: localized(body, "text") };
    case "paragraph":
      return { type, text: localized(body, "text") };
    case "list": {
      const ja = lines(text(body, "items_ja"));
      const en = lines(text(body, "items_en"));
      return { type, ordered: text(body, "ordered") === "yes", items: ja.map((item, i) => (en[i] ? { ja: item, en: en[i]! } : { ja: item })) };
    }
    case "link":
      return { type, href: text(body, "href").trim(), text: localized(body, "text") };
    case "image": {
      const caption = optionalLocalized(body, "caption");
      return { type, assetId: text(body, "asset"), alt: localized(body, "alt"), ...(caption ? { caption } : {}) };
    }
    case "cta":
      return { type, procedure: text(body, "procedure"), text: localized(body, "text") };
  }
}

export function blockFormValues(block: Block): FormValues {
  switch (block.type) {
    case "heading":
      return { level: String(block.level), text_ja: block.text.ja, text_en: block.text.en ?? "" };
    case "paragraph":
      return { text_ja: block.text.ja, text_en: block.text.en ?? "" };
    case "list":
      return { ordered: block.ordered ? "yes" : "no", items_ja: block.items.map((i) => i.ja).join("\n"), items_en: block.items.map((i) => i.en ?? "").join("\n") };
    case "link":
      return { href: block.href, text_ja: block.text.ja, text_en: block.text.en ?? "" };
    case "image":
      return { asset: block.assetId, alt_ja: block.alt.ja, alt_en: block.alt.en ?? "", caption_ja: block.caption?.ja ?? "" };
    case "cta":
      return { procedure: block.procedure, text_ja: block.text.ja, text_en: block.text.en ?? "" };
  }
}

/** A block form's field for a problem path ("$.blocks[3].alt.ja" → "alt_ja"). */
export function blockFieldOf(path: string): string {
  const rest = path.replace(/^\$\.blocks\[\d+\]/, "");
  const rules: Array<[RegExp, string]> = [
    [/^\.alt/, "alt_ja"],
    [/^\.caption/, "caption_ja"],
    [/^\.text/, "text_ja"],
    [/^\.items/, "items_ja"],
    [/^\.href/, "href"],
    [/^\.level/, "level"],
    [/^\.procedure/, "procedure"],
    [/^\.assetId/, "file"],
    [/^\$\.file/, "file"],
  ];
  for (const [pattern, field] of rules) if (pattern.test(rest) || pattern.test(path)) return field;
  return "";
}
