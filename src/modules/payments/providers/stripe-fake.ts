/**
 * A faithful local fake of the part of the Stripe API that the Stripe adapter uses, on
 * 127.0.0.1 (tests and the browser journey run the adapter against it; nothing reaches the
 * internet). What it keeps of Stripe's documented behaviour:
 *
 * - Bearer secret-key authentication (401 with Stripe's error shape otherwise).
 * - Form-encoded bodies with bracketed keys; JSON answers; errors as
 *   `{ "error": { "type", "code", "message", "param" } }` with Stripe's statuses
 *   (400 invalid_request_error, 402 card_error, 404 resource_missing, 409, 429).
 * - Idempotency-Key on POST: a replay of the same request returns the first answer (header
 *   `Idempotent-Replayed: true`); the same key with other parameters is 400 `idempotency_error`;
 *   while the first request is still running, 409 `idempotency_key_in_use`.
 * - Rate limits: 429 `rate_limit` beyond `rateLimitPerSecond`, or for the next N requests
 *   (`failNext`).
 * - Objects: Checkout Sessions (hosted page at session.url: test cards 4242… succeed,
 *   4000…0002 is declined, 4000…3220 asks for 3-D Secure), PaymentIntents (konbini with
 *   next_action.konbini_display_details), Charges, Refunds, Balance Transactions (listed newest
 *   first, created[gte|lt], limit, starting_after, expand[]=data.source) and Events, signed with
 *   `Stripe-Signature` exactly as Stripe signs them, POSTed to `webhookUrl` when one is set.
 *
 * Test controls (not Stripe API): completeCheckout, payKonbini, expireKonbini, addForeignCharge,
 * failNext, signed, and the stores themselves.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeForm } from "./form-encoding.ts";
import { signatureHeader } from "./signature.ts";

type Obj = Record<string, unknown>;

export type StripeFakeOptions = {
  secretKey?: string;
  webhookSecret?: string;
  /** Milliseconds each POST takes (to let concurrent requests with one key meet). */
  latencyMs?: number;
  /** POST every event here, signed, as Stripe does. */
  webhookUrl?: string;
  /** Requests per second before 429 (default: no limit). */
  rateLimitPerSecond?: number;
};

export type RecordedRequest = { method: string; path: string; idempotencyKey: string | undefined; status: number; replayed: boolean };

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const now = () => Math.floor(Date.now() / 1000);
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

class HttpError {
  readonly status: number;
  readonly body: Obj;
  constructor(status: number, error: Obj) {
    this.status = status;
    this.body = { error: { ...error, doc_url: error.code ? `https://docs.stripe.com/error-codes/${String(error.code).replace(/_/g, "-")}` : undefined } };
  }
}

