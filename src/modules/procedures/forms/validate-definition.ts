/**
 * Checks a form definition before it is published (the builder shows the problems next to the
 * part of the form they concern). Each problem has a JSON path such as
 * `$.pages[2].questions[0].options`, a stable code and a localized message.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { isValidIsoDate } from "../../../core/text/wareki.ts";
import { PREFILL_FIELDS, QUESTION_TYPES, type Condition, type FormDefinition, type QuestionDef, type QuestionType } from "./definition.ts";
import { expressionUses, parseExpression } from "./expression.ts";
import { FILE_KINDS } from "./questions/file.ts";
import { compilePattern } from "./questions/text.ts";
import "./messages.ts";

export type DefinitionProblem = {
  /** JSON path of the offending part, e.g. $.pages[2].questions[0].options */
  path: string;
  /** Stable code, e.g. "options_missing" */
  code: string;
  message: string;
};

export const ID_PATTERN = /^[a-z][a-z0-9_]*$/i;
const CHOICE_TYPES = new Set(["single", "multiple", "select"]);

/** The question type each profile field can prefill (start-draft.ts). */
export const PREFILL_TYPES: Record<string, QuestionType> = {
  name: "name",
  furigana: "furigana",
  birth_date: "date",
  address: "address",
  phone: "phone",
  email: "email",
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Known = { pageIndex: number; question: QuestionDef };

export function validateDefinition(def: FormDefinition, locale: Locale = "ja"): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report = (path: string, code: string, params: Record<string, string | number> = {}) =>
    problems.push({ path, code, message: t(locale, `forms.def.${code}`, params) });

  if (!def || !Array.isArray(def.pages) || def.pages.length === 0) {
    report("$.pages", "no_pages");
    return problems;
  }

  const pageIds = new Set<string>();
  // Every question first, so that a condition on a later question is told apart from a typo.
  const questions = new Map<string, Known>();
  def.pages.forEach((page, pageIndex) => {
    if (!isObject(page)) return;
    for (const q of Array.isArray(page.questions) ? page.questions : []) {
      if (isObject(q) && typeof q.id === "string" && !questions.has(q.id)) questions.set(q.id, { pageIndex, question: q });
    }
  });
  const seenQuestionIds = new Set<string>();

  def.pages.forEach((page, pageIndex) => {
    const pagePath = `$.pages[${pageIndex}]`;
    if (!isObject(page)) {
      report(pagePath, "not_object");
      return;
    }
    checkId(page.id, `${pagePath}.id`, pageIds, report);
    if (typeof page.title?.ja !== "string" || !page.title.ja.trim()) report(`${pagePath}.title.ja`, "title_missing");
    if (page.showIf) checkCondition(page.showIf, `${pagePath}.showIf`, pageIndex, questions, report);
    if (!Array.isArray(page.questions) || page.questions.length === 0) {
      report(`${pagePath}.questions`, "no_questions");
      return;
    }
    page.questions.forEach((q, qIndex) => {
      const path = `${pagePath}.questions[${qIndex}]`;
      if (!isObject(q)) {
        report(path, "not_object");
        return;
      }
      checkId(q.id, `${path}.id`, seenQuestionIds, report);
      checkQuestion(q, path, pageIndex, questions, report, false);
    });
  });
  return problems;
}

type Report = (path: string, code: string, params?: Record<string, string | number>) => void;

function checkId(id: unknown, path: string, seen: Set<string>, report: Report): void {
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    report(path, "id_invalid", { id: String(id ?? "") });
    return;
  }
  if (seen.has(id)) report(path, "id_duplicate", { id });
  seen.add(id);
}

function isPositiveInteger(n: unknown): boolean {
  return typeof n === "number" && Number.isInteger(n) && n > 0;
}

