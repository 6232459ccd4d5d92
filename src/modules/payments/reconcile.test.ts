/**
 * Daily reconciliation against Stripe (the local fake) and the sandbox: every kind of mismatch
 * is made on purpose and found — missing at the provider, missing here, amount differs, status
 * differs (a lost webhook) — by the operator CLI (CSV with BOM and a mismatch column, exit code)
 * and on the staff page (rows of the staff's departments only; unattributed rows for managers).
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { todayInJapan } from "../../core/text/wareki.ts";
import { createStaff, signInStaff, type Browser } from "../identity/testing.ts";
import { location } from "../procedures/testing.ts";
import { runPaymentsCli } from "./cli.ts";
import { StripeFake } from "./providers/stripe-fake.ts";
import { createPaymentsTestApp, paymentRow, residentWithFee, TEST_SESSION_SECRET, type PaymentsTestApp } from "./testing.ts";

let app: PaymentsTestApp;
let fake: StripeFake;
const today = todayInJapan();
const ids: Record<string, string> = {};

async function paidByStripe(options: { deliver?: boolean } = {}): Promise<{ paymentId: string; sessionId: string }> {
  const { resident, paymentId } = await residentWithFee(app);
  await resident.browser.get(`/payments/${paymentId}`);
  const sessionId = location(await resident.browser.post(`/payments/${paymentId}/pay`, { method: "card" })).split("/").at(-1)!;
  fake.completeCheckout(sessionId);
  if (options.deliver !== false) await resident.browser.get(`/payments/${paymentId}/return?attempt=1`);
  return { paymentId, sessionId };
}

before(async () => {
  fake = await new StripeFake().start();
  app = await createPaymentsTestApp({ stripe: fake });

  // ok: paid and known on both sides.
  ids.ok = (await paidByStripe()).paymentId;
  // amount_differs: Stripe's balance transaction says ¥500.
  const differs = await paidByStripe();
  ids.amount = differs.paymentId;
  const intentId = String(fake.sessions.get(differs.sessionId)!.payment_intent);
  const chargeId = String(fake.intents.get(intentId)!.latest_charge);
  fake.balanceTransactions.find((t) => t.source === chargeId)!.amount = 500;
  // missing_at_provider: Stripe has no trace of it.
  const gone = await paidByStripe();
  ids.missing = gone.paymentId;
  const goneIntent = String(fake.sessions.get(gone.sessionId)!.payment_intent);
  const goneCharge = String(fake.intents.get(goneIntent)!.latest_charge);
  fake.sessions.delete(gone.sessionId);
  fake.intents.delete(goneIntent);
  fake.balanceTransactions.splice(fake.balanceTransactions.findIndex((t) => t.source === goneCharge), 1);
  // status_differs: paid at Stripe, but the webhook was lost and the resident never came back.
  ids.lost = (await paidByStripe({ deliver: false })).paymentId;
  // missing_here: money at Stripe that Machi never asked for.
  fake.addForeignCharge(1234);
  // A sandbox payment of the same day reconciles too, with a refund.
  const { resident, paymentId } = await residentWithFee(app);
  await resident.browser.get(`/payments/${paymentId}`);
  const cardPage = location(await resident.browser.post(`/payments/${paymentId}/pay`, { method: "payeasy" }));
  assert.equal(cardPage, `/payments/${paymentId}/slip`);
  const slip = await resident.browser.get(cardPage);
  await resident.browser.post(/action="(\/payments\/sandbox\/charges\/[^"]+\/settle)"/.exec(slip.body)![1]!, { outcome: "succeeded" });
  ids.sandbox = paymentId;
  assert.equal((await paymentRow(app, paymentId)).status, "succeeded");
});
after(async () => {
  try {
    await app?.stop();
  } finally {
    await fake?.stop();
  }
});

function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  const columns = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [columns[i]!, cell])));
}

describe("machi payments reconcile", () => {
  it("writes every row with its mismatch to a CSV with BOM, and exits 1 when something does not match", async () => {
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "machi-recon-")), "recon.csv");
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runPaymentsCli(["reconcile", "--date", today, "--out", out], { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) }, {
      open: async () => ({ ...app.database, close: async () => {} }),
      env: { ...fake.env(), PAYMENTS_SANDBOX: "true", SESSION_SECRET: TEST_SESSION_SECRET, NODE_ENV: "test" },
    });
    assert.equal(code, 1);
    const text = await fs.readFile(out, "utf8");
    assert.ok(text.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
    assert.match(text, /^\uFEFFdate,kind,provider,provider_id,payment_id,reference,department,our_amount_yen,provider_amount_yen,our_status,provider_status,at,mismatch,note\r\n/);
    const rows = parseCsv(text);
    const byPayment = (id: string) => rows.filter((r) => r.payment_id === id);
    assert.deepEqual(byPayment(ids.ok!).map((r) => r.mismatch), [""]);
    assert.deepEqual(byPayment(ids.amount!).map((r) => [r.mismatch, r.our_amount_yen, r.provider_amount_yen]), [["amount_differs", "600", "500"]]);
    assert.deepEqual(byPayment(ids.missing!).map((r) => r.mismatch), ["missing_at_provider"]);
    assert.deepEqual(byPayment(ids.lost!).map((r) => [r.mismatch, r.our_status, r.provider_status]), [["status_differs", "requires_action", "succeeded"]]);
    const foreign = rows.filter((r) => r.mismatch === "missing_here");
    assert.deepEqual(foreign.map((r) => [r.provider, r.provider_amount_yen, r.payment_id]), [["stripe", "1234", ""]]);
    assert.deepEqual(byPayment(ids.sandbox!).map((r) => [r.provider, r.kind, r.mismatch]), [["sandbox", "charge", ""]]);
    assert.equal(rows.every((r) => r.date === today), true);
    assert.match(stderr.join(""), new RegExp(`reconciled ${today}: \\d+ rows, 4 mismatches`));
    assert.deepEqual(stdout, []);
  });

  it("refuses a bad date with the usage (exit 2)", async () => {
    const stderr: string[] = [];
    const code = await runPaymentsCli(["reconcile", "--date", "2026-13-40"], { stdout: () => {}, stderr: (s) => stderr.push(s) }, { open: async () => ({ ...app.database, close: async () => {} }) });
    assert.equal(code, 2);
    assert.match(stderr.join(""), /--date must be a date/);
  });
});

describe("the staff reconciliation page", () => {
  let manager: Browser;
  let clerk: Browser;
  before(async () => {
    const m = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "manager" }] });
    manager = await signInStaff(app, m.email, m.password);
    const c = await createStaff(app, { roles: [{ departmentCode: "welfare", role: "clerk" }] });
    clerk = await signInStaff(app, c.email, c.password);
  });

  it("shows the department's rows with the mismatches in words, and the CSV", async () => {
    const page = await manager.get(`/staff/payments/reconciliation?date=${today}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /不一致は4件/);
    for (const word of ["事業者に記録がない", "当方に記録がない", "金額が違う", "状況が違う", "一致"]) assert.match(page.body, new RegExp(word));
    const csv = await manager.get(`/staff/payments/reconciliation.csv?date=${today}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /text\/csv/);
    assert.ok(csv.body.startsWith("\uFEFF"));
    assert.equal(parseCsv(csv.body).filter((r) => r.mismatch).length, 4);
  });

  it("staff of another department see none of these rows; a bad date is explained", async () => {
    const page = await clerk.get(`/staff/payments/reconciliation?date=${today}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /当方に記録がない<\/strong>/);
    assert.match(page.body, /すべて一致しました/);
    const csv = await clerk.get(`/staff/payments/reconciliation.csv?date=${today}`);
    assert.equal(parseCsv(csv.body).length, 0);
    const bad = await clerk.get("/staff/payments/reconciliation?date=きのう");
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /日付は 2026-11-26 の形で入力してください/);
  });

  it("nobody signed in is sent to the staff sign-in; residents are refused", async () => {
    const response = await app.http.inject({ url: "/staff/payments/reconciliation" });
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/staff\/sign-in/);
    const { resident } = await residentWithFee(app);
    assert.equal((await resident.browser.get(`/staff/payments/reconciliation?date=${today}`)).statusCode, 403);
    assert.equal((await resident.browser.get(`/staff/payments/${ids.ok}`)).statusCode, 403);
  });
});