const missing = (kind: string, value: string, param: string) =>
  new HttpError(404, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${kind}: '${value}'` });

export class StripeFake {
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly sessions = new Map<string, Obj>();
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly balanceTransactions: Obj[] = [];
  readonly events: Obj[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Webhook deliveries that failed (when webhookUrl is set). */
  readonly deliveryErrors: string[] = [];
  webhookUrl: string | undefined;
  #server: http.Server | null = null;
  #url = "";
  #options: StripeFakeOptions;
  #idempotency = new Map<string, { hash: string; done: boolean; status: number; body: Obj }>();
  #failNext: Array<number> = [];
  #window: { second: number; count: number } = { second: 0, count: 0 };
  #deliveries: Promise<void> = Promise.resolve();

  constructor(options: StripeFakeOptions = {}) {
    this.#options = options;
    this.secretKey = options.secretKey ?? `sk_test_${randomBytes(16).toString("hex")}`;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString("hex")}`;
    this.webhookUrl = options.webhookUrl;
  }

  /** The API base URL (STRIPE_API_BASE). */
  get url(): string {
    return this.#url;
  }

  /** Environment for createTestApp / startServer. */
  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_BASE: this.#url };
  }

  async start(): Promise<this> {
    this.#server = http.createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    // A test that fails before stop() must not hang on this server.
    this.#server.unref();
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.#deliveries;
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server?.closeAllConnections?.();
  }

  /** The next `count` API requests fail with `status` (429 rate limit by default, or 500). */
  failNext(count: number, status = 429): void {
    for (let i = 0; i < count; i++) this.#failNext.push(status);
  }

  /** A body and headers as Stripe would POST them to a webhook endpoint. */
  signed(event: Obj, options: { timestamp?: number; secret?: string } = {}): { payload: string; headers: Record<string, string> } {
    const payload = JSON.stringify(event);
    return { payload, headers: { "content-type": "application/json", "stripe-signature": signatureHeader(options.secret ?? this.webhookSecret, payload, options.timestamp) } };
  }

  /** Waits until every webhook POSTed so far has been answered. */
  async flushWebhooks(): Promise<void> {
    await this.#deliveries;
  }

  // ── Test controls ─────────────────────────────────────────────────────────────────────────

  /** Pays an open Checkout Session as the hosted page would after a successful card (and 3-D Secure). */
  completeCheckout(sessionId: string): Obj {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`No session ${sessionId}`);
    if (session.status !== "open") return session;
    const intent = this.#newIntent({
      amount: session.amount_total as number,
      metadata: (session._intent_metadata as Obj) ?? {},
      description: session._description as string,
      payment_method_types: ["card"],
      status: "succeeded",
    });
    this.#settle(intent, "card");
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intent.id });
    this.#emit("checkout.session.completed", session);
    this.#emit("payment_intent.succeeded", intent);
    return session;
  }

  /** The resident pays the konbini slip at the shop. */
  payKonbini(intentId: string): Obj {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`No payment intent ${intentId}`);
    if (intent.status !== "requires_action") return intent;
    Object.assign(intent, { status: "succeeded", next_action: null });
    this.#settle(intent, "konbini");
    this.#emit("payment_intent.succeeded", intent);
    return intent;
  }

  /** The konbini slip expires unpaid. */
  expireKonbini(intentId: string): Obj {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`No payment intent ${intentId}`);
    Object.assign(intent, {
      status: "requires_payment_method",
      next_action: null,
      last_payment_error: { type: "invalid_request_error", code: "payment_intent_payment_attempt_expired", message: "The payment attempt expired." },
    });
    this.#emit("payment_intent.payment_failed", intent);
    return intent;
  }

  /** A payment made at Stripe that Machi never asked for (e.g. through the Dashboard). */
  addForeignCharge(amount: number, metadata: Obj = {}): Obj {
    const intent = this.#newIntent({ amount, metadata, description: "foreign", payment_method_types: ["card"], status: "succeeded" });
    this.#settle(intent, "card");
    return intent;
  }

  // ── HTTP ──────────────────────────────────────────────────────────────────────────────────

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", this.#url);
    const method = request.method ?? "GET";
    try {
      if (url.pathname.startsWith("/c/pay/")) return this.#hostedPage(method, url, body, response);
      const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
      const result = await this.#api(method, url, body, request.headers, idempotencyKey);
      this.requests.push({ method, path: url.pathname, idempotencyKey, status: result.status, replayed: result.replayed });
      response.writeHead(result.status, {
        "content-type": "application/json",
        "request-id": `req_${randomBytes(8).toString("hex")}`,
        ...(result.replayed ? { "idempotent-replayed": "true" } : {}),
        ...(idempotencyKey && method === "POST" ? { "idempotency-key": idempotencyKey } : {}),
      });
      response.end(JSON.stringify(result.body));
    } catch (error) {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { type: "api_error", message: (error as Error).message } }));
    }
  }

  async #api(method: string, url: URL, body: string, headers: http.IncomingHttpHeaders, idempotencyKey: string | undefined): Promise<{ status: number; body: Obj; replayed: boolean }> {
    const fail = (e: HttpError) => ({ status: e.status, body: e.body, replayed: false });
    if (headers.authorization !== `Bearer ${this.secretKey}`) {
      const given = String(headers.authorization ?? "").replace(/^Bearer\s+/, "");
      return fail(new HttpError(401, { type: "invalid_request_error", message: given ? `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}` : "You did not provide an API key." }));
    }
    const forced = this.#failNext.shift();
    if (forced !== undefined) {
      return forced === 429
        ? fail(new HttpError(429, { type: "invalid_request_error", code: "rate_limit", message: "Request rate limit exceeded. You can learn more about rate limits here https://docs.stripe.com/rate-limits." }))
        : fail(new HttpError(forced, { type: "api_error", message: "An unknown error occurred" }));
    }
    if (this.#options.rateLimitPerSecond) {
      const second = Math.floor(Date.now() / 1000);
      if (this.#window.second !== second) this.#window = { second, count: 0 };
      if (++this.#window.count > this.#options.rateLimitPerSecond) {
        return fail(new HttpError(429, { type: "invalid_request_error", code: "rate_limit", message: "Request rate limit exceeded." }));
      }
    }
    if (method !== "POST" || !idempotencyKey) {
      if (method === "POST" && this.#options.latencyMs) await new Promise((r) => setTimeout(r, this.#options.latencyMs));
      try {
        return { status: 200, body: this.#route(method, url, decodeForm(method === "GET" ? url.search.slice(1) : body)), replayed: false };
      } catch (error) {
        if (error instanceof HttpError) return fail(error);
        throw error;
      }
    }
    const hash = `${url.pathname}?${body}`;
    const seen = this.#idempotency.get(idempotencyKey);
    if (seen) {
      if (seen.hash !== hash) {
        return fail(new HttpError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        }));
      }
      if (!seen.done) {
        return fail(new HttpError(409, {
          type: "invalid_request_error",
          code: "idempotency_key_in_use",
          message: "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
        }));
      }
      return { status: seen.status, body: seen.body, replayed: true };
    }
    const entry = { hash, done: false, status: 0, body: {} as Obj };
    this.#idempotency.set(idempotencyKey, entry);
    if (this.#options.latencyMs) await new Promise((r) => setTimeout(r, this.#options.latencyMs));
    try {
      entry.body = this.#route(method, url, decodeForm(body));
      entry.status = 200;
    } catch (error) {
      if (!(error instanceof HttpError)) {
        this.#idempotency.delete(idempotencyKey);
        throw error;
      }
      entry.status = error.status;
      entry.body = error.body;
    }
    entry.done = true;
    return { status: entry.status, body: entry.body, replayed: false };
  }

  #route(method: string, url: URL, params: Obj): Obj {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return this.#createSession(params);
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) return this.#getSession(m[1]!, params);
    if (method === "POST" && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) return this.#expireSession(m[1]!);
    if (method === "POST" && path === "/v1/payment_intents") return this.#createIntent(params);
    if (method === "GET" && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) return this.#getIntent(m[1]!);
    if (method === "POST" && (m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return this.#cancelIntent(m[1]!);
    if (method === "POST" && path === "/v1/refunds") return this.#createRefund(params);
    if (method === "GET" && path === "/v1/balance_transactions") return this.#listBalance(params);
    throw new HttpError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
  }

  // ── Checkout Sessions ────────────────────────────────────────────────────────────────────

  #createSession(p: Obj): Obj {
    if (p.mode !== "payment") throw new HttpError(400, { type: "invalid_request_error", code: "parameter_invalid", param: "mode", message: "Invalid mode" });
    for (const name of ["success_url", "cancel_url"]) {
      if (typeof p[name] !== "string") throw new HttpError(400, { type: "invalid_request_error", code: "parameter_missing", param: name, message: `Missing required param: ${name}.` });
    }
    const items = Array.isArray(p.line_items) ? (p.line_items as Obj[]) : [];
    if (items.length === 0) throw new HttpError(400, { type: "invalid_request_error", code: "parameter_missing", param: "line_items", message: "Missing required param: line_items." });
    let total = 0;
    for (const item of items) {
      const price = (item.price_data ?? {}) as Obj;
      const unit = Number(price.unit_amount);
      const quantity = Number(item.quantity ?? 1);
      if (price.currency !== "jpy") throw new HttpError(400, { type: "invalid_request_error", code: "parameter_invalid", param: "line_items[0][price_data][currency]", message: "Invalid currency" });
      if (!Number.isInteger(unit) || unit < 0) throw new HttpError(400, { type: "invalid_request_error", code: "parameter_invalid_integer", param: "line_items[0][price_data][unit_amount]", message: "Invalid integer" });
      total += unit * quantity;
    }
    if (total < 50) throw new HttpError(400, { type: "invalid_request_error", code: "amount_too_small", param: "amount", message: "The Checkout Session's total amount due must add up to at least ¥50" });
    const sessionId = id("cs");
    const intentData = (p.payment_intent_data ?? {}) as Obj;
    const session: Obj = {
      id: sessionId,
      object: "checkout.session",
      amount_subtotal: total,
      amount_total: total,
      currency: "jpy",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      payment_method_types: p.payment_method_types ?? ["card"],
      url: `${this.#url}/c/pay/${sessionId}`,
      success_url: p.success_url,
      cancel_url: p.cancel_url,
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      locale: p.locale ?? "auto",
      metadata: p.metadata ?? {},
      created: now(),
      expires_at: now() + 24 * 3600,
      livemode: false,
      _intent_metadata: intentData.metadata ?? {},
      _description: intentData.description ?? "",
    };
    this.sessions.set(sessionId, session);
    return this.#public(session);
  }

  #getSession(sessionId: string, params: Obj): Obj {
    const session = this.sessions.get(sessionId);
    if (!session) throw missing("checkout.session", sessionId, "session");
    const out = this.#public(session);
    const expand = Array.isArray(params.expand) ? params.expand : [];
    if (expand.includes("payment_intent") && typeof session.payment_intent === "string") out.payment_intent = this.intents.get(session.payment_intent) ?? session.payment_intent;
    return out;
  }

  #expireSession(sessionId: string): Obj {
    const session = this.sessions.get(sessionId);
    if (!session) throw missing("checkout.session", sessionId, "session");
    if (session.status !== "open") {
      throw new HttpError(400, { type: "invalid_request_error", message: `Only Checkout Sessions with a status in ["open"] can be expired.` });
    }
    session.status = "expired";
    this.#emit("checkout.session.expired", session);
    return this.#public(session);
  }

  // ── PaymentIntents ───────────────────────────────────────────────────────────────────────

  #newIntent(values: { amount: number; metadata: Obj; description: string; payment_method_types: unknown; status: string }): Obj {
    const intent: Obj = {
      id: id("pi"),
      object: "payment_intent",
      amount: values.amount,
      amount_received: values.status === "succeeded" ? values.amount : 0,
      currency: "jpy",
      status: values.status,
      description: values.description,
      metadata: values.metadata,
      payment_method_types: values.payment_method_types,
      next_action: null,
      last_payment_error: null,
      latest_charge: null,
      cancellation_reason: null,
      created: now(),
      livemode: false,
    };
    this.intents.set(String(intent.id), intent);
    return intent;
  }

  #createIntent(p: Obj): Obj {
    const amount = Number(p.amount);
    if (!Number.isInteger(amount)) throw new HttpError(400, { type: "invalid_request_error", code: "parameter_invalid_integer", param: "amount", message: "Invalid integer: amount" });
    if (p.currency !== "jpy") throw new HttpError(400, { type: "invalid_request_error", code: "parameter_invalid", param: "currency", message: "Invalid currency" });
    if (amount < 50) throw new HttpError(400, { type: "invalid_request_error", code: "amount_too_small", param: "amount", message: "Amount must be at least ¥50 jpy" });
    const types = Array.isArray(p.payment_method_types) ? (p.payment_method_types as string[]) : ["card"];
    const intent = this.#newIntent({ amount, metadata: (p.metadata as Obj) ?? {}, description: String(p.description ?? ""), payment_method_types: types, status: "requires_payment_method" });
    if (p.confirm === "true") {
      const data = (p.payment_method_data ?? {}) as Obj;
      if (data.type !== "konbini") throw new HttpError(400, { type: "invalid_request_error", code: "parameter_missing", param: "payment_method", message: "You must provide a payment method to confirm." });
      const billing = (data.billing_details ?? {}) as Obj;
      if (!billing.name || !billing.email) {
        throw new HttpError(400, { type: "invalid_request_error", code: "parameter_missing", param: "payment_method_data[billing_details][email]", message: "Konbini payments require a name and an email address." });
      }
      if (amount < 120 || amount > 300000) throw new HttpError(400, { type: "invalid_request_error", code: "amount_too_small", param: "amount", message: "Konbini amounts must be between ¥120 and ¥300,000." });
      const days = Number(((p.payment_method_options ?? {}) as Obj as { konbini?: Obj }).konbini?.expires_after_days ?? 3);
      // Codes expire at 23:59:59 Japan time on the last day.
      const lastDay = new Date(Date.now() + 9 * 3600 * 1000 + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
      const expiresAt = Math.floor(new Date(`${lastDay}T23:59:59+09:00`).getTime() / 1000);
      const code = digits(12);
      const store = () => ({ payment_code: code, confirmation_number: digits(11) });
      Object.assign(intent, {
        status: "requires_action",
        payment_method: id("pm"),
        next_action: {
          type: "konbini_display_details",
          konbini_display_details: {
            expires_at: expiresAt,
            hosted_voucher_url: `${this.#url}/konbini/voucher/${String(intent.id)}`,
            stores: { familymart: store(), lawson: store(), ministop: store(), seicomart: store() },
          },
        },
      });
    }
    return intent;
  }

  #getIntent(intentId: string): Obj {
    const intent = this.intents.get(intentId);
    if (!intent) throw missing("payment_intent", intentId, "intent");
    return intent;
  }

  #cancelIntent(intentId: string): Obj {
    const intent = this.#getIntent(intentId);
    if (!["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"].includes(String(intent.status))) {
      throw new HttpError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}.`,
      });
    }
    Object.assign(intent, { status: "canceled", next_action: null, cancellation_reason: "requested_by_customer" });
    this.#emit("payment_intent.canceled", intent);
    return intent;
  }

  /** A succeeded intent gets its charge and balance transaction (as Stripe creates them). */
  #settle(intent: Obj, method: string): void {
    const charge: Obj = {
      id: id("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      currency: "jpy",
      paid: true,
      refunded: false,
      status: "succeeded",
      payment_intent: intent.id,
      metadata: intent.metadata,
      payment_method_details: { type: method },
      created: now(),
    };
    const txn = this.#newBalance(Number(intent.amount), "charge", String(charge.id));
    charge.balance_transaction = txn.id;
    this.charges.set(String(charge.id), charge);
    Object.assign(intent, { latest_charge: charge.id, amount_received: intent.amount });
    this.#emit("charge.succeeded", charge);
  }

  #newBalance(amount: number, type: string, source: string): Obj {
    const fee = type === "charge" ? Math.round(amount * 0.036) : 0;
    const txn: Obj = { id: id("txn"), object: "balance_transaction", amount, currency: "jpy", created: now(), fee, net: amount - fee, status: "pending", type, reporting_category: type, source };
    this.balanceTransactions.push(txn);
    return txn;
  }

  // ── Refunds ──────────────────────────────────────────────────────────────────────────────

  #createRefund(p: Obj): Obj {
    const intentId = typeof p.payment_intent === "string" ? p.payment_intent : undefined;
    const intent = intentId ? this.intents.get(intentId) : undefined;
    if (intentId && !intent) throw missing("payment_intent", intentId, "payment_intent");
    const chargeId = typeof p.charge === "string" ? p.charge : (intent?.latest_charge as string | null);
    const charge = chargeId ? this.charges.get(chargeId) : undefined;
    if (!charge) {
      throw new HttpError(400, { type: "invalid_request_error", code: "charge_not_refundable", message: `This PaymentIntent (${intentId ?? "?"}) does not have a successful charge to refund.` });
    }
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = p.amount === undefined ? remaining : Number(p.amount);
    if (remaining <= 0) throw new HttpError(400, { type: "invalid_request_error", code: "charge_already_refunded", message: `Charge ${String(charge.id)} has already been refunded.` });
    if (!Number.isInteger(amount) || amount <= 0) throw new HttpError(400, { type: "invalid_request_error", code: "parameter_invalid_integer", param: "amount", message: "Invalid positive integer" });
    if (amount > remaining) {
      throw new HttpError(400, { type: "invalid_request_error", param: "amount", message: `Refund amount (¥${amount}) is greater than unrefunded amount on charge (¥${remaining})` });
    }
    const refund: Obj = {
      id: id("re"),
      object: "refund",
      amount,
      currency: "jpy",
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: "succeeded",
      reason: p.reason ?? null,
      metadata: p.metadata ?? {},
      created: now(),
    };
    refund.balance_transaction = this.#newBalance(-amount, "refund", String(refund.id)).id;
    this.refunds.set(String(refund.id), refund);
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.#emit("charge.refunded", charge);
    return refund;
  }

  // ── Balance transactions ─────────────────────────────────────────────────────────────────

  #listBalance(p: Obj): Obj {
    const created = (p.created ?? {}) as Obj;
    const gte = created.gte === undefined ? -Infinity : Number(created.gte);
    const lt = created.lt === undefined ? Infinity : Number(created.lt);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 10)));
    const expand = Array.isArray(p.expand) ? p.expand : [];
    let list = this.balanceTransactions.filter((t) => Number(t.created) >= gte && Number(t.created) < lt).reverse();
    if (typeof p.starting_after === "string") {
      const index = list.findIndex((t) => t.id === p.starting_after);
      if (index < 0) throw missing("balance_transaction", p.starting_after, "starting_after");
      list = list.slice(index + 1);
    }
    const page = list.slice(0, limit).map((t) => {
      if (!expand.includes("data.source")) return t;
      const source = String(t.source);
      return { ...t, source: this.charges.get(source) ?? this.refunds.get(source) ?? source };
    });
    return { object: "list", url: "/v1/balance_transactions", has_more: list.length > limit, data: page };
  }

  // ── Events ───────────────────────────────────────────────────────────────────────────────

  #public(session: Obj): Obj {
    const out: Obj = {};
    for (const [key, value] of Object.entries(session)) if (!key.startsWith("_")) out[key] = value;
    return out;
  }

  #emit(type: string, object: Obj): void {
    const event: Obj = {
      id: id("evt"),
      object: "event",
      api_version: "2024-06-20",
      created: now(),
      type,
      livemode: false,
      pending_webhooks: 1,
      data: { object: structuredClone(object.object === "checkout.session" ? this.#public(object) : object) },
    };
    this.events.push(event);
    const url = this.webhookUrl;
    if (url) {
      const { payload, headers } = this.signed(event);
      this.#deliveries = this.#deliveries.then(async () => {
        try {
          const response = await fetch(url, { method: "POST", headers, body: payload });
          if (!response.ok) this.deliveryErrors.push(`${type}: ${response.status}`);
        } catch (error) {
          this.deliveryErrors.push(`${type}: ${(error as Error).message}`);
        }
      });
    }
  }

  // ── Hosted Checkout page (Stripe's own page, simplified; no JavaScript) ──────────────────

  #hostedPage(method: string, url: URL, body: string, response: http.ServerResponse): void {
    const match = /^\/c\/pay\/([^/]+)(\/3ds)?$/.exec(url.pathname);
    const session = match ? this.sessions.get(match[1]!) : undefined;
    const page = (status: number, content: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Stripe Checkout (fake)</title></head><body><main>${content}</main></body></html>`);
    };
    const redirect = (location: string) => {
      response.writeHead(303, { location });
      response.end();
    };
    if (!session) return page(404, "<h1>Not found</h1>");
    if (session.status !== "open") return redirect(String(session.status === "complete" ? session.success_url : session.cancel_url));
    const amount = `¥${Number(session.amount_total).toLocaleString("ja-JP")}`;
    const form = (error = "") => `<h1>${escapeHtml(String(session._description || "お支払い"))} ${amount}</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/c/pay/${String(session.id)}"><label for="card">カード番号</label> <input id="card" name="card" inputmode="numeric" autocomplete="cc-number"> <button type="submit">支払う</button></form>
<p><a href="${escapeHtml(String(session.cancel_url))}">戻る</a></p>`;
    if (match![2]) {
      if (method === "GET") {
        return page(200, `<h1>3Dセキュア認証（テスト）</h1><form method="post" action="/c/pay/${String(session.id)}/3ds"><button name="result" value="approve">認証する</button> <button name="result" value="deny">認証しない</button></form>`);
      }
      if (decodeForm(body).result === "approve") {
        this.completeCheckout(String(session.id));
        return redirect(String(session.success_url));
      }
      return page(402, form("カードの認証に失敗しました。"));
    }
    if (method === "GET") return page(200, form());
    const card = String(decodeForm(body).card ?? "").replace(/\D/g, "");
    if (card === "4242424242424242") {
      this.completeCheckout(String(session.id));
      return redirect(String(session.success_url));
    }
    if (card === "4000000000003220") return redirect(`/c/pay/${String(session.id)}/3ds`);
    return page(402, form("カードが拒否されました。別のカードをお試しください。"));
  }
}
