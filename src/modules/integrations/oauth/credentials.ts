/**
 * Credentials of back-office clients: client ids, client secrets and access tokens. Secrets and
 * tokens are 256 random bits, so a plain SHA-256 is the right way to store them (a slow password
 * hash protects guessable passwords; these cannot be guessed) and lets a token be found by its hash.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new client id: "mc_" + 24 hex digits (not secret; appears in logs and audit as client:<id>). */
export function newClientId(): string {
  return `mc_${randomBytes(12).toString("hex")}`;
}

/** A new client secret: "mcs_" + 43 base64url characters. Shown once. */
export function newClientSecret(): string {
  return `mcs_${randomBytes(32).toString("base64url")}`;
}

/** A new opaque access token: "mat_" + 43 base64url characters. */
export function newAccessToken(): string {
  return `mat_${randomBytes(32).toString("base64url")}`;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isClientId(value: unknown): value is string {
  return typeof value === "string" && /^mc_[0-9a-f]{24}$/.test(value);
}
