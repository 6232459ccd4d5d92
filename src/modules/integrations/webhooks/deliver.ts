/**
 * Sending one webhook attempt and recording its outcome. Used by the background worker
 * (worker.ts) and by `deliverDueWebhooks`, which tests and the bench call directly.
 *
 * An attempt is a POST of the event as JSON with the Standard Webhooks headers, a fresh
 * webhook-timestamp and signature, no redirects followed, and a timeout. Any 2xx answer is
 * success; anything else (3xx, 4xx, 5xx, timeout, refused connection) is retried on the schedule
 * and then dead-lettered. Delivery is at least once: a receiver deduplicates by webhook-id.
 */
import type { Db } from "../../../core/db/database.ts";
import type { IntegrationSettings } from "../config.ts";
import { claimDueDeliveries, outcomeStatus, recordAttempts, type AttemptOutcome, type ClaimedDelivery } from "../queries.ts";
import type { DeliveryStatus } from "../tables.ts";
import { maxAttempts, retryDelaySeconds } from "./backoff.ts";
import { openSecret } from "./secret-box.ts";
import { webhookHeaders } from "./signature.ts";

export const USER_AGENT = "Machi-Webhooks/1.0";

/** The JSON body of an event (the same bytes on every attempt of it). */
export function eventBody(delivery: Pick<ClaimedDelivery, "eventId" | "eventType" | "occurredAt" | "data">): string {
  return JSON.stringify({ id: delivery.eventId, type: delivery.eventType, timestamp: delivery.occurredAt.toISOString(), data: delivery.data });
}

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

export type DeliverOptions = {
  db: Db;
  settings: IntegrationSettings;
  /** For tests: the clock (ms) used for webhook-timestamp. */
  now?: () => number;
  fetchImpl?: typeof fetch;
};

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `timeout after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === "string") return `connection failed (${cause.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Reads at most `max` bytes of a response body as text (for the error message), then stops. */
async function readSome(response: Response, max: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, max).toString("utf8");
}

/** One HTTP attempt. Never throws. */
export async function sendOnce(delivery: ClaimedDelivery, options: DeliverOptions): Promise<SendResult> {
  const started = performance.now();
  const fetchImpl = options.fetchImpl ?? fetch;
  try {
    const secret = openSecret(options.settings.secretKeys, delivery.subscriptionId, delivery.secretCiphertext);
    const body = eventBody(delivery);
    const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
    const response = await fetchImpl(delivery.url, {
      method: "POST",
      headers: { ...webhookHeaders({ secret, id: delivery.eventId, timestamp, body }), "user-agent": USER_AGENT },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.settings.timeoutMs),
    });
    const statusCode = response.status;
    if (statusCode >= 200 && statusCode < 300) {
      await response.body?.cancel().catch(() => {});
      return { ok: true, statusCode, error: null, durationMs: performance.now() - started };
    }
    const text = (await readSome(response, 300).catch(() => "")).replace(/\s+/g, " ").trim();
    const redirect = statusCode >= 300 && statusCode < 400 ? " (redirects are not followed)" : "";
    return { ok: false, statusCode, error: `HTTP ${statusCode}${redirect}${text ? `: ${text}` : ""}`, durationMs: performance.now() - started };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeError(error, options.settings.timeoutMs), durationMs: performance.now() - started };
  }
}

/** Sends a claimed delivery; returns the outcome to record (with the wait before a retry, or dead). */
export async function attemptDelivery(delivery: ClaimedDelivery, options: DeliverOptions): Promise<AttemptOutcome> {
  const result = await sendOnce(delivery, options);
  const retryInSeconds = result.ok || delivery.attempts >= maxAttempts(options.settings.retrySchedule) ? null : retryDelaySeconds(options.settings.retrySchedule, delivery.attempts);
  return {
    id: delivery.id,
    attempts: delivery.attempts,
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    error: result.ok ? null : (result.error ?? "failed"),
    retryInSeconds,
  };
}

/** How long a claimed delivery is reserved for its worker: the timeout and a margin. */
export function leaseSeconds(settings: IntegrationSettings): number {
  return Math.ceil(settings.timeoutMs / 1000) + 30;
}

/**
 * Claims every due delivery (up to `limit`, in batches of the configured concurrency), sends
 * them and records the outcomes. Returns the outcomes in order. For tests, the bench and the
 * operator; the app runs the continuous worker instead.
 */
export async function deliverDueWebhooks(options: DeliverOptions & { limit?: number }): Promise<Array<{ id: number; status: DeliveryStatus | null }>> {
  const results: Array<{ id: number; status: DeliveryStatus | null }> = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  while (results.length < limit) {
    const batch = await claimDueDeliveries(options.db, Math.min(options.settings.concurrency, limit - results.length), leaseSeconds(options.settings));
    if (batch.length === 0) break;
    const outcomes = await Promise.all(batch.map((delivery) => attemptDelivery(delivery, options)));
    const recorded = await recordAttempts(options.db, outcomes);
    for (const outcome of outcomes) results.push({ id: outcome.id, status: recorded.has(outcome.id) ? outcomeStatus(outcome) : null });
  }
  return results;
}
