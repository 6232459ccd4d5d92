/**
 * Opens the draft of a life event's next version for editing: the existing draft, or a copy of
 * the published version (as version n+1). Staff of the event's department only.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertDefinitionEditor } from "../policy.ts";
import { findDraftDefinition, findPublishedDefinition, insertDefinition, lockEvent, maxVersion, type DefinitionRow } from "../queries.ts";
import { auditNavigator } from "./support.ts";

export type StartDraftOptions = {
  db: Db;
  actor: Actor;
  /** Life event code. */
  event: string;
};

export async function startDefinitionDraft(options: StartDraftOptions): Promise<DefinitionRow> {
  return options.db.transaction(async (tx) => {
    await lockEvent(tx, options.event);
    const existing = await findDraftDefinition(tx, options.event);
    if (existing) {
      assertDefinitionEditor(options.actor, existing.departmentCode);
      return existing;
    }
    const published = await findPublishedDefinition(tx, options.event);
    if (!published) throw new AppError("not_found", "navigator.event_not_found");
    assertDefinitionEditor(options.actor, published.departmentCode);
    const version = (await maxVersion(tx, options.event)) + 1;
    await insertDefinition(tx, {
      event: options.event,
      version,
      status: "draft",
      departmentCode: published.departmentCode,
      definition: published.definition,
      basedOn: published.version,
      userId: options.actor.id,
    });
    await auditNavigator(tx, options.actor, "navigator.draft_started", "navigator_definition", `${options.event}@${version}`, published.departmentCode, { event: options.event, version, basedOn: published.version });
    return (await findDraftDefinition(tx, options.event))!;
  });
}
