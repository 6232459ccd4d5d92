/**
 * The case page (申請の審査): the facts of the case, the current correction request, the answers
 * (with the questions flagged for correction marked), the attached files, the staff's forms
 * (assign, change status / decide, request correction, internal note) and the full history.
 *
 * Every form carries the revision of the case as shown. After a conflict (409) or a refused
 * input (422) the page is rendered again from the latest case with what the staff member typed
 * put back into their form, so nothing is lost.
 */
import { caseDocumentsPath } from "../../../documents/index.ts";
import type { Actor } from "../../../../core/http/actor.ts";
import { localize, t, type Locale } from "../../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../../core/ui/layout.ts";
import { flaggableQuestions } from "../../commands/staff-request-correction.ts";
import { isMoveBack, reasonRequired, statusFormChoices } from "../../commands/staff-change-status.ts";
import type { AnswerValue, Answers, FileAnswer, FormDefinition } from "../../forms/definition.ts";
import { handlerFor, pruneAnswers, visiblePages, visibleQuestions } from "../../forms/index.ts";
import { FINAL_STATUSES, staffCanMove } from "../../status-machine.ts";
import type { ApplicationStatus } from "../../tables.ts";
import type { CaseDetail, CaseEvent, Colleague } from "../queries.ts";
import { multiline, statusTag, statusWord, timeTag } from "./format.ts";
import "../messages.ts";

export type CaseFormName = "assign" | "status" | "correction" | "note" | "stage";

/** What a staff member typed into one of the case page's forms. */
export type CaseFormValues = {
  assignee?: string;
  to?: string;
  reason?: string;
  questions?: string[];
  message?: string;
  note?: string;
  /** The case app's stage form (builder). */
  stage?: string;
};

export type CaseFormState = {
  form: CaseFormName;
  values: CaseFormValues;
  /** Problems by field name of the form ("reason", "questions", …), already in the reader's language. */
  errors: Array<{ field: string; message: string }>;
};

export type CaseView = {
  theCase: CaseDetail;
  events: CaseEvent[];
  /** Staff names by id, for history entries that name an assignee. */
  names: Map<string, string>;
  colleagues: Colleague[];
  actor: Actor;
  /** After a successful POST (post/redirect/get): what was done. */
  done?: string;
  /** Another member of staff changed the case first. */
  conflict?: boolean;
  state?: CaseFormState;
  /** The application's electronic signature (signatures module): who signed, per the certificate. */
  signature?: HtmlValue;
  /** The procedure's case app (builder): the case's stage and due date, and the stage form instead of the status form. */
  caseApp?: { facts: HtmlValue; statusForm: HtmlValue; allowsCorrection: boolean };
};

/** The id of a form's field on the page (forms share field names, ids must be unique). */
export function fieldId(form: CaseFormName, field: string): string {
  return `${form}-${field}`;
}

const DONE = new Set(["assigned", "status", "decided", "correction", "note", "stage"]);

export function casePage(ctx: PageContext, view: CaseView): PageOptions {
  const { locale } = ctx;
  const { theCase, state } = view;
  const title = t(locale, "staff.case.title", { reference: theCase.reference });
  const errors = state?.errors.map((e) => ({ field: fieldId(state.form, e.field), message: e.message })) ?? [];
  const closed = FINAL_STATUSES.has(theCase.status);

  const notices: HtmlValue[] = [];
  if (view.conflict) {
    notices.push(html`<div class="panel panel--notice" role="alert" id="conflict">
<p><strong>${t(locale, "staff.case.conflict")}</strong></p>
${state ? html`<p>${t(locale, "staff.case.conflictKept")}</p>` : ""}
</div>`);
  } else if (view.done && DONE.has(view.done)) {
    notices.push(html`<div class="panel panel--success" role="status"><p>${t(locale, `staff.case.done.${view.done}`)}</p></div>`);
  }

  return {
    title,
    area: "staff",
    hasErrors: errors.length > 0,
    body: html`<p><a href="/staff/cases?department=${encodeURIComponent(theCase.departmentCode)}">${t(locale, "staff.case.backToInbox")}</a></p>
${errorSummary(locale, errors)}
${notices}
<p class="caption">${localize(theCase.procedureTitle, locale)}</p>
<h1>${title}</h1>
${facts(locale, theCase)}
${view.caseApp?.facts ?? ""}
${theCase.status === "correction_requested" ? currentCorrection(locale, theCase) : ""}
<h2>${t(locale, "staff.case.answers")}</h2>
${answersSummary(theCase.definition, theCase.answers, locale, theCase.status === "correction_requested" ? theCase.correctionQuestions : [])}
<h2>${t(locale, "staff.case.files")}</h2>
${filesList(locale, theCase.answers)}
<p><a href="${caseDocumentsPath(theCase.id)}">${t(locale, "staff.case.documents")}</a></p>
${view.signature ?? ""}
<h2>${t(locale, "staff.case.actions")}</h2>
${closed ? html`<p>${t(locale, "staff.case.finalNote", { status: statusWord(locale, theCase.status) })}</p>` : ""}
${closed ? "" : assignForm(ctx, view)}
${closed ? "" : (view.caseApp?.statusForm ?? statusForm(ctx, view))}
${!closed && staffCanMove(theCase.status, "correction_requested") && (view.caseApp?.allowsCorrection ?? true) ? correctionForm(ctx, view) : ""}
${noteForm(ctx, view)}
${unplacedInput(locale, view)}
<h2>${t(locale, "staff.case.history")}</h2>
${history(locale, view)}`,
  };
}

