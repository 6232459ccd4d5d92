/**
 * The staff desk (災害対応トップ), the incident list, the incident page (配備体制, chronology, tasks,
 * evacuation information), the evacuation order form and the alert preview with its confirmation.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { alertTexts, EVACUATION_LEVELS, EVACUATION_REASONS } from "../alerts/texts.ts";
import { DEPLOYMENT_LEVELS, HAZARDS } from "../deployment.ts";
import type { AlertRow, ChronologyEntry, Incident, JmaEntryRow, Task } from "../queries.ts";
import { wardList, wardName } from "../wards.ts";
import { evacuationTag, m, select, staffNav, stylesheet, textArea, textField, timeTag, wardCheckboxes } from "./common.ts";

type Errors = Array<{ field: string; message: string }>;
const errorOf = (errors: Errors | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

function alertLine(locale: Locale, alert: AlertRow): SafeHtml {
  const texts = alertTexts(alert)[locale];
  return html`<li><a href="/staff/disaster/alerts/${alert.id}">${texts.title}</a> <span class="muted">${m(locale, `alert.status.${alert.status}`)}${alert.auto ? ` ・${m(locale, "alert.auto")}` : ""} ・${timeTag(alert.createdAt, locale)}</span></li>`;
}

export function deskPage(ctx: PageContext, view: { incidents: Incident[]; drafts: AlertRow[]; recent: ChronologyEntry[]; canOperate: boolean; done?: string }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "desk.title"),
    area: "staff",
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster")}
<h1>${m(locale, "desk.title")}</h1>
<h2>${m(locale, "desk.drafts")}</h2>
${view.drafts.length === 0 ? html`<p>${m(locale, "desk.noDrafts")}</p>` : html`<ul class="link-list">${view.drafts.map((a) => alertLine(locale, a))}</ul>`}
<h2>${m(locale, "desk.openIncidents")}</h2>
${view.incidents.length === 0 ? html`<p>${m(locale, "desk.noIncidents")}</p>` : html`<ul class="link-list">${view.incidents.map((i) => html`<li><a href="/staff/disaster/incidents/${i.id}">${i.title}</a> <span class="muted">${m(locale, `deployment.${i.deploymentLevel}`)}</span></li>`)}</ul>`}
${view.canOperate ? html`<p><a class="button" href="/staff/disaster/incidents/new">${m(locale, "incident.new")}</a></p>` : ""}
<h2>${m(locale, "desk.recent")}</h2>
${chronologyList(locale, view.recent)}`,
  };
}

export function incidentListPage(ctx: PageContext, view: { incidents: Incident[]; canOperate: boolean }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "incident.listTitle"),
    area: "staff",
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/incidents")}
<h1>${m(locale, "incident.listTitle")}</h1>
${view.canOperate ? html`<p><a class="button" href="/staff/disaster/incidents/new">${m(locale, "incident.new")}</a></p>` : ""}
${view.incidents.length === 0 ? html`<p>${m(locale, "desk.noIncidents")}</p>` : html`<ul class="link-list">${view.incidents.map((i) => html`<li><a href="/staff/disaster/incidents/${i.id}">${i.title}</a> <span class="muted">${m(locale, `incident.status.${i.status}`)} ・${m(locale, `deployment.${i.deploymentLevel}`)} ・${timeTag(i.openedAt, locale)}</span></li>`)}</ul>`}`,
  };
}

export type IncidentFormValues = { title: string; hazard: string; deploymentLevel: string; wards: string[] };

export function newIncidentPage(ctx: PageContext, values: IncidentFormValues, errors: Errors = []): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "incident.new"),
    area: "staff",
    hasErrors: errors.length > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/incidents")}
${errorSummary(locale, errors)}
<h1>${m(locale, "incident.new")}</h1>
<form method="post" action="/staff/disaster/incidents/new" novalidate>${csrfField(ctx)}
${textField({ name: "title", id: "title", label: m(locale, "incident.titleLabel"), hint: m(locale, "incident.titleHint"), value: values.title, ...(errorOf(errors, "title") ? { error: errorOf(errors, "title")! } : {}) })}
${select({ name: "hazard", id: "hazard", label: m(locale, "incident.hazard"), values: HAZARDS, selected: values.hazard, text: (h) => m(locale, `incidentHazard.${h}`) })}
${select({ name: "deploymentLevel", id: "deploymentLevel", label: m(locale, "incident.deployment"), values: DEPLOYMENT_LEVELS, selected: values.deploymentLevel, text: (d) => m(locale, `deployment.${d}`) })}
${wardCheckboxes(locale, { name: "wards", id: "wards", legend: m(locale, "incident.wards"), hint: m(locale, "incident.wardsHint"), checked: values.wards })}
<button class="button" type="submit">${m(locale, "incident.open")}</button>
</form>`,
  };
}

/** One chronology entry in the reader's language (falls back to the stored Japanese summary). */
export function chronologyText(locale: Locale, entry: ChronologyEntry): string {
  const d = entry.data;
  const s = (key: string) => (typeof d[key] === "string" ? (d[key] as string) : "");
  switch (entry.type) {
    case "incident.level":
      return m(locale, "chron.level", { from: m(locale, `deployment.${s("from")}`), to: m(locale, `deployment.${s("to")}`) });
    case "incident.opened":
      return m(locale, "chron.opened", { title: s("title"), level: m(locale, `deployment.${s("deploymentLevel")}`) });
    case "incident.closed":
      return m(locale, "chron.closed");
    case "alert.issued":
    case "alert.auto_issued":
    case "alert.dismissed": {
      const content = { kind: "", template: s("template"), level: Number(d.level ?? 0), wards: (d.wards as string[]) ?? [], params: (d.params as Record<string, string>) ?? {} };
      return m(locale, `chron.${entry.type}`, { title: alertTexts(content)[locale].title });
    }
    case "shelter.updated":
      return m(locale, "chron.shelter", { name: s("name"), status: m(locale, `shelter.status.${s("to")}`), occupancy: Number(d.occupancy ?? 0) });
    case "report.received":
      return m(locale, "chron.report", { category: m(locale, `report.category.${s("category")}`), severity: m(locale, `report.severity.${s("severity")}`) });
    case "report.verify":
    case "report.resolve":
    case "report.reject":
    case "report.assign":
      return m(locale, `chron.${entry.type}`, { category: m(locale, `report.category.${s("category")}`) });
    case "task.added":
      return m(locale, "chron.taskAdded", { title: s("title") });
    case "task.done":
      return m(locale, "chron.taskDone", { title: s("title") });
    case "jma.received":
      return m(locale, "chron.jma", { title: s("title"), infoType: s("infoType"), level: s("levelLabel"), wards: wardList((d.wards as string[]) ?? [], locale) });
    case "lifeline.outage":
    case "lifeline.updated":
    case "lifeline.recovered":
      return m(locale, `chron.${entry.type}`, { lifeline: m(locale, `lifeline.${s("lifeline")}`), description: s("description"), wards: wardList((d.wards as string[]) ?? [], locale) });
    case "cap.received":
      return m(locale, "chron.cap", { headline: s("headline") });
    case "zone.imported":
      return m(locale, "chron.zone", { name: s("name") });
    default:
      return entry.summary;
  }
}

