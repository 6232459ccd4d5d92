/**
 * The back office of a procedure that has a case app (configured in the builder, read through
 * builder's `caseAppFor`): the inbox with the case app's columns, filters, stages, SLA warnings
 * and table or board view; the case page's stage, due date and stage form; moving a case to
 * another stage; and assigning a new application by the case app's rules.
 *
 * Stages map onto the application statuses (ADR 0017): a stage move that changes the status goes
 * through staffChangeStatus (same rules, e-mail, history, audit) with the stage; a move inside one
 * status through staffMoveStage. The correction form stays as it is (its stage is derived).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { localize, registerMessages, t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, layout, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { normalizeWidth } from "../../../core/text/japanese.ts";
import { allowsCorrection, dueAt, effectiveStage, nextStages, planStageMove, slaState, type CaseApp, type CaseAppConfig, type CaseStage } from "../../builder/index.ts";
import { handlerFor } from "../forms/index.ts";
import type { Answers, QuestionDef } from "../forms/definition.ts";
import { recordEvent } from "../history.ts";
import { reasonRequired, staffChangeStatus } from "../commands/staff-change-status.ts";
import { staffMoveStage } from "../commands/staff-move-stage.ts";
import { ruleError } from "../commands/staff-case-support.ts";
import type { ApplicationStatus } from "../tables.ts";
import { answersOfCases, assignSubmittedCase, countCases, listCases, type CaseDetail, type CaseFilter, type Colleague, type DepartmentName, type InboxRow, type ProcedureChoice } from "./queries.ts";
import { statusTag, statusWord, timeTag } from "./views/format.ts";
import "./messages.ts";

registerMessages("caseapp", {
  ja: {
    stage: "段階",
    due: "処理期限",
    overdue: "期限超過",
    soon: "期限間近",
    onTime: "期限内",
    anyStage: "すべての段階",
    overdueOnly: "期限超過だけ",
    table: "表で見る",
    board: "ボードで見る",
    viewSwitch: "表示の切り替え",
    boardMore: "{count}件（一覧で見る）",
    boardEmpty: "なし",
    stageForm: "段階を進める・決定する",
    stageTo: "次の段階",
    noStages: "この段階から進められる段階はありません。",
    closed: "終了",
    any: "すべて",
    yes: "はい",
  },
  en: {
    stage: "Stage",
    due: "Due",
    overdue: "Overdue",
    soon: "Due soon",
    onTime: "On time",
    anyStage: "Any stage",
    overdueOnly: "Overdue only",
    table: "Show as a table",
    board: "Show as a board",
    viewSwitch: "View",
    boardMore: "{count} (show the list)",
    boardEmpty: "None",
    stageForm: "Move on or decide",
    stageTo: "Next stage",
    noStages: "There is no stage to move on to from this one.",
    closed: "Closed",
    any: "Any",
    yes: "Yes",
  },
});

const c = (locale: Locale, key: string, params?: Record<string, string | number>) => t(locale, `caseapp.${key}`, params);

function stageLabel(locale: Locale, stage: CaseStage | null, status: string): string {
  return stage ? localize(stage.label, locale) : t(locale, `staff.status.${status}`);
}

function slaTag(locale: Locale, config: CaseAppConfig, submittedAt: Date, status: string, now: Date): HtmlValue {
  const due = dueAt(config, submittedAt);
  if (!due) return "";
  const state = slaState(config, submittedAt, status, now);
  const word = state === "overdue" ? c(locale, "overdue") : state === "soon" ? c(locale, "soon") : state === "ok" ? c(locale, "onTime") : c(locale, "closed");
  return html`${timeTag(due, locale)} <strong class="status status--${state === "overdue" ? "rejected" : state === "soon" ? "correction_requested" : "received"}">${word}</strong>`;
}

// ---------------------------------------------------------------------------------------------
// Assignment on submission

/**
 * Assigns a new application by its procedure's case app rules (first match), in the submission's
 * transaction, with an internal history entry. Nothing happens without a case app or a match.
 */
