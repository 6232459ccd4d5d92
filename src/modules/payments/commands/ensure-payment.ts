/**
 * Creating the fee of an application, exactly once (UNIQUE (application_id, purpose)):
 *
 * - at submission (`startPaymentForSubmission`): right after the application is submitted, when
 *   its procedure takes the fee at submission. The resident is then sent to /payments/:id.
 * - after approval (`requestPaymentAfterApproval`): in the approval's transaction, when the
 *   procedure takes the fee after review; the resident gets an e-mail with the link and a line
 *   in the timeline.
 *
 * Nothing happens (null) when the procedure takes no fee online (no payment_settings row, or a
 * fee of 0 yen), when the timing is the other one, or when the application was withdrawn or
 * rejected. Calling again returns the same payment.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { feeFor } from "../fees.ts";
import { findApplicationForPayment, findTiming, insertPaymentEvent, insertPaymentIfAbsent, type ApplicationForPayment, type PaymentRow } from "../queries.ts";
import type { PaymentTiming } from "../tables.ts";
import { applicationClosedWithoutFee, mailPaymentRequested, timeline } from "./support.ts";

/** 「大阪市 住民票の写し交付請求 手数料」: shown on the provider's page and statements. */
export function feeDescription(application: ApplicationForPayment): string {
  return `大阪市 ${application.procedureTitle.ja} 手数料`;
}

/** The fee payment of an application for a timing, created when due (in the caller's transaction). */
export async function ensurePayment(tx: Db, applicationId: string, timing: PaymentTiming): Promise<{ payment: PaymentRow; created: boolean } | null> {
  const application = await findApplicationForPayment(tx, applicationId);
  if (!application || applicationClosedWithoutFee(application.status)) return null;
  if (timing === "after_approval" && application.status !== "approved") return null;
  if ((await findTiming(tx, application.procedureId)) !== timing) return null;
  const breakdown = feeFor({ slug: application.procedureSlug, title: application.procedureTitle, fee: application.fee }, application.answers);
  if (breakdown.amountYen <= 0) return null;
  const result = await insertPaymentIfAbsent(tx, {
    applicationId,
    userId: application.userId,
    departmentCode: application.departmentCode,
    procedureId: application.procedureId,
    timing,
    amountYen: breakdown.amountYen,
    breakdown,
    description: feeDescription(application),
  });
  if (result.created) {
    await insertPaymentEvent(tx, { paymentId: result.payment.id, type: "created", toStatus: "pending", data: { timing, amountYen: breakdown.amountYen } });
  }
  return result;
}

export type StartPaymentForSubmissionOptions = {
  db: Db;
  /** The resident who just submitted; the application must be theirs. */
  actor: Actor;
  applicationId: string;
  /**
   * The application's procedure, when the caller knows it (submit does): a procedure that takes
   * no fee at submission then answers null after one read of its timing, without the transaction.
   */
  procedureId?: string;
};

/**
 * Call right after a submission commits. Answers with the page to send the resident to
 * (`/payments/<id>?submitted=1`) when a fee is due now, else null (show the usual receipt).
 *
 * @example const next = await startPaymentForSubmission({ db, actor, applicationId }); if (next) return reply.redirect(next, 303);
 */
export async function startPaymentForSubmission(options: StartPaymentForSubmissionOptions): Promise<string | null> {
  if (options.actor.kind !== "resident") throw new AppError("forbidden", "payments.resident_only");
  if (options.procedureId && (await findTiming(options.db, options.procedureId)) !== "at_submission") return null;
  const result = await options.db.transaction(async (tx) => {
    const application = await findApplicationForPayment(tx, options.applicationId);
    if (!application || application.userId !== options.actor.id) throw new AppError("not_found", "payments.application_not_found");
    return ensurePayment(tx, options.applicationId, "at_submission");
  });
  if (!result || result.payment.status !== "pending") return null;
  return `/payments/${result.payment.id}?submitted=1`;
}

export type RequestPaymentAfterApprovalOptions = {
  applicationId: string;
  /** Public base URL for the link in the e-mail (config.baseUrl). */
  baseUrl: string;
};

/**
 * Call in the approval's transaction (beside enqueueDocumentIssue). When the procedure takes its
 * fee after approval, creates the payment, adds 「手数料 …円 のお支払いをお願いします」 to the
 * timeline and queues the e-mail with the payment link (call deps.wakeWorker() after commit).
 * Safe for any application: null when no fee is due after approval.
 *
 * @example if (to === "approved") await requestPaymentAfterApproval(tx, { applicationId, baseUrl });
 */
export async function requestPaymentAfterApproval(tx: Db, options: RequestPaymentAfterApprovalOptions): Promise<{ paymentId: string; amountYen: number } | null> {
  const result = await ensurePayment(tx, options.applicationId, "after_approval");
  if (!result) return null;
  if (result.created) {
    await timeline(tx, result.payment, "requested", { amount: result.payment.amountYen.toLocaleString("ja-JP") }, { amountYen: result.payment.amountYen });
    await mailPaymentRequested(tx, result.payment, options.baseUrl);
  }
  return { paymentId: result.payment.id, amountYen: result.payment.amountYen };
}
