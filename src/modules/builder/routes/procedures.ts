/**
 * HTTP of the procedure builder (staff). Each handler is a pipeline: staff only → parse →
 * load the working copy (another department's is a 404) → command → 303 to the overview with
 * what was done, or the form again (422 with every problem and its JSON path, 409 after someone
 * else saved), with what was typed kept.
 *
 *   GET  /staff/builder                                     start page: working copies, search, pages
 *   GET  /staff/builder/procedures/new                      POST same: create a procedure
 *   POST /staff/builder/procedures/:id/open                 start a working copy of an imported procedure
 *   GET  /staff/builder/procedures/:id                      overview: state, review, outline
 *   GET  …/metadata                       POST same
 *   GET  …/pages/new                      POST same        GET …/pages/:pageId   POST same
 *   POST …/pages/:pageId/move | /delete
 *   GET  …/pages/:pageId/questions/new?type=             POST same
 *   GET  …/questions/:groupId/fields/new?type=          POST same
 *   GET  …/questions/:ref                  POST same        (ref: "q" or "group.field")
 *   POST …/questions/:ref/move | /delete
 *   POST …/questions-preview              the question as a resident sees it (HTML fragment, live preview)
 *   POST …/reorder                        drag and drop: the new order of pages and questions
 *   GET  …/json                           POST same: the whole definition as JSON
 *   POST …/submit | /approve | /return | /visibility
 *   GET  …/versions                       versions, who published them, the change history
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { normalizeWidth } from "../../../core/text/japanese.ts";
import { listDepartments, requireStaff, staffNames } from "../../identity/index.ts";
import { categoryNames, lifeEventNames, listProcedureVersions, type FormDefinition, type QuestionDef } from "../../procedures/index.ts";
import { createProcedure, openInBuilder } from "../commands/create-procedure.ts";
import { editDefinition } from "../commands/edit-definition.ts";
import { editMetadata } from "../commands/edit-metadata.ts";
import { setProcedureVisibility } from "../commands/publish-procedure.ts";
import { approvePublication, returnToAuthor, submitForReview } from "../commands/review-procedure.ts";
import { problemsOf } from "../commands/support.ts";
import { locateQuestion, findQuestion, type DefinitionEdit } from "../definition/edit.ts";
import { fieldOfPath, isQuestionType, pageFormValues, parsePageForm, parseQuestionForm, questionFormValues, type FieldProblem, type FormBody, type FormValues } from "../definition/forms.ts";
import type { Problem } from "../definition/metadata.ts";
import { authorDepartments, authorOrNotFound, canApprove, canConfigureCaseApp, canReview, isUuid } from "../policy.ts";
import { auditTrail, countDrafts, findDraft, listDrafts, listVersionLog, proceduresWithoutDraft, type DraftRow } from "../queries.ts";
import { bodyOf, metadataFieldOf, metadataFormValues, parseMetadataForm, parseRevision, text } from "../schema.ts";
import type { DraftState } from "../tables.ts";
import { b, sendPage, type FieldErrorView } from "../views/common.ts";
import { jsonEditorPage, pageEditorPage, questionEditorPage, questionPreview } from "../views/editor.ts";
import { createFieldOf, createPage, homePage, metadataPage, overviewPage, versionsPage } from "../views/procedures.ts";

export const PAGE_SIZE = 25;

/** Nobody signed in: to the staff sign-in (pages); a resident: 403. */
export async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  requireStaff(request);
  return undefined;
}

export const guarded = { preHandler: staffOnly, schema: { hide: true } } as const;

/** The messages of form-level problems. */
function formErrors(locale: Locale, problems: FieldProblem[]): FieldErrorView[] {
  return problems.map((p) => ({ field: p.field, message: b(locale, `form.${p.code}`, p.params) }));
}

type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] } | { ok: false; conflict: true };

/** Runs a command; refused input and conflicts become outcomes, anything else is thrown on. */
async function attempt<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const problems = problemsOf(error);
    if (problems) return { ok: false, problems };
    if (isAppError(error) && error.code === "conflict" && error.reason === "builder.stale_revision") return { ok: false, conflict: true };
    throw error;
  }
}

