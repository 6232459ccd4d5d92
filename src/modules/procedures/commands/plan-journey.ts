/**
 * Where a resident goes next in a draft, on top of the form engine's journey (forms/journey.ts):
 * resuming a draft, the step after a saved page, and the form's closing declaration.
 *
 * Closing declaration: when a form ends with a page that has only `declaration` questions
 * (「記入した内容に偽りはありません」), that page is shown at the end of check your answers,
 * just above 「申請する」 (GOV.UK pattern), instead of as a page of its own before it.
 * Pure functions: no database, no HTTP.
 */
import { canVisitPage, firstIncompletePageId, isPageVisible, type Answers, type FormDefinition, type PageDef } from "../forms/index.ts";

/** "check" = check your answers; anything else is a page id. */
export type Step = "check" | (string & {});

/** The form's last page when every question on it is a declaration; else null. */
export function closingDeclarationPage(definition: FormDefinition): PageDef | null {
  const last = definition.pages.at(-1);
  if (!last || last.questions.length === 0 || definition.pages.length < 2) return null;
  return last.questions.every((q) => q.type === "declaration") ? last : null;
}

/** The closing declaration page when it is shown for these answers. */
export function visibleClosingDeclaration(definition: FormDefinition, answers: Answers): PageDef | null {
  const page = closingDeclarationPage(definition);
  return page && isPageVisible(definition, answers, page.id) ? page : null;
}

/** The definition as check your answers summarises it: without the closing declaration page. */
export function summaryDefinition(definition: FormDefinition): FormDefinition {
  const closing = closingDeclarationPage(definition);
  return closing ? { pages: definition.pages.filter((p) => p.id !== closing.id) } : definition;
}

/** The first page still to answer before check your answers, or "check". */
export function firstStep(definition: FormDefinition, answers: Answers): Step {
  return firstIncompletePageId(summaryDefinition(definition), answers) ?? "check";
}

/** Where a resumed draft opens: the page it was left at when it may still be visited, else the first page to answer. */
export function resumeStep(definition: FormDefinition, answers: Answers, currentPage: string | null): Step {
  const closing = closingDeclarationPage(definition);
  if (currentPage && currentPage !== closing?.id && definition.pages.some((p) => p.id === currentPage) && canVisitPage(definition, answers, currentPage)) {
    return currentPage;
  }
  return firstStep(definition, answers);
}

/**
 * The step after a page was saved with "continue": back to check your answers when the page was
 * changed from there and nothing is missing now; otherwise the next visible page, or check your
 * answers after the last one (or instead of the closing declaration).
 */
export function stepAfterPage(definition: FormDefinition, answers: Answers, next: string | null, returnToCheck: boolean): Step {
  if (returnToCheck && firstIncompletePageId(summaryDefinition(definition), answers) === null) return "check";
  const closing = closingDeclarationPage(definition);
  if (next === null || next === closing?.id) return "check";
  return next;
}
