/**
 * Asks the applicant to correct some answers (補正依頼): flags top-level questions of the form
 * and sends a message. The case becomes 補正依頼中; the applicant sees the request in their
 * timeline and gets an e-mail; answering it (the resident's side) sends the case back to review.
 */
import type { Db } from "../../../core/db/database.ts";
import { t } from "../../../core/i18n/index.ts";
import { visiblePages, visibleQuestions } from "../forms/index.ts";
import type { Answers, FormDefinition } from "../forms/definition.ts";
import { recordEvent } from "../history.ts";
import { staffCanMove } from "../status-machine.ts";
import { auditCase, mailApplicant, openCase, questionLabels, ruleError, saveCase, type StaffCaseCommandOptions } from "./staff-case-support.ts";

export const CORRECTION_MESSAGE_MAX_LENGTH = 2000;

/** The questions that may be flagged: the top-level questions the applicant was shown, in order. */
export function flaggableQuestions(definition: FormDefinition, answers: Answers): Array<{ id: string; pageId: string }> {
  return visiblePages(definition, answers).flatMap((page) =>
    // A calculated value (e.g. the fee) follows from other answers: it is never asked to be corrected.
    visibleQuestions(definition, page, answers).filter((q) => q.type !== "calculated").map((q) => ({ id: q.id, pageId: page.id })),
  );
}

export type StaffRequestCorrectionOptions = StaffCaseCommandOptions & {
  /** Ids of the questions to correct (at least one, from flaggableQuestions). */
  questionIds: readonly string[];
  /** What to change and how, for the applicant. */
  message: string;
  /** The site's public address for the link in the e-mail (config.baseUrl). */
  baseUrl: string;
};

/**
 * Returns the case's new revision. Throws 'staff.correction_not_allowed' when the case's status
 * does not allow it, 'staff.questions_required' / 'staff.unknown_question' (field "questions") and
 * 'staff.message_required' / 'staff.message_too_long' (field "message"); see
 * staff-case-support.ts for the rest.
 */
export async function staffRequestCorrection(options: StaffRequestCorrectionOptions): Promise<{ revision: number }> {
  const message = options.message.trim();
  return options.db.transaction(async (tx: Db) => {
    const theCase = await openCase(tx, options);
    const from = theCase.status;
    if (!staffCanMove(from, "correction_requested")) throw ruleError("correction_not_allowed", "questions", { from });
    const allowed = flaggableQuestions(theCase.definition, theCase.answers).map((q) => q.id);
    const requested = new Set(options.questionIds);
    if (requested.size === 0) throw ruleError("questions_required", "questions");
    if ([...requested].some((id) => !allowed.includes(id))) throw ruleError("unknown_question", "questions");
    if (!message) throw ruleError("message_required", "message");
    if ([...message].length > CORRECTION_MESSAGE_MAX_LENGTH) {
      throw ruleError("message_too_long", "message", { max: CORRECTION_MESSAGE_MAX_LENGTH });
    }
    // In the form's order, whatever order the boxes were sent in.
    const questions = allowed.filter((id) => requested.has(id));

    const revision = await saveCase(tx, theCase, {
      status: "correction_requested",
      correctionQuestions: questions,
      correctionMessage: message,
    });
    await recordEvent(tx, {
      applicationId: theCase.id,
      actorId: options.actor.id,
      type: "correction_requested",
      fromStatus: from,
      toStatus: "correction_requested",
      message,
      data: { questions },
    });
    await auditCase(tx, options.actor, theCase, "application.correction_requested", {
      from,
      to: "correction_requested",
      questions,
      revision,
    });
    await mailApplicant(tx, theCase, {
      baseUrl: options.baseUrl,
      idempotencyKey: `correction:${theCase.id}:${revision}`,
      compose: (locale, vars) => ({
        subject: t(locale, "staff.mail.correctionSubject", vars),
        paragraphs: [
          t(locale, "staff.mail.correctionBody", vars),
          t(locale, "staff.mail.correctionQuestions", {
            questions: questionLabels(theCase.definition, questions, locale).join(locale === "ja" ? "、" : ", "),
          }),
          `${t(locale, "staff.mail.correctionMessage")}\n${message}`,
        ],
      }),
    });
    return { revision };
  });
}
