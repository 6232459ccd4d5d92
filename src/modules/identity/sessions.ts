/**
 * Sessions: the cookie holds a random 256-bit token; the database keeps only its SHA-256,
 * so a leaked database copy cannot be used to sign in. Sessions slide: 30 days idle at most
 * for residents, 12 hours for staff.
 */
import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../core/db/database.ts";
import { runStatement, statement } from "../../core/db/statements.ts";
import type { Actor } from "../../core/http/actor.ts";
import { sessions, staffRoles } from "./tables.ts";

export const SESSION_COOKIE = "machi_session";
const LIFETIME_MS = { resident: 30 * 24 * 3600 * 1000, staff: 12 * 3600 * 1000 } as const;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** How a session was signed in and the assurance level that sign-in proves (see assurance/levels.ts). */
export type SessionAuth = { method: "password" | "link" | "passkey" | "oidc"; level: 1 | 2 | 3 };

export async function createSession(
  db: Db,
  user: { id: string; kind: "resident" | "staff" },
  auth: SessionAuth = { method: "password", level: 1 },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + LIFETIME_MS[user.kind]);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt, authMethod: auth.method, authLevel: auth.level });
  return { token, expiresAt };
}

export async function destroySession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function destroyAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

// Every request of a signed-in person runs this: a prepared statement, not a query builder chain.
const FIND_SESSION_ACTOR = statement(
  "identity.find_session_actor",
  `SELECT u.id, u.kind, u.email, u.family_name AS "familyName", u.given_name AS "givenName",
          (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS "lastSeenMs"
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL
    LIMIT 1`,
);

export async function findActorBySessionToken(db: Db, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const [row] = await runStatement<{ id: string; kind: Actor["kind"]; email: string; familyName: string; givenName: string; lastSeenMs: number }>(
    db,
    FIND_SESSION_ACTOR,
    [tokenHash],
  );
  if (!row) return null;
  const roles =
    row.kind === "staff"
      ? await db.select({ departmentCode: staffRoles.departmentCode, role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.userId, row.id))
      : [];
  // Slide the expiry at most once a minute, not on every request.
  if (Date.now() - row.lastSeenMs > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: new Date(Date.now() + LIFETIME_MS[row.kind]) })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    id: row.id,
    kind: row.kind,
    email: row.email,
    displayName: `${row.familyName} ${row.givenName}`.trim() || row.email,
    name: { family: row.familyName, given: row.givenName },
    roles,
    sessionTokenHash: tokenHash,
  };
}

export function sessionResolver(db: Db) {
  return async (request: FastifyRequest): Promise<Actor | null> => {
    const signed = request.cookies[SESSION_COOKIE];
    if (!signed) return null;
    const unsigned = request.unsignCookie(signed);
    if (!unsigned.valid || !unsigned.value) return null;
    return findActorBySessionToken(db, unsigned.value);
  };
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure, signed: true, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