export async function assignByCaseApp(tx: Db, application: { id: string; assignee: string | null }): Promise<void> {
  if (!application.assignee) return;
  if (await assignSubmittedCase(tx, application.id, application.assignee)) {
    await recordEvent(tx, { applicationId: application.id, actorId: null, type: "assigned", internal: true, data: { assigneeId: application.assignee, by: "case_app_rule" } });
  }
}

// ---------------------------------------------------------------------------------------------
// Stage moves

export type StageInput = { stage: string; reason: string; revision: number };
export type StageParse = { ok: true; data: StageInput } | { ok: false; problems: Array<{ field: string; key: string }>; revision: number | null };

export function parseStageForm(body: Record<string, unknown>): StageParse {
  const first = (value: unknown) => (Array.isArray(value) ? String(value[0] ?? "") : typeof value === "string" ? value : "");
  const stage = first(body.stage).trim();
  const reason = first(body.reason).trim();
  const raw = first(body.revision);
  const revision = raw !== "" && Number.isSafeInteger(Number(raw)) && Number(raw) >= 1 ? Number(raw) : null;
  const problems = stage ? [] : [{ field: "stage", key: "stage_required" }];
  if (problems.length > 0 || revision === null) return { ok: false, problems, revision };
  return { ok: true, data: { stage, reason, revision } };
}

/**
 * Moves a case to a stage of its case app. Throws 'staff.stage_not_allowed' (field "stage") when
 * the case app has no such move from the case's stage; otherwise the rules of staffChangeStatus
 * (reasons, e-mail, documents) or staffMoveStage apply.
 */
export async function moveCaseStage(options: { db: Db; actor: Actor; caseApp: CaseApp; theCase: CaseDetail; input: StageInput; baseUrl: string }): Promise<"status" | "decided" | "stage"> {
  const { caseApp, theCase, input } = options;
  const plan = planStageMove(caseApp.config, theCase.status, theCase.stage, input.stage);
  if (!plan.ok) throw ruleError("stage_not_allowed", "stage");
  const common = { db: options.db, actor: options.actor, applicationId: theCase.id, revision: input.revision };
  if (plan.statusChanges) {
    const to = plan.to.base as ApplicationStatus;
    await staffChangeStatus({ ...common, to, reason: input.reason, baseUrl: options.baseUrl, stage: plan.to.id });
    return to === "approved" || to === "rejected" ? "decided" : "status";
  }
  const from = effectiveStage(caseApp.config, theCase.status, theCase.stage);
  await staffMoveStage({ ...common, stage: plan.to.id, status: theCase.status, fromStage: from?.id ?? null });
  return "stage";
}

// ---------------------------------------------------------------------------------------------
// The case page

export type CaseAppCaseView = { facts: HtmlValue; statusForm: HtmlValue; allowsCorrection: boolean };

