/**
 * Reading one page of a form from a POST body: every visible question parsed, normalised and
 * validated; every error of the page reported at once, in field order.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import type { Answers, FormDefinition } from "./definition.ts";
import { pruneAnswers, visibleQuestions } from "./journey.ts";
import type { FieldError, FormBody } from "./questions/common.ts";
import { handlerFor } from "./questions/registry.ts";

export type ParsePageOptions = {
  /** Today in Japan as ISO (defaults to the clock); resolves "today" in date rules. */
  today?: string;
  /** Upload errors the route found with `checkUpload`, by field name (e.g. { passport: "…" }). */
  uploadErrors?: Record<string, string>;
};

export type ParsedPage = {
  /** The answers of the page's visible questions that were given (blank optional ones left out). */
  answers: Partial<Answers>;
  /** The fields as typed, to re-render the page with `renderQuestions` after an error. */
  raw: FormBody;
  /** Every error of the page, in field order. Empty when the page may be saved. */
  errors: FieldError[];
};

/**
 * Parses and validates one page. Hidden questions (showIf false) are neither validated nor kept.
 *
 * @example const { answers, errors } = parsePage(def, "applicant", request.body, draft.answers, "ja");
 */
export function parsePage(
  def: FormDefinition,
  pageId: string,
  body: FormBody,
  answersSoFar: Partial<Answers>,
  locale: Locale,
  options: ParsePageOptions = {},
): ParsedPage {
  const page = def.pages.find((p) => p.id === pageId);
  if (!page) throw new Error(`Unknown page "${pageId}"`);
  const context = pruneAnswers(def, answersSoFar);
  const ctx = {
    prefix: "",
    locale,
    today: options.today ?? todayInJapan(),
    answers: context,
    ...(options.uploadErrors ? { uploadErrors: options.uploadErrors } : {}),
  };
  const answers: Partial<Answers> = {};
  const raw: FormBody = {};
  const errors: FieldError[] = [];
  for (const q of visibleQuestions(def, page, answersSoFar)) {
    const result = handlerFor(q.type).parse(q, body, ctx);
    Object.assign(raw, result.raw);
    errors.push(...result.errors);
    if (result.value !== undefined) answers[q.id] = result.value;
  }
  return { answers, raw, errors };
}

/**
 * The answers after saving a page: the page's previous answers replaced by the new ones (so a
 * cleared optional answer is really gone), then pruned of whatever the change has hidden.
 */
export function mergePageAnswers(
  def: FormDefinition,
  pageId: string,
  previous: Partial<Answers>,
  pageAnswers: Partial<Answers>,
): Answers {
  const page = def.pages.find((p) => p.id === pageId);
  const merged: Partial<Answers> = { ...previous };
  for (const q of page?.questions ?? []) delete merged[q.id];
  return pruneAnswers(def, { ...merged, ...pageAnswers });
}
