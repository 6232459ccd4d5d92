/**
 * Secrets of a booking.
 * - manage token: 256 random bits in the change/cancel link (and the API's cancel token); only
 *   its SHA-256 is stored, so a copy of the database cannot be used to cancel anyone's booking;
 * - check-in token: 60 random bits in Crockford base32, "ABCD-EFGH-JKMN", in the QR code and
 *   typed by staff when the code cannot be scanned. It is not a credential (only staff of the
 *   office can use it, to find the booking), so it is stored as is and the QR can be shown again;
 * - e-mail code: 6 digits, 10 minutes, 5 attempts.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newManageToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isManageToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newCheckInToken(): string {
  const bytes = randomBytes(12);
  let out = "";
  for (let i = 0; i < 12; i++) out += CROCKFORD[bytes[i]! & 31];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/**
 * What staff typed or a scanner sent → the canonical token, or null. Accepts lower case,
 * full-width characters, spaces and any hyphen; reads O as 0 and I/L as 1 (Crockford).
 */
export function normalizeCheckInToken(input: string): string | null {
  const plain = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―−ー]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

export function newEmailCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** Compares a typed code with the stored hash in constant time. */
export function codeMatches(typed: string, hash: string | null): boolean {
  if (!hash) return false;
  const digits = typed.normalize("NFKC").replace(/\s/g, "");
  if (!/^\d{6}$/.test(digits)) return false;
  return timingSafeEqual(Buffer.from(sha256(digits), "hex"), Buffer.from(hash, "hex"));
}

export const CODE_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;
export const CODES_MAX_SENT = 3;
