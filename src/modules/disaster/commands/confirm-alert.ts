/**
 * The operator's decision on an alert draft: confirm (issue on every channel, in every language) or
 * dismiss. A draft is decided once: the status moves in one conditional UPDATE, so a double click,
 * a retried request or two operators at once issue it exactly once; the later ones are told it was
 * already decided. Issuing queues the `disaster.issue_alert` job in the same transaction (the job
 * hands the alert to the AlertIssuer), writes the chronology and the audit record.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { enqueue } from "../../../core/jobs/outbox.ts";
import { alertTitle } from "../alerts/texts.ts";
import { assertCanIssueEvacuation, assertCanOperate } from "../policy.ts";
import { decideAlert, findAlert, type AlertRow } from "../queries.ts";
import { auditLabel, chronologyLabel, recordChronology } from "./support.ts";

export const ISSUE_ALERT_TOPIC = "disaster.issue_alert";

export type DecideAlertOptions = { db: Db; actor: Actor; alertId: string; decision: "issue" | "dismiss" };

export type DecideAlertResult = { alert: AlertRow; changed: boolean };

/** Who may decide: evacuation information by its wards' rule; drafts from JMA items by the 危機管理室. */
function authorise(actor: Actor, alert: AlertRow): void {
  if (alert.kind === "evacuation") assertCanIssueEvacuation(actor, alert.wards);
  else assertCanOperate(actor);
}

export async function decideAlertDraft(options: DecideAlertOptions): Promise<DecideAlertResult> {
  const { actor, alertId, decision } = options;
  return options.db.transaction(async (tx) => {
    const alert = await findAlert(tx, alertId);
    if (!alert) throw new AppError("not_found", "disaster.alert_not_found");
    authorise(actor, alert);
    const to = decision === "issue" ? "issued" : "dismissed";
    const changed = await decideAlert(tx, alert.id, to, actor.id);
    if (!changed) return { alert: (await findAlert(tx, alert.id))!, changed: false };
    if (to === "issued") await queueIssue(tx, alert.id, { id: actor.id, label: chronologyLabel(actor) });
    await recordChronology(tx, {
      incidentId: alert.incidentId,
      actorId: actor.id,
      actorLabel: chronologyLabel(actor),
      type: to === "issued" ? "alert.issued" : "alert.dismissed",
      summary: alertTitle(alert, "ja"),
      data: { alertId: alert.id, template: alert.template, level: alert.level, wards: alert.wards, params: alert.params },
    });
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: auditLabel(actor),
      action: to === "issued" ? "disaster.alert_issued" : "disaster.alert_dismissed",
      objectType: "disaster_alert",
      objectId: alert.id,
      data: { kind: alert.kind, template: alert.template, level: alert.level, wards: alert.wards },
    });
    return { alert: (await findAlert(tx, alert.id))!, changed: true };
  });
}

/** Queues the hand-over to the AlertIssuer (at least once; deduplicated by the alert id). */
export async function queueIssue(tx: Db, alertId: string, actor: { id: string | null; label: string }): Promise<void> {
  await enqueue(tx, ISSUE_ALERT_TOPIC, { alertId, actorId: actor.id, actorLabel: actor.label }, `disaster.issue_alert:${alertId}`);
}
