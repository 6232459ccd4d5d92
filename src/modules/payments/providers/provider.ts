/**
 * The one interface every payment provider implements (the built-in sandbox, Stripe). The rest of
 * the payments module never talks to a provider in any other way, so adding a provider (a Pay-easy
 * 収納代行, PayPay) is one new file behind this interface and its own fake for the tests.
 *
 * Rules every implementation keeps:
 * - Amounts are integer yen; JPY has no minor unit, so `amountYen: 600` is ¥600 at every provider.
 * - `idempotencyKey` makes a call safe to repeat: the same key with the same request gives the
 *   same charge or refund, never a second one; the same key with a different request is refused
 *   (ProviderError kind "idempotency").
 * - Card numbers never pass through Machi: a card payment returns `requires_action` with the
 *   provider's hosted page (`redirectUrl`), which sends the resident back to `returnUrl`.
 * - Errors are ProviderError with a stable kind; `retryable` says whether the same call (same key)
 *   may be tried again later with a chance of success.
 */

/** How the resident pays: card (hosted page), konbini (コンビニ払い slip), Pay-easy (ペイジー slip). */
export type PaymentMethod = "card" | "konbini" | "payeasy";
export const PAYMENT_METHODS: readonly PaymentMethod[] = ["card", "konbini", "payeasy"];

export type ProviderName = "sandbox" | "stripe";

/** Where a charge stands at the provider. */
export type ChargeStatus = "requires_action" | "pending" | "succeeded" | "failed" | "canceled";

/** A konbini or Pay-easy payment slip: what the resident types at the shop's terminal or the ATM / online bank. */
export type PaymentSlip =
  | {
      kind: "payeasy";
      /** 収納機関番号 (5 digits) */
      collectorNumber: string;
      /** お客様番号 (up to 20 digits) */
      customerNumber: string;
      /** 確認番号 (6 digits) */
      confirmationNumber: string;
      /** ISO timestamp: pay before this moment */
      expiresAt: string;
    }
  | {
      kind: "konbini";
      /** お支払い番号 (払込票番号) */
      paymentNumber: string;
      /** 確認番号 (some chains ask for it; may be empty) */
      confirmationNumber: string;
      /** Per chain when the provider gives different numbers per chain (Stripe: familymart, lawson, ministop, seicomart). */
      stores?: Record<string, { paymentCode: string; confirmationNumber: string }>;
      expiresAt: string;
      /** The provider's own printable voucher, when it has one. */
      voucherUrl?: string;
    };

export type Charge = {
  providerChargeId: string;
  status: ChargeStatus;
  amountYen: number;
  /** requires_action: where to send the resident (hosted card page, 3-D Secure). */
  redirectUrl?: string;
  /** failed / canceled: the provider's reason, e.g. "card_declined", "expired". */
  failureCode?: string;
  /** pending konbini / Pay-easy payments. */
  slip?: PaymentSlip;
  /** The provider's id of the money movement when it differs from providerChargeId (Stripe Checkout: pi_…). */
  paymentRef?: string;
  /** What we sent as metadata (our payment id, attempt key), as the provider keeps it. */
  metadata?: Record<string, string>;
  /** Refunded so far, as the provider knows it. */
  amountRefundedYen?: number;
};

export type CreateChargeInput = {
  amountYen: number;
  currency: "JPY";
  idempotencyKey: string;
  method: PaymentMethod;
  /** Shown on the provider's page and statements, e.g. 「大阪市 住民票の写し交付手数料」. */
  description: string;
  /** Absolute URL the provider sends the resident back to (hosted page, 3-D Secure). */
  returnUrl: string;
  /** Absolute URL of our payment page, for "back" / cancel on the provider's page. */
  cancelUrl: string;
  /** Strings only; no personal data. We send payment_id, application_id, attempt_key, department. */
  metadata: Record<string, string>;
  /** Konbini and Pay-easy slips need a name and an e-mail address at most providers. */
  customer: { name: string; email: string };
};

export type RefundInput = { providerChargeId: string; amountYen: number; idempotencyKey: string; reason?: string };

export type Refund = { providerRefundId: string; status: "succeeded" | "pending" | "failed"; amountYen: number; failureCode?: string };

/** A change the provider tells us about, normalised. Webhook events carry one or more. */
export type ChargeUpdate = {
  /** The id we stored: a charge id, or the provider's payment ref (matched against both). */
  providerChargeId: string;
  status: ChargeStatus;
  paymentRef?: string;
  failureCode?: string;
  amountYen?: number;
  metadata?: Record<string, string>;
};

export type WebhookEvent = {
  id: string;
  type: string;
  createdAt: Date;
  updates: ChargeUpdate[];
  /** The event as received (stored for audit; providers send no card data). */
  payload: unknown;
};

/** One money movement at the provider on a day, for reconciliation. */
export type ProviderTransaction = {
  /** The provider's id of the movement (Stripe: txn_…; sandbox: the charge or refund id). */
  id: string;
  type: "charge" | "refund";
  /** Charge id and/or payment ref it belongs to (matched against what we stored). */
  providerChargeId?: string;
  paymentRef?: string;
  providerRefundId?: string;
  /** Always positive. */
  amountYen: number;
  status: "succeeded" | "pending" | "failed" | "refunded";
  at: Date;
  metadata?: Record<string, string>;
};

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Methods this provider can take. */
  readonly methods: readonly PaymentMethod[];
  /** True for the sandbox (test cards, simulated shops): pages say so. */
  readonly test: boolean;
  createCharge(input: CreateChargeInput): Promise<Charge>;
  /** The charge as the provider knows it now, or null when it does not exist. */
  getCharge(providerChargeId: string): Promise<Charge | null>;
  /** Cancels an open charge; answers with the charge as it is afterwards (succeeded if it was too late). */
  cancelCharge(providerChargeId: string, idempotencyKey: string): Promise<Charge>;
  refund(input: RefundInput): Promise<Refund>;
  /** Checks the signature and freshness; throws WebhookSignatureError otherwise. */
  verifyWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>): WebhookEvent;
  /** Money movements of a day in Japan time (YYYY-MM-DD). */
  listTransactions(day: string): Promise<ProviderTransaction[]>;
}

export type ProviderErrorKind =
  | "declined" // the card or account was refused (failureCode says why)
  | "invalid_request"
  | "idempotency" // same key, different request
  | "rate_limited"
  | "authentication"
  | "not_found"
  | "unavailable"; // network, 5xx, timeout: the outcome is unknown, retry with the same key

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly code: string | undefined;
  readonly status: number | undefined;
  constructor(kind: ProviderErrorKind, message: string, options: { code?: string; status?: number } = {}) {
    super(message);
    this.name = "ProviderError";
    this.kind = kind;
    this.code = options.code;
    this.status = options.status;
  }
  /** The same call with the same key may succeed later. */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable";
  }
}

export class WebhookSignatureError extends Error {
  readonly reason: "missing" | "malformed" | "mismatch" | "stale";
  constructor(reason: "missing" | "malformed" | "mismatch" | "stale", message: string) {
    super(message);
    this.name = "WebhookSignatureError";
    this.reason = reason;
  }
}

/** [start, end) of a day in Japan time (UTC+9, no daylight saving). */
export function japanDayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+09:00`);
  if (Number.isNaN(start.getTime())) throw new Error(`Not a date: ${day}`);
  return { start, end: new Date(start.getTime() + 24 * 3600 * 1000) };
}
