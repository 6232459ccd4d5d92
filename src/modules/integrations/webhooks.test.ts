import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { createStaff, signInStaff, signUpResident, type Browser } from "../identity/testing.ts";
import { recordEvent } from "../procedures/history.ts";
import { createCase, createResident, formRevision, seedOrganisation, WARD, WELFARE } from "../procedures/staff/testing.ts";
import { integrationsContext } from "./context.ts";
import { DELIVER_TOPIC } from "./commands/emit-application-event.ts";
import { eventsOfApplication } from "./queries.ts";
import { shownSecret, signInManager, startReceiver, subscribe, type Receiver } from "./testing.ts";
import { deliverDueWebhooks } from "./webhooks/deliver.ts";
import { startDeliveryWorker } from "./webhooks/worker.ts";

let app: TestApp;
let procedures: { wardProcedure: string; welfareProcedure: string };
let residentId: string;
let manager: Browser;
let receiver: Receiver;
let secret = "";
let subscriptionId = "";

const settings = () => integrationsContext(app.deps).settings;
const deliver = (overrides: Partial<ReturnType<typeof settings>> = {}) => deliverDueWebhooks({ db: app.deps.db, settings: { ...settings(), ...overrides } });

type DeliveryState = { id: number; status: string; attempts: number; lastError: string | null; lastStatusCode: number | null; waitSeconds: number };

async function deliveriesOf(subscription: string): Promise<DeliveryState[]> {
  return queryRows<DeliveryState>(
    app.deps.db,
    sql`SELECT id::int AS id, status, attempts, last_error AS "lastError", last_status_code AS "lastStatusCode",
          extract(epoch FROM next_attempt_at - now())::float AS "waitSeconds"
        FROM webhook_deliveries WHERE subscription_id = ${subscription}::uuid ORDER BY id`,
  );
}

/** Makes every waiting retry due now (instead of waiting 5 s, 5 min, … as the schedule says). */
async function fastForward(): Promise<void> {
  await app.deps.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status = 'pending'`);
}

async function statusChangedEvent(applicationId: string, from = "received", to = "reviewing"): Promise<void> {
  await recordEvent(app.deps.db, { applicationId, actorId: null, type: "status_changed", fromStatus: from, toStatus: to });
}

before(async () => {
  app = await createTestApp();
  procedures = await seedOrganisation(app.deps.db);
  residentId = await createResident(app.deps.db);
  manager = (await signInManager(app, [WARD])).browser;
  receiver = await startReceiver({ secret: () => secret });
  ({ id: subscriptionId, secret } = await subscribe(manager, {
    departmentCode: WARD,
    url: receiver.url,
    eventTypes: ["application.submitted", "application.status_changed", "application.withdrawn"],
    description: "住民記録システム",
  }));
});
after(async () => {
  await receiver.close();
  await app.stop();
});

test("a staff status change writes an event and a delivery in its transaction; the receiver gets a signed POST", async () => {
  const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0001" });
  const clerk = await createStaff(app, { roles: [{ departmentCode: WARD, role: "clerk" }] });
  const browser = await signInStaff(app, clerk.email, clerk.password);
  const page = await browser.get(`/staff/cases/${id}`);
  const changed = await browser.post(`/staff/cases/${id}/status`, { to: "reviewing", reason: "", revision: formRevision(page.body) });
  assert.equal(changed.statusCode, 303, changed.body.slice(0, 500));

  const [event] = await eventsOfApplication(app.deps.db, id);
  assert.equal(event?.type, "application.status_changed");
  assert.equal(event.departmentCode, WARD);
  assert.deepEqual(event.data, {
    fromStatus: "received",
    toStatus: "reviewing",
    actor: "staff",
    application: { id, reference: "WH0001", departmentCode: WARD, procedure: "residence-certificate", status: "reviewing", revision: 2 },
  });
  const [job] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM outbox WHERE topic = ${DELIVER_TOPIC} AND payload->>'eventId' = ${event.id}`);
  assert.equal(job!.n, 1, "a wake-up job is queued with the event");

  const before = receiver.received.length;
  const results = await deliver();
  assert.deepEqual(results.map((r) => r.status), ["succeeded"]);
  const got = receiver.received[before]!;
  assert.equal(got.verified, true, "the signature holds with the secret shown once");
  assert.equal(got.id, event.id);
  assert.equal(got.headers["content-type"], "application/json");
  assert.match(String(got.headers["user-agent"]), /^Machi-Webhooks\//);
  assert.ok(Math.abs(got.timestamp - Date.now() / 1000) < 60);
  assert.equal(got.json.id, event.id);
  assert.equal(got.json.type, "application.status_changed");
  assert.equal(got.json.timestamp, event.occurredAt.toISOString());
  assert.equal(got.json.data.application.reference, "WH0001");
  assert.equal(JSON.stringify(got.json).includes("大阪"), false, "no personal data in the event");
  const [delivery] = (await deliveriesOf(subscriptionId)).filter((d) => d.status === "succeeded");
  assert.equal(delivery?.attempts, 1);
  assert.equal(delivery.lastStatusCode, 204);
});

