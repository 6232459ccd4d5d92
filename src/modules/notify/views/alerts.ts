/** The public alert pages: the list, and one alert in any of the eleven languages. */
import { t } from "../../../core/i18n/index.ts";
import { html } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import { ALERT_LANGUAGE_NAMES, ALERT_LANGUAGES, type AlertLanguage } from "../languages.ts";
import type { TemplateText } from "../templates/alerts.ts";
import { formatAlertTime } from "../templates/render.ts";

export function alertListPage(ctx: PageContext, items: Array<{ id: string; title: string; issuedAt: string }>): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.alerts.title");
  return {
    title,
    body: html`<h1>${title}</h1>
${items.length === 0 ? html`<p>${t(locale, "notify.alerts.none")}</p>` : html`<ul class="link-list">${items.map((a) => html`<li><a href="/alerts/${a.id}?l=${locale}">${a.title}</a> <span class="muted">${formatAlertTime(a.issuedAt, locale)}</span></li>`)}</ul>`}
<p><a href="/alerts/feed.atom" type="application/atom+xml">${t(locale, "notify.alerts.feed")}</a></p>`,
  };
}

export function alertPage(ctx: PageContext, alert: { id: string; issuedAt: string }, language: AlertLanguage, text: TemplateText): PageOptions {
  const { locale } = ctx;
  return {
    title: text.title,
    body: html`<article lang="${language}">
<h1>${text.title}</h1>
<p class="muted">${formatAlertTime(alert.issuedAt, language)}</p>
<p class="lead">${text.body}</p>
</article>
<h2>${t(locale, "notify.alert.languages")}</h2>
<ul class="link-list">${ALERT_LANGUAGES.filter((l) => l !== language).map((l) => html`<li><a href="/alerts/${alert.id}?l=${l}" lang="${l}" hreflang="${l}">${ALERT_LANGUAGE_NAMES[l]}</a></li>`)}</ul>
<p><a href="/alerts/${alert.id}.cap" type="application/cap+xml">${t(locale, "notify.alert.cap")}</a></p>`,
  };
}
