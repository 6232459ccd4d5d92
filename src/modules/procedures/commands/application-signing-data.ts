/**
 * What a resident signs when an application carries an electronic signature (signatures module):
 * the procedure, its form version, the draft and the answers shown on check your answers (the
 * closing declaration, confirmed with the 「申請する」 button, is not part of it). Its canonical JSON
 * (canonicalApplicationBytes) is the signed content, so a signature cannot be replayed on another
 * procedure, form version or application.
 */
import { pruneAnswers } from "../forms/index.ts";
import type { DraftView } from "../queries.ts";
import { summaryDefinition } from "./plan-journey.ts";

export function applicationSigningData(draft: Pick<DraftView, "id" | "procedureSlug" | "procedureVersionId" | "definition" | "answers">) {
  return {
    procedure: draft.procedureSlug,
    version: draft.procedureVersionId,
    draftId: draft.id,
    answers: pruneAnswers(summaryDefinition(draft.definition), draft.answers),
  };
}
