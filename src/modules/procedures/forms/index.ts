/**
 * The form engine: pure functions from a definition, answers and a POST body to answers, errors
 * and HTML. No database, no HTTP.
 *
 * A route's POST: `parseFormAction(body)`; for add/remove, `applyGroupAction` and re-render with
 * `renderQuestions(page, { answers, raw })`; otherwise `parsePage` → errors: 422 with
 * `renderQuestions(page, { answers, raw, errors })` and an error summary; none:
 * `mergePageAnswers`, save, 303 to `nextPageId` (or check-your-answers when null).
 */
import "./messages.ts";

export type * from "./definition.ts";
export { QUESTION_TYPES } from "./definition.ts";
export type { FieldError, FormBody, QuestionHandler, ParseContext, ParseResult, RenderContext } from "./questions/common.ts";
export { handlerFor } from "./questions/registry.ts";
export { checkUpload, detectKind, acceptedKinds, maxBytesOf, type FileKind } from "./questions/file.ts";
export { applyGroupAction, parseFormAction, type FormAction } from "./questions/group.ts";
export { parsePage, mergePageAnswers, type ParsePageOptions, type ParsedPage } from "./validate.ts";
export {
  evaluateCondition,
  visiblePages,
  visibleQuestions,
  isPageVisible,
  canVisitPage,
  nextPageId,
  previousPageId,
  firstIncompletePageId,
  pruneAnswers,
  isAnswered,
} from "./journey.ts";
export { validateDefinition, type DefinitionProblem } from "./validate-definition.ts";
export {
  renderQuestions,
  renderAnswersSummary,
  pageHasFileQuestion,
  type PageState,
  type SummaryOptions,
} from "./render-page.ts";
