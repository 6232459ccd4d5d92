/**
 * Saves one page of a draft (drafts save on every page, so the resident can resume on any device).
 *
 * - "continue": the page validated; its answers replace the page's previous ones (a cleared
 *   optional answer is really gone), answers hidden by the change are pruned, what was typed
 *   and not saved (pending) is forgotten, and the draft resumes at the next visible page.
 * - "exit" (下書きを保存して中断する): the answers that validated are saved the same way, and
 *   what was typed on the page is kept in drafts.pending so that nothing is lost, even values
 *   that do not validate yet; the draft resumes at this page.
 *
 * The draft row is locked while saving, and the page is merged into the answers as they are
 * now, so two devices saving different pages never undo each other.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { mergePageAnswers, nextPageId, type Answers, type FormBody } from "../forms/index.ts";
import { ownedOrNotFound } from "../policy.ts";
import { lockDraftForUser, updateDraft, type DraftPending } from "../queries.ts";

export type SaveDraftPageOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The signed-in resident; the draft must be theirs. */
  actor: Actor;
  draftId: string;
  pageId: string;
  /** The page's answers from parsePage (only those that validated). */
  pageAnswers: Partial<Answers>;
  mode: "continue" | "exit";
  /** "exit" only: the fields as typed (parsePage's raw), kept when the page has errors. */
  typed?: FormBody;
  /** "exit" only: whether the page had errors (then `typed` is kept). */
  hasErrors?: boolean;
};

export type SaveDraftPageResult = {
  answers: Answers;
  /** The visible page after this one for the saved answers, or null (→ check your answers). */
  nextPageId: string | null;
};

export async function saveDraftPage(options: SaveDraftPageOptions): Promise<SaveDraftPageResult> {
  const { db, actor, draftId, pageId } = options;
  return db.transaction(async (tx) => {
    const draft = ownedOrNotFound(actor, await lockDraftForUser(tx, draftId, actor.id), "draft.not_found");
    if (draft.submittedAt) throw new AppError("conflict", "draft.submitted");
    const page = draft.definition.pages.find((p) => p.id === pageId);
    if (!page) throw new AppError("not_found", "draft.page_not_found");

    const answers = mergePageAnswers(draft.definition, pageId, draft.answers, options.pageAnswers);
    const pending: DraftPending = { pages: { ...(draft.pending.pages ?? {}) }, prefill: { ...(draft.pending.prefill ?? {}) } };
    delete pending.pages![pageId];
    if (options.mode === "exit" && options.hasErrors && options.typed) pending.pages![pageId] = options.typed;
    // Once a page is saved, its own answers (or their absence) win over profile suggestions.
    for (const q of page.questions) delete pending.prefill![q.id];

    const next = nextPageId(draft.definition, answers, pageId);
    await updateDraft(tx, draftId, { answers, pending, currentPage: options.mode === "exit" ? pageId : next });
    return { answers, nextPageId: next };
  });
}
