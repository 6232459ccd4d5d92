/**
 * Staff pages of the navigator: the life events, one event's versions, the draft editor
 * (structured forms for basics, questions and checklist items, with conditions as rows), the JSON
 * page (validation with exact JSON Pointers), the test harness (answers → the list, compared with
 * the published version), and the support-programme import with its per-row error report.
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { renderQuestions, type FieldError, type FormBody, type PageDef } from "../../procedures/forms/index.ts";
import { GROUPS, type Checklist, type ChecklistItem } from "../checklist.ts";
import type { ChecklistItemDef, Condition, NavigatorDefinition, NavigatorQuestion } from "../definition.ts";
import { NAVIGATOR_QUESTION_TYPES, WHERE_KINDS } from "../definition.ts";
import { CONDITION_OPS, EMPTY_CONDITION_ROWS, conditionToRows, optionsText, prefillText } from "../editor.ts";
import type { ImportProblem } from "../programmes/csv-import.ts";
import type { SupportProgramme } from "../programmes/programme.ts";
import type { EventOverview, VersionListItem } from "../queries.ts";
import type { DefinitionProblem } from "../validate-definition.ts";
import { stylesheets } from "./common.ts";
import { deadlineText, m } from "./format.ts";

type Errors = ReadonlyArray<{ field: string; message: string }>;

function staffNav(locale: Locale, current: "navigator" | "programmes"): SafeHtml {
  return html`<nav class="nav-noprint" aria-label="${m(locale, "staff.navLabel")}"><ul class="finder-downloads">
<li><a href="/staff/navigator"${current === "navigator" ? html` aria-current="page"` : ""}>${m(locale, "staff.navNavigator")}</a></li>
<li><a href="/staff/support-programmes"${current === "programmes" ? html` aria-current="page"` : ""}>${m(locale, "staff.navProgrammes")}</a></li>
</ul></nav>`;
}

function textInput(name: string, label: string, value: string, errors: Errors, more: { hint?: string; required?: boolean; short?: boolean; lang?: string } = {}): SafeHtml {
  const error = errors.find((e) => e.field === name)?.message;
  const describedBy = [more.hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}">
<label class="field__label" for="${name}">${label}</label>
${more.hint ? html`<span class="field__hint" id="${name}-hint">${more.hint}</span>` : ""}
${error ? html`<span class="field__error" id="${name}-error">${error}</span>` : ""}
<input class="input${more.short ? " input--short" : ""}" id="${name}" name="${name}" type="text" value="${value}"${more.lang ? html` lang="${more.lang}"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}${error ? html` aria-invalid="true"` : ""}>
</div>`;
}

function textArea(name: string, label: string, value: string, errors: Errors, more: { hint?: string; lang?: string; className?: string } = {}): SafeHtml {
  const error = errors.find((e) => e.field === name)?.message;
  const describedBy = [more.hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}">
<label class="field__label" for="${name}">${label}</label>
${more.hint ? html`<span class="field__hint" id="${name}-hint">${more.hint}</span>` : ""}
${error ? html`<span class="field__error" id="${name}-error">${error}</span>` : ""}
<textarea class="input${more.className ? ` ${more.className}` : ""}" id="${name}" name="${name}" rows="4"${more.lang ? html` lang="${more.lang}"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}${error ? html` aria-invalid="true"` : ""}>${value}</textarea>
</div>`;
}

function selectInput(name: string, label: string, options: Array<{ value: string; label: string }>, selected: string, errors: Errors, hint?: string): SafeHtml {
  const error = errors.find((e) => e.field === name)?.message;
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}">
<label class="field__label" for="${name}">${label}</label>
${hint ? html`<span class="field__hint" id="${name}-hint">${hint}</span>` : ""}
${error ? html`<span class="field__error" id="${name}-error">${error}</span>` : ""}
<select class="input" id="${name}" name="${name}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}${error ? html` aria-invalid="true"` : ""}>
${options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ""}>${o.label}</option>`)}
</select></div>`;
}

function radioGroup(name: string, legend: string, options: Array<{ value: string; label: string }>, selected: string, errors: Errors): SafeHtml {
  const error = errors.find((e) => e.field === name)?.message;
  return html`<fieldset class="fieldset${error ? " field--error" : ""}"${error ? html` aria-describedby="${name}-error"` : ""}><legend class="fieldset__legend">${legend}</legend>
${error ? html`<span class="field__error" id="${name}-error">${error}</span>` : ""}
<div class="choices">${options.map((o, i) => {
    const id = i === 0 ? name : `${name}-${i + 1}`;
    return html`<div class="choice"><input class="choice__input" type="radio" id="${id}" name="${name}" value="${o.value}"${o.value === selected ? html` checked` : ""}><label class="choice__label" for="${id}">${o.label}</label></div>`;
  })}</div></fieldset>`;
}

function checkbox(name: string, label: string, checked: boolean): SafeHtml {
  return html`<div class="choice"><input class="choice__input" type="checkbox" id="${name}" name="${name}" value="yes"${checked ? html` checked` : ""}><label class="choice__label" for="${name}">${label}</label></div>`;
}

function postButton(ctx: PageContext, action: string, label: string, hiddenFields: Record<string, string | number> = {}, className = "link-button"): SafeHtml {
  return html`<form class="inline-form" method="post" action="${action}">${csrfField(ctx)}${Object.entries(hiddenFields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`)}<button class="${className}" type="submit">${label}</button></form>`;
}

// ---------------------------------------------------------------------------------------------
// Life events

export function staffEventsPage(ctx: PageContext, view: { events: EventOverview[]; departments: Array<{ code: string; name: string }>; canProgrammes: boolean; values: Record<string, string>; errors: Errors }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.events.title");
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${stylesheets()}${staffNav(locale, "navigator")}
${errorSummary(locale, [...view.errors])}
<h1>${title}</h1>
<p>${m(locale, "staff.events.lead")}</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.col.event")}</th><th scope="col">${m(locale, "staff.col.title")}</th><th scope="col">${m(locale, "staff.col.published")}</th><th scope="col">${m(locale, "staff.col.draft")}</th></tr></thead>
<tbody>
${view.events.map(
  (e) => html`<tr><td><a href="/staff/navigator/${e.event}"><code class="nav-code">${e.event}</code></a></td><td>${localize(e.title, locale)}</td><td>${e.published ? m(locale, "staff.version", { version: e.published }) : m(locale, "staff.none")}</td><td>${e.draft ? m(locale, "staff.version", { version: e.draft }) : m(locale, "staff.none")}</td></tr>`,
)}
</tbody></table></div>
${view.departments.length > 0
  ? html`<h2 id="new-event">${m(locale, "staff.events.newTitle")}</h2>
<form method="post" action="/staff/navigator" novalidate>
${csrfField(ctx)}
${textInput("event", m(locale, "staff.events.code"), view.values.event ?? "", view.errors, { hint: m(locale, "staff.events.codeHint"), lang: "en" })}
${textInput("title_ja", m(locale, "staff.field.titleJa"), view.values.title_ja ?? "", view.errors)}
${textInput("title_en", m(locale, "staff.field.titleEn"), view.values.title_en ?? "", view.errors, { lang: "en" })}
${selectInput("department", m(locale, "staff.events.department"), view.departments.map((d) => ({ value: d.code, label: d.name })), view.values.department ?? "", view.errors)}
<button class="button" type="submit">${m(locale, "staff.events.create")}</button>
</form>`
  : ""}`,
  };
}

export function staffEventPage(ctx: PageContext, view: { event: string; title: LocalizedText; departmentName: string; versions: VersionListItem[]; hasDraft: boolean; canEdit: boolean }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.event.title", { title: localize(view.title, locale) });
  const published = view.versions.find((v) => v.status === "published");
  return {
    title,
    area: "staff",
    body: html`${stylesheets()}${staffNav(locale, "navigator")}
<p><a class="back-link" href="/staff/navigator">${m(locale, "staff.back.events")}</a></p>
<h1>${title}</h1>
<p>${m(locale, "staff.event.department", { department: view.departmentName })}</p>
${published ? html`<p>${m(locale, "staff.event.published", { version: published.version })} <a href="/navigator/${view.event}">${m(locale, "staff.event.residentPage")}</a></p>` : html`<p>${m(locale, "staff.event.notPublished")}</p>`}
${view.canEdit
  ? view.hasDraft
    ? html`<p><a class="button" href="/staff/navigator/${view.event}/draft">${m(locale, "staff.event.editDraft")}</a></p>`
    : postButton(ctx, `/staff/navigator/${view.event}/draft`, m(locale, "staff.event.startDraft"), {}, "button")
  : html`<p>${m(locale, "staff.event.readOnly")}</p>`}
<h2>${m(locale, "staff.event.versions")}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.col.version")}</th><th scope="col">${m(locale, "staff.col.status")}</th><th scope="col">${m(locale, "staff.col.publishedAt")}</th><th scope="col">${m(locale, "staff.col.by")}</th></tr></thead>
<tbody>${view.versions.map(
  (v) => html`<tr><td><a href="/staff/navigator/${view.event}/versions/${v.version}">${m(locale, "staff.version", { version: v.version })}</a></td><td>${m(locale, `staff.status.${v.status}`)}</td><td>${v.publishedAt ? v.publishedAt.slice(0, 16).replace("T", " ") : "—"}</td><td>${v.publishedBy ?? v.updatedBy ?? "—"}</td></tr>`,
)}</tbody></table></div>`,
  };
}

export function versionPage(ctx: PageContext, view: { event: string; version: number; status: string; json: string }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.versionPage.title", { event: view.event, version: view.version });
  return {
    title,
    area: "staff",
    body: html`${stylesheets()}<p><a class="back-link" href="/staff/navigator/${view.event}">${m(locale, "staff.back.event")}</a></p>
<h1>${title}</h1><p>${m(locale, `staff.status.${view.status}`)}</p>
<label class="field__label" for="version-json">${m(locale, "staff.json.label")}</label>
<textarea class="input nav-json" id="version-json" readonly rows="24">${view.json}</textarea>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Draft

function problemLink(event: string, def: NavigatorDefinition, problem: DefinitionProblem): string {
  const match = /^\/(questions|items)\/(\d+)/.exec(problem.path);
  if (!match) return `/staff/navigator/${event}/draft/json`;
  const list = match[1] === "questions" ? def.questions : def.items;
  const entry = list[Number(match[2])];
  return entry ? `/staff/navigator/${event}/draft/${match[1]}/${encodeURIComponent(entry.id)}` : `/staff/navigator/${event}/draft/json`;
}

export function problemsBlock(locale: Locale, event: string, def: NavigatorDefinition | null, problems: readonly DefinitionProblem[]): SafeHtml {
  if (problems.length === 0) return html`<div class="nav-problems nav-problems--ok" role="status"><p>${m(locale, "staff.problems.none")}</p></div>`;
  const errors = problems.filter((p) => p.severity === "error").length;
  return html`<div class="nav-problems" role="region" aria-labelledby="problems-title">
<h2 id="problems-title">${m(locale, "staff.problems.title", { errors, warnings: problems.length - errors })}</h2>
<ul>${problems.map(
    (p) => html`<li><strong>${m(locale, `staff.severity.${p.severity}`)}</strong> <code>${p.path || "/"}</code> ${m(locale, `problem.${p.code}`, p.params ?? {})}${def ? html` <a href="${problemLink(event, def, p)}">${m(locale, "staff.problems.fix")}</a>` : ""}</li>`,
  )}</ul></div>`;
}

/** A condition in short symbols for staff lists: move_type = in かつ household ∋ children. */
export function conditionSummary(cond: Condition | undefined, locale: Locale, nested = false): string {
  if (!cond) return m(locale, "staff.condition.always");
  if ("all" in cond || "any" in cond) {
    const parts = ("all" in cond ? cond.all : cond.any).map((c) => conditionSummary(c, locale, true));
    const joined = parts.join(m(locale, "all" in cond ? "staff.condition.and" : "staff.condition.or"));
    return nested ? `(${joined})` : joined;
  }
  if ("equals" in cond) return `${cond.question} = ${cond.equals}`;
  if ("notEquals" in cond) return `${cond.question} ≠ ${cond.notEquals}`;
  if ("in" in cond) return `${cond.question} ∈ {${cond.in.join(", ")}}`;
  if ("includes" in cond) return `${cond.question} ∋ ${cond.includes}`;
  return `${cond.question}: ${m(locale, cond.answered ? "staff.op.answered" : "staff.op.unanswered")}`;
}