test("an event commits or rolls back with the change; internal entries, other departments and unsubscribed types send nothing", async () => {
  const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0002" });
  await assert.rejects(
    app.deps.db.transaction(async (tx) => {
      await recordEvent(tx, { applicationId: id, actorId: null, type: "status_changed", fromStatus: "received", toStatus: "reviewing" });
      throw new Error("the command failed after writing history");
    }),
  );
  assert.equal((await eventsOfApplication(app.deps.db, id)).length, 0);

  await recordEvent(app.deps.db, { applicationId: id, actorId: null, type: "note", internal: true, message: "内部メモ" });
  await recordEvent(app.deps.db, { applicationId: id, actorId: null, type: "assigned", internal: true });
  assert.equal((await eventsOfApplication(app.deps.db, id)).length, 0, "notes and assignments are not events");

  const deliveriesBefore = (await deliveriesOf(subscriptionId)).length;
  await recordEvent(app.deps.db, { applicationId: id, actorId: null, type: "correction_requested", fromStatus: "received", toStatus: "correction_requested", message: "写真", data: { questions: ["id_doc"] } });
  const events = await eventsOfApplication(app.deps.db, id);
  assert.equal(events.length, 1);
  assert.deepEqual(events[0]!.data.questions, ["id_doc"]);
  assert.equal((await deliveriesOf(subscriptionId)).length, deliveriesBefore, "the subscription did not ask for correction requests");

  const welfare = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.welfareProcedure, reference: "WH0003" });
  await statusChangedEvent(welfare.id);
  assert.equal((await eventsOfApplication(app.deps.db, welfare.id)).length, 1);
  assert.equal((await deliveriesOf(subscriptionId)).length, deliveriesBefore, "another department's events go to its own subscriptions only");
  await deliver();
});

test("a receiver that fails twice gets the event on the third attempt, after backoff", async () => {
  const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0004" });
  await statusChangedEvent(id);
  const received = receiver.received.length;
  receiver.failNext(2, 503);
  assert.deepEqual((await deliver()).map((r) => r.status), ["pending"]);
  let [state] = (await deliveriesOf(subscriptionId)).filter((d) => d.status === "pending");
  assert.equal(state!.attempts, 1);
  assert.equal(state!.lastStatusCode, 503);
  assert.equal(state!.lastError, "HTTP 503: receiver is down for maintenance");
  assert.ok(state!.waitSeconds > 3 && state!.waitSeconds <= 6, `first retry after about 5 s (±20 %), got ${state!.waitSeconds}`);
  assert.deepEqual(await deliver(), [], "nothing is due before the backoff has passed");

  await fastForward();
  await deliver();
  [state] = (await deliveriesOf(subscriptionId)).filter((d) => d.status === "pending");
  assert.equal(state!.attempts, 2);
  assert.ok(state!.waitSeconds > 239 && state!.waitSeconds <= 360, `second retry after about 5 min, got ${state!.waitSeconds}`);

  await fastForward();
  assert.deepEqual((await deliver()).map((r) => r.status), ["succeeded"]);
  assert.equal(receiver.received.length, received + 1);
});