function facts(locale: Locale, c: CaseDetail): SafeHtml {
  const row = (key: string, value: HtmlValue) =>
    html`<div class="summary-list__row"><dt class="summary-list__key">${t(locale, key)}</dt><dd class="summary-list__value">${value}</dd></div>`;
  return html`<dl class="summary-list">
${row("staff.case.reference", html`<span class="reference">${c.reference}</span>`)}
${row("staff.case.procedure", localize(c.procedureTitle, locale))}
${row("staff.case.department", localize(c.departmentName, locale))}
${row("staff.case.status", statusTag(locale, c.status))}
${row("staff.case.assignee", c.assigneeName ?? t(locale, "staff.case.unassigned"))}
${row("staff.case.applicant", c.applicantName)}
${row("staff.case.submitted", timeTag(c.submittedAt, locale))}
${row("staff.case.updated", timeTag(c.updatedAt, locale))}
${c.decidedAt ? row("staff.case.decided", timeTag(c.decidedAt, locale)) : ""}
</dl>`;
}

function labelsOf(definition: FormDefinition, ids: readonly string[], locale: Locale): string[] {
  return definition.pages
    .flatMap((page) => page.questions)
    .filter((q) => ids.includes(q.id))
    .map((q) => localize(q.label, locale));
}

function currentCorrection(locale: Locale, c: CaseDetail): SafeHtml {
  return html`<div class="panel panel--notice">
<h2>${t(locale, "staff.case.currentCorrection")}</h2>
<p><strong>${t(locale, "staff.case.flaggedQuestions")}</strong>：${labelsOf(c.definition, c.correctionQuestions, locale).join(locale === "ja" ? "、" : ", ")}</p>
${c.correctionMessage ? html`<p><strong>${t(locale, "staff.case.correctionMessage")}</strong></p><p>${multiline(c.correctionMessage)}</p>` : ""}
</div>`;
}

/**
 * The answers as the applicant saw them on check-your-answers, rendered with the form engine's
 * question handlers, but without 「変更」 links, and with the questions under correction marked.
 */
function answersSummary(definition: FormDefinition, answers: Answers, locale: Locale, flagged: readonly string[]): SafeHtml {
  const kept = pruneAnswers(definition, answers);
  const sections = visiblePages(definition, kept).map((page) => {
    const rows = visibleQuestions(definition, page, kept).map((q) => {
      const value = kept[q.id];
      const shown = value === undefined ? t(locale, "forms.notAnswered") : handlerFor(q.type).display(q, value, locale);
      const mark = flagged.includes(q.id) ? html` <span class="tag">${t(locale, "staff.status.correction_requested")}</span>` : "";
      return html`<div class="summary-list__row">
<dt class="summary-list__key">${localize(q.label, locale)}${mark}</dt>
<dd class="summary-list__value">${shown}</dd>
</div>`;
    });
    return html`<h3>${localize(page.title, locale)}</h3>
<dl class="summary-list">
${rows}
</dl>`;
  });
  return html`${sections}`;
}

