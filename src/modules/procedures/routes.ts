/**
 * HTTP for the resident side of procedures. Each handler is a pipeline: authenticate → read and
 * validate → load (scoped to the resident) → authorise → command → render (422 with every error
 * of the page) or redirect (303). SQL lives in queries.ts, rules in commands/ and policy.ts.
 *
 * Catalogue      GET  /procedures (?q= &event= &category= &department= &all=1)
 *                GET  /procedures/:slug
 *                GET  /api/procedures, /api/procedures/:slug (JSON, in /openapi.json)
 * Applying       POST /procedures/:slug/start            → /drafts/:draftId
 *                GET  /drafts/:draftId                    → the page to resume at
 *                GET  /drafts/:draftId/pages/:pageId      POST same (continue | save-and-exit | add/remove item)
 *                GET  /drafts/:draftId/check              POST /drafts/:draftId/submit
 *                GET  /applications/:applicationId/receipt
 * My page        GET  /my, /my/applications/:applicationId
 *                GET  /my/applications/:applicationId/withdraw   POST same
 *                GET  /my/applications/:applicationId/correct    POST same
 * Files          GET  /files/:fileId (the owner only)
 * Staff          /staff/… (the back office, staff/routes.ts), registered from here.
 */
import { listIssuedDocuments } from "../documents/index.ts";
import { applicationPaymentPanel, startPaymentForSubmission } from "../payments/index.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";
import { AppError, isAppError } from "../../core/http/errors.ts";
import { t, type Locale, type LocalizedText } from "../../core/i18n/index.ts";
import { requireResident, listDepartments, type Department } from "../identity/index.ts";
import { correctApplication, correctionDefinition, CORRECTION_PAGE_ID } from "./commands/correct-application.ts";
import { resumeStep, stepAfterPage, summaryDefinition, firstStep, visibleClosingDeclaration, type Step } from "./commands/plan-journey.ts";
import { saveDraftPage } from "./commands/save-draft-page.ts";
import { searchCatalogue } from "./commands/search-catalogue.ts";
import { startDraft } from "./commands/start-draft.ts";
import { storeUpload } from "./commands/store-upload.ts";
import { submitApplication } from "./commands/submit-application.ts";
import { withdrawApplication } from "./commands/withdraw-application.ts";
import {
  applyGroupAction,
  canVisitPage,
  handlerFor,
  maxBytesOf,
  pageHasFileQuestion,
  parseFormAction,
  parsePage,
  previousPageId,
  pruneAnswers,
  visibleQuestions,
  type Answers,
  type FormBody,
  type FormDefinition,
  type PageDef,
  type PageState,
  type QuestionDef,
} from "./forms/index.ts";
import { ownedOrNotFound } from "./policy.ts";
import {
  countProceduresByDepartment,
  findApplicationForUser,
  findDraftForUser,
  findOwnedFileWithBytes,
  findOwnedFiles,
  findProcedureBySlug,
  listApplicationsForUser,
  listCategoryFacets,
  listLifeEventFacets,
  listOpenDrafts,
  listResidentEvents,
  type ApplicationView,
  type DraftView,
  type Facet,
  findPopularProcedures,
} from "./queries.ts";

/** The seed's three procedures lead the popular list until real application counts take over. */
const FEATURED_PROCEDURES = ["residence-certificate", "long-term-care-certification", "child-medical-subsidy"];
import { getProcedureSchema, isUuid, listProceduresSchema, PageId, parseCatalogueQuery, returnsToCheck, RevisionInput } from "./schema.ts";
import { cataloguePage } from "./views/catalogue.ts";
import { checkPage } from "./views/check.ts";
import { m, sendPage } from "./views/components.ts";
import { formPage, type FormPageView } from "./views/form-page.ts";
import { applicationPage, myPage, receiptPage, withdrawPage, withdrawRefusedPage } from "./views/my.ts";
import { procedurePage } from "./views/procedure.ts";
import { html, type HtmlValue } from "../../core/ui/html.ts";
import { registerStaffRoutes } from "./staff/routes.ts";
import { registerProcedureSignatureStep, signaturePanel, startGate, submitGate } from "./signature-step.ts";
import { sendAssuranceRequired } from "../identity/index.ts";
import "./messages.ts";