test("after 8 failed attempts a delivery is dead; a manager sees it and resends it, with the same webhook-id", async () => {
  const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0005" });
  await statusChangedEvent(id);
  const requests = receiver.requests;
  receiver.failNext(8, 500);
  for (let attempt = 1; attempt <= 8; attempt++) {
    await fastForward();
    const [result] = await deliver();
    assert.equal(result?.status, attempt < 8 ? "pending" : "dead", `attempt ${attempt}`);
  }
  assert.equal(receiver.requests, requests + 8);
  await fastForward();
  assert.deepEqual(await deliver(), [], "a dead delivery is not tried again by itself");

  const page = await manager.get(`/staff/integrations/webhooks/${subscriptionId}?status=dead`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /WH0005/);
  assert.match(page.body, /HTTP 500: receiver is down for maintenance/);
  assert.match(page.body, /配信できなかった通知をすべて再送する（1件）/);

  const replayed = await manager.post(`/staff/integrations/webhooks/${subscriptionId}/replay-dead`);
  assert.equal(replayed.statusCode, 303);
  assert.match(String(replayed.headers.location), /done=replayedAll&count=1/);
  const [event] = await eventsOfApplication(app.deps.db, id);
  assert.deepEqual((await deliver()).map((r) => r.status), ["succeeded"]);
  assert.equal(receiver.received.at(-1)!.id, event!.id);

  // One delivery again (the receiver lost it): same id, so the receiver can tell it is a duplicate.
  const [done] = (await deliveriesOf(subscriptionId)).filter((d) => d.status === "succeeded").slice(-1);
  const again = await manager.post(`/staff/integrations/webhooks/${subscriptionId}/deliveries/${done!.id}/replay`);
  assert.equal(again.statusCode, 303);
  await deliver();
  assert.equal(receiver.received.at(-1)!.id, event!.id);
  const [audit] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('webhook.dead_deliveries_replayed', 'webhook.delivery_replayed')`);
  assert.equal(audit!.n, 2);
});

test("refused connections and timeouts are failures with a plain message; redirects are not followed", async () => {
  const hanging = http.createServer(() => {
    // never answers
  });
  const redirecting = http.createServer((_req, res) => res.writeHead(302, { location: "https://example.org/" }).end());
  await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  try {
    const targets = {
      hanging: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`,
      redirect: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/`,
      refused: `http://127.0.0.1:${closedPort}/`,
    };
    const subs: Record<string, string> = {};
    for (const [name, url] of Object.entries(targets)) {
      subs[name] = (await subscribe(manager, { departmentCode: WARD, url, eventTypes: ["application.withdrawn"] })).id;
    }
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0006" });
    await recordEvent(app.deps.db, { applicationId: id, actorId: residentId, type: "withdrawn", fromStatus: "received", toStatus: "withdrawn" });
    await deliver({ timeoutMs: 300 });
    const error = async (name: string) => (await deliveriesOf(subs[name]!))[0]!.lastError;
    assert.equal(await error("hanging"), "timeout after 300 ms");
    assert.equal(await error("refused"), "connection failed (ECONNREFUSED)");
    assert.equal(await error("redirect"), "HTTP 302 (redirects are not followed)");
    for (const sub of Object.values(subs)) await manager.post(`/staff/integrations/webhooks/${sub}/disable`);
  } finally {
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
    await new Promise<void>((resolve) => redirecting.close(() => resolve()));
  }
});

test("two workers share the deliveries without sending any twice (FOR UPDATE SKIP LOCKED)", async () => {
  const before = receiver.received.length;
  const ids: string[] = [];
  for (let i = 0; i < 24; i++) {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: `WHB${String(i).padStart(4, "0")}` });
    await statusChangedEvent(id);
    ids.push(id);
  }
  const [a, b] = await Promise.all([deliver({ concurrency: 4 }), deliver({ concurrency: 4 })]);
  assert.equal(a!.length + b!.length, 24);
  assert.ok(a!.length > 0 && b!.length > 0, "both workers took some");
  const got = receiver.received.slice(before).map((r) => r.json.data.application.id as string);
  assert.equal(got.length, 24);
  assert.deepEqual([...new Set(got)].sort(), [...ids].sort());
});

test("the background worker sends as soon as it is woken", async () => {
  const worker = startDeliveryWorker({ db: app.deps.db, settings: { ...settings(), pollMs: 60_000 } });
  try {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0007" });
    const count = receiver.received.length;
    await statusChangedEvent(id);
    worker.wake();
    await receiver.waitFor(count + 1);
    assert.equal(receiver.received.at(-1)!.json.data.application.reference, "WH0007");
  } finally {
    await worker.stop();
  }
});

test("a switched-off subscription gets no new deliveries and keeps waiting ones until it is on again", async () => {
  const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0008" });
  await statusChangedEvent(id);
  const off = await manager.post(`/staff/integrations/webhooks/${subscriptionId}/disable`);
  assert.equal(off.statusCode, 303);
  await statusChangedEvent(id, "reviewing", "approved");
  assert.deepEqual(await deliver(), [], "the waiting delivery waits");
  const pending = (await deliveriesOf(subscriptionId)).filter((d) => d.status === "pending");
  assert.equal(pending.length, 1, "only the event from before it was switched off");
  await manager.post(`/staff/integrations/webhooks/${subscriptionId}/enable`);
  assert.deepEqual((await deliver()).map((r) => r.status), ["succeeded"]);
});

