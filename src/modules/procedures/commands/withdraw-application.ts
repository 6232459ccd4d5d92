/**
 * A resident withdraws (取下げ) their application while it is not decided yet: status 取下げ,
 * revision + 1, and a 'withdrawn' event in the case history, in one transaction with the
 * application row locked. Withdrawing an application that is already withdrawn changes nothing
 * (a retried POST); one that staff have decided meanwhile is refused (conflict).
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { cancelPaymentForApplication } from "../../payments/index.ts";
import { recordEvent } from "../history.ts";
import { canWithdraw, ownedOrNotFound } from "../policy.ts";
import { lockApplicationForUser, updateApplicationByResident } from "../queries.ts";

export type WithdrawApplicationOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The signed-in resident; the application must be theirs. */
  actor: Actor;
  applicationId: string;
};

export type WithdrawApplicationResult = { withdrawn: boolean };

export async function withdrawApplication(options: WithdrawApplicationOptions): Promise<WithdrawApplicationResult> {
  const { db, actor, applicationId } = options;
  return db.transaction(async (tx) => {
    const application = ownedOrNotFound(actor, await lockApplicationForUser(tx, applicationId, actor.id), "application.not_found");
    if (application.status === "withdrawn") return { withdrawn: false };
    if (!canWithdraw(actor, application)) throw new AppError("conflict", "application.already_decided");
    const updated = await updateApplicationByResident(tx, applicationId, actor.id, application.revision, { status: "withdrawn" });
    if (!updated) throw new AppError("conflict", "application.stale_revision");
    await recordEvent(tx, {
      applicationId,
      actorId: actor.id,
      type: "withdrawn",
      fromStatus: application.status,
      toStatus: "withdrawn",
    });
    // A withdrawn application owes no fee: an unpaid one is cancelled (a paid one stays for staff to refund).
    await cancelPaymentForApplication(tx, { applicationId, actorId: actor.id });
    return { withdrawn: true };
  });
}