function checkQuestion(
  q: QuestionDef,
  path: string,
  pageIndex: number,
  questions: Map<string, Known>,
  report: Report,
  inGroup: boolean,
): void {
  if (!(QUESTION_TYPES as readonly string[]).includes(q.type)) {
    report(`${path}.type`, "type_unknown", { type: String(q.type) });
    return;
  }
  if (typeof q.label?.ja !== "string" || !q.label.ja.trim()) report(`${path}.label.ja`, "label_missing");
  if (q.showIf) checkCondition(q.showIf, `${path}.showIf`, pageIndex, questions, report);

  if (CHOICE_TYPES.has(q.type)) {
    if (!Array.isArray(q.options) || q.options.length === 0) report(`${path}.options`, "options_missing");
    else {
      const values = new Set<string>();
      q.options.forEach((option, i) => {
        const optionPath = `${path}.options[${i}]`;
        if (!isObject(option)) {
          report(optionPath, "not_object");
          return;
        }
        if (typeof option.value !== "string" || option.value === "") report(`${optionPath}.value`, "option_value_missing");
        else if (values.has(option.value)) report(`${optionPath}.value`, "option_value_duplicate", { value: option.value });
        else values.add(option.value);
        if (!option.label?.ja?.trim()) report(`${optionPath}.label.ja`, "label_missing");
      });
    }
  }
  if (q.maxLength !== undefined && !isPositiveInteger(q.maxLength)) report(`${path}.maxLength`, "positive_integer");
  if (q.minLength !== undefined && !isPositiveInteger(q.minLength)) report(`${path}.minLength`, "positive_integer");
  else if (q.minLength !== undefined && isPositiveInteger(q.maxLength) && q.minLength > q.maxLength!) report(`${path}.minLength`, "min_above_max");
  for (const key of ["min", "max"] as const) {
    if (q[key] !== undefined && (typeof q[key] !== "number" || !Number.isFinite(q[key]))) report(`${path}.${key}`, "number_invalid");
  }
  if (q.prefill !== undefined) {
    if (!(PREFILL_FIELDS as readonly string[]).includes(q.prefill)) report(`${path}.prefill`, "prefill_unknown", { field: String(q.prefill) });
    else if (PREFILL_TYPES[q.prefill] !== q.type) report(`${path}.prefill`, "prefill_type", { field: q.prefill });
    else if (inGroup) report(`${path}.prefill`, "prefill_in_group");
  }
  if (q.type === "calculated") checkCalculation(q, path, pageIndex, questions, report, inGroup);
  if (q.pattern) {
    try {
      compilePattern(q.pattern.regex);
    } catch {
      report(`${path}.pattern.regex`, "pattern_invalid", { regex: String(q.pattern.regex) });
    }
    if (!q.pattern.message?.ja?.trim()) report(`${path}.pattern.message.ja`, "pattern_message_missing");
  }
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) report(`${path}.min`, "min_above_max");
  for (const key of ["minDate", "maxDate"] as const) {
    const value = q[key];
    if (value !== undefined && value !== "today" && !isValidIsoDate(value)) {
      report(`${path}.${key}`, "date_invalid", { value: String(value) });
    }
  }
  if (q.minDate && q.maxDate && q.minDate !== "today" && q.maxDate !== "today" && q.minDate > q.maxDate) {
    report(`${path}.minDate`, "min_above_max");
  }
  if (q.accept !== undefined && !Array.isArray(q.accept)) report(`${path}.accept`, "accept_invalid", { kind: String(q.accept) });
  else q.accept?.forEach((kind, i) => {
    if (!FILE_KINDS.includes(kind)) report(`${path}.accept[${i}]`, "accept_invalid", { kind: String(kind) });
  });
  if (q.maxBytes !== undefined && !isPositiveInteger(q.maxBytes)) report(`${path}.maxBytes`, "positive_integer");

  if (q.type === "group") {
    if (inGroup) report(`${path}.type`, "group_nested");
    checkGroup(q, path, pageIndex, questions, report);
  }
}

function checkCalculation(q: QuestionDef, path: string, pageIndex: number, questions: Map<string, Known>, report: Report, inGroup: boolean): void {
  if (inGroup) {
    report(`${path}.type`, "calculated_in_group");
    return;
  }
  if (q.format !== undefined && q.format !== "number" && q.format !== "yen") report(`${path}.format`, "format_invalid", { format: String(q.format) });
  if (typeof q.expression !== "string" || q.expression.trim() === "") {
    report(`${path}.expression`, "expression_missing");
    return;
  }
  const parsed = parseExpression(q.expression);
  if (!parsed.ok) {
    const { code, position, found } = parsed.error;
    report(`${path}.expression`, `expression_${code}`, { position: position + 1, found });
    return;
  }
  for (const use of expressionUses(parsed.ast)) {
    const known = questions.get(use.id);
    const params = { id: use.id, position: use.position + 1 };
    if (!known) report(`${path}.expression`, "expression_unknown_question", params);
    else if (known.pageIndex >= pageIndex) report(`${path}.expression`, "expression_not_earlier", params);
    else if (use.usage === "count" && !["group", "multiple"].includes(known.question.type)) report(`${path}.expression`, "expression_count_type", params);
    else if (use.usage === "number" && !isNumeric(known.question)) report(`${path}.expression`, "expression_not_number", params);
  }
}