/** The stage, due date and stage form a case page shows for a case of a procedure with a case app. */
export function caseAppCaseView(
  ctx: PageContext,
  options: { caseApp: CaseApp; theCase: CaseDetail; values?: { stage?: string; reason?: string }; errors?: Array<{ field: string; message: string }>; now?: Date },
): CaseAppCaseView {
  const { locale } = ctx;
  const { config } = options.caseApp;
  const { theCase } = options;
  const stage = effectiveStage(config, theCase.status, theCase.stage);
  const next = nextStages(config, stage);
  const due = dueAt(config, theCase.submittedAt);
  const facts = html`<dl class="summary-list">
<div class="summary-list__row"><dt class="summary-list__key">${c(locale, "stage")}</dt><dd class="summary-list__value">${stageLabel(locale, stage, theCase.status)}</dd></div>
${due ? html`<div class="summary-list__row"><dt class="summary-list__key">${c(locale, "due")}</dt><dd class="summary-list__value">${slaTag(locale, config, theCase.submittedAt, theCase.status, options.now ?? new Date())}</dd></div>` : ""}
</dl>`;
  const error = (field: string) => options.errors?.find((e) => e.field === field)?.message;
  const errorLine = (id: string, message?: string) => (message ? html`<p class="field__error" id="${id}-error"><span class="visually-hidden">${t(locale, "forms.errorPrefix")}</span>${message}</p>` : "");
  const stageError = error("stage");
  const reasonError = error("reason");
  const body =
    next.length === 0
      ? html`<p>${c(locale, "noStages")}</p>`
      : html`<form method="post" action="/staff/cases/${theCase.id}/stage" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(theCase.revision)}">
<div class="field${stageError ? " field--error" : ""}">
<fieldset class="fieldset"${stageError ? html` aria-describedby="stage-stage-error"` : ""}>
<legend class="fieldset__legend">${c(locale, "stageTo")}</legend>
${errorLine("stage-stage", stageError)}
<div class="choices">
${next.map((s, i) => {
  const id = i === 0 ? "stage-stage" : `stage-stage-${s.id}`;
  const needs = s.base !== theCase.status && reasonRequired(theCase.status, s.base as ApplicationStatus);
  return html`<div class="choice"><input class="choice__input" type="radio" id="${id}" name="stage" value="${s.id}"${options.values?.stage === s.id ? html` checked` : ""}>
<label class="choice__label" for="${id}">${localize(s.label, locale)}${s.base !== theCase.status ? html`<span class="muted">（${statusWord(locale, s.base)}）</span>` : ""}${needs ? html`<span class="muted">${t(locale, "staff.statusForm.reasonNeeded")}</span>` : ""}</label></div>`;
})}
</div>
</fieldset>
</div>
<div class="field${reasonError ? " field--error" : ""}">
<label class="field__label" for="stage-reason">${t(locale, "staff.statusForm.reason")}</label>
<div class="field__hint" id="stage-reason-hint">${t(locale, "staff.statusForm.reasonHint")}</div>
${errorLine("stage-reason", reasonError)}
<textarea class="input" id="stage-reason" name="reason" rows="4" aria-describedby="stage-reason-hint${reasonError ? " stage-reason-error" : ""}"${reasonError ? html` aria-invalid="true"` : ""}>${options.values?.reason ?? ""}</textarea>
</div>
<button class="button" type="submit">${t(locale, "staff.statusForm.submit")}</button>
</form>`;
  return {
    facts,
    statusForm: html`<section aria-labelledby="stage-title"><h3 id="stage-title">${c(locale, "stageForm")}</h3>${body}</section>`,
    allowsCorrection: allowsCorrection(config, stage),
  };
}

// ---------------------------------------------------------------------------------------------
// The inbox of a procedure with a case app

export type CaseAppInboxQuery = {
  department: string;
  procedure: string;
  status?: ApplicationStatus;
  assignee?: string;
  q?: string;
  page: number;
};

type Extra = { stage?: CaseStage; overdue: boolean; view: "table" | "board"; answer?: { question: QuestionDef; value: string } };

function readExtra(request: FastifyRequest, config: CaseAppConfig, questions: QuestionDef[]): Extra {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const first = (value: unknown) => (Array.isArray(value) ? String(value[0] ?? "") : typeof value === "string" ? value : "");
  const stage = config.filters.includes("stage") ? config.stages.find((s) => s.id === first(query.stage)) : undefined;
  const view = first(query.view) === "board" ? "board" : first(query.view) === "table" ? "table" : config.view;
  const overdue = config.filters.includes("overdue") && config.sla !== null && first(query.overdue) === "1";
  let answer: Extra["answer"];
  for (const filter of config.filters) {
    if (!filter.startsWith("answer:")) continue;
    const question = questions.find((q) => `answer:${q.id}` === filter);
    const value = normalizeWidth(first(query[`a_${question?.id ?? ""}`])).trim();
    if (question && value) {
      answer = { question, value };
      break;
    }
  }
  return { ...(stage ? { stage } : {}), overdue, view, ...(answer ? { answer } : {}) };
}

