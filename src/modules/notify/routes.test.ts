import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import webpush from "web-push";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { Browser, createStaff, firstLink, signInStaff, signUpResident } from "../identity/testing.ts";
import { upsertDepartments } from "../identity/index.ts";
import { issueAlert } from "./commands/issue-alert.ts";
import { createLinks } from "./links.ts";
import { evacuationOrder, lineUserId, SYSTEM_ACTOR, TEST_SECRET } from "./testing.ts";

const vapid = webpush.generateVAPIDKeys();
process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
process.env.LINE_CHANNEL_SECRET = "line-secret";
process.env.NOTIFY_EMAIL_WEBHOOK_SECRET = "relay-secret";

let app: TestApp;
const links = createLinks(TEST_SECRET, "http://localhost:3000");

before(async () => {
  app = await createTestApp();
});
after(async () => {
  await app.stop();
});

async function subscription(id: string) {
  const [row] = await queryRows<{ status: string; language: string; wards: string[]; lat: number | null; point_ward: string | null; email: string | null; channels: string[] }>(
    app.deps.db,
    sql`SELECT status, language, wards, lat, point_ward, email, channels FROM notify_subscriptions WHERE id = ${id}::bigint`,
  );
  return row!;
}

describe("subscribing by e-mail", () => {
  test("area → language → e-mail → check → confirmation link → active; every error at once", async () => {
    const browser = new Browser(app);
    const start = await browser.get("/notify/subscribe");
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /防災情報を受け取る/);

    await browser.get("/notify/subscribe/area");
    const empty = await browser.post("/notify/subscribe/area", {});
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /区を選ぶか、場所と半径で指定するかを選んでください/);
    const badPoint = await browser.post("/notify/subscribe/area", { areaKind: "point", lat: "abc", lon: "135.5", radius: "99999" });
    assert.equal(badPoint.statusCode, 422);
    assert.match(badPoint.body, /緯度は数字で入力してください/);
    assert.match(badPoint.body, /半径は100〜5000の数字で入力してください/);
    assert.match(badPoint.body, /value="abc"/, "what was typed is kept");

    // Full-width digits are fine.
    const area = await browser.post("/notify/subscribe/area", { areaKind: "point", lat: "３４．７０２５", lon: "135.4959", radius: "800" });
    assert.equal(area.statusCode, 303);
    const languageUrl = area.headers.location as string;
    const languagePage = await browser.get(languageUrl);
    assert.match(languagePage.body, /lang="ne"[^>]*>नेपाली/);
    const language = await browser.post(languageUrl, { language: "vi" });
    assert.equal(language.statusCode, 303);
    const emailUrl = language.headers.location as string;
    await browser.get(emailUrl);
    const badEmail = await browser.post(emailUrl, { email: "not-an-address" });
    assert.equal(badEmail.statusCode, 422);
    const check = await browser.post(emailUrl, { email: "ＨＡＮＡＫＯ@example.jp" });
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /登録内容の確認/);
    assert.match(check.body, /hanako@example\.jp/);
    assert.match(check.body, /Tiếng Việt/);
    const action = /action="(\/notify\/subscribe\/confirm\?s=[^"]+)"/.exec(check.body)![1]!;
    const confirmed = await browser.post(action.replace(/&amp;/g, "&"), { email: "hanako@example.jp" });
    assert.equal(confirmed.statusCode, 303);
    assert.match(String(confirmed.headers.location), /^\/notify\/subscribe\/sent/);

    const [mail] = await queryRows<{ payload: { to: string; subject: string; text: string }; idempotency_key: string }>(app.deps.db, sql`SELECT payload, idempotency_key FROM outbox WHERE topic = 'mail.send' AND payload->>'to' = 'hanako@example.jp'`);
    assert.equal(mail!.payload.subject, "【大阪市】防災情報メールの登録確認");
    const link = firstLink(mail!.payload.text);
    const id = /notify-confirm:(\d+)/.exec(mail!.idempotency_key)![1]!;
    assert.deepEqual({ ...(await subscription(id)) }, { status: "pending", language: "vi", wards: [], lat: 34.7025, point_ward: "271276", email: "hanako@example.jp", channels: ["email"] });

    const path = new URL(link).pathname;
    const confirmPage = await browser.get(path);
    assert.equal(confirmPage.statusCode, 200, "a GET only shows the button");
    assert.equal((await subscription(id)).status, "pending");
    const done = await browser.post(path);
    assert.equal(done.statusCode, 303);
    assert.equal((await subscription(id)).status, "active");
    assert.equal((await browser.get("/notify/confirm/1.1.AAAAAAAAAAAAAAAAAAAAAA")).statusCode, 404);
  });

  test("the unsubscribe link: a page with a button, and RFC 8058 one-click without a CSRF token", async () => {
    const browser = new Browser(app);
    await browser.get("/notify/subscribe/area");
    const area = await browser.post("/notify/subscribe/area", { areaKind: "wards", wards: ["271276", "271284"] });
    const language = await browser.post(area.headers.location as string, { language: "ja" });
    const check = await browser.post(language.headers.location as string, { email: "taro@example.jp" });
    const action = /action="(\/notify\/subscribe\/confirm\?s=[^"]+)"/.exec(check.body)![1]!.replace(/&amp;/g, "&");
    await browser.post(action, { email: "taro@example.jp" });
    const [row] = await queryRows<{ id: string }>(app.deps.db, sql`SELECT id::text AS id FROM notify_subscriptions WHERE email = 'taro@example.jp'`);
    assert.deepEqual((await subscription(row!.id)).wards, ["271276", "271284"]);

    const path = new URL(links.unsubscribeUrl(row!.id)).pathname;
    const page = await browser.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /配信を停止する/);
    const oneClick = await app.http.inject({ method: "POST", url: path, payload: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(oneClick.statusCode, 200);
    assert.equal((await subscription(row!.id)).status, "cancelled");
    assert.equal((await app.http.inject({ method: "GET", url: `/notify/unsubscribe/${row!.id}.AAAAAAAAAAAAAAAAAAAAAA` })).statusCode, 404, "a forged token");
  });

  test("a signed-in resident sees and stops their own subscriptions", async () => {
    const resident = await signUpResident(app);
    const page = await resident.browser.get("/my/notify");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /登録はまだありません/);
    assert.equal((await new Browser(app).get("/my/notify")).statusCode, 303, "nobody signed in: to the sign-in page");
  });
});

