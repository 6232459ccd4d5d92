/**
 * The payments module's public face: fees of procedures paid online (キャッシュレス) — card through
 * a provider's hosted page, konbini and Pay-easy slips — with a built-in sandbox provider and a
 * Stripe adapter, signed webhooks, idempotent charges and refunds, receipts (領収書) and the daily
 * reconciliation. Other modules import from here only. Routes: see routes.ts.
 *
 * For the procedures module (what to wire; see docs/decisions/0012-payments.md):
 * - after a submission commits (POST /drafts/:draftId/submit):
 *     const next = await startPaymentForSubmission({ db, actor, applicationId });
 *     if (next) return reply.redirect(next, 303);   // else the usual receipt page
 * - in the approval's transaction (staffChangeStatus, to === "approved"):
 *     await requestPaymentAfterApproval(tx, { applicationId, baseUrl });   // then deps.wakeWorker()
 * - when an application is withdrawn or rejected (same transaction):
 *     await cancelPaymentForApplication(tx, { applicationId, actorId });
 * - on the resident's application page: `await applicationPaymentPanel(db, { applicationId, locale })`
 *   (HTML, empty when no fee is collected online); on the staff case page: a link to
 *   `staffPaymentPath(applicationId)` when `paymentSummaryForApplication` is not null.
 * - demo data: `seedPaymentsDemo(db)` after the catalogue is imported.
 */
import type { Db } from "../../core/db/database.ts";
import type { Locale } from "../../core/i18n/index.ts";
import type { SafeHtml } from "../../core/ui/html.ts";
import { findOpenAttempt, findPaymentByApplication, findProcedureIdsBySlug, upsertTiming } from "./queries.ts";
import type { PaymentStatus, PaymentTiming } from "./tables.ts";
import { paymentPanel } from "./views/resident.ts";
import "./messages.ts";

export { paymentsModule, createPaymentsModule, type PaymentsModuleOptions } from "./module.ts";
export { feeFor, registerFeeCalculator, feeLine, type FeeProcedure, type ProcedureFee, type FeeCalculator } from "./fees.ts";
export type { FeeBreakdown, FeeLine, PaymentTiming, PaymentStatus } from "./tables.ts";
export { startPaymentForSubmission, requestPaymentAfterApproval } from "./commands/ensure-payment.ts";
export { cancelPaymentForApplication } from "./commands/cancel-payment.ts";
export { reconcileDay, reconciliationCsv, type Reconciliation, type ReconciliationRow, type Mismatch } from "./commands/reconcile-day.ts";
export { runPaymentsCli, PAYMENTS_CLI_USAGE } from "./cli.ts";
export type { PaymentProvider, PaymentMethod, Charge, ChargeStatus, CreateChargeInput, WebhookEvent, ProviderTransaction } from "./providers/provider.ts";
export { StripeProvider } from "./providers/stripe.ts";
export { SandboxProvider, TEST_CARDS } from "./providers/sandbox.ts";

export type PaymentSummary = { paymentId: string; status: PaymentStatus; amountYen: number; paidAt: Date | null; receiptNumber: string | null; refundedYen: number };

/** The fee payment of an application, or null when none was created. The caller has authorised the reader. */
export async function paymentSummaryForApplication(db: Db, applicationId: string): Promise<PaymentSummary | null> {
  const payment = await findPaymentByApplication(db, applicationId);
  if (!payment) return null;
  return { paymentId: payment.id, status: payment.status, amountYen: payment.amountYen, paidAt: payment.paidAt, receiptNumber: payment.receiptNumber, refundedYen: payment.refundedYen };
}

/**
 * The fee panel of the resident's application page (支払い済み / 未払い, the amount, 領収書 or the
 * pay button), or "" when the application has no payment. The caller has checked the resident owns it.
 */
export async function applicationPaymentPanel(db: Db, options: { applicationId: string; locale: Locale }): Promise<SafeHtml | ""> {
  const payment = await findPaymentByApplication(db, options.applicationId);
  if (!payment) return "";
  return paymentPanel(options.locale, { payment, open: await findOpenAttempt(db, payment.id) });
}

/** The resident's page for paying an application's fee (creates it when due and missing). */
export function paymentPathForApplication(applicationId: string): string {
  return `/payments/for-application/${applicationId}`;
}

/** The staff page of an application's payment (refunds, attempts, history). */
export function staffPaymentPath(applicationId: string): string {
  return `/staff/payments/applications/${applicationId}`;
}

/** Sets when a procedure's fee is paid online (null: not online). */
export async function setPaymentTiming(db: Db, options: { procedureId: string; timing: PaymentTiming | null; updatedBy?: string | null }): Promise<void> {
  await upsertTiming(db, options.procedureId, options.timing, options.updatedBy ?? null);
}

/** Demo: which procedures of the demo catalogue take their fee online, and when. */
export const DEMO_PAYMENT_TIMINGS: Record<string, PaymentTiming> = {
  "residence-certificate": "at_submission",
  "family-register-certificate": "at_submission",
  "tax-certificate": "at_submission",
  "bulky-waste-collection": "after_approval",
  "dog-registration": "after_approval",
};

/** Demo data of payments (idempotent): the fee timings above, for procedures that exist. */
export async function seedPaymentsDemo(db: Db): Promise<{ procedures: number }> {
  const found = await findProcedureIdsBySlug(db, Object.keys(DEMO_PAYMENT_TIMINGS));
  for (const procedure of found) await upsertTiming(db, procedure.id, DEMO_PAYMENT_TIMINGS[procedure.slug]!, null);
  return { procedures: found.length };
}
