/**
 * Changes the form of a working copy: adds, edits, moves or removes a page or question,
 * reorders them (drag and drop), or replaces the whole definition (the JSON editor). The edit is
 * applied to a copy, the whole result is checked (forms engine + builder limits), and only a
 * result without problems is saved — in one statement, so nothing is ever half-saved. Every
 * saved edit sends the copy back to editing (out of review, any schedule cancelled) and is audited.
 */
import { AppError } from "../../../core/http/errors.ts";
import { applyEdit, EditError, type DefinitionEdit } from "../definition/edit.ts";
import { updateDraft } from "../queries.ts";
import { auditBuilder, backToEditing, checkDefinition, invalid, openDraft, staleRevision, type DraftCommandOptions } from "./support.ts";

export type EditDefinitionOptions = DraftCommandOptions & {
  /** One edit, or several applied in order and saved together (e.g. change a question and move it to another page). */
  edit: DefinitionEdit | DefinitionEdit[];
};

/** What an edit touched, for the audit record (ids only, never answers or labels). */
function auditTarget(edit: DefinitionEdit): Record<string, unknown> {
  switch (edit.op) {
    case "addPage":
      return { pageId: edit.page.id };
    case "updatePage":
    case "movePage":
    case "removePage":
      return { pageId: edit.pageId };
    case "addQuestion":
      return { pageId: edit.pageId, questionId: edit.question.id, type: edit.question.type, ...(edit.groupId ? { groupId: edit.groupId } : {}) };
    case "updateQuestion":
      return { ref: edit.ref, questionId: edit.question.id, type: edit.question.type };
    case "moveQuestion":
      return { ref: edit.ref, ...(edit.toPageId ? { toPageId: edit.toPageId } : {}), to: edit.to };
    case "removeQuestion":
      return { ref: edit.ref };
    case "reorder":
      return { pages: edit.pages.map((p) => p.id) };
    case "replace":
      return { pages: Array.isArray(edit.definition?.pages) ? edit.definition.pages.length : 0 };
  }
}

/**
 * Returns the copy's new revision. Throws 'builder.invalid' with every problem of the result,
 * 'builder.page_not_found' / 'builder.question_not_found' (404) for a stale reference, and the
 * errors of openDraft.
 *
 * @example await editDefinition({ db, actor, procedureId, revision: 3, edit: { op: "removeQuestion", ref: "phone" } })
 */
export async function editDefinition(options: EditDefinitionOptions): Promise<{ revision: number }> {
  const locale = options.locale ?? "ja";
  return options.db.transaction(async (tx) => {
    const draft = await openDraft(tx, options);
    const edits = Array.isArray(options.edit) ? options.edit : [options.edit];
    let definition = draft.definition;
    try {
      for (const edit of edits) definition = applyEdit(definition, edit);
    } catch (error) {
      if (error instanceof EditError) {
        if (error.code === "order_mismatch") throw staleRevision();
        throw new AppError("not_found", `builder.${error.code}`, { target: error.target });
      }
      throw error;
    }
    const problems = checkDefinition(definition, locale);
    if (problems.length > 0) throw invalid(problems);
    const revision = await updateDraft(tx, draft.procedureId, draft.revision, { definition, ...backToEditing(draft) }, options.actor.id);
    if (revision === null) throw staleRevision();
    await auditBuilder(tx, options.actor, {
      action: "builder.definition_edited",
      objectType: "procedure",
      objectId: draft.procedureId,
      departmentCode: draft.departmentCode,
      data: { op: edits.map((e) => e.op).join("+"), ...Object.assign({}, ...edits.map(auditTarget)), revision, withdrewReview: draft.state !== "editing" && draft.state !== "published" },
    });
    return { revision };
  });
}
