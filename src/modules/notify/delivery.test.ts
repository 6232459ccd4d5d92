import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/database.ts";
import { deliveryStats } from "./commands/delivery-stats.ts";
import { issueAlert } from "./commands/issue-alert.ts";
import { parseMessageId } from "./channels/email.ts";
import { pushTopic } from "./channels/webpush.ts";
import type { NotifyEngine } from "./engine/engine.ts";
import { evacuationOrder, lineUserId, seedSubscription, startFakes, startTestEngine, statusesOf, SYSTEM_ACTOR, type Fakes } from "./testing.ts";

let db: TestDatabase;
let fakes: Fakes;
let engine: NotifyEngine;

before(async () => {
  db = await createTestDatabase();
  fakes = await startFakes();
  engine = startTestEngine(db.db, fakes);
});
after(async () => {
  await engine.stop();
  await fakes.close();
  await db.drop();
});

function decodeBody(raw: string): string {
  const body = raw.split("\r\n\r\n").slice(1).join("\r\n\r\n");
  return Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8");
}

describe("a city-wide evacuation order", () => {
  test("reaches every subscriber once on every channel, in their language", async () => {
    const line = [lineUserId(), lineUserId(), lineUserId()];
    await seedSubscription(db.db, { channels: ["line"], lineUserId: line[0], language: "ja", wards: ["271276"] });
    await seedSubscription(db.db, { channels: ["line"], lineUserId: line[1], language: "vi", wards: ["271284"] });
    await seedSubscription(db.db, { channels: ["line", "email"], lineUserId: line[2], email: "both@example.jp", language: "en", wards: ["271021"] });
    await seedSubscription(db.db, { channels: ["email"], email: "hanako@example.jp", language: "ja-x-easy", point: { lat: 34.69, lon: 135.50, radiusM: 500 } });
    const pushSub = fakes.push.createSubscription();
    await seedSubscription(db.db, { channels: ["webpush"], push: { endpoint: pushSub.endpoint, ...pushSub.keys }, language: "ne", wards: ["271250"] });
    const cancelledLine = lineUserId();
    await seedSubscription(db.db, { channels: ["line"], lineUserId: cancelledLine, status: "cancelled" });

    const alert = evacuationOrder();
    const issued = await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR });
    assert.deepEqual(issued, { alertId: alert.id, created: true });
    // Issuing the same alert again is a no-op.
    assert.deepEqual(await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR }), { alertId: alert.id, created: false });
    engine.wake();
    await engine.whenIdle(20_000);

    for (const id of line) assert.equal(fakes.line.received.get(id), 1, `LINE ${id} got it once`);
    assert.equal(fakes.line.received.get(cancelledLine), undefined, "cancelled subscriptions get nothing");
    const texts = fakes.line.requests.flatMap((r) => r.to.map((to) => [to, r.messages[0]!.text!] as const));
    assert.match(texts.find(([to]) => to === line[0])![1], /【警戒レベル4】避難指示[\s\S]*大阪市全域/);
    assert.match(texts.find(([to]) => to === line[1])![1], /Lệnh sơ tán[\s\S]*toàn thành phố Osaka/);
    assert.match(texts.find(([to]) => to === line[2])![1], /Evacuation order[\s\S]*all of Osaka City/);
    assert.ok(fakes.line.requests.every((r) => r.retryKey && /^[0-9a-f-]{36}$/.test(r.retryKey)), "every multicast carries a retry key");

    const mails = fakes.smtp.messages;
    assert.equal(mails.length, 2);
    const easy = mails.find((m) => /To: <hanako@example.jp>/.test(m))!;
    const easyText = decodeBody(easy);
    assert.match(easyText, /避難指示（ひなんしじ）/);
    assert.match(easyText, /メールを とめる: http:\/\/localhost:3000\/notify\/unsubscribe\/\d+\.[A-Za-z0-9_-]{22}/);
    assert.match(easy, /List-Unsubscribe: <http:\/\/localhost:3000\/notify\/unsubscribe\//);
    assert.match(easy, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const messageId = /Message-ID: (\S+)/.exec(easy)![1]!;
    assert.equal(parseMessageId(messageId)?.alertId, alert.id);

    const pushes = fakes.push.decrypt(pushSub.id);
    assert.equal(pushes.length, 1);
    const payload = JSON.parse(pushes[0]!);
    assert.match(payload.title, /निष्कासन आदेश/);
    assert.equal(payload.tag, alert.id);
    assert.equal(fakes.push.headersOf(pushSub.id)[0]!.topic, pushTopic(alert.id));

    assert.deepEqual(await statusesOf(db.db, alert.id), { sent: 6 });
    const stats = await deliveryStats(db.db, alert.id);
    assert.equal(stats!.alert.status, "done");
    assert.equal(stats!.totals.sent, 6);
    assert.equal(stats!.channels.line.sent, 3);
    assert.equal(stats!.channels.email.sent, 2);
    assert.equal(stats!.channels.webpush.sent, 1);
    assert.equal(stats!.totals.queued + stats!.totals.sending, 0);
    assert.ok(stats!.alert.firstSentAt);

    // X: one post in Japanese and one in English, each ≤ 280 weighted, with the alert's link.
    assert.equal(fakes.x.posts.length, 2);
    assert.ok(fakes.x.posts.some((p) => p.text.includes(`/alerts/${alert.id}?l=ja`)));
    const etws = stats!.broadcasts.find((b) => b.channel === "etws")!;
    assert.equal(etws.status, "draft");
    assert.equal(stats!.broadcasts.find((b) => b.channel === "lalert")!.status, "draft");
    const audit = await queryRows<{ action: string }>(db.db, sql`SELECT action FROM audit_log WHERE object_id = ${alert.id}`);
    assert.deepEqual(audit.map((a) => a.action), ["notify.alert_issued"]);
  });
});

