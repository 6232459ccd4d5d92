/**
 * The staff editor's forms and operations on a draft definition, without code: a question or a
 * checklist item is one form; conditions are rows of 「質問・比べ方・値」 joined by 「すべて」 or
 * 「いずれか」 (conditions the rows cannot show — nested groups — are edited as JSON on the same
 * page). Pure functions: forms → parts of a definition, with every field error at once; and
 * operations (add, replace, move, delete, rename) that return a new definition.
 */
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { FormBody } from "../procedures/forms/index.ts";
import type { ChecklistItemDef, Condition, HarnessCase, NavigatorDefinition, NavigatorQuestion, NavigatorQuestionType, PrefillSource, WhereKind } from "./definition.ts";
import { NAVIGATOR_QUESTION_TYPES, RESERVED_QUERY_KEYS, WHERE_KINDS } from "./definition.ts";
import { ConditionSchema, ITEM_ID, OPTION_VALUE, QUESTION_ID } from "./schema.ts";

export type EditorError = { field: string; code: string; params?: Record<string, string | number> };

function read(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? value[0] ?? "" : value ?? "").trim();
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

function localized(body: FormBody, base: string): LocalizedText {
  const ja = read(body, `${base}_ja`);
  const en = read(body, `${base}_en`);
  return en ? { ja, en } : { ja };
}

// ---------------------------------------------------------------------------------------------
// Conditions as rows

