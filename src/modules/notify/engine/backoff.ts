/**
 * When to try a delivery again: exponential backoff with jitter (2 s, 4 s, 8 s … capped at
 * 10 minutes), never sooner than the provider's Retry-After. After MAX_ATTEMPTS a delivery is
 * marked failed.
 */
export const MAX_ATTEMPTS = 8;
const BASE_MS = 2000;
const CAP_MS = 10 * 60 * 1000;

/** Milliseconds to wait after the given attempt (1-based) failed. */
export function backoffMs(attempts: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half fixed, half random, so retries of one burst spread out.
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
