/**
 * Input of the payments pages, checked with zod. Problems are reported per field, all at once,
 * as message keys of the 'payments' namespace with their parameters. Numbers typed in full width
 * (６００) and with separators (1,000) are accepted.
 */
import { z } from "zod";
import { normalizeWidth } from "../../core/text/japanese.ts";
import { isValidIsoDate } from "../../core/text/wareki.ts";
import { PAYMENT_METHODS, type PaymentMethod } from "./providers/provider.ts";

export type FieldProblem = { field: string; key: string; params?: Record<string, string | number> };
export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

const firstText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));
const text = (value: unknown): string => firstText.parse(value);

export function asBody(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export const PayInput = z.object({ method: z.enum(PAYMENT_METHODS as unknown as [PaymentMethod, ...PaymentMethod[]]) });

/** The method chosen on the pay page; it must be one the app offers now. */
export function parsePayForm(input: unknown, offered: readonly PaymentMethod[]): ParseResult<{ method: PaymentMethod }> {
  const parsed = PayInput.safeParse({ method: text(asBody(input).method) });
  if (!parsed.success) return { ok: false, problems: [{ field: "method", key: "pay.error.method" }] };
  if (!offered.includes(parsed.data.method)) return { ok: false, problems: [{ field: "method", key: "pay.error.methodUnavailable" }] };
  return { ok: true, data: parsed.data };
}

export type RefundForm = { amountYen: number; reason: string; refundKey: string };

/** 返金: amount 1…max (integer yen), a reason up to 500 characters, the form's refund key. */
export function parseRefundForm(input: unknown, maxYen: number): ParseResult<RefundForm> & { values: { amount: string; reason: string; refundKey: string } } {
  const body = asBody(input);
  const values = { amount: text(body.amount), reason: text(body.reason), refundKey: text(body.refund_key) };
  const problems: FieldProblem[] = [];
  const digits = normalizeWidth(values.amount).replace(/[,，円¥\s]/g, "");
  const amountYen = /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(amountYen) || amountYen < 1 || amountYen > maxYen) problems.push({ field: "amount", key: "staff.refund.error.amount", params: { max: maxYen } });
  const reason = values.reason.trim();
  if (!reason) problems.push({ field: "reason", key: "staff.refund.error.reason" });
  else if ([...reason].length > 500) problems.push({ field: "reason", key: "staff.refund.error.reasonLong" });
  const refundKey = /^[A-Za-z0-9-]{16,64}$/.test(values.refundKey) ? values.refundKey : "";
  if (problems.length > 0 || !refundKey) return { ok: false, problems: refundKey ? problems : [...problems, { field: "amount", key: "staff.refund.error.amount", params: { max: maxYen } }], values };
  return { ok: true, data: { amountYen, reason, refundKey }, values };
}

/** A day for the reconciliation: YYYY-MM-DD (full-width digits accepted). */
export function parseDay(value: unknown): string | null {
  const day = normalizeWidth(text(value)).trim().replace(/[/.]/g, "-");
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isValidIsoDate(day) ? day : null;
}

/** The attempt number on the return URL. */
export function parseAttemptNo(value: unknown): number | undefined {
  const raw = text(value);
  return /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
}

export const SettleInput = z.object({ outcome: z.enum(["succeeded", "failed", "expired"]) });
export const ThreeDSecureInput = z.object({ result: z.enum(["approve", "deny"]) });

export function parseSettle(input: unknown): "succeeded" | "failed" | "expired" | null {
  const parsed = SettleInput.safeParse({ outcome: text(asBody(input).outcome) });
  return parsed.success ? parsed.data.outcome : null;
}

export function parseThreeDSecure(input: unknown): boolean | null {
  const parsed = ThreeDSecureInput.safeParse({ result: text(asBody(input).result) });
  return parsed.success ? parsed.data.result === "approve" : null;
}

export function cardNumberOf(input: unknown): string {
  return text(asBody(input).card_number);
}
