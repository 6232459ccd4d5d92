/**
 * Webhook signatures as the Standard Webhooks specification (standardwebhooks.com) defines them,
 * so receivers can use any of its libraries (`standardwebhooks` on npm, PyPI, NuGet, …):
 *
 *   webhook-id:        the event id (the same on every retry and replay: receivers deduplicate by it)
 *   webhook-timestamp: seconds since the Unix epoch when this attempt was sent
 *   webhook-signature: "v1," + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")), several
 *                      space-separated during a secret rotation
 *
 * The secret is shown to staff as `whsec_<base64>`; the HMAC key is the base64-decoded part.
 *
 * @example
 * const headers = webhookHeaders({ secret, id: event.id, timestamp: Math.floor(Date.now() / 1000), body });
 * verifyWebhook({ secret, headers, body }); // throws WebhookVerificationError when it does not hold
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** How far a webhook-timestamp may be from the receiver's clock (the specification's 5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The HMAC key of a secret (with or without the whsec_ prefix). */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, "base64");
  if (key.length === 0) throw new Error("Empty webhook secret");
  return key;
}

/** The signature header value for one message: "v1,<base64>". */
export function signWebhook(options: { secret: string | Buffer; id: string; timestamp: number; body: string }): string {
  const key = typeof options.secret === "string" ? secretKey(options.secret) : options.secret;
  const mac = createHmac("sha256", key).update(`${options.id}.${options.timestamp}.${options.body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/** The headers of a webhook request (content type included). */
export function webhookHeaders(options: { secret: string | Buffer; id: string; timestamp: number; body: string }): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": options.id,
    "webhook-timestamp": String(options.timestamp),
    "webhook-signature": signWebhook(options),
  };
}

export class WebhookVerificationError extends Error {
  readonly reason: "missing_headers" | "bad_timestamp" | "too_old" | "too_new" | "no_matching_signature";
  constructor(reason: WebhookVerificationError["reason"]) {
    super(`Webhook verification failed: ${reason}`);
    this.reason = reason;
  }
}

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks a received webhook (what a receiver does). The body must be the raw request body, byte
 * for byte as received (not re-serialised JSON). Returns the webhook id for deduplication.
 */
export function verifyWebhook(options: { secret: string; headers: HeaderBag; body: string; toleranceSeconds?: number; now?: number }): { id: string; timestamp: number } {
  const id = header(options.headers, "webhook-id");
  const timestampText = header(options.headers, "webhook-timestamp");
  const signatures = header(options.headers, "webhook-signature");
  if (!id || !timestampText || !signatures) throw new WebhookVerificationError("missing_headers");
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookVerificationError("bad_timestamp");
  const timestamp = Number(timestampText);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (timestamp < now - tolerance) throw new WebhookVerificationError("too_old");
  if (timestamp > now + tolerance) throw new WebhookVerificationError("too_new");
  const expected = Buffer.from(signWebhook({ secret: options.secret, id, timestamp, body: options.body }).slice(3), "base64");
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { id, timestamp };
  }
  throw new WebhookVerificationError("no_matching_signature");
}
