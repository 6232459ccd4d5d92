/**
 * The payment flow with Stripe (against the local fake of its API) through the app's pages:
 * card through Stripe's hosted page, webhooks (signed, duplicated), the return URL, konbini
 * slips; twenty identical requests at once make one Checkout Session; staff refunds (partial,
 * full, the same form twice, another department, audited).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createStaff, signInStaff, type Browser } from "../identity/testing.ts";
import { location } from "../procedures/testing.ts";
import { StripeFake } from "./providers/stripe-fake.ts";
import { count, createPaymentsTestApp, paymentRow, residentWithFee, type PaymentsTestApp } from "./testing.ts";

let app: PaymentsTestApp;
let fake: StripeFake;
before(async () => {
  fake = await new StripeFake({ latencyMs: 5 }).start();
  app = await createPaymentsTestApp({ stripe: fake });
});
after(async () => {
  try {
    await app?.stop();
  } finally {
    await fake?.stop();
  }
});

/** Delivers the fake's events from index `since` to our webhook endpoint, as Stripe would. */
async function deliverEvents(since: number): Promise<Array<{ status: number; duplicate: boolean }>> {
  const out = [];
  for (const event of fake.events.slice(since)) {
    const { payload, headers } = fake.signed(event);
    const response = await app.http.inject({ method: "POST", url: "/api/payments/webhooks/stripe", headers, payload });
    out.push({ status: response.statusCode, duplicate: response.statusCode === 200 ? response.json().duplicate : false });
  }
  return out;
}

async function payByStripeCard(browser: Browser, paymentId: string): Promise<string> {
  await browser.get(`/payments/${paymentId}`);
  const response = await browser.post(`/payments/${paymentId}/pay`, { method: "card" });
  assert.equal(response.statusCode, 303, response.body.slice(0, 500));
  const url = location(response);
  assert.ok(url.startsWith(`${fake.url}/c/pay/cs_test_`), url);
  return url.split("/").at(-1)!;
}

describe("card through Stripe Checkout", () => {
  it("the resident goes to Stripe's page; the webhook marks it paid; the return shows the result", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    const sessionId = await payByStripeCard(resident.browser, paymentId);
    const session = fake.sessions.get(sessionId)!;
    assert.equal(session.amount_total, 600);
    assert.equal((session.metadata as Record<string, string>).payment_id, paymentId);
    assert.equal(session.success_url, `http://localhost:3000/payments/${paymentId}/return?attempt=1`);
    const since = fake.events.length;
    fake.completeCheckout(sessionId);
    const deliveries = await deliverEvents(since);
    assert.ok(deliveries.every((d) => d.status === 200));
    assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
    const [attempt] = await queryRows<{ ref: string }>(app.deps.db, sql`SELECT provider_payment_ref AS ref FROM payment_attempts WHERE payment_id = ${paymentId}::uuid`);
    assert.match(attempt!.ref, /^pi_test_/);
    // Stripe retries a delivery: nothing changes.
    const again = await deliverEvents(since);
    assert.ok(again.every((d) => d.duplicate));
    assert.equal(await count(app, "payment_events", sql`payment_id = ${paymentId}::uuid AND type = 'paid'`), 1);
    const back = await resident.browser.get(`/payments/${paymentId}/return?attempt=1`);
    assert.equal(location(back), `/payments/${paymentId}/done`);
    assert.match((await resident.browser.get(`/payments/${paymentId}/done`)).body, /お支払いが完了しました/);
  });

  it("without any webhook, the return URL asks Stripe and records the payment", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    const sessionId = await payByStripeCard(resident.browser, paymentId);
    fake.completeCheckout(sessionId);
    await resident.browser.get(`/payments/${paymentId}/return?attempt=1`);
    assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
  });

  it("20 identical pay requests at once make one Checkout Session at Stripe", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await resident.browser.get(`/payments/${paymentId}`);
    const sessionsBefore = fake.sessions.size;
    const responses = await Promise.all(Array.from({ length: 20 }, () => resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" })));
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [303]);
    assert.equal(new Set(responses.map((r) => location(r))).size, 1);
    assert.equal(fake.sessions.size, sessionsBefore + 1);
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid`), 1);
  });

  it("when Stripe does not answer, the resident is told to try again and the retry uses the same key", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await resident.browser.get(`/payments/${paymentId}`);
    const requestsBefore = fake.requests.length;
    fake.failNext(3, 500);
    const failed = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" });
    assert.equal(failed.statusCode, 503);
    assert.match(failed.body, /ただいまお支払いの受付ができません/);
    assert.match(failed.body, /お金は引き落とされていません/);
    const page = await resident.browser.get(`/payments/${paymentId}`);
    assert.match(page.body, /決済代行会社との通信中です/);
    const retried = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" });
    assert.ok(location(retried).startsWith(`${fake.url}/c/pay/`));
    const keys = new Set(fake.requests.slice(requestsBefore).filter((r) => r.path === "/v1/checkout/sessions").map((r) => r.idempotencyKey));
    assert.equal(keys.size, 1, "every try used the attempt's one key");
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid`), 1);
  });

  it("konbini through Stripe: codes per chain on our slip page; paid at the shop by webhook", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await resident.browser.get(`/payments/${paymentId}`);
    const response = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "konbini" });
    assert.equal(location(response), `/payments/${paymentId}/slip`);
    const slip = await resident.browser.get(`/payments/${paymentId}/slip`);
    assert.match(slip.body, /ローソン/);
    assert.match(slip.body, /ファミリーマート/);
    assert.match(slip.body, /決済代行会社の払込票を開く/);
    const [attempt] = await queryRows<{ chargeId: string }>(app.deps.db, sql`SELECT provider_charge_id AS "chargeId" FROM payment_attempts WHERE payment_id = ${paymentId}::uuid`);
    const since = fake.events.length;
    fake.payKonbini(attempt!.chargeId);
    await deliverEvents(since);
    assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
  });
});