export const CONDITION_OPS = ["equals", "notEquals", "in", "includes", "answered", "unanswered"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
export type ConditionRow = { question: string; op: ConditionOp; value: string };
export type ConditionRows = { mode: "all" | "any"; rows: ConditionRow[] };

function leafToRow(cond: Condition): ConditionRow | null {
  if ("all" in cond || "any" in cond) return null;
  if ("equals" in cond) return { question: cond.question, op: "equals", value: cond.equals };
  if ("notEquals" in cond) return { question: cond.question, op: "notEquals", value: cond.notEquals };
  if ("in" in cond) return { question: cond.question, op: "in", value: cond.in.join(", ") };
  if ("includes" in cond) return { question: cond.question, op: "includes", value: cond.includes };
  return { question: cond.question, op: cond.answered ? "answered" : "unanswered", value: "" };
}

/** The rows of a condition, or null when it has nested groups (edited as JSON then). */
export function conditionToRows(cond: Condition | undefined): ConditionRows | null {
  if (!cond) return { mode: "all", rows: [] };
  const leaf = leafToRow(cond);
  if (leaf) return { mode: "all", rows: [leaf] };
  const list = "all" in cond ? cond.all : "any" in cond ? cond.any : [];
  const rows = list.map(leafToRow);
  if (rows.some((r) => r === null)) return null;
  return { mode: "all" in cond ? "all" : "any", rows: rows as ConditionRow[] };
}

function rowToLeaf(row: ConditionRow): Condition {
  switch (row.op) {
    case "equals":
      return { question: row.question, equals: row.value };
    case "notEquals":
      return { question: row.question, notEquals: row.value };
    case "in":
      return { question: row.question, in: row.value.split(/[,|、，]/).map((v) => v.trim()).filter(Boolean) };
    case "includes":
      return { question: row.question, includes: row.value };
    case "answered":
      return { question: row.question, answered: true };
    case "unanswered":
      return { question: row.question, answered: false };
  }
}

export function rowsToCondition(rows: ConditionRows): Condition | undefined {
  if (rows.rows.length === 0) return undefined;
  if (rows.rows.length === 1) return rowToLeaf(rows.rows[0]!);
  const leaves = rows.rows.map(rowToLeaf);
  return rows.mode === "any" ? { any: leaves } : { all: leaves };
}

/** Rows shown in the editor besides those in use. */
export const EMPTY_CONDITION_ROWS = 2;

/**
 * Reads the condition fields `<prefix>_mode`, `<prefix>_<n>_question|op|value`, or the JSON
 * textarea `<prefix>_json` when present. A row without a question is ignored.
 */
export function parseConditionFields(body: FormBody, prefix: string, errors: EditorError[]): Condition | undefined {
  if (body[`${prefix}_json`] !== undefined) {
    const text = read(body, `${prefix}_json`);
    if (text === "") return undefined;
    try {
      const parsed = ConditionSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // reported below
    }
    errors.push({ field: `${prefix}_json`, code: "condition_json" });
    return undefined;
  }
  const mode = read(body, `${prefix}_mode`) === "any" ? "any" : "all";
  const rows: ConditionRow[] = [];
  for (let n = 0; n < 20; n++) {
    if (body[`${prefix}_${n}_question`] === undefined) break;
    const question = read(body, `${prefix}_${n}_question`);
    if (!question) continue;
    const op = read(body, `${prefix}_${n}_op`) as ConditionOp;
    const value = read(body, `${prefix}_${n}_value`);
    if (!(CONDITION_OPS as readonly string[]).includes(op)) {
      errors.push({ field: `${prefix}_${n}_op`, code: "condition_op" });
      continue;
    }
    if (op !== "answered" && op !== "unanswered" && value === "") {
      errors.push({ field: `${prefix}_${n}_value`, code: "condition_value_required" });
      continue;
    }
    rows.push({ question, op, value });
  }
  return rowsToCondition({ mode, rows });
}

// ---------------------------------------------------------------------------------------------
// Forms

/** Reads a question's form. Options: one per line, "value | 日本語 | English". */
export function parseQuestionForm(body: FormBody): { question: NavigatorQuestion | null; errors: EditorError[] } {
  const errors: EditorError[] = [];
  const id = read(body, "id");
  if (!QUESTION_ID.test(id)) errors.push({ field: "id", code: "question_id" });
  else if ((RESERVED_QUERY_KEYS as readonly string[]).includes(id)) errors.push({ field: "id", code: "reserved_id" });
  const type = read(body, "type") as NavigatorQuestionType;
  if (!(NAVIGATOR_QUESTION_TYPES as readonly string[]).includes(type)) errors.push({ field: "type", code: "question_type" });
  const label = localized(body, "label");
  if (!label.ja) errors.push({ field: "label_ja", code: "required_text" });
  const hint = localized(body, "hint");
  const question: NavigatorQuestion = { id, type, label, ...(hint.ja ? { hint } : {}) };
  if (read(body, "required") !== "yes") question.required = false;
  if (type === "single" || type === "multiple") {
    const options = lines(read(body, "options")).map((line, i) => {
      const [value = "", ja = "", en = ""] = line.split("|").map((s) => s.trim());
      if (!OPTION_VALUE.test(value) || !ja) errors.push({ field: "options", code: "option_line", params: { line: i + 1 } });
      return { value, label: en ? { ja, en } : { ja } };
    });
    if (options.length < 2) errors.push({ field: "options", code: "options_missing" });
    question.options = options;
  }
  if (type === "date") {
    for (const [field, key] of [["min_date", "minDate"], ["max_date", "maxDate"]] as const) {
      const value = read(body, field);
      if (!value) continue;
      if (value !== "today" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push({ field, code: "date_bound" });
      else question[key] = value;
    }
  }
  const showIf = parseConditionFields(body, "show_if", errors);
  if (showIf) question.showIf = showIf;
  return { question: errors.length > 0 ? null : question, errors };
}

/** Reads an item's form. What to bring: one per line (Japanese and English lines pair up). */
export function parseItemForm(body: FormBody): { item: ChecklistItemDef | null; errors: EditorError[] } {
  const errors: EditorError[] = [];
  const id = read(body, "id");
  if (!ITEM_ID.test(id)) errors.push({ field: "id", code: "item_id" });
  const title = localized(body, "title");
  if (!title.ja) errors.push({ field: "title_ja", code: "required_text" });
  const kind = read(body, "where_kind") as WhereKind;
  if (!(WHERE_KINDS as readonly string[]).includes(kind)) errors.push({ field: "where_kind", code: "where_kind" });
  const place = localized(body, "place");
  if (!place.ja) errors.push({ field: "place_ja", code: "required_text" });
  const url = read(body, "url");
  if (url && !/^(https?:\/\/[^\s]+|\/[a-z0-9][^\s]*)$/.test(url)) errors.push({ field: "url", code: "url" });
  const why = localized(body, "why");
  if (!why.ja) errors.push({ field: "why_ja", code: "required_text" });
  const bringJa = lines(read(body, "bring_ja"));
  const bringEn = lines(read(body, "bring_en"));
  if (bringEn.length > bringJa.length) errors.push({ field: "bring_en", code: "bring_lines" });
  const item: ChecklistItemDef = {
    id,
    title,
    where: { kind, place, ...(url ? { url } : {}) },
    bring: bringJa.map((ja, i) => (bringEn[i] ? { ja, en: bringEn[i]! } : { ja })),
    why,
  };
  const procedure = read(body, "procedure");
  if (procedure) item.procedure = procedure;
  const from = read(body, "deadline_from");
  if (from) {
    const countText = read(body, "deadline_count").normalize("NFKC");
    const count = Number(countText);
    if (!/^\d{1,4}$/.test(countText) || count < 1 || count > 3650) errors.push({ field: "deadline_count", code: "deadline_count" });
    const basis = localized(body, "basis");
    if (!basis.ja) errors.push({ field: "basis_ja", code: "required_text" });
    const unit = read(body, "deadline_unit") === "months" ? "months" : "days";
    item.deadline = {
      from,
      count,
      ...(unit === "months" ? { unit } : {}),
      ...(read(body, "deadline_first_day") === "yes" ? { countFirstDay: true } : {}),
      ...(read(body, "deadline_roll_over") === "yes" ? {} : { rollOver: false }),
      basis,
    };
  }
  const prefill: Record<string, PrefillSource> = {};
  lines(read(body, "prefill")).forEach((line, i) => {
    const match = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(answer|value)\s*:\s*(\S+)$/.exec(line);
    if (!match) {
      errors.push({ field: "prefill", code: "prefill_line", params: { line: i + 1 } });
      return;
    }
    prefill[match[1]!] = match[2] === "answer" ? { answer: match[3]! } : { value: match[3]! };
  });
  if (Object.keys(prefill).length > 0) item.prefill = prefill;
  const when = parseConditionFields(body, "when", errors);
  if (when) item.when = when;
  return { item: errors.length > 0 ? null : item, errors };
}

/** The prefill textarea's text for an item. */
export function prefillText(item: ChecklistItemDef | undefined): string {
  return Object.entries(item?.prefill ?? {})
    .map(([id, source]) => ("answer" in source ? `${id} = answer:${source.answer}` : `${id} = value:${source.value}`))
    .join("\n");
}

/** The options textarea's text for a question. */
export function optionsText(q: NavigatorQuestion | undefined): string {
  return (q?.options ?? []).map((o) => [o.value, o.label.ja, o.label.en ?? ""].join(" | ").replace(/ \| $/, "")).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Operations

type Ref = { kind: "question" | "item"; id: string };

function renameInCondition(cond: Condition, from: string, to: string): Condition {
  if ("all" in cond) return { all: cond.all.map((c) => renameInCondition(c, from, to)) };
  if ("any" in cond) return { any: cond.any.map((c) => renameInCondition(c, from, to)) };
  return cond.question === from ? { ...cond, question: to } : cond;
}

/** Renames a question and every reference to it (conditions, deadlines, prefill, test answers). */
export function renameQuestion(def: NavigatorDefinition, from: string, to: string): NavigatorDefinition {
  if (from === to) return def;
  const rename = (cond: Condition | undefined) => (cond ? renameInCondition(cond, from, to) : undefined);
  return {
    ...def,
    questions: def.questions.map((q) => {
      const showIf = rename(q.showIf);
      return { ...q, id: q.id === from ? to : q.id, ...(showIf ? { showIf } : {}) };
    }),
    items: def.items.map((item) => {
      const when = rename(item.when);
      const prefill = item.prefill
        ? Object.fromEntries(Object.entries(item.prefill).map(([k, s]) => [k, "answer" in s && s.answer === from ? { answer: to } : s]))
        : undefined;
      return {
        ...item,
        ...(when ? { when } : {}),
        ...(item.deadline ? { deadline: { ...item.deadline, from: item.deadline.from === from ? to : item.deadline.from } } : {}),
        ...(prefill ? { prefill } : {}),
      };
    }),
    ...(def.tests
      ? { tests: def.tests.map((c) => ({ ...c, answers: Object.fromEntries(Object.entries(c.answers).map(([k, v]) => [k === from ? to : k, v])) })) }
      : {}),
  };
}

/** Replaces (or, with `originalId` null, appends) a question; renames references when its id changed. */
export function putQuestion(def: NavigatorDefinition, originalId: string | null, question: NavigatorQuestion): { definition: NavigatorDefinition; error?: EditorError } {
  const clash = def.questions.some((q) => q.id === question.id && q.id !== originalId);
  if (clash) return { definition: def, error: { field: "id", code: "duplicate_id", params: { id: question.id } } };
  if (originalId === null) return { definition: { ...def, questions: [...def.questions, question] } };
  const renamed = renameQuestion(def, originalId, question.id);
  return { definition: { ...renamed, questions: renamed.questions.map((q) => (q.id === question.id ? question : q)) } };
}

export function putItem(def: NavigatorDefinition, originalId: string | null, item: ChecklistItemDef): { definition: NavigatorDefinition; error?: EditorError } {
  const clash = def.items.some((i) => i.id === item.id && i.id !== originalId);
  if (clash) return { definition: def, error: { field: "id", code: "duplicate_item", params: { id: item.id } } };
  if (originalId === null) return { definition: { ...def, items: [...def.items, item] } };
  return { definition: { ...def, items: def.items.map((i) => (i.id === originalId ? item : i)) } };
}

function move<T extends { id: string }>(list: T[], id: string, direction: "up" | "down"): T[] {
  const index = list.findIndex((x) => x.id === id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

export function moveEntry(def: NavigatorDefinition, ref: Ref, direction: "up" | "down"): NavigatorDefinition {
  return ref.kind === "question" ? { ...def, questions: move(def.questions, ref.id, direction) } : { ...def, items: move(def.items, ref.id, direction) };
}

export function deleteEntry(def: NavigatorDefinition, ref: Ref): NavigatorDefinition {
  return ref.kind === "question" ? { ...def, questions: def.questions.filter((q) => q.id !== ref.id) } : { ...def, items: def.items.filter((i) => i.id !== ref.id) };
}

export function putBasics(def: NavigatorDefinition, basics: Pick<NavigatorDefinition, "title" | "summary" | "position">): NavigatorDefinition {
  return { ...def, ...basics };
}

export function addTestCase(def: NavigatorDefinition, test: HarnessCase): NavigatorDefinition {
  const others = (def.tests ?? []).filter((c) => c.name !== test.name);
  return { ...def, tests: [...others, test] };
}

export function removeTestCase(def: NavigatorDefinition, name: string): NavigatorDefinition {
  return { ...def, tests: (def.tests ?? []).filter((c) => c.name !== name) };
}

/** A new, empty definition for a new life event. */
export function skeletonDefinition(event: string, title: LocalizedText, position: number): NavigatorDefinition {
  return { event, title, summary: { ja: "" }, position, questions: [], items: [] };
}

// ---------------------------------------------------------------------------------------------
// JSON for people

/** Keys in the order people read them (PostgreSQL's jsonb stores them shortest first). */
const KEY_ORDER = [
  "event", "title", "summary", "position", "questions", "items", "tests",
  "id", "type", "label", "hint", "options", "value", "showIf", "required", "minDate", "maxDate",
  "when", "procedure", "where", "kind", "place", "url", "bring", "why", "deadline", "from", "count", "unit", "countFirstDay", "rollOver", "basis", "prefill", "answer",
  "question", "equals", "notEquals", "in", "includes", "answered", "all", "any",
  "name", "answers", "ja", "en",
];

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const rank = (key: string) => {
    const i = KEY_ORDER.indexOf(key);
    return i < 0 ? KEY_ORDER.length : i;
  };
  entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(entries.map(([k, v]) => [k, ordered(v)]));
}

/** A definition as indented JSON with its keys in reading order (the JSON page, version pages). */
export function definitionJson(def: NavigatorDefinition): string {
  return JSON.stringify(ordered(def), null, 2);
}
