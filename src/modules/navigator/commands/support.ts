/** Small things the navigator's commands share. */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";

/** Audit labels identify staff by id, never by name or e-mail. */
export function staffLabel(actor: Actor): string {
  return `staff:${actor.id}`;
}

export async function auditNavigator(
  tx: Db,
  actor: Actor | null,
  action: string,
  objectType: "navigator_definition" | "support_programmes",
  objectId: string,
  departmentCode: string | null,
  data: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, {
    actorId: actor?.id ?? null,
    actorLabel: actor ? staffLabel(actor) : "system:navigator",
    action,
    objectType,
    objectId,
    departmentCode,
    data,
  });
}
