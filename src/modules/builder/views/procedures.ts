/**
 * The builder's procedure pages: the start page (working copies of the staff member's
 * departments, with search and pages; procedures not yet opened in the builder; a link to pages),
 * creating a procedure, a procedure's overview (state, review actions, the form's outline with
 * add / edit / move / remove, links to metadata, preview, JSON, case app, versions), the metadata
 * form and the versions and change history.
 */
import { localize, t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { QUESTION_TYPES, type FormDefinition } from "../../procedures/forms/definition.ts";
import type { Problem } from "../definition/metadata.ts";
import type { FormValues } from "../definition/forms.ts";
import type { AuditTrailItem, DraftListItem, DraftRow, VersionLogRow } from "../queries.ts";
import type { DraftState } from "../tables.ts";
import type { VersionListItem } from "../../procedures/index.ts";
import {
  assets,
  b,
  buttonForm,
  choiceField,
  conflictNotice,
  crumbs,
  doneNotice,
  formatDateTime,
  selectField,
  summaryOf,
  textField,
  textareaField,
  timeTag,
  type FieldErrorView,
} from "./common.ts";

export const PROCEDURE_DONE = [
  "created",
  "opened",
  "saved",
  "page_added",
  "page_saved",
  "page_moved",
  "page_removed",
  "question_added",
  "question_saved",
  "question_moved",
  "question_removed",
  "reordered",
  "json_saved",
  "metadata_saved",
  "submitted",
  "published",
  "scheduled",
  "returned",
  "unpublished",
  "republished",
  "case_app_saved",
] as const;

function stateTag(locale: Locale, state: DraftState): SafeHtml {
  return html`<strong class="builder-state builder-state--${state}">${b(locale, `state.${state}`)}</strong>`;
}

// ---------------------------------------------------------------------------------------------
// Start page

export type HomeView = {
  drafts: DraftListItem[];
  total: number;
  page: number;
  pageSize: number;
  search: string;
  state: DraftState | "";
  unopened: Array<{ id: string; slug: string; title: LocalizedText }>;
  departments: Array<{ code: string; name: LocalizedText }>;
};

export function homePage(ctx: PageContext, view: HomeView): PageOptions {
  const { locale } = ctx;
  const title = b(locale, "home.title");
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (view.search) params.set("q", view.search);
    if (view.state) params.set("state", view.state);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return query ? `/staff/builder?${query}` : "/staff/builder";
  };
  const states: DraftState[] = ["editing", "in_review", "scheduled", "published"];
  const rows = view.drafts.map(
    (d) => html`<tr>
<td><a href="/staff/builder/procedures/${d.procedureId}">${localize(d.title, locale)}</a><br><span class="muted">${d.slug}</span></td>
<td>${stateTag(locale, d.state)}${d.state === "scheduled" && d.publishAt ? html`<br>${timeTag(d.publishAt, locale)}` : ""}</td>
<td>${d.currentVersion ? b(locale, "home.version", { version: d.currentVersion }) : b(locale, "home.neverPublished")}${d.currentVersion && !d.published ? html`<br>${b(locale, "home.hidden")}` : ""}</td>
<td>${timeTag(d.updatedAt, locale)}</td>
</tr>`,
  );
  return {
    title,
    area: "staff",
    body: html`${assets()}
<p><a href="/staff">${t(locale, "staff.home.title")}</a></p>
<h1>${title}</h1>
<p class="lead">${b(locale, "home.lead")}</p>
<div class="button-group">
<a class="button" href="/staff/builder/procedures/new">${b(locale, "home.new")}</a>
<a class="button button--secondary" href="/staff/builder/pages">${b(locale, "home.pages")}</a>
</div>
<h2>${b(locale, "home.listTitle")}</h2>
<form method="get" action="/staff/builder" class="filters" aria-label="${b(locale, "home.filters")}">
${textField(locale, { id: "q", label: b(locale, "home.search"), value: view.search, type: "search", spellcheck: false })}
${selectField(locale, { id: "state", label: b(locale, "home.stateFilter"), value: view.state, options: [{ value: "", label: b(locale, "home.anyState") }, ...states.map((s) => ({ value: s, label: b(locale, `state.${s}`) }))] })}
<div class="button-group"><button class="button" type="submit">${b(locale, "home.apply")}</button></div>
</form>
<p role="status">${b(locale, "home.count", { total: view.total })}</p>
${view.drafts.length === 0
  ? html`<p>${b(locale, "home.empty")}</p>`
  : html`<div class="table-wrap"><table>
<caption class="visually-hidden">${b(locale, "home.listTitle")}</caption>
<thead><tr><th scope="col">${b(locale, "home.col.procedure")}</th><th scope="col">${b(locale, "home.col.state")}</th><th scope="col">${b(locale, "home.col.published")}</th><th scope="col">${b(locale, "home.col.updated")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
${pages > 1
  ? html`<nav aria-label="${b(locale, "home.pagination")}"><ul class="pagination">
${view.page > 1 ? html`<li><a href="${href(view.page - 1)}" rel="prev">${b(locale, "home.previous")}</a></li>` : ""}
<li>${b(locale, "home.pageOf", { page: view.page, pages })}</li>
${view.page < pages ? html`<li><a href="${href(view.page + 1)}" rel="next">${b(locale, "home.next")}</a></li>` : ""}
</ul></nav>`
  : ""}
${view.unopened.length > 0
  ? html`<h2>${b(locale, "home.unopenedTitle")}</h2>
<p>${b(locale, "home.unopenedLead")}</p>
<ul class="builder-list">
${view.unopened.map((p) => html`<li><span>${localize(p.title, locale)} <span class="muted">(${p.slug})</span></span> ${buttonForm(ctx, `/staff/builder/procedures/${p.id}/open`, b(locale, "home.open"), { visuallyHiddenSuffix: `：${localize(p.title, locale)}` })}</li>`)}
</ul>`
  : ""}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Creating a procedure

export type CreateView = {
  values: FormValues;
  errors: FieldErrorView[];
  departments: Array<{ code: string; name: LocalizedText }>;
  categories: Array<{ code: string; name: LocalizedText }>;
};

const CREATE_FIELD_OF_PATH: Record<string, string> = {
  "$.slug": "slug",
  "$.title.ja": "title_ja",
  "$.title.en": "title_en",
  "$.reading": "reading",
  "$.summary.ja": "summary_ja",
  "$.categoryCode": "category",
  "$.whoCanApply.ja": "who_ja",
  "$.processingTime.ja": "processing_ja",
};

/** The create form's field for a problem path. */
export function createFieldOf(path: string): string {
  return CREATE_FIELD_OF_PATH[path] ?? "slug";
}

export function createPage(ctx: PageContext, view: CreateView): PageOptions {
  const { locale } = ctx;
  const title = b(locale, "create.title");
  const v = (name: string) => String(view.values[name] ?? "");
  const e = (name: string) => view.errors.find((x) => x.field === name)?.message;
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${assets()}
${crumbs(locale, [])}
<div class="narrow">
${summaryOf(locale, view.errors)}
<h1>${title}</h1>
<form method="post" action="/staff/builder/procedures/new" novalidate>
${csrfField(ctx)}
${selectField(locale, { id: "department", label: b(locale, "create.department"), value: v("department"), options: view.departments.map((d) => ({ value: d.code, label: localize(d.name, locale) })) })}
${textField(locale, { id: "title_ja", label: b(locale, "meta.titleJa"), value: v("title_ja"), error: e("title_ja") })}
${textField(locale, { id: "title_en", label: b(locale, "meta.titleEn"), value: v("title_en"), lang: "en" })}
${textField(locale, { id: "reading", label: b(locale, "meta.reading"), hint: b(locale, "meta.readingHint"), value: v("reading"), error: e("reading") })}
${textField(locale, { id: "slug", label: b(locale, "create.slug"), hint: b(locale, "create.slugHint"), value: v("slug"), error: e("slug"), spellcheck: false })}
${textareaField(locale, { id: "summary_ja", label: b(locale, "meta.summaryJa"), value: v("summary_ja"), error: e("summary_ja"), rows: 3 })}
${selectField(locale, { id: "category", label: b(locale, "meta.category"), value: v("category"), error: e("category"), options: view.categories.map((c) => ({ value: c.code, label: localize(c.name, locale) })) })}
${textareaField(locale, { id: "who_ja", label: b(locale, "meta.whoJa"), value: v("who_ja"), error: e("who_ja"), rows: 2 })}
${textField(locale, { id: "processing_ja", label: b(locale, "meta.processingJa"), hint: b(locale, "meta.processingHint"), value: v("processing_ja"), error: e("processing_ja") })}
<div class="button-group"><button class="button" type="submit">${b(locale, "create.submit")}</button><a href="/staff/builder">${b(locale, "common.cancel")}</a></div>
</form>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Overview

export type OverviewView = {
  draft: DraftRow;
  names: Map<string, string>;
  canReview: boolean;
  canApprove: boolean;
  canConfigureCaseApp: boolean;
  done?: string;
  conflict?: boolean;
  problems?: Problem[];
  errors?: FieldErrorView[];
  values?: FormValues;
};

function typeLabel(locale: Locale, type: string): string {
  return b(locale, `type.${type}`);
}

function outline(ctx: PageContext, draft: DraftRow): SafeHtml {
  const { locale } = ctx;
  const base = `/staff/builder/procedures/${draft.procedureId}`;
  const def: FormDefinition = draft.definition;
  const typeOptions = QUESTION_TYPES.map((type) => ({ value: type, label: typeLabel(locale, type) }));
  const pages = def.pages.map((page, pageIndex) => {
    const pageTitle = localize(page.title, locale);
    const questions = page.questions.map((q, qIndex) => {
      const label = localize(q.label, locale);
      const ref = q.id;
      const fields = q.type === "group" && q.fields?.length
        ? html`<ul class="builder-outline__fields">${q.fields.map((f) => html`<li>${localize(f.label, locale)} <span class="muted">(${typeLabel(locale, f.type)})</span> <a href="${base}/questions/${q.id}.${f.id}">${b(locale, "outline.edit")}<span class="visually-hidden">：${localize(f.label, locale)}</span></a></li>`)}</ul>`
        : "";
      return html`<li class="builder-outline__question" data-id="${q.id}" draggable="false">
<div class="builder-outline__row"><span><span class="builder-handle" aria-hidden="true"></span>${label} <span class="muted">(${typeLabel(locale, q.type)}${q.required === false ? `・${b(locale, "outline.optional")}` : ""}${q.showIf ? `・${b(locale, "outline.conditional")}` : ""}${q.type === "calculated" ? `：${q.expression ?? ""}` : ""})</span></span>
<span class="builder-actions">
<a href="${base}/questions/${ref}">${b(locale, "outline.edit")}<span class="visually-hidden">：${label}</span></a>
${qIndex > 0 ? buttonForm(ctx, `${base}/questions/${ref}/move`, b(locale, "outline.up"), { hidden: { direction: "up", revision: String(draft.revision) }, visuallyHiddenSuffix: `：${label}` }) : ""}
${qIndex < page.questions.length - 1 ? buttonForm(ctx, `${base}/questions/${ref}/move`, b(locale, "outline.down"), { hidden: { direction: "down", revision: String(draft.revision) }, visuallyHiddenSuffix: `：${label}` }) : ""}
${buttonForm(ctx, `${base}/questions/${ref}/delete`, b(locale, "outline.remove"), { hidden: { revision: String(draft.revision) }, visuallyHiddenSuffix: `：${label}` })}
</span></div>
${fields}
${q.type === "group" ? html`<form method="get" action="${base}/questions/${q.id}/fields/new" class="builder-add"><label class="field__label" for="add-field-${q.id}">${b(locale, "outline.addFieldType", { group: label })}</label><select class="input" id="add-field-${q.id}" name="type">${typeOptions.filter((o) => o.value !== "group" && o.value !== "calculated").map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select><button class="button button--secondary" type="submit">${b(locale, "outline.addField")}</button></form>` : ""}
</li>`;
    });
    return html`<li class="builder-outline__page" data-id="${page.id}">
<div class="builder-outline__row"><h3 id="page-${page.id}"><span class="builder-handle" aria-hidden="true"></span>${b(locale, "outline.pageNumber", { n: pageIndex + 1 })} ${pageTitle}${page.showIf ? html` <span class="muted">(${b(locale, "outline.conditional")})</span>` : ""}</h3>
<span class="builder-actions">
<a href="${base}/pages/${page.id}">${b(locale, "outline.editPage")}<span class="visually-hidden">：${pageTitle}</span></a>
${pageIndex > 0 ? buttonForm(ctx, `${base}/pages/${page.id}/move`, b(locale, "outline.up"), { hidden: { direction: "up", revision: String(draft.revision) }, visuallyHiddenSuffix: `：${pageTitle}` }) : ""}
${pageIndex < def.pages.length - 1 ? buttonForm(ctx, `${base}/pages/${page.id}/move`, b(locale, "outline.down"), { hidden: { direction: "down", revision: String(draft.revision) }, visuallyHiddenSuffix: `：${pageTitle}` }) : ""}
${buttonForm(ctx, `${base}/pages/${page.id}/delete`, b(locale, "outline.removePage"), { hidden: { revision: String(draft.revision) }, visuallyHiddenSuffix: `：${pageTitle}` })}
</span></div>
<ol class="builder-outline__questions" data-page="${page.id}">${questions}</ol>
<form method="get" action="${base}/pages/${page.id}/questions/new" class="builder-add"><label class="field__label" for="add-q-${page.id}">${b(locale, "outline.addQuestionType", { page: pageTitle })}</label><select class="input" id="add-q-${page.id}" name="type">${typeOptions.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select><button class="button button--secondary" type="submit">${b(locale, "outline.addQuestion")}</button></form>
</li>`;
  });
  return html`<form method="post" action="${base}/reorder" id="reorder-form" class="builder-reorder" hidden>${csrfField(ctx)}<input type="hidden" name="revision" value="${String(draft.revision)}"><input type="hidden" name="order" value=""><p id="reorder-status" role="status"></p></form>
<ol class="builder-outline" id="outline" data-revision="${String(draft.revision)}">${pages}</ol>
<p><a class="button button--secondary" href="${base}/pages/new">${b(locale, "outline.addPage")}</a></p>`;
}

function reviewPanel(ctx: PageContext, view: OverviewView): SafeHtml {
  const { locale } = ctx;
  const d = view.draft;
  const base = `/staff/builder/procedures/${d.procedureId}`;
  const revision = String(d.revision);
  const name = (id: string | null) => (id ? (view.names.get(id) ?? "—") : "—");
  const e = (field: string) => view.errors?.find((x) => x.field === field)?.message;
  const parts: HtmlValue[] = [html`<p>${b(locale, "overview.stateIs")} ${stateTag(locale, d.state)}</p>`];
  if (d.reviewNote && d.state === "editing") parts.push(html`<div class="panel panel--notice"><p><strong>${b(locale, "overview.returnedNote")}</strong></p><p class="staff-message">${d.reviewNote}</p></div>`);
  if (d.state === "editing") {
    parts.push(html`<p>${b(locale, "overview.editingLead")}</p>${buttonForm(ctx, `${base}/submit`, b(locale, "overview.submit"), { hidden: { revision }, secondary: false })}`);
  }
  if (d.state === "in_review") {
    parts.push(html`<p>${b(locale, "overview.inReview", { name: name(d.submittedBy) })}${d.submittedAt ? html`（${timeTag(d.submittedAt, locale)}）` : ""}</p>`);
    if (view.canApprove) {
      parts.push(html`<form method="post" action="${base}/approve" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${revision}">
${choiceField(locale, { id: "when", legend: b(locale, "overview.when"), type: "radio", options: [{ value: "now", label: b(locale, "overview.now") }, { value: "later", label: b(locale, "overview.later") }], selected: [String(view.values?.when ?? "now")], error: e("when") })}
${textField(locale, { id: "publish_at", label: b(locale, "overview.publishAt"), hint: b(locale, "overview.publishAtHint"), value: String(view.values?.publish_at ?? ""), error: e("publish_at"), spellcheck: false })}
<div class="button-group"><button class="button" type="submit">${b(locale, "overview.approve")}</button></div>
</form>`);
    } else if (view.canReview) {
      parts.push(html`<p>${b(locale, "overview.ownSubmission")}</p>`);
    } else {
      parts.push(html`<p>${b(locale, "overview.waitingForReviewer")}</p>`);
    }
  }
  if (d.state === "scheduled" && d.publishAt) {
    parts.push(html`<p>${b(locale, "overview.scheduled", { name: name(d.approvedBy) })} ${timeTag(d.publishAt, locale)}</p>`);
  }
  if ((d.state === "in_review" || d.state === "scheduled") && view.canReview) {
    parts.push(html`<form method="post" action="${base}/return" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${revision}">
${textareaField(locale, { id: "note", label: b(locale, "overview.returnNote"), value: String(view.values?.note ?? ""), error: e("note"), rows: 3 })}
<div class="button-group"><button class="button button--secondary" type="submit">${b(locale, "overview.return")}</button></div>
</form>`);
  }
  if (d.currentVersion) {
    parts.push(html`<p>${b(locale, "overview.published", { version: d.currentVersion })} ${d.published ? b(locale, "overview.visible") : b(locale, "overview.hidden")}</p>`);
    if (view.canReview) {
      parts.push(buttonForm(ctx, `${base}/visibility`, d.published ? b(locale, "overview.unpublish") : b(locale, "overview.republish"), { hidden: { published: d.published ? "no" : "yes" }, warning: d.published }));
    }
    if (d.published) parts.push(html` <a href="/procedures/${d.slug}">${b(locale, "overview.viewLive")}</a>`);
  } else {
    parts.push(html`<p>${b(locale, "overview.neverPublished")}</p>`);
  }
  return html`<section class="panel" aria-labelledby="review-title"><h2 id="review-title">${b(locale, "overview.reviewTitle")}</h2>${parts}</section>`;
}

export function overviewPage(ctx: PageContext, view: OverviewView): PageOptions {
  const { locale } = ctx;
  const d = view.draft;
  const title = localize(d.metadata.title, locale);
  const base = `/staff/builder/procedures/${d.procedureId}`;
  const problems = view.problems ?? [];
  return {
    title,
    area: "staff",
    hasErrors: problems.length > 0 || (view.errors?.length ?? 0) > 0,
    body: html`${assets("editor")}
${crumbs(locale, [])}
${summaryOf(locale, view.errors ?? [], problems)}
${view.conflict ? conflictNotice(locale) : doneNotice(locale, view.done, PROCEDURE_DONE)}
<p class="caption">${b(locale, "overview.caption")} ・ ${d.slug}</p>
<h1>${title}</h1>
<ul class="builder-links">
<li><a href="${base}/metadata">${b(locale, "overview.metadata")}</a></li>
<li><a href="${base}/preview">${b(locale, "overview.preview")}</a></li>
<li><a href="${base}/json">${b(locale, "overview.json")}</a></li>
<li><a href="${base}/case-app">${b(locale, "overview.caseApp")}</a></li>
<li><a href="${base}/versions">${b(locale, "overview.versions")}</a></li>
</ul>
${reviewPanel(ctx, view)}
<h2 id="outline-title">${b(locale, "overview.outline")}</h2>
<p class="muted" id="outline-hint">${b(locale, "overview.outlineHint")}</p>
${problems.length ? html`<div id="problems" tabindex="-1"></div>` : ""}
${outline(ctx, d)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Metadata

export type MetadataView = {
  procedureId: string;
  title: LocalizedText;
  revision: number;
  values: FormValues;
  errors: FieldErrorView[];
  categories: Array<{ code: string; name: LocalizedText }>;
  lifeEvents: Array<{ code: string; name: LocalizedText }>;
  conflict?: boolean;
};

export function metadataPage(ctx: PageContext, view: MetadataView): PageOptions {
  const { locale } = ctx;
  const title = b(locale, "meta.title");
  const base = `/staff/builder/procedures/${view.procedureId}`;
  const v = (name: string) => {
    const value = view.values[name];
    return Array.isArray(value) ? value.join("\n") : (value ?? "");
  };
  const list = (name: string) => {
    const value = view.values[name];
    return Array.isArray(value) ? value : value ? [value] : [];
  };
  const e = (name: string) => view.errors.find((x) => x.field === name)?.message;
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${assets()}
${crumbs(locale, [{ href: base, label: localize(view.title, locale) }])}
<div class="narrow">
${summaryOf(locale, view.errors)}
${view.conflict ? conflictNotice(locale) : ""}
<h1>${title}</h1>
<form method="post" action="${base}/metadata" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(view.revision)}">
${textField(locale, { id: "title_ja", label: b(locale, "meta.titleJa"), value: v("title_ja"), error: e("title_ja") })}
${textField(locale, { id: "title_en", label: b(locale, "meta.titleEn"), value: v("title_en"), error: e("title_en"), lang: "en" })}
${textField(locale, { id: "reading", label: b(locale, "meta.reading"), hint: b(locale, "meta.readingHint"), value: v("reading"), error: e("reading") })}
${textareaField(locale, { id: "summary_ja", label: b(locale, "meta.summaryJa"), value: v("summary_ja"), error: e("summary_ja"), rows: 3 })}
${textareaField(locale, { id: "summary_en", label: b(locale, "meta.summaryEn"), value: v("summary_en"), error: e("summary_en"), rows: 3, lang: "en" })}
${selectField(locale, { id: "category", label: b(locale, "meta.category"), value: v("category"), error: e("category"), options: view.categories.map((c) => ({ value: c.code, label: localize(c.name, locale) })) })}
${choiceField(locale, { id: "channel", legend: b(locale, "meta.channel"), type: "radio", options: ["online", "both", "counter"].map((c) => ({ value: c, label: b(locale, `meta.channel.${c}`) })), selected: [v("channel")], error: e("channel") })}
${textareaField(locale, { id: "who_ja", label: b(locale, "meta.whoJa"), value: v("who_ja"), error: e("who_ja"), rows: 2 })}
${textareaField(locale, { id: "who_en", label: b(locale, "meta.whoEn"), value: v("who_en"), rows: 2, lang: "en" })}
${textareaField(locale, { id: "need_ja", label: b(locale, "meta.needJa"), hint: b(locale, "meta.needHint"), value: v("need_ja"), error: e("need_ja"), rows: 4 })}
${textareaField(locale, { id: "need_en", label: b(locale, "meta.needEn"), hint: b(locale, "meta.needEnHint"), value: v("need_en"), rows: 4, lang: "en" })}
${textField(locale, { id: "fee", label: b(locale, "meta.fee"), hint: b(locale, "meta.feeHint"), value: v("fee"), error: e("fee"), short: true, inputmode: "numeric" })}
${choiceField(locale, { id: "fee_per", legend: b(locale, "meta.feePer"), type: "radio", options: [{ value: "", label: b(locale, "meta.feePer.flat") }, { value: "copy", label: b(locale, "meta.feePer.copy") }, { value: "item", label: b(locale, "meta.feePer.item") }], selected: [v("fee_per")], error: e("fee_per") })}
${textField(locale, { id: "fee_note_ja", label: b(locale, "meta.feeNote"), value: v("fee_note_ja") })}
${textField(locale, { id: "processing_ja", label: b(locale, "meta.processingJa"), hint: b(locale, "meta.processingHint"), value: v("processing_ja"), error: e("processing_ja") })}
${textField(locale, { id: "processing_en", label: b(locale, "meta.processingEn"), value: v("processing_en"), lang: "en" })}
${textField(locale, { id: "legal_ja", label: b(locale, "meta.legalJa"), hint: b(locale, "meta.legalHint"), value: v("legal_ja"), error: e("legal_ja") })}
${choiceField(locale, { id: "life_events", legend: b(locale, "meta.lifeEvents"), type: "checkbox", options: view.lifeEvents.map((ev) => ({ value: ev.code, label: localize(ev.name, locale) })), selected: list("life_events"), error: e("life_events") })}
${textareaField(locale, { id: "keywords", label: b(locale, "meta.keywords"), hint: b(locale, "meta.keywordsHint"), value: v("keywords"), error: e("keywords"), rows: 3 })}
${textareaField(locale, { id: "related", label: b(locale, "meta.related"), hint: b(locale, "meta.relatedHint"), value: v("related"), error: e("related"), rows: 3, spellcheck: false })}
<div class="button-group"><button class="button" type="submit">${b(locale, "common.save")}</button><a href="${base}">${b(locale, "common.cancel")}</a></div>
</form>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Versions and history

export type VersionsView = {
  procedureId: string;
  title: LocalizedText;
  versions: VersionListItem[];
  log: VersionLogRow[];
  trail: AuditTrailItem[];
  names: Map<string, string>;
};

export function versionsPage(ctx: PageContext, view: VersionsView): PageOptions {
  const { locale } = ctx;
  const title = b(locale, "versions.title");
  const base = `/staff/builder/procedures/${view.procedureId}`;
  const name = (id: string | null | undefined) => (id ? (view.names.get(id) ?? "—") : b(locale, "versions.system"));
  const rows = view.versions.map((v) => {
    const log = view.log.find((l) => l.versionId === v.id);
    return html`<tr><td>${b(locale, "home.version", { version: v.version })}${v.current ? html` <strong>${b(locale, "versions.current")}</strong>` : ""}</td><td>${timeTag(v.createdAt, locale)}</td><td>${log ? name(log.authoredBy) : "—"}</td><td>${log ? name(log.approvedBy) : "—"}</td><td>${log ? b(locale, `versions.mode.${log.mode}`) : b(locale, "versions.mode.import")}</td><td><a href="${base}/preview?version=${v.id}">${b(locale, "versions.preview")}<span class="visually-hidden">：${b(locale, "home.version", { version: v.version })}</span></a></td></tr>`;
  });
  const trail = view.trail.map(
    (item) => html`<li><time datetime="${item.at}">${formatDateTime(new Date(item.at), locale)}</time> ${name(item.actorId)}：${actionLabel(locale, item.action)}</li>`,
  );
  return {
    title,
    area: "staff",
    body: html`${assets()}
${crumbs(locale, [{ href: base, label: localize(view.title, locale) }])}
<h1>${title}</h1>
<p>${b(locale, "versions.rule")}</p>
${view.versions.length === 0
  ? html`<p>${b(locale, "overview.neverPublished")}</p>`
  : html`<div class="table-wrap"><table><caption class="visually-hidden">${title}</caption>
<thead><tr><th scope="col">${b(locale, "versions.col.version")}</th><th scope="col">${b(locale, "versions.col.at")}</th><th scope="col">${b(locale, "versions.col.author")}</th><th scope="col">${b(locale, "versions.col.approver")}</th><th scope="col">${b(locale, "versions.col.mode")}</th><th scope="col">${b(locale, "versions.col.preview")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
<h2>${b(locale, "versions.history")}</h2>
<ol class="timeline">${trail}</ol>`,
  };
}

function actionLabel(locale: Locale, action: string): string {
  const key = action.replace(/^builder\./, "");
  try {
    return b(locale, `audit.${key}`);
  } catch {
    return action;
  }
}
