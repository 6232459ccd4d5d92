/**
 * A back-office system (an OAuth client of the integrations module) moves a case along the status
 * machine, under the same rules as staff (staff-change-status.ts: the status form's moves, a reason
 * to reject or move back), with the same history entry (shown on the resident's timeline with the
 * reason), the same e-mail to the applicant and, on approval, the same document issue. The audit
 * record names the client (`client:<client_id>`); the history entry has no staff actor and carries
 * the client id in its data.
 *
 * The caller has checked the client's scopes; this command checks again that the case belongs to a
 * department the client may change (otherwise the same 404 as an unknown id).
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { recordEvent } from "../history.ts";
import { isUuid } from "../staff/policy.ts";
import { lockCase } from "../staff/queries.ts";
import type { ApplicationStatus } from "../tables.ts";
import { afterStatusChange, saveCase, staleRevision } from "./staff-case-support.ts";
import { assertStatusChange, isDecision, statusChanges } from "./staff-change-status.ts";

export type SystemChangeStatusOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The back-office client and the departments whose cases it may change (its write scopes). */
  client: { clientId: string; departmentCodes: readonly string[] };
  applicationId: string;
  /** The revision the client last saw; omitted = no check (last writer wins). */
  revision?: number;
  to: ApplicationStatus;
  /** Required for rejections and moves back; shown to the applicant. */
  reason?: string;
  /** The site's public address for the link in the e-mail (config.baseUrl). */
  baseUrl: string;
};

export type SystemChangeStatusResult = { from: ApplicationStatus; to: ApplicationStatus; revision: number };

/**
 * Throws AppError('not_found', 'application.not_found'), AppError('conflict',
 * 'staff.stale_revision'), and the staff rule errors 'staff.transition_not_allowed',
 * 'staff.reason_required', 'staff.reason_too_long' (AppError 'invalid_input' with details).
 *
 * @example await systemChangeStatus({ db, client: { clientId, departmentCodes: ["welfare"] }, applicationId, to: "reviewing", baseUrl })
 */
export async function systemChangeStatus(options: SystemChangeStatusOptions): Promise<SystemChangeStatusResult> {
  const reason = options.reason?.trim() ?? "";
  const { to, client } = options;
  return options.db.transaction(async (tx: Db) => {
    if (!isUuid(options.applicationId)) throw new AppError("not_found", "application.not_found");
    const theCase = await lockCase(tx, options.applicationId);
    if (!theCase || !client.departmentCodes.includes(theCase.departmentCode)) throw new AppError("not_found", "application.not_found");
    if (options.revision !== undefined && options.revision !== theCase.revision) throw staleRevision();
    const from = theCase.status;
    assertStatusChange(from, to, reason);

    const decision = isDecision(to);
    const revision = await saveCase(tx, theCase, statusChanges(from, to));
    await recordEvent(tx, {
      applicationId: theCase.id,
      actorId: null,
      type: "status_changed",
      fromStatus: from,
      toStatus: to,
      message: reason || null,
      data: { clientId: client.clientId, ...(decision ? { decision: to } : {}) },
    });
    await appendAudit(tx, {
      actorId: null,
      actorLabel: `client:${client.clientId}`,
      action: decision ? "application.decided" : "application.status_changed",
      objectType: "application",
      objectId: theCase.id,
      departmentCode: theCase.departmentCode,
      data: { from, to, revision, reasonGiven: reason !== "", clientId: client.clientId },
    });
    // The same follow-up as a staff member's change: e-mail, document, fee.
    await afterStatusChange(tx, theCase, { to, reason, revision, baseUrl: options.baseUrl, actorId: null });
    return { from, to, revision };
  });
}
