/**
 * A procedure's metadata as the builder edits it (department, fee, what to bring, legal basis,
 * processing time, online / counter, life events, related procedures, search keywords), its
 * checks, and its shape in the procedures table (ProcedureMetadata).
 */
import { t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import type { ProcedureMetadata } from "../../procedures/index.ts";
import "../messages.ts";

export type BuilderFee = { amountYen: number; per?: "copy" | "item"; note?: LocalizedText };

export type BuilderMetadata = {
  title: LocalizedText;
  /** ひらがな reading of the Japanese title, for search and 五十音 order */
  reading: string;
  summary: LocalizedText;
  categoryCode: string;
  lifeEvents: string[];
  keywords: string[];
  channel: "online" | "counter" | "both";
  whoCanApply: LocalizedText;
  /** 持ち物・必要なもの */
  whatYouNeed: LocalizedText[];
  fee: BuilderFee | null;
  processingTime: LocalizedText;
  legalBasis?: LocalizedText;
  /** slugs of related procedures */
  related: string[];
};

export const CHANNELS = ["online", "counter", "both"] as const;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,79}$/;

/** A problem of the metadata or of a definition: JSON path, stable code, message. */
export type Problem = { path: string; code: string; message: string };

export type MetadataContext = {
  categories: ReadonlySet<string>;
  lifeEvents: ReadonlySet<string>;
  /** Slugs of existing procedures (for related ones). */
  procedureExists: (slug: string) => boolean;
};

const READING = /^[\u3041-\u3096\u30fc\u309d\u309e\s・]+$/u;

export function validateMetadata(meta: BuilderMetadata, context: MetadataContext, locale: Locale = "ja"): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, code: string, params: Record<string, string | number> = {}) =>
    problems.push({ path, code, message: t(locale, `builder.meta.${code}`, params) });
  const text = (value: LocalizedText | undefined, path: string, code: string, max = 200) => {
    if (!value?.ja?.trim()) report(`${path}.ja`, code);
    else if ([...value.ja].length > max) report(`${path}.ja`, "too_long", { max });
    if (value?.en !== undefined && [...value.en].length > max) report(`${path}.en`, "too_long", { max });
  };
  text(meta.title, "$.title", "title_missing", 100);
  if (!meta.reading?.trim()) report("$.reading", "reading_missing");
  else if (!READING.test(meta.reading)) report("$.reading", "reading_hiragana");
  text(meta.summary, "$.summary", "summary_missing", 400);
  if (!context.categories.has(meta.categoryCode)) report("$.categoryCode", "category_unknown", { code: meta.categoryCode });
  meta.lifeEvents.forEach((code, i) => {
    if (!context.lifeEvents.has(code)) report(`$.lifeEvents[${i}]`, "life_event_unknown", { code });
  });
  if (meta.keywords.length > 30) report("$.keywords", "too_many", { max: 30 });
  meta.keywords.forEach((k, i) => {
    if ([...k].length > 40) report(`$.keywords[${i}]`, "too_long", { max: 40 });
  });
  if (!(CHANNELS as readonly string[]).includes(meta.channel)) report("$.channel", "channel_unknown");
  text(meta.whoCanApply, "$.whoCanApply", "who_missing", 400);
  if (meta.whatYouNeed.length > 20) report("$.whatYouNeed", "too_many", { max: 20 });
  meta.whatYouNeed.forEach((item, i) => text(item, `$.whatYouNeed[${i}]`, "item_missing"));
  if (meta.fee) {
    if (!Number.isSafeInteger(meta.fee.amountYen) || meta.fee.amountYen < 0 || meta.fee.amountYen > 10_000_000) report("$.fee.amountYen", "fee_invalid");
    if (meta.fee.per !== undefined && meta.fee.per !== "copy" && meta.fee.per !== "item") report("$.fee.per", "fee_per_invalid");
    if (meta.fee.note) text(meta.fee.note, "$.fee.note", "item_missing");
  }
  text(meta.processingTime, "$.processingTime", "processing_missing", 200);
  if (meta.legalBasis) text(meta.legalBasis, "$.legalBasis", "item_missing", 200);
  if (meta.related.length > 10) report("$.related", "too_many", { max: 10 });
  meta.related.forEach((slug, i) => {
    if (!context.procedureExists(slug)) report(`$.related[${i}]`, "related_unknown", { slug });
  });
  return problems;
}

/** The metadata as the procedures table keeps it. */
export function toProcedureMetadata(meta: BuilderMetadata): ProcedureMetadata {
  return {
    title: meta.title,
    reading: meta.reading,
    summary: meta.summary,
    categoryCode: meta.categoryCode,
    lifeEvents: meta.lifeEvents,
    keywords: meta.keywords,
    channel: meta.channel,
    details: {
      whoCanApply: meta.whoCanApply,
      whatYouNeed: meta.whatYouNeed,
      fee: meta.fee,
      processingTime: meta.processingTime,
      ...(meta.legalBasis ? { legalBasis: meta.legalBasis } : {}),
      ...(meta.related.length ? { related: meta.related } : {}),
    },
  };
}

/** The builder's metadata from a procedure's row (a procedure made by the catalogue import). */
export function fromProcedureMetadata(meta: ProcedureMetadata): BuilderMetadata {
  const d = meta.details;
  return {
    title: meta.title,
    reading: meta.reading,
    summary: meta.summary,
    categoryCode: meta.categoryCode,
    lifeEvents: meta.lifeEvents,
    keywords: meta.keywords,
    channel: meta.channel,
    whoCanApply: d.whoCanApply,
    whatYouNeed: d.whatYouNeed,
    fee: d.fee,
    processingTime: d.processingTime,
    ...(d.legalBasis ? { legalBasis: d.legalBasis } : {}),
    related: d.related ?? [],
  };
}
