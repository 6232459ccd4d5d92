/**
 * SQL of the payments module, on its own tables (payment_settings, payments, payment_attempts,
 * payment_refunds, payment_events, payment_webhook_events). The sandbox provider keeps its own
 * books in providers/sandbox.ts.
 *
 * Exception, to be replaced: `findApplicationForPayment` reads the procedures module's
 * applications/procedures tables (and identity's departments and users) directly, because
 * procedures does not export a reader yet — the same exception as the documents module's. When
 * procedures exports one, this one query is the only place to change.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { runStatement, statement } from "../../core/db/statements.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { ProcedureFee } from "./fees.ts";
import type { ChargeStatus, PaymentMethod, PaymentSlip, ProviderName } from "./providers/provider.ts";
import type { AttemptStatus, FeeBreakdown, PaymentStatus, PaymentTiming, RefundStatus } from "./tables.ts";

const date = (value: Date | string | null | undefined): Date | null => (value ? new Date(value) : null);

// ---------------------------------------------------------------------------------------------
// Applications (read-only, from the procedures module's tables; see above)

export type ApplicationForPayment = {
  id: string;
  reference: string;
  userId: string;
  departmentCode: string;
  departmentName: LocalizedText;
  status: string;
  applicantName: string;
  answers: Record<string, unknown>;
  procedureId: string;
  procedureSlug: string;
  procedureTitle: LocalizedText;
  fee: ProcedureFee;
  email: string;
  /** The resident's language for e-mails. */
  locale: string;
  submittedAt: Date;
};

export async function findApplicationForPayment(db: Db, applicationId: string): Promise<ApplicationForPayment | null> {
  const [row] = await queryRows<Omit<ApplicationForPayment, "departmentName" | "fee"> & { nameJa: string; nameEn: string; details: { fee?: ProcedureFee } }>(
    db,
    sql`SELECT a.id, a.reference, a.user_id AS "userId", a.department_code AS "departmentCode", a.status, a.applicant_name AS "applicantName",
          a.answers, a.submitted_at AS "submittedAt", p.id AS "procedureId", p.slug AS "procedureSlug", p.title AS "procedureTitle", p.details,
          d.name_ja AS "nameJa", d.name_en AS "nameEn", u.email, u.locale
        FROM applications a
        JOIN procedures p ON p.id = a.procedure_id
        JOIN identity_departments d ON d.code = a.department_code
        JOIN identity_people u ON u.id = a.user_id
        WHERE a.id = ${applicationId}::uuid`,
  );
  if (!row) return null;
  const { nameJa, nameEn, details, ...rest } = row;
  return { ...rest, submittedAt: new Date(row.submittedAt), departmentName: { ja: nameJa, en: nameEn }, fee: details?.fee ?? null };
}

/** Procedures (id, slug, title, department) by slug, for settings and the demo seed. */
export async function findProcedureIdsBySlug(db: Db, slugs: string[]): Promise<Array<{ id: string; slug: string; departmentCode: string }>> {
  if (slugs.length === 0) return [];
  return queryRows(db, sql`SELECT id, slug, department_code AS "departmentCode" FROM procedures WHERE slug IN (${sql.join(slugs.map((s) => sql`${s}`), sql`, `)})`);
}

// ---------------------------------------------------------------------------------------------
// Settings

// Every submit asks whether a fee is due now: prepared once per connection.
const FIND_TIMING = statement("payments.find_timing", "SELECT timing FROM payment_settings WHERE procedure_id = $1::uuid");

export async function findTiming(db: Db, procedureId: string): Promise<PaymentTiming | null> {
  const [row] = await runStatement<{ timing: PaymentTiming }>(db, FIND_TIMING, [procedureId]);
  return row?.timing ?? null;
}

