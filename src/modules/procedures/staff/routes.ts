/**
 * HTTP of the staff back office. Each handler is a pipeline: authenticate (staff only) → parse →
 * load and authorise (the case's department; another department's case is a 404) → command →
 * redirect (303) or render (409 conflict, 422 refused input, with what was typed kept).
 *
 *   GET  /staff                          departments with counts by status
 *   GET  /staff/cases                    inbox of one department: filters, search, pages
 *   GET  /staff/cases.csv                the same cases as CSV (UTF-8 with BOM, streamed;
 *                                        ?encoding=shift_jis: CP932, unmappable characters → 〓,
 *                                        their count in the trailer Machi-Unmappable-Characters)
 *   GET  /staff/cases/:id                the case page
 *   POST /staff/cases/:id/assign         assign (me, a colleague, nobody)
 *   POST /staff/cases/:id/status         change status / decide
 *   POST /staff/cases/:id/stage          move to a stage of the procedure's case app (builder)
 *   POST /staff/cases/:id/correction     request a correction
 *   POST /staff/cases/:id/notes          add an internal note
 *   GET  /staff/files/:fileId            download a file attached to a case
 */
import { PassThrough } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { appendAudit } from "../../../core/audit/audit.ts";
import { UTF8_BOM } from "../../../core/csv.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { t, type Locale } from "../../../core/i18n/index.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { sendPage } from "../../../core/ui/send-page.ts";
import { departmentStaff, requireStaff, staffNames } from "../../identity/index.ts";
import { SHIFT_JIS_CHARSET, ShiftJisEncoder } from "../../integrations/index.ts";
import { staffAddNote } from "../commands/staff-add-note.ts";
import { staffAssignCase } from "../commands/staff-assign-case.ts";
import { staffActorLabel } from "../commands/staff-case-support.ts";
import { isDecision, staffChangeStatus } from "../commands/staff-change-status.ts";
import { staffRequestCorrection } from "../commands/staff-request-correction.ts";
import { streamApplicationsCsv } from "./export-csv.ts";
import { caseOrNotFound, handledDepartments, isUuid, pickDepartment } from "./policy.ts";
import {
  caseEvents,
  countCases,
  countCasesByStatus,
  departmentNames,
  departmentProcedures,
  findCase,
  findCaseFile,
  listCases,
  type CaseDetail,
  type CaseFilter,
} from "./queries.ts";
import {
  parseAssignForm,
  parseCorrectionForm,
  parseInboxQuery,
  parseNoteForm,
  parseStatusForm,
  type FieldProblem,
  type InboxQuery,
  type ParseResult,
} from "./schema.ts";
import { casePage, type CaseFormName, type CaseFormState, type CaseFormValues } from "./views/case.ts";
import { signatureVerificationsFor, staffSignatureSection } from "../../signatures/index.ts";
import { statusWord } from "./views/format.ts";
import { caseAppFor } from "../../builder/index.ts";
import { findProcedureRecord } from "../commands/publish-procedure-version.ts";
import { caseAppCaseView, moveCaseStage, parseStageForm, renderCaseAppInbox } from "./case-app.ts";
import { homePage, inboxPage } from "./views/inbox.ts";
import "./messages.ts";

export const PAGE_SIZE = 25;

/**
 * Route guard: nobody signed in is sent to the staff sign-in (for pages), a resident gets 403.
 * Handlers still call requireStaff for the typed actor.
 */
async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") {
    // Returning the reply from an async hook ends the request here (Fastify's early-response rule).
    return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  requireStaff(request);
  return undefined;
}

function filterFor(staff: Actor, department: string, query: InboxQuery): CaseFilter {
  return {
    departmentCodes: [department],
    ...(query.status ? { status: query.status } : {}),
    ...(query.procedure ? { procedureId: query.procedure } : {}),
    ...(query.assignee ? { assignee: query.assignee === "me" ? staff.id : query.assignee } : {}),
    ...(query.q ? { search: query.q } : {}),
  };
}

async function loadCase(deps: AppDeps, staff: Actor, id: string): Promise<CaseDetail> {
  if (!isUuid(id)) throw new AppError("not_found", "application.not_found");
  return caseOrNotFound(staff, await findCase(deps.db, id));
}

type CaseRender = { status?: number; done?: string; conflict?: boolean; state?: CaseFormState };

