/**
 * The integrations module's settings, from environment variables (read once when the app starts).
 * Every bad value is reported with its own message and replaced by the default.
 *
 *   WEBHOOK_SECRET_KEY            32-byte key (64 hex digits or base64) that encrypts webhook signing
 *                                 secrets (AES-256-GCM). Several keys, comma-separated: the first
 *                                 encrypts, all decrypt (key rotation). Required when NODE_ENV=production;
 *                                 otherwise a key is derived from SESSION_SECRET (with a warning).
 *   WEBHOOK_ALLOW_HTTP_LOCALHOST  allow http:// URLs to 127.0.0.1, ::1 and localhost (tests, a receiver
 *                                 on the same machine). Default true, false when NODE_ENV=production.
 *   WEBHOOK_TIMEOUT_MS            per-attempt timeout (default 10000)
 *   WEBHOOK_CONCURRENCY           deliveries in flight per app instance (default 8)
 *   WEBHOOK_POLL_MS               how often an idle worker looks for due deliveries (default 1000)
 *   WEBHOOK_RETRY_SCHEDULE        seconds before each retry, comma-separated; attempts = retries + 1
 *                                 (default 5,300,1800,7200,18000,36000,36000: 8 attempts over ~27 h)
 *   OAUTH_TOKEN_TTL_SECONDS       lifetime of access tokens (default 3600)
 *   OAUTH_TOKEN_RATE_LIMIT        token requests per minute per client address (default 30)
 *   BACK_OFFICE_API_RATE_LIMIT    API requests per minute per access token (default 600)
 */
import { createHash, hkdfSync } from "node:crypto";
import type { Config } from "../../core/config/config.ts";

export type IntegrationSettings = {
  /** Encryption keys for webhook secrets; the first encrypts. Empty when none is usable. */
  secretKeys: Buffer[];
  /** True when the key was derived from SESSION_SECRET (development and tests only). */
  secretKeyDerived: boolean;
  allowHttpLocalhost: boolean;
  timeoutMs: number;
  concurrency: number;
  pollMs: number;
  /** Seconds to wait before retry n (index 0 = after the first failed attempt). */
  retrySchedule: number[];
  tokenTtlSeconds: number;
  tokenRateLimit: number;
  apiRateLimit: number;
  /** Problems to log at start. */
  problems: string[];
};

type Env = Record<string, string | undefined>;

/** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — the Standard Webhooks / Svix schedule. */
export const DEFAULT_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000];

export function loadIntegrationSettings(config: Pick<Config, "nodeEnv" | "sessionSecret">, env: Env = process.env): IntegrationSettings {
  const problems: string[] = [];
  const production = config.nodeEnv === "production";
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}". Using ${fallback}.`);
      return fallback;
    }
    return Number(raw);
  };

  let secretKeys: Buffer[] = [];
  let secretKeyDerived = false;
  const rawKeys = (env.WEBHOOK_SECRET_KEY ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  for (const [i, raw] of rawKeys.entries()) {
    const key = parseKey(raw);
    if (key) secretKeys.push(key);
    else problems.push(`WEBHOOK_SECRET_KEY (key ${i + 1}) must be 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`).`);
  }
  if (rawKeys.length === 0) {
    if (production) {
      problems.push("WEBHOOK_SECRET_KEY is required when NODE_ENV=production: webhook subscriptions cannot be created or delivered without it.");
    } else {
      secretKeys = [Buffer.from(hkdfSync("sha256", config.sessionSecret, "machi", "integrations webhook secret key", 32))];
      secretKeyDerived = true;
    }
  } else if (secretKeys.length < rawKeys.length) {
    secretKeys = [];
  }

  let allowHttpLocalhost = !production;
  const rawAllow = env.WEBHOOK_ALLOW_HTTP_LOCALHOST;
  if (rawAllow !== undefined && rawAllow !== "") {
    if (["1", "true", "yes"].includes(rawAllow)) allowHttpLocalhost = true;
    else if (["0", "false", "no"].includes(rawAllow)) allowHttpLocalhost = false;
    else problems.push(`WEBHOOK_ALLOW_HTTP_LOCALHOST must be true or false; got "${rawAllow}".`);
  }

  let retrySchedule = DEFAULT_RETRY_SCHEDULE;
  const rawSchedule = env.WEBHOOK_RETRY_SCHEDULE;
  if (rawSchedule !== undefined && rawSchedule !== "") {
    const parts = rawSchedule.split(",").map((s) => s.trim());
    const numbers = parts.map(Number);
    if (parts.length > 20 || numbers.some((n, i) => !/^\d+(\.\d+)?$/.test(parts[i]!) || n > 7 * 24 * 3600)) {
      problems.push(`WEBHOOK_RETRY_SCHEDULE must be up to 20 comma-separated numbers of seconds (each at most a week); got "${rawSchedule}".`);
    } else {
      retrySchedule = numbers;
    }
  }

  return {
    secretKeys,
    secretKeyDerived,
    allowHttpLocalhost,
    timeoutMs: int("WEBHOOK_TIMEOUT_MS", 10_000, 100, 60_000),
    concurrency: int("WEBHOOK_CONCURRENCY", 8, 1, 256),
    pollMs: int("WEBHOOK_POLL_MS", 1000, 10, 60_000),
    retrySchedule,
    tokenTtlSeconds: int("OAUTH_TOKEN_TTL_SECONDS", 3600, 60, 86_400),
    tokenRateLimit: int("OAUTH_TOKEN_RATE_LIMIT", 30, 1, 100_000),
    apiRateLimit: int("BACK_OFFICE_API_RATE_LIMIT", 600, 1, 1_000_000),
    problems,
  };
}

function parseKey(raw: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(raw)) return Buffer.from(raw, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    const key = Buffer.from(raw.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length === 32) return key;
  }
  return null;
}

/** A short, non-secret name of a key (first 8 hex digits of its SHA-256), stored beside ciphertexts. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}
