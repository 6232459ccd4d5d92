/**
 * A local fake push service (RFC 8030), faithful to what real push services check:
 *  - POST /push/{id} with Content-Encoding: aes128gcm (RFC 8291 payload) and a TTL header
 *    (required by RFC 8030 §5.2: 400 without it); body ≤ 4,096 bytes (413 beyond);
 *  - VAPID (RFC 8292): Authorization "vapid t={JWT}, k={public key}"; the ES256 signature is
 *    verified with k, aud must be this service's origin, exp at most 24 h ahead: 401/403 otherwise;
 *  - 201 Created with a Location per message; 404 for an unknown and 410 Gone for an expired
 *    subscription; 429 with Retry-After beyond the configured rate (default 10,000/s, FCM's
 *    documented 600,000 messages a minute);
 *  - Topic (RFC 8030 §5.4): a message replaces an undelivered one with the same topic, so the
 *    "user agent" sees it once; `shown` counts what a browser would show.
 * Tests hand out subscriptions with `createSubscription()` (private key kept here) and read
 * messages back with `decrypt()`.
 */
import { createPublicKey, randomUUID, verify } from "node:crypto";
import { decryptWebPush, generateUserAgentKeys, type UserAgentKeys } from "../channels/webpush-crypto.ts";
import { FixedWindow, json, listen, type FakeServer } from "./common.ts";

export type WebPushFakeOptions = {
  messagesPerSecond?: number;
  /** Keep message bodies for decrypt() (tests); off for the benchmark. */
  keepBodies?: boolean;
  /** Accept any /push/{id} as a live subscription (benchmark with synthetic subscribers). */
  acceptAnyEndpoint?: boolean;
  port?: number;
};

export type FakeSubscription = { id: string; endpoint: string; keys: { p256dh: string; auth: string } };

type Stored = { keys: UserAgentKeys; gone: boolean; topics: Set<string>; count: number; bodies: Buffer[]; headers: Array<Record<string, string>> };

export type WebPushFake = FakeServer & {
  createSubscription(): FakeSubscription;
  /** A subscription with keys made elsewhere (counts only; no decryption). */
  registerEndpoint(id: string): string;
  expire(id: string): void;
  /** Messages a browser would show for the subscription (after Topic replacement). */
  shown(id: string): number;
  decrypt(id: string): string[];
  headersOf(id: string): Array<Record<string, string>>;
  stats: { accepted: number; replaced: number; rateLimited: number; gone: number; rejected: number };
};