function stageFilter(config: CaseAppConfig, stage: CaseStage): CaseFilter["stage"] {
  const sameStatus = config.stages.filter((s) => s.base === stage.base);
  const isDefault = sameStatus[0]?.id === stage.id;
  return { id: stage.id, orDefault: isDefault, otherStages: sameStatus.filter((s) => s.id !== stage.id).map((s) => s.id) };
}

function hrefOf(base: CaseAppInboxQuery, extra: Extra, changes: Partial<Record<"stage" | "view" | "page" | "overdue", string | null>> = {}): string {
  const params = new URLSearchParams();
  params.set("department", base.department);
  params.set("procedure", base.procedure);
  if (base.assignee) params.set("assignee", base.assignee);
  if (base.q) params.set("q", base.q);
  const stage = "stage" in changes ? changes.stage : extra.stage?.id;
  if (stage) params.set("stage", stage);
  const overdue = "overdue" in changes ? changes.overdue : extra.overdue ? "1" : null;
  if (overdue) params.set("overdue", overdue);
  if (extra.answer) params.set(`a_${extra.answer.question.id}`, extra.answer.value);
  params.set("view", changes.view ?? extra.view);
  const page = changes.page;
  if (page && page !== "1") params.set("page", page);
  return `/staff/cases?${params.toString()}`;
}

export type CaseAppInboxOptions = {
  deps: AppDeps;
  request: FastifyRequest;
  reply: FastifyReply;
  staff: Actor;
  caseApp: CaseApp;
  query: CaseAppInboxQuery;
  baseFilter: CaseFilter;
  departments: DepartmentName[];
  procedures: ProcedureChoice[];
  colleagues: Colleague[];
  /** The procedure's current top-level questions (answer columns and filters). */
  questions: QuestionDef[];
  pageSize: number;
  now?: Date;
};

/** Renders the inbox of one procedure with its case app (GET /staff/cases?procedure=…). */
export async function renderCaseAppInbox(options: CaseAppInboxOptions): Promise<FastifyReply> {
  const { deps, request, reply, caseApp, query, questions } = options;
  const config = caseApp.config;
  const now = options.now ?? new Date();
  const extra = readExtra(request, config, questions);
  const filter: CaseFilter = { ...options.baseFilter };
  delete filter.status;
  if (extra.stage) Object.assign(filter, { status: extra.stage.base, stage: stageFilter(config, extra.stage) });
  if (extra.overdue && config.sla) filter.submittedBefore = new Date(now.getTime() - config.sla.days * 24 * 3600 * 1000);
  if (extra.answer) filter.answer = { question: extra.answer.question.id, value: extra.answer.value };

  let body: (ctx: PageContext) => HtmlValue;
  if (extra.view === "board") {
    const columns = await Promise.all(
      config.stages.map(async (stage) => {
        const stageOnly: CaseFilter = { ...filter, status: stage.base as ApplicationStatus, stage: stageFilter(config, stage) };
        const [rows, total] = await Promise.all([listCases(deps.db, stageOnly, { offset: 0, limit: 10 }), countCases(deps.db, stageOnly)]);
        return { stage, rows, total };
      }),
    );
    body = (ctx) => board(ctx.locale, config, columns, query, extra, now);
  } else {
    const [rows, total] = await Promise.all([listCases(deps.db, filter, { offset: (query.page - 1) * options.pageSize, limit: options.pageSize }), countCases(deps.db, filter)]);
    const answers = config.columns.some((col) => col.startsWith("answer:")) ? await answersOfCases(deps.db, rows.map((r) => r.id)) : new Map<string, Answers>();
    body = (ctx) => table(ctx.locale, config, questions, rows, answers, total, query, extra, options.pageSize, now);
  }

  const ctx = reply.pageContext();
  const locale = ctx.locale;
  const procedure = options.procedures.find((p) => p.id === query.procedure);
  const department = options.departments.find((d) => d.code === query.department);
  const heading = procedure ? localize(procedure.title, locale) : t(locale, "staff.inbox.title");
  const page: PageOptions = {
    title: heading,
    area: "staff",
    body: html`<link rel="stylesheet" href="/static/builder/builder.css">
<p><a href="/staff/cases?department=${encodeURIComponent(query.department)}">${department ? t(locale, "staff.inbox.titleOf", { department: localize(department.name, locale) }) : t(locale, "staff.inbox.title")}</a></p>
<h1>${heading}</h1>
${filters(locale, config, questions, options, extra)}
<nav aria-label="${c(locale, "viewSwitch")}"><ul class="pagination">
<li>${extra.view === "table" ? html`<strong aria-current="page">${c(locale, "table")}</strong>` : html`<a href="${hrefOf(query, extra, { view: "table" })}">${c(locale, "table")}</a>`}</li>
<li>${extra.view === "board" ? html`<strong aria-current="page">${c(locale, "board")}</strong>` : html`<a href="${hrefOf(query, extra, { view: "board" })}">${c(locale, "board")}</a>`}</li>
</ul></nav>
${body(ctx)}`,
  };
  return reply.code(200).header("cache-control", "no-store").type("text/html; charset=utf-8").send(layout(ctx, page).value);
}

