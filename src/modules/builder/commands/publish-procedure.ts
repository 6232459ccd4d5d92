/**
 * Publishing a working copy: a new, never-changing version of the form with the procedure's
 * metadata (procedures module: publishProcedureVersion), recorded with its author and approver.
 * Used by the reviewer's approval (now), by the scheduler (at the approved time) and by the
 * benchmark. Also: hiding a procedure from residents and showing it again.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { publishProcedureVersion, setProcedurePublished, findProcedureRecord, type FormDefinition } from "../../procedures/index.ts";
import { toProcedureMetadata } from "../definition/metadata.ts";
import { requireReviewer, authorOrNotFound, isUuid } from "../policy.ts";
import { insertVersionLog, lockDueDrafts, lockDraft, updateDraft, type DraftRow } from "../queries.ts";
import { auditBuilder, checkDefinition, invalid } from "./support.ts";

export type PublishMode = "now" | "scheduled" | "system";

/**
 * Publishes a locked working copy in the caller's transaction and marks it published. The
 * approver is the reviewer (null for the scheduler, which publishes what a reviewer approved).
 */
export async function publishWorkingCopy(tx: Db, draft: DraftRow, options: { approver: Actor | null; mode: PublishMode }): Promise<{ versionId: string; version: number }> {
  const problems = checkDefinition(draft.definition, "ja");
  if (problems.length > 0) throw invalid(problems);
  let published;
  try {
    published = await publishProcedureVersion(tx, { procedureId: draft.procedureId, definition: draft.definition, metadata: toProcedureMetadata(draft.metadata) });
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_input") throw invalid((error.details?.problems as never) ?? []);
    throw error;
  }
  await insertVersionLog(tx, {
    versionId: published.versionId,
    procedureId: draft.procedureId,
    authoredBy: draft.submittedBy ?? draft.updatedBy,
    approvedBy: options.approver?.id ?? draft.approvedBy,
    mode: options.mode,
  });
  await updateDraft(
    tx,
    draft.procedureId,
    draft.revision,
    { state: "published", basedOnVersionId: published.versionId, publishAt: null, reviewNote: null },
    options.approver?.id ?? null,
  );
  await auditBuilder(tx, options.approver, {
    action: "builder.procedure_published",
    objectType: "procedure",
    objectId: draft.procedureId,
    departmentCode: draft.departmentCode,
    data: { version: published.version, versionId: published.versionId, mode: options.mode, submittedBy: draft.submittedBy, approvedBy: options.approver?.id ?? draft.approvedBy },
  });
  return published;
}

/**
 * Publishes every scheduled working copy whose time has come (the scheduler job). Each copy in
 * its own transaction, so one that fails (e.g. the catalogue changed under it) does not hold
 * back the others; it stays scheduled and is retried on the next run.
 */
export async function publishDueProcedures(options: { db: Db; now?: Date; limit?: number }): Promise<{ published: number; failed: number }> {
  const now = options.now ?? new Date();
  const ids = await options.db.transaction((tx) => lockDueDrafts(tx, now, options.limit ?? 50));
  let published = 0;
  let failed = 0;
  for (const id of ids) {
    try {
      const done = await options.db.transaction(async (tx) => {
        const draft = await lockDraft(tx, id);
        // Edited (back to editing) or published by someone else since the list was read.
        if (!draft || draft.state !== "scheduled" || !draft.publishAt || draft.publishAt.getTime() > now.getTime()) return false;
        await publishWorkingCopy(tx, draft, { approver: null, mode: "scheduled" });
        return true;
      });
      if (done) published++;
    } catch {
      failed++;
    }
  }
  return { published, failed };
}

/** Hides a procedure from residents (unpublish) or shows its current version again. Reviewers only. */
export async function setProcedureVisibility(options: { db: Db; actor: Actor; procedureId: string; published: boolean }): Promise<void> {
  const { db, actor, procedureId } = options;
  if (!isUuid(procedureId)) throw new AppError("not_found", "builder.procedure_not_found");
  const record = authorOrNotFound(actor, await findProcedureRecord(db, procedureId), "builder.procedure_not_found");
  requireReviewer(actor, record.departmentCode);
  if (options.published && !record.currentVersionId) throw new AppError("conflict", "builder.never_published");
  if (record.published === options.published) return;
  await db.transaction(async (tx) => {
    await setProcedurePublished(tx, procedureId, options.published);
    await auditBuilder(tx, actor, {
      action: options.published ? "builder.procedure_republished" : "builder.procedure_unpublished",
      objectType: "procedure",
      objectId: procedureId,
      departmentCode: record.departmentCode,
      data: { version: record.currentVersion },
    });
  });
}

/**
 * For bench/builder.bench.ts: publishes `definition` as the next version of the procedure with the
 * working copy's metadata — the same checks, version insert, catalogue update, version log and
 * audit record as a reviewer's approval (mode "system"). The procedure must have a working copy
 * (create one with createProcedure). Time this call.
 *
 * @example const { version } = await publishDefinitionForBench(db, { procedureId, definition: fortyQuestions })
 */
export async function publishDefinitionForBench(db: Db, options: { procedureId: string; definition: FormDefinition }): Promise<{ versionId: string; version: number }> {
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, options.procedureId);
    if (!draft) throw new AppError("not_found", "builder.procedure_not_found");
    return publishWorkingCopy(tx, { ...draft, definition: options.definition }, { approver: null, mode: "system" });
  });
}
