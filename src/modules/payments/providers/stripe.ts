/**
 * Stripe, written to its documented HTTP API (https://docs.stripe.com/api) with fetch — no SDK:
 * the surface we use is small and the SDK pins its own API version and retry policy.
 *
 * - Card: a Checkout Session (POST /v1/checkout/sessions, mode=payment): Stripe's hosted page
 *   takes the card and runs 3-D Secure, so card numbers never reach Machi (カード情報の非保持化,
 *   割賦販売法) and our pages need no JavaScript. The session is our charge id (cs_…); once paid
 *   its PaymentIntent (pi_…) is the payment ref used for refunds and reconciliation.
 * - Konbini: a PaymentIntent confirmed on the server (POST /v1/payment_intents, confirm=true,
 *   payment_method_data[type]=konbini); next_action.konbini_display_details gives the payment
 *   codes per chain and the expiry; payment is confirmed later by webhook.
 * - Every POST carries an `Idempotency-Key` (our attempt key); a replay returns the first result.
 *   429, 409 idempotency_key_in_use, 5xx and network errors are retried with backoff (at most
 *   `maxRetries`), honouring `Stripe-Should-Retry: false`.
 * - Amounts: JPY is a zero-decimal currency, `amount=600` is ¥600.
 * - Webhooks: `Stripe-Signature: t=…,v1=…`, HMAC-SHA256 of "<t>.<raw body>" with the endpoint
 *   secret, 300 s tolerance (signature.ts).
 * - Refunds: POST /v1/refunds with payment_intent and amount.
 * - Reconciliation: GET /v1/balance_transactions?created[gte]&created[lt]&expand[]=data.source,
 *   paginated with starting_after.
 *
 * Configuration (environment): STRIPE_SECRET_KEY (sk_…), STRIPE_WEBHOOK_SECRET (whsec_…),
 * STRIPE_API_BASE (default https://api.stripe.com; the tests point it at the local fake).
 */
import { encodeForm, type FormValue } from "./form-encoding.ts";
import {
  japanDayBounds,
  ProviderError,
  type Charge,
  type ChargeUpdate,
  type CreateChargeInput,
  type PaymentMethod,
  type PaymentProvider,
  type PaymentSlip,
  type ProviderTransaction,
  type Refund,
  type RefundInput,
  type WebhookEvent,
} from "./provider.ts";
import { DEFAULT_TOLERANCE_SECONDS, headerValue, verifySignature } from "./signature.ts";

export const STRIPE_API_VERSION = "2024-06-20";

export type StripeOptions = {
  secretKey: string;
  webhookSecret: string;
  /** Default https://api.stripe.com */
  apiBase?: string;
  /** Retries of a retryable failure (default 2). */
  maxRetries?: number;
  /** First backoff in ms (default 500, doubled each retry, with jitter). */
  retryDelayMs?: number;
  timeoutMs?: number;
  toleranceSeconds?: number;
  /** Konbini: days until the codes expire (default 7). */
  konbiniExpiresAfterDays?: number;
  fetch?: typeof fetch;
};

type StripeObject = Record<string, unknown> & { id?: string; object?: string };
type StripeErrorBody = { error?: { type?: string; code?: string; decline_code?: string; message?: string; param?: string } };

const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const asNumber = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const asObject = (value: unknown): StripeObject | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as StripeObject) : undefined);
const idOf = (value: unknown): string | undefined => asString(value) ?? asString(asObject(value)?.id);

function metadataOf(value: unknown): Record<string, string> | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(object)) if (typeof item === "string") out[key] = item;
  return out;
}

/** "sk_test_…abcd" → "sk_test_****abcd": never put a whole key in a message or a log. */
export function maskKey(key: string): string {
  return key.length <= 12 ? "****" : `${key.slice(0, 8)}****${key.slice(-4)}`;
}

