/**
 * Who may do what with payments. Handlers check these with the request's actor; commands check
 * again inside their transaction.
 *
 * - A payment belongs to the resident who made the application. Only that resident may see it,
 *   pay it, read its slip and receipt. Anybody else gets the 404 of an unknown id.
 * - Staff of the application's department may see its payment, refund it (any role; every
 *   refund is audited), and see it in the reconciliation. Another department's payment is a 404.
 * - Reconciliation rows that belong to no payment of ours (money at the provider we know
 *   nothing of) are shown to managers only; the operator CLI sees everything.
 * - The sandbox's own pages (card form, 3-D Secure, simulated shop) act on the charge of a
 *   payment; they check the payment's owner like the payment pages.
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { canHandleDepartment, staffDepartmentCodes } from "../identity/index.ts";

export function isPaymentOwner(actor: Actor | null | undefined, payment: { userId: string }): boolean {
  return actor?.kind === "resident" && actor.id === payment.userId;
}

/** The payment when the resident owns it; otherwise the 404 of an unknown id. */
export function ownedPaymentOrNotFound<T extends { userId: string }>(actor: Actor | null | undefined, payment: T | null | undefined): T {
  if (!payment || !isPaymentOwner(actor, payment)) throw new AppError("not_found", "payments.not_found");
  return payment;
}

/** True when staff handle the payment's department (may see and refund it). */
export function canManagePayment(actor: Actor | null | undefined, payment: { departmentCode: string }): boolean {
  return actor?.kind === "staff" && canHandleDepartment(actor, payment.departmentCode);
}

/** The payment when the staff member handles its department; otherwise a 404. */
export function managedPaymentOrNotFound<T extends { departmentCode: string }>(actor: Actor | null | undefined, payment: T | null | undefined): T {
  if (!payment || !canManagePayment(actor, payment)) throw new AppError("not_found", "payments.not_found");
  return payment;
}

/** Staff who hold a manager role somewhere see reconciliation rows of no department. */
export function seesUnattributedRows(actor: Actor | null | undefined): boolean {
  return actor?.kind === "staff" && actor.roles.some((role) => role.role === "manager");
}

export { staffDepartmentCodes };
