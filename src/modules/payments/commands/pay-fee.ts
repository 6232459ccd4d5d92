/**
 * Paying a fee: one attempt at one provider, never two charges for one press of the button.
 *
 * 1. In a transaction holding the payment's row lock: a paid payment answers "done"; an open
 *    attempt (creating, requires_action, pending) is reused — a double click, a retried request,
 *    twenty identical requests at once all find it (and the partial UNIQUE index
 *    payment_attempts_one_open makes a second open attempt impossible anyway). Otherwise a new
 *    attempt is written with the idempotency key `machi-fee-<application id>-<attempt no.>`.
 * 2. Outside any transaction (no row lock held during a network call): createCharge with that
 *    key. Every parameter comes from the stored attempt, so a repeat of the call is the same
 *    request and the provider replays the first answer instead of charging again.
 * 3. The answer is applied under the locks (apply-charge.ts).
 *
 * If the provider cannot be reached the attempt stays "creating" and the resident is told to
 * try again: the next press repeats the call with the same key.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { PaymentsContext } from "../context.ts";
import { ownedPaymentOrNotFound } from "../policy.ts";
import { ProviderError, type CreateChargeInput, type PaymentMethod, type PaymentProvider } from "../providers/provider.ts";
import { findAttempt, findAttemptByNo, findOpenAttempt, findPayment, insertAttempt, insertPaymentEvent, lockAttempt, lockPayment, updatePayment, type AttemptRow, type PaymentRow } from "../queries.ts";
import { isPaid } from "../status.ts";
import { applyCharge, type ChargeNews } from "./apply-charge.ts";
import { applicationClosedWithoutFee, applicationOf, attemptKey } from "./support.ts";

export type PayOutcome =
  /** Send the resident to the provider's page (card form, 3-D Secure). */
  | { kind: "redirect"; url: string }
  /** Show the konbini / Pay-easy slip. */
  | { kind: "slip" }
  /** Show the result page (paid, pending, failed). */
  | { kind: "result" }
  /** The provider did not answer; nothing was charged for sure; try again (same key). */
  | { kind: "unavailable" };

export type PayFeeOptions = {
  db: Db;
  context: PaymentsContext;
  /** The resident; the payment must be theirs. */
  actor: Actor;
  paymentId: string;
  method: PaymentMethod;
  /** Public base URL (return and cancel URLs). */
  baseUrl: string;
};

/** The request for an attempt's charge: built only from stored data, so that retries are identical. */
export async function chargeRequest(db: Db, payment: PaymentRow, attempt: AttemptRow, baseUrl: string): Promise<CreateChargeInput> {
  const application = await applicationOf(db, payment);
  return {
    amountYen: attempt.amountYen,
    currency: "JPY",
    idempotencyKey: attempt.idempotencyKey,
    method: attempt.method,
    description: payment.description,
    returnUrl: `${baseUrl}/payments/${payment.id}/return?attempt=${attempt.attemptNo}`,
    cancelUrl: `${baseUrl}/payments/${payment.id}`,
    metadata: { payment_id: payment.id, application_id: payment.applicationId, attempt_key: attempt.idempotencyKey, department: payment.departmentCode },
    customer: { name: application.applicantName || "—", email: application.email },
  };
}

/** Where the resident goes for an attempt in this state. */
export function outcomeOf(attempt: AttemptRow | null): PayOutcome {
  if (!attempt) return { kind: "result" };
  if (attempt.status === "requires_action" && attempt.redirectUrl) return { kind: "redirect", url: attempt.redirectUrl };
  if (attempt.status === "pending" && attempt.slip) return { kind: "slip" };
  return { kind: "result" };
}

/** What a provider error means for the attempt: a definite failure, or "try again later". */
function newsOfError(error: unknown): ChargeNews | "unavailable" {
  if (!(error instanceof ProviderError)) throw error;
  if (error.retryable || error.kind === "idempotency") return "unavailable";
  return { status: "failed", failureCode: error.code ?? (error.kind === "declined" ? "card_declined" : error.kind) };
}

/** Calls the provider for an attempt still "creating" and applies its answer. */
export async function createChargeFor(db: Db, provider: PaymentProvider, paymentId: string, attemptId: string, baseUrl: string, actorId: string | null): Promise<PayOutcome> {
  const payment = (await findPayment(db, paymentId))!;
  const attempt = (await findAttempt(db, attemptId))!;
  let news: ChargeNews | "unavailable";
  try {
    const charge = await provider.createCharge(await chargeRequest(db, payment, attempt, baseUrl));
    news = { ...charge };
  } catch (error) {
    news = newsOfError(error);
  }
  if (news === "unavailable") return { kind: "unavailable" };
  const applied = news;
  await db.transaction(async (tx) => {
    const lockedPayment = await lockPayment(tx, paymentId);
    const lockedAttempt = await lockAttempt(tx, attemptId);
    if (lockedPayment && lockedAttempt) await applyCharge(tx, { payment: lockedPayment, attempt: lockedAttempt, charge: applied, source: "create", actorId, baseUrl });
  });
  return outcomeOf(await findAttempt(db, attemptId));
}

