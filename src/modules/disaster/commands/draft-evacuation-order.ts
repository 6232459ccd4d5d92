/**
 * Drafts evacuation information (避難情報) for an incident: wards, 警戒レベル 3 / 4 / 5 or 0 (解除) and
 * the reason. Nothing is sent: the operator reviews the pre-translated preview and confirms in a
 * second, explicit step (confirm-alert.ts).
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { EVACUATION_LEVELS, EVACUATION_REASONS, type EvacuationLevel, type EvacuationReason } from "../alerts/texts.ts";
import { assertCanIssueEvacuation } from "../policy.ts";
import { findIncident, insertAlert } from "../queries.ts";
import { isWardCode } from "../wards.ts";
import { auditLabel } from "./support.ts";

export type DraftEvacuationOrderOptions = {
  db: Db;
  actor: Actor;
  incidentId: string;
  /** Ward codes (6 digits); at least one. */
  wards: string[];
  level: EvacuationLevel;
  reason: EvacuationReason;
};

/** Returns the draft alert's id. Throws 'not_found' (incident), 'conflict' (closed), 'forbidden', 'invalid_input'. */
export async function draftEvacuationOrder(options: DraftEvacuationOrderOptions): Promise<string> {
  const { actor, wards, level, reason } = options;
  if (wards.length === 0 || !wards.every(isWardCode)) throw new AppError("invalid_input", "disaster.wards_required");
  if (!(EVACUATION_LEVELS as readonly number[]).includes(level)) throw new AppError("invalid_input", "disaster.level_invalid");
  if (!(EVACUATION_REASONS as readonly string[]).includes(reason)) throw new AppError("invalid_input", "disaster.reason_invalid");
  assertCanIssueEvacuation(actor, wards);
  return options.db.transaction(async (tx) => {
    const incident = await findIncident(tx, options.incidentId, { forUpdate: true });
    if (!incident) throw new AppError("not_found", "disaster.incident_not_found");
    if (incident.status !== "open") throw new AppError("conflict", "disaster.incident_closed");
    const id = await insertAlert(tx, {
      kind: "evacuation",
      template: `evacuation.${level}`,
      level,
      wards: [...new Set(wards)].sort(),
      params: { reason },
      incidentId: incident.id,
      jmaEntryId: null,
      status: "draft",
      auto: false,
      createdBy: actor.id,
    });
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: auditLabel(actor),
      action: "disaster.evacuation_drafted",
      objectType: "disaster_alert",
      objectId: id,
      data: { incidentId: incident.id, level, wards, reason },
    });
    return id!;
  });
}