export type DraftView = {
  event: string;
  version: number;
  revision: number;
  definition: NavigatorDefinition;
  problems: DefinitionProblem[];
  canPublish: boolean;
  notice: string | null;
  errors: Errors;
  values: Record<string, string>;
};

export function draftPage(ctx: PageContext, view: DraftView): PageOptions {
  const { locale } = ctx;
  const def = view.definition;
  const base = `/staff/navigator/${view.event}/draft`;
  const title = m(locale, "staff.draft.title", { title: localize(def.title, locale) || view.event, version: view.version });
  const value = (name: string, fallback: string) => view.values[name] ?? fallback;
  const hasErrors = view.problems.some((p) => p.severity === "error");
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${stylesheets()}${staffNav(locale, "navigator")}
<p><a class="back-link" href="/staff/navigator/${view.event}">${m(locale, "staff.back.event")}</a></p>
${errorSummary(locale, [...view.errors])}
${view.notice ? html`<div class="panel panel--success" role="status"><p>${view.notice}</p></div>` : ""}
<h1>${title}</h1>
<p><a href="${base}/test">${m(locale, "staff.draft.harnessLink")}</a>　<a href="${base}/json">${m(locale, "staff.draft.jsonLink")}</a></p>
${problemsBlock(locale, view.event, def, view.problems)}
<h2 id="basics">${m(locale, "staff.draft.basics")}</h2>
<form method="post" action="${base}/basics" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${view.revision}">
${textInput("title_ja", m(locale, "staff.field.titleJa"), value("title_ja", def.title.ja), view.errors)}
${textInput("title_en", m(locale, "staff.field.titleEn"), value("title_en", def.title.en ?? ""), view.errors, { lang: "en" })}
${textArea("summary_ja", m(locale, "staff.field.summaryJa"), value("summary_ja", def.summary.ja), view.errors)}
${textArea("summary_en", m(locale, "staff.field.summaryEn"), value("summary_en", def.summary.en ?? ""), view.errors, { lang: "en" })}
${textInput("position", m(locale, "staff.field.position"), value("position", String(def.position)), view.errors, { short: true, hint: m(locale, "staff.field.positionHint") })}
<button class="button button--secondary" type="submit">${m(locale, "staff.save")}</button>
</form>
<h2 id="questions">${m(locale, "staff.draft.questions", { count: def.questions.length })}</h2>
<p class="muted">${m(locale, "staff.draft.questionsLead")}</p>
<ol class="nav-editor-list">
${def.questions.map(
  (q, i) => html`<li><p><strong>${localize(q.label, locale)}</strong><br><code class="nav-code">${q.id}</code>・${m(locale, `staff.qtype.${q.type}`)}${q.showIf ? html`・${m(locale, "staff.condition.shownIf")} <code class="nav-code">${conditionSummary(q.showIf, locale)}</code>` : ""}</p>
<a href="${base}/questions/${encodeURIComponent(q.id)}">${m(locale, "staff.edit")}<span class="visually-hidden">：${localize(q.label, locale)}</span></a>
${i > 0 ? postButton(ctx, `${base}/questions/${encodeURIComponent(q.id)}/move`, m(locale, "staff.moveUp"), { revision: view.revision, direction: "up" }) : ""}
${i < def.questions.length - 1 ? postButton(ctx, `${base}/questions/${encodeURIComponent(q.id)}/move`, m(locale, "staff.moveDown"), { revision: view.revision, direction: "down" }) : ""}
${postButton(ctx, `${base}/questions/${encodeURIComponent(q.id)}/delete`, m(locale, "staff.delete"), { revision: view.revision })}</li>`,
)}
</ol>
<p><a class="button button--secondary" href="${base}/questions/new">${m(locale, "staff.draft.addQuestion")}</a></p>
<h2 id="items">${m(locale, "staff.draft.items", { count: def.items.length })}</h2>
<p class="muted">${m(locale, "staff.draft.itemsLead")}</p>
<ol class="nav-editor-list">
${def.items.map(
  (item, i) => html`<li><p><strong>${localize(item.title, locale)}</strong><br><code class="nav-code">${item.id}</code>・${m(locale, `staff.where.${item.where.kind}`)}${item.procedure ? html`・<code class="nav-code">${item.procedure}</code>` : ""}${item.deadline ? html`・${m(locale, "staff.item.deadlineSummary", { from: item.deadline.from, count: item.deadline.count, unit: m(locale, `staff.unit.${item.deadline.unit ?? "days"}`) })}` : ""}<br>${m(locale, "staff.condition.when")} <code class="nav-code">${conditionSummary(item.when, locale)}</code></p>
<a href="${base}/items/${encodeURIComponent(item.id)}">${m(locale, "staff.edit")}<span class="visually-hidden">：${localize(item.title, locale)}</span></a>
${i > 0 ? postButton(ctx, `${base}/items/${encodeURIComponent(item.id)}/move`, m(locale, "staff.moveUp"), { revision: view.revision, direction: "up" }) : ""}
${i < def.items.length - 1 ? postButton(ctx, `${base}/items/${encodeURIComponent(item.id)}/move`, m(locale, "staff.moveDown"), { revision: view.revision, direction: "down" }) : ""}
${postButton(ctx, `${base}/items/${encodeURIComponent(item.id)}/delete`, m(locale, "staff.delete"), { revision: view.revision })}</li>`,
)}
</ol>
<p><a class="button button--secondary" href="${base}/items/new">${m(locale, "staff.draft.addItem")}</a></p>
<h2 id="publish">${m(locale, "staff.draft.publishTitle")}</h2>
${view.canPublish
  ? hasErrors
    ? html`<p>${m(locale, "staff.draft.fixFirst")}</p>`
    : html`<p>${m(locale, "staff.draft.publishText")}</p>${postButton(ctx, `/staff/navigator/${view.event}/publish`, m(locale, "staff.draft.publish", { version: view.version }), { revision: view.revision }, "button")}`
  : html`<p>${m(locale, "staff.draft.managersPublish")}</p>`}
<h2>${m(locale, "staff.draft.discardTitle")}</h2>
${postButton(ctx, `${base}/discard`, m(locale, "staff.draft.discard"), { revision: view.revision }, "button button--warning")}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Conditions

function conditionEditor(locale: Locale, prefix: string, legend: string, cond: Condition | undefined, questions: readonly NavigatorQuestion[], body: FormBody | null, errors: Errors): SafeHtml {
  const rows = body ? null : conditionToRows(cond);
  const asJson = body ? body[`${prefix}_json`] !== undefined : rows === null;
  if (asJson) {
    const typed = body ? String(body[`${prefix}_json`] ?? "") : JSON.stringify(cond, null, 2);
    return html`<fieldset class="fieldset"><legend class="fieldset__legend">${legend}</legend>
${textArea(`${prefix}_json`, m(locale, "staff.condition.json"), typed, errors, { hint: m(locale, "staff.condition.jsonHint"), className: "nav-json", lang: "en" })}</fieldset>`;
  }
  const typedRows: Array<{ question: string; op: string; value: string }> = [];
  if (body) {
    for (let n = 0; n < 20 && body[`${prefix}_${n}_question`] !== undefined; n++) {
      typedRows.push({ question: String(body[`${prefix}_${n}_question`] ?? ""), op: String(body[`${prefix}_${n}_op`] ?? "equals"), value: String(body[`${prefix}_${n}_value`] ?? "") });
    }
  } else {
    typedRows.push(...rows!.rows);
    for (let i = 0; i < EMPTY_CONDITION_ROWS; i++) typedRows.push({ question: "", op: "equals", value: "" });
  }
  const mode = body ? String(body[`${prefix}_mode`] ?? "all") : rows!.mode;
  const questionOptions = [{ value: "", label: m(locale, "staff.condition.noQuestion") }, ...questions.map((q) => ({ value: q.id, label: `${q.id}（${localize(q.label, locale)}）` }))];
  return html`<fieldset class="fieldset"><legend class="fieldset__legend">${legend}</legend>
<p class="field__hint">${m(locale, "staff.condition.hint")}</p>
${radioGroup(`${prefix}_mode`, m(locale, "staff.condition.mode"), [{ value: "all", label: m(locale, "staff.condition.all") }, { value: "any", label: m(locale, "staff.condition.any") }], mode, errors)}
${typedRows.map(
  (row, n) => html`<div class="nav-condition-row">
${selectInput(`${prefix}_${n}_question`, m(locale, "staff.condition.question", { n: n + 1 }), questionOptions, row.question, errors)}
${selectInput(`${prefix}_${n}_op`, m(locale, "staff.condition.op", { n: n + 1 }), CONDITION_OPS.map((op) => ({ value: op, label: m(locale, `staff.op.${op}`) })), row.op, errors)}
${textInput(`${prefix}_${n}_value`, m(locale, "staff.condition.value", { n: n + 1 }), row.value, errors, { lang: "en" })}
</div>`,
)}
</fieldset>`;
}

// ---------------------------------------------------------------------------------------------
// Question and item editors

export type QuestionEditorView = {
  event: string;
  revision: number;
  /** null for a new question. */
  question: NavigatorQuestion | null;
  /** Questions a condition may look at (those before this one). */
  earlier: readonly NavigatorQuestion[];
  body: FormBody | null;
  errors: Errors;
};

function typed(body: FormBody | null, name: string, fallback: string): string {
  if (!body) return fallback;
  const value = body[name];
  return Array.isArray(value) ? value[0] ?? "" : value ?? "";
}

/**
 * The frame of the question and item editors: back to the draft's section, error summary, and a
 * form that carries the draft's revision (a stale page is refused, not saved over) around the fields.
 */
function entryEditorPage(
  ctx: PageContext,
  o: { event: string; revision: number; title: string; action: string; section: "questions" | "items"; errors: Errors },
  fields: HtmlValue,
): PageOptions {
  const { locale } = ctx;
  return {
    title: o.title,
    area: "staff",
    hasErrors: o.errors.length > 0,
    body: html`${stylesheets()}<p><a class="back-link" href="/staff/navigator/${o.event}/draft#${o.section}">${m(locale, "staff.back.draft")}</a></p>
${errorSummary(locale, [...o.errors])}
<h1>${o.title}</h1>
<form method="post" action="${o.action}" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${o.revision}">
${fields}
<button class="button" type="submit">${m(locale, "staff.save")}</button>
</form>`,
  };
}

export function questionEditorPage(ctx: PageContext, view: QuestionEditorView): PageOptions {
  const { locale } = ctx;
  const q = view.question;
  const title = q ? m(locale, "staff.question.editTitle", { id: q.id }) : m(locale, "staff.question.newTitle");
  const action = `/staff/navigator/${view.event}/draft/questions/${q ? encodeURIComponent(q.id) : "new"}`;
  const required = view.body ? typed(view.body, "required", "") === "yes" : q?.required !== false;
  return entryEditorPage(ctx, { ...view, title, action, section: "questions" }, html`${textInput("id", m(locale, "staff.question.id"), typed(view.body, "id", q?.id ?? ""), view.errors, { hint: m(locale, "staff.question.idHint"), lang: "en" })}
${radioGroup("type", m(locale, "staff.question.type"), NAVIGATOR_QUESTION_TYPES.map((t) => ({ value: t, label: m(locale, `staff.qtype.${t}`) })), typed(view.body, "type", q?.type ?? "single"), view.errors)}
${textInput("label_ja", m(locale, "staff.question.labelJa"), typed(view.body, "label_ja", q?.label.ja ?? ""), view.errors)}
${textInput("label_en", m(locale, "staff.question.labelEn"), typed(view.body, "label_en", q?.label.en ?? ""), view.errors, { lang: "en" })}
${textInput("hint_ja", m(locale, "staff.question.hintJa"), typed(view.body, "hint_ja", q?.hint?.ja ?? ""), view.errors)}
${textInput("hint_en", m(locale, "staff.question.hintEn"), typed(view.body, "hint_en", q?.hint?.en ?? ""), view.errors, { lang: "en" })}
${textArea("options", m(locale, "staff.question.options"), typed(view.body, "options", optionsText(q ?? undefined)), view.errors, { hint: m(locale, "staff.question.optionsHint") })}
${checkbox("required", m(locale, "staff.question.required"), required)}
${textInput("min_date", m(locale, "staff.question.minDate"), typed(view.body, "min_date", q?.minDate ?? ""), view.errors, { hint: m(locale, "staff.question.dateHint"), lang: "en" })}
${textInput("max_date", m(locale, "staff.question.maxDate"), typed(view.body, "max_date", q?.maxDate ?? ""), view.errors, { hint: m(locale, "staff.question.dateHint"), lang: "en" })}
${conditionEditor(locale, "show_if", m(locale, "staff.question.showIf"), q?.showIf, view.earlier, view.body, view.errors)}`);
}

export type ItemEditorView = {
  event: string;
  revision: number;
  item: ChecklistItemDef | null;
  questions: readonly NavigatorQuestion[];
  procedures: Array<{ slug: string; title: string }>;
  body: FormBody | null;
  errors: Errors;
};

export function itemEditorPage(ctx: PageContext, view: ItemEditorView): PageOptions {
  const { locale } = ctx;
  const item = view.item;
  const b = view.body;
  const title = item ? m(locale, "staff.item.editTitle", { id: item.id }) : m(locale, "staff.item.newTitle");
  const action = `/staff/navigator/${view.event}/draft/items/${item ? encodeURIComponent(item.id) : "new"}`;
  const dateQuestions = view.questions.filter((q) => q.type === "date");
  const deadline = item?.deadline;
  return entryEditorPage(ctx, { ...view, title, action, section: "items" }, html`${textInput("id", m(locale, "staff.item.id"), typed(b, "id", item?.id ?? ""), view.errors, { hint: m(locale, "staff.item.idHint"), lang: "en" })}
${textInput("title_ja", m(locale, "staff.field.titleJa"), typed(b, "title_ja", item?.title.ja ?? ""), view.errors)}
${textInput("title_en", m(locale, "staff.field.titleEn"), typed(b, "title_en", item?.title.en ?? ""), view.errors, { lang: "en" })}
${selectInput("procedure", m(locale, "staff.item.procedure"), [{ value: "", label: m(locale, "staff.item.noProcedure") }, ...view.procedures.map((p) => ({ value: p.slug, label: `${p.title}（${p.slug}）` }))], typed(b, "procedure", item?.procedure ?? ""), view.errors, m(locale, "staff.item.procedureHint"))}
${radioGroup("where_kind", m(locale, "staff.item.whereKind"), WHERE_KINDS.map((k) => ({ value: k, label: m(locale, `staff.where.${k}`) })), typed(b, "where_kind", item?.where.kind ?? "counter"), view.errors)}
${textInput("place_ja", m(locale, "staff.item.placeJa"), typed(b, "place_ja", item?.where.place.ja ?? ""), view.errors)}
${textInput("place_en", m(locale, "staff.item.placeEn"), typed(b, "place_en", item?.where.place.en ?? ""), view.errors, { lang: "en" })}
${textInput("url", m(locale, "staff.item.url"), typed(b, "url", item?.where.url ?? ""), view.errors, { hint: m(locale, "staff.item.urlHint"), lang: "en" })}
${textArea("bring_ja", m(locale, "staff.item.bringJa"), typed(b, "bring_ja", (item?.bring ?? []).map((x) => x.ja).join("\n")), view.errors, { hint: m(locale, "staff.item.bringHint") })}
${textArea("bring_en", m(locale, "staff.item.bringEn"), typed(b, "bring_en", (item?.bring ?? []).map((x) => x.en ?? "").join("\n")), view.errors, { lang: "en" })}
${textArea("why_ja", m(locale, "staff.item.whyJa"), typed(b, "why_ja", item?.why.ja ?? ""), view.errors)}
${textArea("why_en", m(locale, "staff.item.whyEn"), typed(b, "why_en", item?.why.en ?? ""), view.errors, { lang: "en" })}
<fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "staff.item.deadline")}</legend>
<p class="field__hint">${m(locale, "staff.item.deadlineHint")}</p>
${selectInput("deadline_from", m(locale, "staff.item.deadlineFrom"), [{ value: "", label: m(locale, "staff.item.noDeadline") }, ...dateQuestions.map((q) => ({ value: q.id, label: `${q.id}（${localize(q.label, locale)}）` }))], typed(b, "deadline_from", deadline?.from ?? ""), view.errors)}
${textInput("deadline_count", m(locale, "staff.item.deadlineCount"), typed(b, "deadline_count", deadline ? String(deadline.count) : ""), view.errors, { short: true })}
${radioGroup("deadline_unit", m(locale, "staff.item.deadlineUnit"), [{ value: "days", label: m(locale, "staff.unit.days") }, { value: "months", label: m(locale, "staff.unit.months") }], typed(b, "deadline_unit", deadline?.unit ?? "days"), view.errors)}
${checkbox("deadline_first_day", m(locale, "staff.item.firstDay"), b ? typed(b, "deadline_first_day", "") === "yes" : deadline?.countFirstDay === true)}
${checkbox("deadline_roll_over", m(locale, "staff.item.rollOver"), b ? typed(b, "deadline_roll_over", "") === "yes" : deadline?.rollOver !== false)}
${textInput("basis_ja", m(locale, "staff.item.basisJa"), typed(b, "basis_ja", deadline?.basis.ja ?? ""), view.errors)}
${textInput("basis_en", m(locale, "staff.item.basisEn"), typed(b, "basis_en", deadline?.basis.en ?? ""), view.errors, { lang: "en" })}
</fieldset>
${textArea("prefill", m(locale, "staff.item.prefill"), typed(b, "prefill", prefillText(item ?? undefined)), view.errors, { hint: m(locale, "staff.item.prefillHint"), lang: "en" })}
${conditionEditor(locale, "when", m(locale, "staff.item.when"), item?.when, view.questions, b, view.errors)}`);
}

export function jsonPage(ctx: PageContext, view: { event: string; revision: number; json: string; problems: DefinitionProblem[]; definition: NavigatorDefinition | null }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.json.title");
  return {
    title,
    area: "staff",
    hasErrors: view.problems.some((p) => p.severity === "error"),
    body: html`${stylesheets()}<p><a class="back-link" href="/staff/navigator/${view.event}/draft">${m(locale, "staff.back.draft")}</a></p>
<h1>${title}</h1>
<p>${m(locale, "staff.json.lead")}</p>
${problemsBlock(locale, view.event, view.definition, view.problems)}
<form method="post" action="/staff/navigator/${view.event}/draft/json" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${view.revision}">
${textArea("json", m(locale, "staff.json.label"), view.json, [], { className: "nav-json", lang: "en" })}
<button class="button" type="submit">${m(locale, "staff.json.save")}</button>
</form>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Test harness

export type HarnessView = {
  event: string;
  revision: number;
  definition: NavigatorDefinition;
  pages: PageDef[];
  body: FormBody;
  errors: FieldError[];
  /** Answers that counted (after hidden questions are dropped); null before the first run. */
  answers: Record<string, string | string[]> | null;
  hiddenQuestions: string[];
  draft: Checklist | null;
  published: Checklist | null;
  answersQuery: string;
  cases: Array<{ name: string; query: string; draftCount: number; publishedCount: number | null; added: string[]; removed: string[] }>;
};

function compactList(checklist: Checklist, locale: Locale, highlight: ReadonlySet<string>): SafeHtml {
  if (checklist.items.length === 0) return html`<p>${m(locale, "staff.harness.empty")}</p>`;
  return html`${GROUPS.map((group) => {
    const items = checklist.items.filter((i) => i.group === group);
    if (items.length === 0) return "";
    return html`<h4>${m(locale, `group.${group}`)}</h4><ul>${items.map((item: ChecklistItem) => html`<li${highlight.has(item.id) ? html` class="nav-diff-added"` : ""}>${localize(item.title, locale)} <code class="nav-code">${item.id}</code>${highlight.has(item.id) ? html` <span>${m(locale, "staff.harness.new")}</span>` : ""}${item.deadline ? html`<br><span class="nav-basis">${deadlineText(item.deadline, locale)}</span>` : ""}</li>`)}</ul>`;
  })}`;
}

export function harnessPage(ctx: PageContext, view: HarnessView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.harness.title", { title: localize(view.definition.title, locale) });
  const draftIds = new Set(view.draft?.items.map((i) => i.id) ?? []);
  const publishedIds = new Set(view.published?.items.map((i) => i.id) ?? []);
  const added = view.published ? new Set([...draftIds].filter((id) => !publishedIds.has(id))) : new Set<string>();
  const removed = view.published ? view.published.items.filter((i) => !draftIds.has(i.id)) : [];
  const base = `/staff/navigator/${view.event}/draft`;
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${stylesheets()}<p><a class="back-link" href="${base}">${m(locale, "staff.back.draft")}</a></p>
${errorSummary(locale, view.errors.map((e) => ({ field: e.field, message: e.message })))}
<h1>${title}</h1>
<p>${m(locale, "staff.harness.lead")}</p>
<form method="get" action="${base}/test" novalidate>
<input type="hidden" name="_harness" value="1">
${view.pages.map((page) => {
  const q = view.definition.questions.find((x) => x.id === page.id)!;
  return html`<div class="nav-item">${q.showIf ? html`<p class="field__hint">${m(locale, "staff.harness.conditional")} <code class="nav-code">${conditionSummary(q.showIf, locale)}</code></p>` : ""}
${renderQuestions(page, { raw: view.body, answers: view.answers ?? {}, errors: view.errors }, locale)}</div>`;
})}
<button class="button" type="submit">${m(locale, "staff.harness.run")}</button>
</form>
${view.draft
  ? html`<section aria-labelledby="harness-result"><h2 id="harness-result">${m(locale, "staff.harness.result", { count: view.draft.items.length })}</h2>
${view.hiddenQuestions.length > 0 ? html`<p>${m(locale, "staff.harness.hiddenQuestions", { ids: view.hiddenQuestions.join(", ") })}</p>` : ""}
${compactList(view.draft, locale, added)}
${view.published
  ? html`<h3>${m(locale, "staff.harness.compareTitle")}</h3>
${added.size === 0 && removed.length === 0 ? html`<p>${m(locale, "staff.harness.same")}</p>` : ""}
${removed.length > 0 ? html`<p class="nav-diff-removed">${m(locale, "staff.harness.removed")}</p><ul>${removed.map((i) => html`<li class="nav-diff-removed">${localize(i.title, locale)} <code class="nav-code">${i.id}</code></li>`)}</ul>` : ""}
${added.size > 0 ? html`<p class="nav-diff-added">${m(locale, "staff.harness.added", { count: added.size })}</p>` : ""}`
  : html`<p>${m(locale, "staff.harness.noPublished")}</p>`}
<form method="post" action="${base}/tests" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${view.revision}"><input type="hidden" name="answers" value="${view.answersQuery}">
${textInput("case_name", m(locale, "staff.harness.caseName"), "", [], { hint: m(locale, "staff.harness.caseNameHint") })}
<button class="button button--secondary" type="submit">${m(locale, "staff.harness.saveCase")}</button>
</form></section>`
  : ""}
<h2>${m(locale, "staff.harness.casesTitle")}</h2>
${view.cases.length === 0 ? html`<p>${m(locale, "staff.harness.noCases")}</p>` : ""}
<ul class="nav-editor-list">${view.cases.map(
    (c) => html`<li><p><a href="${base}/test?${c.query}">${c.name}</a><br>${m(locale, "staff.harness.caseCounts", { draft: c.draftCount, published: c.publishedCount ?? "—" })}
${c.added.length > 0 ? html`<br><span class="nav-diff-added">${m(locale, "staff.harness.caseAdded", { ids: c.added.join(", ") })}</span>` : ""}
${c.removed.length > 0 ? html`<br><span class="nav-diff-removed">${m(locale, "staff.harness.caseRemoved", { ids: c.removed.join(", ") })}</span>` : ""}</p>
${postButton(ctx, `${base}/tests/delete`, m(locale, "staff.delete"), { revision: view.revision, name: c.name })}</li>`,
  )}</ul>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Support programmes

export type ProgrammesStaffView = {
  programmes: SupportProgramme[];
  imported: { imported: number; removed: number } | null;
  problems: ImportProblem[];
  errors: Errors;
  encoding: string;
  mode: string;
};

export function programmesStaffPage(ctx: PageContext, view: ProgrammesStaffView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.programmes.title");
  const action = `/staff/support-programmes/import?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0 || view.problems.length > 0,
    body: html`${stylesheets()}${staffNav(locale, "programmes")}
${errorSummary(locale, [...view.errors, ...(view.problems.length > 0 ? [{ field: "import-problems", message: m(locale, "staff.programmes.problemsSummary", { count: view.problems.length }) }] : [])])}
${view.imported ? html`<div class="panel panel--success" role="status"><p>${m(locale, "staff.programmes.imported", view.imported)}</p></div>` : ""}
<h1>${title}</h1>
<p>${m(locale, "staff.programmes.lead", { count: view.programmes.length })}</p>
<ul class="finder-downloads">
<li><a href="/support-programmes.csv">${m(locale, "openData.csv")}</a></li>
<li><a href="/support-programmes.csv?encoding=shift_jis">${m(locale, "openData.csvSjis")}</a></li>
<li><a href="/support-programmes.json">${m(locale, "openData.json")}</a></li>
<li><a href="/support-programmes">${m(locale, "staff.programmes.finder")}</a></li>
</ul>
${view.problems.length > 0
  ? html`<section class="nav-problems" id="import-problems" tabindex="-1" aria-labelledby="import-problems-title">
<h2 id="import-problems-title">${m(locale, "staff.programmes.problemsTitle", { count: view.problems.length })}</h2>
<p>${m(locale, "staff.programmes.nothingImported")}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">${m(locale, "staff.col.row")}</th><th scope="col">${m(locale, "staff.col.column")}</th><th scope="col">${m(locale, "staff.col.problem")}</th></tr></thead>
<tbody>${view.problems.map((p) => html`<tr><td>${p.row || "—"}</td><td>${p.column ? html`<code class="nav-code">${p.column}</code>` : "—"}</td><td>${m(locale, `import.error.${p.code}`, p.params ?? {})}</td></tr>`)}</tbody></table></div>
</section>`
  : ""}
<h2>${m(locale, "staff.programmes.importTitle")}</h2>
<p>${m(locale, "staff.programmes.importLead")}</p>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>
<div class="field${view.errors.some((e) => e.field === "file") ? " field--error" : ""}"><label class="field__label" for="file">${m(locale, "staff.programmes.file")}</label>
${view.errors.filter((e) => e.field === "file").map((e) => html`<span class="field__error" id="file-error">${e.message}</span>`)}
<input class="field__file" id="file" name="file" type="file" accept=".csv,text/csv"${view.errors.some((e) => e.field === "file") ? html` aria-invalid="true" aria-describedby="file-error"` : ""}></div>
${radioGroup("encoding", m(locale, "staff.programmes.encoding"), [{ value: "auto", label: m(locale, "staff.programmes.encodingAuto") }, { value: "utf-8", label: "UTF-8" }, { value: "shift_jis", label: "Shift_JIS" }], view.encoding, [])}
${radioGroup("mode", m(locale, "staff.programmes.mode"), [{ value: "upsert", label: m(locale, "staff.programmes.modeUpsert") }, { value: "replace", label: m(locale, "staff.programmes.modeReplace") }], view.mode, [])}
<button class="button" type="submit">${m(locale, "staff.programmes.import")}</button>
</form>
<h2>${m(locale, "staff.programmes.listTitle")}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">ID</th><th scope="col">${m(locale, "staff.col.title")}</th><th scope="col">${m(locale, "staff.col.body")}</th><th scope="col">${m(locale, "staff.col.status")}</th></tr></thead>
<tbody>${view.programmes.map((p) => html`<tr><td><code class="nav-code">${p.id}</code></td><td><a href="/support-programmes/${p.id}">${localize(p.title, locale)}</a></td><td>${m(locale, `body.${p.body}`)}</td><td>${m(locale, `status.${p.status}`)}${p.demo ? html` ${m(locale, "demoTag")}` : ""}</td></tr>`)}</tbody></table></div>`,
  };
}
