/**
 * The resident's payment flow on the built-in sandbox provider, through the real pages: fee at
 * submission (住民票の写し 2通 = 600円), card (success, decline, 3-D Secure, pending settled by a
 * webhook), konbini and Pay-easy slips, receipt, my page; no double charge under 20 identical
 * requests at once, double clicks and duplicated webhooks; who may see what.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createStaff, signInStaff, signUpResident, type Browser, type SignedInResident } from "../identity/testing.ts";
import { pdfText } from "../documents/testing.ts";
import { location } from "../procedures/testing.ts";
import { paymentsContext } from "./context.ts";
import { TEST_CARDS, type SandboxProvider } from "./providers/sandbox.ts";
import { count, createPaymentsTestApp, paymentRow, residentWithFee, submitResidenceWithFee, type PaymentsTestApp } from "./testing.ts";

let app: PaymentsTestApp;
let sandbox: SandboxProvider;
before(async () => {
  app = await createPaymentsTestApp();
  sandbox = paymentsContext(app.deps).sandbox!;
});
after(async () => {
  await app?.stop();
});

/** The path of an absolute URL of this app. */
const path = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

/** Chooses a method on the payment page and presses the button; answers with where it led. */
async function choose(browser: Browser, paymentId: string, method: string): Promise<string> {
  const page = await browser.get(`/payments/${paymentId}`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  const response = await browser.post(`/payments/${paymentId}/pay`, { method });
  assert.equal(response.statusCode, 303, response.body.slice(0, 1000));
  return location(response);
}

/** Pays by card on the sandbox's card page; answers with the redirect after the card number. */
async function payByCard(browser: Browser, paymentId: string, card: string): Promise<string> {
  const cardPage = path(await choose(browser, paymentId, "card"));
  assert.match(cardPage, /^\/payments\/sandbox\/pay\/sbx_ch_[0-9a-f]{20}$/);
  const form = await browser.get(cardPage);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /テスト用の決済画面/);
  const sent = await browser.post(cardPage, { card_number: card });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
  return path(location(sent));
}

async function followToResult(browser: Browser, url: string): Promise<{ url: string; body: string; status: number }> {
  let current = url;
  for (let i = 0; i < 5; i++) {
    const response = await browser.get(current);
    if (response.statusCode !== 303) return { url: current, body: response.body, status: response.statusCode };
    current = path(location(response));
  }
  throw new Error("too many redirects");
}

