/**
 * Limits against guessing and mail bombing, with @fastify/rate-limit:
 * - per client IP, as route config (`config.rateLimit`), counted before anything else runs;
 * - per e-mail address, counted in the handler once the address is known: failed sign-ins
 *   (a lockout) and link / reset requests.
 * Counters live in the database (core/http/rate-limit-store.ts), shared by every server process,
 * so a limit holds however many processes serve. Keys hold a hash of the address, never the address.
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";

const MINUTE = 60 * 1000;

export const LIMITS = {
  /** Sign-in POSTs (residents and staff) per IP. */
  signInPerIp: { max: 10, timeWindow: 5 * MINUTE },
  /** Failed sign-ins per account address before it is locked for the rest of the window. */
  signInFailuresPerEmail: { max: 10, timeWindow: 15 * MINUTE },
  /** Sign-in link and password reset requests per IP. */
  linkRequestsPerIp: { max: 5, timeWindow: 15 * MINUTE },
  /** Sign-in link and password reset requests per address. */
  linkRequestsPerEmail: { max: 3, timeWindow: 15 * MINUTE },
  /** Account creations per IP (shared addresses, e.g. mobile carriers, need headroom). */
  signUpPerIp: { max: 20, timeWindow: 15 * MINUTE },
  /** Verification e-mails re-sent per IP. */
  resendPerIp: { max: 5, timeWindow: 15 * MINUTE },
} as const;

/** Route config for a per-IP limit: `{ config: { rateLimit: perIp(LIMITS.signInPerIp) } }`. */
export function perIp(limit: { max: number; timeWindow: number }) {
  return { max: limit.max, timeWindow: limit.timeWindow };
}

export function emailKey(scope: string, email: string): string {
  return `${scope}:${createHash("sha256").update(email).digest("base64url")}`;
}

/** A counter per e-mail address (key from `emailKey`, set on the request before checking). */
export type EmailCounter = {
  /** True when the address has used up its allowance; does not count this attempt. */
  isExhausted(request: FastifyRequest, key: string): Promise<boolean>;
  /** Counts one attempt; true when this attempt went over the allowance. */
  count(request: FastifyRequest, key: string): Promise<boolean>;
};

const KEY = Symbol("identity.rateLimitKey");
type Keyed = FastifyRequest & { [KEY]?: string };

function emailCounter(app: FastifyInstance, limit: { max: number; timeWindow: number }): EmailCounter {
  const limiter = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.timeWindow,
    keyGenerator: (request: FastifyRequest) => (request as Keyed)[KEY] ?? "none",
  });
  async function run(request: FastifyRequest, key: string, increment: boolean): Promise<{ exceeded: boolean; current: number }> {
    (request as Keyed)[KEY] = key;
    const result = await limiter(request, { increment });
    if (result.isAllowed) return { exceeded: false, current: 0 };
    return { exceeded: result.isExceeded, current: result.max - result.remaining };
  }
  return {
    async isExhausted(request, key) {
      const { current } = await run(request, key, false);
      return current >= limit.max;
    },
    async count(request, key) {
      return (await run(request, key, true)).exceeded;
    },
  };
}

export type IdentityLimiters = {
  signInFailures: EmailCounter;
  linkRequests: EmailCounter;
};

export function createLimiters(app: FastifyInstance): IdentityLimiters {
  return {
    signInFailures: emailCounter(app, LIMITS.signInFailuresPerEmail),
    linkRequests: emailCounter(app, LIMITS.linkRequestsPerEmail),
  };
}
