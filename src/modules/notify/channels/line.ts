/**
 * LINE Messaging API adapter: one multicast request per batch of up to 500 user ids of the same
 * language, written to LINE's documented contract (LINE Developers, Messaging API reference,
 * "Send multicast message"):
 *
 *   POST {base}/v2/bot/message/multicast
 *   Authorization: Bearer {channel access token}
 *   X-Line-Retry-Key: {UUID}            — the same on every retry of the same request
 *   { "to": [≤ 500 user ids], "messages": [≤ 5 message objects] }
 *   200 {} (+ x-line-request-id) | 400 bad request | 401 bad token | 403 not allowed
 *   409 the retry key was already accepted (+ x-line-accepted-request-id) | 429 rate limit | 5xx
 *
 * Rate limit (LINE Developers, Messaging API "Rate limits"): 200 requests per second for
 * "Send multicast message" (2,000 for most other endpoints). LINE sends no Retry-After, so a 429
 * pauses the channel for a second and the batch is retried with backoff.
 *
 * Exactly-once: the batch id is the retry key; a batch is stored before it is sent and every
 * retry — after a 5xx, a timeout, or a crash and restart — sends the same recipients with the same
 * key, so LINE accepts it at most once (409 on the repeat, counted as sent). Retry keys are kept
 * by LINE for 24 hours; retries stop before that (MAX_ATTEMPTS with backoff ≤ 10 min).
 */
import { CHROME } from "../templates/chrome.ts";
import { fillLink } from "../templates/render.ts";
import { TokenBucket } from "../engine/token-bucket.ts";
import type { AlertMessage, BatchOutcome, ChannelAdapter, SendBatch } from "./types.ts";

export const LINE_MULTICAST_MAX_RECIPIENTS = 500;
export const LINE_MULTICAST_REQUESTS_PER_SECOND = 200;
export const LINE_TEXT_MAX_CHARACTERS = 5000;

export type LineAdapterOptions = {
  /** https://api.line.me in production; the fake's URL in tests. */
  baseUrl: string;
  channelAccessToken: string;
  /** This process's share of the 200 requests/second limit. */
  requestsPerSecond?: number;
  concurrency?: number;
  timeoutMs?: number;
};

/** The text of a LINE message: sender, title, body, link (≤ 5,000 characters). */
export function lineText(message: AlertMessage): string {
  const chrome = CHROME[message.language];
  const text = `【${chrome.sender}】\n${message.title}\n\n${message.body}\n\n${fillLink(chrome.details, message.url)}`;
  return [...text].length > LINE_TEXT_MAX_CHARACTERS ? [...text].slice(0, LINE_TEXT_MAX_CHARACTERS - 1).join("") + "…" : text;
}

export function createLineAdapter(options: LineAdapterOptions): ChannelAdapter {
  const bucket = new TokenBucket(options.requestsPerSecond ?? LINE_MULTICAST_REQUESTS_PER_SECOND * 0.95, 5);
  const url = `${options.baseUrl.replace(/\/$/, "")}/v2/bot/message/multicast`;
  return {
    channel: "line",
    batchSize: LINE_MULTICAST_MAX_RECIPIENTS,
    concurrency: options.concurrency ?? 6,
    retriesWholeBatch: true,
    async send(batch: SendBatch): Promise<BatchOutcome> {
      const to = batch.recipients.map((r) => r.lineUserId).filter((id): id is string => typeof id === "string");
      if (to.length === 0) return { kind: "all-failed", error: "no LINE user ids in the batch" };
      await bucket.take(1);
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${options.channelAccessToken}`,
            "content-type": "application/json",
            "x-line-retry-key": batch.batchId,
          },
          body: JSON.stringify({ to, messages: [{ type: "text", text: lineText(batch.message) }] }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        // Timeout or connection error: LINE may or may not have accepted it; the same retry key makes a retry safe.
        return { kind: "retry-batch", error: `LINE request failed: ${error instanceof Error ? error.message : String(error)}` };
      }
      const text = await response.text();
      const requestId = response.headers.get("x-line-request-id") ?? undefined;
      if (response.status === 200) return { kind: "all-sent", ...(requestId ? { providerMessageId: requestId } : {}) };
      if (response.status === 409) {
        const accepted = response.headers.get("x-line-accepted-request-id") ?? requestId;
        return { kind: "all-sent", ...(accepted ? { providerMessageId: accepted } : {}) };
      }
      const detail = `LINE ${response.status}: ${text.slice(0, 300)}`;
      if (response.status === 429) {
        bucket.pauseFor(1000);
        return { kind: "retry-batch", error: detail, retryAfterMs: 1000 };
      }
      // A bad token (401) or a suspended channel (403) is fixed by an operator: keep retrying with backoff.
      if (response.status >= 500 || response.status === 401 || response.status === 403) return { kind: "retry-batch", error: detail };
      return { kind: "all-failed", error: detail };
    },
  };
}
