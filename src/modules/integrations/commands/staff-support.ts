/** What the staff commands of integrations share: the audit record of a manager's action. */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";

/** Appends the audit record of a manager's action (facts only: ids, departments, counts — never secrets). */
export async function auditIntegration(
  tx: Db,
  actor: Actor,
  entry: { action: string; objectType: "webhook_subscription" | "webhook_delivery" | "oauth_client"; objectId: string; departmentCode: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await appendAudit(tx, {
    actorId: actor.id,
    actorLabel: `staff:${actor.id}`,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    departmentCode: entry.departmentCode,
    data: entry.data ?? {},
  });
}