export class StripeProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  readonly methods: readonly PaymentMethod[] = ["card", "konbini"];
  readonly test: boolean;
  readonly #options: Required<Omit<StripeOptions, "fetch">> & { fetch: typeof fetch };

  constructor(options: StripeOptions) {
    this.#options = {
      apiBase: (options.apiBase ?? "https://api.stripe.com").replace(/\/$/, ""),
      maxRetries: options.maxRetries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 500,
      timeoutMs: options.timeoutMs ?? 15_000,
      toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
      konbiniExpiresAfterDays: options.konbiniExpiresAfterDays ?? 7,
      secretKey: options.secretKey,
      webhookSecret: options.webhookSecret,
      fetch: options.fetch ?? fetch,
    };
    this.test = options.secretKey.startsWith("sk_test_");
  }

  // ── HTTP ──────────────────────────────────────────────────────────────────────────────────

  async #request(method: "GET" | "POST", path: string, options: { body?: Record<string, FormValue>; idempotencyKey?: string } = {}): Promise<StripeObject> {
    const { apiBase, secretKey, maxRetries, retryDelayMs, timeoutMs } = this.#options;
    const body = options.body ? encodeForm(options.body) : undefined;
    const headers: Record<string, string> = {
      authorization: `Bearer ${secretKey}`,
      "stripe-version": STRIPE_API_VERSION,
      "user-agent": "Machi/0.1 (payments)",
    };
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.#options.fetch(`${apiBase}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        if (attempt < maxRetries) {
          await this.#backoff(attempt);
          continue;
        }
        throw new ProviderError("unavailable", `Stripe did not answer (${(error as Error).name})`);
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = {};
      }
      if (response.ok) return json as StripeObject;
      const error = (json as StripeErrorBody).error ?? {};
      const shouldRetry = response.headers.get("stripe-should-retry");
      const retryable = shouldRetry === "true" || (shouldRetry !== "false" && (response.status === 429 || response.status === 409 || response.status >= 500));
      if (retryable && attempt < maxRetries) {
        await this.#backoff(attempt);
        continue;
      }
      throw this.#error(response.status, error);
    }
  }

  async #backoff(attempt: number): Promise<void> {
    const base = this.#options.retryDelayMs * 2 ** attempt;
    await new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * (base / 2)));
  }

  #error(status: number, error: NonNullable<StripeErrorBody["error"]>): ProviderError {
    const message = (error.message ?? `Stripe answered ${status}`).replaceAll(this.#options.secretKey, maskKey(this.#options.secretKey));
    const code = error.decline_code ?? error.code;
    const details = { status, ...(code ? { code } : {}) };
    if (status === 402 || error.type === "card_error") return new ProviderError("declined", message, details);
    if (error.type === "idempotency_error") return new ProviderError("idempotency", message, details);
    if (status === 429) return new ProviderError("rate_limited", message, details);
    if (status === 401 || status === 403) return new ProviderError("authentication", message, details);
    if (status === 404 || error.code === "resource_missing") return new ProviderError("not_found", message, details);
    if (status === 409 || status >= 500) return new ProviderError("unavailable", message, details);
    return new ProviderError("invalid_request", message, details);
  }

  // ── Charges ───────────────────────────────────────────────────────────────────────────────

  async createCharge(input: CreateChargeInput): Promise<Charge> {
    if (input.currency !== "JPY" || !Number.isSafeInteger(input.amountYen) || input.amountYen <= 0) {
      throw new ProviderError("invalid_request", "Amounts are positive integer yen");
    }
    if (input.method === "card") {
      const session = await this.#request("POST", "/v1/checkout/sessions", {
        idempotencyKey: input.idempotencyKey,
        body: {
          mode: "payment",
          "payment_method_types": ["card"],
          line_items: [{ quantity: 1, price_data: { currency: "jpy", unit_amount: input.amountYen, product_data: { name: input.description } } }],
          success_url: input.returnUrl,
          cancel_url: input.cancelUrl,
          client_reference_id: input.metadata.attempt_key ?? input.idempotencyKey,
          customer_email: input.customer.email,
          locale: "ja",
          metadata: input.metadata,
          payment_intent_data: { description: input.description, metadata: input.metadata },
        },
      });
      return this.#fromSession(session);
    }
    if (input.method === "konbini") {
      const intent = await this.#request("POST", "/v1/payment_intents", {
        idempotencyKey: input.idempotencyKey,
        body: {
          amount: input.amountYen,
          currency: "jpy",
          "payment_method_types": ["konbini"],
          confirm: true,
          payment_method_data: { type: "konbini", billing_details: { name: input.customer.name, email: input.customer.email } },
          payment_method_options: { konbini: { expires_after_days: this.#options.konbiniExpiresAfterDays } },
          description: input.description,
          metadata: input.metadata,
          return_url: input.returnUrl,
        },
      });
      return this.#fromIntent(intent);
    }
    throw new ProviderError("invalid_request", `Stripe does not take ${input.method} payments`);
  }

  async getCharge(providerChargeId: string): Promise<Charge | null> {
    try {
      if (providerChargeId.startsWith("cs_")) {
        return this.#fromSession(await this.#request("GET", `/v1/checkout/sessions/${encodeURIComponent(providerChargeId)}?expand[]=payment_intent`));
      }
      return this.#fromIntent(await this.#request("GET", `/v1/payment_intents/${encodeURIComponent(providerChargeId)}`));
    } catch (error) {
      if (error instanceof ProviderError && error.kind === "not_found") return null;
      throw error;
    }
  }

  async cancelCharge(providerChargeId: string, idempotencyKey: string): Promise<Charge> {
    const path = providerChargeId.startsWith("cs_")
      ? `/v1/checkout/sessions/${encodeURIComponent(providerChargeId)}/expire`
      : `/v1/payment_intents/${encodeURIComponent(providerChargeId)}/cancel`;
    try {
      const object = await this.#request("POST", path, { idempotencyKey, body: {} });
      return object.object === "checkout.session" ? this.#fromSession(object) : this.#fromIntent(object);
    } catch (error) {
      // Too late to cancel (already paid or already expired): say how it stands.
      if (error instanceof ProviderError && error.kind === "invalid_request") {
        const charge = await this.getCharge(providerChargeId);
        if (charge) return charge;
      }
      throw error;
    }
  }

  /** A Checkout Session as a charge: open → requires_action, complete+paid → succeeded, expired → canceled. */
  #fromSession(session: StripeObject): Charge {
    const intent = asObject(session.payment_intent);
    const paymentRef = idOf(session.payment_intent);
    const amountYen = asNumber(session.amount_total) ?? 0;
    const metadata = metadataOf(session.metadata);
    const base = { providerChargeId: String(session.id), amountYen, ...(paymentRef ? { paymentRef } : {}), ...(metadata ? { metadata } : {}) };
    const status = asString(session.status);
    const paymentStatus = asString(session.payment_status);
    if (status === "complete" && (paymentStatus === "paid" || paymentStatus === "no_payment_required")) return { ...base, status: "succeeded" };
    if (status === "complete") {
      const fromIntent = intent ? this.#fromIntent(intent) : null;
      if (fromIntent && (fromIntent.status === "failed" || fromIntent.status === "canceled")) return { ...base, status: fromIntent.status, ...(fromIntent.failureCode ? { failureCode: fromIntent.failureCode } : {}) };
      return { ...base, status: "pending" };
    }
    if (status === "expired") return { ...base, status: "canceled", failureCode: "expired" };
    const url = asString(session.url);
    return { ...base, status: "requires_action", ...(url ? { redirectUrl: url } : {}) };
  }

  #fromIntent(intent: StripeObject): Charge {
    const amountYen = asNumber(intent.amount) ?? 0;
    const metadata = metadataOf(intent.metadata);
    const latestCharge = asObject(intent.latest_charge);
    const refunded = asNumber(latestCharge?.amount_refunded);
    const base = { providerChargeId: String(intent.id), paymentRef: String(intent.id), amountYen, ...(metadata ? { metadata } : {}), ...(refunded !== undefined ? { amountRefundedYen: refunded } : {}) };
    const status = asString(intent.status);
    const lastError = asObject(intent.last_payment_error);
    const failureCode = asString(lastError?.decline_code) ?? asString(lastError?.code);
    if (status === "succeeded") return { ...base, status: "succeeded" };
    if (status === "canceled") return { ...base, status: "canceled", failureCode: asString(intent.cancellation_reason) ?? "canceled" };
    if (status === "processing") return { ...base, status: "pending" };
    if (status === "requires_payment_method") {
      // After a failed or expired payment Stripe waits for a new payment method: for us the attempt failed.
      return { ...base, status: "failed", failureCode: failureCode ?? "payment_failed" };
    }
    const nextAction = asObject(intent.next_action);
    const konbini = asObject(nextAction?.konbini_display_details);
    if (konbini) return { ...base, status: "pending", slip: konbiniSlip(konbini) };
    const redirect = asString(asObject(nextAction?.redirect_to_url)?.url);
    return { ...base, status: "requires_action", ...(redirect ? { redirectUrl: redirect } : {}) };
  }

  // ── Refunds ───────────────────────────────────────────────────────────────────────────────

  async refund(input: RefundInput): Promise<Refund> {
    let paymentIntent = input.providerChargeId;
    if (paymentIntent.startsWith("cs_")) {
      const session = await this.getCharge(paymentIntent);
      if (!session?.paymentRef) throw new ProviderError("invalid_request", "The Checkout Session has no payment to refund");
      paymentIntent = session.paymentRef;
    }
    const refund = await this.#request("POST", "/v1/refunds", {
      idempotencyKey: input.idempotencyKey,
      body: { payment_intent: paymentIntent, amount: input.amountYen, metadata: { machi_refund_key: input.idempotencyKey } },
    });
    const status = asString(refund.status);
    return {
      providerRefundId: String(refund.id),
      amountYen: asNumber(refund.amount) ?? input.amountYen,
      status: status === "succeeded" ? "succeeded" : status === "failed" || status === "canceled" ? "failed" : "pending",
      ...(asString(refund.failure_reason) ? { failureCode: asString(refund.failure_reason)! } : {}),
    };
  }

  // ── Webhooks ──────────────────────────────────────────────────────────────────────────────

  verifyWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>): WebhookEvent {
    const payload = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
    verifySignature({ payload, header: headerValue(headers, "stripe-signature"), secret: this.#options.webhookSecret, toleranceSeconds: this.#options.toleranceSeconds });
    const event = JSON.parse(payload) as { id: string; type: string; created: number; data?: { object?: StripeObject } };
    const object = event.data?.object ?? {};
    const updates: ChargeUpdate[] = [];
    const fromCharge = (charge: Charge, status = charge.status): ChargeUpdate => ({
      providerChargeId: charge.providerChargeId,
      status,
      amountYen: charge.amountYen,
      ...(charge.paymentRef ? { paymentRef: charge.paymentRef } : {}),
      ...(charge.failureCode ? { failureCode: charge.failureCode } : {}),
      ...(charge.metadata ? { metadata: charge.metadata } : {}),
    });
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
      case "checkout.session.expired":
        updates.push(fromCharge(this.#fromSession(object)));
        break;
      case "checkout.session.async_payment_failed":
        updates.push({ ...fromCharge(this.#fromSession(object), "failed"), failureCode: "payment_failed" });
        break;
      case "payment_intent.succeeded":
      case "payment_intent.payment_failed":
      case "payment_intent.canceled":
      case "payment_intent.processing":
        updates.push(fromCharge(this.#fromIntent(object)));
        break;
      default:
        break; // charge.refunded, refund.updated, …: refunds are ours and synchronous; reconciliation checks them.
    }
    return { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), updates, payload: event };
  }

  // ── Reconciliation ────────────────────────────────────────────────────────────────────────

  async listTransactions(day: string): Promise<ProviderTransaction[]> {
    const { start, end } = japanDayBounds(day);
    const out: ProviderTransaction[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const query = new URLSearchParams({
        "created[gte]": String(Math.floor(start.getTime() / 1000)),
        "created[lt]": String(Math.floor(end.getTime() / 1000)),
        limit: "100",
      });
      query.append("expand[]", "data.source");
      if (startingAfter) query.set("starting_after", startingAfter);
      const page = await this.#request("GET", `/v1/balance_transactions?${query.toString().replace(/%5B/g, "[").replace(/%5D/g, "]")}`);
      const data = Array.isArray(page.data) ? (page.data as StripeObject[]) : [];
      for (const txn of data) {
        const transaction = this.#transaction(txn);
        if (transaction) out.push(transaction);
      }
      if (page.has_more !== true || data.length === 0) break;
      startingAfter = String(data[data.length - 1]!.id);
    }
    return out;
  }

  #transaction(txn: StripeObject): ProviderTransaction | null {
    const type = asString(txn.type);
    const source = asObject(txn.source);
    const amount = Math.abs(asNumber(txn.amount) ?? 0);
    const at = new Date((asNumber(txn.created) ?? 0) * 1000);
    const metadata = metadataOf(source?.metadata);
    if (type === "charge" || type === "payment") {
      const paymentRef = idOf(source?.payment_intent);
      const refunded = source?.refunded === true;
      return {
        id: String(txn.id),
        type: "charge",
        ...(paymentRef ? { providerChargeId: paymentRef, paymentRef } : {}),
        amountYen: amount,
        status: refunded ? "refunded" : asString(source?.status) === "failed" ? "failed" : "succeeded",
        at,
        ...(metadata ? { metadata } : {}),
      };
    }
    if (type === "refund" || type === "payment_refund") {
      const paymentRef = idOf(source?.payment_intent);
      const status = asString(source?.status);
      return {
        id: String(txn.id),
        type: "refund",
        ...(paymentRef ? { providerChargeId: paymentRef, paymentRef } : {}),
        ...(idOf(source) ? { providerRefundId: idOf(source)! } : {}),
        amountYen: amount,
        status: status === "failed" || status === "canceled" ? "failed" : status === "pending" ? "pending" : "succeeded",
        at,
        ...(metadata ? { metadata } : {}),
      };
    }
    return null; // payouts, fees, adjustments are not payments of residents
  }
}

function konbiniSlip(details: StripeObject): PaymentSlip {
  const stores: Record<string, { paymentCode: string; confirmationNumber: string }> = {};
  for (const [chain, value] of Object.entries(asObject(details.stores) ?? {})) {
    const store = asObject(value);
    const paymentCode = asString(store?.payment_code);
    if (paymentCode) stores[chain] = { paymentCode, confirmationNumber: asString(store?.confirmation_number) ?? "" };
  }
  const first = Object.values(stores)[0];
  const voucherUrl = asString(details.hosted_voucher_url);
  return {
    kind: "konbini",
    paymentNumber: first?.paymentCode ?? "",
    confirmationNumber: first?.confirmationNumber ?? "",
    stores,
    expiresAt: new Date((asNumber(details.expires_at) ?? 0) * 1000).toISOString(),
    ...(voucherUrl ? { voucherUrl } : {}),
  };
}
