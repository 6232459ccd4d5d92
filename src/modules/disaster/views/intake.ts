/** Intake pages: JMA items received (recorded and rejected), CAP messages, and the alert rules. */
import type { Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { RULE_KINDS } from "../commands/manage-alert-rules.ts";
import { ALERT_TEMPLATES } from "../commands/poll-jma-feeds.ts";
import type { AlertRule, JmaEntryRow } from "../queries.ts";
import { wardList } from "../wards.ts";
import { m, select, staffNav, stylesheet, textField, timeTag, wardCheckboxes } from "./common.ts";

function entryLine(locale: Locale, entry: JmaEntryRow): SafeHtml {
  if (entry.status !== "recorded") {
    return html`<li><span class="tag">${m(locale, `intake.status.${entry.status}`)}</span> ${entry.atomTitle || entry.entryId}<br><span class="muted">${entry.reason ?? ""} ・${timeTag(entry.firstSeenAt, locale)}</span></li>`;
  }
  return html`<li>${entry.concernsCity ? html`<strong>${m(locale, "intake.concerns")}</strong> ` : ""}${entry.headTitle}（${entry.infoType ?? ""}${entry.jmaStatus && entry.jmaStatus !== "通常" ? `・${entry.jmaStatus}` : ""}）
<br><span class="muted">${m(locale, `jmaKind.${entry.kind ?? "unknown"}`)}${entry.concernsCity ? ` ・${wardList(entry.wards, locale)} ・${m(locale, "intake.level", { level: entry.level })}` : ""} ・${timeTag(entry.firstSeenAt, locale)}</span></li>`;
}

export function intakePage(ctx: PageContext, view: { entries: JmaEntryRow[]; onlyCity: boolean; cap: Array<{ sender: string; headline: string; msgType: string; receivedAt: Date }> }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "intake.title"),
    area: "staff",
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/intake")}
<h1>${m(locale, "intake.title")}</h1>
<p>${m(locale, "intake.lead")}</p>
<p>${view.onlyCity ? html`<a href="/staff/disaster/intake">${m(locale, "intake.showAll")}</a>` : html`<a href="/staff/disaster/intake?city=1">${m(locale, "intake.showCity")}</a>`} ・<a href="/staff/disaster/rules">${m(locale, "rules.title")}</a></p>
<h2>${m(locale, "intake.jma")}</h2>
${view.entries.length === 0 ? html`<p>${m(locale, "intake.none")}</p>` : html`<ul class="link-list">${view.entries.map((e) => entryLine(locale, e))}</ul>`}
<h2>${m(locale, "intake.cap")}</h2>
${view.cap.length === 0 ? html`<p>${m(locale, "intake.none")}</p>` : html`<ul class="link-list">${view.cap.map((c) => html`<li>${c.headline}<br><span class="muted">${c.sender} ・${c.msgType} ・${timeTag(c.receivedAt, locale)}</span></li>`)}</ul>`}
<p class="caption">${m(locale, "intake.attribution")}</p>`,
  };
}

export type RuleFormValues = { jmaKind: string; minLevel: string; wards: string[]; template: string; mode: string; note: string };

export function rulesPage(ctx: PageContext, view: { rules: AlertRule[]; canOperate: boolean; values: RuleFormValues; errors: Array<{ field: string; message: string }>; done?: string }): PageOptions {
  const { locale } = ctx;
  const error = (f: string) => view.errors.find((e) => e.field === f)?.message;
  return {
    title: m(locale, "rules.title"),
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/intake")}
${errorSummary(locale, view.errors)}
${view.done ? html`<div class="panel panel--success" role="status"><p>${m(locale, "rules.saved")}</p></div>` : ""}
<h1>${m(locale, "rules.title")}</h1>
<p>${m(locale, "rules.lead")}</p>
<div class="table-wrap"><table><caption class="visually-hidden">${m(locale, "rules.title")}</caption>
<thead><tr><th scope="col">${m(locale, "rules.kind")}</th><th scope="col">${m(locale, "rules.minLevel")}</th><th scope="col">${m(locale, "rules.wards")}</th><th scope="col">${m(locale, "rules.mode")}</th><th scope="col">${m(locale, "rules.enabled")}</th></tr></thead>
<tbody>${view.rules.map((rule) => html`<tr><td>${m(locale, `jmaKind.${rule.jmaKind}`)}${rule.note ? html`<br><span class="muted">${rule.note}</span>` : ""}</td><td>${rule.minLevel}</td><td>${rule.wards.length ? wardList(rule.wards, locale) : m(locale, "rules.anyWard")}</td><td>${m(locale, `rules.mode.${rule.mode}`)}</td>
<td>${rule.enabled ? m(locale, "rules.on") : m(locale, "rules.off")}${view.canOperate ? html`<form method="post" action="/staff/disaster/rules/${rule.id}/toggle" class="inline-form">${csrfField(ctx)}<input type="hidden" name="enabled" value="${rule.enabled ? "0" : "1"}"><button class="link-button" type="submit">${m(locale, rule.enabled ? "rules.turnOff" : "rules.turnOn")}</button></form>` : ""}</td></tr>`)}</tbody></table></div>
<p class="caption">${m(locale, "rules.levels")}</p>
${view.canOperate ? html`<h2>${m(locale, "rules.add")}</h2>
<form method="post" action="/staff/disaster/rules" novalidate>${csrfField(ctx)}
${select({ name: "jmaKind", id: "jmaKind", label: m(locale, "rules.kind"), values: RULE_KINDS, selected: view.values.jmaKind, text: (k) => m(locale, `jmaKind.${k}`) })}
${textField({ name: "minLevel", id: "minLevel", label: m(locale, "rules.minLevel"), hint: m(locale, "rules.minLevelHint"), value: view.values.minLevel, inputmode: "numeric", short: true, ...(error("minLevel") ? { error: error("minLevel")! } : {}) })}
${wardCheckboxes(locale, { name: "wards", id: "wards", legend: m(locale, "rules.wards"), hint: m(locale, "rules.wardsHint"), checked: view.values.wards })}
${select({ name: "template", id: "template", label: m(locale, "rules.template"), values: ALERT_TEMPLATES, selected: view.values.template, text: (k) => m(locale, `templateName.${k}`) })}
${select({ name: "mode", id: "mode", label: m(locale, "rules.mode"), values: ["confirm", "auto"], selected: view.values.mode, text: (k) => m(locale, `rules.mode.${k}`) })}
${textField({ name: "note", id: "note", label: m(locale, "rules.note"), value: view.values.note })}
<button class="button" type="submit">${m(locale, "rules.addButton")}</button></form>` : ""}`,
  };
}
