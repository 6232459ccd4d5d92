/**
 * Web Push adapter (RFC 8030 protocol, RFC 8291 encryption, RFC 8292 VAPID): one POST per
 * subscription to its push service endpoint.
 *
 *   POST {endpoint}
 *   Content-Encoding: aes128gcm, TTL: seconds, Urgency: high, Topic: {per alert}
 *   Authorization: vapid t={JWT ES256, aud = push service origin, exp ≤ 24 h}, k={VAPID public key}
 *   201 Created (+ Location of the message) | 400 | 404/410 subscription gone | 413 too large
 *   429 too many requests (+ Retry-After) | 5xx
 *
 * Rate limits: push services publish few numbers. Firebase Cloud Messaging documents a default
 * of 600,000 messages per minute per project (10,000/s); Mozilla autopush and Apple publish none
 * and answer 429 with Retry-After. The adapter keeps one token bucket per push service origin at
 * the configured rate (default 10,000/s) and obeys Retry-After.
 *
 * Duplicates: Web Push has no retry key. Every message of one alert carries the same Topic
 * header (RFC 8030 §5.4): a push service replaces a not-yet-delivered message with the same topic,
 * and our service worker shows notifications with tag = alert id, so a browser that gets the
 * message twice (a crash between the push service's 201 and our commit) still shows it once.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import webpush from "web-push";
import { CHROME } from "../templates/chrome.ts";
import { TokenBucket } from "../engine/token-bucket.ts";
import { parseRetryAfter } from "../engine/backoff.ts";
import { workerEncryptor, type PushEncryptor } from "./webpush-encryptor.ts";
import type { AlertMessage, BatchOutcome, ChannelAdapter, SendBatch, SendOutcome } from "./types.ts";

export const WEBPUSH_DEFAULT_RATE_PER_ORIGIN = 10_000;

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

export type WebPushAdapterOptions = {
  vapid: VapidKeys;
  /** Messages per second per push service origin (this process's share). */
  ratePerOrigin?: number;
  /** Seconds the push service keeps an undelivered message (an alert is stale after a day). */
  ttlSeconds?: number;
  batchSize?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** Where messages are encrypted (default: a worker thread, started on the first send). */
  encryptor?: PushEncryptor;
};

/** The RFC 8030 Topic for an alert: ≤ 32 characters of the URL-safe base64 alphabet. */
export function pushTopic(alertId: string): string {
  return createHash("sha256").update(alertId).digest("base64url").slice(0, 32);
}

/** What the service worker receives (JSON, encrypted). */
export function pushPayload(message: AlertMessage): string {
  return JSON.stringify({
    title: message.title,
    body: message.body,
    url: message.url,
    tag: message.alertId,
    lang: message.language,
    sender: CHROME[message.language].sender,
  });
}

export function createWebPushAdapter(options: WebPushAdapterOptions): ChannelAdapter {
  const rate = options.ratePerOrigin ?? WEBPUSH_DEFAULT_RATE_PER_ORIGIN * 0.95;
  const buckets = new Map<string, TokenBucket>();
  const vapidHeaders = new Map<string, { header: string; until: number }>();
  const bucketFor = (origin: string) => {
    let bucket = buckets.get(origin);
    if (!bucket) buckets.set(origin, (bucket = new TokenBucket(rate, Math.max(1, rate / 20))));
    return bucket;
  };
  // A VAPID JWT is valid for 12 hours (web-push's default); sign one per push service per hour.
  const authorization = (origin: string) => {
    const cached = vapidHeaders.get(origin);
    if (cached && cached.until > Date.now()) return cached.header;
    const headers = webpush.getVapidHeaders(origin, options.vapid.subject, options.vapid.publicKey, options.vapid.privateKey, "aes128gcm");
    vapidHeaders.set(origin, { header: headers.Authorization, until: Date.now() + 3600_000 });
    return headers.Authorization;
  };

  let encryptor = options.encryptor;
  const encryptorNow = () => (encryptor ??= workerEncryptor());

  async function sendOne(message: AlertMessage, body: Buffer | string, endpoint: string): Promise<SendOutcome> {
    if (typeof body === "string") return { kind: "gone", error: `the subscription's keys are unusable: ${body}` };
    let origin: string;
    try {
      origin = new URL(endpoint).origin;
    } catch {
      return { kind: "gone", error: "the endpoint is not a URL" };
    }
    const bucket = bucketFor(origin);
    await bucket.take(1);
    let response: { status: number; location: string | undefined; retryAfter: string | undefined };
    try {
      response = await post(endpoint, body, {
        authorization: authorization(origin),
        "content-encoding": "aes128gcm",
        "content-type": "application/octet-stream",
        "content-length": String(body.length),
        ttl: String(options.ttlSeconds ?? 86_400),
        urgency: message.severity === "minor" ? "normal" : "high",
        topic: pushTopic(message.alertId),
      });
    } catch (error) {
      return { kind: "retry", error: `push service unreachable: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (response.status === 201 || response.status === 200 || response.status === 202) {
      return { kind: "sent", ...(response.location ? { providerMessageId: response.location } : {}) };
    }
    if (response.status === 404 || response.status === 410) return { kind: "gone", error: `push service ${response.status}: subscription expired` };
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.retryAfter) ?? 1000;
      bucket.pauseFor(retryAfterMs);
      return { kind: "retry", error: "push service 429", retryAfterMs };
    }
    if (response.status >= 500) return { kind: "retry", error: `push service ${response.status}` };
    return { kind: "failed", error: `push service ${response.status}` };
  }

  // Plain node:http(s) with keep-alive: at tens of thousands of small POSTs a second it costs
  // noticeably less than fetch (no web streams).
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
  function post(endpoint: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; location: string | undefined; retryAfter: string | undefined }> {
    const url = new URL(endpoint);
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: "POST", headers, agent: url.protocol === "https:" ? agents.https : agents.http, timeout: options.timeoutMs ?? 10_000 },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, retryAfter: res.headers["retry-after"] }));
          res.on("error", reject);
        },
      );
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", reject);
      request.end(body);
    });
  }

  return {
    channel: "webpush",
    batchSize: options.batchSize ?? 100,
    concurrency: options.concurrency ?? 4,
    retriesWholeBatch: false,
    async close() {
      agents.http.destroy();
      agents.https.destroy();
      await encryptor?.close();
    },
    async send(batch: SendBatch): Promise<BatchOutcome> {
      const pushes = batch.recipients.flatMap((r) => (r.push ? [r.push] : []));
      const bodies = await encryptorNow().encrypt(pushPayload(batch.message), pushes.map((p) => ({ p256dh: p.p256dh, auth: p.auth })));
      const bodyOf = new Map(pushes.map((p, i) => [p, bodies[i]!]));
      const outcomes = await Promise.all(
        batch.recipients.map(async (recipient, i) => {
          if (!recipient.push) return { kind: "failed", error: "no push subscription" } satisfies SendOutcome;
          const outcome = await sendOne(batch.message, bodyOf.get(recipient.push)!, recipient.push.endpoint);
          if (outcome.kind === "sent") batch.onSent?.(i, outcome.providerMessageId);
          return outcome;
        }),
      );
      return { kind: "each", outcomes };
    },
  };
}
