/**
 * Staff pages of the navigator (signed-in staff; a definition's department edits, its managers
 * publish; programmes by the SUPPORT_PROGRAMMES_DEPARTMENT):
 *
 *   GET  /staff/navigator                                     life events          POST same: new life event
 *   GET  /staff/navigator/:event                              versions             POST …/draft: start a draft
 *   GET  /staff/navigator/:event/draft                        the draft editor     POST …/basics, …/discard
 *   GET  /staff/navigator/:event/draft/questions/:id|new      question form        POST same; …/move, …/delete
 *   GET  /staff/navigator/:event/draft/items/:id|new          item form            POST same; …/move, …/delete
 *   GET  /staff/navigator/:event/draft/json                   JSON with JSON-Pointer validation   POST same
 *   GET  /staff/navigator/:event/draft/test                   test harness         POST …/tests, …/tests/delete
 *   POST /staff/navigator/:event/publish                      managers
 *   GET  /staff/navigator/:event/versions/:version            a version (read only)
 *   GET  /staff/support-programmes                            programmes + import  POST …/import (multipart)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { handlerFor, type FieldError, type FormBody } from "../../procedures/forms/index.ts";
import { listDepartments, requireStaff, staffDepartmentCodes } from "../../identity/index.ts";
import { loadCatalogue } from "../catalogue.ts";
import { computeChecklist, type Checklist } from "../checklist.ts";
import { createLifeEvent } from "../commands/create-life-event.ts";
import { discardDefinitionDraft } from "../commands/discard-draft.ts";
import { editDraft, type EditDraftOptions } from "../commands/edit-draft.ts";
import { importSupportProgrammes } from "../commands/import-support-programmes.ts";
import { publishDefinitionDraft } from "../commands/publish-draft.ts";
import { startDefinitionDraft } from "../commands/start-draft.ts";
import type { CityConfig } from "../config.ts";
import type { NavigatorAnswers, NavigatorDefinition } from "../definition.ts";
import {
  addTestCase,
  definitionJson,
  deleteEntry,
  moveEntry,
  parseItemForm,
  parseQuestionForm,
  putBasics,
  putItem,
  putQuestion,
  removeTestCase,
  type EditorError,
} from "../editor.ts";
import { answersQuery, formOf, prune, readAnswers } from "../journey.ts";
import { assertDefinitionEditor, assertProgrammeManager, canEditDefinition, canManageProgrammes, canPublishDefinition } from "../policy.ts";
import type { CsvEncoding, ImportProblem } from "../programmes/csv-import.ts";
import { MAX_IMPORT_BYTES } from "../programmes/csv-import.ts";
import { findDefinitionVersion, findDraftDefinition, findPublishedDefinition, listDefinitionVersions, listEventOverviews, listProgrammes, type DefinitionRow } from "../queries.ts";
import { EVENT_CODE, RESERVED_EVENTS } from "../schema.ts";
import { validateDefinition, type DefinitionProblem } from "../validate-definition.ts";
import { m } from "../views/format.ts";
import {
  draftPage,
  harnessPage,
  itemEditorPage,
  jsonPage,
  programmesStaffPage,
  questionEditorPage,
  staffEventPage,
  staffEventsPage,
  versionPage,
} from "../views/staff.ts";

const HIDDEN = { schema: { hide: true } } as const;

function bodyOf(request: FastifyRequest): FormBody {
  const out: FormBody = {};
  for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string") out[name] = value;
    else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

function field(body: FormBody, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? v[0] ?? "" : v ?? "").trim();
}

function revisionOf(body: FormBody): number {
  const n = Number(field(body, "revision"));
  if (!Number.isInteger(n) || n < 1) throw new AppError("invalid_input", "navigator.revision_missing");
  return n;
}

function editorErrors(locale: Locale, errors: readonly EditorError[]): Array<{ field: string; message: string }> {
  return errors.map((e) => ({ field: e.field, message: m(locale, `staff.error.${e.code}`, e.params ?? {}) }));
}

function isStale(error: unknown): boolean {
  return isAppError(error) && error.reason === "navigator.stale_revision";
}

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps, city: CityConfig): void {
  const { db } = deps;
  const wardCodes = new Set(city.wards.map((w) => w.code));

  async function knownProcedures(): Promise<Set<string>> {
    return new Set((await loadCatalogue(db)).keys());
  }

  async function validate(definition: NavigatorDefinition, event: string): Promise<DefinitionProblem[]> {
    return validateDefinition(definition, { knownProcedures: await knownProcedures(), event }).problems;
  }

  /** The draft of an event, for a staff member of its department. */
  async function loadDraft(request: FastifyRequest): Promise<{ staff: Actor; draft: DefinitionRow }> {
    const staff = requireStaff(request);
    const { event } = request.params as { event: string };
    const draft = EVENT_CODE.test(event) ? await findDraftDefinition(db, event) : null;
    if (!draft) throw new AppError("not_found", "navigator.no_draft");
    assertDefinitionEditor(staff, draft.departmentCode);
    return { staff, draft };
  }

  async function renderDraft(_request: FastifyRequest, reply: FastifyReply, staff: Actor, draft: DefinitionRow, state: { notice?: string | null; errors?: Array<{ field: string; message: string }>; values?: Record<string, string> } = {}, status = 200) {
    return reply.page(
      draftPage(reply.pageContext(), {
        event: draft.event,
        version: draft.version,
        revision: draft.revision,
        definition: draft.definition,
        problems: await validate(draft.definition, draft.event),
        canPublish: canPublishDefinition(staff, draft.departmentCode),
        notice: state.notice ?? null,
        errors: state.errors ?? [],
        values: state.values ?? {},
      }),
      status,
    );
  }

  /** Runs an edit; a stale revision re-renders the draft with a message (nothing saved, nothing lost). */
  async function runEdit(request: FastifyRequest, reply: FastifyReply, options: Omit<EditDraftOptions, "db" | "actor" | "event">, done: string) {
    const { staff } = await loadDraft(request);
    const { event } = request.params as { event: string };
    try {
      const result = await editDraft({ db, actor: staff, event, ...options });
      if ("error" in result) throw new AppError("invalid_input", `navigator.${result.error.code}`);
      return reply.redirect(`/staff/navigator/${event}/draft?saved=${done}`, 303);
    } catch (error) {
      if (!isStale(error)) throw error;
      const { draft } = await loadDraft(request);
      return renderDraft(request, reply, staff, draft, { errors: [{ field: "basics", message: m(request.locale, "staff.error.stale") }] }, 409);
    }
  }

  /**
   * Saves a question or an item from its editor page. Unlike runEdit, a refused or stale save
   * re-renders the editor itself (with the typed values): a rule the change breaks at 422, a stale
   * revision at 409 with the latest revision, so a second submit goes through.
   */
  async function saveFromEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: Actor,
    draft: DefinitionRow,
    render: (errors: Array<{ field: string; message: string }>, status: number, revision?: number) => unknown,
    options: Omit<EditDraftOptions, "db" | "actor" | "event"> & { saved: string },
  ) {
    const { saved, ...edit } = options;
    try {
      const result = await editDraft({ db, actor: staff, event: draft.event, ...edit });
      if ("error" in result) return render(editorErrors(request.locale, [result.error]), 422);
    } catch (error) {
      if (!isStale(error)) throw error;
      const latest = await findDraftDefinition(db, draft.event);
      return render([{ field: "id", message: m(request.locale, "staff.error.stale") }], 409, latest?.revision ?? draft.revision);
    }
    return reply.redirect(`/staff/navigator/${draft.event}/draft?saved=${saved}`, 303);
  }

  // ── Life events ──────────────────────────────────────────────────────────────────────────────

  async function renderEvents(request: FastifyRequest, reply: FastifyReply, staff: Actor, values: Record<string, string>, errors: Array<{ field: string; message: string }>, status = 200) {
    const departments = await listDepartments(db);
    const mine = new Set(staffDepartmentCodes(staff));
    return reply.page(
      staffEventsPage(reply.pageContext(), {
        events: await listEventOverviews(db),
        departments: departments.filter((d) => mine.has(d.code)).map((d) => ({ code: d.code, name: request.locale === "en" ? d.nameEn : d.nameJa })),
        canProgrammes: canManageProgrammes(staff, city.programmesDepartment),
        values,
        errors,
      }),
      status,
    );
  }

  app.get("/staff/navigator", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    return renderEvents(request, reply, staff, {}, []);
  });

  app.post("/staff/navigator", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request);
    const values = { event: field(body, "event"), title_ja: field(body, "title_ja"), title_en: field(body, "title_en"), department: field(body, "department") };
    const errors: Array<{ field: string; message: string }> = [];
    if (!EVENT_CODE.test(values.event) || RESERVED_EVENTS.includes(values.event)) errors.push({ field: "event", message: m(request.locale, "staff.error.event_code") });
    if (!values.title_ja) errors.push({ field: "title_ja", message: m(request.locale, "staff.error.required_text") });
    if (!staffDepartmentCodes(staff).includes(values.department)) errors.push({ field: "department", message: m(request.locale, "staff.error.department") });
    if (errors.length === 0) {
      try {
        await createLifeEvent({ db, actor: staff, event: values.event, title: values.title_en ? { ja: values.title_ja, en: values.title_en } : { ja: values.title_ja }, departmentCode: values.department });
        return reply.redirect(`/staff/navigator/${values.event}/draft`, 303);
      } catch (error) {
        if (!isAppError(error) || error.reason !== "navigator.event_exists") throw error;
        errors.push({ field: "event", message: m(request.locale, "staff.error.event_exists") });
      }
    }
    return renderEvents(request, reply, staff, values, errors, 422);
  });

  app.get("/staff/navigator/:event", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const { event } = request.params as { event: string };
    if (!EVENT_CODE.test(event)) throw new AppError("not_found", "navigator.event_not_found");
    const [published, draft] = await Promise.all([findPublishedDefinition(db, event), findDraftDefinition(db, event)]);
    const current = published ?? draft;
    if (!current) throw new AppError("not_found", "navigator.event_not_found");
    const departments = await listDepartments(db);
    const department = departments.find((d) => d.code === current.departmentCode);
    return reply.page(
      staffEventPage(reply.pageContext(), {
        event,
        title: current.definition.title,
        departmentName: department ? (request.locale === "en" ? department.nameEn : department.nameJa) : current.departmentCode,
        versions: await listDefinitionVersions(db, event),
        hasDraft: draft !== null,
        canEdit: canEditDefinition(staff, current.departmentCode),
      }),
    );
  });

  app.get("/staff/navigator/:event/versions/:version", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const { event, version } = request.params as { event: string; version: string };
    const row = EVENT_CODE.test(event) && /^\d{1,6}$/.test(version) ? await findDefinitionVersion(db, event, Number(version)) : null;
    if (!row) throw new AppError("not_found", "navigator.version_not_found");
    // Published versions are public anyway; drafts only for their department.
    if (row.status === "draft") assertDefinitionEditor(staff, row.departmentCode);
    return reply.page(versionPage(reply.pageContext(), { event, version: row.version, status: row.status, json: definitionJson(row.definition) }));
  });

  app.post("/staff/navigator/:event/draft", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const { event } = request.params as { event: string };
    if (!EVENT_CODE.test(event)) throw new AppError("not_found", "navigator.event_not_found");
    await startDefinitionDraft({ db, actor: staff, event });
    return reply.redirect(`/staff/navigator/${event}/draft`, 303);
  });

  // ── Draft ────────────────────────────────────────────────────────────────────────────────────

  app.get("/staff/navigator/:event/draft", HIDDEN, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const saved = (request.query as Record<string, unknown>).saved;
    const notice = typeof saved === "string" && /^[a-z_.]{1,40}$/.test(saved) ? m(request.locale, "staff.saved") : null;
    return renderDraft(request, reply, staff, draft, { notice });
  });

  app.post("/staff/navigator/:event/draft/basics", HIDDEN, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request);
    const values = Object.fromEntries(["title_ja", "title_en", "summary_ja", "summary_en", "position"].map((k) => [k, field(body, k)]));
    const errors: Array<{ field: string; message: string }> = [];
    if (!values.title_ja) errors.push({ field: "title_ja", message: m(request.locale, "staff.error.required_text") });
    if (!values.summary_ja) errors.push({ field: "summary_ja", message: m(request.locale, "staff.error.required_text") });
    const position = Number(values.position?.normalize("NFKC"));
    if (!Number.isInteger(position) || position < 0 || position > 1000) errors.push({ field: "position", message: m(request.locale, "staff.error.position") });
    if (errors.length > 0) return renderDraft(request, reply, staff, draft, { errors, values }, 422);
    const title = values.title_en ? { ja: values.title_ja!, en: values.title_en } : { ja: values.title_ja! };
    const summary = values.summary_en ? { ja: values.summary_ja!, en: values.summary_en } : { ja: values.summary_ja! };
    return runEdit(request, reply, { revision: revisionOf(body), change: "basics.saved", apply: (def) => ({ definition: putBasics(def, { title, summary, position }) }) }, "basics");
  });

  app.post("/staff/navigator/:event/draft/discard", HIDDEN, async (request, reply) => {
    const { staff } = await loadDraft(request);
    const { event } = request.params as { event: string };
    await discardDefinitionDraft({ db, actor: staff, event, revision: revisionOf(bodyOf(request)) });
    return reply.redirect(`/staff/navigator/${event}`, 303);
  });

  app.post("/staff/navigator/:event/publish", HIDDEN, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    try {
      await publishDefinitionDraft({ db, actor: staff, event: draft.event, revision: revisionOf(bodyOf(request)) });
    } catch (error) {
      if (isAppError(error) && error.reason === "navigator.definition_invalid") {
        return renderDraft(request, reply, staff, draft, { errors: [{ field: "publish", message: m(request.locale, "staff.error.cannot_publish") }] }, 422);
      }
      if (!isStale(error)) throw error;
      const { draft: latest } = await loadDraft(request);
      return renderDraft(request, reply, staff, latest, { errors: [{ field: "publish", message: m(request.locale, "staff.error.stale") }] }, 409);
    }
    return reply.redirect(`/staff/navigator/${draft.event}?published=1`, 303);
  });

  // ── Questions ────────────────────────────────────────────────────────────────────────────────

  function questionView(draft: DefinitionRow, id: string) {
    if (id === "new") return { question: null, earlier: draft.definition.questions };
    const index = draft.definition.questions.findIndex((q) => q.id === id);
    if (index < 0) throw new AppError("not_found", "navigator.question_not_found");
    return { question: draft.definition.questions[index]!, earlier: draft.definition.questions.slice(0, index) };
  }

  app.get("/staff/navigator/:event/draft/questions/:id", HIDDEN, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const { id } = request.params as { id: string };
    const { question, earlier } = questionView(draft, id);
    return reply.page(questionEditorPage(reply.pageContext(), { event: draft.event, revision: draft.revision, question, earlier, body: null, errors: [] }));
  });

  app.post("/staff/navigator/:event/draft/questions/:id", HIDDEN, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const { id } = request.params as { id: string };
    const { question: original, earlier } = questionView(draft, id);
    const body = bodyOf(request);
    const render = (errors: Array<{ field: string; message: string }>, status: number, revision = draft.revision) =>
      reply.page(questionEditorPage(reply.pageContext(), { event: draft.event, revision, question: original, earlier, body, errors }), status);
    const parsed = parseQuestionForm(body);
    if (!parsed.question) return render(editorErrors(request.locale, parsed.errors), 422);
    const question = parsed.question;
    return saveFromEditor(request, reply, staff, draft, render, {
      revision: revisionOf(body),
      change: original ? "question.saved" : "question.added",
      apply: (def) => putQuestion(def, original ? original.id : null, question),
      saved: "question#questions",
    });
  });

  app.post("/staff/navigator/:event/draft/questions/:id/move", HIDDEN, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = bodyOf(request);
    const direction = field(body, "direction") === "up" ? "up" : "down";
    return runEdit(request, reply, { revision: revisionOf(body), change: "question.moved", apply: (def) => ({ definition: moveEntry(def, { kind: "question", id }, direction) }) }, "moved");
  });

  app.post("/staff/navigator/:event/draft/questions/:id/delete", HIDDEN, async (request, reply) => {
    const { id } = request.params as { id: string };
    return runEdit(request, reply, { revision: revisionOf(bodyOf(request)), change: "question.deleted", apply: (def) => ({ definition: deleteEntry(def, { kind: "question", id }) }) }, "deleted");
  });

  // ── Items ────────────────────────────────────────────────────────────────────────────────────

  async function procedureChoices(locale: Locale): Promise<Array<{ slug: string; title: string }>> {
    const catalogue = await loadCatalogue(db);
    return [...catalogue.values()].map((e) => ({ slug: e.slug, title: localize(e.title, locale) })).sort((a, b) => a.slug.localeCompare(b.slug));
  }

  function itemOf(draft: DefinitionRow, id: string) {
    if (id === "new") return null;
    const item = draft.definition.items.find((i) => i.id === id);
    if (!item) throw new AppError("not_found", "navigator.item_not_found");
    return item;
  }

  app.get("/staff/navigator/:event/draft/items/:id", HIDDEN, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const { id } = request.params as { id: string };
    const item = itemOf(draft, id);
    return reply.page(
      itemEditorPage(reply.pageContext(), { event: draft.event, revision: draft.revision, item, questions: draft.definition.questions, procedures: await procedureChoices(request.locale), body: null, errors: [] }),
    );
  });

  app.post("/staff/navigator/:event/draft/items/:id", HIDDEN, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const { id } = request.params as { id: string };
    const original = itemOf(draft, id);
    const body = bodyOf(request);
    const procedures = await procedureChoices(request.locale);
    const render = (errors: Array<{ field: string; message: string }>, status: number, revision = draft.revision) =>
      reply.page(itemEditorPage(reply.pageContext(), { event: draft.event, revision, item: original, questions: draft.definition.questions, procedures, body, errors }), status);
    const parsed = parseItemForm(body);
    const errors = [...parsed.errors];
    const procedure = field(body, "procedure");
    if (procedure && !procedures.some((p) => p.slug === procedure)) errors.push({ field: "procedure", code: "unknown_procedure", params: { slug: procedure } });
    if (!parsed.item || errors.length > 0) return render(editorErrors(request.locale, errors), 422);
    const item = parsed.item;
    return saveFromEditor(request, reply, staff, draft, render, {
      revision: revisionOf(body),
      change: original ? "item.saved" : "item.added",
      apply: (def) => putItem(def, original ? original.id : null, item),
      saved: "item#items",
    });
  });

  app.post("/staff/navigator/:event/draft/items/:id/move", HIDDEN, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = bodyOf(request);
    const direction = field(body, "direction") === "up" ? "up" : "down";
    return runEdit(request, reply, { revision: revisionOf(body), change: "item.moved", apply: (def) => ({ definition: moveEntry(def, { kind: "item", id }, direction) }) }, "moved");
  });

  app.post("/staff/navigator/:event/draft/items/:id/delete", HIDDEN, async (request, reply) => {
    const { id } = request.params as { id: string };
    return runEdit(request, reply, { revision: revisionOf(bodyOf(request)), change: "item.deleted", apply: (def) => ({ definition: deleteEntry(def, { kind: "item", id }) }) }, "deleted");
  });

  // ── JSON ─────────────────────────────────────────────────────────────────────────────────────

  app.get("/staff/navigator/:event/draft/json", HIDDEN, async (request, reply) => {
    const { draft } = await loadDraft(request);
    return reply.page(
      jsonPage(reply.pageContext(), { event: draft.event, revision: draft.revision, json: definitionJson(draft.definition), problems: await validate(draft.definition, draft.event), definition: draft.definition }),
    );
  });

  app.post("/staff/navigator/:event/draft/json", HIDDEN, async (request, reply) => {
    const { staff, draft } = await loadDraft(request);
    const body = bodyOf(request);
    const text = String(body.json ?? "");
    const render = (problems: DefinitionProblem[], definition: NavigatorDefinition | null, status: number) =>
      reply.page(jsonPage(reply.pageContext(), { event: draft.event, revision: draft.revision, json: text, problems, definition }), status);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return render([{ path: "", code: "json_syntax", params: { message: (error as Error).message }, severity: "error" }], null, 422);
    }
    const { definition, problems } = validateDefinition(parsed, { knownProcedures: await knownProcedures(), event: draft.event });
    // The shape must be right to save a draft; problems of meaning may be fixed later (publishing checks them).
    if (!definition) return render(problems, null, 422);
    try {
      await editDraft({ db, actor: staff, event: draft.event, revision: revisionOf(body), change: "json.replaced", apply: () => ({ definition }) });
    } catch (error) {
      if (!isStale(error)) throw error;
      return render([{ path: "", code: "stale", severity: "error" }], definition, 409);
    }
    return reply.redirect(`/staff/navigator/${draft.event}/draft?saved=json`, 303);
  });

  // ── Test harness ─────────────────────────────────────────────────────────────────────────────

  /** Reads the harness form (forms-engine fields, every question optional), or plain answers. */
  function harnessAnswers(definition: NavigatorDefinition, query: Record<string, unknown>, locale: Locale): { answers: NavigatorAnswers; errors: FieldError[]; body: FormBody } {
    const body: FormBody = {};
    for (const [k, v] of Object.entries(query)) {
      if (typeof v === "string") body[k] = v;
      else if (Array.isArray(v)) body[k] = v.filter((x): x is string => typeof x === "string");
    }
    if (query._harness !== "1") return { answers: readAnswers(definition, query).answers, errors: [], body: {} };
    const answers: NavigatorAnswers = {};
    const errors: FieldError[] = [];
    for (const page of formOf(definition).pages) {
      const q = { ...page.questions[0]!, required: false };
      const result = handlerFor(q.type).parse(q, body, { prefix: "", locale, today: todayInJapan(), answers: {} });
      errors.push(...result.errors);
      if (result.value !== undefined) answers[q.id] = result.value as string | string[];
    }
    return { answers, errors, body };
  }

  function diff(draft: Checklist, published: Checklist | null): { added: string[]; removed: string[] } {
    if (!published) return { added: [], removed: [] };
    const d = new Set(draft.items.map((i) => i.id));
    const p = new Set(published.items.map((i) => i.id));
    return { added: [...d].filter((id) => !p.has(id)), removed: [...p].filter((id) => !d.has(id)) };
  }

  app.get("/staff/navigator/:event/draft/test", HIDDEN, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const definition = draft.definition;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const catalogue = await loadCatalogue(db);
    const today = todayInJapan();
    const published = await findPublishedDefinition(db, draft.event);
    const ran = query._harness === "1" || Object.keys(query).some((k) => definition.questions.some((q) => q.id === k));
    const { answers, errors, body } = harnessAnswers(definition, query, request.locale);
    const kept = prune(definition, answers);
    const run = (def: NavigatorDefinition, a: NavigatorAnswers) => computeChecklist(def, a, { catalogue, today });
    const cases = (definition.tests ?? []).map((c) => {
      const caseAnswers = readAnswers(definition, c.answers).answers;
      const d = run(definition, caseAnswers);
      const p = published ? run(published.definition, readAnswers(published.definition, c.answers).answers) : null;
      return { name: c.name, query: answersQuery(definition, caseAnswers), draftCount: d.items.length, publishedCount: p?.items.length ?? null, ...diff(d, p) };
    });
    return reply.page(
      harnessPage(reply.pageContext(), {
        event: draft.event,
        revision: draft.revision,
        definition,
        pages: formOf(definition).pages,
        body,
        errors,
        answers: ran ? answers : null,
        hiddenQuestions: Object.keys(answers).filter((id) => kept[id] === undefined),
        draft: ran && errors.length === 0 ? run(definition, answers) : null,
        published: ran && errors.length === 0 && published ? run(published.definition, readAnswers(published.definition, answers).answers) : null,
        answersQuery: answersQuery(definition, kept),
        cases,
      }),
      errors.length > 0 ? 422 : 200,
    );
  });

  app.post("/staff/navigator/:event/draft/tests", HIDDEN, async (request, reply) => {
    const { draft } = await loadDraft(request);
    const body = bodyOf(request);
    const name = field(body, "case_name").slice(0, 100) || m(request.locale, "staff.harness.defaultName", { n: (draft.definition.tests?.length ?? 0) + 1 });
    const params = new URLSearchParams(field(body, "answers"));
    const raw: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      raw[key] = all.length > 1 ? all : all[0]!;
    }
    const { answers } = readAnswers(draft.definition, raw);
    return runEdit(request, reply, { revision: revisionOf(body), change: "test.saved", apply: (def) => ({ definition: addTestCase(def, { name, answers }) }) }, "test");
  });

  app.post("/staff/navigator/:event/draft/tests/delete", HIDDEN, async (request, reply) => {
    const body = bodyOf(request);
    const name = field(body, "name");
    return runEdit(request, reply, { revision: revisionOf(body), change: "test.deleted", apply: (def) => ({ definition: removeTestCase(def, name) }) }, "test");
  });

  // ── Support programmes ───────────────────────────────────────────────────────────────────────

  app.get("/staff/support-programmes", HIDDEN, async (request, reply) => {
    assertProgrammeManager(requireStaff(request), city.programmesDepartment);
    const imported = (request.query as Record<string, unknown>).imported;
    const removed = (request.query as Record<string, unknown>).removed;
    return reply.page(
      programmesStaffPage(reply.pageContext(), {
        programmes: await listProgrammes(db),
        imported: typeof imported === "string" && /^\d+$/.test(imported) ? { imported: Number(imported), removed: Number(typeof removed === "string" && /^\d+$/.test(removed) ? removed : 0) } : null,
        problems: [],
        errors: [],
        encoding: "auto",
        mode: "upsert",
      }),
    );
  });

  app.post("/staff/support-programmes/import", HIDDEN, async (request, reply) => {
    const staff = assertProgrammeManager(requireStaff(request), city.programmesDepartment);
    const values: Record<string, string> = {};
    let file: Buffer | null = null;
    let tooLarge = false;
    if (request.isMultipart()) {
      const options = { limits: { files: 1, fileSize: MAX_IMPORT_BYTES, fields: 10 }, throwFileSizeLimit: false };
      for await (const part of request.parts(options as Parameters<FastifyRequest["parts"]>[0])) {
        if (part.type === "file") {
          const bytes = await part.toBuffer();
          if (part.file.truncated) tooLarge = true;
          else if (part.fieldname === "file" && bytes.length > 0) file = bytes;
        } else values[part.fieldname] = String(part.value ?? "");
      }
    }
    const encoding = values.encoding === "utf-8" || values.encoding === "shift_jis" ? (values.encoding as CsvEncoding) : undefined;
    const mode = values.mode === "replace" ? "replace" : "upsert";
    const render = async (view: { errors?: Array<{ field: string; message: string }>; problems?: ImportProblem[] }, status: number) =>
      reply.page(
        programmesStaffPage(reply.pageContext(), {
          programmes: await listProgrammes(db),
          imported: null,
          problems: view.problems ?? [],
          errors: view.errors ?? [],
          encoding: encoding ?? "auto",
          mode,
        }),
        status,
      );
    if (tooLarge) return render({ errors: [{ field: "file", message: m(request.locale, "staff.error.file_too_large", { max: "5 MB" }) }] }, 422);
    if (!file) return render({ errors: [{ field: "file", message: m(request.locale, "staff.error.file_required") }] }, 422);
    const result = await importSupportProgrammes({ db, actor: staff, bytes: file, ...(encoding ? { encoding } : {}), mode, wards: wardCodes, departmentCode: city.programmesDepartment });
    if (!result.ok) return render({ problems: result.problems }, 422);
    return reply.redirect(`/staff/support-programmes?imported=${result.imported}&removed=${result.removed}`, 303);
  });
}