export async function upsertTiming(db: Db, procedureId: string, timing: PaymentTiming | null, updatedBy: string | null): Promise<void> {
  if (timing === null) {
    await db.execute(sql`DELETE FROM payment_settings WHERE procedure_id = ${procedureId}::uuid`);
    return;
  }
  await db.execute(sql`INSERT INTO payment_settings (procedure_id, timing, updated_by) VALUES (${procedureId}::uuid, ${timing}, ${updatedBy}::uuid)
    ON CONFLICT (procedure_id) DO UPDATE SET timing = EXCLUDED.timing, updated_by = EXCLUDED.updated_by, updated_at = now()`);
}

// ---------------------------------------------------------------------------------------------
// Payments

export type PaymentRow = {
  id: string;
  applicationId: string;
  userId: string;
  departmentCode: string;
  procedureId: string;
  timing: PaymentTiming;
  amountYen: number;
  breakdown: FeeBreakdown;
  description: string;
  status: PaymentStatus;
  attemptCount: number;
  paidAttemptId: string | null;
  paidAt: Date | null;
  receiptNumber: string | null;
  refundedYen: number;
  createdAt: Date;
  updatedAt: Date;
};

const PAYMENT_COLUMNS = sql`id, application_id AS "applicationId", user_id AS "userId", department_code AS "departmentCode", procedure_id AS "procedureId",
  timing, amount_yen AS "amountYen", breakdown, description, status, attempt_count AS "attemptCount", paid_attempt_id AS "paidAttemptId",
  paid_at AS "paidAt", receipt_number AS "receiptNumber", refunded_yen AS "refundedYen", created_at AS "createdAt", updated_at AS "updatedAt"`;

