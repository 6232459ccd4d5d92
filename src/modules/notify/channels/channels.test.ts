import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import webpush from "web-push";
import { startLineFake, type LineFake } from "../fakes/line-fake.ts";
import { startWebPushFake, type WebPushFake } from "../fakes/webpush-fake.ts";
import { startXFake, type XFake } from "../fakes/x-fake.ts";
import { createLineAdapter } from "./line.ts";
import { createWebPushAdapter, pushTopic } from "./webpush.ts";
import { decryptWebPush, encryptWebPush, generateUserAgentKeys } from "./webpush-crypto.ts";
import { createXAdapter } from "./x.ts";
import { TokenBucket } from "../engine/token-bucket.ts";
import type { AlertMessage } from "./types.ts";

let line: LineFake;
let x: XFake;
let push: WebPushFake;
before(async () => {
  [line, x, push] = await Promise.all([
    startLineFake({ channelAccessToken: "token", requestsPerSecond: 3, keepRequests: true }),
    startXFake({ userAccessToken: "x-token", postsPer15Minutes: 2 }),
    startWebPushFake({ messagesPerSecond: 2 }),
  ]);
});
after(async () => {
  await Promise.all([line.close(), x.close(), push.close()]);
});

const message: AlertMessage = { alertId: randomUUID(), language: "en", title: "Evacuation order", body: "Evacuate now.", url: "https://machi.example.jp/alerts/1?l=en", issuedAt: "2026-08-10T05:30:00Z", severity: "severe" };

test("RFC 8291: what we encrypt decrypts with the subscription's private key, and so does what web-push encrypts", () => {
  const keys = generateUserAgentKeys();
  const ours = encryptWebPush("こんにちは alert", keys.p256dh, keys.auth);
  assert.equal(ours.readUInt32BE(16), 4096, "record size");
  assert.equal(ours[20], 65, "key id is the 65-byte ephemeral public key");
  assert.equal(decryptWebPush(ours, keys), "こんにちは alert");
  const theirs = webpush.encrypt(keys.p256dh, keys.auth, "from web-push", "aes128gcm").cipherText;
  assert.equal(decryptWebPush(theirs, keys), "from web-push");
  const other = generateUserAgentKeys();
  assert.throws(() => decryptWebPush(ours, other), "another subscription's key cannot read it");
});