export function chronologyList(locale: Locale, entries: ChronologyEntry[]): HtmlValue {
  if (entries.length === 0) return html`<p>${m(locale, "chron.empty")}</p>`;
  return html`<ol class="timeline chronology">${entries.map((e) => html`<li>${timeTag(e.at, locale)} <strong>${e.actorLabel}</strong><br>${chronologyText(locale, e)}</li>`)}</ol>`;
}

export type IncidentView = {
  incident: Incident;
  chronology: ChronologyEntry[];
  tasks: Task[];
  alerts: AlertRow[];
  staff: Array<{ id: string; name: string }>;
  canOperate: boolean;
  canIssue: boolean;
  done?: string;
  conflict?: boolean;
  errors?: Errors;
  values?: { note?: string; task?: string };
};

export function incidentPage(ctx: PageContext, view: IncidentView): PageOptions {
  const { locale } = ctx;
  const { incident } = view;
  const open = incident.status === "open";
  const errors = view.errors ?? [];
  return {
    title: incident.title,
    area: "staff",
    hasErrors: errors.length > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/incidents")}
${errorSummary(locale, errors)}
${view.conflict ? html`<div class="panel panel--notice" role="alert"><p>${m(locale, "incident.conflict")}</p></div>` : ""}
${view.done ? html`<div class="panel panel--success" role="status"><p>${m(locale, `incident.done.${view.done}`)}</p></div>` : ""}
<h1>${incident.title}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "incident.statusLabel")}</dt><dd class="summary-list__value">${m(locale, `incident.status.${incident.status}`)}</dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "incident.deployment")}</dt><dd class="summary-list__value"><strong>${m(locale, `deployment.${incident.deploymentLevel}`)}</strong></dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "incident.hazard")}</dt><dd class="summary-list__value">${m(locale, `incidentHazard.${incident.hazard}`)}</dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "incident.wards")}</dt><dd class="summary-list__value">${incident.wards.length ? wardList(incident.wards, locale) : m(locale, "incident.cityWide")}</dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "incident.openedAt")}</dt><dd class="summary-list__value">${timeTag(incident.openedAt, locale)}</dd></div>
</dl>
${open && view.canIssue ? html`<p><a class="button button--warning" href="/staff/disaster/incidents/${incident.id}/evacuation">${m(locale, "evacuation.start")}</a></p>` : ""}
${view.alerts.length > 0 ? html`<h2>${m(locale, "incident.alerts")}</h2><ul class="link-list">${view.alerts.map((a) => alertLine(locale, a))}</ul>` : ""}
${open && view.canOperate ? html`<h2>${m(locale, "incident.changeDeployment")}</h2>
<form method="post" action="/staff/disaster/incidents/${incident.id}/level" class="inline-fields">${csrfField(ctx)}<input type="hidden" name="revision" value="${incident.revision}">
${select({ name: "level", id: "level", label: m(locale, "incident.deployment"), values: DEPLOYMENT_LEVELS, selected: incident.deploymentLevel, text: (d) => m(locale, `deployment.${d}`) })}
<button class="button button--secondary" type="submit">${m(locale, "incident.setDeployment")}</button></form>` : ""}
<h2>${m(locale, "incident.tasks")}</h2>
${view.tasks.length === 0 ? html`<p>${m(locale, "incident.noTasks")}</p>` : html`<ul class="task-list">${view.tasks.map((task) => html`<li>${task.status === "done" ? html`<span class="tag">${m(locale, "task.done")}</span> ` : ""}${task.title}${task.assigneeName ? html` <span class="muted">（${task.assigneeName}）</span>` : ""}
${task.status === "open" && open ? html`<form method="post" action="/staff/disaster/incidents/${incident.id}/tasks/${task.id}/done" class="inline-form">${csrfField(ctx)}<button class="button button--secondary" type="submit">${m(locale, "task.markDone")}<span class="visually-hidden">: ${task.title}</span></button></form>` : ""}</li>`)}</ul>`}
${open ? html`<form method="post" action="/staff/disaster/incidents/${incident.id}/tasks" novalidate>${csrfField(ctx)}
${textField({ name: "task", id: "task", label: m(locale, "task.new"), value: view.values?.task ?? "", ...(errorOf(errors, "task") ? { error: errorOf(errors, "task")! } : {}) })}
${select({ name: "assignee", id: "assignee", label: m(locale, "task.assignee"), values: view.staff.map((s) => s.id), selected: undefined, text: (id) => view.staff.find((s) => s.id === id)?.name ?? id, empty: m(locale, "task.nobody") })}
<button class="button button--secondary" type="submit">${m(locale, "task.add")}</button></form>` : ""}
<h2>${m(locale, "incident.chronology")}</h2>
${chronologyList(locale, view.chronology)}
<form method="post" action="/staff/disaster/incidents/${incident.id}/notes" novalidate>${csrfField(ctx)}
${textArea({ name: "note", id: "note", label: m(locale, "incident.note"), value: view.values?.note ?? "", ...(errorOf(errors, "note") ? { error: errorOf(errors, "note")! } : {}) })}
<button class="button button--secondary" type="submit">${m(locale, "incident.addNote")}</button></form>
${open && view.canOperate ? html`<h2>${m(locale, "incident.close")}</h2><form method="post" action="/staff/disaster/incidents/${incident.id}/close">${csrfField(ctx)}<input type="hidden" name="revision" value="${incident.revision}"><button class="button button--secondary" type="submit">${m(locale, "incident.closeButton")}</button></form>` : ""}`,
  };
}

export type EvacuationFormValues = { wards: string[]; level: string; reason: string };

export function evacuationFormPage(ctx: PageContext, incident: Incident, values: EvacuationFormValues, errors: Errors = []): PageOptions {
  const { locale } = ctx;
  const levelField = html`<div class="field${errorOf(errors, "level") ? " field--error" : ""}" id="level"><fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "evacuation.levelLegend")}</legend>
