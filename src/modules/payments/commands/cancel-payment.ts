/**
 * When an application is withdrawn (取下げ) or rejected (却下) before its fee is paid, the fee is
 * no longer owed: the payment becomes "canceled" in the caller's transaction, and an open
 * attempt is cancelled at its provider by a job (CANCEL_ATTEMPT_TOPIC), outside the transaction.
 * A fee already paid stays paid: staff decide on a refund (refund-payment.ts).
 */
import type { Db } from "../../../core/db/database.ts";
import { enqueue } from "../../../core/jobs/outbox.ts";
import { findOpenAttempt, findPaymentByApplication, insertPaymentEvent, lockPayment, updatePayment } from "../queries.ts";
import { isPaid } from "../status.ts";
import { CANCEL_ATTEMPT_TOPIC } from "./support.ts";

/**
 * @example if (to === "rejected") await cancelPaymentForApplication(tx, { applicationId, actorId: staff.id });
 */
export async function cancelPaymentForApplication(tx: Db, options: { applicationId: string; actorId: string | null }): Promise<boolean> {
  const found = await findPaymentByApplication(tx, options.applicationId);
  if (!found) return false;
  const payment = (await lockPayment(tx, found.id))!;
  if (isPaid(payment.status) || payment.status === "canceled") return false;
  await updatePayment(tx, payment.id, { status: "canceled" });
  await insertPaymentEvent(tx, { paymentId: payment.id, actorId: options.actorId, type: "canceled", fromStatus: payment.status, toStatus: "canceled" });
  const open = await findOpenAttempt(tx, payment.id);
  if (open) await enqueue(tx, CANCEL_ATTEMPT_TOPIC, { attemptId: open.id, paymentId: payment.id }, `${CANCEL_ATTEMPT_TOPIC}:${open.id}`);
  return true;
}
