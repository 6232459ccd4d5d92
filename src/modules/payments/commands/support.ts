/**
 * Pieces shared by the payment commands: the idempotency key of an attempt, the 領収番号, the
 * e-mails and timeline entries a change of a payment produces, and the outbox topics.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isLocale, localize, t, type Locale } from "../../../core/i18n/index.ts";
import { enqueueMail } from "../../../core/mail/queue.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { recordEvent } from "../../procedures/history.ts";
import { formatDay, formatYen } from "../format.ts";
import type { PaymentSlip } from "../providers/provider.ts";
import { findApplicationForPayment, nextReceiptSequence, type ApplicationForPayment, type PaymentRow } from "../queries.ts";
import "../messages.ts";

/** Outbox: refund a charge that succeeded although the fee was already paid. Payload { attemptId }. */
export const REFUND_DUPLICATE_TOPIC = "payments.refund_duplicate";
/** Outbox: cancel an open attempt at its provider (the application was withdrawn). Payload { attemptId }. */
export const CANCEL_ATTEMPT_TOPIC = "payments.cancel_attempt";

/** The provider idempotency key of attempt n of an application's fee: the same on every retry. */
export function attemptKey(applicationId: string, attemptNo: number): string {
  return `machi-fee-${applicationId}-${attemptNo}`;
}

/** 領収番号: R-YYYYMMDD-NNNNNN (Japan date of payment, then a city-wide sequence). */
export async function nextReceiptNumber(tx: Db, paidAt: Date): Promise<string> {
  const n = await nextReceiptSequence(tx);
  return `R-${todayInJapan(paidAt).replace(/-/g, "")}-${String(n).padStart(6, "0")}`;
}

/** Application statuses in which a fee is no longer owed. */
export function applicationClosedWithoutFee(status: string): boolean {
  return status === "withdrawn" || status === "rejected";
}

export async function applicationOf(tx: Db, payment: PaymentRow): Promise<ApplicationForPayment> {
  const application = await findApplicationForPayment(tx, payment.applicationId);
  if (!application) throw new AppError("not_found", "payments.application_not_found");
  return application;
}

function localeOf(application: ApplicationForPayment): Locale {
  return isLocale(application.locale) ? application.locale : "ja";
}

const residentName = (application: ApplicationForPayment) => application.applicantName || application.email;

/** Adds a line to the application's timeline, seen by the resident (procedures' history). */
export async function timeline(tx: Db, payment: PaymentRow, key: string, params: Record<string, string | number>, data: Record<string, unknown>, actorId: string | null = null): Promise<void> {
  await recordEvent(tx, { applicationId: payment.applicationId, actorId, type: "note", message: t("ja", `payments.timeline.${key}`, params), data: { payment: { id: payment.id, kind: key, ...data } } });
}

/**
 * Queues one of the payment e-mails to the applicant, in their language: the fee's common facts
 * (name, procedure, reference, amount) and the mail's own parameters.
 */
async function mailApplicant(tx: Db, payment: PaymentRow, mail: "requested" | "slip" | "paid", own: (locale: Locale) => Record<string, string>, dedupeKey: string): Promise<void> {
  const application = await applicationOf(tx, payment);
  const locale = localeOf(application);
  const params = {
    name: residentName(application),
    procedure: localize(application.procedureTitle, locale),
    reference: application.reference,
    amount: payment.amountYen.toLocaleString("ja-JP"),
    ...own(locale),
  };
  await enqueueMail(tx, { to: application.email, subject: t(locale, `payments.mail.${mail}.subject`, params), text: t(locale, `payments.mail.${mail}.body`, params) }, dedupeKey);
}

/** E-mail: please pay (after approval), with the link to the payment page. */
export async function mailPaymentRequested(tx: Db, payment: PaymentRow, baseUrl: string): Promise<void> {
  await mailApplicant(tx, payment, "requested", () => ({ link: `${baseUrl}/payments/${payment.id}` }), `payment-requested:${payment.id}`);
}

/** The numbers of a slip as lines of text (for the e-mail). */
export function slipLines(slip: PaymentSlip, locale: Locale): string[] {
  const m = (key: string) => t(locale, `payments.slip.${key}`);
  if (slip.kind === "payeasy") {
    return [`${m("collectorNumber")}：${slip.collectorNumber}`, `${m("customerNumber")}：${slip.customerNumber}`, `${m("confirmationNumber")}：${slip.confirmationNumber}`];
  }
  const stores = Object.entries(slip.stores ?? {});
  if (stores.length > 0) {
    return stores.map(([chain, s]) => `${t(locale, `payments.slip.store.${chain}`)}：${m("paymentNumber")} ${s.paymentCode} / ${m("confirmationNumber")} ${s.confirmationNumber}`);
  }
  return [`${m("paymentNumber")}：${slip.paymentNumber}`, `${m("confirmationNumber")}：${slip.confirmationNumber}`];
}

/** E-mail: the numbers of a konbini / Pay-easy slip, once per attempt. */
export async function mailSlip(tx: Db, payment: PaymentRow, attemptId: string, slip: PaymentSlip, baseUrl: string): Promise<void> {
  await mailApplicant(
    tx,
    payment,
    "slip",
    (locale) => ({
      method: t(locale, `payments.method.short.${slip.kind}`),
      due: t(locale, "payments.slip.dueValue", { date: formatDay(slip.expiresAt, locale) }),
      numbers: slipLines(slip, locale).join("\n"),
      link: `${baseUrl}/payments/${payment.id}/slip`,
    }),
    `payment-slip:${attemptId}`,
  );
}

/** E-mail: payment received, with the link to the receipt. */
export async function mailPaid(tx: Db, payment: PaymentRow, receiptNumber: string, baseUrl: string): Promise<void> {
  await mailApplicant(tx, payment, "paid", () => ({ receipt: receiptNumber, link: `${baseUrl}/payments/${payment.id}/receipt` }), `payment-paid:${payment.id}`);
}

export { formatYen };
