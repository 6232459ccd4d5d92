/** Throws a draft away (the published version stays as it is). Staff of the event's department. */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertDefinitionEditor } from "../policy.ts";
import { deleteDraft, lockDraftDefinition } from "../queries.ts";
import { auditNavigator } from "./support.ts";

export async function discardDefinitionDraft(options: { db: Db; actor: Actor; event: string; revision: number }): Promise<void> {
  await options.db.transaction(async (tx) => {
    const draft = await lockDraftDefinition(tx, options.event);
    if (!draft) throw new AppError("not_found", "navigator.no_draft");
    assertDefinitionEditor(options.actor, draft.departmentCode);
    if (draft.revision !== options.revision) throw new AppError("conflict", "navigator.stale_revision", { current: draft.revision });
    await deleteDraft(tx, draft.id);
    await auditNavigator(tx, options.actor, "navigator.draft_discarded", "navigator_definition", `${options.event}@${draft.version}`, draft.departmentCode, { event: options.event, version: draft.version });
  });
}
