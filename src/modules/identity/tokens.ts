/**
 * One-time link tokens: 32 random bytes in the link, only their SHA-256 in one_time_tokens,
 * a purpose, an expiry and a used-at mark (single use).
 */
import type { Db } from "../../core/db/database.ts";
import { consumeToken, findUsableToken, insertOneTimeToken, type TokenPurpose } from "./queries.ts";
import { hashToken, newToken } from "./sessions.ts";

const LINK_PATHS: Record<TokenPurpose, string> = { login: "/auth/link", reset: "/auth/reset", verify: "/auth/verify" };

/** Creates a token in the caller's transaction; returns the link to send. */
export async function issueLink(
  db: Db,
  options: { userId: string; purpose: TokenPurpose; validForMs: number; baseUrl: string },
): Promise<{ link: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + options.validForMs);
  await insertOneTimeToken(db, { tokenHash: hashToken(token), purpose: options.purpose, userId: options.userId, expiresAt });
  return { link: `${options.baseUrl}${LINK_PATHS[options.purpose]}/${token}`, expiresAt };
}

/** Tokens in links are base64url of 32 bytes; anything else is not worth a query. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The id of the person a still-working link belongs to, or null (does not use it up). */
export async function linkOwner(db: Db, token: string, purpose: TokenPurpose): Promise<string | null> {
  if (!looksLikeToken(token)) return null;
  return (await findUsableToken(db, hashToken(token), purpose))?.userId ?? null;
}

/** True when the link still works (for the confirm page; does not use it up). */
export async function linkIsUsable(db: Db, token: string, purpose: TokenPurpose): Promise<boolean> {
  return (await linkOwner(db, token, purpose)) !== null;
}

/** Uses the link up; the user id, or null when it no longer works. */
export async function useLink(db: Db, token: string, purpose: TokenPurpose): Promise<string | null> {
  if (!looksLikeToken(token)) return null;
  return (await consumeToken(db, hashToken(token), purpose))?.userId ?? null;
}
