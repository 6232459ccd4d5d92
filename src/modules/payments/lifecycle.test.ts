/**
 * The fee around the application's life: a fee after approval (the hook the approval calls),
 * nothing due for procedures without online payment, cancellation when the application is
 * withdrawn, the way back to an unpaid fee from my page, and the automatic refund of a charge
 * that succeeded although the fee was already paid.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { signUpResident } from "../identity/testing.ts";
import { fillResidenceAsSelf, location, startResidence } from "../procedures/testing.ts";
import { cancelPaymentForApplication, requestPaymentAfterApproval, setPaymentTiming } from "./index.ts";
import { paymentsContext } from "./context.ts";
import { TEST_CARDS } from "./providers/sandbox.ts";
import { count, createPaymentsTestApp, paymentRow, residentWithFee, type PaymentsTestApp } from "./testing.ts";

let app: PaymentsTestApp;
let residenceId: string;
before(async () => {
  app = await createPaymentsTestApp();
  const [row] = await queryRows<{ id: string }>(app.deps.db, sql`SELECT id FROM procedures WHERE slug = 'residence-certificate'`);
  residenceId = row!.id;
});
after(async () => {
  await app?.stop();
});

async function submitWithoutFeeRedirect() {
  const resident = await signUpResident(app);
  const draftId = await startResidence(resident);
  await fillResidenceAsSelf(resident.browser, draftId);
  await resident.browser.get(`/drafts/${draftId}/check`);
  const submitted = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
  const applicationId = /^\/applications\/([0-9a-f-]{36})\/receipt$/.exec(location(submitted))?.[1];
  assert.ok(applicationId, location(submitted));
  return { resident, applicationId };
}

describe("a fee after approval", () => {
  before(async () => {
    await setPaymentTiming(app.deps.db, { procedureId: residenceId, timing: "after_approval" });
  });
  after(async () => {
    await setPaymentTiming(app.deps.db, { procedureId: residenceId, timing: "at_submission" });
  });

  it("nothing is due at submission; the approval's hook asks for 600円 by e-mail and on the timeline, once", async () => {
    const { resident, applicationId } = await submitWithoutFeeRedirect();
    assert.equal(await count(app, "payments", sql`application_id = ${applicationId}::uuid`), 0);
    // Not approved yet: the hook does nothing.
    assert.equal(await app.deps.db.transaction((tx) => requestPaymentAfterApproval(tx, { applicationId, baseUrl: "http://localhost:3000" })), null);
    // The approval's transaction (as staffChangeStatus does it), with the hook beside the status change.
    const result = await app.deps.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE applications SET status = 'approved', decided_at = now() WHERE id = ${applicationId}::uuid`);
      return requestPaymentAfterApproval(tx, { applicationId, baseUrl: "http://localhost:3000" });
    });
    assert.equal(result?.amountYen, 600);
    const again = await app.deps.db.transaction((tx) => requestPaymentAfterApproval(tx, { applicationId, baseUrl: "http://localhost:3000" }));
    assert.equal(again?.paymentId, result!.paymentId);
    assert.equal(await count(app, "payments", sql`application_id = ${applicationId}::uuid`), 1);
    const [mail] = await queryRows<{ payload: { to: string; subject: string; text: string } }>(app.deps.db, sql`SELECT payload FROM outbox WHERE idempotency_key = ${`mail:payment-requested:${result!.paymentId}`}`);
    assert.equal(mail!.payload.to, resident.email);
    assert.match(mail!.payload.subject, /手数料のお支払いのお願い/);
    assert.match(mail!.payload.text, new RegExp(`http://localhost:3000/payments/${result!.paymentId}`));
    const mine = await resident.browser.get(`/my/applications/${applicationId}`);
    assert.match(mine.body, /手数料 600円 のお支払いをお願いします/);
    assert.match(mine.body, /未払い/);
    // The resident pays from my page.
    const link = await resident.browser.get(`/payments/for-application/${applicationId}`);
    assert.equal(location(link), `/payments/${result!.paymentId}`);
    const page = await resident.browser.get(`/payments/${result!.paymentId}`);
    assert.match(page.body, /お支払い方法を選んでください/);
  });
});

describe("procedures without online payment", () => {
  it("a procedure with no payment setting leads to the usual receipt and has no fee panel", async () => {
    await setPaymentTiming(app.deps.db, { procedureId: residenceId, timing: null });
    try {
      const { resident, applicationId } = await submitWithoutFeeRedirect();
      assert.equal(await count(app, "payments", sql`application_id = ${applicationId}::uuid`), 0);
      const mine = await resident.browser.get(`/my/applications/${applicationId}`);
      assert.doesNotMatch(mine.body, /payment-panel-title/);
      assert.equal((await resident.browser.get(`/payments/for-application/${applicationId}`)).statusCode, 404);
    } finally {
      await setPaymentTiming(app.deps.db, { procedureId: residenceId, timing: "at_submission" });
    }
  });
});

describe("withdrawal", () => {
  it("withdrawing before paying cancels the fee: nothing to pay, and the attempt in progress is closed at the provider", async () => {
    const { resident, applicationId, paymentId } = await residentWithFee(app);
    await resident.browser.get(`/payments/${paymentId}`);
    await resident.browser.post(`/payments/${paymentId}/pay`, { method: "konbini" });
    await resident.browser.submit(`/my/applications/${applicationId}/withdraw`, {});
    // The withdrawal's own transaction cancelled the fee (procedures calls the hook); a second call finds nothing to do.
    assert.equal((await paymentRow(app, paymentId)).status, "canceled");
    assert.equal(await app.deps.db.transaction((tx) => cancelPaymentForApplication(tx, { applicationId, actorId: resident.userId })), false);
    await app.runJobs();
    const [attempt] = await queryRows<{ status: string; chargeId: string }>(app.deps.db, sql`SELECT status, provider_charge_id AS "chargeId" FROM payment_attempts WHERE payment_id = ${paymentId}::uuid`);
    assert.equal(attempt!.status, "canceled");
    assert.equal((await paymentsContext(app.deps).sandbox!.findCharge(attempt!.chargeId))!.status, "canceled");
    const page = await resident.browser.get(`/payments/${paymentId}`);
    assert.match(page.body, /手数料のお支払いは不要です/);
    const pay = await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" });
    assert.equal(location(pay), `/payments/${paymentId}`);
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid`), 1);
  });
});

describe("a second success", () => {
  it("a charge that succeeds after the fee was paid is marked duplicate and refunded automatically", async () => {
    const { resident, paymentId } = await residentWithFee(app);
    const sandbox = paymentsContext(app.deps).sandbox!;
    await resident.browser.get(`/payments/${paymentId}`);
    const cardPage = location(await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" })).replace("http://localhost:3000", "");
    await resident.browser.get(cardPage);
    await resident.browser.post(cardPage, { card_number: TEST_CARDS.success });
    assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
    // Somewhere a second charge for the same fee went through (e.g. a provider-side race).
    const charge = await sandbox.createCharge({
      amountYen: 600, currency: "JPY", idempotencyKey: `dup-${paymentId}`, method: "card", description: "dup", returnUrl: "http://localhost:3000/", cancelUrl: "http://localhost:3000/",
      metadata: { payment_id: paymentId }, customer: { name: "x", email: "x@example.jp" },
    });
    await app.deps.db.execute(sql`INSERT INTO payment_attempts (payment_id, attempt_no, idempotency_key, provider, method, amount_yen, status, provider_charge_id)
      VALUES (${paymentId}::uuid, 2, ${`dup-${paymentId}`}, 'sandbox', 'card', 600, 'requires_action', ${charge.providerChargeId})`);
    const result = await sandbox.submitCard(charge.providerChargeId, TEST_CARDS.success);
    assert.ok(!("error" in result) && result.webhook);
    if ("error" in result || !result.webhook) return;
    const delivered = await app.http.inject({ method: "POST", url: "/api/payments/webhooks/sandbox", headers: result.webhook.headers, payload: result.webhook.payload });
    assert.equal(delivered.statusCode, 200);
    assert.equal(await count(app, "payment_attempts", sql`payment_id = ${paymentId}::uuid AND duplicate`), 1);
    await app.runJobs();
    const [refund] = await queryRows<{ status: string; amountYen: number }>(app.deps.db, sql`SELECT status, amount_yen AS "amountYen" FROM payment_refunds WHERE payment_id = ${paymentId}::uuid`);
    assert.deepEqual(refund, { status: "succeeded", amountYen: 600 });
    assert.equal((await sandbox.findCharge(charge.providerChargeId))!.refundedYen, 600);
    const row = await paymentRow(app, paymentId);
    assert.deepEqual([row.status, row.refundedYen], ["succeeded", 0], "the fee itself stays paid");
    await app.runJobs();
    assert.equal(await count(app, "payment_refunds", sql`payment_id = ${paymentId}::uuid`), 1, "the job is idempotent");
  });
});
