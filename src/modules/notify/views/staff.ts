/**
 * Staff pages: alerts sent, and one alert's delivery progress per channel — counts by status in
 * a table, a <progress> bar, and the same figures in a sentence. While the alert is still going
 * out the page refreshes itself every 5 seconds (<meta http-equiv="refresh">, no JavaScript).
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import { DELIVERY_STATUSES, type ChannelStats, type DeliveryStats } from "../commands/delivery-stats.ts";
import { RECIPIENT_CHANNELS } from "../channels/types.ts";
import type { AlertRow } from "../queries.ts";
import { formatAlertTime } from "../templates/render.ts";
import { csrf, primaryButton, summary, textInput, choices, type FieldErrors } from "./components.ts";
import { WARDS } from "../areas/wards.ts";
import { ALERT_LANGUAGE_NAMES, ALERT_LANGUAGES } from "../languages.ts";

const number = (locale: Locale, n: number) => n.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB");
const percent = (part: number, total: number) => (total === 0 ? 0 : Math.floor((part / total) * 1000) / 10);

export function staffListPage(ctx: PageContext, alerts: Array<AlertRow & { title: string }>): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.staff.title");
  return {
    title,
    area: "staff",
    body: html`<h1>${title}</h1>
${alerts.length === 0 ? html`<p>${t(locale, "notify.staff.none")}</p>` : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t(locale, "notify.staff.col.issued")}</th><th scope="col">${t(locale, "notify.staff.col.alert")}</th><th scope="col">${t(locale, "notify.staff.col.status")}</th></tr></thead>
<tbody>${alerts.map((a) => html`<tr><td>${formatAlertTime(a.issuedAt, locale)}</td><td><a href="/staff/notify/alerts/${a.id}">${a.title}</a></td><td><strong class="status">${t(locale, `notify.staff.status.${a.status}`)}</strong></td></tr>`)}</tbody>
</table></div>`}
<p><a href="/staff/notify/line-links">${t(locale, "notify.staff.line.title")}</a></p>`,
  };
}

function channelRow(locale: Locale, name: string, stats: ChannelStats): SafeHtml {
  const label = t(locale, `notify.staff.channel.${name}`);
  return html`<tr><th scope="row">${label}</th>
${DELIVERY_STATUSES.map((s) => html`<td>${t(locale, "notify.staff.count", { count: number(locale, stats[s]) })}</td>`)}
<td><progress max="${Math.max(stats.total, 1)}" value="${stats.finished}" aria-label="${t(locale, "notify.staff.progressLabel", { channel: label })}">${percent(stats.finished, stats.total)}%</progress> ${percent(stats.finished, stats.total)}%</td></tr>`;
}

export function staffAlertPage(ctx: PageContext, stats: DeliveryStats, title: string): PageOptions {
  const { locale } = ctx;
  const pageTitle = t(locale, "notify.staff.alertTitle", { title });
  const live = stats.alert.status !== "done";
  const totals = stats.totals;
  const when = (iso: string | null) => (iso ? formatAlertTime(iso, locale) : t(locale, "notify.staff.notYet"));
  return {
    title: pageTitle,
    area: "staff",
    body: html`${live ? html`<meta http-equiv="refresh" content="5">` : ""}
<a class="back-link" href="/staff/notify">${t(locale, "notify.staff.back")}</a>
<h1>${pageTitle}</h1>
<p><strong class="status">${t(locale, `notify.staff.status.${stats.alert.status}`)}</strong></p>
<p>${t(locale, "notify.staff.times", { issued: when(stats.alert.issuedAt), first: when(stats.alert.firstSentAt), completed: when(stats.alert.completedAt) })}</p>
${stats.fanoutDone ? "" : html`<p>${t(locale, "notify.staff.preparing", { queued: number(locale, stats.queued) })}</p>`}
<p class="lead" role="status">${t(locale, "notify.staff.summary", {
      total: number(locale, totals.total),
      finished: number(locale, totals.finished),
      percent: percent(totals.finished, totals.total),
      sent: number(locale, totals.sent),
      delivered: number(locale, totals.delivered),
      failed: number(locale, totals.failed),
      waiting: number(locale, totals.queued + totals.sending),
    })}</p>
<p><progress max="${Math.max(totals.total, 1)}" value="${totals.finished}" aria-label="${pageTitle}">${percent(totals.finished, totals.total)}%</progress></p>
${live ? html`<p class="muted">${t(locale, "notify.staff.refreshing")} <a href="/staff/notify/alerts/${stats.alert.id}">${t(locale, "notify.staff.reload")}</a></p>` : ""}
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t(locale, "notify.staff.channel")}</th>${DELIVERY_STATUSES.map((s) => html`<th scope="col">${t(locale, `notify.staff.st.${s}`)}</th>`)}<th scope="col">%</th></tr></thead>
<tbody>${RECIPIENT_CHANNELS.map((c) => channelRow(locale, c, stats.channels[c]))}</tbody>
</table></div>
<h2>${t(locale, "notify.staff.broadcasts")}</h2>
<ul class="link-list">${stats.broadcasts.map((b) => html`<li>${t(locale, `notify.staff.channel.${b.channel}`)} (${b.language}): <strong>${t(locale, `notify.staff.st.${b.status === "sending" ? "sending" : b.status}`)}</strong>
${b.channel === "lalert" ? html` <a href="/staff/notify/alerts/${stats.alert.id}/lalert.xml">${t(locale, "notify.staff.lalertXml")}</a>` : ""}
${b.lastError ? html`<br><span class="muted">${b.lastError}</span>` : ""}</li>`)}</ul>`,
  };
}

export function lineLinkPage(ctx: PageContext, values: { lineUserId: string; wards: string[]; language: string }, errors: FieldErrors = {}, done = false): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.staff.line.title");
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(errors).length > 0,
    body: html`<a class="back-link" href="/staff/notify">${t(locale, "notify.staff.back")}</a>
${summary(locale, errors)}
${done ? html`<div class="panel panel--success" role="status"><p>${t(locale, "notify.staff.line.done")}</p></div>` : ""}
<h1>${title}</h1>
<p>${t(locale, "notify.staff.line.lead")}</p>
<form method="post" action="/staff/notify/line-links" novalidate>
${csrf(ctx)}
${textInput({ locale, name: "lineUserId", label: t(locale, "notify.staff.line.userId"), hint: t(locale, "notify.staff.line.userIdHint"), value: values.lineUserId, ...(errors.lineUserId ? { error: errors.lineUserId } : {}) })}
${choices({ locale, name: "wards", legend: t(locale, "notify.area.wards"), type: "checkbox", items: WARDS.map((w) => ({ value: w.code, label: locale === "ja" ? w.names.ja : w.names.en })), selected: values.wards, ...(errors.wards ? { error: errors.wards } : {}) })}
${choices({ locale, name: "language", legend: t(locale, "notify.language.title"), type: "radio", items: ALERT_LANGUAGES.map((l) => ({ value: l, label: ALERT_LANGUAGE_NAMES[l], lang: l })), selected: [values.language], ...(errors.language ? { error: errors.language } : {}) })}
${primaryButton(t(locale, "notify.staff.line.submit"))}
</form>`,
  };
}
