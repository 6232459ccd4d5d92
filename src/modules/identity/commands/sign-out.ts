/** Ends the current session; a staff sign-out is written to the audit log. */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { destroySession } from "../sessions.ts";

export type SignOutOptions = {
  db: Db;
  /** Who is signing out (their current session is the one ended). */
  actor: Actor;
};

export async function signOut(options: SignOutOptions): Promise<void> {
  const { actor } = options;
  await options.db.transaction(async (tx) => {
    await destroySession(tx, actor.sessionTokenHash);
    if (actor.kind === "staff") {
      await appendAudit(tx, { actorId: actor.id, actorLabel: `staff:${actor.id}`, action: "staff.signed_out", objectType: "user", objectId: actor.id });
    }
  });
}
