/**
 * The resident's way through a navigator definition, on top of the forms engine: each question
 * becomes a one-question page of a FormDefinition (page id = question id), so the engine's
 * rendering, parsing (with every error at once), conditions and journey rules apply unchanged.
 *
 * Answers live in the URL query (`?move_type=in&move_date=2026-04-01`): nothing about the
 * resident is stored on the server, a result URL is a permalink, and the flow needs no account,
 * no cookie beyond CSRF, and no JavaScript.
 */
import type { LocalizedText } from "../../core/i18n/index.ts";
import { isValidIsoDate } from "../../core/text/wareki.ts";
import {
  canVisitPage,
  firstIncompletePageId,
  nextPageId,
  previousPageId,
  pruneAnswers,
  visiblePages,
  type AnswerValue,
  type FormDefinition,
  type Option,
  type PageDef,
  type QuestionDef,
} from "../procedures/forms/index.ts";
import type { NavigatorAnswers, NavigatorDefinition, NavigatorQuestion } from "./definition.ts";

const YES: LocalizedText = { ja: "はい", en: "Yes" };
const NO: LocalizedText = { ja: "いいえ", en: "No" };
export const YES_NO_OPTIONS: Option[] = [
  { value: "yes", label: YES },
  { value: "no", label: NO },
];

/** The options a question offers (yesno: yes / no). */
export function optionsOf(q: NavigatorQuestion): Option[] {
  if (q.type === "yesno") return YES_NO_OPTIONS;
  if (q.type === "single" || q.type === "multiple") return q.options ?? [];
  return [];
}

function toQuestionDef(q: NavigatorQuestion): QuestionDef {
  const base: QuestionDef = {
    id: q.id,
    type: q.type === "yesno" ? "single" : q.type,
    label: q.label,
    ...(q.hint ? { hint: q.hint } : {}),
    required: q.required !== false,
  };
  if (q.type === "date") return { ...base, ...(q.minDate ? { minDate: q.minDate } : {}), ...(q.maxDate ? { maxDate: q.maxDate } : {}) };
  return { ...base, options: optionsOf(q) };
}

const forms = new WeakMap<NavigatorDefinition, FormDefinition>();

/** The definition as a form with one page per question (cached per definition object). */
export function formOf(def: NavigatorDefinition): FormDefinition {
  let form = forms.get(def);
  if (!form) {
    form = {
      pages: def.questions.map((q): PageDef => ({ id: q.id, title: q.label, ...(q.showIf ? { showIf: q.showIf } : {}), questions: [toQuestionDef(q)] })),
    };
    forms.set(def, form);
  }
  return form;
}

export function questionOf(def: NavigatorDefinition, id: string): NavigatorQuestion | undefined {
  return def.questions.find((q) => q.id === id);
}

export type AnswerProblem = { question: string; code: "not_an_option" | "not_a_date" | "not_a_list" | "unknown_question" };

/**
 * Reads answers from a URL query or a JSON body: values that do not fit their question are left
 * out (and reported), then the answers of questions that are not shown for the other answers are
 * dropped, as the forms engine prunes them.
 */
export function readAnswers(def: NavigatorDefinition, input: Record<string, unknown>, options: { reportUnknown?: boolean } = {}): { answers: NavigatorAnswers; problems: AnswerProblem[] } {
  const answers: NavigatorAnswers = {};
  const problems: AnswerProblem[] = [];
  for (const q of def.questions) {
    const raw = input[q.id];
    if (raw === undefined || raw === "") continue;
    if (q.type === "date") {
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (typeof value === "string" && isValidIsoDate(value)) answers[q.id] = value;
      else problems.push({ question: q.id, code: "not_a_date" });
      continue;
    }
    const allowed = new Set(optionsOf(q).map((o) => o.value));
    if (q.type === "multiple") {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((v): v is string => typeof v === "string")) {
        problems.push({ question: q.id, code: "not_a_list" });
        continue;
      }
      const kept = [...new Set(list)].filter((v) => allowed.has(v));
      if (kept.length < list.length) problems.push({ question: q.id, code: "not_an_option" });
      if (kept.length > 0) answers[q.id] = kept;
      continue;
    }
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && allowed.has(value)) answers[q.id] = value;
    else problems.push({ question: q.id, code: "not_an_option" });
  }
  if (options.reportUnknown) {
    const known = new Set(def.questions.map((q) => q.id));
    for (const key of Object.keys(input)) if (!known.has(key)) problems.push({ question: key, code: "unknown_question" });
  }
  return { answers: prune(def, answers), problems };
}

/** Only the answers of questions shown for these answers. */
export function prune(def: NavigatorDefinition, answers: NavigatorAnswers): NavigatorAnswers {
  return pruneAnswers(formOf(def), answers as Record<string, AnswerValue>) as NavigatorAnswers;
}

/** The answers as a URL query string (without "?"), in question order. */
export function answersQuery(def: NavigatorDefinition, answers: NavigatorAnswers, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const q of def.questions) {
    const value = answers[q.id];
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(q.id, v);
  }
  for (const [key, value] of Object.entries(extra)) params.append(key, value);
  return params.toString();
}

/** `path?query`, without a dangling "?". */
export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

export function questionPath(def: NavigatorDefinition, questionId: string): string {
  return `/navigator/${def.event}/q/${questionId}`;
}

export function resultPath(def: NavigatorDefinition): string {
  return `/navigator/${def.event}/result`;
}

/** The first question to show, or null when the definition has none visible. */
export function firstQuestionId(def: NavigatorDefinition): string | null {
  return visiblePages(formOf(def), {})[0]?.id ?? null;
}

/** The question still to answer, or null when the result may be shown. */
export function firstUnanswered(def: NavigatorDefinition, answers: NavigatorAnswers): string | null {
  return firstIncompletePageId(formOf(def), answers as Record<string, AnswerValue>);
}

export function mayVisit(def: NavigatorDefinition, answers: NavigatorAnswers, questionId: string): boolean {
  return canVisitPage(formOf(def), answers as Record<string, AnswerValue>, questionId);
}

export function nextQuestionId(def: NavigatorDefinition, answers: NavigatorAnswers, questionId: string): string | null {
  return nextPageId(formOf(def), answers as Record<string, AnswerValue>, questionId);
}

export function previousQuestionId(def: NavigatorDefinition, answers: NavigatorAnswers, questionId: string): string | null {
  return previousPageId(formOf(def), answers as Record<string, AnswerValue>, questionId);
}

/** Position of a question among those shown, for 「質問 2 / 5」 (the total may change with later answers). */
export function progressOf(def: NavigatorDefinition, answers: NavigatorAnswers, questionId: string): { index: number; total: number } {
  const pages = visiblePages(formOf(def), answers as Record<string, AnswerValue>);
  return { index: pages.findIndex((p) => p.id === questionId) + 1, total: pages.length };
}
