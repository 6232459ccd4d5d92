/**
 * Webhook signatures in Stripe's documented scheme, used by the Stripe adapter (header
 * `Stripe-Signature`) and by the sandbox (header `Machi-Sandbox-Signature`):
 *
 *   header    = "t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]"
 *   signature = HMAC-SHA256(secret, "<t>.<raw body>") in lower-case hex
 *
 * Verification takes the raw bytes as received (never re-serialised JSON), accepts any of the
 * v1 signatures (several while a secret is being rolled), compares in constant time, and
 * refuses a timestamp further than `toleranceSeconds` from now (replays of old deliveries).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookSignatureError } from "./provider.ts";

export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, payload: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
}

/** The header value for a payload, as the provider would send it. */
export function signatureHeader(secret: string, payload: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signPayload(secret, payload, timestamp)}`;
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Throws WebhookSignatureError unless `header` carries a valid, fresh signature of `payload`.
 *
 * @example verifySignature({ payload: raw.toString("utf8"), header, secret, toleranceSeconds: 300 })
 */
export function verifySignature(options: { payload: string; header: string | undefined; secret: string; toleranceSeconds?: number; now?: Date }): void {
  const { header, payload, secret } = options;
  if (!header) throw new WebhookSignatureError("missing", "No signature header");
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) throw new WebhookSignatureError("malformed", "Signature header without t= and v1=");
  const expected = Buffer.from(signPayload(secret, payload, timestamp), "hex");
  const matches = signatures.some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookSignatureError("mismatch", "No signature matches the payload");
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > tolerance) throw new WebhookSignatureError("stale", `Timestamp outside the tolerance of ${tolerance} s`);
}
