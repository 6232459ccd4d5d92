/**
 * Fees (手数料) of procedures, in integer yen, with a breakdown a resident can check:
 *
 * - fixed:     `fee: { amountYen: 3000 }`                       → 3,000円
 * - per copy:  `fee: { amountYen: 300, per: "copy" }` × answer `copies` (住民票の写し 2通 → 600円)
 * - per item:  `fee: { amountYen: 200, per: "item" }` × the quantity: answer `quantity`, or the items
 *              of a repeating group (each item's `item_count` / `quantity`, else 1 per item)
 * - calculated: a hook registered for the procedure's slug (registerFeeCalculator), for fees that
 *              depend on answers in other ways (戸籍: 450円 or 750円 per copy by certificate kind).
 *
 * No fee (`fee: null`, or 0 yen) is `{ amountYen: 0, lines: [] }`. Amounts are checked to be safe
 * integers from 0 to ¥100,000,000; a hook that answers anything else is a programming error.
 */
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { FeeBreakdown, FeeLine } from "./tables.ts";

/** What a procedure's catalogue entry says about its fee (procedures.details.fee). */
export type ProcedureFee = { amountYen: number; per?: "copy" | "item"; note?: LocalizedText } | null;

/** The parts of a procedure a fee depends on. */
export type FeeProcedure = { slug: string; title: LocalizedText; fee: ProcedureFee };

export type Answers = Record<string, unknown>;

export type FeeCalculator = (procedure: FeeProcedure, answers: Answers) => FeeBreakdown;

export const MAX_FEE_YEN = 100_000_000;

const calculators = new Map<string, FeeCalculator>();

/**
 * Registers the fee hook of a procedure (by slug); it replaces the catalogue's simple rule.
 *
 * @example registerFeeCalculator("family-register-certificate", (p, answers) => …)
 */
export function registerFeeCalculator(slug: string, calculator: FeeCalculator): void {
  calculators.set(slug, calculator);
}

/** A whole number from an answer (numbers, or digits typed in full or half width). */
export function wholeNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== "string") return null;
  const normalised = value.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return /^\d{1,9}$/.test(normalised) ? Number(normalised) : null;
}

/** How many items a per-item fee counts: `quantity`, else a repeating group's counts. */
export function itemQuantity(answers: Answers): number {
  const direct = wholeNumber(answers.quantity);
  if (direct !== null) return direct;
  for (const value of Object.values(answers)) {
    if (!Array.isArray(value) || !value.every((item) => item && typeof item === "object" && !Array.isArray(item))) continue;
    return (value as Array<Record<string, unknown>>).reduce((sum, item) => sum + (wholeNumber(item.item_count) ?? wholeNumber(item.quantity) ?? 1), 0);
  }
  return 1;
}

/** A line of a breakdown, with its amount computed. */
export function feeLine(label: LocalizedText, unitYen: number, quantity: number, unit: FeeLine["unit"] = null): FeeLine {
  return { label, unitYen, quantity, unit, amountYen: unitYen * quantity };
}

function checked(breakdown: FeeBreakdown): FeeBreakdown {
  const total = breakdown.lines.reduce((sum, line) => sum + line.amountYen, 0);
  for (const line of breakdown.lines) {
    if (![line.unitYen, line.quantity, line.amountYen].every((n) => Number.isSafeInteger(n) && n >= 0) || line.amountYen !== line.unitYen * line.quantity) {
      throw new Error(`Fee line ${line.label.ja} is not integer yen × a whole quantity`);
    }
  }
  if (total !== breakdown.amountYen || total > MAX_FEE_YEN) throw new Error(`Fee total ${breakdown.amountYen} does not add up (${total}) or is too large`);
  return breakdown;
}

/**
 * The fee of an application: the total in integer yen and its lines.
 *
 * @example feeFor({ slug: "residence-certificate", title, fee: { amountYen: 300, per: "copy" } }, { copies: 2 })
 *          // → { amountYen: 600, lines: [{ label: title, unitYen: 300, quantity: 2, unit: "copy", amountYen: 600 }] }
 */
export function feeFor(procedure: FeeProcedure, answers: Answers): FeeBreakdown {
  const calculator = calculators.get(procedure.slug);
  if (calculator) return checked(calculator(procedure, answers));
  const fee = procedure.fee;
  if (!fee || fee.amountYen <= 0) return { amountYen: 0, lines: [] };
  let line: FeeLine;
  if (fee.per === "copy") line = feeLine(procedure.title, fee.amountYen, wholeNumber(answers.copies) ?? 1, "copy");
  else if (fee.per === "item") line = feeLine(procedure.title, fee.amountYen, itemQuantity(answers), "item");
  else line = feeLine(procedure.title, fee.amountYen, 1);
  return checked({ amountYen: line.amountYen, lines: line.quantity > 0 ? [line] : [] });
}

// ── Hooks of the demo catalogue ─────────────────────────────────────────────────────────────

/** 戸籍証明書: 全部・個人事項証明書 450円, 除籍・改製原戸籍 750円, per copy (大阪市手数料条例). */
registerFeeCalculator("family-register-certificate", (procedure, answers) => {
  const closed = answers.certificate_kind === "removed" || answers.certificate_kind === "original";
  const copies = wholeNumber(answers.copies) ?? 1;
  const label: LocalizedText = closed
    ? { ja: "除籍・改製原戸籍の証明書", en: "Certificate of a closed or pre-reform register" }
    : { ja: "戸籍全部・個人事項証明書", en: "Family register certificate" };
  const line = feeLine(label, closed ? 750 : 450, copies, "copy");
  void procedure;
  return { amountYen: line.amountYen, lines: [line] };
});
