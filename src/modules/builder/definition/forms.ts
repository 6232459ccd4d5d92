/**
 * The builder's HTML forms for a page and a question, both ways: reading a POST body into a
 * PageDef / QuestionDef (with problems of the form itself, e.g. "min is not a number"), and the
 * form values of an existing one. Which form field a definition problem belongs to is decided by
 * its JSON path (`fieldOfPath`), so the engine's checks show up beside the right input.
 *
 * Options are one per line: `value|日本語ラベル|English label` (the value may be left out:
 * `日本語ラベル` alone gets the value "1", "2", … in order).
 */
import { normalizeWidth } from "../../../core/text/japanese.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { PREFILL_FIELDS, QUESTION_TYPES, type Condition, type Option, type PageDef, type PrefillField, type QuestionDef, type QuestionType } from "../../procedures/forms/definition.ts";

export type FormBody = Record<string, string | string[] | undefined>;
export type FormValues = Record<string, string | string[]>;
/** A problem of the form's input itself, on one of its fields. */
export type FieldProblem = { field: string; code: string; params?: Record<string, string | number> };

export const CONDITION_OPS = ["equals", "notEquals", "includes", "answered", "unanswered"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

function text(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function texts(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function localized(body: FormBody, name: string): LocalizedText | undefined {
  const ja = text(body, `${name}_ja`).trim();
  const en = text(body, `${name}_en`).trim();
  if (!ja && !en) return undefined;
  return en ? { ja, en } : { ja };
}

function number(body: FormBody, name: string, problems: FieldProblem[], integer: boolean): number | undefined {
  const raw = normalizeWidth(text(body, name)).replace(/[,\s]/g, "");
  if (raw === "") return undefined;
  const ok = integer ? /^-?\d+$/.test(raw) : /^-?\d+(\.\d+)?$/.test(raw);
  if (!ok) {
    problems.push({ field: name, code: integer ? "not_integer" : "not_number" });
    return undefined;
  }
  return Number(raw);
}

/** Options from the textarea; problems on the "options" field. */
export function parseOptions(source: string): Option[] {
  const lines = source.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.map((line, i) => {
    const parts = line.split("|").map((p) => p.trim());
    if (parts.length === 1) return { value: String(i + 1), label: { ja: parts[0]! } };
    const [value, ja, en] = parts;
    return { value: value!, label: en ? { ja: ja ?? "", en } : { ja: ja ?? "" } };
  });
}

export function formatOptions(options: readonly Option[] | undefined): string {
  return (options ?? []).map((o) => [o.value, o.label.ja, ...(o.label.en ? [o.label.en] : [])].join("|")).join("\n");
}

/** The simple condition editor: one question, one test. "" question = no condition. */
export function parseCondition(body: FormBody, problems: FieldProblem[]): Condition | undefined | "keep" {
  if (text(body, "cond_keep") === "yes") return "keep";
  const question = text(body, "cond_question").trim();
  if (!question) return undefined;
  const op = text(body, "cond_op") as ConditionOp;
  const value = text(body, "cond_value").trim();
  if (!(CONDITION_OPS as readonly string[]).includes(op)) {
    problems.push({ field: "cond_op", code: "condition_op" });
    return undefined;
  }
  if (op === "answered") return { question, answered: true };
  if (op === "unanswered") return { question, answered: false };
  if (!value) {
    problems.push({ field: "cond_value", code: "condition_value" });
    return undefined;
  }
  if (op === "equals") return { question, equals: value };
  if (op === "notEquals") return { question, notEquals: value };
  return { question, includes: value };
}

export function conditionValues(cond: Condition | undefined): FormValues {
  if (!cond) return { cond_question: "", cond_op: "equals", cond_value: "" };
  if ("all" in cond || "any" in cond) return { cond_keep: "yes", cond_question: "", cond_op: "equals", cond_value: "" };
  if ("equals" in cond) return { cond_question: cond.question, cond_op: "equals", cond_value: cond.equals };
  if ("notEquals" in cond) return { cond_question: cond.question, cond_op: "notEquals", cond_value: cond.notEquals };
  if ("includes" in cond) return { cond_question: cond.question, cond_op: "includes", cond_value: cond.includes };
  if ("in" in cond) return { cond_keep: "yes", cond_question: "", cond_op: "equals", cond_value: "" };
  return { cond_question: cond.question, cond_op: cond.answered ? "answered" : "unanswered", cond_value: "" };
}

// ---------------------------------------------------------------------------------------------
// Pages

export function parsePageForm(body: FormBody, existing?: PageDef): { page: Omit<PageDef, "questions">; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const page: Omit<PageDef, "questions"> = {
    id: text(body, "id").trim(),
    title: localized(body, "title") ?? { ja: "" },
  };
  const description = localized(body, "description");
  if (description) page.description = description;
  const cond = parseCondition(body, problems);
  if (cond === "keep") {
    if (existing?.showIf) page.showIf = existing.showIf;
  } else if (cond) page.showIf = cond;
  return { page, problems };
}

export function pageFormValues(page: PageDef): FormValues {
  return {
    id: page.id,
    title_ja: page.title.ja,
    title_en: page.title.en ?? "",
    description_ja: page.description?.ja ?? "",
    description_en: page.description?.en ?? "",
    ...conditionValues(page.showIf),
  };
}

// ---------------------------------------------------------------------------------------------
// Questions

/** Which parts of the question form a type uses. */
export function sectionsOf(type: QuestionType): Set<string> {
  const sections = new Set<string>(["basic"]);
  if (type !== "calculated") sections.add("required");
  if (type === "text" || type === "textarea") sections.add("length").add("pattern");
  if (type === "number") sections.add("range");
  if (type === "date") sections.add("dates");
  if (type === "single" || type === "multiple" || type === "select") sections.add("options");
  if (type === "file") sections.add("file");
  if (type === "group") sections.add("group");
  if (type === "calculated") sections.add("calculation");
  if (prefillChoices(type).length > 0) sections.add("prefill");
  return sections;
}

/** The profile fields that can fill a question of this type. */
export function prefillChoices(type: QuestionType): PrefillField[] {
  const byType: Partial<Record<QuestionType, PrefillField>> = {
    name: "name",
    furigana: "furigana",
    date: "birth_date",
    address: "address",
    phone: "phone",
    email: "email",
  };
  const field = byType[type];
  return field && (PREFILL_FIELDS as readonly string[]).includes(field) ? [field] : [];
}

export function isQuestionType(value: string): value is QuestionType {
  return (QUESTION_TYPES as readonly string[]).includes(value);
}

/**
 * Reads the question form. Properties the form does not show for the type are dropped (a
 * question turned from `single` into `text` loses its options); group fields are kept from the
 * existing question (they are edited one by one).
 */
export function parseQuestionForm(body: FormBody, existing?: QuestionDef): { question: QuestionDef; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const typeText = text(body, "type");
  const type: QuestionType = isQuestionType(typeText) ? typeText : (existing?.type ?? "text");
  if (!isQuestionType(typeText) && !existing) problems.push({ field: "type", code: "type_unknown" });
  const sections = sectionsOf(type);
  const q: QuestionDef = { id: text(body, "id").trim(), type, label: localized(body, "label") ?? { ja: "" } };
  const hint = localized(body, "hint");
  if (hint) q.hint = hint;
  if (sections.has("required") && text(body, "optional") === "yes") q.required = false;
  if (sections.has("length")) {
    const min = number(body, "min_length", problems, true);
    const max = number(body, "max_length", problems, true);
    if (min !== undefined) q.minLength = min;
    if (max !== undefined) q.maxLength = max;
  }
  if (sections.has("pattern")) {
    const regex = text(body, "pattern").trim();
    if (regex) q.pattern = { regex, message: localized(body, "pattern_message") ?? { ja: "" } };
  }
  if (sections.has("range")) {
    const min = number(body, "min", problems, false);
    const max = number(body, "max", problems, false);
    if (min !== undefined) q.min = min;
    if (max !== undefined) q.max = max;
  }
  if (sections.has("dates")) {
    const min = normalizeWidth(text(body, "min_date")).trim();
    const max = normalizeWidth(text(body, "max_date")).trim();
    if (min) q.minDate = min;
    if (max) q.maxDate = max;
  }
  if (sections.has("options")) q.options = parseOptions(text(body, "options"));
  if (sections.has("file")) {
    const accept = texts(body, "accept").filter((k): k is "pdf" | "jpeg" | "png" => k === "pdf" || k === "jpeg" || k === "png");
    if (accept.length) q.accept = accept;
    const mb = number(body, "max_mb", problems, false);
    if (mb !== undefined) q.maxBytes = Math.round(mb * 1024 * 1024);
  }
  if (sections.has("group")) {
    const itemLabel = localized(body, "item_label");
    if (itemLabel) q.itemLabel = itemLabel;
    const min = number(body, "min_items", problems, true);
    const max = number(body, "max_items", problems, true);
    if (min !== undefined) q.minItems = min;
    if (max !== undefined) q.maxItems = max;
    q.fields = existing?.type === "group" ? (existing.fields ?? []) : [];
  }
  if (sections.has("calculation")) {
    q.expression = text(body, "expression").trim();
    const format = text(body, "format");
    if (format === "yen") q.format = "yen";
  }
  if (sections.has("prefill")) {
    const prefill = text(body, "prefill");
    if ((PREFILL_FIELDS as readonly string[]).includes(prefill)) q.prefill = prefill as PrefillField;
  }
  const cond = parseCondition(body, problems);
  if (cond === "keep") {
    if (existing?.showIf) q.showIf = existing.showIf;
  } else if (cond) q.showIf = cond;
  return { question: q, problems };
}

export function questionFormValues(q: QuestionDef): FormValues {
  const mb = q.maxBytes !== undefined ? String(Math.round((q.maxBytes / (1024 * 1024)) * 10) / 10) : "";
  return {
    id: q.id,
    type: q.type,
    label_ja: q.label.ja,
    label_en: q.label.en ?? "",
    hint_ja: q.hint?.ja ?? "",
    hint_en: q.hint?.en ?? "",
    optional: q.required === false ? "yes" : "",
    min_length: q.minLength !== undefined ? String(q.minLength) : "",
    max_length: q.maxLength !== undefined ? String(q.maxLength) : "",
    pattern: q.pattern?.regex ?? "",
    pattern_message_ja: q.pattern?.message.ja ?? "",
    pattern_message_en: q.pattern?.message.en ?? "",
    min: q.min !== undefined ? String(q.min) : "",
    max: q.max !== undefined ? String(q.max) : "",
    min_date: q.minDate ?? "",
    max_date: q.maxDate ?? "",
    options: formatOptions(q.options),
    accept: q.accept ?? [],
    max_mb: mb,
    item_label_ja: q.itemLabel?.ja ?? "",
    item_label_en: q.itemLabel?.en ?? "",
    min_items: q.minItems !== undefined ? String(q.minItems) : "",
    max_items: q.maxItems !== undefined ? String(q.maxItems) : "",
    expression: q.expression ?? "",
    format: q.format ?? "number",
    prefill: q.prefill ?? "",
    ...conditionValues(q.showIf),
  };
}

/**
 * The form field a definition problem belongs to, from the rest of its JSON path after the
 * question's (or page's) own path: ".expression" → "expression", ".options[2].value" → "options".
 */
export function fieldOfPath(rest: string): string {
  const rules: Array<[RegExp, string]> = [
    [/^\.id/, "id"],
    [/^\.type/, "type"],
    [/^\.label\.en/, "label_en"],
    [/^\.label/, "label_ja"],
    [/^\.title\.en/, "title_en"],
    [/^\.title/, "title_ja"],
    [/^\.description/, "description_ja"],
    [/^\.hint/, "hint_ja"],
    [/^\.minLength/, "min_length"],
    [/^\.maxLength/, "max_length"],
    [/^\.pattern\.message/, "pattern_message_ja"],
    [/^\.pattern/, "pattern"],
    [/^\.min$/, "min"],
    [/^\.max$/, "max"],
    [/^\.minDate/, "min_date"],
    [/^\.maxDate/, "max_date"],
    [/^\.options/, "options"],
    [/^\.accept/, "accept"],
    [/^\.maxBytes/, "max_mb"],
    [/^\.itemLabel/, "item_label_ja"],
    [/^\.minItems/, "min_items"],
    [/^\.maxItems/, "max_items"],
    [/^\.fields/, "fields"],
    [/^\.expression/, "expression"],
    [/^\.format/, "format"],
    [/^\.prefill/, "prefill"],
    [/^\.showIf.*\.(equals|notEquals|includes|in)/, "cond_value"],
    [/^\.showIf/, "cond_question"],
    [/^\.questions/, "questions"],
  ];
  for (const [pattern, field] of rules) if (pattern.test(rest)) return field;
  return "";
}
