/**
 * The review of a working copy (four eyes): an author submits it, a manager of the same
 * department (not the one who submitted it) approves publication — now, or at a time (the
 * scheduler publishes it then) — or returns it to the author with a note. Every step is audited.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { AppError } from "../../../core/http/errors.ts";
import { t } from "../../../core/i18n/index.ts";
import { canApprove, canReview } from "../policy.ts";
import { updateDraft } from "../queries.ts";
import { checkMetadata } from "./edit-metadata.ts";
import { publishWorkingCopy } from "./publish-procedure.ts";
import { auditBuilder, checkDefinition, invalid, openDraft, staleRevision, type DraftCommandOptions } from "./support.ts";

export const REVIEW_NOTE_MAX_LENGTH = 2000;

/** Submits the copy for review; it must be publishable as it is (form and metadata). */
export async function submitForReview(options: DraftCommandOptions): Promise<{ revision: number }> {
  const locale: Locale = options.locale ?? "ja";
  return options.db.transaction(async (tx) => {
    const draft = await openDraft(tx, options);
    if (draft.state !== "editing") throw new AppError("conflict", `builder.not_editing.${draft.state}`);
    const problems = [...checkDefinition(draft.definition, locale), ...(await checkMetadata(tx, draft.metadata, locale, draft.slug))];
    if (problems.length > 0) throw invalid(problems);
    const revision = await updateDraft(tx, draft.procedureId, draft.revision, { state: "in_review", submittedBy: options.actor.id, submittedAt: new Date(), reviewNote: null }, options.actor.id);
    if (revision === null) throw staleRevision();
    await auditBuilder(tx, options.actor, { action: "builder.review_requested", objectType: "procedure", objectId: draft.procedureId, departmentCode: draft.departmentCode, data: { revision } });
    return { revision };
  });
}

export type ApproveOptions = DraftCommandOptions & {
  /** When to publish; null or a time not in the future = now. */
  publishAt: Date | null;
  /** The clock (tests). */
  now?: Date;
};

export type ApproveResult = { status: "published"; version: number } | { status: "scheduled"; publishAt: Date };

/**
 * Approves a submitted copy. Throws AppError('forbidden', 'builder.reviewer_only') for anyone but a
 * manager of the department, 'builder.own_submission' for the manager who submitted it.
 */
export async function approvePublication(options: ApproveOptions): Promise<ApproveResult> {
  const now = options.now ?? new Date();
  return options.db.transaction(async (tx): Promise<ApproveResult> => {
    const draft = await openDraft(tx, options);
    if (!canReview(options.actor, draft.departmentCode)) throw new AppError("forbidden", "builder.reviewer_only");
    if (!canApprove(options.actor, draft)) throw new AppError("forbidden", "builder.own_submission");
    if (draft.state !== "in_review") throw new AppError("conflict", `builder.not_in_review.${draft.state}`);
    if (options.publishAt && options.publishAt.getTime() > now.getTime()) {
      const revision = await updateDraft(tx, draft.procedureId, draft.revision, { state: "scheduled", approvedBy: options.actor.id, publishAt: options.publishAt }, options.actor.id);
      if (revision === null) throw staleRevision();
      await auditBuilder(tx, options.actor, {
        action: "builder.publication_scheduled",
        objectType: "procedure",
        objectId: draft.procedureId,
        departmentCode: draft.departmentCode,
        data: { publishAt: options.publishAt.toISOString(), submittedBy: draft.submittedBy },
      });
      return { status: "scheduled", publishAt: options.publishAt };
    }
    const published = await publishWorkingCopy(tx, draft, { approver: options.actor, mode: "now" });
    return { status: "published", version: published.version };
  });
}

/** Returns a copy in review (or scheduled) to its author with a note; reviewers only. */
export async function returnToAuthor(options: DraftCommandOptions & { note: string }): Promise<{ revision: number }> {
  const locale: Locale = options.locale ?? "ja";
  const note = options.note.trim();
  return options.db.transaction(async (tx) => {
    const draft = await openDraft(tx, options);
    if (!canReview(options.actor, draft.departmentCode)) throw new AppError("forbidden", "builder.reviewer_only");
    if (draft.state !== "in_review" && draft.state !== "scheduled") throw new AppError("conflict", `builder.not_in_review.${draft.state}`);
    if (!note) throw invalid([{ path: "$.note", code: "note_missing", message: t(locale, "builder.review.note_missing") }]);
    if ([...note].length > REVIEW_NOTE_MAX_LENGTH) throw invalid([{ path: "$.note", code: "too_long", message: t(locale, "builder.meta.too_long", { max: REVIEW_NOTE_MAX_LENGTH }) }]);
    const revision = await updateDraft(
      tx,
      draft.procedureId,
      draft.revision,
      { state: "editing", reviewNote: note, approvedBy: null, publishAt: null, submittedAt: null },
      options.actor.id,
    );
    if (revision === null) throw staleRevision();
    await auditBuilder(tx, options.actor, { action: "builder.review_returned", objectType: "procedure", objectId: draft.procedureId, departmentCode: draft.departmentCode, data: { revision, from: draft.state } });
    return { revision };
  });
}
