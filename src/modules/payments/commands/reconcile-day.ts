/**
 * Daily reconciliation (日次の突合・消込): our succeeded charges and refunds of a day (Japan time)
 * against each provider's money movements of that day. Every row appears in the report, with
 * `mismatch` empty when both sides agree, or:
 *
 *   missing_at_provider  we recorded money the provider does not know
 *   missing_here         the provider moved money we have no record of
 *   amount_differs       both know it, with different amounts
 *   status_differs       both know it, but one says it succeeded and the other does not
 *                        (e.g. a lost webhook: paid at the provider, still pending here)
 *
 * A movement near midnight may sit on different days on the two sides: an unmatched charge of
 * ours is looked up at the provider by id before it is called missing.
 */
import { t } from "../../../core/i18n/index.ts";
import { UTF8_BOM, csvRow } from "../../../core/csv.ts";
import type { Db } from "../../../core/db/database.ts";
import type { PaymentsContext } from "../context.ts";
import { csvDateTime } from "../format.ts";
import { japanDayBounds, type PaymentProvider, type ProviderName, type ProviderTransaction } from "../providers/provider.ts";
import { findLedgerCharge, findLedgerRefund, listSucceededCharges, listSucceededRefunds, type LedgerCharge, type LedgerRefund } from "../queries.ts";
import "../messages.ts";

export type Mismatch = "" | "missing_at_provider" | "missing_here" | "amount_differs" | "status_differs";

export type ReconciliationRow = {
  day: string;
  kind: "charge" | "refund";
  provider: ProviderName;
  /** The provider's id of the movement (or of the charge, for ours it cannot find). */
  providerId: string;
  paymentId: string | null;
  reference: string | null;
  departmentCode: string | null;
  ourAmountYen: number | null;
  providerAmountYen: number | null;
  ourStatus: string | null;
  providerStatus: string | null;
  at: Date | null;
  mismatch: Mismatch;
};

export type Reconciliation = { day: string; rows: ReconciliationRow[]; mismatches: number; failedProviders: ProviderName[] };

export type ReconcileDayOptions = {
  db: Db;
  context: PaymentsContext;
  /** YYYY-MM-DD, a day in Japan time. */
  day: string;
  onProgress?: (message: string) => void;
};

function compare(ours: { amountYen: number; status: string }, theirs: { amountYen: number; status: string }): Mismatch {
  if (ours.amountYen !== theirs.amountYen) return "amount_differs";
  const theirsOk = theirs.status === "succeeded" || theirs.status === "refunded";
  if ((ours.status === "succeeded") !== theirsOk) return "status_differs";
  return "";
}