describe("areas", () => {
  test("a ward alert reaches that ward's subscribers and points in it; a circle alert reaches circles that meet it", async () => {
    const kita = lineUserId();
    const chuo = lineUserId();
    const pointInKita = lineUserId();
    const farPoint = lineUserId();
    await seedSubscription(db.db, { channels: ["line"], lineUserId: kita, wards: ["271276", "271021"] });
    await seedSubscription(db.db, { channels: ["line"], lineUserId: chuo, wards: ["271284"] });
    await seedSubscription(db.db, { channels: ["line"], lineUserId: pointInKita, point: { lat: 34.7055, lon: 135.4983, radiusM: 300 } });
    await seedSubscription(db.db, { channels: ["line"], lineUserId: farPoint, point: { lat: 34.6100, lon: 135.4620, radiusM: 300 } });

    const wardAlert = evacuationOrder({ areas: { wards: ["271276"] }, channels: ["line"] });
    await issueAlert({ db: db.db, alert: wardAlert, actor: SYSTEM_ACTOR });
    engine.wake();
    await engine.whenIdle(20_000);
    assert.equal(fakes.line.received.get(kita), 1);
    assert.equal(fakes.line.received.get(pointInKita), 1);
    assert.equal(fakes.line.received.get(chuo), undefined);
    assert.equal(fakes.line.received.get(farPoint), undefined);

    // A 1 km circle around a spot in 住之江区 meets the far point's circle and 住之江区's ward disc only.
    const circleAlert = evacuationOrder({ areas: { circle: { lat: 34.6150, lon: 135.4650, radiusM: 1000 } }, params: { area: { text: { ja: "南港地区", en: "the Nanko district" } } }, channels: ["line"] });
    await issueAlert({ db: db.db, alert: circleAlert, actor: SYSTEM_ACTOR });
    engine.wake();
    await engine.whenIdle(20_000);
    assert.equal(fakes.line.received.get(farPoint), 1);
    assert.equal(fakes.line.received.get(kita), 1, "Kita is far from the circle");
  });
});

describe("provider errors", () => {
  test("LINE 5xx is retried with the same retry key; a request LINE accepted but whose answer was lost is not sent twice", async () => {
    const users = [lineUserId(), lineUserId()];
    for (const id of users) await seedSubscription(db.db, { channels: ["line"], lineUserId: id, wards: ["271047"] });
    fakes.line.failNext(1, 500);
    fakes.line.failNext(1, 503, { afterAccepting: true });
    const before = fakes.line.requests.length;
    const alert = evacuationOrder({ areas: { wards: ["271047"] }, channels: ["line"] });
    await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR });
    engine.wake();
    await engine.whenIdle(20_000);
    for (const id of users) assert.equal(fakes.line.received.get(id), 1);
    const keys = new Set(fakes.line.requests.slice(before).map((r) => r.retryKey));
    assert.equal(keys.size, 1, "one batch, one retry key");
    assert.ok(fakes.line.stats.conflicts >= 1, "the repeat was answered 409 and counted as sent");
    assert.deepEqual(await statusesOf(db.db, alert.id), { sent: 2 });
  });

  test("LINE 400 fails the batch; a Web Push 410 cancels the subscription", async () => {
    const gone = fakes.push.createSubscription();
    const subscriptionId = await seedSubscription(db.db, { channels: ["webpush"], push: { endpoint: gone.endpoint, ...gone.keys }, wards: ["271063"] });
    fakes.push.expire(gone.id);
    const alert = evacuationOrder({ areas: { wards: ["271063"] }, channels: ["webpush"] });
    await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR });
    engine.wake();
    await engine.whenIdle(20_000);
    assert.deepEqual(await statusesOf(db.db, alert.id), { failed: 1 });
    const [sub] = await queryRows<{ status: string; cancel_reason: string }>(db.db, sql`SELECT status, cancel_reason FROM notify_subscriptions WHERE id = ${subscriptionId}::bigint`);
    assert.deepEqual(sub, { status: "cancelled", cancel_reason: "push_gone" });
  });
});