describe("refunds by staff", () => {
  let paymentId: string;
  let applicationId: string;
  let clerk: Browser;
  before(async () => {
    ({ paymentId, applicationId } = await residentWithFee(app).then(async (r) => {
      const sessionId = await payByStripeCard(r.resident.browser, r.paymentId);
      fake.completeCheckout(sessionId);
      await r.resident.browser.get(`/payments/${r.paymentId}/return?attempt=1`);
      return r;
    }));
    const staff = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "clerk" }] });
    clerk = await signInStaff(app, staff.email, staff.password);
  });

  it("a partial refund with a reason: the provider refunds once even when the form is sent twice; audited; on the timeline", async () => {
    const page = await clerk.get(`/staff/payments/applications/${applicationId}`);
    assert.equal(location(page), `/staff/payments/${paymentId}`);
    const detail = await clerk.get(`/staff/payments/${paymentId}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /返金できる金額は 600円 まで/);
    const refundKey = /name="refund_key" value="([^"]+)"/.exec(detail.body)![1]!;
    const refundsBefore = fake.refunds.size;
    const form = { refund_key: refundKey, amount: "３００", reason: "1通分を取り消したため" };
    const [first, second] = await Promise.all([clerk.post(`/staff/payments/${paymentId}/refund`, form), clerk.post(`/staff/payments/${paymentId}/refund`, form)]);
    assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
    const third = await clerk.post(`/staff/payments/${paymentId}/refund`, form);
    assert.equal(third.statusCode, 303);
    assert.equal(fake.refunds.size, refundsBefore + 1, "one refund at Stripe");
    assert.equal(await count(app, "payment_refunds", sql`payment_id = ${paymentId}::uuid`), 1);
    const row = await paymentRow(app, paymentId);
    assert.deepEqual([row.status, row.refundedYen], ["partially_refunded", 300]);
    const shown = await clerk.get(location(first));
    assert.match(shown.body, /300円を返金しました/);
    assert.equal(await count(app, "audit_log", sql`action = 'payment.refunded' AND object_id = ${paymentId}`), 1);
    assert.equal(await count(app, "audit_log", sql`action = 'payment.refund_requested' AND object_id = ${paymentId}`), 1);
    assert.equal(await count(app, "application_events", sql`application_id = ${applicationId}::uuid AND data->'payment'->>'kind' = 'refunded'`), 1);
  });

  it("refuses more than what is left, and a refund without a reason, all errors at once", async () => {
    const detail = await clerk.get(`/staff/payments/${paymentId}`);
    const refundKey = /name="refund_key" value="([^"]+)"/.exec(detail.body)![1]!;
    const response = await clerk.post(`/staff/payments/${paymentId}/refund`, { refund_key: refundKey, amount: "400", reason: "" });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /返金する金額は1円から300円までの整数で入力してください/);
    assert.match(response.body, /返金の理由を入力してください/);
    assert.match(response.body, /value="400"/);
  });

  it("the rest refunded makes it 返金済み; staff of another department cannot see or refund it", async () => {
    const detail = await clerk.get(`/staff/payments/${paymentId}`);
    const refundKey = /name="refund_key" value="([^"]+)"/.exec(detail.body)![1]!;
    const other = await createStaff(app, { roles: [{ departmentCode: "welfare", role: "manager" }] });
    const welfare = await signInStaff(app, other.email, other.password);
    await welfare.get("/staff/payments");
    assert.equal((await welfare.get(`/staff/payments/${paymentId}`)).statusCode, 404);
    assert.equal((await welfare.get(`/staff/payments/applications/${applicationId}`)).statusCode, 404);
    const refused = await welfare.post(`/staff/payments/${paymentId}/refund`, { refund_key: refundKey, amount: "300", reason: "不正" });
    assert.equal(refused.statusCode, 404);
    assert.equal((await paymentRow(app, paymentId)).refundedYen, 300);
    const done = await clerk.post(`/staff/payments/${paymentId}/refund`, { refund_key: refundKey, amount: "300", reason: "申請の取下げ" });
    assert.equal(done.statusCode, 303);
    const row = await paymentRow(app, paymentId);
    assert.deepEqual([row.status, row.refundedYen], ["refunded", 600]);
    const list = await clerk.get("/staff/payments");
    assert.match(list.body, /返金済み/);
  });
});
