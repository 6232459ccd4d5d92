/**
 * Sets a new password from a reset link: the link is used up, every other unused reset link
 * of the person dies, and every session of the person ends (a thief signed in elsewhere is out).
 */
import type { Db } from "../../../core/db/database.ts";
import { hashPassword } from "../password.ts";
import { findUserById, markEmailVerified, setPasswordHash, voidTokens } from "../queries.ts";
import { destroyAllSessions } from "../sessions.ts";
import { useLink } from "../tokens.ts";

export type ResetPasswordOptions = {
  db: Db;
  /** The token from the link (not its hash). */
  token: string;
  /** Already checked against the password rules (schema.ts). */
  newPassword: string;
};

/** False when the link no longer works (nothing changed). */
export async function resetPassword(options: ResetPasswordOptions): Promise<boolean> {
  // Hashing takes a while: do it before the transaction, not while holding row locks.
  const passwordHash = await hashPassword(options.newPassword);
  return options.db.transaction(async (tx) => {
    const userId = await useLink(tx, options.token, "reset");
    const user = userId ? await findUserById(tx, userId) : null;
    if (!user || user.kind !== "resident") return false;
    await setPasswordHash(tx, user.id, passwordHash);
    await voidTokens(tx, user.id, "reset");
    await voidTokens(tx, user.id, "login");
    await destroyAllSessions(tx, user.id);
    await markEmailVerified(tx, user.id);
    return true;
  });
}
