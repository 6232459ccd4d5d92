/**
 * The procedures module's public face: the catalogue, application forms, drafts, submissions,
 * the resident's my page (status timeline, 補正, 取下げ) and file downloads. Other modules import
 * from here only.
 *
 * Routes (resident side, see routes.ts): /procedures, /procedures/:slug, /procedures/:slug/start,
 * /drafts/:draftId[/pages/:pageId|/check|/submit], /applications/:id/receipt, /my,
 * /my/applications/:id[/withdraw|/correct], /files/:fileId, /api/procedures[/:slug].
 */
import type { Module } from "../../core/app-deps.ts";
import { proceduresRoutes } from "./routes.ts";

export const proceduresModule: Module = { name: "procedures", routes: proceduresRoutes };

export { statusLabel } from "./messages.ts";
export { STATUSES, FINAL_STATUSES, residentCanWithdraw, residentCanCorrect, staffCanMove, staffNextStatuses } from "./status-machine.ts";
export type { ApplicationStatus, ProcedureDetails } from "./tables.ts";
export { searchCatalogue, searchTerms, type CatalogueResult, type SearchCatalogueOptions } from "./commands/search-catalogue.ts";
export { applicantField, prefillFromProfile, APPLICANT_ROLES } from "./commands/start-draft.ts";
export {
  createUnpublishedProcedure,
  publishProcedureVersion,
  setProcedurePublished,
  findProcedureRecord,
  listProcedureVersions,
  findProcedureVersion,
  procedureSlugTaken,
  findPublishedTitles,
  type ProcedureMetadata,
  type ProcedureRecord,
  type PublishVersionResult,
  type VersionListItem,
} from "./commands/publish-procedure-version.ts";
export { lifeEventNames, categoryNames } from "./queries.ts";
export { formPage, type FormPageView } from "./views/form-page.ts";
export {
  validateDefinition,
  handlerFor,
  renderQuestions,
  pruneAnswers,
  type FormDefinition,
  type QuestionDef,
  type PageDef,
  type Condition,
  type Answers,
  type AnswerValue,
  type Option,
  type QuestionType,
} from "./forms/index.ts";
