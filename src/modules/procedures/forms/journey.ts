/**
 * The journey through a form: which pages and questions are shown for the answers so far, which
 * page comes next, which may be visited, and which answers no longer count.
 *
 * Conditions only look at questions on earlier pages (validate-definition.ts enforces it), so one
 * pass in page order, keeping only the answers of what is visible, decides everything.
 * `calculated` questions are computed in the same pass from the answers kept before them, so a
 * fee is always the one the current answers give (never a stale stored value).
 */
import { calculatedValue } from "./calculate.ts";
import type { AnswerValue, Answers, Condition, FormDefinition, PageDef, QuestionDef } from "./definition.ts";

type AnswerMap = Readonly<Partial<Record<string, AnswerValue>>>;

/** Whether a question counts as answered: not missing, not blank, not an empty list. */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A scalar answer as compared in conditions: "yes", "3", "true". */
function asText(value: AnswerValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function evaluateCondition(cond: Condition, answers: AnswerMap): boolean {
  if ("all" in cond) return cond.all.every((c) => evaluateCondition(c, answers));
  if ("any" in cond) return cond.any.some((c) => evaluateCondition(c, answers));
  const value = answers[cond.question];
  if ("equals" in cond) return asText(value) === cond.equals;
  if ("notEquals" in cond) return asText(value) !== cond.notEquals;
  if ("in" in cond) {
    const text = asText(value);
    return text !== undefined && cond.in.includes(text);
  }
  if ("includes" in cond) {
    if (Array.isArray(value)) return value.some((v) => v === cond.includes);
    return asText(value) === cond.includes;
  }
  return isAnswered(value) === cond.answered;
}

type Walk = { pages: PageDef[]; answers: Answers };

/** One pass in page order: the visible pages and the answers that still count. */
function walk(def: FormDefinition, answers: AnswerMap): Walk {
  const kept: Answers = {};
  const pages: PageDef[] = [];
  for (const page of def.pages) {
    if (page.showIf && !evaluateCondition(page.showIf, kept)) continue;
    pages.push(page);
    for (const q of visibleQuestionsWith(page, kept)) {
      if (q.type === "calculated") {
        const computed = calculatedValue(q, kept);
        if (computed !== undefined) kept[q.id] = computed;
        continue;
      }
      const value = answers[q.id];
      if (value === undefined) continue;
      kept[q.id] = q.type === "group" ? pruneGroupItems(q, value, kept) : value;
    }
  }
  return { pages, answers: kept };
}

function visibleQuestionsWith(page: PageDef, answers: AnswerMap): QuestionDef[] {
  return page.questions.filter((q) => !q.showIf || evaluateCondition(q.showIf, answers));
}

/** Within each group item, drop the answers of sub-questions that are hidden. */
function pruneGroupItems(q: QuestionDef, value: AnswerValue, answers: AnswerMap): AnswerValue {
  if (!Array.isArray(value)) return value;
  const fields = (q.fields ?? []).filter((f) => !f.showIf || evaluateCondition(f.showIf, answers));
  return value.map((item) => {
    if (typeof item !== "object" || item === null) return item;
    const kept: Record<string, AnswerValue> = {};
    for (const f of fields) {
      const v = (item as Record<string, AnswerValue>)[f.id];
      if (v !== undefined) kept[f.id] = v;
    }
    return kept;
  }) as AnswerValue;
}

/** The pages shown for these answers, in order. */
export function visiblePages(def: FormDefinition, answers: AnswerMap): PageDef[] {
  return walk(def, answers).pages;
}

/** The questions of a page shown for these answers (conditions look at earlier pages only). */
export function visibleQuestions(def: FormDefinition, page: PageDef, answers: AnswerMap): QuestionDef[] {
  return visibleQuestionsWith(page, pruneAnswers(def, answers));
}

export function isPageVisible(def: FormDefinition, answers: AnswerMap, pageId: string): boolean {
  return visiblePages(def, answers).some((p) => p.id === pageId);
}

/**
 * The answers that still count: those of visible questions on visible pages, and of nothing the
 * definition no longer has. Check-your-answers and submission use this.
 */
export function pruneAnswers(def: FormDefinition, answers: AnswerMap): Answers {
  return walk(def, answers).answers;
}

/** The visible page after the current one, or null when the last one is done (→ check your answers). */
export function nextPageId(def: FormDefinition, answers: AnswerMap, currentPageId: string): string | null {
  const visible = new Set(visiblePages(def, answers).map((p) => p.id));
  const index = def.pages.findIndex((p) => p.id === currentPageId);
  if (index < 0) return null;
  return def.pages.slice(index + 1).find((p) => visible.has(p.id))?.id ?? null;
}

/** The visible page before the current one, or null on the first page. */
export function previousPageId(def: FormDefinition, answers: AnswerMap, currentPageId: string): string | null {
  const visible = new Set(visiblePages(def, answers).map((p) => p.id));
  const index = def.pages.findIndex((p) => p.id === currentPageId);
  if (index < 0) return null;
  return def.pages.slice(0, index).reverse().find((p) => visible.has(p.id))?.id ?? null;
}

function isQuestionComplete(q: QuestionDef, value: AnswerValue | undefined): boolean {
  // Nothing to answer: the value follows from earlier answers.
  if (q.type === "calculated") return true;
  if (q.type === "group") {
    const count = Array.isArray(value) ? value.length : 0;
    const min = Math.max(q.minItems ?? 0, q.required !== false ? 1 : 0);
    return count >= min;
  }
  return q.required === false || isAnswered(value);
}

/** The first visible page with a required visible question unanswered, or null when all are done. */
export function firstIncompletePageId(def: FormDefinition, answers: AnswerMap): string | null {
  const { pages, answers: kept } = walk(def, answers);
  for (const page of pages) {
    if (visibleQuestionsWith(page, kept).some((q) => !isQuestionComplete(q, kept[q.id]))) return page.id;
  }
  return null;
}

/**
 * Whether a page may be visited now: it is visible and every visible page before it is complete.
 * Routes use it to stop people jumping ahead by URL.
 */
export function canVisitPage(def: FormDefinition, answers: AnswerMap, pageId: string): boolean {
  const { pages, answers: kept } = walk(def, answers);
  for (const page of pages) {
    if (page.id === pageId) return true;
    if (visibleQuestionsWith(page, kept).some((q) => !isQuestionComplete(q, kept[q.id]))) return false;
  }
  return false;
}