test("the LINE fake answers like LINE: 401 bad token, 400 with details, 409 on a repeated retry key, 429 over the rate", async () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${line.url}/v2/bot/message/multicast`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer token", ...headers }, body: JSON.stringify(body) });
  assert.equal((await post({}, { authorization: "Bearer wrong" })).status, 401);
  const bad = await post({ to: Array.from({ length: 501 }, () => "U" + "0".repeat(32)), messages: [] });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { message: "The request body has 2 error(s)", details: [{ message: "Size must be between 1 and 500", property: "to" }, { message: "Size must be between 1 and 5", property: "messages" }] });
  await new Promise((r) => setTimeout(r, 1000));
  const key = randomUUID();
  const ok = await post({ to: ["U" + "1".repeat(32)], messages: [{ type: "text", text: "hi" }] }, { "x-line-retry-key": key });
  assert.equal(ok.status, 200);
  const again = await post({ to: ["U" + "1".repeat(32)], messages: [{ type: "text", text: "hi" }] }, { "x-line-retry-key": key });
  assert.equal(again.status, 409);
  assert.equal(again.headers.get("x-line-accepted-request-id"), ok.headers.get("x-line-request-id"));
  assert.equal(line.received.get("U" + "1".repeat(32)), 1);
  let limited = await post({ to: ["U" + "2".repeat(32)], messages: [{ type: "text", text: "hi" }] });
  // 3 requests a second: the 4th in one window is refused. Under load a request can straddle a new
  // window, so keep going (a fake that never limits still fails after 20).
  for (let i = 0; i < 20 && limited.status !== 429; i++) limited = await post({ to: ["U" + "2".repeat(32)], messages: [{ type: "text", text: "hi" }] });
  assert.equal(limited.status, 429, "more than 3 requests in a second");
  assert.deepEqual(await limited.json(), { message: "The API rate limit has been exceeded. Try again later." });
});

test("a token bucket keeps to its rate: 21 takes at 20/s with a burst of 1 take a second", async () => {
  const bucket = new TokenBucket(20, 1);
  const started = performance.now();
  for (let i = 0; i < 21; i++) await bucket.take(1);
  assert.ok(performance.now() - started >= 950);
  bucket.pauseFor(300);
  const paused = performance.now();
  await bucket.take(1);
  assert.ok(performance.now() - paused >= 290, "a 429's Retry-After pauses the bucket");
});

test("the LINE adapter sends one multicast with the retry key and the text; 429 asks for the same batch again", async () => {
  await new Promise((r) => setTimeout(r, 1000));
  const adapter = createLineAdapter({ baseUrl: line.url, channelAccessToken: "token", requestsPerSecond: 100 });
  const before = line.requests.length;
  const outcomes = [];
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    outcomes.push(await adapter.send({ batchId: randomUUID(), message, recipients: [{ subscriptionId: "1", email: null, lineUserId: `U${String(i).repeat(32)}`, push: null }], attempt: 1 }));
    times.push(performance.now());
  }
  assert.deepEqual(outcomes.map((o) => o.kind), ["all-sent", "all-sent", "all-sent", "retry-batch", "all-sent"], "the fake allows 3 a second");
  assert.ok(times[4]! - times[3]! >= 900, "after a 429 the channel pauses for a second");
  const sent = line.requests.slice(before);
  assert.equal(sent.length, 4);
  assert.match(sent[0]!.messages[0]!.text!, /^【Osaka City disaster information】\nEvacuation order\n\nEvacuate now\.\n\nMore information: https:/);
});

test("the X fake and adapter: 201 with an id, duplicate content counted as posted, 429 with x-rate-limit headers", async () => {
  const adapter = createXAdapter({ baseUrl: x.url, userAccessToken: "x-token" });
  const first = await adapter.post("【警戒レベル4】避難指示 https://machi.example.jp/a");
  assert.equal(first.kind, "sent");
  assert.deepEqual(await adapter.post("【警戒レベル4】避難指示 https://machi.example.jp/a"), { kind: "sent" });
  const limited = await fetch(`${x.url}/2/tweets`, { method: "POST", headers: { authorization: "Bearer x-token", "content-type": "application/json" }, body: JSON.stringify({ text: "third" }) });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("x-rate-limit-limit"), "2");
  assert.equal(limited.headers.get("x-rate-limit-remaining"), "0");
  assert.ok(Number(limited.headers.get("x-rate-limit-reset")) * 1000 > Date.now());
  const retry = await adapter.post("fourth");
  assert.equal(retry.kind, "retry");
  assert.ok(retry.kind === "retry" && retry.retryAfterMs! > 60_000);
  const unauthorised = await createXAdapter({ baseUrl: x.url, userAccessToken: "wrong" }).post("x");
  assert.equal(unauthorised.kind, "retry");
});

test("Web Push: VAPID-signed, encrypted, with TTL and Topic; 429 is retried after Retry-After; 410 is gone", async () => {
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:bousai@city.osaka.example" };
  const adapter = createWebPushAdapter({ vapid, ratePerOrigin: 100 });
  const subs = [push.createSubscription(), push.createSubscription(), push.createSubscription()];
  const recipients = subs.map((s, i) => ({ subscriptionId: String(i), email: null, lineUserId: null, push: { endpoint: s.endpoint, ...s.keys } }));
  const outcome = await adapter.send({ batchId: randomUUID(), message, recipients, attempt: 1 });
  assert.equal(outcome.kind, "each");
  const kinds = outcome.kind === "each" ? outcome.outcomes.map((o) => o.kind).sort() : [];
  assert.deepEqual(kinds, ["retry", "sent", "sent"], "the fake allows 2 a second");
  const delivered = subs.filter((s) => push.decrypt(s.id).length === 1);
  assert.equal(delivered.length, 2);
  assert.equal(JSON.parse(push.decrypt(delivered[0]!.id)[0]!).title, "Evacuation order");
  assert.equal(push.headersOf(delivered[0]!.id)[0]!.topic, pushTopic(message.alertId));
  const unsigned = await fetch(subs[0]!.endpoint, { method: "POST", headers: { ttl: "60", "content-encoding": "aes128gcm" }, body: "x" });
  assert.equal(unsigned.status, 401);
  push.expire(subs[0]!.id);
  await new Promise((r) => setTimeout(r, 1100));
  const gone = await adapter.send({ batchId: randomUUID(), message, recipients: [recipients[0]!], attempt: 1 });
  assert.equal(gone.kind === "each" && gone.outcomes[0]!.kind, "gone");
  await adapter.close?.();
});