const HIDDEN = { schema: { hide: true } } as const;

// ---------------------------------------------------------------------------------------------
// Reading requests

type Upload = { name: string; filename: string; bytes: Buffer; truncated: boolean };

function appendField(body: FormBody, name: string, value: string): void {
  const existing = body[name];
  if (existing === undefined) body[name] = value;
  else body[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/**
 * How many file parts a page's form can send: one per file input (browsers send empty ones too),
 * so that a forged request cannot make the server buffer dozens of files.
 */
function fileInputsOf(page: PageDef | null): number {
  let count = 0;
  for (const q of page?.questions ?? []) {
    if (q.type === "file") count += 1;
    if (q.type === "group") count += Math.min(q.maxItems ?? 20, 100) * (q.fields ?? []).filter((f) => f.type === "file").length;
  }
  return count;
}

/** The POST body of a form page: urlencoded, or multipart with its uploaded files. */
async function readFormBody(request: FastifyRequest, page: PageDef | null, maxUploadBytes: number): Promise<{ body: FormBody; uploads: Upload[] }> {
  if (!request.isMultipart()) {
    const body: FormBody = {};
    for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
      if (typeof value === "string") body[name] = value;
      else if (Array.isArray(value)) body[name] = value.filter((v): v is string => typeof v === "string");
    }
    return { body, uploads: [] };
  }
  const body: FormBody = {};
  const uploads: Upload[] = [];
  // throwFileSizeLimit: false → an oversize file arrives truncated and flagged, and becomes a field error.
  const options = { limits: { fileSize: maxUploadBytes, files: fileInputsOf(page), fields: 3000 }, throwFileSizeLimit: false };
  const parts = request.parts(options as Parameters<FastifyRequest["parts"]>[0]);
  for await (const part of parts) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      // A file input left empty is sent as a part without a name and without content.
      if (!part.filename && bytes.length === 0) continue;
      uploads.push({ name: part.fieldname, filename: part.filename, bytes, truncated: part.file.truncated });
    } else {
      appendField(body, part.fieldname, String(part.value ?? ""));
    }
  }
  return { body, uploads };
}