function isFileAnswer(value: unknown): value is FileAnswer {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.fileId === "string" && typeof v.name === "string";
}

/** Every file answer in the answers, also inside repeating groups, in order. */
export function fileAnswers(answers: Answers | AnswerValue): FileAnswer[] {
  if (isFileAnswer(answers)) return [answers];
  if (Array.isArray(answers)) return answers.flatMap((item) => (typeof item === "object" && item !== null ? fileAnswers(item as Answers) : []));
  if (typeof answers === "object" && answers !== null) return Object.values(answers).flatMap((value) => fileAnswers(value as AnswerValue));
  return [];
}

function formatSize(bytes: number, locale: Locale): string {
  if (bytes < 1024) return locale === "ja" ? `${bytes}バイト` : `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)}${locale === "ja" ? "" : " "}KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)}${locale === "ja" ? "" : " "}MB`;
}

function filesList(locale: Locale, answers: Answers): SafeHtml {
  const files = fileAnswers(answers);
  if (files.length === 0) return html`<p>${t(locale, "staff.case.noFiles")}</p>`;
  return html`<ul>
${files.map(
  (file) => html`<li><a href="/staff/files/${file.fileId}" download>${t(locale, "staff.case.download", {
    name: file.name,
    kind: String(file.kind).toUpperCase(),
    size: formatSize(file.size, locale),
  })}</a></li>`,
)}
</ul>`;
}

// ---------------------------------------------------------------------------------------------
// Forms

function valuesFor(view: CaseView, form: CaseFormName): CaseFormValues {
  return view.state?.form === form ? view.state.values : {};
}

function errorFor(view: CaseView, form: CaseFormName, field: string): string | undefined {
  if (view.state?.form !== form) return undefined;
  return view.state.errors.find((e) => e.field === field)?.message;
}

function errorLine(locale: Locale, id: string, message: string | undefined): HtmlValue {
  if (!message) return "";
  return html`<p class="field__error" id="${id}-error"><span class="visually-hidden">${t(locale, "forms.errorPrefix")}</span>${message}</p>`;
}

function hidden(ctx: PageContext, view: CaseView): SafeHtml {
  return html`${csrfField(ctx)}<input type="hidden" name="revision" value="${view.theCase.revision}">`;
}