describe("fee at submission", () => {
  it("submitting 住民票の写し for 2 copies saves the application and sends the resident to pay 600円", async () => {
    const resident = await signUpResident(app);
    const { applicationId, paymentId, next } = await submitResidenceWithFee(resident);
    const [application] = await queryRows<{ status: string }>(app.deps.db, sql`SELECT status FROM applications WHERE id = ${applicationId}::uuid`);
    assert.equal(application!.status, "received", "the application is submitted before anything is paid");
    const page = await resident.browser.get(next);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /お支払い方法を選んでください/);
    assert.match(page.body, /300円 × 2通 = 600円/);
    assert.match(page.body, /申請を受け付けました。続けて手数料をお支払いください。/);
    assert.deepEqual(await paymentRow(app, paymentId), { status: "pending", amountYen: 600, receiptNumber: null, refundedYen: 0, attemptCount: 0 });
    const english = await resident.browser.get(`/payments/${paymentId}?lang=en`);
    assert.match(english.body, /How would you like to pay\?/);
    assert.match(english.body, /¥300 × 2 copies = ¥600/);
    // My page shows it unpaid, with the way to pay.
    const mine = await resident.browser.get(`/my/applications/${applicationId}`);
    assert.match(mine.body, /未払い/);
    assert.match(mine.body, new RegExp(`href="/payments/${paymentId}"`));
  });

  it("choosing nothing shows the error summary and keeps the page", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await resident.browser.get(`/payments/${paymentId}`);
    const response = await resident.browser.post(`/payments/${paymentId}/pay`, {});
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /class="error-summary"/);
    assert.match(response.body, /<a href="#method">お支払い方法を選んでください<\/a>/);
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid`), 0);
  });
});

describe("sandbox card", () => {
  let resident: SignedInResident;
  let paymentId: string;
  let applicationId: string;
  before(async () => {
    ({ resident, paymentId, applicationId } = await residentWithFee(app));
  });

  it("4242… succeeds: result page, receipt, my page 支払い済み, the timeline and an e-mail", async () => {
    const back = await payByCard(resident.browser, paymentId, "4242 4242 4242 4242");
    assert.equal(back, `/payments/${paymentId}/return?attempt=1`);
    const result = await followToResult(resident.browser, back);
    assert.equal(result.url, `/payments/${paymentId}/done`);
    assert.match(result.body, /お支払いが完了しました/);
    const row = await paymentRow(app, paymentId);
    assert.equal(row.status, "succeeded");
    assert.match(row.receiptNumber ?? "", /^R-\d{8}-\d{6}$/);
    const receipt = await resident.browser.get(`/payments/${paymentId}/receipt`);
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, /領収書/);
    assert.match(receipt.body, new RegExp(row.receiptNumber!));
    assert.match(receipt.body, /600円/);
    assert.match(receipt.body, /クレジットカード/);
    assert.match(receipt.body, new RegExp(`href="/payments/${paymentId}/receipt.pdf"`));
    // The same receipt as a PDF with embedded Japanese text (pdftotext reads it back).
    const pdf = await resident.browser.get(`/payments/${paymentId}/receipt.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.equal(pdf.headers["content-disposition"], `attachment; filename="receipt-${row.receiptNumber}.pdf"`);
    const text = pdfText(pdf.rawPayload);
    for (const expected of ["領収書", row.receiptNumber!, "600円", "クレジットカード", "大阪市"]) assert.ok(text.includes(expected), `${expected} in:\n${text}`);
    const mine = await resident.browser.get(`/my/applications/${applicationId}`);
    assert.match(mine.body, /支払い済み/);
    assert.match(mine.body, /領収書を表示する/);
    assert.match(mine.body, /手数料 600円 のお支払いを確認しました/);
    const [mail] = await queryRows<{ payload: { subject: string } }>(app.deps.db, sql`SELECT payload FROM outbox WHERE idempotency_key = ${`mail:payment-paid:${paymentId}`}`);
    assert.match(mail!.payload.subject, /お支払いを確認しました/);
    // Paying again is not possible: the payment page leads to the result.
    const again = await resident.browser.get(`/payments/${paymentId}`);
    assert.equal(location(again), `/payments/${paymentId}/done`);
    const post = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" });
    assert.equal(location(post), `/payments/${paymentId}/done`);
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid`), 1);
  });

  it("4000…0002 is declined: back to choosing, with the reason; a new attempt can then succeed", async () => {
    const { resident: other, paymentId: id } = await residentWithFee(app);
    const back = await payByCard(other.browser, id, TEST_CARDS.declined);
    const result = await followToResult(other.browser, back);
    assert.equal(result.url, `/payments/${id}`);
    assert.match(result.body, /前回のお支払いはできませんでした（カードが使えませんでした）/);
    assert.equal((await paymentRow(app, id)).status, "failed");
    const second = await payByCard(other.browser, id, TEST_CARDS.success);
    assert.equal(second, `/payments/${id}/return?attempt=2`);
    await followToResult(other.browser, second);
    assert.equal((await paymentRow(app, id)).status, "succeeded");
  });

  it("4000…3220 asks for 3-D Secure: approving pays, refusing fails", async () => {
    const { resident: approver, paymentId: approved } = await residentWithFee(app);
    const challenge = await payByCard(approver.browser, approved, TEST_CARDS.threeDSecure);
    assert.match(challenge, /^\/payments\/sandbox\/3ds\/sbx_ch_/);
    const page = await approver.browser.get(challenge);
    assert.match(page.body, /本人認証（3Dセキュア・テスト）/);
    const ok = await approver.browser.post(challenge, { result: "approve" });
    await followToResult(approver.browser, path(location(ok)));
    assert.equal((await paymentRow(app, approved)).status, "succeeded");

    const { resident: refuser, paymentId: refused } = await residentWithFee(app);
    const challenge2 = await payByCard(refuser.browser, refused, TEST_CARDS.threeDSecure);
    await refuser.browser.get(challenge2);
    const no = await refuser.browser.post(challenge2, { result: "deny" });
    const result = await followToResult(refuser.browser, path(location(no)));
    assert.match(result.body, /本人認証（3Dセキュア）ができませんでした/);
    assert.equal((await paymentRow(app, refused)).status, "failed");
  });

  it("an unknown card number is refused on the sandbox's page with a message, and nothing changes", async () => {
    const { resident: other, paymentId: id } = await residentWithFee(app);
    const cardPage = path(await choose(other.browser, id, "card"));
    await other.browser.get(cardPage);
    const sent = await other.browser.post(cardPage, { card_number: "1234 5678" });
    assert.equal(sent.statusCode, 422);
    assert.match(sent.body, /テスト用のカード番号を入力してください/);
    assert.match(sent.body, /value="1234 5678"/);
    assert.equal((await paymentRow(app, id)).status, "requires_action");
  });
});

describe("pending payments and webhooks", () => {
  it("a pending card completes by webhook; the same webhook delivered twice changes things once", async () => {
    const { resident, paymentId, applicationId } = await residentWithFee(app);
    const back = await payByCard(resident.browser, paymentId, TEST_CARDS.pending);
    const result = await followToResult(resident.browser, back);
    assert.match(result.body, /お支払いを確認しています/);
    assert.equal((await paymentRow(app, paymentId)).status, "pending");
    const [attempt] = await queryRows<{ chargeId: string }>(app.deps.db, sql`SELECT provider_charge_id AS "chargeId" FROM payment_attempts WHERE payment_id = ${paymentId}::uuid`);
    const { webhook } = await sandbox.settle(attempt!.chargeId, "succeeded");
    assert.ok(webhook);
    const deliver = () => app.http.inject({ method: "POST", url: "/api/payments/webhooks/sandbox", headers: webhook.headers, payload: webhook.payload });
    const [first, second] = await Promise.all([deliver(), deliver()]);
    assert.deepEqual([first.statusCode, second.statusCode], [200, 200]);
    assert.deepEqual([first.json().duplicate, second.json().duplicate].sort(), [false, true]);
    const third = await deliver();
    assert.equal(third.json().duplicate, true);
    assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
    assert.equal(await count(app, "payment_events", sql`payment_id = ${paymentId}::uuid AND type = 'paid'`), 1);
    assert.equal(await count(app, "application_events", sql`application_id = ${applicationId}::uuid AND data ? 'payment' AND data->'payment'->>'kind' = 'paid'`), 1);
    assert.equal(await count(app, "payment_webhook_events", sql`event_id = ${JSON.parse(webhook.payload).id}`), 1);
  });

  it("refuses a webhook with a wrong signature, a changed body or a stale timestamp (400), and applies nothing", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await payByCard(resident.browser, paymentId, TEST_CARDS.pending);
    const [attempt] = await queryRows<{ chargeId: string }>(app.deps.db, sql`SELECT provider_charge_id AS "chargeId" FROM payment_attempts WHERE payment_id = ${paymentId}::uuid`);
    const charge = (await sandbox.findCharge(attempt!.chargeId))!;
    const good = sandbox.signedEvent("charge.succeeded", { ...charge, status: "succeeded" });
    const tampered = await app.http.inject({ method: "POST", url: "/api/payments/webhooks/sandbox", headers: good.headers, payload: good.payload.replace('"amountYen":600', '"amountYen":6') });
    assert.equal(tampered.statusCode, 400);
    assert.equal(tampered.json().reason, "mismatch");
    const unsigned = await app.http.inject({ method: "POST", url: "/api/payments/webhooks/sandbox", headers: { "content-type": "application/json" }, payload: good.payload });
    assert.equal(unsigned.statusCode, 400);
    const stale = sandbox.signedEvent("charge.succeeded", { ...charge, status: "succeeded" }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const old = await app.http.inject({ method: "POST", url: "/api/payments/webhooks/sandbox", headers: stale.headers, payload: stale.payload });
    assert.equal(old.statusCode, 400);
    assert.equal(old.json().reason, "stale");
    assert.equal((await paymentRow(app, paymentId)).status, "pending");
    const unknown = await app.http.inject({ method: "POST", url: "/api/payments/webhooks/paypal", headers: good.headers, payload: good.payload });
    assert.equal(unknown.statusCode, 422, "an unknown provider is refused by the route's schema");
  });
});

describe("konbini and Pay-easy slips", () => {
  it("Pay-easy: a slip with 収納機関番号, お客様番号, 確認番号 and a due date 7 days ahead; an e-mail; paid at the bank by webhook", async () => {
    const { resident, paymentId, applicationId } = await residentWithFee(app);
    const slipUrl = await choose(resident.browser, paymentId, "payeasy");
    assert.equal(slipUrl, `/payments/${paymentId}/slip`);
    const slip = await resident.browser.get(slipUrl);
    assert.equal(slip.statusCode, 200);
    assert.match(slip.body, /ペイジーでのお支払い番号/);
    assert.match(slip.body, /収納機関番号[\s\S]*99990/);
    assert.match(slip.body, /お客様番号[\s\S]*\d{16}/);
    assert.match(slip.body, /確認番号[\s\S]*\d{6}/);
    const due = new Date(Date.now() + 7 * 24 * 3600 * 1000 + 9 * 3600 * 1000);
    assert.match(slip.body, new RegExp(`${due.getUTCFullYear()}年${due.getUTCMonth() + 1}月${due.getUTCDate()}日`));
    const [mail] = await queryRows<{ payload: { subject: string; text: string } }>(app.deps.db, sql`SELECT payload FROM outbox WHERE idempotency_key LIKE 'mail:payment-slip:%' AND payload->>'to' = ${resident.email}`);
    assert.match(mail!.payload.subject, /ペイジー/);
    assert.match(mail!.payload.text, /お客様番号：\d{16}/);
    // The test control on the slip page: paid at the ATM.
    const settle = /action="(\/payments\/sandbox\/charges\/sbx_ch_[0-9a-f]{20}\/settle)"/.exec(slip.body)![1]!;
    const paid = await resident.browser.post(settle, { outcome: "succeeded" });
    assert.equal(location(paid), `/payments/${paymentId}/done`);
    assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
    const mine = await resident.browser.get(`/my/applications/${applicationId}`);
    assert.match(mine.body, /ペイジーのお支払い番号を発行しました/);
  });

  it("konbini: a payment number; an expired slip makes the fee payable again", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    const slip = await resident.browser.get(await choose(resident.browser, paymentId, "konbini"));
    assert.match(slip.body, /コンビニでのお支払い番号/);
    assert.match(slip.body, /お支払い番号[\s\S]*\d{12}/);
    const settle = /action="(\/payments\/sandbox\/charges\/[^"]+\/settle)"/.exec(slip.body)![1]!;
    await resident.browser.post(settle, { outcome: "expired" });
    assert.equal((await paymentRow(app, paymentId)).status, "failed");
    const page = await resident.browser.get(`/payments/${paymentId}`);
    assert.match(page.body, /お支払い期限を過ぎました/);
  });

  it("switching method cancels the slip at the provider first", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await choose(resident.browser, paymentId, "konbini");
    const page = await resident.browser.get(`/payments/${paymentId}`);
    assert.match(page.body, /お支払いのお手続き中です/);
    const cancelled = await resident.browser.post(`/payments/${paymentId}/cancel-attempt`, {});
    assert.equal(location(cancelled), `/payments/${paymentId}`);
    const [attempt] = await queryRows<{ status: string; chargeId: string }>(app.deps.db, sql`SELECT status, provider_charge_id AS "chargeId" FROM payment_attempts WHERE payment_id = ${paymentId}::uuid`);
    assert.equal(attempt!.status, "canceled");
    assert.equal((await sandbox.findCharge(attempt!.chargeId))!.status, "canceled");
    assert.match(await choose(resident.browser, paymentId, "card"), /\/payments\/sandbox\/pay\//);
  });
});

describe("no double charge", () => {
  it("20 identical pay requests at once make one attempt and one charge at the provider", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    await resident.browser.get(`/payments/${paymentId}`);
    const responses = await Promise.all(Array.from({ length: 20 }, () => resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" })));
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [303]);
    const targets = new Set(responses.map((r) => location(r)));
    assert.equal(targets.size, 1, [...targets].join(" "));
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid`), 1);
    assert.equal(await count(app, "payment_sandbox_charges", sql`metadata->>'payment_id' = ${paymentId}`), 1);
  });

  it("a double click of the pay button goes to the same provider page, once", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    const first = await choose(resident.browser, paymentId, "card");
    const second = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" });
    assert.equal(location(second), first);
    // Even a different choice in a second tab continues the attempt in progress.
    const third = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "konbini" });
    assert.equal(location(third), first);
    assert.equal(await count(app, "payment_sandbox_charges", sql`metadata->>'payment_id' = ${paymentId}`), 1);
  });

  it("a double-clicked submit also leads to the payment, and makes one payment", async () => {
    const resident = await signUpResident(app);
    const { paymentId, applicationId } = await submitResidenceWithFee(resident);
    const [draft] = await queryRows<{ draftId: string }>(app.deps.db, sql`SELECT draft_id AS "draftId" FROM applications WHERE id = ${applicationId}::uuid`);
    const again = await resident.browser.post(`/drafts/${draft!.draftId}/submit`, { declaration: "yes" });
    assert.equal(location(again), `/payments/${paymentId}?submitted=1`);
    assert.equal(await count(app, "payments", sql`application_id = ${applicationId}::uuid`), 1);
  });
});

