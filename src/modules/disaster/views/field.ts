/**
 * Field reports. /field is an installable PWA page (manifest, service worker) with a plain multipart
 * form that works without JavaScript; with JavaScript, field.js adds "use my location" and queues
 * reports offline (IndexedDB) to send them when the network is back. Staff list and handle reports.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { REPORT_CATEGORIES, REPORT_SEVERITIES } from "../commands/submit-field-report.ts";
import type { FieldReport } from "../queries.ts";
import { WARDS, wardName } from "../wards.ts";
import { m, select, staffNav, stylesheet, textArea, textField, timeTag } from "./common.ts";

export type FieldFormValues = { category: string; severity: string; description: string; lat: string; lon: string; ward: string; key: string };
type Errors = Array<{ field: string; message: string }>;

export function fieldPage(ctx: PageContext, values: FieldFormValues, errors: Errors = []): PageOptions {
  const { locale } = ctx;
  const error = (f: string) => errors.find((e) => e.field === f)?.message;
  const action = `/field/reports?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const radios = (name: string, values_: readonly string[], selected: string, legend: string) => html`<div class="field${error(name) ? " field--error" : ""}" id="${name}"><fieldset class="fieldset"><legend class="fieldset__legend">${legend}</legend>
${error(name) ? html`<p class="field__error">${error(name)}</p>` : ""}<div class="choices">
${values_.map((v) => html`<div class="choice"><input class="choice__input" type="radio" name="${name}" value="${v}" id="${name}-${v}"${selected === v ? html` checked` : ""}><label class="choice__label" for="${name}-${v}">${m(locale, `report.${name}.${v}`)}</label></div>`)}
</div></fieldset></div>`;
  return {
    title: m(locale, "field.title"),
    hasErrors: errors.length > 0,
    body: html`${stylesheet()}<link rel="manifest" href="/static/disaster/manifest.webmanifest">
${errorSummary(locale, errors)}
<h1>${m(locale, "field.title")}</h1>
<p>${m(locale, "field.lead")}</p>
<div id="field-queue" class="panel panel--notice" role="status" hidden></div>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate id="field-form" data-sent-message="${m(locale, "field.queuedSent")}" data-queued-message="${m(locale, "field.queued")}" data-locating="${m(locale, "field.locating")}" data-location-failed="${m(locale, "field.locationFailed")}">
${csrfField(ctx)}<input type="hidden" name="idempotencyKey" value="${values.key}">
${radios("category", REPORT_CATEGORIES, values.category, m(locale, "field.category"))}
${radios("severity", REPORT_SEVERITIES, values.severity, m(locale, "field.severity"))}
${textArea({ name: "description", id: "description", label: m(locale, "field.description"), hint: m(locale, "field.descriptionHint"), value: values.description, ...(error("description") ? { error: error("description")! } : {}) })}
<div class="field" id="location"><fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "field.location")}</legend>
<p class="field__hint">${m(locale, "field.locationHint")}</p>
${error("location") ? html`<p class="field__error">${error("location")}</p>` : ""}
${textField({ name: "lat", id: "lat", label: m(locale, "field.lat"), value: values.lat, inputmode: "decimal", short: true })}
${textField({ name: "lon", id: "lon", label: m(locale, "field.lon"), value: values.lon, inputmode: "decimal", short: true })}
<p><button class="button button--secondary" type="button" id="use-location" hidden>${m(locale, "field.useLocation")}</button></p>
</fieldset></div>
${select({ name: "ward", id: "ward", label: m(locale, "field.ward"), values: WARDS.map((w) => w.code), selected: values.ward, text: (c) => wardName(c, locale), empty: m(locale, "field.wardUnknown") })}
<div class="field${error("photo") ? " field--error" : ""}"><label class="field__label" for="photo">${m(locale, "field.photo")}</label>
<p class="field__hint" id="photo-hint">${m(locale, "field.photoHint")}</p>
${error("photo") ? html`<p class="field__error">${error("photo")}</p>` : ""}
<input class="input field__file" type="file" name="photo" id="photo" accept="image/jpeg,image/png" aria-describedby="photo-hint"></div>
<button class="button" type="submit">${m(locale, "field.send")}</button>
</form>
<script type="module" src="/static/disaster/field.js"></script>`,
  };
}

export function fieldSentPage(ctx: PageContext, report: FieldReport): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "field.sentTitle"),
    body: html`<div class="panel panel--success panel--confirmation"><h1>${m(locale, "field.sentTitle")}</h1><p>${m(locale, "field.sentReference")} <span class="reference">${report.id.slice(0, 8).toUpperCase()}</span></p></div>
<p>${m(locale, "field.sentNext")}</p>
<dl class="summary-list">
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "field.category")}</dt><dd class="summary-list__value">${m(locale, `report.category.${report.category}`)}</dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "field.location")}</dt><dd class="summary-list__value">${locationText(locale, report)}</dd></div>
</dl>
<p><a class="button" href="/field">${m(locale, "field.another")}</a></p>`,
  };
}

export function locationText(locale: Locale, report: FieldReport): string {
  if (report.lat === null || report.lon === null) return m(locale, "report.noLocation");
  return `${report.lat.toFixed(5)}, ${report.lon.toFixed(5)}（${m(locale, `report.locationSource.${report.locationSource}`)}）`;
}

function statusTag(locale: Locale, status: FieldReport["status"]): SafeHtml {
  return html`<span class="tag report-status--${status}">${m(locale, `report.status.${status}`)}</span>`;
}

export function reportsPage(ctx: PageContext, view: { reports: FieldReport[]; status: string | undefined }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "reports.title"),
    area: "staff",
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/reports")}
<h1>${m(locale, "reports.title")}</h1>
<p><a href="/field">${m(locale, "reports.new")}</a></p>
<form method="get" action="/staff/disaster/reports" class="filters">
${select({ name: "status", id: "status", label: m(locale, "reports.status"), values: ["received", "verified", "resolved", "rejected"], selected: view.status, text: (s) => m(locale, `report.status.${s}`), empty: m(locale, "reports.active") })}
<button class="button button--secondary" type="submit">${m(locale, "shelter.show")}</button></form>
${view.reports.length === 0 ? html`<p>${m(locale, "reports.none")}</p>` : html`<ul class="link-list">${view.reports.map((r) => html`<li><a href="/staff/disaster/reports/${r.id}">${m(locale, `report.category.${r.category}`)}：${m(locale, `report.severity.${r.severity}`)}</a> ${statusTag(locale, r.status)}<br><span class="muted">${wardName(r.wardCode, locale)} ・${r.reporterName} ・${timeTag(r.createdAt, locale)}</span></li>`)}</ul>`}`,
  };
}

export function reportPage(ctx: PageContext, view: { report: FieldReport; staff: Array<{ id: string; name: string }>; done?: string; conflict?: boolean }): PageOptions {
  const { locale } = ctx;
  const { report } = view;
  const row = (key: string, value: unknown) => html`<div class="summary-list__row"><dt class="summary-list__key">${m(locale, key)}</dt><dd class="summary-list__value">${value as string}</dd></div>`;
  const action = (name: string, label: string) => html`<form method="post" action="/staff/disaster/reports/${report.id}/${name}" class="inline-form">${csrfField(ctx)}<input type="hidden" name="revision" value="${report.revision}"><button class="button button--secondary" type="submit">${label}</button></form>`;
  const active = report.status === "received" || report.status === "verified";
  return {
    title: m(locale, "reports.one", { category: m(locale, `report.category.${report.category}`) }),
    area: "staff",
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/reports")}
${view.conflict ? html`<div class="panel panel--notice" role="alert"><p>${m(locale, "reports.conflict")}</p></div>` : ""}
${view.done ? html`<div class="panel panel--success" role="status"><p>${m(locale, "reports.saved")}</p></div>` : ""}
<h1>${m(locale, "reports.one", { category: m(locale, `report.category.${report.category}`) })}</h1>
<dl class="summary-list">
${row("reports.status", statusTag(locale, report.status))}
${row("field.severity", m(locale, `report.severity.${report.severity}`))}
${row("field.description", report.description || "—")}
${row("field.location", locationText(locale, report))}
${row("field.ward", wardName(report.wardCode, locale))}
${row("reports.reporter", report.reporterName)}
${row("reports.assignee", report.assigneeName ?? m(locale, "task.nobody"))}
${row("reports.received", timeTag(report.createdAt, locale))}
</dl>
${report.hasPhoto ? html`<p><img class="report-photo" src="/staff/disaster/reports/${report.id}/photo" alt="${m(locale, "reports.photoAlt", { category: m(locale, `report.category.${report.category}`) })}"></p>` : ""}
${active ? html`<h2>${m(locale, "reports.actions")}</h2><div class="button-group">
${report.status === "received" ? action("verify", m(locale, "reports.verify")) : ""}${action("resolve", m(locale, "reports.resolve"))}${action("reject", m(locale, "reports.reject"))}</div>
<form method="post" action="/staff/disaster/reports/${report.id}/assign">${csrfField(ctx)}<input type="hidden" name="revision" value="${report.revision}">
${select({ name: "assignee", id: "assignee", label: m(locale, "reports.assignee"), values: view.staff.map((s) => s.id), selected: report.assigneeId ?? undefined, text: (id) => view.staff.find((s) => s.id === id)?.name ?? id, empty: m(locale, "task.nobody") })}
<button class="button button--secondary" type="submit">${m(locale, "reports.assign")}</button></form>` : ""}`,
  };
}