/** Splits problems into those on a field of this form (by JSON path prefix) and the others. */
function splitProblems(problems: Problem[], ownPath: string | null): { errors: FieldErrorView[]; others: Problem[] } {
  const errors: FieldErrorView[] = [];
  const others: Problem[] = [];
  for (const p of problems) {
    // Only this question's (page's) own parts: "$.pages[0].questions[1].label", never "…questions[10]".
    const rest = ownPath !== null && p.path.startsWith(ownPath) ? p.path.slice(ownPath.length) : null;
    const field = rest !== null && (rest === "" || rest.startsWith(".")) && !rest.startsWith(".questions") ? fieldOfPath(rest) : "";
    if (field) errors.push({ field, message: `${p.message}（${p.path}）` });
    else others.push(p);
  }
  return { errors, others };
}

/** The JSON path of a question (or group field) in a definition, e.g. $.pages[1].questions[0]. */
function pathOfQuestion(def: FormDefinition, ref: string): string | null {
  const [first, field] = ref.split("/");
  for (const [pi, page] of def.pages.entries()) {
    const qi = page.questions.findIndex((q) => q.id === first);
    if (qi < 0) continue;
    if (field === undefined) return `$.pages[${pi}].questions[${qi}]`;
    const fi = page.questions[qi]!.fields?.findIndex((f) => f.id === field) ?? -1;
    return fi < 0 ? null : `$.pages[${pi}].questions[${qi}].fields[${fi}]`;
  }
  return null;
}

/** Japan time "YYYY-MM-DD HH:MM" (or with T) → Date. */
export function parseJapanTime(input: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{1,2}):(\d{2})$/.exec(normalizeWidth(input).trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || wall.getUTCHours() !== h || mi > 59) return null;
  return new Date(wall.getTime() - 9 * 3600 * 1000);
}

