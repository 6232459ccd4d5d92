/**
 * The staff home (departments with counts by status) and the inbox of one department
 * (filters, search, table, pages, CSV link). Both are plain GET pages that work without JavaScript.
 */
import { localize, t, type Locale, type LocalizedText } from "../../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../../core/ui/layout.ts";
import { STATUSES } from "../../status-machine.ts";
import type { ApplicationStatus } from "../../tables.ts";
import type { Colleague, DepartmentName, InboxRow, ProcedureChoice, StatusCount } from "../queries.ts";
import { statusTag, statusWord, timeTag } from "./format.ts";
import "../messages.ts";

// ---------------------------------------------------------------------------------------------
// Home

export type HomeView = { departments: DepartmentName[]; counts: StatusCount[] };

export function homePage(ctx: PageContext, view: HomeView): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "staff.home.title");
  const sections = view.departments.map((department) => {
    const name = localize(department.name, locale);
    const counts = new Map(view.counts.filter((c) => c.departmentCode === department.code).map((c) => [c.status, c.count]));
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const href = (status?: ApplicationStatus) => inboxHref({ department: department.code, ...(status ? { status } : {}) });
    return html`<section aria-labelledby="dept-${department.code}">
<h2 id="dept-${department.code}"><a href="${href()}">${t(locale, "staff.home.openInbox", { department: name })}</a></h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t(locale, "staff.inbox.col.status")}</th><th scope="col">${t(locale, "staff.home.countHeading")}</th></tr></thead>
<tbody>
${STATUSES.map(
  (status) => html`<tr><th scope="row"><a href="${href(status)}">${statusWord(locale, status)}</a></th><td>${t(locale, "staff.home.count", { count: counts.get(status) ?? 0 })}</td></tr>`,
)}
<tr><th scope="row">${t(locale, "staff.home.total")}</th><td>${t(locale, "staff.home.count", { count: total })}</td></tr>
</tbody>
</table></div>
</section>`;
  });
  return {
    title,
    area: "staff",
    body: html`<h1>${title}</h1>
${view.departments.length === 0 ? html`<p>${t(locale, "staff.home.noDepartments")}</p>` : html`<p class="lead">${t(locale, "staff.home.lead")}</p>${sections}`}
${view.departments.length > 0 ? html`<p><a href="/staff/builder">${t(locale, "builder.home.title")}</a></p>` : ""}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Inbox

export type InboxFilters = {
  department: string;
  status?: ApplicationStatus;
  procedure?: string;
  assignee?: string;
  q?: string;
};

/** The inbox URL for a set of filters (and a page); the CSV link uses the same parameters. */
export function inboxHref(filters: Partial<InboxFilters> & { page?: number }, path = "/staff/cases"): string {
  const params = new URLSearchParams();
  for (const key of ["department", "status", "procedure", "assignee", "q"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export type InboxView = {
  departments: DepartmentName[];
  filters: InboxFilters;
  procedures: ProcedureChoice[];
  colleagues: Colleague[];
  actorId: string;
  rows: InboxRow[];
  total: number;
  page: number;
  pageSize: number;
};

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : ""}>${label}</option>`;
}

function select(id: string, label: string, options: SafeHtml[]): SafeHtml {
  return html`<div class="field"><label class="field__label" for="${id}">${label}</label><select class="input" id="${id}" name="${id}">${options}</select></div>`;
}

function title(text: LocalizedText, locale: Locale): string {
  return localize(text, locale);
}

