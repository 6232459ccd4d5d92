/**
 * A local fake of the LINE Messaging API, faithful to the documented contract of
 * POST /v2/bot/message/multicast (LINE Developers, Messaging API reference):
 *  - Authorization: Bearer {channel access token}, else 401 with LINE's message;
 *  - body { to: 1–500 user ids "U" + 32 hex, messages: 1–5 message objects, text ≤ 5,000 },
 *    else 400 { message: "The request body has N error(s)", details: [{ message, property }] };
 *  - X-Line-Retry-Key (UUID): a key already accepted → 409 "The retry key is already accepted"
 *    with x-line-accepted-request-id, and nothing is sent again; a malformed key → 400;
 *  - rate limit 200 requests per second for multicast (LINE's documented limit) → 429
 *    { message: "The API rate limit has been exceeded. Try again later." };
 *  - 200 {} with x-line-request-id.
 * It also sends webhook events (follow, unfollow) signed with X-Line-Signature
 * (base64 HMAC-SHA256 of the body with the channel secret), as LINE does.
 * Test hooks: fail the next requests (before or after accepting), counts per user id.
 */
import { createHmac, randomUUID } from "node:crypto";
import { FixedWindow, json, listen, type FakeServer } from "./common.ts";

export type LineFakeOptions = {
  channelAccessToken: string;
  channelSecret?: string;
  /** Multicast requests per second (LINE: 200). */
  requestsPerSecond?: number;
  /** Keep each accepted request (tests); counts are always kept. */
  keepRequests?: boolean;
  port?: number;
};

export type LineFake = FakeServer & {
  /** Times each user id received a message. */
  received: Map<string, number>;
  requests: Array<{ retryKey: string | null; to: string[]; messages: Array<{ type: string; text?: string }> }>;
  stats: { accepted: number; recipients: number; duplicates: number; conflicts: number; rateLimited: number; badRequests: number };
  /** The next `n` requests fail with `status`; with `afterAccepting` they are processed first (the answer is lost). */
  failNext(n: number, status: number, options?: { afterAccepting?: boolean }): void;
  /** Sends a follow / unfollow webhook event for a user to `webhookUrl`. */
  sendWebhook(webhookUrl: string, type: "follow" | "unfollow", userId: string): Promise<number>;
};

const USER_ID = /^U[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startLineFake(options: LineFakeOptions): Promise<LineFake> {
  const window = new FixedWindow(options.requestsPerSecond ?? 200, 1000);
  const accepted = new Map<string, string>();
  const received = new Map<string, number>();
  const requests: LineFake["requests"] = [];
  const stats = { accepted: 0, recipients: 0, duplicates: 0, conflicts: 0, rateLimited: 0, badRequests: 0 };
  const failures: Array<{ status: number; afterAccepting: boolean }> = [];

  const server = await listen((req, res, raw) => {
    if (req.method === "GET" && req.url === "/_fake/stats") return json(res, 200, { ...stats, users: received.size });
    if (req.method !== "POST" || req.url !== "/v2/bot/message/multicast") return json(res, 404, { message: "Not found" });
    const requestId = randomUUID();
    if (req.headers.authorization !== `Bearer ${options.channelAccessToken}`) {
      return json(res, 401, { message: "Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid." });
    }
    if (!window.check().allowed) {
      stats.rateLimited++;
      return json(res, 429, { message: "The API rate limit has been exceeded. Try again later." }, { "x-line-request-id": requestId });
    }
    const retryKey = typeof req.headers["x-line-retry-key"] === "string" ? req.headers["x-line-retry-key"] : null;
    if (retryKey !== null && !UUID.test(retryKey)) {
      stats.badRequests++;
      return json(res, 400, { message: "The retry key must be a UUID." }, { "x-line-request-id": requestId });
    }
    let body: { to?: unknown; messages?: unknown };
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      stats.badRequests++;
      return json(res, 400, { message: "The request body could not be parsed as JSON" }, { "x-line-request-id": requestId });
    }
    const details: Array<{ message: string; property: string }> = [];
    const to = Array.isArray(body.to) ? body.to : null;
    if (!to || to.length < 1 || to.length > 500) details.push({ message: "Size must be between 1 and 500", property: "to" });
    else to.forEach((id, i) => {
      if (typeof id !== "string" || !USER_ID.test(id)) details.push({ message: "Invalid user ID", property: `to[${i}]` });
    });
    const messages = Array.isArray(body.messages) ? (body.messages as Array<{ type?: unknown; text?: unknown }>) : null;
    if (!messages || messages.length < 1 || messages.length > 5) details.push({ message: "Size must be between 1 and 5", property: "messages" });
    else messages.forEach((m, i) => {
      if (m.type !== "text") details.push({ message: "Must be one of the following values: [text, image, video, audio, location, sticker, template, imagemap, flex]", property: `messages[${i}].type` });
      else if (typeof m.text !== "string" || m.text.length < 1 || [...m.text].length > 5000) details.push({ message: "Length must be between 1 and 5000", property: `messages[${i}].text` });
    });
    if (details.length > 0) {
      stats.badRequests++;
      return json(res, 400, { message: `The request body has ${details.length} error(s)`, details }, { "x-line-request-id": requestId });
    }
    if (retryKey !== null && accepted.has(retryKey)) {
      stats.conflicts++;
      return json(res, 409, { message: "The retry key is already accepted" }, { "x-line-request-id": requestId, "x-line-accepted-request-id": accepted.get(retryKey)! });
    }
    const failure = failures.shift();
    if (failure && !failure.afterAccepting) return json(res, failure.status, { message: "An error occurred in the backend server" }, { "x-line-request-id": requestId });
    if (retryKey !== null) accepted.set(retryKey, requestId);
    stats.accepted++;
    for (const id of to as string[]) {
      const n = (received.get(id) ?? 0) + 1;
      if (n > 1) stats.duplicates++;
      received.set(id, n);
      stats.recipients++;
    }
    if (options.keepRequests) requests.push({ retryKey, to: to as string[], messages: messages as Array<{ type: string; text?: string }> });
    if (failure) return json(res, failure.status, { message: "An error occurred in the backend server" }, { "x-line-request-id": requestId });
    return json(res, 200, {}, { "x-line-request-id": requestId });
  }, options.port);

  return {
    ...server,
    received,
    requests,
    stats,
    failNext(n, status, opts = {}) {
      for (let i = 0; i < n; i++) failures.push({ status, afterAccepting: opts.afterAccepting ?? false });
    },
    async sendWebhook(webhookUrl, type, userId) {
      const body = JSON.stringify({
        destination: "U0123456789abcdef0123456789abcdef",
        events: [
          {
            type,
            mode: "active",
            timestamp: Date.now(),
            source: { type: "user", userId },
            webhookEventId: randomUUID().replace(/-/g, "").toUpperCase().slice(0, 26),
            deliveryContext: { isRedelivery: false },
            ...(type === "follow" ? { replyToken: randomUUID().replace(/-/g, ""), follow: { isUnblocked: false } } : {}),
          },
        ],
      });
      const signature = createHmac("sha256", options.channelSecret ?? "").update(body).digest("base64");
      const response = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", "x-line-signature": signature }, body });
      await response.arrayBuffer();
      return response.status;
    },
  };
}
