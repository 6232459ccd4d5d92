/**
 * A resident signs in with a one-time link from their e-mail (after pressing the button on
 * the confirm page: mail scanners that follow links only GET it). The link is used up, and it
 * proves the address, so the e-mail counts as confirmed.
 */
import type { Db } from "../../../core/db/database.ts";
import { findUserById, markEmailVerified } from "../queries.ts";
import { createSession, destroySession } from "../sessions.ts";
import { useLink } from "../tokens.ts";

export type SignInWithLinkOptions = {
  db: Db;
  /** The token from the link (not its hash). */
  token: string;
  /** The session this browser had before, ended when the new one starts. */
  previousSessionHash?: string | null;
};

export type LinkSignInResult = { ok: true; userId: string; session: { token: string; expiresAt: Date } } | { ok: false };

export async function signInWithLink(options: SignInWithLinkOptions): Promise<LinkSignInResult> {
  return options.db.transaction(async (tx) => {
    const userId = await useLink(tx, options.token, "login");
    const user = userId ? await findUserById(tx, userId) : null;
    if (!user || user.kind !== "resident") return { ok: false as const };
    if (options.previousSessionHash) await destroySession(tx, options.previousSessionHash);
    await markEmailVerified(tx, user.id);
    const session = await createSession(tx, { id: user.id, kind: "resident" }, { method: "link", level: 1 });
    return { ok: true as const, userId: user.id, session };
  });
}