${errorOf(errors, "level") ? html`<p class="field__error">${errorOf(errors, "level")}</p>` : ""}
<div class="choices">${EVACUATION_LEVELS.map((level) => html`<div class="choice"><input class="choice__input" type="radio" name="level" value="${level}" id="level-${level}"${values.level === String(level) ? html` checked` : ""}><label class="choice__label" for="level-${level}">${m(locale, `evacuation.level.${level}`)}<br><span class="field__hint">${m(locale, `evacuation.levelHint.${level}`)}</span></label></div>`)}</div></fieldset></div>`;
  return {
    title: m(locale, "evacuation.title"),
    area: "staff",
    hasErrors: errors.length > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/incidents")}
<p><a href="/staff/disaster/incidents/${incident.id}">${m(locale, "evacuation.back")}</a></p>
${errorSummary(locale, errors)}
<p class="caption">${incident.title}</p>
<h1>${m(locale, "evacuation.title")}</h1>
<p>${m(locale, "evacuation.lead")}</p>
<form method="post" action="/staff/disaster/incidents/${incident.id}/evacuation" novalidate>${csrfField(ctx)}
${wardCheckboxes(locale, { name: "wards", id: "wards", legend: m(locale, "evacuation.wards"), checked: values.wards, ...(errorOf(errors, "wards") ? { error: errorOf(errors, "wards")! } : {}) })}
${levelField}
${select({ name: "reason", id: "reason", label: m(locale, "evacuation.reason"), values: EVACUATION_REASONS, selected: values.reason, text: (r) => m(locale, `reason.${r}`), ...(errorOf(errors, "reason") ? { error: errorOf(errors, "reason")! } : {}) })}
<button class="button" type="submit">${m(locale, "evacuation.preview")}</button>
</form>`,
  };
}

