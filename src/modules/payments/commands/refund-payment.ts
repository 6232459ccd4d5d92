/**
 * A refund by staff of the payment's department (full or partial), exactly once per refund key.
 *
 * The refund form carries a random `refundKey` made when the form was shown, so pressing
 * 「返金する」 twice, or the browser resending the form, is the same refund (idempotency key
 * `machi-refund-<payment id>-<refund key>` at the provider too).
 *
 * 1. Under the payment's lock: the refund with that key, if any, is continued; else the amount is
 *    checked against what is left (paid − refunds not failed) and the refund is written
 *    ("pending") with an audit record.
 * 2. The provider is asked (outside the transaction) with the refund's key.
 * 3. Under the lock again: the refund becomes succeeded (or failed), the payment's refunded
 *    amount and status follow, the history, the timeline and the audit log get their entries.
 *
 * `actor: null` is the system (the automatic refund of a duplicate charge).
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { PaymentsContext } from "../context.ts";
import { managedPaymentOrNotFound } from "../policy.ts";
import { ProviderError } from "../providers/provider.ts";
import {
  activeRefundTotal,
  findAttempt,
  findRefund,
  findRefundByKey,
  insertPaymentEvent,
  insertRefund,
  lockPayment,
  lockRefund,
  updatePayment,
  updateRefund,
  type RefundRow,
} from "../queries.ts";
import { isPaid, statusAfterRefunds } from "../status.ts";
import { timeline } from "./support.ts";

export const REFUND_REASON_MAX = 500;

export type RefundPaymentOptions = {
  db: Db;
  context: PaymentsContext;
  /** Staff of the payment's department, or null for the system. */
  actor: Actor | null;
  paymentId: string;
  amountYen: number;
  reason: string;
  /** Random per form (or per duplicate attempt for the system): the same key is the same refund. */
  refundKey: string;
  /** Refund this attempt instead of the one that paid (duplicate charges). */
  attemptId?: string;
};

export type RefundPaymentResult = { refund: RefundRow; created: boolean };

/** The provider idempotency key of a refund: one per payment and refund form. */
export function refundIdempotencyKey(paymentId: string, refundKey: string): string {
  return `machi-refund-${paymentId}-${refundKey}`;
}

function actorLabel(actor: Actor | null): string {
  return actor ? `staff:${actor.id}` : "system:payments";
}