export async function payFee(options: PayFeeOptions): Promise<PayOutcome> {
  const { db, context, actor } = options;
  const provider = context.providerFor(options.method);
  if (!provider) throw new AppError("invalid_input", "payments.method_unavailable", { field: "method" });
  const plan = await db.transaction(async (tx) => {
    const payment = ownedPaymentOrNotFound(actor, await lockPayment(tx, options.paymentId));
    if (isPaid(payment.status)) return { kind: "paid" as const };
    const application = await applicationOf(tx, payment);
    if (payment.status === "canceled" || applicationClosedWithoutFee(application.status)) throw new AppError("conflict", "payments.not_payable");
    const open = await findOpenAttempt(tx, payment.id);
    if (open) return { kind: "attempt" as const, attempt: open };
    const attemptNo = payment.attemptCount + 1;
    const attempt = await insertAttempt(tx, {
      paymentId: payment.id,
      attemptNo,
      idempotencyKey: attemptKey(payment.applicationId, attemptNo),
      provider: provider.name,
      method: options.method,
      amountYen: payment.amountYen,
    });
    await updatePayment(tx, payment.id, { attemptCount: attemptNo });
    await insertPaymentEvent(tx, { paymentId: payment.id, attemptId: attempt.id, actorId: actor.id, type: "attempt_started", data: { method: options.method, provider: provider.name, attemptNo } });
    return { kind: "attempt" as const, attempt };
  });
  if (plan.kind === "paid") return { kind: "result" };
  const attempt = plan.attempt;
  if (attempt.status !== "creating") return outcomeOf(attempt);
  const attemptProvider = context.provider(attempt.provider);
  if (!attemptProvider) return { kind: "unavailable" };
  return createChargeFor(db, attemptProvider, options.paymentId, attempt.id, options.baseUrl, actor.id);
}

export type SyncAttemptOptions = { db: Db; context: PaymentsContext; paymentId: string; attemptNo?: number; baseUrl: string; actorId: string | null };

/**
 * Asks the provider how an attempt stands (the resident came back from its page, or pressed
 * 「最新の状況を確認する」) and applies the answer. The provider is asked, never the query string.
 */
export async function syncAttempt(options: SyncAttemptOptions): Promise<PayOutcome> {
  const { db } = options;
  const payment = await findPayment(db, options.paymentId);
  if (!payment) throw new AppError("not_found", "payments.not_found");
  const found = options.attemptNo ? await findAttemptByNo(db, payment.id, options.attemptNo) : await findOpenAttempt(db, payment.id);
  if (!found) return { kind: "result" };
  const provider = options.context.provider(found.provider);
  if (!provider) return outcomeOf(found);
  if (found.status === "creating" || !found.providerChargeId) return outcomeOf(found);
  let charge;
  try {
    charge = await provider.getCharge(found.providerChargeId);
  } catch (error) {
    if (error instanceof ProviderError && error.retryable) return outcomeOf(found);
    throw error;
  }
  if (!charge) return outcomeOf(found);
  await db.transaction(async (tx) => {
    const lockedPayment = await lockPayment(tx, payment.id);
    const lockedAttempt = await lockAttempt(tx, found.id);
    if (lockedPayment && lockedAttempt) await applyCharge(tx, { payment: lockedPayment, attempt: lockedAttempt, charge, source: "return", actorId: options.actorId, baseUrl: options.baseUrl });
  });
  return outcomeOf(await findAttempt(db, found.id));
}

export type CancelAttemptOptions = { db: Db; context: PaymentsContext; paymentId: string; baseUrl: string; actor: Actor | null };

/**
 * Cancels the open attempt so that the resident can choose another method (or because the
 * application was withdrawn). The attempt is closed only when the provider confirms; if the
 * provider says it was paid meanwhile, it is recorded as paid.
 */
export async function cancelOpenAttempt(options: CancelAttemptOptions): Promise<void> {
  const { db } = options;
  const payment = await findPayment(db, options.paymentId);
  if (!payment) throw new AppError("not_found", "payments.not_found");
  if (options.actor) ownedPaymentOrNotFound(options.actor, payment);
  const open = await findOpenAttempt(db, payment.id);
  if (!open) return;
  let news: ChargeNews;
  if (!open.providerChargeId) {
    news = { status: "canceled", failureCode: "canceled" };
  } else {
    const provider = options.context.provider(open.provider);
    if (!provider) throw new AppError("unavailable", "payments.provider_unavailable");
    try {
      news = { ...(await provider.cancelCharge(open.providerChargeId, `${open.idempotencyKey}-cancel`)) };
    } catch (error) {
      if (error instanceof ProviderError) throw new AppError("unavailable", "payments.provider_unavailable");
      throw error;
    }
  }
  await db.transaction(async (tx) => {
    const lockedPayment = await lockPayment(tx, payment.id);
    const lockedAttempt = await lockAttempt(tx, open.id);
    if (!lockedPayment || !lockedAttempt) return;
    await applyCharge(tx, { payment: lockedPayment, attempt: lockedAttempt, charge: news, source: "cancel", actorId: options.actor?.id ?? null, baseUrl: options.baseUrl });
  });
}