function payment(row: PaymentRow): PaymentRow {
  return { ...row, paidAt: date(row.paidAt), createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

export type NewPayment = Pick<PaymentRow, "applicationId" | "userId" | "departmentCode" | "procedureId" | "timing" | "amountYen" | "breakdown" | "description">;

/** Inserts the application's fee payment unless it exists; answers with the row and whether it is new. */
export async function insertPaymentIfAbsent(tx: Db, values: NewPayment): Promise<{ payment: PaymentRow; created: boolean }> {
  const [inserted] = await queryRows<PaymentRow>(
    tx,
    sql`INSERT INTO payments (application_id, user_id, department_code, procedure_id, timing, amount_yen, breakdown, description)
        VALUES (${values.applicationId}::uuid, ${values.userId}::uuid, ${values.departmentCode}, ${values.procedureId}::uuid, ${values.timing},
                ${values.amountYen}, ${JSON.stringify(values.breakdown)}::jsonb, ${values.description})
        ON CONFLICT (application_id, purpose) DO NOTHING
        RETURNING ${PAYMENT_COLUMNS}`,
  );
  if (inserted) return { payment: payment(inserted), created: true };
  const existing = await findPaymentByApplication(tx, values.applicationId);
  if (!existing) throw new Error("payment vanished after a conflicting insert");
  return { payment: existing, created: false };
}

export async function findPayment(db: Db, paymentId: string): Promise<PaymentRow | null> {
  const [row] = await queryRows<PaymentRow>(db, sql`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ${paymentId}::uuid`);
  return row ? payment(row) : null;
}

/** The payment, locked until the end of the transaction (every change of a payment takes this lock first). */
export async function lockPayment(tx: Db, paymentId: string): Promise<PaymentRow | null> {
  const [row] = await queryRows<PaymentRow>(tx, sql`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ${paymentId}::uuid FOR UPDATE`);
  return row ? payment(row) : null;
}

export async function findPaymentByApplication(db: Db, applicationId: string): Promise<PaymentRow | null> {
  const [row] = await queryRows<PaymentRow>(db, sql`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE application_id = ${applicationId}::uuid AND purpose = 'fee'`);
  return row ? payment(row) : null;
}

export async function updatePayment(
  tx: Db,
  paymentId: string,
  fields: Partial<Pick<PaymentRow, "status" | "attemptCount" | "paidAttemptId" | "paidAt" | "receiptNumber" | "refundedYen">>,
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (fields.status !== undefined) sets.push(sql`status = ${fields.status}`);
  if (fields.attemptCount !== undefined) sets.push(sql`attempt_count = ${fields.attemptCount}`);
  if (fields.paidAttemptId !== undefined) sets.push(sql`paid_attempt_id = ${fields.paidAttemptId}::uuid`);
  if (fields.paidAt !== undefined) sets.push(sql`paid_at = ${fields.paidAt ? fields.paidAt.toISOString() : null}::timestamptz`);
  if (fields.receiptNumber !== undefined) sets.push(sql`receipt_number = ${fields.receiptNumber}`);
  if (fields.refundedYen !== undefined) sets.push(sql`refunded_yen = ${fields.refundedYen}`);
  await tx.execute(sql`UPDATE payments SET ${sql.join(sets, sql`, `)} WHERE id = ${paymentId}::uuid`);
}

export async function nextReceiptSequence(tx: Db): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(tx, sql`SELECT nextval('payment_receipt_seq') AS n`);
  return Number(row!.n);
}

export type PaymentListItem = PaymentRow & { reference: string; procedureTitle: LocalizedText; applicantName: string };

/** Recent payments of some departments (staff list), newest first. */
export async function listPaymentsOfDepartments(db: Db, departmentCodes: string[], limit = 100): Promise<PaymentListItem[]> {
  if (departmentCodes.length === 0) return [];
  const rows = await queryRows<PaymentListItem>(
    db,
    sql`SELECT ${sql.raw(PAYMENT_LIST_COLUMNS)}, a.reference, p.title AS "procedureTitle", a.applicant_name AS "applicantName"
        FROM payments pay JOIN applications a ON a.id = pay.application_id JOIN procedures p ON p.id = pay.procedure_id
        WHERE pay.department_code IN (${sql.join(departmentCodes.map((c) => sql`${c}`), sql`, `)})
        ORDER BY pay.created_at DESC LIMIT ${limit}`,
  );
  return rows.map((row) => ({ ...payment(row), reference: row.reference, procedureTitle: row.procedureTitle, applicantName: row.applicantName }));
}

const PAYMENT_LIST_COLUMNS = `pay.id, pay.application_id AS "applicationId", pay.user_id AS "userId", pay.department_code AS "departmentCode",
  pay.procedure_id AS "procedureId", pay.timing, pay.amount_yen AS "amountYen", pay.breakdown, pay.description, pay.status,
  pay.attempt_count AS "attemptCount", pay.paid_attempt_id AS "paidAttemptId", pay.paid_at AS "paidAt", pay.receipt_number AS "receiptNumber",
  pay.refunded_yen AS "refundedYen", pay.created_at AS "createdAt", pay.updated_at AS "updatedAt"`;

// ---------------------------------------------------------------------------------------------
// Attempts

export type AttemptRow = {
  id: string;
  paymentId: string;
  attemptNo: number;
  idempotencyKey: string;
  provider: ProviderName;
  method: PaymentMethod;
  amountYen: number;
  status: AttemptStatus;
  providerChargeId: string | null;
  providerPaymentRef: string | null;
  redirectUrl: string | null;
  failureCode: string | null;
  slip: PaymentSlip | null;
  duplicate: boolean;
  succeededAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const ATTEMPT_COLUMNS = sql`id, payment_id AS "paymentId", attempt_no AS "attemptNo", idempotency_key AS "idempotencyKey", provider, method,
  amount_yen AS "amountYen", status, provider_charge_id AS "providerChargeId", provider_payment_ref AS "providerPaymentRef",
  redirect_url AS "redirectUrl", failure_code AS "failureCode", slip, duplicate, succeeded_at AS "succeededAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

function attempt(row: AttemptRow): AttemptRow {
  return { ...row, succeededAt: date(row.succeededAt), createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

export const OPEN_ATTEMPT_STATUSES: readonly AttemptStatus[] = ["creating", "requires_action", "pending"];

export async function findOpenAttempt(db: Db, paymentId: string): Promise<AttemptRow | null> {
  const [row] = await queryRows<AttemptRow>(
    db,
    sql`SELECT ${ATTEMPT_COLUMNS} FROM payment_attempts WHERE payment_id = ${paymentId}::uuid AND status IN ('creating', 'requires_action', 'pending')`,
  );
  return row ? attempt(row) : null;
}

export async function insertAttempt(
  tx: Db,
  values: Pick<AttemptRow, "paymentId" | "attemptNo" | "idempotencyKey" | "provider" | "method" | "amountYen">,
): Promise<AttemptRow> {
  const [row] = await queryRows<AttemptRow>(
    tx,
    sql`INSERT INTO payment_attempts (payment_id, attempt_no, idempotency_key, provider, method, amount_yen)
        VALUES (${values.paymentId}::uuid, ${values.attemptNo}, ${values.idempotencyKey}, ${values.provider}, ${values.method}, ${values.amountYen})
        RETURNING ${ATTEMPT_COLUMNS}`,
  );
  return attempt(row!);
}

export async function findAttempt(db: Db, attemptId: string): Promise<AttemptRow | null> {
  const [row] = await queryRows<AttemptRow>(db, sql`SELECT ${ATTEMPT_COLUMNS} FROM payment_attempts WHERE id = ${attemptId}::uuid`);
  return row ? attempt(row) : null;
}

export async function findAttemptByNo(db: Db, paymentId: string, attemptNo: number): Promise<AttemptRow | null> {
  const [row] = await queryRows<AttemptRow>(db, sql`SELECT ${ATTEMPT_COLUMNS} FROM payment_attempts WHERE payment_id = ${paymentId}::uuid AND attempt_no = ${attemptNo}`);
  return row ? attempt(row) : null;
}

export async function lockAttempt(tx: Db, attemptId: string): Promise<AttemptRow | null> {
  const [row] = await queryRows<AttemptRow>(tx, sql`SELECT ${ATTEMPT_COLUMNS} FROM payment_attempts WHERE id = ${attemptId}::uuid FOR UPDATE`);
  return row ? attempt(row) : null;
}

export async function listAttempts(db: Db, paymentId: string): Promise<AttemptRow[]> {
  const rows = await queryRows<AttemptRow>(db, sql`SELECT ${ATTEMPT_COLUMNS} FROM payment_attempts WHERE payment_id = ${paymentId}::uuid ORDER BY attempt_no`);
  return rows.map(attempt);
}

/** The attempt a provider's id belongs to: its charge id, its payment ref, or (from metadata) its key. */
export async function findAttemptForProvider(db: Db, provider: ProviderName, ids: { chargeId?: string; paymentRef?: string; attemptKey?: string }): Promise<AttemptRow | null> {
  const conditions: SQL[] = [];
  if (ids.chargeId) conditions.push(sql`provider_charge_id = ${ids.chargeId}`, sql`provider_payment_ref = ${ids.chargeId}`);
  if (ids.paymentRef) conditions.push(sql`provider_charge_id = ${ids.paymentRef}`, sql`provider_payment_ref = ${ids.paymentRef}`);
  if (ids.attemptKey) conditions.push(sql`idempotency_key = ${ids.attemptKey}`);
  if (conditions.length === 0) return null;
  const [row] = await queryRows<AttemptRow>(db, sql`SELECT ${ATTEMPT_COLUMNS} FROM payment_attempts WHERE provider = ${provider} AND (${sql.join(conditions, sql` OR `)}) LIMIT 1`);
  return row ? attempt(row) : null;
}

export async function updateAttempt(
  tx: Db,
  attemptId: string,
  fields: Partial<Pick<AttemptRow, "status" | "providerChargeId" | "providerPaymentRef" | "redirectUrl" | "failureCode" | "slip" | "duplicate" | "succeededAt">>,
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (fields.status !== undefined) sets.push(sql`status = ${fields.status}`);
  if (fields.providerChargeId !== undefined) sets.push(sql`provider_charge_id = ${fields.providerChargeId}`);
  if (fields.providerPaymentRef !== undefined) sets.push(sql`provider_payment_ref = ${fields.providerPaymentRef}`);
  if (fields.redirectUrl !== undefined) sets.push(sql`redirect_url = ${fields.redirectUrl}`);
  if (fields.failureCode !== undefined) sets.push(sql`failure_code = ${fields.failureCode}`);
  if (fields.slip !== undefined) sets.push(sql`slip = ${fields.slip ? JSON.stringify(fields.slip) : null}::jsonb`);
  if (fields.duplicate !== undefined) sets.push(sql`duplicate = ${fields.duplicate}`);
  if (fields.succeededAt !== undefined) sets.push(sql`succeeded_at = ${fields.succeededAt ? fields.succeededAt.toISOString() : null}::timestamptz`);
  await tx.execute(sql`UPDATE payment_attempts SET ${sql.join(sets, sql`, `)} WHERE id = ${attemptId}::uuid`);
}

// ---------------------------------------------------------------------------------------------
// Refunds

export type RefundRow = {
  id: string;
  paymentId: string;
  attemptId: string;
  amountYen: number;
  reason: string;
  idempotencyKey: string;
  provider: ProviderName;
  status: RefundStatus;
  providerRefundId: string | null;
  failureCode: string | null;
  requestedBy: string | null;
  requestedByName: string | null;
  createdAt: Date;
  succeededAt: Date | null;
};

const REFUND_COLUMNS = sql`r.id, r.payment_id AS "paymentId", r.attempt_id AS "attemptId", r.amount_yen AS "amountYen", r.reason,
  r.idempotency_key AS "idempotencyKey", r.provider, r.status, r.provider_refund_id AS "providerRefundId", r.failure_code AS "failureCode",
  r.requested_by AS "requestedBy", u.display_name AS "requestedByName",
  r.created_at AS "createdAt", r.succeeded_at AS "succeededAt"`;

function refund(row: RefundRow): RefundRow {
  return { ...row, createdAt: new Date(row.createdAt), succeededAt: date(row.succeededAt) };
}

export async function findRefundByKey(db: Db, idempotencyKey: string): Promise<RefundRow | null> {
  const [row] = await queryRows<RefundRow>(db, sql`SELECT ${REFUND_COLUMNS} FROM payment_refunds r LEFT JOIN identity_people u ON u.id = r.requested_by WHERE r.idempotency_key = ${idempotencyKey}`);
  return row ? refund(row) : null;
}

export async function findRefund(db: Db, refundId: string): Promise<RefundRow | null> {
  const [row] = await queryRows<RefundRow>(db, sql`SELECT ${REFUND_COLUMNS} FROM payment_refunds r LEFT JOIN identity_people u ON u.id = r.requested_by WHERE r.id = ${refundId}::uuid`);
  return row ? refund(row) : null;
}

export async function listRefunds(db: Db, paymentId: string): Promise<RefundRow[]> {
  const rows = await queryRows<RefundRow>(db, sql`SELECT ${REFUND_COLUMNS} FROM payment_refunds r LEFT JOIN identity_people u ON u.id = r.requested_by WHERE r.payment_id = ${paymentId}::uuid ORDER BY r.created_at`);
  return rows.map(refund);
}

/** Refunds of an attempt that count against what is left to refund: succeeded and still pending ones. */
export async function activeRefundTotal(tx: Db, attemptId: string): Promise<number> {
  const [row] = await queryRows<{ total: number }>(tx, sql`SELECT COALESCE(sum(amount_yen), 0)::int AS total FROM payment_refunds WHERE attempt_id = ${attemptId}::uuid AND status <> 'failed'`);
  return row?.total ?? 0;
}

export async function insertRefund(
  tx: Db,
  values: Pick<RefundRow, "paymentId" | "attemptId" | "amountYen" | "reason" | "idempotencyKey" | "provider" | "requestedBy">,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO payment_refunds (payment_id, attempt_id, amount_yen, reason, idempotency_key, provider, requested_by)
        VALUES (${values.paymentId}::uuid, ${values.attemptId}::uuid, ${values.amountYen}, ${values.reason}, ${values.idempotencyKey}, ${values.provider}, ${values.requestedBy}::uuid)
        RETURNING id`,
  );
  return row!.id;
}