describe("JSON API", () => {
  test("Web Push subscriptions: the VAPID key, subscribe (201), refuse bad input (422), unsubscribe (204)", async () => {
    const key = await app.http.inject({ url: "/api/notify/vapid-public-key" });
    assert.deepEqual(key.json(), { publicKey: vapid.publicKey });
    const body = {
      subscription: { endpoint: "https://push.example.net/push/abc", keys: { p256dh: "B" + "A".repeat(86), auth: "A".repeat(22) } },
      language: "ko",
      wards: ["271021"],
    };
    const created = await app.http.inject({ method: "POST", url: "/api/notify/push-subscriptions", payload: body });
    assert.equal(created.statusCode, 201);
    const { id, unsubscribeUrl } = created.json();
    assert.match(unsubscribeUrl, /\/notify\/unsubscribe\/\d+\./);
    assert.equal((await subscription(id)).status, "active");
    const again = await app.http.inject({ method: "POST", url: "/api/notify/push-subscriptions", payload: body });
    assert.equal((await subscription(id)).status, "cancelled", "the same endpoint replaces the earlier subscription");
    const bad = await app.http.inject({ method: "POST", url: "/api/notify/push-subscriptions", payload: { ...body, wards: undefined } });
    assert.equal(bad.statusCode, 422);
    const removed = await app.http.inject({ method: "DELETE", url: "/api/notify/push-subscriptions", payload: { endpoint: body.subscription.endpoint } });
    assert.equal(removed.statusCode, 204);
    assert.equal((await subscription(again.json().id)).status, "cancelled");
  });

  test("LINE webhook: a signed follow subscribes the user; a bad signature is refused; unfollow stops", async () => {
    const userId = lineUserId();
    const send = (type: string, secret = "line-secret") => {
      const payload = JSON.stringify({ destination: "U0", events: [{ type, source: { type: "user", userId } }] });
      return app.http.inject({ method: "POST", url: "/api/notify/webhooks/line", payload, headers: { "content-type": "application/json", "x-line-signature": createHmac("sha256", secret).update(payload).digest("base64") } });
    };
    assert.equal((await send("follow", "wrong")).statusCode, 401);
    assert.equal((await send("follow")).statusCode, 200);
    const [row] = await queryRows<{ status: string; wards: string[]; language: string }>(app.deps.db, sql`SELECT status, wards, language FROM notify_subscriptions WHERE line_user_id = ${userId}`);
    assert.equal(row!.status, "active");
    assert.equal(row!.wards.length, 24);
    assert.equal((await send("unfollow")).statusCode, 200);
    const [after] = await queryRows<{ status: string }>(app.deps.db, sql`SELECT status FROM notify_subscriptions WHERE line_user_id = ${userId}`);
    assert.equal(after!.status, "cancelled");
  });

  test("the relay's delivery events mark e-mail deliveries delivered (signed)", async () => {
    const [sub] = await queryRows<{ id: string }>(app.deps.db, sql`INSERT INTO notify_subscriptions (status, language, wards, channels, email) VALUES ('active', 'ja', ARRAY['271276'], ARRAY['email'], 'relay@example.jp') RETURNING id::text AS id`);
    const alert = evacuationOrder({ channels: ["email"] });
    await issueAlert({ db: app.deps.db, alert, actor: SYSTEM_ACTOR });
    await app.deps.db.execute(sql`INSERT INTO notify_deliveries (alert_id, subscription_id, channel, language, status, sent_at) VALUES (${alert.id}::uuid, ${sub!.id}::bigint, 'email', 'ja', 'sent', now())`);
    await app.deps.db.execute(sql`INSERT INTO notify_delivery_counts (alert_id, channel, status, n) VALUES (${alert.id}::uuid, 'email', 'sent', 1)`);
    const payload = JSON.stringify({ events: [{ messageId: `<${alert.id}.${sub!.id}@city.osaka.example>`, event: "delivered" }] });
    const signature = `sha256=${createHmac("sha256", "relay-secret").update(payload).digest("hex")}`;
    const refused = await app.http.inject({ method: "POST", url: "/api/notify/webhooks/email", payload, headers: { "content-type": "application/json", "x-machi-signature": "sha256=00" } });
    assert.equal(refused.statusCode, 401);
    const ok = await app.http.inject({ method: "POST", url: "/api/notify/webhooks/email", payload, headers: { "content-type": "application/json", "x-machi-signature": signature } });
    assert.deepEqual(ok.json(), { updated: 1 });
    const [row] = await queryRows<{ status: string }>(app.deps.db, sql`SELECT status FROM notify_deliveries WHERE alert_id = ${alert.id}::uuid`);
    assert.equal(row!.status, "delivered");
  });
});

