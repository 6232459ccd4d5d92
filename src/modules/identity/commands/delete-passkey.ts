/**
 * Removes one of the signed-in person's own passkeys. The account keeps its assurance level (what
 * was proven stays proven); without a passkey, level-2 sign-ins need a new passkey or the
 * national ID. Staff removals are audited.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { deletePasskey as deleteRow } from "../passkeys/queries.ts";

export async function deletePasskey(options: { db: Db; actor: Actor; credentialId: string }): Promise<void> {
  await options.db.transaction(async (tx) => {
    // Someone else's passkey is "not found", never "forbidden": ids are not to be probed.
    if (!(await deleteRow(tx, options.actor.id, options.credentialId))) throw new AppError("not_found", "identity.passkey_not_found");
    if (options.actor.kind === "staff") {
      await appendAudit(tx, { actorId: options.actor.id, actorLabel: `staff:${options.actor.id}`, action: "staff.passkey_removed", objectType: "user", objectId: options.actor.id });
    }
  });
}
