/**
 * Sign-in with e-mail and password, for residents (/auth/sign-in) and staff (/staff/sign-in):
 * an account of the other kind never matches. A staff sign-in is written to the audit log in
 * the same transaction as the new session.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import { burnTime, hashPassword, needsRehash, verifyPassword } from "../password.ts";
import { findUserByEmail, setPasswordHash, type UserKind } from "../queries.ts";
import { createSession, destroySession } from "../sessions.ts";

export type SignInWithPasswordOptions = {
  db: Db;
  /** Which door: residents and staff have separate accounts. */
  kind: UserKind;
  /** Normalised e-mail (schema.ts). */
  email: string;
  password: string;
  /** The session this browser had before, ended when the new one starts. */
  previousSessionHash?: string | null;
};

export type SignInResult =
  | { ok: true; userId: string; session: { token: string; expiresAt: Date } }
  /** Wrong password, unknown address, disabled account or wrong kind: one answer for all. */
  | { ok: false };

export async function signInWithPassword(options: SignInWithPasswordOptions): Promise<SignInResult> {
  const user = await findUserByEmail(options.db, options.kind, options.email);
  if (!user?.passwordHash) {
    await burnTime(options.password);
    return { ok: false };
  }
  if (!(await verifyPassword(options.password, user.passwordHash))) return { ok: false };
  const rehash = needsRehash(user.passwordHash) ? await hashPassword(options.password) : null;

  const session = await options.db.transaction(async (tx) => {
    if (options.previousSessionHash) await destroySession(tx, options.previousSessionHash);
    if (rehash) await setPasswordHash(tx, user.id, rehash);
    const created = await createSession(tx, { id: user.id, kind: user.kind });
    if (user.kind === "staff") {
      // The user id only: no name, no e-mail in the audit log.
      await appendAudit(tx, { actorId: user.id, actorLabel: `staff:${user.id}`, action: "staff.signed_in", objectType: "user", objectId: user.id });
    }
    return created;
  });
  return { ok: true, userId: user.id, session };
}
