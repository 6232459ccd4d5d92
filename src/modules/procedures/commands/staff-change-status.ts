/**
 * Moves a case along the status machine (status-machine.ts), including the decision: approving
 * (完了) or rejecting (却下). Entering 補正依頼 has its own command (staff-request-correction.ts)
 * because it needs the flagged questions and a message.
 *
 * A reason is required to reject and to move a case back (補正依頼中 → 審査中, which cancels the
 * correction request); the applicant sees the reason in their timeline and in the e-mail.
 */
import type { Db } from "../../../core/db/database.ts";
import { recordEvent } from "../history.ts";
import { staffCanMove, staffNextStatuses } from "../status-machine.ts";
import type { CaseChanges } from "../staff/queries.ts";
import type { ApplicationStatus } from "../tables.ts";
import { afterStatusChange, auditCase, openCase, ruleError, saveCase, type StaffCaseCommandOptions } from "./staff-case-support.ts";

export const REASON_MAX_LENGTH = 2000;

/** Where a case stands in the flow 受付 → 審査中 → 補正依頼中; a move to an earlier stage is a move back. */
const STAGE: Partial<Record<ApplicationStatus, number>> = { received: 0, reviewing: 1, correction_requested: 2 };

export function isDecision(to: ApplicationStatus): boolean {
  return to === "approved" || to === "rejected";
}

export function isMoveBack(from: ApplicationStatus, to: ApplicationStatus): boolean {
  const a = STAGE[from];
  const b = STAGE[to];
  return a !== undefined && b !== undefined && b < a;
}

/** Whether the move needs a reason: rejections and moves back. */
export function reasonRequired(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return to === "rejected" || isMoveBack(from, to);
}

/** The moves the status form offers: the machine's edges except 補正依頼 (its own form). */
export function statusFormChoices(from: ApplicationStatus): ApplicationStatus[] {
  return staffNextStatuses(from).filter((to) => to !== "correction_requested");
}

/**
 * Refuses a move the status form does not offer or the machine forbids ('staff.transition_not_allowed'),
 * a missing reason where one is needed ('staff.reason_required') and a reason too long. Staff and
 * back-office systems (system-change-status.ts) follow the same rules.
 */
export function assertStatusChange(from: ApplicationStatus, to: ApplicationStatus, reason: string): void {
  if (!statusFormChoices(from).includes(to) || !staffCanMove(from, to)) throw ruleError("transition_not_allowed", "to", { from, to });
  if (reasonRequired(from, to) && !reason) throw ruleError("reason_required", "reason");
  if ([...reason].length > REASON_MAX_LENGTH) throw ruleError("reason_too_long", "reason", { max: REASON_MAX_LENGTH });
}

/** What a move changes on the case: a decision marks it decided; leaving 補正依頼中 cancels the correction request. */
export function statusChanges(from: ApplicationStatus, to: ApplicationStatus): CaseChanges {
  return {
    status: to,
    ...(isDecision(to) ? { decided: true } : {}),
    ...(from === "correction_requested" ? { correctionQuestions: [], correctionMessage: null } : {}),
  };
}

export type StaffChangeStatusOptions = StaffCaseCommandOptions & {
  to: ApplicationStatus;
  /** Required for rejections and moves back; shown to the applicant. */
  reason?: string;
  /** The site's public address for the link in the e-mail (config.baseUrl). */
  baseUrl: string;
  /**
   * The case app's stage the case moves to (builder; the route has checked the move against the
   * case app). Left out: the stored stage is kept (it no longer matches the status, so the case
   * shows at the first stage of its new status).
   */
  stage?: string | null;
};

/**
 * Returns the case's new revision. Throws 'staff.transition_not_allowed' (field "to", with the
 * from/to statuses) for a move the machine does not allow, 'staff.reason_required' and
 * 'staff.reason_too_long' (field "reason"); see staff-case-support.ts for the rest.
 *
 * @example await staffChangeStatus({ db, actor, applicationId, revision: 2, to: "approved", baseUrl })
 */
export async function staffChangeStatus(options: StaffChangeStatusOptions): Promise<{ revision: number }> {
  const reason = options.reason?.trim() ?? "";
  const to = options.to;
  return options.db.transaction(async (tx: Db) => {
    const theCase = await openCase(tx, options);
    const from = theCase.status;
    assertStatusChange(from, to, reason);

    const decision = isDecision(to);
    const revision = await saveCase(tx, theCase, { ...statusChanges(from, to), ...(options.stage !== undefined ? { stage: options.stage } : {}) });
    await recordEvent(tx, {
      applicationId: theCase.id,
      actorId: options.actor.id,
      type: "status_changed",
      fromStatus: from,
      toStatus: to,
      message: reason || null,
      data: { ...(decision ? { decision: to } : {}), ...(options.stage ? { stage: options.stage } : {}) },
    });
    await auditCase(tx, options.actor, theCase, decision ? "application.decided" : "application.status_changed", {
      from,
      to,
      revision,
      reasonGiven: reason !== "",
      ...(options.stage !== undefined ? { stage: options.stage } : {}),
    });
    await afterStatusChange(tx, theCase, { to, reason, revision, baseUrl: options.baseUrl, actorId: options.actor.id });
    return { revision };
  });
}