export async function lockRefund(tx: Db, refundId: string): Promise<RefundRow | null> {
  await tx.execute(sql`SELECT 1 FROM payment_refunds WHERE id = ${refundId}::uuid FOR UPDATE`);
  return findRefund(tx, refundId);
}

export async function updateRefund(tx: Db, refundId: string, fields: { status: RefundStatus; providerRefundId?: string | null; failureCode?: string | null }): Promise<void> {
  await tx.execute(sql`UPDATE payment_refunds SET status = ${fields.status}, provider_refund_id = COALESCE(${fields.providerRefundId ?? null}, provider_refund_id),
      failure_code = ${fields.failureCode ?? null}, updated_at = now(),
      succeeded_at = CASE WHEN ${fields.status} = 'succeeded' THEN COALESCE(succeeded_at, now()) ELSE succeeded_at END
    WHERE id = ${refundId}::uuid`);
}

// ---------------------------------------------------------------------------------------------
// History and webhooks

export type PaymentEventRow = { id: number; at: Date; type: string; fromStatus: string | null; toStatus: string | null; actorId: string | null; data: Record<string, unknown> };

export async function insertPaymentEvent(
  tx: Db,
  event: { paymentId: string; attemptId?: string | null; refundId?: string | null; actorId?: string | null; type: string; fromStatus?: string | null; toStatus?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await tx.execute(sql`INSERT INTO payment_events (payment_id, attempt_id, refund_id, actor_id, type, from_status, to_status, data)
    VALUES (${event.paymentId}::uuid, ${event.attemptId ?? null}::uuid, ${event.refundId ?? null}::uuid, ${event.actorId ?? null}::uuid, ${event.type},
            ${event.fromStatus ?? null}, ${event.toStatus ?? null}, ${JSON.stringify(event.data ?? {})}::jsonb)`);
}

export async function listPaymentEvents(db: Db, paymentId: string): Promise<PaymentEventRow[]> {
  const rows = await queryRows<PaymentEventRow>(
    db,
    sql`SELECT id, at, type, from_status AS "fromStatus", to_status AS "toStatus", actor_id AS "actorId", data FROM payment_events WHERE payment_id = ${paymentId}::uuid ORDER BY id`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), at: new Date(row.at) }));
}