test("only managers of the department manage its webhooks; input problems are all reported at once", async () => {
  const welfareManager = (await signInManager(app, [WELFARE])).browser;
  assert.equal((await welfareManager.get(`/staff/integrations/webhooks/${subscriptionId}`)).statusCode, 404);
  assert.equal((await welfareManager.post(`/staff/integrations/webhooks/${subscriptionId}/replay-dead`)).statusCode, 404);
  assert.equal((await welfareManager.post(`/staff/integrations/webhooks/${subscriptionId}/disable`)).statusCode, 404);
  const overview = await welfareManager.get("/staff/integrations");
  assert.equal(overview.statusCode, 200);
  assert.doesNotMatch(overview.body, new RegExp(subscriptionId));
  // Choosing a department one does not manage is refused like a missing choice.
  const otherDepartment = await welfareManager.post("/staff/integrations/webhooks", { departmentCode: WARD, url: receiver.url, eventTypes: "application.submitted" });
  assert.equal(otherDepartment.statusCode, 422);

  const clerk = await createStaff(app, { roles: [{ departmentCode: WARD, role: "clerk" }] });
  const clerkBrowser = await signInStaff(app, clerk.email, clerk.password);
  assert.equal((await clerkBrowser.get("/staff/integrations")).statusCode, 403);
  assert.equal((await clerkBrowser.get(`/staff/integrations/webhooks/${subscriptionId}`)).statusCode, 403);
  const resident = await signUpResident(app);
  assert.equal((await resident.browser.get("/staff/integrations")).statusCode, 403);
  const nobody = await app.http.inject({ url: "/staff/integrations" });
  assert.equal(nobody.statusCode, 303);
  assert.match(String(nobody.headers.location), /^\/staff\/sign-in/);

  await manager.get("/staff/integrations/webhooks/new");
  const refused = await manager.post("/staff/integrations/webhooks", { departmentCode: WARD, url: "http://gyomu.example.jp/hook", description: "あ".repeat(201) });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /<title>エラー: /);
  assert.match(refused.body, /送信先URLは https:\/\/ で始まるものにしてください/);
  assert.match(refused.body, /通知するできごとを1つ以上選んでください/);
  assert.match(refused.body, /メモは200文字以内で入力してください/);
  assert.match(refused.body, /value="http:\/\/gyomu.example.jp\/hook"/, "what was typed is kept");
  const withPassword = await manager.post("/staff/integrations/webhooks", { departmentCode: WARD, url: "https://user:pw@gyomu.example.jp/hook", eventTypes: "application.submitted" });
  assert.match(withPassword.body, /ユーザー名やパスワードを含めないでください/);

  const [audit] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'webhook.subscription_created' AND data->>'host' LIKE '127.0.0.1:%'`);
  assert.ok(audit!.n >= 1, "creating a subscription is audited (host only)");
  const [stored] = await queryRows<{ secret: string }>(app.deps.db, sql`SELECT secret_ciphertext AS secret FROM webhook_subscriptions WHERE id = ${subscriptionId}::uuid`);
  assert.ok(!stored!.secret.includes(secret.slice(6)), "the secret is not stored in the clear");
});

test("a new secret replaces the old one at once", async () => {
  const rotated = await manager.post(`/staff/integrations/webhooks/${subscriptionId}/rotate-secret`);
  assert.equal(rotated.statusCode, 200);
  assert.equal(rotated.headers["cache-control"], "no-store");
  const oldSecret = secret;
  const newSecret = shownSecret(rotated.body);
  assert.notEqual(newSecret, oldSecret);
  const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: procedures.wardProcedure, reference: "WH0009" });
  await statusChangedEvent(id);
  // The receiver still checks with the old secret: it refuses (401), so the delivery is retried.
  assert.deepEqual((await deliver()).map((r) => r.status), ["pending"]);
  secret = newSecret;
  await fastForward();
  assert.deepEqual((await deliver()).map((r) => r.status), ["succeeded"]);
});

test("in a running app, a change is sent at once: outbox wake-up job → delivery worker → receiver", async () => {
  const running = await createTestApp({ env: { WORKERS: "true" } });
  const local = await startReceiver({ secret: () => localSecret });
  let localSecret = "";
  try {
    const { wardProcedure } = await seedOrganisation(running.deps.db);
    const resident = await createResident(running.deps.db);
    const boss = (await signInManager(running, [WARD])).browser;
    ({ secret: localSecret } = await subscribe(boss, { departmentCode: WARD, url: local.url, eventTypes: ["application.status_changed"] }));
    const { id } = await createCase(running.deps.db, { userId: resident, procedureId: wardProcedure, reference: "WHRUN1" });
    const clerk = await createStaff(running, { roles: [{ departmentCode: WARD, role: "clerk" }] });
    const browser = await signInStaff(running, clerk.email, clerk.password);
    const page = await browser.get(`/staff/cases/${id}`);
    assert.equal((await browser.post(`/staff/cases/${id}/status`, { to: "reviewing", reason: "", revision: formRevision(page.body) })).statusCode, 303);
    await local.waitFor(1);
    assert.equal(local.received[0]!.verified, true);
    assert.equal(local.received[0]!.json.data.application.reference, "WHRUN1");
  } finally {
    await local.close();
    await running.stop();
  }
});
