/**
 * A resident answers a correction request (補正): only the questions staff flagged
 * (applications.correction_questions) may change. The route shows and validates them with the
 * form engine on a one-page definition built by `correctionDefinition`; this command merges the
 * new answers into the application, clears the flags, moves the case back to 審査中 (reviewing),
 * records a 'corrected' event and increments the revision — only when the revision is still the
 * one the resident's form was built from (optimistic concurrency): if staff changed the case
 * meanwhile, nothing is written and a conflict is reported.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { evaluateCondition, type Answers, type FormDefinition, type QuestionDef } from "../forms/index.ts";
import { recordEvent } from "../history.ts";
import { canCorrect, ownedOrNotFound } from "../policy.ts";
import { lockApplicationForUser, updateApplicationByResident } from "../queries.ts";

export const CORRECTION_PAGE_ID = "correction";

export type CorrectApplicationOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The signed-in resident; the application must be theirs. */
  actor: Actor;
  applicationId: string;
  /** The revision the correction form was built from (hidden field). */
  revision: number;
  /** Answers of the flagged questions from parsePage on `correctionDefinition` (blank optional ones absent). */
  answers: Partial<Answers>;
};

export type CorrectApplicationResult = { status: "corrected"; revision: number } | { status: "conflict" };

/**
 * The flagged questions as a one-page form. Conditions are resolved against the application's
 * answers (the one-page form has no earlier pages to look at): a question or group field hidden
 * for these answers is left out, a shown one loses its condition.
 */
export function correctionDefinition(definition: FormDefinition, flagged: readonly string[], answers: Answers, title: LocalizedText): FormDefinition {
  const resolve = (q: QuestionDef): QuestionDef | null => {
    if (q.showIf && !evaluateCondition(q.showIf, answers)) return null;
    const { showIf: _showIf, ...rest } = q;
    if (!rest.fields) return rest;
    return { ...rest, fields: rest.fields.map(resolve).filter((f): f is QuestionDef => f !== null) };
  };
  const questions: QuestionDef[] = [];
  for (const page of definition.pages) {
    for (const q of page.questions) {
      if (!flagged.includes(q.id)) continue;
      const resolved = resolve(q);
      if (resolved) questions.push(resolved);
    }
  }
  return { pages: [{ id: CORRECTION_PAGE_ID, title, questions }] };
}

export async function correctApplication(options: CorrectApplicationOptions): Promise<CorrectApplicationResult> {
  const { db, actor, applicationId } = options;
  return db.transaction(async (tx): Promise<CorrectApplicationResult> => {
    const application = ownedOrNotFound(actor, await lockApplicationForUser(tx, applicationId, actor.id), "application.not_found");
    if (application.revision !== options.revision || !canCorrect(actor, application)) return { status: "conflict" };
    const flagged = application.correctionQuestions;
    const merged: Answers = { ...application.answers };
    for (const id of flagged) delete merged[id];
    for (const [id, value] of Object.entries(options.answers)) {
      // Only flagged questions may change, whatever the body claimed.
      if (flagged.includes(id) && value !== undefined) merged[id] = value;
    }
    const updated = await updateApplicationByResident(tx, applicationId, actor.id, application.revision, {
      status: "reviewing",
      answers: merged,
      clearCorrection: true,
    });
    if (!updated) return { status: "conflict" };
    await recordEvent(tx, {
      applicationId,
      actorId: actor.id,
      type: "corrected",
      fromStatus: application.status,
      toStatus: "reviewing",
      data: { questions: flagged },
    });
    return { status: "corrected", revision: application.revision + 1 };
  });
}