describe("public alert pages and staff pages", () => {
  test("the alert in any language, its CAP document and the Atom feed", async () => {
    const alert = evacuationOrder({ areas: { wards: ["271276"] } });
    await issueAlert({ db: app.deps.db, alert, actor: SYSTEM_ACTOR });
    const ne = await app.http.inject({ url: `/alerts/${alert.id}?l=ne` });
    assert.equal(ne.statusCode, 200);
    assert.match(ne.body, /<article lang="ne">/);
    assert.match(ne.body, /किता वार्ड/);
    const cap = await app.http.inject({ url: `/alerts/${alert.id}.cap` });
    assert.equal(cap.statusCode, 200);
    assert.match(String(cap.headers["content-type"]), /application\/cap\+xml/);
    assert.match(cap.body, /<identifier>[0-9a-f-]{36}<\/identifier>/);
    const feed = await app.http.inject({ url: "/alerts/feed.atom" });
    assert.match(String(feed.headers["content-type"]), /application\/atom\+xml/);
    assert.ok(feed.body.includes(`/alerts/${alert.id}.cap`));
    assert.equal((await app.http.inject({ url: `/alerts/${randomUUID()}` })).statusCode, 404);
  });

  test("staff see an alert's progress per channel, in numbers and words, refreshing while it runs", async () => {
    await upsertDepartments({ db: app.deps.db, items: [{ code: "271004-kikikanri", name: { ja: "危機管理室", en: "Crisis Management Office" }, kind: "bureau" }] });
    const staff = await createStaff(app, { roles: [{ departmentCode: "271004-kikikanri", role: "clerk" }] });
    const browser = await signInStaff(app, staff.email, staff.password);
    const alert = evacuationOrder();
    await issueAlert({ db: app.deps.db, alert, actor: SYSTEM_ACTOR });
    const list = await browser.get("/staff/notify");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /【警戒レベル4】避難指示/);
    const page = await browser.get(`/staff/notify/alerts/${alert.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<meta http-equiv="refresh" content="5">/);
    assert.match(page.body, /全0件のうち0件を処理しました/);
    assert.match(page.body, /<progress/);
    assert.match(page.body, /緊急速報メール（下書き）/);
    const xml = await browser.get(`/staff/notify/alerts/${alert.id}/lalert.xml`);
    assert.match(xml.body, /<pcx_eb:Sort>避難指示<\/pcx_eb:Sort>/);
    assert.equal((await new Browser(app).get("/staff/notify")).statusCode, 303, "nobody signed in: to the staff sign-in");
    const resident = await signUpResident(app);
    assert.equal((await resident.browser.get("/staff/notify")).statusCode, 403, "residents may not");

    await browser.get("/staff/notify/line-links");
    const invalid = await browser.post("/staff/notify/line-links", { lineUserId: "nope", language: "ja" });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /LINE ユーザーIDは U で始まる33文字/);
    const userId = lineUserId();
    const linked = await browser.post("/staff/notify/line-links", { lineUserId: userId, wards: ["271047"], language: "en" });
    assert.equal(linked.statusCode, 200);
    const [row] = await queryRows<{ wards: string[]; language: string }>(app.deps.db, sql`SELECT wards, language FROM notify_subscriptions WHERE line_user_id = ${userId} AND status = 'active'`);
    assert.deepEqual({ ...row }, { wards: ["271047"], language: "en" });
    const [audit] = await queryRows<{ action: string }>(app.deps.db, sql`SELECT action FROM audit_log WHERE actor_id = ${staff.id}::uuid AND action = 'notify.line_user_linked'`);
    assert.ok(audit);
  });
});