export async function refundPayment(options: RefundPaymentOptions): Promise<RefundPaymentResult> {
  const { db, actor } = options;
  const idempotencyKey = refundIdempotencyKey(options.paymentId, options.refundKey);
  const started = await db.transaction(async (tx) => {
    const locked = await lockPayment(tx, options.paymentId);
    const payment = actor ? managedPaymentOrNotFound(actor, locked) : locked;
    if (!payment) throw new AppError("not_found", "payments.not_found");
    const existing = await findRefundByKey(tx, idempotencyKey);
    if (existing) {
      if (existing.paymentId !== payment.id) throw new AppError("conflict", "payments.refund_key_reused");
      return { refundId: existing.id, created: false };
    }
    const attemptId = options.attemptId ?? payment.paidAttemptId;
    if (!attemptId || (!options.attemptId && !isPaid(payment.status))) throw new AppError("conflict", "payments.not_paid");
    const attempt = await findAttempt(tx, attemptId);
    if (!attempt || attempt.paymentId !== payment.id || attempt.status !== "succeeded") throw new AppError("conflict", "payments.not_paid");
    const reason = options.reason.trim();
    if (!reason) throw new AppError("invalid_input", "payments.refund_reason_required", { field: "reason" });
    if ([...reason].length > REFUND_REASON_MAX) throw new AppError("invalid_input", "payments.refund_reason_too_long", { field: "reason" });
    // What is left: a duplicate attempt is refunded on its own amount; otherwise the fee.
    const left = attempt.amountYen - (await activeRefundTotal(tx, attempt.id));
    if (!Number.isSafeInteger(options.amountYen) || options.amountYen < 1 || options.amountYen > left) {
      throw new AppError("invalid_input", "payments.refund_amount", { field: "amount", max: Math.max(left, 0) });
    }
    const refundId = await insertRefund(tx, {
      paymentId: payment.id,
      attemptId: attempt.id,
      amountYen: options.amountYen,
      reason,
      idempotencyKey,
      provider: attempt.provider,
      requestedBy: actor?.id ?? null,
    });
    await insertPaymentEvent(tx, { paymentId: payment.id, attemptId: attempt.id, refundId, actorId: actor?.id ?? null, type: "refund_requested", data: { amountYen: options.amountYen } });
    await appendAudit(tx, {
      actorId: actor?.id ?? null,
      actorLabel: actorLabel(actor),
      action: "payment.refund_requested",
      objectType: "payment",
      objectId: payment.id,
      departmentCode: payment.departmentCode,
      data: { refundId, amountYen: options.amountYen, applicationId: payment.applicationId, duplicate: Boolean(options.attemptId) },
    });
    return { refundId, created: true };
  });

  const refund = (await findRefund(db, started.refundId))!;
  if (refund.status !== "pending") return { refund, created: started.created };
  const attempt = (await findAttempt(db, refund.attemptId))!;
  const provider = options.context.provider(refund.provider);
  if (!provider) throw new AppError("unavailable", "payments.provider_unavailable");
  let outcome: { status: "succeeded" | "pending" | "failed"; providerRefundId?: string; failureCode?: string };
  try {
    const result = await provider.refund({
      providerChargeId: attempt.providerPaymentRef ?? attempt.providerChargeId ?? "",
      amountYen: refund.amountYen,
      idempotencyKey: refund.idempotencyKey,
    });
    outcome = { status: result.status, providerRefundId: result.providerRefundId, ...(result.failureCode ? { failureCode: result.failureCode } : {}) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    // Unknown outcome: the refund stays pending and the same key is used on the next try.
    if (error.retryable) throw new AppError("unavailable", "payments.provider_unavailable", { code: error.code ?? error.kind });
    outcome = { status: "failed", failureCode: error.code ?? error.kind };
  }

  await db.transaction(async (tx) => {
    const payment = (await lockPayment(tx, refund.paymentId))!;
    const current = await lockRefund(tx, refund.id);
    if (!current || current.status !== "pending") return; // another request finished it
    await updateRefund(tx, refund.id, { status: outcome.status, providerRefundId: outcome.providerRefundId ?? null, failureCode: outcome.failureCode ?? null });
    if (outcome.status === "pending") return;
    const succeeded = outcome.status === "succeeded";
    await insertPaymentEvent(tx, {
      paymentId: payment.id,
      attemptId: refund.attemptId,
      refundId: refund.id,
      actorId: actor?.id ?? null,
      type: succeeded ? "refunded" : "refund_failed",
      data: { amountYen: refund.amountYen, ...(outcome.failureCode ? { failureCode: outcome.failureCode } : {}) },
    });
    await appendAudit(tx, {
      actorId: actor?.id ?? null,
      actorLabel: actorLabel(actor),
      action: succeeded ? "payment.refunded" : "payment.refund_failed",
      objectType: "payment",
      objectId: payment.id,
      departmentCode: payment.departmentCode,
      data: { refundId: refund.id, amountYen: refund.amountYen, providerRefundId: outcome.providerRefundId ?? null },
    });
    if (!succeeded || attempt.duplicate) return;
    const refundedYen = payment.refundedYen + refund.amountYen;
    const status = statusAfterRefunds(payment.amountYen, refundedYen);
    await updatePayment(tx, payment.id, { refundedYen, status });
    await timeline(tx, payment, "refunded", { amount: refund.amountYen.toLocaleString("ja-JP") }, { amountYen: refund.amountYen }, actor?.id ?? null);
  });
  return { refund: (await findRefund(db, refund.id))!, created: started.created };
}