async function renderCase(deps: AppDeps, reply: FastifyReply, staff: Actor, theCase: CaseDetail, options: CaseRender = {}): Promise<FastifyReply> {
  const [events, colleagues] = await Promise.all([caseEvents(deps.db, theCase.id), departmentStaff(deps.db, theCase.departmentCode)]);
  const assigneeIds = events.map((e) => e.data.assigneeId).filter((id): id is string => typeof id === "string" && isUuid(id));
  const names = await staffNames(deps.db, [...new Set(assigneeIds)]);
  const signatures = await signatureVerificationsFor(deps.db, theCase.id); // the signer, as the certificate says
  // The procedure's case app (builder): its stage, due date and stage form replace the status form.
  const caseApp = await caseAppFor(deps.db, theCase.procedureId);
  const stageState = options.state?.form === "stage" ? options.state : undefined;
  return sendPage(
    reply,
    (ctx) =>
      casePage(ctx, {
        theCase,
        events,
        names,
        colleagues,
        actor: staff,
        ...(caseApp ? { caseApp: caseAppCaseView(ctx, { caseApp, theCase, ...(stageState ? { values: stageState.values, errors: stageState.errors } : {}) }) } : {}),
        ...(signatures.length > 0 ? { signature: staffSignatureSection(ctx.locale, signatures) } : {}),
        ...(options.done ? { done: options.done } : {}),
        ...(options.conflict ? { conflict: true } : {}),
        ...(options.state ? { state: options.state } : {}),
      }),
    options.status ?? 200,
  );
}

function problemMessage(locale: Locale, problem: FieldProblem): { field: string; message: string } {
  return { field: problem.field, message: t(locale, `staff.errors.${problem.key}`, problem.params) };
}

/** The message of a rule a command refused, on its field; null for other errors. */
function ruleProblem(locale: Locale, error: AppError): { field: string; message: string } | null {
  if (error.code !== "invalid_input" || !error.reason?.startsWith("staff.")) return null;
  const details = error.details ?? {};
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === "string" || typeof value === "number") params[key] = value;
  }
  if (typeof details.from === "string") params.from = statusWord(locale, details.from);
  if (typeof details.to === "string") params.to = statusWord(locale, details.to);
  return { field: typeof details.field === "string" ? details.field : "", message: t(locale, `staff.errors.${error.reason.slice("staff.".length)}`, params) };
}

type CaseFormSpec<T> = {
  form: CaseFormName;
  parsed: ParseResult<T & { revision: number }>;
  /** What was typed, to put back in the form when the page is shown again. */
  values: CaseFormValues;
  run: (staff: Actor, data: T & { revision: number }) => Promise<string>;
};

/**
 * The POST pipeline shared by the case page's forms. A guessed id of another department is a
 * 404 before anything else; a form from an out-of-date page is a 409 with the latest case and the
 * typed text kept; refused input is a 422 with every problem at once.
 */
async function handleCaseForm<T>(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, spec: CaseFormSpec<T>): Promise<FastifyReply> {
  const staff = requireStaff(request);
  const locale = request.locale;
  const { id } = request.params as { id: string };
  const theCase = await loadCase(deps, staff, id);
  const parsed = spec.parsed;
  const problems = parsed.ok ? [] : parsed.problems.map((p) => problemMessage(locale, p));
  const revision = parsed.ok ? parsed.data.revision : parsed.revision;
  if (revision !== theCase.revision) {
    return renderCase(deps, reply, staff, theCase, { status: 409, conflict: true, state: { form: spec.form, values: spec.values, errors: problems } });
  }
  if (!parsed.ok) {
    return renderCase(deps, reply, staff, theCase, { status: 422, state: { form: spec.form, values: spec.values, errors: problems } });
  }
  let done: string;
  try {
    done = await spec.run(staff, parsed.data);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "conflict") {
      const latest = await loadCase(deps, staff, id);
      return renderCase(deps, reply, staff, latest, { status: 409, conflict: true, state: { form: spec.form, values: spec.values, errors: [] } });
    }
    const problem = ruleProblem(locale, error);
    if (!problem) throw error;
    const latest = await loadCase(deps, staff, id);
    return renderCase(deps, reply, staff, latest, { status: 422, state: { form: spec.form, values: spec.values, errors: [problem] } });
  }
  return reply.redirect(`/staff/cases/${theCase.id}?done=${done}`, 303);
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return typeof request.body === "object" && request.body !== null ? (request.body as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "";
}

function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const FILE_TYPES: Record<string, string> = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" };

/** attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266 / 5987). */
function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]|["\\%;]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const guarded = { preHandler: staffOnly, schema: { hide: true } };

  app.get("/staff", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const codes = handledDepartments(staff);
    const [departments, counts] = await Promise.all([departmentNames(deps.db, codes), countCasesByStatus(deps.db, codes)]);
    return sendPage(reply, (ctx) => homePage(ctx, { departments, counts }));
  });

  app.get("/staff/cases", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const parsed = parseInboxQuery(request.query);
    const department = pickDepartment(staff, parsed.department);
    if (!department) return sendPage(reply, (ctx) => homePage(ctx, { departments: [], counts: [] }));
    const procedures = await departmentProcedures(deps.db, department);
    // A procedure of the department shown before the department was switched: drop that filter.
    const query = procedures.some((p) => p.id === parsed.procedure) ? parsed : { ...parsed, procedure: undefined };
    const filter = filterFor(staff, department, query);
    // One procedure with a case app (builder): its columns, filters, stages, SLA and view.
    const caseApp = query.procedure ? await caseAppFor(deps.db, query.procedure) : null;
    if (caseApp && query.procedure) {
      const [departments, colleagues, record] = await Promise.all([departmentNames(deps.db, handledDepartments(staff)), departmentStaff(deps.db, department), findProcedureRecord(deps.db, query.procedure)]);
      const questions = (record?.definition?.pages ?? []).flatMap((p) => p.questions);
      const inboxQuery = { department, procedure: query.procedure, page: query.page, ...(query.assignee ? { assignee: query.assignee } : {}), ...(query.q ? { q: query.q } : {}) };
      return renderCaseAppInbox({ deps, request, reply, staff, caseApp, query: inboxQuery, baseFilter: filter, departments, procedures, colleagues, questions, pageSize: PAGE_SIZE });
    }
    const [departments, colleagues, total, rows] = await Promise.all([
      departmentNames(deps.db, handledDepartments(staff)),
      departmentStaff(deps.db, department),
      countCases(deps.db, filter),
      listCases(deps.db, filter, { offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    ]);
    return sendPage(reply, (ctx) =>
      inboxPage(ctx, {
        departments,
        filters: {
          department,
          ...(query.status ? { status: query.status } : {}),
          ...(query.procedure ? { procedure: query.procedure } : {}),
          ...(query.assignee ? { assignee: query.assignee } : {}),
          ...(query.q ? { q: query.q } : {}),
        },
        procedures,
        colleagues,
        actorId: staff.id,
        rows,
        total,
        page: query.page,
        pageSize: PAGE_SIZE,
      }),
    );
  });

  app.get("/staff/cases.csv", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const query = parseInboxQuery(request.query);
    const department = pickDepartment(staff, query.department);
    if (!department) throw new AppError("not_found", "staff.no_department");
    const { departmentCodes: _codes, ...filter } = filterFor(staff, department, query);
    const filename = `cases-${department.replace(/[^A-Za-z0-9_-]/g, "_")}-${todayInJapan()}.csv`;
    // Shift_JIS on request (docs/api/back-office.md): no BOM; what CP932 cannot hold becomes 〓.
    const sjis = (request.query as Record<string, unknown>).encoding === "shift_jis" ? new ShiftJisEncoder() : null;

    const stream = new PassThrough();
    const write = (text: string): void | Promise<void> => {
      if (stream.destroyed) throw new Error("The client went away");
      const chunk = sjis ? sjis.encode(text) : text;
      if (stream.write(chunk)) return;
      return new Promise<void>((resolve) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("close", done);
          resolve();
        };
        stream.on("drain", done);
        stream.on("close", done);
      });
    };
    reply
      .header("content-type", `text/csv; charset=${sjis ? SHIFT_JIS_CHARSET : "utf-8"}`)
      .header("content-disposition", `attachment; filename="${filename}"`)
      .header("cache-control", "no-store");
    if (sjis) reply.trailer("machi-unmappable-characters", async () => String(sjis.replaced));
    void (async () => {
      try {
        if (!sjis) await write(UTF8_BOM);
        const rows = await streamApplicationsCsv({ db: deps.db, departmentCodes: [department], filter, write });
        // The export's facts, not its content: the search text may be a name, so only its presence.
        await deps.db.transaction(async (tx) => {
          await appendAudit(tx, {
            actorId: staff.id,
            actorLabel: staffActorLabel(staff),
            action: "applications.exported",
            objectType: "application",
            departmentCode: department,
            data: {
              filter: {
                department,
                status: filter.status ?? null,
                procedureId: filter.procedureId ?? null,
                assignee: filter.assignee ?? null,
                search: Boolean(filter.search),
              },
              rows,
              format: "csv",
              ...(sjis ? { encoding: "shift_jis", unmappableCharacters: sjis.replaced } : {}),
            },
          });
        });
        stream.end();
      } catch (error) {
        request.log.error({ err: error }, "CSV export failed");
        stream.destroy(error as Error);
      }
    })();
    return reply.send(stream);
  });

  app.get("/staff/cases/:id", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const { id } = request.params as { id: string };
    const theCase = await loadCase(deps, staff, id);
    const done = text((request.query as Record<string, unknown> | undefined)?.done);
    return renderCase(deps, reply, staff, theCase, done ? { done } : {});
  });

  app.post("/staff/cases/:id/assign", guarded, async (request, reply) => {
    const body = bodyOf(request);
    const staff = requireStaff(request);
    return handleCaseForm(deps, request, reply, {
      form: "assign",
      parsed: parseAssignForm(body, staff.id),
      values: { assignee: text(body.assignee) },
      run: async (actor, data) => {
        await staffAssignCase({ db: deps.db, actor, applicationId: (request.params as { id: string }).id, revision: data.revision, assigneeId: data.assignee });
        return "assigned";
      },
    });
  });

  app.post("/staff/cases/:id/status", guarded, async (request, reply) => {
    const body = bodyOf(request);
    return handleCaseForm(deps, request, reply, {
      form: "status",
      parsed: parseStatusForm(body),
      values: { to: text(body.to), reason: text(body.reason) },
      run: async (actor, data) => {
        await staffChangeStatus({
          db: deps.db,
          actor,
          applicationId: (request.params as { id: string }).id,
          revision: data.revision,
          to: data.to,
          reason: data.reason,
          baseUrl: deps.config.baseUrl,
        });
        deps.wakeWorker();
        return isDecision(data.to) ? "decided" : "status";
      },
    });
  });

  // A stage of the procedure's case app (builder); moves that change the status decide like the status form.
  app.post("/staff/cases/:id/stage", guarded, async (request, reply) => {
    const body = bodyOf(request);
    return handleCaseForm(deps, request, reply, {
      form: "stage",
      parsed: parseStageForm(body),
      values: { stage: text(body.stage), reason: text(body.reason) },
      run: async (actor, data) => {
        const theCase = await loadCase(deps, actor, (request.params as { id: string }).id);
        const caseApp = await caseAppFor(deps.db, theCase.procedureId);
        if (!caseApp) throw new AppError("not_found", "staff.no_case_app");
        const done = await moveCaseStage({ db: deps.db, actor, caseApp, theCase, input: data, baseUrl: deps.config.baseUrl });
        deps.wakeWorker();
        return done;
      },
    });
  });

  app.post("/staff/cases/:id/correction", guarded, async (request, reply) => {
    const body = bodyOf(request);
    return handleCaseForm(deps, request, reply, {
      form: "correction",
      parsed: parseCorrectionForm(body),
      values: { questions: texts(body.questions), message: text(body.message) },
      run: async (actor, data) => {
        await staffRequestCorrection({
          db: deps.db,
          actor,
          applicationId: (request.params as { id: string }).id,
          revision: data.revision,
          questionIds: data.questions,
          message: data.message,
          baseUrl: deps.config.baseUrl,
        });
        deps.wakeWorker();
        return "correction";
      },
    });
  });

  app.post("/staff/cases/:id/notes", guarded, async (request, reply) => {
    const body = bodyOf(request);
    return handleCaseForm(deps, request, reply, {
      form: "note",
      parsed: parseNoteForm(body),
      values: { note: text(body.note) },
      run: async (actor, data) => {
        await staffAddNote({ db: deps.db, actor, applicationId: (request.params as { id: string }).id, revision: data.revision, note: data.note });
        return "note";
      },
    });
  });

  app.get("/staff/files/:fileId", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const { fileId } = request.params as { fileId: string };
    if (!isUuid(fileId)) throw new AppError("not_found", "file.not_found");
    const file = await findCaseFile(deps.db, fileId, handledDepartments(staff));
    if (!file) throw new AppError("not_found", "file.not_found");
    await deps.db.transaction(async (tx) => {
      await appendAudit(tx, {
        actorId: staff.id,
        actorLabel: staffActorLabel(staff),
        action: "file.downloaded",
        objectType: "file",
        objectId: file.id,
        departmentCode: file.departmentCode,
        data: { applicationId: file.applicationId, kind: file.kind, size: file.size },
      });
    });
    return reply
      .header("content-type", FILE_TYPES[file.kind] ?? "application/octet-stream")
      .header("content-disposition", attachment(file.name))
      .header("cache-control", "no-store")
      .send(Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
}