export function registerProcedureRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;

  async function loadDraft(request: FastifyRequest): Promise<{ staff: Actor; draft: DraftRow }> {
    const staff = requireStaff(request);
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new AppError("not_found", "builder.procedure_not_found");
    return { staff, draft: authorOrNotFound(staff, await findDraft(db, id), "builder.procedure_not_found") };
  }

  async function departmentsOf(staff: Actor): Promise<Array<{ code: string; name: LocalizedText }>> {
    const codes = authorDepartments(staff);
    return (await listDepartments(db)).filter((d) => codes.includes(d.code)).map((d) => ({ code: d.code, name: { ja: d.nameJa, en: d.nameEn } }));
  }

  async function renderOverview(reply: FastifyReply, staff: Actor, draft: DraftRow, state: { done?: string; conflict?: boolean; problems?: Problem[]; errors?: FieldErrorView[]; values?: FormValues } = {}, status = 200) {
    const ids = [draft.submittedBy, draft.approvedBy].filter((id): id is string => Boolean(id));
    const names = await staffNames(db, ids);
    return sendPage(
      reply,
      (ctx) =>
        overviewPage(ctx, {
          draft,
          names,
          canReview: canReview(staff, draft.departmentCode),
          canApprove: canApprove(staff, draft),
          canConfigureCaseApp: canConfigureCaseApp(staff, draft.departmentCode),
          ...state,
        }),
      status,
    );
  }

  /** After a command on the overview's own buttons: 303 back, or the overview with the problems. */
  async function afterOverviewCommand(request: FastifyRequest, reply: FastifyReply, draft: DraftRow, staff: Actor, outcome: Outcome<unknown>, done: string, values?: FormValues, fieldOf?: (path: string) => string) {
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=${done}`, 303);
    const latest = (await findDraft(db, draft.procedureId)) ?? draft;
    if ("conflict" in outcome) return renderOverview(reply, staff, latest, { conflict: true }, 409);
    if (fieldOf) {
      const errors = outcome.problems.map((p) => ({ field: fieldOf(p.path), message: p.message }));
      return renderOverview(reply, staff, latest, { errors, ...(values ? { values } : {}) }, 422);
    }
    void request;
    return renderOverview(reply, staff, latest, { problems: outcome.problems }, 422);
  }

  function revisionOr409(body: FormBody): number {
    const revision = parseRevision(body);
    if (revision === null) throw new AppError("conflict", "builder.stale_revision");
    return revision;
  }

  // ── Start page ─────────────────────────────────────────────────────────────────────────

  app.get("/staff/builder", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const query = request.query as Record<string, unknown>;
    const search = normalizeWidth(text(bodyOf(query), "q")).trim().slice(0, 100);
    const stateText = text(bodyOf(query), "state");
    const state = (["editing", "in_review", "scheduled", "published"] as const).find((s) => s === stateText);
    const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(text(bodyOf(query), "page"), 10) || 1));
    const codes = authorDepartments(staff);
    const filter = { departmentCodes: codes, ...(search ? { search } : {}), ...(state ? { state } : {}) };
    const [drafts, total, unopened, departments] = await Promise.all([
      listDrafts(db, { ...filter, offset: (pageNumber - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      countDrafts(db, filter),
      proceduresWithoutDraft(db, codes, 20),
      departmentsOf(staff),
    ]);
    return sendPage(reply, (ctx) => homePage(ctx, { drafts, total, page: pageNumber, pageSize: PAGE_SIZE, search, state: (state ?? "") as DraftState | "", unopened, departments }));
  });

  // ── Creating and opening ───────────────────────────────────────────────────────────────

  async function renderCreate(reply: FastifyReply, staff: Actor, values: FormValues, errors: FieldErrorView[], status: number) {
    const [departments, categories] = await Promise.all([departmentsOf(staff), categoryNames(db)]);
    const categoryList = [...categories].map(([code, name]) => ({ code, name }));
    return sendPage(reply, (ctx) => createPage(ctx, { values, errors, departments, categories: categoryList }), status);
  }

  app.get("/staff/builder/procedures/new", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    return renderCreate(reply, staff, {}, [], 200);
  });

  app.post("/staff/builder/procedures/new", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request.body);
    const values: FormValues = Object.fromEntries(Object.entries(body).filter(([k]) => k !== "_csrf").map(([k, v]) => [k, v ?? ""])) as FormValues;
    const departmentCode = text(body, "department");
    if (!authorDepartments(staff).includes(departmentCode)) throw new AppError("forbidden", "builder.other_department");
    const titleEn = text(body, "title_en").trim();
    const outcome = await attempt(() =>
      createProcedure({
        db,
        actor: staff,
        departmentCode,
        slug: text(body, "slug"),
        title: titleEn ? { ja: text(body, "title_ja").trim(), en: titleEn } : { ja: text(body, "title_ja").trim() },
        reading: text(body, "reading"),
        summary: { ja: text(body, "summary_ja").trim() },
        categoryCode: text(body, "category"),
        whoCanApply: { ja: text(body, "who_ja").trim() },
        processingTime: { ja: text(body, "processing_ja").trim() },
        locale: request.locale,
      }),
    );
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${outcome.value.procedureId}?done=created`, 303);
    const errors = "problems" in outcome ? outcome.problems.map((p) => ({ field: createFieldOf(p.path), message: p.message })) : [];
    return renderCreate(reply, staff, values, errors, 422);
  });

  app.post("/staff/builder/procedures/:id/open", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const { id } = request.params as { id: string };
    await openInBuilder({ db, actor: staff, procedureId: id });
    return reply.redirect(`/staff/builder/procedures/${id}?done=opened`, 303);
  });

  // ── Overview ───────────────────────────────────────────────────────────────────────────

  app.get("/staff/builder/procedures/:id", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const done = text(bodyOf(request.query), "done");
    return renderOverview(reply, staff, draft, done ? { done } : {});
  });

  // ── Metadata ───────────────────────────────────────────────────────────────────────────

  async function renderMetadata(reply: FastifyReply, draft: DraftRow, values: FormValues, errors: FieldErrorView[], status: number, conflict = false) {
    const [categories, events] = await Promise.all([categoryNames(db), lifeEventNames(db)]);
    return sendPage(
      reply,
      (ctx) =>
        metadataPage(ctx, {
          procedureId: draft.procedureId,
          title: draft.metadata.title,
          revision: draft.revision,
          values,
          errors,
          categories: [...categories].map(([code, name]) => ({ code, name })),
          lifeEvents: [...events].map(([code, name]) => ({ code, name })),
          conflict,
        }),
      status,
    );
  }

  app.get("/staff/builder/procedures/:id/metadata", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    return renderMetadata(reply, draft, metadataFormValues(draft.metadata), [], 200);
  });

  app.post("/staff/builder/procedures/:id/metadata", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const { metadata, errors: formErrorsFound } = parseMetadataForm(body);
    const values = metadataFormValues(metadata);
    // What was typed in the fee box stays as typed.
    values.fee = text(body, "fee");
    const errors = formErrorsFound.map((e) => ({ field: e.field, message: b(request.locale, e.key, e.params) }));
    if (errors.length > 0) return renderMetadata(reply, draft, values, errors, 422);
    const revision = parseRevision(body);
    if (revision === null) return renderMetadata(reply, draft, values, [], 409, true);
    const outcome = await attempt(() => editMetadata({ db, actor: staff, procedureId: draft.procedureId, revision, metadata, locale: request.locale }));
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=metadata_saved`, 303);
    const latest = (await findDraft(db, draft.procedureId)) ?? draft;
    if ("conflict" in outcome) return renderMetadata(reply, latest, values, [], 409, true);
    return renderMetadata(reply, draft, values, outcome.problems.map((p) => ({ field: metadataFieldOf(p.path), message: p.message })), 422);
  });

  // ── Definition edits ───────────────────────────────────────────────────────────────────

  /** Runs a definition edit for a form page; the outcome, or null when it was a stale revision form. */
  async function edit(request: FastifyRequest, staff: Actor, draft: DraftRow, body: FormBody, editOrEdits: DefinitionEdit | DefinitionEdit[]) {
    const revision = parseRevision(body);
    if (revision === null) return { ok: false, conflict: true } as const;
    return attempt(() => editDefinition({ db, actor: staff, procedureId: draft.procedureId, revision, edit: editOrEdits, locale: request.locale }));
  }

  // Pages

  function renderPageEditor(reply: FastifyReply, draft: DraftRow, pageId: string | null, values: FormValues, errors: FieldErrorView[], problems: Problem[], status: number, conflict = false) {
    return sendPage(
      reply,
      (ctx) =>
        pageEditorPage(ctx, {
          procedureId: draft.procedureId,
          procedureTitle: draft.metadata.title,
          revision: draft.revision,
          definition: draft.definition,
          pageId,
          values,
          errors,
          problems,
          conflict,
        }),
      status,
    );
  }

  function freshPageId(def: FormDefinition): string {
    for (let n = def.pages.length + 1; ; n++) if (!def.pages.some((p) => p.id === `page_${n}`)) return `page_${n}`;
  }

  app.get("/staff/builder/procedures/:id/pages/new", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    return renderPageEditor(reply, draft, null, { id: freshPageId(draft.definition), cond_op: "equals" }, [], [], 200);
  });

  app.post("/staff/builder/procedures/:id/pages/new", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const { page, problems: formProblems } = parsePageForm(body);
    const values = { ...pageFormValues({ ...page, questions: [] }), cond_question: text(body, "cond_question"), cond_op: text(body, "cond_op"), cond_value: text(body, "cond_value") };
    if (formProblems.length) return renderPageEditor(reply, draft, null, values, formErrors(request.locale, formProblems), [], 422);
    // A new page starts with one short text question, so that it is a valid page at once.
    const starter: QuestionDef = { id: `${page.id}_q1`, type: "text", label: { ja: "（質問文を入力してください）", en: "(Enter the question)" } };
    const outcome = await edit(request, staff, draft, body, { op: "addPage", page: { ...page, questions: [starter] } });
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}/questions/${starter.id}?done=page_added`, 303);
    const latest = (await findDraft(db, draft.procedureId)) ?? draft;
    if ("conflict" in outcome) return renderPageEditor(reply, latest, null, values, [], [], 409, true);
    const path = `$.pages[${draft.definition.pages.length}]`;
    const { errors, others } = splitProblems(outcome.problems, path);
    return renderPageEditor(reply, draft, null, values, errors, others, 422);
  });

  app.get("/staff/builder/procedures/:id/pages/:pageId", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const { pageId } = request.params as { pageId: string };
    const page = draft.definition.pages.find((p) => p.id === pageId);
    if (!page) throw new AppError("not_found", "builder.page_not_found");
    return renderPageEditor(reply, draft, page.id, pageFormValues(page), [], [], 200);
  });

  app.post("/staff/builder/procedures/:id/pages/:pageId", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const { pageId } = request.params as { pageId: string };
    const index = draft.definition.pages.findIndex((p) => p.id === pageId);
    if (index < 0) throw new AppError("not_found", "builder.page_not_found");
    const body = bodyOf(request.body);
    const { page, problems: formProblems } = parsePageForm(body, draft.definition.pages[index]);
    const values = { ...pageFormValues({ ...page, questions: [] }), cond_question: text(body, "cond_question"), cond_op: text(body, "cond_op"), cond_value: text(body, "cond_value"), ...(text(body, "cond_keep") ? { cond_keep: "yes" } : {}) };
    if (formProblems.length) return renderPageEditor(reply, draft, pageId, values, formErrors(request.locale, formProblems), [], 422);
    const outcome = await edit(request, staff, draft, body, { op: "updatePage", pageId, page });
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=page_saved#page-${page.id}`, 303);
    const latest = (await findDraft(db, draft.procedureId)) ?? draft;
    if ("conflict" in outcome) return renderPageEditor(reply, latest, pageId, values, [], [], 409, true);
    const { errors, others } = splitProblems(outcome.problems, `$.pages[${index}]`);
    return renderPageEditor(reply, draft, pageId, values, errors, others, 422);
  });

  app.post("/staff/builder/procedures/:id/pages/:pageId/move", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const { pageId } = request.params as { pageId: string };
    const body = bodyOf(request.body);
    const index = draft.definition.pages.findIndex((p) => p.id === pageId);
    if (index < 0) throw new AppError("not_found", "builder.page_not_found");
    const to = text(body, "direction") === "up" ? index - 1 : index + 1;
    const outcome = await edit(request, staff, draft, body, { op: "movePage", pageId, to: Math.max(0, to) });
    return afterOverviewCommand(request, reply, draft, staff, outcome, "page_moved");
  });

  app.post("/staff/builder/procedures/:id/pages/:pageId/delete", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const { pageId } = request.params as { pageId: string };
    const outcome = await edit(request, staff, draft, bodyOf(request.body), { op: "removePage", pageId });
    return afterOverviewCommand(request, reply, draft, staff, outcome, "page_removed");
  });

  // Questions

  type QuestionTarget = { pageId: string; ref: string | null; groupId?: string };

  function renderQuestionEditor(reply: FastifyReply, draft: DraftRow, target: QuestionTarget, type: QuestionDef["type"], values: FormValues, errors: FieldErrorView[], problems: Problem[], preview: QuestionDef | null, status: number, conflict = false) {
    return sendPage(
      reply,
      (ctx) =>
        questionEditorPage(ctx, {
          procedureId: draft.procedureId,
          procedureTitle: draft.metadata.title,
          revision: draft.revision,
          definition: draft.definition,
          pageId: target.pageId,
          ref: target.ref,
          ...(target.groupId ? { groupId: target.groupId } : {}),
          type,
          values,
          errors,
          problems,
          preview,
          conflict,
        }),
      status,
    );
  }

  function refOf(param: string): string {
    return param.replace(".", "/");
  }

  /** A free question id: "q1", "q2", … (or within a group's fields). */
  function freshQuestionId(def: FormDefinition, group?: QuestionDef): string {
    const used = new Set(group ? (group.fields ?? []).map((f) => f.id) : def.pages.flatMap((p) => p.questions.map((q) => q.id)));
    for (let n = 1; ; n++) if (!used.has(`q${n}`)) return `q${n}`;
  }

  function newQuestionValues(type: QuestionDef["type"], id: string): FormValues {
    return { ...questionFormValues({ id, type, label: { ja: "" } }), type };
  }

  app.get("/staff/builder/procedures/:id/pages/:pageId/questions/new", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const { pageId } = request.params as { pageId: string };
    if (!draft.definition.pages.some((p) => p.id === pageId)) throw new AppError("not_found", "builder.page_not_found");
    const typeText = text(bodyOf(request.query), "type");
    const type = isQuestionType(typeText) ? typeText : "text";
    return renderQuestionEditor(reply, draft, { pageId, ref: null }, type, newQuestionValues(type, freshQuestionId(draft.definition)), [], [], null, 200);
  });

  app.get("/staff/builder/procedures/:id/questions/:groupId/fields/new", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const { groupId } = request.params as { groupId: string };
    const group = findQuestion(draft.definition, groupId);
    if (!group || group.type !== "group") throw new AppError("not_found", "builder.question_not_found");
    const { page } = locateQuestion(draft.definition, groupId);
    const typeText = text(bodyOf(request.query), "type");
    const type = isQuestionType(typeText) && typeText !== "group" && typeText !== "calculated" ? typeText : "text";
    return renderQuestionEditor(reply, draft, { pageId: page.id, ref: null, groupId }, type, newQuestionValues(type, freshQuestionId(draft.definition, group)), [], [], null, 200);
  });

  async function saveNewQuestion(request: FastifyRequest, reply: FastifyReply, target: QuestionTarget) {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const { question, problems: formProblems } = parseQuestionForm(body);
    const values = { ...questionFormValues(question), ...rawCondition(body) };
    if (text(body, "_action") === "preview" || formProblems.length) {
      return renderQuestionEditor(reply, draft, target, question.type, values, formErrors(request.locale, formProblems), [], question, formProblems.length ? 422 : 200);
    }
    const outcome = await edit(request, staff, draft, body, { op: "addQuestion", pageId: target.pageId, question, ...(target.groupId ? { groupId: target.groupId } : {}) });
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=question_added#page-${target.pageId}`, 303);
    const latest = (await findDraft(db, draft.procedureId)) ?? draft;
    if ("conflict" in outcome) return renderQuestionEditor(reply, latest, target, question.type, values, [], [], question, 409, true);
    // The new question's path: at the end of its page (or its group's fields).
    const pageIndex = draft.definition.pages.findIndex((p) => p.id === target.pageId);
    const page = draft.definition.pages[pageIndex]!;
    let path = `$.pages[${pageIndex}].questions[${page.questions.length}]`;
    if (target.groupId) {
      const gi = page.questions.findIndex((q) => q.id === target.groupId);
      path = `$.pages[${pageIndex}].questions[${gi}].fields[${page.questions[gi]?.fields?.length ?? 0}]`;
    }
    const { errors, others } = splitProblems(outcome.problems, path);
    return renderQuestionEditor(reply, draft, target, question.type, values, errors, others, question, 422);
  }

  function rawCondition(body: FormBody): FormValues {
    return { cond_question: text(body, "cond_question"), cond_op: text(body, "cond_op") || "equals", cond_value: text(body, "cond_value"), ...(text(body, "cond_keep") ? { cond_keep: "yes" } : {}) };
  }

  app.post("/staff/builder/procedures/:id/pages/:pageId/questions/new", guarded, async (request, reply) => {
    const { pageId } = request.params as { pageId: string };
    return saveNewQuestion(request, reply, { pageId, ref: null });
  });

  app.post("/staff/builder/procedures/:id/questions/:groupId/fields/new", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const { groupId } = request.params as { groupId: string };
    const group = findQuestion(draft.definition, groupId);
    if (!group || group.type !== "group") throw new AppError("not_found", "builder.question_not_found");
    const { page } = locateQuestion(draft.definition, groupId);
    return saveNewQuestion(request, reply, { pageId: page.id, ref: null, groupId });
  });

  app.get("/staff/builder/procedures/:id/questions/:ref", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const ref = refOf((request.params as { ref: string }).ref);
    const question = findQuestion(draft.definition, ref);
    if (!question) throw new AppError("not_found", "builder.question_not_found");
    const { page } = locateQuestion(draft.definition, ref);
    return renderQuestionEditor(reply, draft, { pageId: page.id, ref }, question.type, questionFormValues(question), [], [], question, 200);
  });

  app.post("/staff/builder/procedures/:id/questions/:ref", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const ref = refOf((request.params as { ref: string }).ref);
    const existing = findQuestion(draft.definition, ref);
    if (!existing) throw new AppError("not_found", "builder.question_not_found");
    const { page } = locateQuestion(draft.definition, ref);
    const target = { pageId: page.id, ref };
    const body = bodyOf(request.body);
    const { question, problems: formProblems } = parseQuestionForm(body, existing);
    const values = { ...questionFormValues(question), ...rawCondition(body) };
    if (text(body, "_action") === "preview" || formProblems.length) {
      return renderQuestionEditor(reply, draft, target, question.type, values, formErrors(request.locale, formProblems), [], question, formProblems.length ? 422 : 200);
    }
    const outcome = await edit(request, staff, draft, body, { op: "updateQuestion", ref, question });
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=question_saved#page-${page.id}`, 303);
    const latest = (await findDraft(db, draft.procedureId)) ?? draft;
    if ("conflict" in outcome) return renderQuestionEditor(reply, latest, target, question.type, values, [], [], question, 409, true);
    const { errors, others } = splitProblems(outcome.problems, pathOfQuestion(draft.definition, ref));
    return renderQuestionEditor(reply, draft, target, question.type, values, errors, others, question, 422);
  });

  app.post("/staff/builder/procedures/:id/questions/:ref/move", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const ref = refOf((request.params as { ref: string }).ref);
    const body = bodyOf(request.body);
    let index: number;
    try {
      index = locateQuestion(draft.definition, ref).index;
    } catch {
      throw new AppError("not_found", "builder.question_not_found");
    }
    const to = text(body, "direction") === "up" ? index - 1 : index + 1;
    const outcome = await edit(request, staff, draft, body, { op: "moveQuestion", ref, to: Math.max(0, to) });
    return afterOverviewCommand(request, reply, draft, staff, outcome, "question_moved");
  });

  app.post("/staff/builder/procedures/:id/questions/:ref/delete", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const ref = refOf((request.params as { ref: string }).ref);
    const outcome = await edit(request, staff, draft, bodyOf(request.body), { op: "removeQuestion", ref });
    return afterOverviewCommand(request, reply, draft, staff, outcome, "question_removed");
  });

  // Live preview of the question being edited (editor.js); the same markup as the no-JS preview.
  app.post("/staff/builder/procedures/:id/questions-preview", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const { question } = parseQuestionForm(body);
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(questionPreview(request.locale, question, draft.definition).value);
  });

  // Drag and drop (editor.js): the whole new order of pages and their questions.
  app.post("/staff/builder/procedures/:id/reorder", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    let order: Array<{ id: string; questions: string[] }>;
    try {
      const parsed: unknown = JSON.parse(text(body, "order"));
      if (!Array.isArray(parsed)) throw new Error("not a list");
      order = parsed.map((p: { id?: unknown; questions?: unknown }) => ({
        id: String(p.id),
        questions: Array.isArray(p.questions) ? p.questions.map(String) : [],
      }));
    } catch {
      throw new AppError("invalid_input", "builder.order_unreadable");
    }
    const outcome = await edit(request, staff, draft, body, { op: "reorder", pages: order });
    return afterOverviewCommand(request, reply, draft, staff, outcome, "reordered");
  });

  // ── JSON ───────────────────────────────────────────────────────────────────────────────

  app.get("/staff/builder/procedures/:id/json", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    return sendPage(reply, (ctx) => jsonEditorPage(ctx, { procedureId: draft.procedureId, procedureTitle: draft.metadata.title, revision: draft.revision, json: JSON.stringify(draft.definition, null, 2), problems: [] }));
  });

  app.post("/staff/builder/procedures/:id/json", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const json = text(body, "definition");
    const render = (d: DraftRow, problems: Problem[], status: number, conflict = false) =>
      sendPage(reply, (ctx) => jsonEditorPage(ctx, { procedureId: d.procedureId, procedureTitle: d.metadata.title, revision: d.revision, json, problems, conflict }), status);
    let definition: FormDefinition;
    try {
      definition = JSON.parse(json) as FormDefinition;
    } catch (error) {
      const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
      const at = position === undefined ? null : lineAndColumn(json, Number(position));
      return render(draft, [{ path: "$", code: "json_syntax", message: at ? b(request.locale, "json.syntaxAt", at) : b(request.locale, "json.syntax") }], 422);
    }
    if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
      return render(draft, [{ path: "$", code: "not_object", message: t(request.locale, "forms.def.not_object") }], 422);
    }
    const outcome = await edit(request, staff, draft, body, { op: "replace", definition });
    if (outcome.ok) return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=json_saved`, 303);
    if ("conflict" in outcome) return render((await findDraft(db, draft.procedureId)) ?? draft, [], 409, true);
    return render(draft, outcome.problems, 422);
  });

  // ── Review and publication ─────────────────────────────────────────────────────────────

  app.post("/staff/builder/procedures/:id/submit", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const outcome = await attempt(() => submitForReview({ db, actor: staff, procedureId: draft.procedureId, revision: revisionOr409(body), locale: request.locale }));
    return afterOverviewCommand(request, reply, draft, staff, outcome, "submitted");
  });

  app.post("/staff/builder/procedures/:id/approve", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const locale = request.locale;
    const when = text(body, "when") === "later" ? "later" : "now";
    const values: FormValues = { when, publish_at: text(body, "publish_at") };
    let publishAt: Date | null = null;
    if (when === "later") {
      publishAt = parseJapanTime(text(body, "publish_at"));
      const error = !publishAt ? b(locale, "overview.publishAtInvalid") : publishAt.getTime() <= Date.now() ? b(locale, "overview.publishAtPast") : null;
      if (error) return renderOverview(reply, staff, draft, { errors: [{ field: "publish_at", message: error }], values }, 422);
    }
    const outcome = await attempt(() => approvePublication({ db, actor: staff, procedureId: draft.procedureId, revision: revisionOr409(body), publishAt, locale }));
    const done = outcome.ok && outcome.value.status === "scheduled" ? "scheduled" : "published";
    return afterOverviewCommand(request, reply, draft, staff, outcome, done);
  });

  app.post("/staff/builder/procedures/:id/return", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request.body);
    const note = text(body, "note");
    const outcome = await attempt(() => returnToAuthor({ db, actor: staff, procedureId: draft.procedureId, revision: revisionOr409(body), note, locale: request.locale }));
    return afterOverviewCommand(request, reply, draft, staff, outcome, "returned", { note }, () => "note");
  });

  app.post("/staff/builder/procedures/:id/visibility", guarded, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const published = text(bodyOf(request.body), "published") === "yes";
    await setProcedureVisibility({ db, actor: staff, procedureId: draft.procedureId, published });
    return reply.redirect(`/staff/builder/procedures/${draft.procedureId}?done=${published ? "republished" : "unpublished"}`, 303);
  });

  // ── Versions and history ───────────────────────────────────────────────────────────────

  app.get("/staff/builder/procedures/:id/versions", guarded, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const [versions, log, trail] = await Promise.all([listProcedureVersions(db, draft.procedureId), listVersionLog(db, draft.procedureId), auditTrail(db, "procedure", draft.procedureId)]);
    const ids = new Set<string>();
    for (const l of log) for (const id of [l.authoredBy, l.approvedBy]) if (id) ids.add(id);
    for (const item of trail) if (item.actorId) ids.add(item.actorId);
    const names = await staffNames(db, [...ids]);
    return sendPage(reply, (ctx) => versionsPage(ctx, { procedureId: draft.procedureId, title: draft.metadata.title, versions, log, trail, names }));
  });
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
