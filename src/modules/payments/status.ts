/**
 * The two status machines of payments.
 *
 * An attempt (one charge at a provider):
 *   creating → requires_action → pending → succeeded
 *            ↘ (any open state) → failed | canceled
 *   failed | canceled → succeeded only when the provider says money did move after all (a late
 *   webhook): that is recorded, never ignored, and refunded if the fee was already paid.
 *
 * A payment (what the resident owes for an application):
 *   pending → requires_action → succeeded → partially_refunded → refunded
 *           ↘ failed (the last attempt failed; another attempt may follow)
 *   pending | requires_action | failed → canceled (the application was withdrawn or rejected)
 */
import type { AttemptStatus, PaymentStatus } from "./tables.ts";

const ATTEMPT_MOVES: Record<AttemptStatus, readonly AttemptStatus[]> = {
  creating: ["requires_action", "pending", "succeeded", "failed", "canceled"],
  requires_action: ["pending", "succeeded", "failed", "canceled"],
  pending: ["succeeded", "failed", "canceled"],
  succeeded: [],
  failed: ["succeeded"],
  canceled: ["succeeded"],
};

export function attemptCanMove(from: AttemptStatus, to: AttemptStatus): boolean {
  return ATTEMPT_MOVES[from].includes(to);
}

export function isOpenAttempt(status: AttemptStatus): boolean {
  return status === "creating" || status === "requires_action" || status === "pending";
}

/** Money was received for the payment (refunded or not). */
export function isPaid(status: PaymentStatus): boolean {
  return status === "succeeded" || status === "partially_refunded" || status === "refunded";
}

/** The resident may start (another) attempt. */
export function isPayable(status: PaymentStatus): boolean {
  return status === "pending" || status === "requires_action" || status === "failed";
}

/** The payment's status after refunds totalling `refundedYen`. */
export function statusAfterRefunds(amountYen: number, refundedYen: number): PaymentStatus {
  if (refundedYen <= 0) return "succeeded";
  return refundedYen >= amountYen ? "refunded" : "partially_refunded";
}