export function inboxPage(ctx: PageContext, view: InboxView): PageOptions {
  const { locale } = ctx;
  const { filters } = view;
  const department = view.departments.find((d) => d.code === filters.department);
  const heading = department ? t(locale, "staff.inbox.titleOf", { department: localize(department.name, locale) }) : t(locale, "staff.inbox.title");
  const any = t(locale, "staff.inbox.any");

  const filterForm = html`<form method="get" action="/staff/cases" class="filters" aria-label="${t(locale, "staff.inbox.filters")}">
${select("department", t(locale, "staff.inbox.department"), view.departments.map((d) => option(d.code, localize(d.name, locale), d.code === filters.department)))}
${select("status", t(locale, "staff.inbox.status"), [option("", any, !filters.status), ...STATUSES.map((s) => option(s, statusWord(locale, s), s === filters.status))])}
${select("procedure", t(locale, "staff.inbox.procedure"), [option("", any, !filters.procedure), ...view.procedures.map((p) => option(p.id, title(p.title, locale), p.id === filters.procedure))])}
${select("assignee", t(locale, "staff.inbox.assignee"), [
  option("", any, !filters.assignee),
  option("me", t(locale, "staff.inbox.assigneeMe"), filters.assignee === "me"),
  option("none", t(locale, "staff.inbox.assigneeNone"), filters.assignee === "none"),
  ...view.colleagues.filter((c) => c.id !== view.actorId).map((c) => option(c.id, c.name, c.id === filters.assignee)),
])}
<div class="field"><label class="field__label" for="q">${t(locale, "staff.inbox.search")}</label>
<div class="field__hint" id="q-hint">${t(locale, "staff.inbox.searchHint")}</div>
<input class="input" type="search" id="q" name="q" value="${filters.q ?? ""}" aria-describedby="q-hint" spellcheck="false"></div>
<div class="button-group"><button class="button" type="submit">${t(locale, "staff.inbox.apply")}</button>
<a href="${inboxHref({ department: filters.department })}">${t(locale, "staff.inbox.clear")}</a></div>
</form>`;

  const from = view.total === 0 ? 0 : (view.page - 1) * view.pageSize + 1;
  const to = Math.min(view.total, view.page * view.pageSize);
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const range = t(locale, "staff.inbox.range", { total: view.total, from, to });

  const table =
    view.rows.length === 0
      ? html`<p>${t(locale, "staff.inbox.empty")}</p>`
      : html`<div class="table-wrap"><table>
<caption class="visually-hidden">${heading}：${range}</caption>
<thead><tr>
<th scope="col">${t(locale, "staff.inbox.col.reference")}</th>
<th scope="col">${t(locale, "staff.inbox.col.procedure")}</th>
<th scope="col">${t(locale, "staff.inbox.col.applicant")}</th>
<th scope="col">${t(locale, "staff.inbox.col.status")}</th>
<th scope="col">${t(locale, "staff.inbox.col.assignee")}</th>
<th scope="col">${t(locale, "staff.inbox.col.submitted")}</th>
</tr></thead>
<tbody>
${view.rows.map(
  (row) => html`<tr>
<td><a href="/staff/cases/${row.id}">${row.reference}</a></td>
<td>${title(row.procedureTitle, locale)}</td>
<td>${row.applicantName}</td>
<td>${statusTag(locale, row.status)}</td>
<td>${row.assigneeName ?? t(locale, "staff.inbox.unassigned")}</td>
<td>${timeTag(row.submittedAt, locale)}</td>
</tr>`,
)}
</tbody>
</table></div>`;

  const pagination =
    pages > 1
      ? html`<nav aria-label="${t(locale, "staff.inbox.pagination")}"><ul class="pagination">
${view.page > 1 ? html`<li><a href="${inboxHref({ ...filters, page: view.page - 1 })}" rel="prev">${t(locale, "staff.inbox.previous")}</a></li>` : ""}
<li>${t(locale, "staff.inbox.page", { page: view.page, pages })}</li>
${view.page < pages ? html`<li><a href="${inboxHref({ ...filters, page: view.page + 1 })}" rel="next">${t(locale, "staff.inbox.next")}</a></li>` : ""}
</ul></nav>`
      : "";

  return {
    title: heading,
    area: "staff",
    body: html`<p><a href="/staff">${t(locale, "staff.home.title")}</a></p>
<h1>${heading}</h1>
${filterForm}
<p role="status">${range}</p>
${table}
${pagination}
<p><a href="${inboxHref(filters, "/staff/cases.csv")}" download>${t(locale, "staff.inbox.csv")}</a><br>
<a href="${inboxHref(filters, "/staff/cases.csv")}${inboxHref(filters, "").includes("?") ? "&" : "?"}encoding=shift_jis" download>${t(locale, "staff.inbox.csvShiftJis")}</a></p>`,
  };
}