export function alertPage(ctx: PageContext, view: { alert: AlertRow; incident: Incident | null; entry: JmaEntryRow | null; canDecide: boolean; done?: string; already?: boolean; errors?: Errors }): PageOptions {
  const { locale } = ctx;
  const { alert } = view;
  const errors = view.errors ?? [];
  const texts = alertTexts(alert);
  const draft = alert.status === "draft";
  return {
    title: m(locale, draft ? "alert.reviewTitle" : "alert.title"),
    area: "staff",
    hasErrors: errors.length > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster")}
${errorSummary(locale, errors)}
${view.incident ? html`<p><a href="/staff/disaster/incidents/${view.incident.id}">${m(locale, "evacuation.back")}</a></p>` : html`<p><a href="/staff/disaster">${m(locale, "alert.backToDesk")}</a></p>`}
${view.already ? html`<div class="panel panel--notice" role="alert"><p>${m(locale, "alert.already", { status: m(locale, `alert.status.${alert.status}`) })}</p></div>` : ""}
${view.done ? html`<div class="panel panel--success" role="status"><p>${m(locale, `alert.done.${view.done}`)}</p></div>` : ""}
<h1>${m(locale, draft ? "alert.reviewTitle" : "alert.title")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "alert.statusLabel")}</dt><dd class="summary-list__value"><strong>${m(locale, `alert.status.${alert.status}`)}</strong>${alert.decidedAt ? html` ${timeTag(alert.decidedAt, locale)}${alert.decidedByName ? ` ${alert.decidedByName}` : ""}` : ""}</dd></div>
${alert.kind === "evacuation" ? html`<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "evacuation.levelLegend")}</dt><dd class="summary-list__value">${evacuationTag(locale, alert.level)}</dd></div>` : ""}
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "evacuation.wards")}</dt><dd class="summary-list__value">${wardList(alert.wards, locale)}</dd></div>
${view.entry ? html`<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "alert.source")}</dt><dd class="summary-list__value">${view.entry.headTitle ?? view.entry.atomTitle}（${view.entry.reportTime ?? ""}）</dd></div>` : ""}
</dl>
<h2>${m(locale, "alert.preview")}</h2>
<p>${m(locale, "alert.previewLead")}</p>
${(["ja", "en"] as const).map((lang) => html`<section class="message-preview" lang="${lang}" aria-label="${m(locale, `alert.previewIn.${lang}`)}"><h3>${m(locale, `alert.previewIn.${lang}`)}</h3><p><strong>${texts[lang].title}</strong></p><p>${texts[lang].body}</p></section>`)}
${draft && view.canDecide ? html`<h2>${m(locale, "alert.confirmHeading")}</h2>
<p>${m(locale, "alert.confirmLead")}</p>
<form method="post" action="/staff/disaster/alerts/${alert.id}/confirm">${csrfField(ctx)}
<div class="field${errors.length ? " field--error" : ""}">${errors.length ? html`<p class="field__error">${errors[0]!.message}</p>` : ""}<div class="choice"><input class="choice__input" type="checkbox" name="confirmed" value="yes" id="confirmed"><label class="choice__label" for="confirmed">${m(locale, "alert.confirmCheck")}</label></div></div>
<button class="button button--warning" type="submit">${m(locale, alert.kind === "evacuation" ? "alert.issueEvacuation" : "alert.issue")}</button></form>
<form method="post" action="/staff/disaster/alerts/${alert.id}/dismiss">${csrfField(ctx)}<button class="button button--secondary" type="submit">${m(locale, "alert.dismiss")}</button></form>` : ""}
${draft && !view.canDecide ? html`<p>${m(locale, "alert.cannotDecide")}</p>` : ""}
${alert.status === "issued" ? html`<p><a href="/disaster/alerts/${alert.id}/cap.xml">${m(locale, "alert.capLink")}</a></p>` : ""}`,
  };
}

export function confirmMissingErrors(locale: Locale): Errors {
  return [{ field: "confirmed", message: m(locale, "alert.confirmRequired") }];
}