function filters(locale: Locale, config: CaseAppConfig, questions: QuestionDef[], options: CaseAppInboxOptions, extra: Extra): SafeHtml {
  const { query } = options;
  const opt = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ""}>${label}</option>`;
  const select = (id: string, label: string, items: SafeHtml[]) => html`<div class="field"><label class="field__label" for="${id}">${label}</label><select class="input" id="${id}" name="${id}">${items}</select></div>`;
  const parts: HtmlValue[] = [
    html`<input type="hidden" name="department" value="${query.department}"><input type="hidden" name="procedure" value="${query.procedure}"><input type="hidden" name="view" value="${extra.view}">`,
  ];
  for (const filter of config.filters) {
    if (filter === "stage") parts.push(select("stage", c(locale, "stage"), [opt("", c(locale, "anyStage"), !extra.stage), ...config.stages.map((s) => opt(s.id, localize(s.label, locale), s.id === extra.stage?.id))]));
    else if (filter === "assignee") {
      parts.push(
        select("assignee", t(locale, "staff.inbox.assignee"), [
          opt("", c(locale, "any"), !query.assignee),
          opt("me", t(locale, "staff.inbox.assigneeMe"), query.assignee === "me"),
          opt("none", t(locale, "staff.inbox.assigneeNone"), query.assignee === "none"),
          ...options.colleagues.filter((col) => col.id !== options.staff.id).map((col) => opt(col.id, col.name, col.id === query.assignee)),
        ]),
      );
    } else if (filter === "search") {
      parts.push(html`<div class="field"><label class="field__label" for="q">${t(locale, "staff.inbox.search")}</label><input class="input" type="search" id="q" name="q" value="${query.q ?? ""}" spellcheck="false"></div>`);
    } else if (filter === "overdue" && config.sla) {
      parts.push(html`<div class="field"><div class="choice"><input class="choice__input" type="checkbox" id="overdue" name="overdue" value="1"${extra.overdue ? html` checked` : ""}><label class="choice__label" for="overdue">${c(locale, "overdueOnly")}</label></div></div>`);
    } else if (filter.startsWith("answer:")) {
      const q = questions.find((x) => `answer:${x.id}` === filter);
      if (!q) continue;
      const current = extra.answer?.question.id === q.id ? extra.answer.value : "";
      const choices = q.type === "declaration" ? [{ value: "true", label: c(locale, "yes") }] : (q.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, locale) }));
      parts.push(select(`a_${q.id}`, localize(q.label, locale), [opt("", c(locale, "any"), !current), ...choices.map((o) => opt(o.value, o.label, o.value === current))]));
    }
  }
  return html`<form method="get" action="/staff/cases" class="filters" aria-label="${t(locale, "staff.inbox.filters")}">${parts}