function firstValue(body: FormBody, name: string): string {
  const value = body[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** The file question a body field answers on this page: `<fileId>` or `<groupId>.<n>.<fileId>`. */
function fileQuestionFor(page: PageDef, name: string): QuestionDef | null {
  for (const q of page.questions) {
    if (q.type === "file" && name === q.id) return q;
    if (q.type === "group" && name.startsWith(`${q.id}.`)) {
      const match = /^(\d{1,3})\.([A-Za-z][A-Za-z0-9_]*)$/.exec(name.slice(q.id.length + 1));
      const field = match ? (q.fields ?? []).find((f) => f.id === match[2] && f.type === "file") : undefined;
      if (field) return field;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Files on form pages

/**
 * Stores the uploads of a page (each checked with checkUpload) and puts their answers in the body;
 * returns the upload errors by field. Then every attached-file answer in the body is checked
 * against the files table: only the resident's own files count, with the stored name and size.
 */
async function takeFiles(
  deps: AppDeps,
  request: FastifyRequest,
  page: PageDef,
  body: FormBody,
  uploads: Upload[],
): Promise<Record<string, string>> {
  const actor = requireResident(request);
  const locale = request.locale;
  const uploadErrors: Record<string, string> = {};
  for (const upload of uploads) {
    const question = fileQuestionFor(page, upload.name);
    if (!question) continue;
    if (upload.truncated) {
      const max = Math.min(maxBytesOf(question), deps.config.maxUploadBytes);
      uploadErrors[upload.name] = m(locale, "form.upload.tooBig", { max: formatMegabytes(max, locale) });
      continue;
    }
    const result = await storeUpload({ db: deps.db, actor, question, filename: upload.filename, bytes: upload.bytes, locale });
    if ("error" in result) uploadErrors[upload.name] = result.error;
    else body[upload.name] = JSON.stringify(result.answer);
  }

  const attached = new Map<string, string>();
  for (const name of Object.keys(body)) {
    if (!fileQuestionFor(page, name)) continue;
    let fileId: unknown;
    try {
      fileId = (JSON.parse(firstValue(body, name)) as { fileId?: unknown }).fileId;
    } catch {
      fileId = undefined;
    }
    if (isUuid(fileId)) attached.set(name, fileId);
    else delete body[name];
  }
  const owned = new Map((await findOwnedFiles(deps.db, actor.id, [...new Set(attached.values())])).map((f) => [f.id, f]));
  for (const [name, fileId] of attached) {
    const file = owned.get(fileId);
    if (file) body[name] = JSON.stringify({ fileId: file.id, name: file.name, size: file.size, kind: file.kind });
    else delete body[name];
  }
  return uploadErrors;
}

function formatMegabytes(bytes: number, locale: Locale): string {
  const mb = Math.floor((bytes / (1024 * 1024)) * 10) / 10;
  return bytes >= 1024 * 1024 ? `${mb}${locale === "ja" ? "" : " "}MB` : `${Math.floor(bytes / 1024)}${locale === "ja" ? "" : " "}KB`;
}

/** The fields a page's answers would show (for the hidden attached-file fields of a first display). */
function rawOfAnswers(definition: FormDefinition, page: PageDef, answers: Partial<Answers>): FormBody {
  const out: FormBody = {};
  for (const q of visibleQuestions(definition, page, answers)) Object.assign(out, handlerFor(q.type).toRaw(q, answers[q.id], ""));
  return out;
}

/** Attached files among a page's fields, to carry them as hidden fields. */
function attachedFilesOf(page: PageDef, raw: FormBody): Array<{ name: string; json: string }> {
  return Object.keys(raw)
    .filter((name) => fileQuestionFor(page, name) && firstValue(raw, name) !== "")
    .map((name) => ({ name, json: firstValue(raw, name) }));
}

// ---------------------------------------------------------------------------------------------
// Drafts

function stepUrl(draftId: string, step: Step, returnToCheck = false): string {
  if (step === "check") return `/drafts/${draftId}/check`;
  return `/drafts/${draftId}/pages/${step}${returnToCheck ? "?return=check" : ""}`;
}

/** Profile suggestions for the questions of a page that have no answer yet. */
/** The navigator's `prefill.<questionId>` fields (at most 50, short strings); the form decides what it accepts. */
function suggestedFields(input: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(input)
    .filter((entry): entry is [string, string] => /^prefill\.[a-z][a-z0-9_]*$/i.test(entry[0]) && typeof entry[1] === "string" && entry[1].length <= 200)
    .slice(0, 50);
}

function prefillFor(page: PageDef, draft: DraftView, answers: Answers): Answers {
  const prefill = draft.pending.prefill ?? {};
  const out: Answers = {};
  for (const q of page.questions) {
    const value = prefill[q.id];
    if (value !== undefined && answers[q.id] === undefined) out[q.id] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export function proceduresRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;
  registerStaffRoutes(app, deps);
  registerProcedureSignatureStep(app, deps, loadDraft); // identity assurance: /drafts/:draftId/signature

  async function departmentsByCode(): Promise<Map<string, Department>> {
    return new Map((await listDepartments(db)).map((d) => [d.code, d]));
  }
  const departmentName = (d: Department | undefined, code: string): LocalizedText => (d ? { ja: d.nameJa, en: d.nameEn } : { ja: code });

  async function loadDraft(request: FastifyRequest): Promise<DraftView> {
    const actor = requireResident(request);
    const { draftId } = request.params as { draftId: string };
    if (!isUuid(draftId)) throw new AppError("not_found", "draft.not_found");
    return ownedOrNotFound(actor, await findDraftForUser(db, draftId, actor.id), "draft.not_found");
  }

  async function loadApplication(request: FastifyRequest): Promise<ApplicationView> {
    const actor = requireResident(request);
    const { applicationId } = request.params as { applicationId: string };
    if (!isUuid(applicationId)) throw new AppError("not_found", "application.not_found");
    return ownedOrNotFound(actor, await findApplicationForUser(db, applicationId, actor.id), "application.not_found");
  }

  function pageOf(draft: DraftView, request: FastifyRequest): PageDef {
    const { pageId } = request.params as { pageId: string };
    const page = PageId.safeParse(pageId).success ? draft.definition.pages.find((p) => p.id === pageId) : undefined;
    if (!page) throw new AppError("not_found", "draft.page_not_found");
    return page;
  }

  /** A submitted draft is no longer edited: its pages lead to the application. */
  function submittedRedirect(reply: FastifyReply, draft: DraftView): FastifyReply | null {
    if (!draft.submittedAt) return null;
    return reply.redirect(draft.applicationId ? `/my/applications/${draft.applicationId}` : "/my", 303);
  }

  function renderDraftPage(
    reply: FastifyReply,
    request: FastifyRequest,
    draft: DraftView,
    page: PageDef,
    state: { raw?: FormBody; errors?: PageState["errors"] },
    status: number,
  ): FastifyReply {
    const returnToCheck = returnsToCheck(request.query);
    const answers = pruneAnswers(draft.definition, draft.answers);
    const shown = { ...prefillFor(page, draft, answers), ...answers };
    const raw = state.raw ?? rawOfAnswers(draft.definition, page, shown);
    const previous = previousPageId(draft.definition, answers, page.id);
    const backHref = returnToCheck
      ? `/drafts/${draft.id}/check`
      : previous
        ? `/drafts/${draft.id}/pages/${previous}`
        : `/procedures/${draft.procedureSlug}`;
    const view: FormPageView = {
      procedureTitle: draft.procedureTitle,
      page,
      state: { answers: shown, ...(state.raw ? { raw: state.raw } : {}) },
      errors: state.errors ?? [],
      backHref,
      action: `/drafts/${draft.id}/pages/${page.id}${returnToCheck ? "?return=check" : ""}`,
      multipart: pageHasFileQuestion(page),
      attachedFiles: attachedFilesOf(page, raw),
    };
    return sendPage(reply, (ctx) => formPage(ctx, view), status);
  }

  // ── Catalogue ──────────────────────────────────────────────────────────────────────────

  app.get("/procedures", HIDDEN, async (request, reply) => {
    const query = parseCatalogueQuery(request.query);
    const all = (request.query as Record<string, unknown>).all === "1";
    const [events, categories, departmentCounts, departments] = await Promise.all([
      listLifeEventFacets(db),
      listCategoryFacets(db),
      countProceduresByDepartment(db),
      departmentsByCode(),
    ]);
    const counts = new Map(departmentCounts.map((c) => [c.code, c.count]));
    const departmentFacets: Facet[] = [...departments.values()]
      .filter((d) => counts.has(d.code))
      .map((d) => ({ code: d.code, name: departmentName(d, d.code), count: counts.get(d.code) ?? 0 }));
    // Unknown codes are ignored rather than showing an empty list for a typo.
    const event = events.find((e) => e.code === query.event);
    const category = categories.find((c) => c.code === query.category);
    const department = departmentFacets.find((d) => d.code === query.department);
    const asked = query.q !== "" || event || category || department || all;
    const results = asked
      ? await searchCatalogue({ db, q: query.q, event: event?.code, category: category?.code, department: department?.code })
      : null;
    const popular = results === null ? await findPopularProcedures(db, FEATURED_PROCEDURES, 6) : [];
    return sendPage(reply, (ctx) =>
      cataloguePage(ctx, {
        q: query.q,
        filters: {
          ...(event ? { event: { code: event.code, name: event.name } } : {}),
          ...(category ? { category: { code: category.code, name: category.name } } : {}),
          ...(department ? { department: { code: department.code, name: department.name } } : {}),
        },
        results,
        popular,
        all,
        events,
        categories,
        departments: departmentFacets,
      }),
    );
  });

  app.get("/procedures/:slug", HIDDEN, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const procedure = await findProcedureBySlug(db, slug);
    if (!procedure) throw new AppError("not_found", "procedure.not_found");
    const departments = await departmentsByCode();
    const department = departmentName(departments.get(procedure.departmentCode), procedure.departmentCode);
    const signedIn = request.actor?.kind === "resident";
    const suggested = suggestedFields(request.query as Record<string, unknown>);
    return sendPage(reply, (ctx) => procedurePage(ctx, { procedure, department, signedIn, suggested }));
  });

  app.get("/api/procedures", { schema: listProceduresSchema }, async (request) => {
    const query = parseCatalogueQuery(request.query);
    const results = await searchCatalogue({ db, q: query.q, event: query.event, category: query.category, department: query.department });
    return {
      count: results.length,
      procedures: results.map((p) => ({
        slug: p.slug,
        title: p.title,
        summary: p.summary,
        channel: p.channel,
        departmentCode: p.departmentCode,
        categoryCode: p.categoryCode,
        lifeEvents: p.lifeEvents,
        feeYen: p.feeYen,
        url: `${deps.config.baseUrl}/procedures/${p.slug}`,
      })),
    };
  });

  app.get("/api/procedures/:slug", { schema: getProcedureSchema }, async (request) => {
    const { slug } = request.params as { slug: string };
    const p = await findProcedureBySlug(db, slug);
    if (!p) throw new AppError("not_found", "procedure.not_found");
    const departments = await departmentsByCode();
    return {
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      channel: p.channel,
      departmentCode: p.departmentCode,
      categoryCode: p.categoryCode,
      lifeEvents: p.lifeEvents,
      feeYen: p.feeYen,
      url: `${deps.config.baseUrl}/procedures/${p.slug}`,
      department: { code: p.departmentCode, name: departmentName(departments.get(p.departmentCode), p.departmentCode) },
      whoCanApply: p.details.whoCanApply,
      whatYouNeed: p.details.whatYouNeed,
      fee: p.details.fee,
      processingTime: p.details.processingTime,
      ...(p.details.legalBasis ? { legalBasis: p.details.legalBasis } : {}),
      onlineApplication: p.channel !== "counter" && p.currentVersionId !== null,
    };
  });

  // ── Starting and resuming ──────────────────────────────────────────────────────────────

  app.post("/procedures/:slug/start", HIDDEN, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const procedure = await findProcedureBySlug(db, slug);
    if (!procedure) throw new AppError("not_found", "procedure.not_found");
    if (!request.actor) return reply.redirect(`/auth/sign-in?next=${encodeURIComponent(`/procedures/${slug}`)}`, 303);
    const actor = requireResident(request);
    // identity assurance: a procedure may need a higher level than this sign-in has.
    const gate = await startGate(deps, actor, slug);
    if (!gate.allowed) return sendAssuranceRequired(reply, deps, gate, `/procedures/${slug}`);
    const suggested = Object.fromEntries(suggestedFields((request.body ?? {}) as Record<string, unknown>));
    const { draftId } = await startDraft({ db, actor, procedure, suggested });
    return reply.redirect(`/drafts/${draftId}`, 303);
  });

  app.get("/drafts/:draftId", HIDDEN, async (request, reply) => {
    const draft = await loadDraft(request);
    const submitted = submittedRedirect(reply, draft);
    if (submitted) return submitted;
    return reply.redirect(stepUrl(draft.id, resumeStep(draft.definition, draft.answers, draft.currentPage)), 303);
  });

  // ── Form pages ────────────────────────────────────────────────────────────────────────

  app.get("/drafts/:draftId/pages/:pageId", HIDDEN, async (request, reply) => {
    const draft = await loadDraft(request);
    const submitted = submittedRedirect(reply, draft);
    if (submitted) return submitted;
    const page = pageOf(draft, request);
    if (!canVisitPage(draft.definition, draft.answers, page.id)) {
      return reply.redirect(stepUrl(draft.id, firstStep(draft.definition, draft.answers)), 303);
    }
    const pending = draft.pending.pages?.[page.id];
    return renderDraftPage(reply, request, draft, page, pending ? { raw: pending } : {}, 200);
  });

  app.post("/drafts/:draftId/pages/:pageId", HIDDEN, async (request, reply) => {
    const draft = await loadDraft(request);
    const actor = requireResident(request);
    const submitted = submittedRedirect(reply, draft);
    if (submitted) return submitted;
    const page = pageOf(draft, request);
    if (!canVisitPage(draft.definition, draft.answers, page.id)) {
      return reply.redirect(stepUrl(draft.id, firstStep(draft.definition, draft.answers)), 303);
    }
    const locale = request.locale;
    const { body, uploads } = await readFormBody(request, page, deps.config.maxUploadBytes);
    const uploadErrors = await takeFiles(deps, request, page, body, uploads);
    const definition = draft.definition;

    if (firstValue(body, "_action") === "save-and-exit") {
      const parsed = parsePage(definition, page.id, body, draft.answers, locale, { uploadErrors });
      await saveDraftPage({
        db,
        actor,
        draftId: draft.id,
        pageId: page.id,
        pageAnswers: parsed.answers,
        mode: "exit",
        typed: parsed.raw,
        hasErrors: parsed.errors.length > 0,
      });
      return reply.redirect("/my?saved=1", 303);
    }

    const action = parseFormAction(body);
    if (action.type !== "continue") {
      // Adding or removing an item of a repeating group: show the page again, without errors.
      return renderDraftPage(reply, request, draft, page, { raw: applyGroupAction(page, body, action) }, 200);
    }

    const parsed = parsePage(definition, page.id, body, draft.answers, locale, { uploadErrors });
    if (parsed.errors.length > 0) return renderDraftPage(reply, request, draft, page, { raw: parsed.raw, errors: parsed.errors }, 422);
    const saved = await saveDraftPage({ db, actor, draftId: draft.id, pageId: page.id, pageAnswers: parsed.answers, mode: "continue" });
    const returnToCheck = returnsToCheck(request.query);
    const step = stepAfterPage(definition, saved.answers, saved.nextPageId, returnToCheck);
    return reply.redirect(stepUrl(draft.id, step, returnToCheck), 303);
  });

  // ── Check your answers and submit ─────────────────────────────────────────────────────

  function renderCheck(
    reply: FastifyReply,
    draft: DraftView,
    declaration: { raw?: FormBody; errors?: PageState["errors"] },
    status: number,
    signature: HtmlValue = "", // identity assurance: the electronic signature panel
  ): FastifyReply {
    const answers = pruneAnswers(draft.definition, draft.answers);
    const summary = summaryDefinition(draft.definition);
    const lastPage = [...summary.pages].reverse().find((p) => canVisitPage(summary, answers, p.id));
    return sendPage(
      reply,
      (ctx) =>
        checkPage(ctx, {
          draftId: draft.id,
          procedureTitle: draft.procedureTitle,
          definition: summary,
          answers,
          declarationPage: visibleClosingDeclaration(draft.definition, answers),
          ...(declaration.raw ? { declarationRaw: declaration.raw } : {}),
          errors: declaration.errors ?? [],
          backHref: lastPage ? `/drafts/${draft.id}/pages/${lastPage.id}` : `/procedures/${draft.procedureSlug}`,
          signature,
        }),
      status,
    );
  }

  app.get("/drafts/:draftId/check", HIDDEN, async (request, reply) => {
    const draft = await loadDraft(request);
    const submitted = submittedRedirect(reply, draft);
    if (submitted) return submitted;
    const step = firstStep(draft.definition, draft.answers);
    if (step !== "check") return reply.redirect(stepUrl(draft.id, step), 303);
    return renderCheck(reply, draft, {}, 200, await signaturePanel(deps, requireResident(request), draft, request.locale));
  });

  app.post("/drafts/:draftId/submit", HIDDEN, async (request, reply) => {
    const draft = await loadDraft(request);
    const actor = requireResident(request);
    if (draft.submittedAt && draft.applicationId) {
      // payments: a repeated submit (double click) also leads to an unpaid fee first.
      const payNow = await startPaymentForSubmission({ db, actor, applicationId: draft.applicationId, procedureId: draft.procedureId });
      return reply.redirect(payNow ?? `/applications/${draft.applicationId}/receipt`, 303);
    }
    // identity assurance: the level this procedure needs, or a valid signature over these answers.
    const gate = await submitGate(deps, actor, draft);
    if (!gate.allowed) return sendAssuranceRequired(reply, deps, gate.decision, `/drafts/${draft.id}/check`);
    let declaration: { pageId: string; answers: Partial<Answers> } | undefined;
    const closing = visibleClosingDeclaration(draft.definition, pruneAnswers(draft.definition, draft.answers));
    if (closing && !draft.submittedAt) {
      const { body } = await readFormBody(request, null, deps.config.maxUploadBytes);
      const parsed = parsePage(draft.definition, closing.id, body, draft.answers, request.locale);
      if (parsed.errors.length > 0) return renderCheck(reply, draft, { raw: parsed.raw, errors: parsed.errors }, 422, await signaturePanel(deps, actor, draft, request.locale));
      declaration = { pageId: closing.id, answers: parsed.answers };
    }
    const result = await submitApplication({
      db,
      actor,
      draftId: draft.id,
      draft,
      ...(declaration ? { declaration } : {}),
      locale: request.locale,
      baseUrl: deps.config.baseUrl,
      ...(gate.afterCreate ? { afterCreate: gate.afterCreate } : {}),
    });
    if (result.status === "incomplete") {
      const closingId = closing?.id;
      return reply.redirect(result.pageId === closingId ? `/drafts/${draft.id}/check` : stepUrl(draft.id, result.pageId), 303);
    }
    // Committed: the receipt e-mail is in the outbox; ask the worker to send it now.
    if (result.created) deps.wakeWorker();
    // payments: a fee due at submission → the payment page (the application is already saved).
    const payNow = await startPaymentForSubmission({ db, actor, applicationId: result.applicationId, procedureId: draft.procedureId });
    if (payNow) return reply.redirect(payNow, 303);
    return reply.redirect(`/applications/${result.applicationId}/receipt`, 303);
  });

  app.get("/applications/:applicationId/receipt", HIDDEN, async (request, reply) => {
    const application = await loadApplication(request);
    const actor = requireResident(request);
    const departments = await departmentsByCode();
    const department = departmentName(departments.get(application.departmentCode), application.departmentCode);
    return sendPage(reply, (ctx) => receiptPage(ctx, { application, department, email: actor.email }));
  });

  // ── My page ───────────────────────────────────────────────────────────────────────────

  app.get("/my", HIDDEN, async (request, reply) => {
    const actor = requireResident(request);
    const [drafts, applications] = await Promise.all([listOpenDrafts(db, actor.id), listApplicationsForUser(db, actor.id)]);
    const query = request.query as Record<string, unknown>;
    return sendPage(reply, (ctx) => myPage(ctx, { drafts, applications, saved: query.saved === "1", withdrawn: query.withdrawn === "1" }));
  });

  app.get("/my/applications/:applicationId", HIDDEN, async (request, reply) => {
    const application = await loadApplication(request);
    const [events, issued, payment] = await Promise.all([
      listResidentEvents(db, application.id),
      listIssuedDocuments(db, application.id),
      applicationPaymentPanel(db, { applicationId: application.id, locale: request.locale }), // payments: 支払い済み / 未払い
    ]);
    const query = request.query as Record<string, unknown>;
    const documents = issued.map((d) => ({ id: d.id, title: t(request.locale, `documents.kind.${d.kind}`), issuedAt: d.issuedAt }));
    return sendPage(reply, (ctx) =>
      applicationPage(ctx, { application, events, documents, payment, corrected: query.corrected === "1", withdrawn: query.withdrawn === "1" }),
    );
  });

  // ── Withdraw (取下げ) ─────────────────────────────────────────────────────────────────

  app.get("/my/applications/:applicationId/withdraw", HIDDEN, async (request, reply) => {
    const application = await loadApplication(request);
    if (application.status === "withdrawn") return reply.redirect(`/my/applications/${application.id}`, 303);
    if (["approved", "rejected"].includes(application.status)) return sendPage(reply, (ctx) => withdrawRefusedPage(ctx, { application }), 409);
    return sendPage(reply, (ctx) => withdrawPage(ctx, { application }));
  });

  app.post("/my/applications/:applicationId/withdraw", HIDDEN, async (request, reply) => {
    const application = await loadApplication(request);
    const actor = requireResident(request);
    try {
      await withdrawApplication({ db, actor, applicationId: application.id });
    } catch (error) {
      if (isAppError(error) && error.code === "conflict") {
        const latest = (await findApplicationForUser(db, application.id, actor.id)) ?? application;
        return sendPage(reply, (ctx) => withdrawRefusedPage(ctx, { application: latest }), 409);
      }
      throw error;
    }
    return reply.redirect(`/my/applications/${application.id}?withdrawn=1`, 303);
  });

  // ── Correction (補正) ────────────────────────────────────────────────────────────────

  function correctionForm(application: ApplicationView): { definition: FormDefinition; page: PageDef } {
    const definition = correctionDefinition(application.definition, application.correctionQuestions, application.answers, {
      ja: t("ja", "procedures.correct.pageTitle"),
      en: t("en", "procedures.correct.pageTitle"),
    });
    return { definition, page: definition.pages[0]! };
  }

  function renderCorrection(
    reply: FastifyReply,
    locale: Locale,
    application: ApplicationView,
    page: PageDef,
    state: { raw?: FormBody; errors?: PageState["errors"]; conflict?: boolean; revision?: number },
    status: number,
  ): FastifyReply {
    const raw = state.raw ?? rawOfAnswers({ pages: [page] }, page, application.answers);
    const view: FormPageView = {
      procedureTitle: application.procedureTitle,
      page,
      state: { answers: application.answers, ...(state.raw ? { raw: state.raw } : {}) },
      errors: state.errors ?? [],
      backHref: `/my/applications/${application.id}`,
      action: `/my/applications/${application.id}/correct`,
      multipart: pageHasFileQuestion(page),
      attachedFiles: attachedFilesOf(page, raw),
      hidden: { revision: String(state.revision ?? application.revision) },
      heading: m(locale, "correct.title"),
      ...(state.conflict ? { notice: html`<div class="panel panel--notice" role="alert"><p>${m(locale, "correct.conflict")}</p></div>` } : {}),
      intro: html`<p>${m(locale, "correct.lead")}</p>
${application.correctionMessage ? html`<h2>${m(locale, "correct.staffMessage")}</h2><blockquote class="staff-message">${application.correctionMessage}</blockquote>` : ""}`,
      buttons: html`<div class="button-group"><button class="button" type="submit" name="_action" value="continue">${m(locale, "correct.submit")}</button></div>`,
    };
    return sendPage(reply, (ctx) => formPage(ctx, view), status);
  }

  app.get("/my/applications/:applicationId/correct", HIDDEN, async (request, reply) => {
    const application = await loadApplication(request);
    if (application.status !== "correction_requested") return reply.redirect(`/my/applications/${application.id}`, 303);
    const { page } = correctionForm(application);
    return renderCorrection(reply, request.locale, application, page, {}, 200);
  });

  app.post("/my/applications/:applicationId/correct", HIDDEN, async (request, reply) => {
    const application = await loadApplication(request);
    const actor = requireResident(request);
    const locale = request.locale;
    const { definition, page } = correctionForm(application);
    const { body, uploads } = await readFormBody(request, page, deps.config.maxUploadBytes);
    const uploadErrors = await takeFiles(deps, request, page, body, uploads);
    const revision = RevisionInput.safeParse({ revision: body.revision });
    const action = parseFormAction(body);
    if (action.type !== "continue") {
      return renderCorrection(reply, locale, application, page, { raw: applyGroupAction(page, body, action), ...(revision.success ? { revision: revision.data.revision } : {}) }, 200);
    }
    const parsed = parsePage(definition, CORRECTION_PAGE_ID, body, application.answers, locale, { uploadErrors });
    if (parsed.errors.length > 0) {
      return renderCorrection(reply, locale, application, page, { raw: parsed.raw, errors: parsed.errors, ...(revision.success ? { revision: revision.data.revision } : {}) }, 422);
    }
    const result = revision.success
      ? await correctApplication({ db, actor, applicationId: application.id, revision: revision.data.revision, answers: parsed.answers })
      : ({ status: "conflict" } as const);
    if (result.status === "conflict") {
      return renderCorrection(reply, locale, application, page, { raw: parsed.raw, conflict: true, revision: application.revision }, 409);
    }
    return reply.redirect(`/my/applications/${application.id}?corrected=1`, 303);
  });

  // ── Files ─────────────────────────────────────────────────────────────────────────────

  app.get("/files/:fileId", HIDDEN, async (request, reply) => {
    const actor = requireResident(request);
    const { fileId } = request.params as { fileId: string };
    if (!isUuid(fileId)) throw new AppError("not_found", "file.not_found");
    const file = ownedOrNotFound(actor, await findOwnedFileWithBytes(db, fileId, actor.id), "file.not_found");
    return reply
      .header("content-type", CONTENT_TYPES[file.kind])
      .header("content-disposition", contentDisposition(file.name))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(file.bytes);
  });
}

const CONTENT_TYPES = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" } as const;

/** attachment; filename="scan.pdf"; filename*=UTF-8''… (RFC 6266 / 5987), never a header injection. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_") || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
