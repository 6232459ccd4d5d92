/**
 * Saves one change of a draft definition (from the structured editor or the JSON page). The form
 * carries the draft's revision: a change made on a page that is out of date is refused with
 * 'navigator.stale_revision' (409), so two people editing never overwrite each other silently.
 * Every save is audited with the kind of change, not the text.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { NavigatorDefinition } from "../definition.ts";
import type { EditorError } from "../editor.ts";
import { assertDefinitionEditor } from "../policy.ts";
import { lockDraftDefinition, updateDraftDefinition } from "../queries.ts";
import { DefinitionSchema } from "../schema.ts";
import { auditNavigator } from "./support.ts";

export type EditDraftOptions = {
  db: Db;
  actor: Actor;
  event: string;
  /** The revision the page was rendered with. */
  revision: number;
  /** What the change was, for the audit log (e.g. "question.saved"). */
  change: string;
  /** The change: the new definition, or a field error for the form. */
  apply: (definition: NavigatorDefinition) => { definition: NavigatorDefinition; error?: EditorError };
};

export type EditDraftResult = { revision: number; definition: NavigatorDefinition } | { error: EditorError };

export async function editDraft(options: EditDraftOptions): Promise<EditDraftResult> {
  return options.db.transaction(async (tx) => {
    const draft = await lockDraftDefinition(tx, options.event);
    if (!draft) throw new AppError("not_found", "navigator.no_draft");
    assertDefinitionEditor(options.actor, draft.departmentCode);
    if (draft.revision !== options.revision) throw new AppError("conflict", "navigator.stale_revision", { current: draft.revision });
    const result = options.apply(draft.definition);
    if (result.error) return { error: result.error };
    // The editor's forms only build valid shapes; this guards against a bug writing a broken draft.
    const shape = DefinitionSchema.safeParse(result.definition);
    if (!shape.success) throw new AppError("invalid_input", "navigator.definition_shape");
    const definition = { ...result.definition, event: draft.definition.event };
    const revision = await updateDraftDefinition(tx, draft.id, definition, options.actor.id);
    await auditNavigator(tx, options.actor, "navigator.draft_edited", "navigator_definition", `${options.event}@${draft.version}`, draft.departmentCode, { change: options.change, revision });
    return { revision, definition };
  });
}