function textarea(locale: Locale, options: { id: string; name: string; label: string; hint?: string; value?: string; error?: string; rows?: number }): SafeHtml {
  const described = [options.hint ? `${options.id}-hint` : "", options.error ? `${options.id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${options.error ? " field--error" : ""}">
<label class="field__label" for="${options.id}">${options.label}</label>
${options.hint ? html`<div class="field__hint" id="${options.id}-hint">${options.hint}</div>` : ""}
${errorLine(locale, options.id, options.error)}
<textarea class="input" id="${options.id}" name="${options.name}" rows="${options.rows ?? 4}"${described ? html` aria-describedby="${described}"` : ""}${options.error ? html` aria-invalid="true"` : ""}>${options.value ?? ""}</textarea>
</div>`;
}

function assignForm(ctx: PageContext, view: CaseView): SafeHtml {
  const { locale } = ctx;
  const values = valuesFor(view, "assign");
  const current = values.assignee ?? (view.theCase.assigneeId === view.actor.id ? "me" : (view.theCase.assigneeId ?? "none"));
  const id = fieldId("assign", "assignee");
  const error = errorFor(view, "assign", "assignee");
  const others = view.colleagues.filter((c) => c.id !== view.actor.id);
  const opt = (value: string, label: string) => html`<option value="${value}"${value === current ? html` selected` : ""}>${label}</option>`;
  return html`<section aria-labelledby="assign-title">
<h3 id="assign-title">${t(locale, "staff.assign.title")}</h3>
<form method="post" action="/staff/cases/${view.theCase.id}/assign" novalidate>
${hidden(ctx, view)}
<div class="field${error ? " field--error" : ""}">
<label class="field__label" for="${id}">${t(locale, "staff.assign.label")}</label>
${errorLine(locale, id, error)}
<select class="input" id="${id}" name="assignee"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ""}>
${opt("me", t(locale, "staff.assign.me", { name: view.actor.displayName }))}
${others.length > 0 ? html`<optgroup label="${t(locale, "staff.assign.colleagues")}">${others.map((c) => opt(c.id, c.name))}</optgroup>` : ""}
${opt("none", t(locale, "staff.assign.none"))}
</select>
</div>
<button class="button button--secondary" type="submit">${t(locale, "staff.assign.submit")}</button>
</form>
</section>`;
}

function moveLabel(locale: Locale, from: ApplicationStatus, to: ApplicationStatus): string {
  return t(locale, isMoveBack(from, to) ? `staff.move.${to}.back` : `staff.move.${to}`);
}

function statusForm(ctx: PageContext, view: CaseView): SafeHtml {
  const { locale } = ctx;
  const from = view.theCase.status;
  const choices = statusFormChoices(from);
  const values = valuesFor(view, "status");
  const toError = errorFor(view, "status", "to");
  const reasonError = errorFor(view, "status", "reason");
  const legendId = fieldId("status", "to");
  const body =
    choices.length === 0
      ? html`<p>${t(locale, "staff.statusForm.none")}</p>`
      : html`<form method="post" action="/staff/cases/${view.theCase.id}/status" novalidate>
${hidden(ctx, view)}
<div class="field${toError ? " field--error" : ""}">
<fieldset class="fieldset"${toError ? html` aria-describedby="${legendId}-error"` : ""}>
<legend class="fieldset__legend">${t(locale, "staff.statusForm.to")}</legend>
${errorLine(locale, legendId, toError)}
<div class="choices">
${choices.map((to, i) => {
  const id = i === 0 ? legendId : `${legendId}-${to}`;
  const needs = reasonRequired(from, to);
  return html`<div class="choice"><input class="choice__input" type="radio" id="${id}" name="to" value="${to}"${values.to === to ? html` checked` : ""}>
<label class="choice__label" for="${id}">${moveLabel(locale, from, to)}${needs ? html`<span class="muted">${t(locale, "staff.statusForm.reasonNeeded")}</span>` : ""}</label></div>`;
})}
</div>
</fieldset>
</div>
${textarea(locale, {
  id: fieldId("status", "reason"),
  name: "reason",
  label: t(locale, "staff.statusForm.reason"),
  hint: t(locale, "staff.statusForm.reasonHint"),
  value: values.reason,
  error: reasonError,
})}
<button class="button" type="submit">${t(locale, "staff.statusForm.submit")}</button>
</form>`;
  return html`<section aria-labelledby="status-title">
<h3 id="status-title">${t(locale, "staff.statusForm.title")}</h3>
${body}
</section>`;
}

function correctionForm(ctx: PageContext, view: CaseView): SafeHtml {
  const { locale } = ctx;
  const { theCase } = view;
  const values = valuesFor(view, "correction");
  const chosen = new Set(values.questions ?? []);
  const questionsError = errorFor(view, "correction", "questions");
  const firstId = fieldId("correction", "questions");
  const questions = flaggableQuestions(theCase.definition, theCase.answers);
  const labels = new Map(theCase.definition.pages.flatMap((p) => p.questions).map((q) => [q.id, localize(q.label, locale)]));
  return html`<section aria-labelledby="correction-title">
<h3 id="correction-title">${t(locale, "staff.correction.title")}</h3>
<p>${t(locale, "staff.correction.intro")}</p>
<form method="post" action="/staff/cases/${theCase.id}/correction" novalidate>
${hidden(ctx, view)}
<div class="field${questionsError ? " field--error" : ""}">
<fieldset class="fieldset"${questionsError ? html` aria-describedby="${firstId}-error"` : ""}>
<legend class="fieldset__legend">${t(locale, "staff.correction.questions")}</legend>
${errorLine(locale, firstId, questionsError)}
<div class="choices">
${questions.map((q, i) => {
  const id = i === 0 ? firstId : `${firstId}-${q.id}`;
  return html`<div class="choice"><input class="choice__input" type="checkbox" id="${id}" name="questions" value="${q.id}"${chosen.has(q.id) ? html` checked` : ""}>
<label class="choice__label" for="${id}">${labels.get(q.id) ?? q.id}</label></div>`;
})}
</div>
</fieldset>
</div>
${textarea(locale, {
  id: fieldId("correction", "message"),
  name: "message",
  label: t(locale, "staff.correction.message"),
  hint: t(locale, "staff.correction.messageHint"),
  value: values.message,
  error: errorFor(view, "correction", "message"),
  rows: 6,
})}
<button class="button button--secondary" type="submit">${t(locale, "staff.correction.submit")}</button>
</form>
</section>`;
}

function noteForm(ctx: PageContext, view: CaseView): SafeHtml {
  const { locale } = ctx;
  const values = valuesFor(view, "note");
  return html`<section aria-labelledby="note-title">
<h3 id="note-title">${t(locale, "staff.note.title")}</h3>
<form method="post" action="/staff/cases/${view.theCase.id}/notes" novalidate>
${hidden(ctx, view)}
${textarea(locale, {
  id: fieldId("note", "note"),
  name: "note",
  label: t(locale, "staff.note.label"),
  hint: t(locale, "staff.note.hint"),
  value: values.note,
  error: errorFor(view, "note", "note"),
})}
<button class="button button--secondary" type="submit">${t(locale, "staff.note.submit")}</button>
</form>
</section>`;
}

/**
 * After a conflict the form someone used may be gone (the case was decided meanwhile): their
 * reason or message is then shown here, so they can copy it rather than lose it.
 */
function unplacedInput(locale: Locale, view: CaseView): HtmlValue {
  const state = view.state;
  if (!state) return "";
  const closed = FINAL_STATUSES.has(view.theCase.status);
  const shown =
    state.form === "note" ||
    (!closed && (state.form === "assign" || (state.form === "status" && statusFormChoices(view.theCase.status).length > 0))) ||
    (state.form === "correction" && !closed && staffCanMove(view.theCase.status, "correction_requested"));
  const text = state.values.reason || state.values.message;
  if (shown || !text) return "";
  return html`<div class="panel panel--notice">
<p>${t(locale, "staff.case.conflictKept")}</p>
${textarea(locale, { id: "kept-text", name: "kept", label: state.form === "status" ? t(locale, "staff.statusForm.reason") : t(locale, "staff.correction.message"), value: text })}
</div>`;
}

// ---------------------------------------------------------------------------------------------
// History

function eventTitle(locale: Locale, event: CaseEvent, view: CaseView): string {
  switch (event.type) {
    case "status_changed":
      return t(locale, "staff.history.status_changed", {
        from: event.fromStatus ? statusWord(locale, event.fromStatus) : "—",
        to: event.toStatus ? statusWord(locale, event.toStatus) : "—",
      });
    case "assigned": {
      const id = typeof event.data.assigneeId === "string" ? event.data.assigneeId : null;
      return id ? t(locale, "staff.history.assigned", { assignee: view.names.get(id) ?? id }) : t(locale, "staff.history.unassigned");
    }
    case "submitted":
    case "correction_requested":
    case "corrected":
    case "note":
    case "withdrawn":
      return t(locale, `staff.history.${event.type}`);
    default:
      return t(locale, "staff.history.other", { type: event.type });
  }
}

function actorLine(locale: Locale, event: CaseEvent): string {
  if (!event.actorId) return t(locale, "staff.history.bySystem");
  if (event.actorKind === "resident") return t(locale, "staff.history.byResident");
  return t(locale, "staff.history.by", { name: event.actorName ?? event.actorId });
}

function history(locale: Locale, view: CaseView): SafeHtml {
  if (view.events.length === 0) return html`<p>${t(locale, "staff.case.noHistory")}</p>`;
  const { definition } = view.theCase;
  return html`<ol class="timeline">
${view.events.map((event) => {
  const questions = Array.isArray(event.data.questions) ? (event.data.questions as string[]) : [];
  return html`<li>
${timeTag(event.at, locale)}
<p><strong>${eventTitle(locale, event, view)}</strong> <span class="tag">${t(locale, event.internal ? "staff.history.internal" : "staff.history.visible")}</span></p>
<p class="muted">${actorLine(locale, event)}</p>
${questions.length > 0 ? html`<p>${t(locale, "staff.history.questions", { questions: labelsOf(definition, questions, locale).join(locale === "ja" ? "、" : ", ") })}</p>` : ""}
${event.message ? html`<p>${event.type === "status_changed" ? t(locale, "staff.history.reasonLabel") : ""}${multiline(event.message)}</p>` : ""}
</li>`;
})}
</ol>`;
}