<div class="button-group"><button class="button" type="submit">${t(locale, "staff.inbox.apply")}</button></div></form>`;
}

function cell(locale: Locale, config: CaseAppConfig, questions: QuestionDef[], column: string, row: InboxRow, answers: Answers | undefined, now: Date): HtmlValue {
  switch (column) {
    case "reference":
      return html`<a href="/staff/cases/${row.id}">${row.reference}</a>`;
    case "applicant":
      return row.applicantName;
    case "stage":
      return html`${stageLabel(locale, effectiveStage(config, row.status, row.stage), row.status)}<br>${statusTag(locale, row.status)}`;
    case "assignee":
      return row.assigneeName ?? t(locale, "staff.inbox.unassigned");
    case "submitted":
      return timeTag(row.submittedAt, locale);
    case "due":
      return slaTag(locale, config, row.submittedAt, row.status, now);
    default: {
      const q = questions.find((x) => `answer:${x.id}` === column);
      const value = q && answers ? answers[q.id] : undefined;
      return q && value !== undefined ? handlerFor(q.type).display(q, value, locale) : "";
    }
  }
}

function columnHeading(locale: Locale, questions: QuestionDef[], column: string): string {
  if (column.startsWith("answer:")) {
    const q = questions.find((x) => `answer:${x.id}` === column);
    return q ? localize(q.label, locale) : column;
  }
  return t(locale, `builder.caseApp.column.${column}`);
}

function table(locale: Locale, config: CaseAppConfig, questions: QuestionDef[], rows: InboxRow[], answers: Map<string, Answers>, total: number, query: CaseAppInboxQuery, extra: Extra, pageSize: number, now: Date): SafeHtml {
  const from = total === 0 ? 0 : (query.page - 1) * pageSize + 1;
  const to = Math.min(total, query.page * pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const range = t(locale, "staff.inbox.range", { total, from, to });
  const columns = config.columns.filter((col) => col !== "due" || config.sla);
  return html`<p role="status">${range}</p>
${rows.length === 0
  ? html`<p>${t(locale, "staff.inbox.empty")}</p>`
  : html`<div class="table-wrap"><table><caption class="visually-hidden">${range}</caption>
<thead><tr>${columns.map((col) => html`<th scope="col">${columnHeading(locale, questions, col)}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((col) => html`<td>${cell(locale, config, questions, col, row, answers.get(row.id), now)}</td>`)}</tr>`)}</tbody>
</table></div>`}
${pages > 1
  ? html`<nav aria-label="${t(locale, "staff.inbox.pagination")}"><ul class="pagination">
${query.page > 1 ? html`<li><a href="${hrefOf(query, extra, { page: String(query.page - 1) })}" rel="prev">${t(locale, "staff.inbox.previous")}</a></li>` : ""}
<li>${t(locale, "staff.inbox.page", { page: query.page, pages })}</li>
${query.page < pages ? html`<li><a href="${hrefOf(query, extra, { page: String(query.page + 1) })}" rel="next">${t(locale, "staff.inbox.next")}</a></li>` : ""}
</ul></nav>`
  : ""}`;
}

function board(locale: Locale, config: CaseAppConfig, columns: Array<{ stage: CaseStage; rows: InboxRow[]; total: number }>, query: CaseAppInboxQuery, extra: Extra, now: Date): SafeHtml {
  return html`<div class="case-board">${columns.map(({ stage, rows, total }) => {
    const id = `board-${stage.id}`;
    return html`<section class="case-board__column" aria-labelledby="${id}">
<h2 id="${id}">${localize(stage.label, locale)} <span class="muted">（${total}）</span></h2>
${rows.length === 0
  ? html`<p class="muted">${c(locale, "boardEmpty")}</p>`
  : html`<ul class="card-list">${rows.map(
      (row) => html`<li class="card"><a href="/staff/cases/${row.id}">${row.reference}</a><br>${row.applicantName}<br><span class="muted">${row.assigneeName ?? t(locale, "staff.inbox.unassigned")}</span>${config.sla ? html`<br>${slaTag(locale, config, row.submittedAt, row.status, now)}` : ""}</li>`,
    )}</ul>`}
${total > rows.length ? html`<p><a href="${hrefOf(query, extra, { view: "table", stage: stage.id })}">${c(locale, "boardMore", { count: total })}</a></p>` : ""}
</section>`;
  })}</div>`;
}
