/**
 * Registers a resident account as a member of a 自主防災組織 (voluntary disaster-prevention group),
 * so they may send field reports from /field. The resident signs up on their own first; the 危機管理室
 * (or the CLI / demo seed, actor null) registers them by e-mail address.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertCanOperate } from "../policy.ts";
import { residentIdByEmail, upsertCommunityMember } from "../queries.ts";
import { isWardCode } from "../wards.ts";
import { auditLabel } from "./support.ts";

export async function registerCommunityMember(options: { db: Db; actor: Actor | null; email: string; organisation: string; wardCode: string }): Promise<string> {
  if (options.actor) assertCanOperate(options.actor);
  const organisation = options.organisation.trim();
  if (organisation === "" || organisation.length > 100) throw new AppError("invalid_input", "disaster.organisation_required");
  if (!isWardCode(options.wardCode)) throw new AppError("invalid_input", "disaster.ward_required");
  return options.db.transaction(async (tx) => {
    const userId = await residentIdByEmail(tx, options.email.trim());
    if (!userId) throw new AppError("invalid_input", "disaster.member_unknown");
    await upsertCommunityMember(tx, { userId, organisation, wardCode: options.wardCode, addedBy: options.actor?.id ?? null });
    await appendAudit(tx, {
      actorId: options.actor?.id ?? null, actorLabel: options.actor ? auditLabel(options.actor) : "system:demo-seed",
      action: "disaster.member_registered", objectType: "user", objectId: userId, data: { organisation, wardCode: options.wardCode },
    });
    return userId;
  });
}
