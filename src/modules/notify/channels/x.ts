/**
 * X (Twitter) API v2 adapter: a public post per alert and language, no recipient list.
 *
 *   POST {base}/2/tweets   Authorization: Bearer {OAuth 2.0 user access token, scope tweet.write}
 *   { "text": "…" }  → 201 { "data": { "id": "…", "text": "…" } }
 *   400 invalid | 401 unauthorised | 403 forbidden (also "duplicate content") | 429 too many
 *   requests with x-rate-limit-limit / x-rate-limit-remaining / x-rate-limit-reset (epoch seconds)
 *
 * Rate limit (X API v2 documentation, "Manage Posts" rate limits): 200 requests per 15 minutes
 * per user for POST /2/tweets (lower on the Free and Basic access tiers: set NOTIFY_X_LIMIT).
 * Length: 280 by twitter-text's weighted count (most CJK, Hangul and Devanagari characters weigh
 * 2, URLs 23). Duplicates: X refuses a post identical to a recent one with 403 "duplicate
 * content"; a repeat after a crash is therefore counted as already posted.
 */
import type { SendOutcome } from "./types.ts";

export const X_MAX_WEIGHTED_LENGTH = 280;
export const X_URL_LENGTH = 23;
export const X_POSTS_PER_15_MINUTES = 200;
/** A URL stands in for the alert's link while a post is composed at issue time (every URL weighs 23). */
export const X_LINK_PLACEHOLDER = "https://x-link.invalid/alert";

/** twitter-text v3 weight ranges (weight 1); everything else weighs 2. */
const LIGHT_RANGES: ReadonlyArray<[number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

/** The weighted length X counts (twitter-text v3 configuration). */
export function weightedLength(text: string): number {
  let total = 0;
  const urls = /https?:\/\/[^\s]+/g;
  const withoutUrls = text.replace(urls, () => {
    total += X_URL_LENGTH;
    return "";
  });
  for (const ch of withoutUrls.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    total += LIGHT_RANGES.some(([start, end]) => cp >= start && cp <= end) ? 1 : 2;
  }
  return total;
}

/** A post of title, body (shortened with … when needed) and link, within 280. */
export function composePost(title: string, body: string, url: string): string {
  const fits = (text: string) => weightedLength(text) <= X_MAX_WEIGHTED_LENGTH;
  const full = `${title}\n${body}\n${url}`;
  if (fits(full)) return full;
  const chars = [...body];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${title}\n${chars.slice(0, mid).join("")}…\n${url}`)) lo = mid;
    else hi = mid - 1;
  }
  return `${title}\n${chars.slice(0, lo).join("")}…\n${url}`;
}

export type XAdapterOptions = { baseUrl: string; userAccessToken: string; timeoutMs?: number };

export type XAdapter = { post(text: string): Promise<SendOutcome> };

export function createXAdapter(options: XAdapterOptions): XAdapter {
  const url = `${options.baseUrl.replace(/\/$/, "")}/2/tweets`;
  return {
    async post(text) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${options.userAccessToken}`, "content-type": "application/json" },
          body: JSON.stringify({ text }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        return { kind: "retry", error: `X unreachable: ${error instanceof Error ? error.message : String(error)}` };
      }
      const body = (await response.json().catch(() => ({}))) as { data?: { id?: string }; detail?: string; title?: string };
      if (response.status === 201 && body.data?.id) return { kind: "sent", providerMessageId: body.data.id };
      const detail = `X ${response.status}: ${body.detail ?? body.title ?? ""}`.trim();
      if (response.status === 403 && /duplicate/i.test(body.detail ?? "")) return { kind: "sent" };
      if (response.status === 429) {
        const reset = Number(response.headers.get("x-rate-limit-reset"));
        const retryAfterMs = Number.isFinite(reset) && reset > 0 ? Math.max(1000, reset * 1000 - Date.now()) : 60_000;
        return { kind: "retry", error: detail, retryAfterMs };
      }
      if (response.status >= 500 || response.status === 401) return { kind: "retry", error: detail };
      return { kind: "failed", error: detail };
    },
  };
}