/** Whether a question's answer can be used as a number in a calculation. */
function isNumeric(q: QuestionDef): boolean {
  if (q.type === "number" || q.type === "calculated" || q.type === "declaration") return true;
  if (q.type === "single" || q.type === "select") {
    return Array.isArray(q.options) && q.options.length > 0 && q.options.every((o) => /^-?\d+(\.\d+)?$/.test(String(o.value)));
  }
  return false;
}

function checkGroup(q: QuestionDef, path: string, pageIndex: number, questions: Map<string, Known>, report: Report): void {
  if (!Array.isArray(q.fields) || q.fields.length === 0) report(`${path}.fields`, "group_fields_missing");
  const isCount = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0;
  if (q.minItems !== undefined && !isCount(q.minItems)) report(`${path}.minItems`, "count_invalid");
  if (q.maxItems !== undefined && (!isCount(q.maxItems) || q.maxItems < 1)) report(`${path}.maxItems`, "count_invalid");
  if (q.minItems !== undefined && q.maxItems !== undefined && q.minItems > q.maxItems) {
    report(`${path}.minItems`, "min_above_max");
  }
  const ids = new Set<string>();
  (Array.isArray(q.fields) ? q.fields : []).forEach((field, i) => {
    const fieldPath = `${path}.fields[${i}]`;
    if (!isObject(field)) {
      report(fieldPath, "not_object");
      return;
    }
    checkId(field.id, `${fieldPath}.id`, ids, report);
    if (field.type === "group") {
      report(`${fieldPath}.type`, "group_nested");
      return;
    }
    checkQuestion(field, fieldPath, pageIndex, questions, report, true);
  });
}

const OPERATORS = ["equals", "notEquals", "in", "includes", "answered"] as const;

function checkCondition(
  cond: Condition,
  path: string,
  pageIndex: number,
  questions: Map<string, Known>,
  report: Report,
): void {
  if (typeof cond !== "object" || cond === null) {
    report(path, "condition_invalid");
    return;
  }
  if ("all" in cond || "any" in cond) {
    const key = "all" in cond ? "all" : "any";
    const list = (cond as Record<string, unknown>)[key];
    if (!Array.isArray(list) || list.length === 0) {
      report(`${path}.${key}`, "condition_invalid");
      return;
    }
    list.forEach((c: Condition, i) => checkCondition(c, `${path}.${key}[${i}]`, pageIndex, questions, report));
    return;
  }
  const operators = OPERATORS.filter((op) => op in cond);
  if (typeof cond.question !== "string" || operators.length !== 1) {
    report(path, "condition_invalid");
    return;
  }
  const known = questions.get(cond.question);
  if (!known) {
    report(`${path}.question`, "condition_unknown_question", { id: cond.question });
    return;
  }
  if (known.pageIndex >= pageIndex) {
    report(`${path}.question`, "condition_not_earlier", { id: cond.question });
    return;
  }
  const target = known.question;
  if ("includes" in cond && target.type !== "multiple") report(`${path}.includes`, "condition_includes_not_multiple");
  if ("in" in cond && (!Array.isArray(cond.in) || cond.in.length === 0)) {
    report(`${path}.in`, "condition_invalid");
    return;
  }
  if (target.options && CHOICE_TYPES.has(target.type)) {
    const values = new Set(target.options.map((o) => o.value));
    const check = (value: unknown, valuePath: string) => {
      if (typeof value !== "string" || !values.has(value)) {
        report(valuePath, "condition_value_not_option", { value: String(value), id: target.id });
      }
    };
    if ("equals" in cond) check(cond.equals, `${path}.equals`);
    if ("notEquals" in cond) check(cond.notEquals, `${path}.notEquals`);
    if ("includes" in cond) check(cond.includes, `${path}.includes`);
    if ("in" in cond) cond.in.forEach((v, i) => check(v, `${path}.in[${i}]`));
  }
}
