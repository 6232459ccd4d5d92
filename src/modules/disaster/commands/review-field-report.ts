/**
 * Staff handle a field report: verify (確認済み), assign to a colleague, resolve (対応済み) or reject
 * (誤報・重複). The form carries the revision it showed. Chronology and audit.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isStaff } from "../policy.ts";
import { findFieldReport, isStaffUser, updateFieldReport, type FieldReport } from "../queries.ts";
import { auditLabel, chronologyLabel, recordChronology } from "./support.ts";

export type ReviewAction = { action: "verify" } | { action: "resolve" } | { action: "reject" } | { action: "assign"; assigneeId: string | null };

const MOVES: Record<"verify" | "resolve" | "reject", { from: FieldReport["status"][]; to: FieldReport["status"] }> = {
  verify: { from: ["received"], to: "verified" },
  resolve: { from: ["received", "verified"], to: "resolved" },
  reject: { from: ["received", "verified"], to: "rejected" },
};

export async function reviewFieldReport(options: { db: Db; actor: Actor; reportId: string; revision: number; review: ReviewAction }): Promise<void> {
  const { actor, review } = options;
  if (!isStaff(actor)) throw new AppError("forbidden", "disaster.staff_only");
  await options.db.transaction(async (tx) => {
    const report = await findFieldReport(tx, options.reportId);
    if (!report) throw new AppError("not_found", "disaster.report_not_found");
    if (report.revision !== options.revision) throw new AppError("conflict", "disaster.stale_report");
    let changes: Parameters<typeof updateFieldReport>[3];
    if (review.action === "assign") {
      if (review.assigneeId && !(await isStaffUser(tx, review.assigneeId))) throw new AppError("invalid_input", "disaster.assignee_invalid");
      changes = { assigneeId: review.assigneeId };
    } else {
      const move = MOVES[review.action];
      if (!move.from.includes(report.status)) throw new AppError("conflict", "disaster.report_status");
      changes = { status: move.to };
    }
    if (!(await updateFieldReport(tx, report.id, options.revision, changes))) throw new AppError("conflict", "disaster.stale_report");
    await recordChronology(tx, {
      incidentId: null, actorId: actor.id, actorLabel: chronologyLabel(actor), type: `report.${review.action}`,
      summary: `現場報告 ${report.category}：${review.action}`,
      data: { reportId: report.id, category: report.category, ...(review.action === "assign" ? { assigneeId: review.assigneeId } : {}) },
    });
    await appendAudit(tx, {
      actorId: actor.id, actorLabel: auditLabel(actor), action: `disaster.report_${review.action}`, objectType: "disaster_field_report", objectId: report.id,
      data: { from: report.status, ...changes },
    });
  });
}