async function reconcileProvider(db: Db, provider: PaymentProvider, day: string, transactions: ProviderTransaction[]): Promise<ReconciliationRow[]> {
  const { start, end } = japanDayBounds(day);
  const rows: ReconciliationRow[] = [];
  const matchedCharges = new Set<string>();
  const matchedRefunds = new Set<string>();
  const base = { day, provider: provider.name };

  /** A movement the provider reports, beside our ledger entry for it (null: we have none). */
  const providerRow = (txn: ProviderTransaction, kind: ReconciliationRow["kind"], providerId: string, ledger: LedgerCharge | LedgerRefund | null): ReconciliationRow => ({
    ...base,
    kind,
    providerId,
    paymentId: ledger?.paymentId ?? null,
    reference: ledger?.reference ?? null,
    departmentCode: ledger?.departmentCode ?? txn.metadata?.department ?? null,
    ourAmountYen: ledger?.amountYen ?? null,
    providerAmountYen: txn.amountYen,
    ourStatus: ledger?.status ?? null,
    providerStatus: txn.status,
    at: txn.at,
    mismatch: ledger ? compare(ledger, txn) : "missing_here",
  });

  for (const txn of transactions) {
    if (txn.type === "charge") {
      const ledger = await findLedgerCharge(db, provider.name, {
        ...(txn.providerChargeId ? { chargeId: txn.providerChargeId } : {}),
        ...(txn.paymentRef ? { paymentRef: txn.paymentRef } : {}),
        ...(txn.metadata?.attempt_key ? { attemptKey: txn.metadata.attempt_key } : {}),
      });
      if (ledger) matchedCharges.add(ledger.attemptId);
      rows.push(providerRow(txn, "charge", txn.providerChargeId ?? txn.id, ledger));
    } else {
      const ledger = txn.providerRefundId ? await findLedgerRefund(db, provider.name, txn.providerRefundId) : null;
      if (ledger) matchedRefunds.add(ledger.refundId);
      rows.push(providerRow(txn, "refund", txn.providerRefundId ?? txn.id, ledger));
    }
  }

  for (const ours of await listSucceededCharges(db, start, end)) {
    if (ours.provider !== provider.name || matchedCharges.has(ours.attemptId)) continue;
    const id = ours.providerPaymentRef ?? ours.providerChargeId;
    const charge = id ? await provider.getCharge(id) : null;
    rows.push({
      ...base,
      kind: "charge",
      providerId: id ?? ours.idempotencyKey,
      paymentId: ours.paymentId,
      reference: ours.reference,
      departmentCode: ours.departmentCode,
      ourAmountYen: ours.amountYen,
      providerAmountYen: charge?.amountYen ?? null,
      ourStatus: ours.status,
      providerStatus: charge?.status ?? null,
      at: ours.succeededAt,
      mismatch: charge ? compare(ours, charge) : "missing_at_provider",
    });
  }
  for (const ours of await listSucceededRefunds(db, start, end)) {
    if (ours.provider !== provider.name || matchedRefunds.has(ours.refundId)) continue;
    rows.push({
      ...base,
      kind: "refund",
      providerId: ours.providerRefundId ?? "",
      paymentId: ours.paymentId,
      reference: ours.reference,
      departmentCode: ours.departmentCode,
      ourAmountYen: ours.amountYen,
      providerAmountYen: null,
      ourStatus: ours.status,
      providerStatus: null,
      at: ours.succeededAt,
      mismatch: "missing_at_provider",
    });
  }
  return rows;
}

/**
 * @example const report = await reconcileDay({ db, context, day: "2026-11-26" }); report.mismatches
 */
export async function reconcileDay(options: ReconcileDayOptions): Promise<Reconciliation> {
  const rows: ReconciliationRow[] = [];
  const failedProviders: ProviderName[] = [];
  for (const provider of options.context.providers.values()) {
    options.onProgress?.(`${provider.name}: fetching transactions of ${options.day}`);
    let transactions: ProviderTransaction[];
    try {
      transactions = await provider.listTransactions(options.day);
    } catch {
      failedProviders.push(provider.name);
      continue;
    }
    options.onProgress?.(`${provider.name}: ${transactions.length} transactions, matching`);
    rows.push(...(await reconcileProvider(options.db, provider, options.day, transactions)));
  }
  rows.sort((a, b) => a.provider.localeCompare(b.provider) || a.kind.localeCompare(b.kind) || (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
  return { day: options.day, rows, mismatches: rows.filter((r) => r.mismatch !== "").length, failedProviders };
}

export const RECONCILIATION_COLUMNS = [
  "date",
  "kind",
  "provider",
  "provider_id",
  "payment_id",
  "reference",
  "department",
  "our_amount_yen",
  "provider_amount_yen",
  "our_status",
  "provider_status",
  "at",
  "mismatch",
  "note",
] as const;

/** The report as CSV: UTF-8 with BOM, CRLF, one header row, every row with its `mismatch` code and a Japanese note. */
export function reconciliationCsv(rows: ReconciliationRow[]): string {
  let out = UTF8_BOM + csvRow(RECONCILIATION_COLUMNS);
  for (const row of rows) {
    out += csvRow([
      row.day,
      row.kind,
      row.provider,
      row.providerId,
      row.paymentId ?? "",
      row.reference ?? "",
      row.departmentCode ?? "",
      row.ourAmountYen ?? "",
      row.providerAmountYen ?? "",
      row.ourStatus ?? "",
      row.providerStatus ?? "",
      csvDateTime(row.at),
      row.mismatch,
      row.mismatch ? t("ja", `payments.recon.mismatch.${row.mismatch}`) : t("ja", "payments.recon.ok"),
    ]);
  }
  return out;
}