function verifyVapid(header: string | undefined, audience: string): string | null {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) return "missing or malformed VAPID Authorization";
  const [headerB64, payloadB64, signatureB64] = match[1]!.split(".");
  if (!headerB64 || !payloadB64 || !signatureB64) return "malformed JWT";
  const raw = Buffer.from(match[2]!, "base64url");
  if (raw.length !== 65) return "k is not a P-256 public key";
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") }, format: "jwk" });
  const ok = verify("sha256", Buffer.from(`${headerB64}.${payloadB64}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signatureB64, "base64url"));
  if (!ok) return "JWT signature does not verify with k";
  const claims = JSON.parse(Buffer.from(payloadB64, "base64url").toString("utf8")) as { aud?: string; exp?: number; sub?: string };
  if (claims.aud !== audience) return `aud must be ${audience}`;
  const now = Date.now() / 1000;
  if (typeof claims.exp !== "number" || claims.exp < now || claims.exp > now + 24 * 3600) return "exp must be in the next 24 hours";
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) return "sub must be a mailto: or https: URL";
  return null;
}

const verified = new Map<string, boolean>();

export async function startWebPushFake(options: WebPushFakeOptions = {}): Promise<WebPushFake> {
  const window = new FixedWindow(options.messagesPerSecond ?? 10_000, 1000);
  const subscriptions = new Map<string, Stored>();
  const stats = { accepted: 0, replaced: 0, rateLimited: 0, gone: 0, rejected: 0 };
  let origin = "";
  const newStored = (keys: UserAgentKeys): Stored => ({ keys, gone: false, topics: new Set(), count: 0, bodies: [], headers: [] });
  const server = await listen((req, res, body) => {
    if (req.method === "GET" && req.url === "/_fake/stats") {
      let shown = 0;
      let duplicates = 0;
      for (const s of subscriptions.values()) {
        shown += s.topics.size;
      }
      for (const s of subscriptions.values()) duplicates += Math.max(0, s.count + s.bodies.length - s.topics.size);
      return json(res, 200, { ...stats, shown, subscriptions: subscriptions.size, duplicates });
    }
    const match = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) return json(res, 404, { reason: "not found" });
    let sub = subscriptions.get(match[1]!);
    if (!sub && options.acceptAnyEndpoint) subscriptions.set(match[1]!, (sub = newStored({ p256dh: "", auth: "", privateKey: "" })));
    if (!sub) return json(res, 404, { reason: "no such subscription" });
    if (sub.gone) {
      stats.gone++;
      return json(res, 410, { reason: "subscription expired" });
    }
    const authorization = req.headers.authorization;
    const cachedOk = authorization ? verified.get(authorization) : undefined;
    const vapidProblem = cachedOk ? null : verifyVapid(authorization, origin);
    if (vapidProblem) {
      stats.rejected++;
      return json(res, 401, { reason: vapidProblem });
    }
    if (authorization) verified.set(authorization, true);
    if (req.headers["content-encoding"] !== "aes128gcm") {
      stats.rejected++;
      return json(res, 415, { reason: "Content-Encoding must be aes128gcm" });
    }
    if (req.headers.ttl === undefined || !/^\d+$/.test(String(req.headers.ttl))) {
      stats.rejected++;
      return json(res, 400, { reason: "TTL header required" });
    }
    if (body.length > 4096) {
      stats.rejected++;
      return json(res, 413, { reason: "payload too large" });
    }
    const topic = req.headers.topic;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(String(topic))) {
      stats.rejected++;
      return json(res, 400, { reason: "Topic must be at most 32 URL-safe base64 characters" });
    }
    if (!window.check().allowed) {
      stats.rateLimited++;
      return json(res, 429, { reason: "too many requests" }, { "retry-after": "1" });
    }
    const topicKey = typeof topic === "string" ? topic : randomUUID();
    if (sub.topics.has(topicKey)) stats.replaced++;
    sub.topics.add(topicKey);
    if (options.keepBodies === false) sub.count++;
    else sub.bodies.push(Buffer.from(body));
    if (options.keepBodies !== false) {
      sub.headers.push({ ttl: String(req.headers.ttl), urgency: String(req.headers.urgency ?? ""), topic: String(topic ?? "") });
    }
    stats.accepted++;
    res.writeHead(201, { location: `${origin}/message/${randomUUID()}`, "content-length": "0" });
    res.end();
  }, options.port);
  origin = server.url;

  return {
    ...server,
    stats,
    createSubscription() {
      const id = randomUUID().replace(/-/g, "");
      const keys = generateUserAgentKeys();
      subscriptions.set(id, newStored(keys));
      return { id, endpoint: `${origin}/push/${id}`, keys: { p256dh: keys.p256dh, auth: keys.auth } };
    },
    registerEndpoint(id) {
      subscriptions.set(id, newStored({ p256dh: "", auth: "", privateKey: "" }));
      return `${origin}/push/${id}`;
    },
    expire(id) {
      const sub = subscriptions.get(id);
      if (sub) sub.gone = true;
    },
    shown: (id) => subscriptions.get(id)?.topics.size ?? 0,
    decrypt: (id) => (subscriptions.get(id)?.bodies ?? []).map((b) => decryptWebPush(b, subscriptions.get(id)!.keys)),
    headersOf: (id) => subscriptions.get(id)?.headers ?? [],
  };
}
