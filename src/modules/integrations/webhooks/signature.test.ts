import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { DEFAULT_RETRY_SCHEDULE, keyId, loadIntegrationSettings } from "../config.ts";
import { maxAttempts, retryDelaySeconds } from "./backoff.ts";
import { openSecret, sealSecret, SecretKeyMissingError } from "./secret-box.ts";
import { generateWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError, webhookHeaders } from "./signature.ts";

// The test vector of the Standard Webhooks reference libraries (libraries/javascript/src/webhook.test.ts).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

test("signatures match the Standard Webhooks test vector", () => {
  assert.equal(signWebhook(VECTOR), VECTOR.signature);
  // The prefix is optional, as in the reference libraries.
  assert.equal(signWebhook({ ...VECTOR, secret: VECTOR.secret.slice("whsec_".length) }), VECTOR.signature);
  const headers = { "webhook-id": VECTOR.id, "webhook-timestamp": String(VECTOR.timestamp), "webhook-signature": VECTOR.signature };
  assert.deepEqual(verifyWebhook({ secret: VECTOR.secret, headers, body: VECTOR.body, now: VECTOR.timestamp * 1000 }), { id: VECTOR.id, timestamp: VECTOR.timestamp });
});

test("what we sign, the official standardwebhooks library verifies (and the other way round)", () => {
  const secret = generateWebhookSecret();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  const body = JSON.stringify({ id: "e1", type: "application.submitted", data: { reference: "20261126-000001", 氏名: "なし" } });
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = webhookHeaders({ secret, id: "e1", timestamp, body });
  assert.equal(headers["content-type"], "application/json");
  assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
  const theirs = new Webhook(secret).sign("e2", new Date(timestamp * 1000), body);
  assert.equal(theirs, signWebhook({ secret, id: "e2", timestamp, body }));
});

test("verification refuses a changed body, another secret, old or future timestamps and missing headers", () => {
  const secret = generateWebhookSecret();
  const now = Date.now();
  const timestamp = Math.floor(now / 1000);
  const body = '{"a":1}';
  const headers = webhookHeaders({ secret, id: "e1", timestamp, body });
  const reason = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof WebhookVerificationError);
      return error.reason;
    }
    return "accepted";
  };
  assert.equal(reason(() => verifyWebhook({ secret, headers, body, now })), "accepted");
  assert.equal(reason(() => verifyWebhook({ secret, headers, body: '{"a":2}', now })), "no_matching_signature");
  assert.equal(reason(() => verifyWebhook({ secret: generateWebhookSecret(), headers, body, now })), "no_matching_signature");
  assert.equal(reason(() => verifyWebhook({ secret, headers, body, now: now + 6 * 60 * 1000 })), "too_old");
  assert.equal(reason(() => verifyWebhook({ secret, headers, body, now: now - 6 * 60 * 1000 })), "too_new");
  assert.equal(reason(() => verifyWebhook({ secret, headers: { ...headers, "webhook-timestamp": "soon" }, body, now })), "bad_timestamp");
  assert.equal(reason(() => verifyWebhook({ secret, headers: { "webhook-id": "e1" }, body, now })), "missing_headers");
  // During a rotation several signatures are sent; one that matches is enough.
  const rotated = { ...headers, "webhook-signature": `v1,${Buffer.alloc(32).toString("base64")} v2,xyz ${headers["webhook-signature"]}` };
  assert.equal(reason(() => verifyWebhook({ secret, headers: rotated, body, now })), "accepted");
});

test("secrets are sealed with AES-256-GCM, bound to their subscription, and open with a rotated key list", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const secret = generateWebhookSecret();
  const sealed = sealSecret([oldKey], "sub-1", secret);
  assert.match(sealed, new RegExp(`^v1\\.${keyId(oldKey)}\\.`));
  assert.ok(!sealed.includes(secret.slice(6, 20)));
  assert.equal(openSecret([oldKey], "sub-1", sealed), secret);
  assert.equal(openSecret([newKey, oldKey], "sub-1", sealed), secret, "the old key still opens it after rotation");
  assert.throws(() => openSecret([oldKey], "sub-2", sealed), "copied to another subscription it does not open");
  assert.throws(() => openSecret([newKey], "sub-1", sealed), /No configured WEBHOOK_SECRET_KEY/);
  const [v, id, iv, tag, ct] = sealed.split(".");
  const flipped = Buffer.from(ct!, "base64url");
  flipped[0]! ^= 1;
  assert.throws(() => openSecret([oldKey], "sub-1", [v, id, iv, tag, flipped.toString("base64url")].join(".")));
  assert.throws(() => sealSecret([], "sub-1", secret), SecretKeyMissingError);
});

test("retries follow the schedule with ±20 % jitter, then the delivery is dead", () => {
  assert.equal(maxAttempts(DEFAULT_RETRY_SCHEDULE), 8);
  const total = DEFAULT_RETRY_SCHEDULE.reduce((a, b) => a + b, 0);
  assert.ok(total > 24 * 3600 && total < 30 * 3600, "about a day");
  assert.equal(retryDelaySeconds(DEFAULT_RETRY_SCHEDULE, 1, () => 0.5), 5);
  assert.equal(retryDelaySeconds(DEFAULT_RETRY_SCHEDULE, 1, () => 0), 4);
  assert.equal(Math.round(retryDelaySeconds(DEFAULT_RETRY_SCHEDULE, 2, () => 1)!), 360);
  assert.equal(retryDelaySeconds(DEFAULT_RETRY_SCHEDULE, 7, () => 0.5), 36000);
  assert.equal(retryDelaySeconds(DEFAULT_RETRY_SCHEDULE, 8), null, "after the 8th attempt there is none");
});

test("settings: keys from hex or base64, production needs a key, bad values are reported", () => {
  const hex = randomBytes(32).toString("hex");
  const b64 = randomBytes(32).toString("base64");
  const config = { nodeEnv: "production" as const, sessionSecret: "s".repeat(40) };
  const ok = loadIntegrationSettings(config, { WEBHOOK_SECRET_KEY: `${hex},${b64}` });
  assert.equal(ok.secretKeys.length, 2);
  assert.equal(ok.allowHttpLocalhost, false);
  assert.deepEqual(ok.problems, []);
  const missing = loadIntegrationSettings(config, {});
  assert.equal(missing.secretKeys.length, 0);
  assert.match(missing.problems[0]!, /WEBHOOK_SECRET_KEY is required/);
  const dev = loadIntegrationSettings({ ...config, nodeEnv: "development" }, { WEBHOOK_RETRY_SCHEDULE: "1,2", WEBHOOK_TIMEOUT_MS: "x" });
  assert.equal(dev.secretKeyDerived, true);
  assert.equal(dev.allowHttpLocalhost, true);
  assert.deepEqual(dev.retrySchedule, [1, 2]);
  assert.equal(dev.timeoutMs, 10_000);
  assert.match(dev.problems.join("\n"), /WEBHOOK_TIMEOUT_MS/);
  const bad = loadIntegrationSettings(config, { WEBHOOK_SECRET_KEY: "too-short" });
  assert.equal(bad.secretKeys.length, 0);
  assert.match(bad.problems.join("\n"), /32 bytes/);
});