/** Records a webhook event once; false when this provider event id was seen before (a duplicate delivery). */
export async function recordWebhookEvent(tx: Db, event: { provider: ProviderName; eventId: string; type: string; outcome: "applied" | "unmatched" | "ignored"; payload: unknown }): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO payment_webhook_events (provider, event_id, type, outcome, payload) VALUES (${event.provider}, ${event.eventId}, ${event.type}, ${event.outcome}, ${JSON.stringify(event.payload)}::jsonb)
        ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`,
  );
  return rows.length > 0;
}

export async function setWebhookOutcome(tx: Db, provider: ProviderName, eventId: string, outcome: "applied" | "unmatched" | "ignored"): Promise<void> {
  await tx.execute(sql`UPDATE payment_webhook_events SET outcome = ${outcome} WHERE provider = ${provider} AND event_id = ${eventId}`);
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

export type LedgerCharge = {
  attemptId: string;
  paymentId: string;
  reference: string;
  departmentCode: string;
  provider: ProviderName;
  providerChargeId: string | null;
  providerPaymentRef: string | null;
  idempotencyKey: string;
  amountYen: number;
  status: AttemptStatus;
  succeededAt: Date | null;
};

const LEDGER_CHARGE_COLUMNS = sql`t.id AS "attemptId", t.payment_id AS "paymentId", a.reference, pay.department_code AS "departmentCode", t.provider,
  t.provider_charge_id AS "providerChargeId", t.provider_payment_ref AS "providerPaymentRef", t.idempotency_key AS "idempotencyKey",
  t.amount_yen AS "amountYen", t.status, t.succeeded_at AS "succeededAt"`;

function ledgerCharge(row: LedgerCharge): LedgerCharge {
  return { ...row, succeededAt: date(row.succeededAt) };
}

/** Our succeeded charges of a period. */
export async function listSucceededCharges(db: Db, start: Date, end: Date): Promise<LedgerCharge[]> {
  const rows = await queryRows<LedgerCharge>(
    db,
    sql`SELECT ${LEDGER_CHARGE_COLUMNS} FROM payment_attempts t JOIN payments pay ON pay.id = t.payment_id JOIN applications a ON a.id = pay.application_id
        WHERE t.succeeded_at >= ${start.toISOString()}::timestamptz AND t.succeeded_at < ${end.toISOString()}::timestamptz ORDER BY t.succeeded_at, t.id`,
  );
  return rows.map(ledgerCharge);
}

export async function findLedgerCharge(db: Db, provider: ProviderName, ids: { chargeId?: string; paymentRef?: string; attemptKey?: string }): Promise<LedgerCharge | null> {
  const found = await findAttemptForProvider(db, provider, ids);
  if (!found) return null;
  const [row] = await queryRows<LedgerCharge>(
    db,
    sql`SELECT ${LEDGER_CHARGE_COLUMNS} FROM payment_attempts t JOIN payments pay ON pay.id = t.payment_id JOIN applications a ON a.id = pay.application_id WHERE t.id = ${found.id}::uuid`,
  );
  return row ? ledgerCharge(row) : null;
}

export type LedgerRefund = {
  refundId: string;
  paymentId: string;
  reference: string;
  departmentCode: string;
  provider: ProviderName;
  providerRefundId: string | null;
  providerChargeId: string | null;
  amountYen: number;
  status: RefundStatus;
  succeededAt: Date | null;
};

const LEDGER_REFUND_COLUMNS = sql`r.id AS "refundId", r.payment_id AS "paymentId", a.reference, pay.department_code AS "departmentCode", r.provider,
  r.provider_refund_id AS "providerRefundId", COALESCE(t.provider_payment_ref, t.provider_charge_id) AS "providerChargeId", r.amount_yen AS "amountYen",
  r.status, r.succeeded_at AS "succeededAt"`;

export async function listSucceededRefunds(db: Db, start: Date, end: Date): Promise<LedgerRefund[]> {
  const rows = await queryRows<LedgerRefund>(
    db,
    sql`SELECT ${LEDGER_REFUND_COLUMNS} FROM payment_refunds r JOIN payment_attempts t ON t.id = r.attempt_id JOIN payments pay ON pay.id = r.payment_id
        JOIN applications a ON a.id = pay.application_id
        WHERE r.succeeded_at >= ${start.toISOString()}::timestamptz AND r.succeeded_at < ${end.toISOString()}::timestamptz ORDER BY r.succeeded_at, r.id`,
  );
  return rows.map((row) => ({ ...row, succeededAt: date(row.succeededAt) }));
}

export async function findLedgerRefund(db: Db, provider: ProviderName, providerRefundId: string): Promise<LedgerRefund | null> {
  const [row] = await queryRows<LedgerRefund>(
    db,
    sql`SELECT ${LEDGER_REFUND_COLUMNS} FROM payment_refunds r JOIN payment_attempts t ON t.id = r.attempt_id JOIN payments pay ON pay.id = r.payment_id
        JOIN applications a ON a.id = pay.application_id WHERE r.provider = ${provider} AND r.provider_refund_id = ${providerRefundId}`,
  );
  return row ? { ...row, succeededAt: date(row.succeededAt) } : null;
}

export type { ChargeStatus };