describe("authorisation", () => {
  it("another resident's payment, slip, receipt and sandbox page are 404; staff are refused the resident pages", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    const cardPage = path(await choose(resident.browser, paymentId, "card"));
    const stranger = await signUpResident(app);
    await stranger.browser.get("/my");
    for (const url of [`/payments/${paymentId}`, `/payments/${paymentId}/slip`, `/payments/${paymentId}/receipt`, `/payments/${paymentId}/receipt.pdf`, `/payments/${paymentId}/done`, `/payments/${paymentId}/return?attempt=1`, cardPage]) {
      const response = await stranger.browser.get(url);
      assert.equal(response.statusCode, 404, url);
    }
    const pay = await stranger.browser.post(`/payments/${paymentId}/pay`, { method: "card" });
    assert.equal(pay.statusCode, 404);
    const card = await stranger.browser.post(cardPage, { card_number: TEST_CARDS.success });
    assert.equal(card.statusCode, 404);
    assert.equal((await paymentRow(app, paymentId)).status, "requires_action");
    assert.equal((await resident.browser.get(`/payments/${paymentId}/receipt.pdf`)).statusCode, 404, "no receipt before the payment");
    for (const url of ["/payments/00000000-0000-4000-8000-000000000000", "/payments/not-a-uuid", "/payments/sandbox/pay/sbx_ch_00000000000000000000"]) {
      assert.equal((await stranger.browser.get(url)).statusCode, 404, url);
    }
    const staff = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "manager" }] });
    const staffBrowser = await signInStaff(app, staff.email, staff.password);
    assert.equal((await staffBrowser.get(`/payments/${paymentId}`)).statusCode, 403);
  });
});
