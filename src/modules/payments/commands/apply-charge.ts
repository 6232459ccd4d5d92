/**
 * The one place where what a provider says about a charge changes our records — whether it
 * came back from createCharge, from the resident's return to our site, from a webhook, or from
 * a cancellation. The caller holds the locks (payment first, then attempt) in its transaction;
 * the attempt, the payment, the payment's history, the application's timeline, e-mails and
 * follow-up jobs all change in that same transaction.
 *
 * Applying the same news twice changes nothing (a status moves only along status.ts), so a
 * duplicated webhook, a replayed createCharge and a return after the webhook are all harmless.
 * A success of an attempt while another attempt already paid the fee is marked `duplicate`
 * and refunded automatically by a job (REFUND_DUPLICATE_TOPIC), so nobody pays twice.
 */
import type { Db } from "../../../core/db/database.ts";
import { enqueue } from "../../../core/jobs/outbox.ts";
import { t } from "../../../core/i18n/index.ts";
import type { ChargeStatus, PaymentSlip } from "../providers/provider.ts";
import { formatDay } from "../format.ts";
import { insertPaymentEvent, updateAttempt, updatePayment, type AttemptRow, type PaymentRow } from "../queries.ts";
import { attemptCanMove, isPaid } from "../status.ts";
import type { AttemptStatus, PaymentStatus } from "../tables.ts";
import { mailPaid, mailSlip, nextReceiptNumber, REFUND_DUPLICATE_TOPIC, timeline } from "./support.ts";

export type ChargeNews = {
  providerChargeId?: string;
  status: ChargeStatus;
  paymentRef?: string;
  redirectUrl?: string;
  failureCode?: string;
  slip?: PaymentSlip;
  amountYen?: number;
};

export type ApplyChargeOptions = {
  /** Locked by the caller (lockPayment), then the attempt (lockAttempt). */
  payment: PaymentRow;
  attempt: AttemptRow;
  charge: ChargeNews;
  source: "create" | "return" | "webhook" | "cancel" | "sync";
  actorId: string | null;
  baseUrl: string;
  eventId?: string;
};

export type ApplyChargeResult = { changed: boolean; attemptStatus: AttemptStatus; paymentStatus: PaymentStatus; duplicate: boolean };

export async function applyCharge(tx: Db, options: ApplyChargeOptions): Promise<ApplyChargeResult> {
  const { payment, attempt, charge } = options;
  const details: Parameters<typeof updateAttempt>[2] = {};
  if (charge.providerChargeId && !attempt.providerChargeId) details.providerChargeId = charge.providerChargeId;
  if (charge.paymentRef && charge.paymentRef !== attempt.providerPaymentRef) details.providerPaymentRef = charge.paymentRef;
  if (charge.redirectUrl && charge.redirectUrl !== attempt.redirectUrl) details.redirectUrl = charge.redirectUrl;
  if (charge.slip && !attempt.slip) details.slip = charge.slip;
  if (charge.amountYen !== undefined && charge.amountYen !== attempt.amountYen) {
    // A provider that reports another amount is a fault somewhere; keep the news for reconciliation.
    await insertPaymentEvent(tx, { paymentId: payment.id, attemptId: attempt.id, type: "amount_mismatch", data: { ours: attempt.amountYen, provider: charge.amountYen, source: options.source } });
  }

  const from = attempt.status;
  const to = charge.status;
  if (from === to || !attemptCanMove(from, to)) {
    if (Object.keys(details).length > 0) await updateAttempt(tx, attempt.id, details);
    return { changed: false, attemptStatus: from, paymentStatus: payment.status, duplicate: attempt.duplicate };
  }

  const now = new Date();
  await updateAttempt(tx, attempt.id, {
    ...details,
    status: to,
    ...(to === "failed" || to === "canceled" ? { failureCode: charge.failureCode ?? to } : {}),
    ...(to === "succeeded" ? { succeededAt: now } : {}),
  });
  await insertPaymentEvent(tx, {
    paymentId: payment.id,
    attemptId: attempt.id,
    actorId: options.actorId,
    type: "attempt_status",
    fromStatus: from,
    toStatus: to,
    data: { source: options.source, ...(options.eventId ? { eventId: options.eventId } : {}), ...(charge.failureCode ? { failureCode: charge.failureCode } : {}) },
  });

  let paymentStatus: PaymentStatus = payment.status;
  let duplicate = false;
  if (to === "succeeded") {
    if (payment.paidAttemptId && payment.paidAttemptId !== attempt.id) {
      // The fee was already paid by another attempt: this money goes back, automatically.
      duplicate = true;
      await updateAttempt(tx, attempt.id, { duplicate: true });
      await insertPaymentEvent(tx, { paymentId: payment.id, attemptId: attempt.id, type: "duplicate_charge", data: { amountYen: attempt.amountYen } });
      await enqueue(tx, REFUND_DUPLICATE_TOPIC, { attemptId: attempt.id }, `${REFUND_DUPLICATE_TOPIC}:${attempt.id}`);
    } else {
      const receiptNumber = payment.receiptNumber ?? (await nextReceiptNumber(tx, now));
      paymentStatus = isPaid(payment.status) ? payment.status : "succeeded";
      await updatePayment(tx, payment.id, { status: paymentStatus, paidAttemptId: attempt.id, paidAt: now, receiptNumber });
      await insertPaymentEvent(tx, { paymentId: payment.id, attemptId: attempt.id, type: "paid", fromStatus: payment.status, toStatus: paymentStatus, data: { receiptNumber, amountYen: payment.amountYen } });
      await timeline(tx, payment, "paid", { amount: payment.amountYen.toLocaleString("ja-JP"), receipt: receiptNumber }, { amountYen: payment.amountYen, receiptNumber });
      await mailPaid(tx, payment, receiptNumber, options.baseUrl);
    }
  } else if (!isPaid(payment.status) && payment.status !== "canceled") {
    paymentStatus = to === "failed" ? "failed" : to === "canceled" ? "pending" : to;
    if (paymentStatus !== payment.status) {
      await updatePayment(tx, payment.id, { status: paymentStatus });
    }
    const slip = charge.slip ?? attempt.slip;
    if (to === "pending" && slip && !attempt.slip) {
      await timeline(tx, payment, "slip", { method: t("ja", `payments.method.short.${slip.kind}`), date: formatDay(slip.expiresAt, "ja") }, { expiresAt: slip.expiresAt });
      await mailSlip(tx, payment, attempt.id, slip, options.baseUrl);
    }
  }
  return { changed: true, attemptStatus: to, paymentStatus, duplicate };
}
