/**
 * The Stripe adapter against the local fake of Stripe's API: Checkout Sessions and konbini
 * PaymentIntents, idempotent replays and Stripe's idempotency error, refunds, rate limits and
 * retries, errors in Stripe's shape, webhook signatures (valid, invalid, stale), and balance
 * transactions with pagination.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ProviderError, WebhookSignatureError, type CreateChargeInput } from "./provider.ts";
import { StripeFake } from "./stripe-fake.ts";
import { StripeProvider, maskKey } from "./stripe.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";

let fake: StripeFake;
let stripe: StripeProvider;
before(async () => {
  fake = await new StripeFake().start();
  stripe = new StripeProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiBase: fake.url, retryDelayMs: 5 });
});
after(async () => {
  await fake?.stop();
});

let n = 0;
function input(overrides: Partial<CreateChargeInput> = {}): CreateChargeInput {
  n += 1;
  return {
    amountYen: 600,
    currency: "JPY",
    idempotencyKey: `machi-fee-test-${n}`,
    method: "card",
    description: "大阪市 住民票の写し交付請求 手数料",
    returnUrl: "http://localhost:3000/payments/p/return?attempt=1",
    cancelUrl: "http://localhost:3000/payments/p",
    metadata: { payment_id: "p", attempt_key: `machi-fee-test-${n}` },
    customer: { name: "大阪 花子", email: "hanako@example.jp" },
    ...overrides,
  };
}

describe("Stripe adapter against the fake", () => {
  it("a card payment is a Checkout Session: the hosted page, then succeeded with its PaymentIntent", async () => {
    const charge = await stripe.createCharge(input());
    assert.equal(charge.status, "requires_action");
    assert.match(charge.providerChargeId, /^cs_test_/);
    assert.equal(charge.redirectUrl, `${fake.url}/c/pay/${charge.providerChargeId}`);
    assert.equal(charge.amountYen, 600, "JPY is zero-decimal: 600 is ¥600");
    const session = fake.sessions.get(charge.providerChargeId)!;
    assert.equal(session.amount_total, 600);
    assert.equal(session.currency, "jpy");
    fake.completeCheckout(charge.providerChargeId);
    const paid = await stripe.getCharge(charge.providerChargeId);
    assert.equal(paid?.status, "succeeded");
    assert.match(paid?.paymentRef ?? "", /^pi_test_/);
    assert.equal(fake.intents.get(paid!.paymentRef!)!.metadata && (fake.intents.get(paid!.paymentRef!)!.metadata as Record<string, string>).payment_id, "p");
  });

  it("a replay with the same key returns the same session (Idempotent-Replayed), another request with that key is Stripe's idempotency_error", async () => {
    const request = input();
    const first = await stripe.createCharge(request);
    const second = await stripe.createCharge(request);
    assert.equal(second.providerChargeId, first.providerChargeId);
    const replays = fake.requests.filter((r) => r.idempotencyKey === request.idempotencyKey);
    assert.deepEqual(replays.map((r) => r.replayed), [false, true]);
    await assert.rejects(stripe.createCharge({ ...request, amountYen: 700 }), (error: unknown) => error instanceof ProviderError && error.kind === "idempotency" && error.status === 400);
  });

  it("concurrent requests with one key meet the 409 idempotency_key_in_use, retry, and get the same session", async () => {
    const slow = await new StripeFake({ secretKey: fake.secretKey, latencyMs: 40 }).start();
    try {
      const client = new StripeProvider({ secretKey: slow.secretKey, webhookSecret: "whsec_x", apiBase: slow.url, retryDelayMs: 30, maxRetries: 4 });
      const request = input();
      const charges = await Promise.all(Array.from({ length: 5 }, () => client.createCharge(request)));
      assert.equal(new Set(charges.map((c) => c.providerChargeId)).size, 1);
      assert.equal(slow.sessions.size, 1);
      assert.ok(slow.requests.some((r) => r.status === 409), "some requests met the in-progress error");
    } finally {
      await slow.stop();
    }
  });

  it("konbini: a confirmed PaymentIntent with codes per chain and the expiry; paid at the shop later", async () => {
    const charge = await stripe.createCharge(input({ method: "konbini" }));
    assert.equal(charge.status, "pending");
    assert.match(charge.providerChargeId, /^pi_test_/);
    assert.equal(charge.slip?.kind, "konbini");
    if (charge.slip?.kind !== "konbini") throw new Error("no slip");
    assert.deepEqual(Object.keys(charge.slip.stores ?? {}).sort(), ["familymart", "lawson", "ministop", "seicomart"]);
    assert.match(charge.slip.paymentNumber, /^\d{12}$/);
    assert.ok(new Date(charge.slip.expiresAt).getTime() > Date.now() + 6 * 24 * 3600 * 1000);
    fake.payKonbini(charge.providerChargeId);
    assert.equal((await stripe.getCharge(charge.providerChargeId))?.status, "succeeded");
  });

  it("refunds by PaymentIntent, partially; the same key twice is one refund; too much is Stripe's error", async () => {
    const charge = await stripe.createCharge(input());
    fake.completeCheckout(charge.providerChargeId);
    const before = fake.refunds.size;
    const first = await stripe.refund({ providerChargeId: charge.providerChargeId, amountYen: 300, idempotencyKey: "machi-refund-a" });
    const again = await stripe.refund({ providerChargeId: charge.providerChargeId, amountYen: 300, idempotencyKey: "machi-refund-a" });
    assert.equal(first.status, "succeeded");
    assert.equal(again.providerRefundId, first.providerRefundId);
    assert.equal(fake.refunds.size, before + 1);
    await assert.rejects(stripe.refund({ providerChargeId: charge.providerChargeId, amountYen: 400, idempotencyKey: "machi-refund-b" }), (error: unknown) => error instanceof ProviderError && error.kind === "invalid_request" && /greater than unrefunded/.test(error.message));
  });

  it("a 429 is retried with backoff; too many become a retryable rate_limited error; a 500 is unavailable", async () => {
    fake.failNext(2, 429);
    const charge = await stripe.createCharge(input());
    assert.equal(charge.status, "requires_action");
    fake.failNext(3, 429);
    await assert.rejects(stripe.createCharge(input()), (error: unknown) => error instanceof ProviderError && error.kind === "rate_limited" && error.retryable);
    fake.failNext(3, 500);
    await assert.rejects(stripe.createCharge(input()), (error: unknown) => error instanceof ProviderError && error.kind === "unavailable");
  });

  it("a wrong key is an authentication error whose message never carries the key; unknown ids are null", async () => {
    const wrong = new StripeProvider({ secretKey: "sk_test_wrongwrongwrongwrong1234", webhookSecret: "whsec_x", apiBase: fake.url, retryDelayMs: 1 });
    await assert.rejects(wrong.createCharge(input()), (error: unknown) => error instanceof ProviderError && error.kind === "authentication" && !error.message.includes("wrongwrongwrong"));
    assert.equal(await stripe.getCharge("cs_test_missing"), null);
    assert.equal(await stripe.getCharge("pi_test_missing"), null);
    assert.equal(maskKey("sk_test_abcdefghijklmnop"), "sk_test_****mnop");
  });

  it("verifies webhook signatures: valid, another secret, a changed body, and a stale timestamp", async () => {
    const charge = await stripe.createCharge(input());
    fake.completeCheckout(charge.providerChargeId);
    const event = fake.events.find((e) => e.type === "checkout.session.completed" && (e.data as { object: { id: string } }).object.id === charge.providerChargeId)!;
    const good = fake.signed(event);
    const parsed = stripe.verifyWebhook(Buffer.from(good.payload), good.headers);
    assert.equal(parsed.id, event.id);
    assert.deepEqual(parsed.updates.map((u) => [u.providerChargeId, u.status]), [[charge.providerChargeId, "succeeded"]]);
    assert.match(parsed.updates[0]!.paymentRef ?? "", /^pi_test_/);
    const other = fake.signed(event, { secret: "whsec_someoneelse" });
    assert.throws(() => stripe.verifyWebhook(other.payload, other.headers), (e: unknown) => e instanceof WebhookSignatureError && e.reason === "mismatch");
    assert.throws(() => stripe.verifyWebhook(good.payload.replace("600", "601"), good.headers), (e: unknown) => e instanceof WebhookSignatureError && e.reason === "mismatch");
    const stale = fake.signed(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    assert.throws(() => stripe.verifyWebhook(stale.payload, stale.headers), (e: unknown) => e instanceof WebhookSignatureError && e.reason === "stale");
    assert.throws(() => stripe.verifyWebhook(good.payload, {}), (e: unknown) => e instanceof WebhookSignatureError && e.reason === "missing");
    // Several v1 signatures (a secret being rolled): any one valid is enough.
    const rolled = { "stripe-signature": `${good.headers["stripe-signature"]!.replace(/v1=/, "v1=" + "0".repeat(64) + ",v1=")}` };
    assert.equal(stripe.verifyWebhook(good.payload, rolled).id, event.id);
  });

  it("lists the day's balance transactions across pages, with charges and refunds", async () => {
    const pageFake = await new StripeFake().start();
    try {
      const client = new StripeProvider({ secretKey: pageFake.secretKey, webhookSecret: "whsec_x", apiBase: pageFake.url });
      for (let i = 0; i < 105; i++) pageFake.addForeignCharge(1000 + i);
      const intent = pageFake.addForeignCharge(600);
      await client.refund({ providerChargeId: String(intent.id), amountYen: 200, idempotencyKey: "r1" });
      const list = await client.listTransactions(todayInJapan());
      assert.equal(list.filter((t) => t.type === "charge").length, 106);
      const refund = list.find((t) => t.type === "refund")!;
      assert.equal(refund.amountYen, 200, "refunds are positive amounts");
      assert.equal(refund.paymentRef, intent.id);
      assert.ok(pageFake.requests.filter((r) => r.path === "/v1/balance_transactions").length >= 2, "two pages were read");
      assert.deepEqual(await client.listTransactions("2001-01-01"), []);
    } finally {
      await pageFake.stop();
    }
  });
});
