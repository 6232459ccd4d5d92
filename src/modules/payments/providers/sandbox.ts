/**
 * The built-in sandbox provider: no network, no real money, deterministic outcomes. It plays a
 * provider with its own books (tables payment_sandbox_*), its own hosted pages (card form and
 * 3-D Secure under /payments/sandbox/…, rendered by the payments routes) and its own signed
 * webhooks (header `Machi-Sandbox-Signature`, the same scheme as Stripe's), so the whole payment
 * flow — redirects, webhooks, idempotency, refunds, reconciliation — runs in development, demos
 * and tests exactly as with a real provider.
 *
 * Test cards (typed on the sandbox's card page, never stored; only the last 4 digits are kept):
 *   4242 4242 4242 4242  succeeds
 *   4000 0000 0000 0002  declined (card_declined)
 *   4000 0000 0000 9995  declined (insufficient_funds)
 *   4000 0000 0000 3220  asks for 3-D Secure: a page with 「認証する」 / 「認証しない」
 *   4000 0000 0000 7726  pending: the card network confirms later, by webhook (settle)
 * Konbini and Pay-easy: a slip with numbers and a due date 7 days ahead (end of that day, Japan
 * time); the payment at the shop / bank is simulated with `settle` (a button on the slip page).
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { addDays, todayInJapan } from "../../../core/text/wareki.ts";
import {
  japanDayBounds,
  ProviderError,
  type Charge,
  type ChargeStatus,
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
import { DEFAULT_TOLERANCE_SECONDS, headerValue, signatureHeader, verifySignature } from "./signature.ts";

export const SANDBOX_SIGNATURE_HEADER = "machi-sandbox-signature";
/** Days a slip stays payable: today + 7, until 23:59:59 Japan time (calendar days, nothing skipped). */
export const SLIP_DAYS = 7;
/** 収納機関番号 of the sandbox (a made-up number; real ones are assigned by the Pay-easy network). */
export const SANDBOX_COLLECTOR_NUMBER = "99990";

export const TEST_CARDS = {
  success: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  threeDSecure: "4000000000003220",
  pending: "4000000000007726",
} as const;

export type SandboxCharge = {
  id: string;
  amountYen: number;
  method: PaymentMethod;
  status: ChargeStatus;
  step: "card_form" | "three_d_secure" | null;
  cardLast4: string | null;
  failureCode: string | null;
  returnUrl: string;
  cancelUrl: string;
  description: string;
  metadata: Record<string, string>;
  slip: PaymentSlip | null;
  refundedYen: number;
  createdAt: Date;
  succeededAt: Date | null;
};

/** A webhook the sandbox sends: the raw body and headers as they would arrive over HTTP. */
export type SignedWebhook = { payload: string; headers: Record<string, string> };

export type SandboxOptions = {
  db: Db;
  /** Public base URL of this app (the sandbox's pages live under /payments/sandbox/). */
  baseUrl: string | (() => string);
  webhookSecret: string;
  toleranceSeconds?: number;
};

const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join("");
const newId = (prefix: string) => `sbx_${prefix}_${randomBytes(10).toString("hex")}`;

function hashOf(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash("sha256").update(JSON.stringify(canonical(value))).digest("hex");
}

const CHARGE_COLUMNS = sql`id, amount_yen AS "amountYen", method, status, step, card_last4 AS "cardLast4", failure_code AS "failureCode",
  return_url AS "returnUrl", cancel_url AS "cancelUrl", description, metadata, slip, refunded_yen AS "refundedYen",
  created_at AS "createdAt", succeeded_at AS "succeededAt"`;

function chargeRow(row: SandboxCharge): SandboxCharge {
  return { ...row, createdAt: new Date(row.createdAt), succeededAt: row.succeededAt ? new Date(row.succeededAt) : null };
}

/** The end of the 7th day from today, Japan time, as an ISO timestamp. */
export function slipExpiry(now: Date = new Date()): string {
  return new Date(`${addDays(todayInJapan(now), SLIP_DAYS)}T23:59:59+09:00`).toISOString();
}

export class SandboxProvider implements PaymentProvider {
  readonly name = "sandbox" as const;
  readonly methods: readonly PaymentMethod[] = ["card", "konbini", "payeasy"];
  readonly test = true;
  readonly #db: Db;
  readonly #baseUrl: () => string;
  readonly #secret: string;
  readonly #tolerance: number;

  constructor(options: SandboxOptions) {
    this.#db = options.db;
    const base = options.baseUrl;
    this.#baseUrl = typeof base === "function" ? base : () => base;
    this.#secret = options.webhookSecret;
    this.#tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  }

  /** The sandbox's card page for a charge. */
  cardPageUrl(chargeId: string): string {
    return `${this.#baseUrl()}/payments/sandbox/pay/${chargeId}`;
  }

  threeDSecureUrl(chargeId: string): string {
    return `${this.#baseUrl()}/payments/sandbox/3ds/${chargeId}`;
  }

  #toCharge(row: SandboxCharge): Charge {
    const charge: Charge = { providerChargeId: row.id, status: row.status, amountYen: row.amountYen, metadata: row.metadata, amountRefundedYen: row.refundedYen };
    if (row.status === "requires_action") charge.redirectUrl = row.step === "three_d_secure" ? this.threeDSecureUrl(row.id) : this.cardPageUrl(row.id);
    if (row.failureCode) charge.failureCode = row.failureCode;
    if (row.slip) charge.slip = row.slip;
    return charge;
  }

  /** Runs fn once per idempotency key; a replay with the same request returns the first answer. */
  async #idempotent<T>(tx: Db, key: string, operation: string, request: unknown, fn: () => Promise<T>): Promise<T> {
    const hash = hashOf({ operation, request });
    const [inserted] = await queryRows<{ key: string }>(
      tx,
      sql`INSERT INTO payment_sandbox_requests (idempotency_key, operation, request_hash, response) VALUES (${key}, ${operation}, ${hash}, '{}'::jsonb)
          ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key AS key`,
    );
    if (!inserted) {
      const [seen] = await queryRows<{ hash: string; response: T }>(tx, sql`SELECT request_hash AS hash, response FROM payment_sandbox_requests WHERE idempotency_key = ${key}`);
      if (!seen || seen.hash !== hash) {
        throw new ProviderError("idempotency", `Keys for idempotent requests can only be used with the same parameters they were first used with (key ${key}).`);
      }
      return seen.response;
    }
    const result = await fn();
    await tx.execute(sql`UPDATE payment_sandbox_requests SET response = ${JSON.stringify(result)}::jsonb WHERE idempotency_key = ${key}`);
    return result;
  }

  async createCharge(input: CreateChargeInput): Promise<Charge> {
    if (input.currency !== "JPY" || !Number.isSafeInteger(input.amountYen) || input.amountYen <= 0) {
      throw new ProviderError("invalid_request", "Amounts are positive integer yen", { code: "amount_invalid" });
    }
    if (!this.methods.includes(input.method)) throw new ProviderError("invalid_request", `Unknown method ${input.method}`);
    if (input.method === "konbini" && input.amountYen > 300_000) throw new ProviderError("invalid_request", "Konbini payments are limited to ¥300,000", { code: "amount_too_large" });
    const { idempotencyKey, ...request } = input;
    return this.#db.transaction((tx) =>
      this.#idempotent(tx, idempotencyKey, "create_charge", request, async () => {
        const id = newId("ch");
        let status: ChargeStatus = "requires_action";
        let slip: PaymentSlip | null = null;
        if (input.method === "payeasy") {
          status = "pending";
          slip = { kind: "payeasy", collectorNumber: SANDBOX_COLLECTOR_NUMBER, customerNumber: digits(16), confirmationNumber: digits(6), expiresAt: slipExpiry() };
        } else if (input.method === "konbini") {
          status = "pending";
          slip = { kind: "konbini", paymentNumber: digits(12), confirmationNumber: digits(6), expiresAt: slipExpiry() };
        }
        const [row] = await queryRows<SandboxCharge>(
          tx,
          sql`INSERT INTO payment_sandbox_charges (id, amount_yen, method, status, step, return_url, cancel_url, description, metadata, slip)
              VALUES (${id}, ${input.amountYen}, ${input.method}, ${status}, ${input.method === "card" ? "card_form" : null}, ${input.returnUrl}, ${input.cancelUrl},
                      ${input.description}, ${JSON.stringify(input.metadata)}::jsonb, ${slip ? JSON.stringify(slip) : null}::jsonb)
              RETURNING ${CHARGE_COLUMNS}`,
        );
        return this.#toCharge(chargeRow(row!));
      }),
    );
  }

  /** The sandbox's own record of a charge (for its pages), or null. */
  async findCharge(chargeId: string): Promise<SandboxCharge | null> {
    const [row] = await queryRows<SandboxCharge>(this.#db, sql`SELECT ${CHARGE_COLUMNS} FROM payment_sandbox_charges WHERE id = ${chargeId}`);
    return row ? chargeRow(row) : null;
  }

  async getCharge(providerChargeId: string): Promise<Charge | null> {
    const row = await this.findCharge(providerChargeId);
    return row ? this.#toCharge(row) : null;
  }

  async cancelCharge(providerChargeId: string, idempotencyKey: string): Promise<Charge> {
    const result = await this.#change(providerChargeId, (row) =>
      row.status === "requires_action" || row.status === "pending" ? { status: "canceled", failureCode: "canceled" } : null,
    );
    void idempotencyKey; // cancelling is naturally idempotent here: a cancelled charge stays cancelled
    return this.#toCharge(result.charge);
  }

  async refund(input: RefundInput): Promise<Refund> {
    if (!Number.isSafeInteger(input.amountYen) || input.amountYen <= 0) throw new ProviderError("invalid_request", "Refunds are positive integer yen");
    const { idempotencyKey, ...request } = input;
    return this.#db.transaction((tx) =>
      this.#idempotent(tx, idempotencyKey, "refund", request, async () => {
        const [row] = await queryRows<SandboxCharge>(tx, sql`SELECT ${CHARGE_COLUMNS} FROM payment_sandbox_charges WHERE id = ${input.providerChargeId} FOR UPDATE`);
        if (!row) throw new ProviderError("not_found", `No such charge: ${input.providerChargeId}`);
        if (row.status !== "succeeded") throw new ProviderError("invalid_request", "Only succeeded charges can be refunded", { code: "charge_not_refundable" });
        if (row.refundedYen + input.amountYen > row.amountYen) {
          throw new ProviderError("invalid_request", `Refund amount (¥${input.amountYen}) is greater than unrefunded amount (¥${row.amountYen - row.refundedYen})`, { code: "amount_too_large" });
        }
        const id = newId("re");
        await tx.execute(sql`INSERT INTO payment_sandbox_refunds (id, charge_id, amount_yen) VALUES (${id}, ${row.id}, ${input.amountYen})`);
        await tx.execute(sql`UPDATE payment_sandbox_charges SET refunded_yen = refunded_yen + ${input.amountYen}, updated_at = now() WHERE id = ${row.id}`);
        return { providerRefundId: id, status: "succeeded", amountYen: input.amountYen } satisfies Refund;
      }),
    );
  }

  verifyWebhook(rawBody: Buffer | string, headers: Record<string, string | string[] | undefined>): WebhookEvent {
    const payload = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
    verifySignature({ payload, header: headerValue(headers, SANDBOX_SIGNATURE_HEADER), secret: this.#secret, toleranceSeconds: this.#tolerance });
    const event = JSON.parse(payload) as { id: string; type: string; created: number; data: { object: Charge } };
    const charge = event.data.object;
    const update: ChargeUpdate = {
      providerChargeId: charge.providerChargeId,
      status: charge.status,
      amountYen: charge.amountYen,
      ...(charge.failureCode ? { failureCode: charge.failureCode } : {}),
      ...(charge.metadata ? { metadata: charge.metadata } : {}),
    };
    return { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), updates: event.type.startsWith("charge.") ? [update] : [], payload: event };
  }

  async listTransactions(day: string): Promise<ProviderTransaction[]> {
    const { start, end } = japanDayBounds(day);
    const charges = await queryRows<{ id: string; amountYen: number; at: Date; metadata: Record<string, string> }>(
      this.#db,
      sql`SELECT id, amount_yen AS "amountYen", succeeded_at AS at, metadata FROM payment_sandbox_charges
          WHERE succeeded_at >= ${start.toISOString()}::timestamptz AND succeeded_at < ${end.toISOString()}::timestamptz ORDER BY succeeded_at, id`,
    );
    const refunds = await queryRows<{ id: string; chargeId: string; amountYen: number; at: Date; metadata: Record<string, string> }>(
      this.#db,
      sql`SELECT r.id, r.charge_id AS "chargeId", r.amount_yen AS "amountYen", r.created_at AS at, c.metadata
          FROM payment_sandbox_refunds r JOIN payment_sandbox_charges c ON c.id = r.charge_id
          WHERE r.created_at >= ${start.toISOString()}::timestamptz AND r.created_at < ${end.toISOString()}::timestamptz ORDER BY r.created_at, r.id`,
    );
    return [
      ...charges.map((c): ProviderTransaction => ({ id: c.id, type: "charge", providerChargeId: c.id, amountYen: c.amountYen, status: "succeeded", at: new Date(c.at), metadata: c.metadata })),
      ...refunds.map((r): ProviderTransaction => ({
        id: r.id,
        type: "refund",
        providerChargeId: r.chargeId,
        providerRefundId: r.id,
        amountYen: r.amountYen,
        status: "succeeded",
        at: new Date(r.at),
        metadata: r.metadata,
      })),
    ];
  }

  // ── What happens on the sandbox's own pages (and at the simulated shop or bank) ──────────

  /**
   * The resident typed a card number on the sandbox's card page. Unknown numbers are refused
   * (`{ error: "unknown_card" }`) and leave the charge waiting on the card page.
   */
  async submitCard(chargeId: string, cardNumber: string): Promise<{ charge: SandboxCharge; webhook: SignedWebhook | null } | { error: "unknown_card" }> {
    const number = cardNumber.replace(/[\s\-‐－ー—]/g, "").replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    const outcomes: Record<string, Partial<SandboxCharge>> = {
      [TEST_CARDS.success]: { status: "succeeded", step: null },
      [TEST_CARDS.declined]: { status: "failed", step: null, failureCode: "card_declined" },
      [TEST_CARDS.insufficientFunds]: { status: "failed", step: null, failureCode: "insufficient_funds" },
      [TEST_CARDS.threeDSecure]: { step: "three_d_secure" },
      [TEST_CARDS.pending]: { status: "pending", step: null },
    };
    const outcome = outcomes[number];
    if (!outcome) return { error: "unknown_card" };
    return this.#change(chargeId, (row) => (row.status === "requires_action" && row.step === "card_form" ? { ...outcome, cardLast4: number.slice(-4) } : null));
  }

  /** 3-D Secure: the resident approved (or refused) on the sandbox's authentication page. */
  async authenticate(chargeId: string, approve: boolean): Promise<{ charge: SandboxCharge; webhook: SignedWebhook | null }> {
    return this.#change(chargeId, (row) =>
      row.status === "requires_action" && row.step === "three_d_secure"
        ? approve
          ? { status: "succeeded", step: null }
          : { status: "failed", step: null, failureCode: "authentication_failed" }
        : null,
    );
  }

  /** A pending charge settles: paid at the shop / bank or confirmed by the card network, refused, or the slip expired. */
  async settle(chargeId: string, outcome: "succeeded" | "failed" | "expired"): Promise<{ charge: SandboxCharge; webhook: SignedWebhook | null }> {
    return this.#change(chargeId, (row) =>
      row.status === "pending"
        ? outcome === "succeeded"
          ? { status: "succeeded" }
          : { status: "failed", failureCode: outcome === "expired" ? "expired" : "payment_failed" }
        : null,
    );
  }

  /** Changes a charge under a row lock; a change of status produces its signed webhook. */
  async #change(chargeId: string, decide: (row: SandboxCharge) => Partial<SandboxCharge> | null): Promise<{ charge: SandboxCharge; webhook: SignedWebhook | null }> {
    return this.#db.transaction(async (tx) => {
      const [found] = await queryRows<SandboxCharge>(tx, sql`SELECT ${CHARGE_COLUMNS} FROM payment_sandbox_charges WHERE id = ${chargeId} FOR UPDATE`);
      if (!found) throw new ProviderError("not_found", `No such charge: ${chargeId}`);
      const row = chargeRow(found);
      const change = decide(row);
      if (!change) return { charge: row, webhook: null };
      const next: SandboxCharge = { ...row, ...change };
      const succeeded = next.status === "succeeded" && row.status !== "succeeded";
      await tx.execute(sql`UPDATE payment_sandbox_charges SET status = ${next.status}, step = ${next.step}, card_last4 = ${next.cardLast4},
          failure_code = ${next.failureCode}, updated_at = now(), succeeded_at = CASE WHEN ${succeeded} THEN now() ELSE succeeded_at END
          WHERE id = ${chargeId}`);
      const [updated] = await queryRows<SandboxCharge>(tx, sql`SELECT ${CHARGE_COLUMNS} FROM payment_sandbox_charges WHERE id = ${chargeId}`);
      const charge = chargeRow(updated!);
      const webhook = next.status !== row.status ? this.signedEvent(`charge.${next.status}`, charge) : null;
      return { charge, webhook };
    });
  }

  /** A signed event about a charge, as the sandbox delivers it. */
  signedEvent(type: string, charge: SandboxCharge, options: { timestamp?: number; id?: string } = {}): SignedWebhook {
    const event = { id: options.id ?? newId("evt"), object: "event", type, created: Math.floor(Date.now() / 1000), data: { object: this.#toCharge(charge) } };
    const payload = JSON.stringify(event);
    return { payload, headers: { "content-type": "application/json", [SANDBOX_SIGNATURE_HEADER]: signatureHeader(this.#secret, payload, options.timestamp) } };
  }
}
