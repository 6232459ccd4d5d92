/**
 * The resident pages: start → area → language → e-mail → check your answers → sent/done; the
 * confirmation and unsubscribe pages; the signed-in resident's list; browser notifications.
 * One question per page, every page works without JavaScript (the browser-notification page
 * needs it and says so).
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import { WARDS, wardByCode } from "../areas/wards.ts";
import { ALERT_LANGUAGE_NAMES, ALERT_LANGUAGES, type AlertLanguage } from "../languages.ts";
import { CONFIRM_LINK_HOURS } from "../links.ts";
import type { SubscriptionRow } from "../queries.ts";
import { MAX_RADIUS_M, MIN_RADIUS_M, type AreaChoice } from "../schema.ts";
import { choices, csrf, hidden, primaryButton, summary, textInput, type FieldErrors } from "./components.ts";

export type SubscribeState = { area?: AreaChoice; language?: AlertLanguage };

export function encodeState(state: SubscribeState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

export function wardLabel(code: string, locale: Locale): string {
  const ward = wardByCode(code);
  if (!ward) return code;
  return locale === "ja" ? ward.names.ja : ward.names.en;
}

export function areaText(area: AreaChoice, locale: Locale): string {
  if (area.kind === "wards") return area.wards.map((code) => wardLabel(code, locale)).join(locale === "ja" ? "、" : ", ");
  return t(locale, "notify.check.pointArea", { lat: area.lat, lon: area.lon, radius: area.radiusM });
}

function back(href: string, locale: Locale): SafeHtml {
  return html`<a class="back-link" href="${href}">${t(locale, "core.back")}</a>`;
}

export function startPage(ctx: PageContext, options: { pushAvailable: boolean }): PageOptions {
  const { locale } = ctx;
  return {
    title: t(locale, "notify.subscribe.title"),
    body: html`<h1>${t(locale, "notify.subscribe.title")}</h1>
<p class="lead">${t(locale, "notify.subscribe.lead")}</p>
<p><a class="button button--start" href="/notify/subscribe/area">${t(locale, "notify.subscribe.start")}</a></p>
<h2>${t(locale, "notify.subscribe.otherWays")}</h2>
<ul>
<li>${t(locale, "notify.subscribe.lineHow")}</li>
${options.pushAvailable ? html`<li>${t(locale, "notify.subscribe.pushHow")} <a href="/notify/push">${t(locale, "notify.subscribe.pushLink")}</a></li>` : ""}
<li><a href="/alerts">${t(locale, "notify.alerts.title")}</a></li>
</ul>`,
  };
}

export type AreaValues = { areaKind: string; wards: string[]; lat: string; lon: string; radius: string };

export function areaPage(ctx: PageContext, values: AreaValues, errors: FieldErrors = {}): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.area.title");
  const wardItems = WARDS.map((w) => ({ value: w.code, label: locale === "ja" ? w.names.ja : w.names.en }));
  const params = { min: MIN_RADIUS_M, max: MAX_RADIUS_M };
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`${back("/notify/subscribe", locale)}
${summary(locale, errors)}
<form method="post" action="/notify/subscribe/area" novalidate>
${csrf(ctx)}
${choices({ locale, name: "areaKind", legend: title, headingLegend: true, hint: t(locale, "notify.area.hint"), type: "radio", items: [{ value: "wards", label: t(locale, "notify.area.byWard") }, { value: "point", label: t(locale, "notify.area.byPoint") }], selected: [values.areaKind], ...(errors.areaKind ? { error: errors.areaKind } : {}) })}
${choices({ locale, name: "wards", legend: t(locale, "notify.area.wards"), type: "checkbox", items: wardItems, selected: values.wards, ...(errors.wards ? { error: errors.wards } : {}) })}
${textInput({ locale, name: "lat", label: t(locale, "notify.area.lat"), hint: t(locale, "notify.area.latHint"), value: values.lat, inputmode: "decimal", short: true, ...(errors.lat ? { error: errors.lat } : {}) })}
${textInput({ locale, name: "lon", label: t(locale, "notify.area.lon"), hint: t(locale, "notify.area.lonHint"), value: values.lon, inputmode: "decimal", short: true, ...(errors.lon ? { error: errors.lon } : {}) })}
${textInput({ locale, name: "radius", label: t(locale, "notify.area.radius"), hint: t(locale, "notify.area.radiusHint", params), value: values.radius, inputmode: "numeric", short: true, ...(errors.radius ? { error: errors.radius } : {}) })}
${primaryButton(t(locale, "core.continue"))}
</form>`,
  };
}

export function languagePage(ctx: PageContext, state: string, selected: string, errors: FieldErrors = {}): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.language.title");
  const items = ALERT_LANGUAGES.map((l) => ({ value: l, label: ALERT_LANGUAGE_NAMES[l], lang: l }));
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`${back("/notify/subscribe/area", locale)}
${summary(locale, errors)}
<form method="post" action="/notify/subscribe/language?s=${state}" novalidate>
${csrf(ctx)}
${choices({ locale, name: "language", legend: title, headingLegend: true, type: "radio", items, selected: [selected], ...(errors.language ? { error: errors.language } : {}) })}
${primaryButton(t(locale, "core.continue"))}
</form>`,
  };
}

export function emailPage(ctx: PageContext, state: string, value: string, errors: FieldErrors = {}): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.email.title");
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`${back(`/notify/subscribe/language?s=${state}`, locale)}
${summary(locale, errors)}
<h1>${title}</h1>
<form method="post" action="/notify/subscribe/email?s=${state}" novalidate>
${csrf(ctx)}
${textInput({ locale, name: "email", label: t(locale, "notify.email.label"), hint: t(locale, "notify.email.hint"), value, type: "email", inputmode: "email", autocomplete: "email", ...(errors.email ? { error: errors.email } : {}) })}
${primaryButton(t(locale, "core.continue"))}
</form>`,
  };
}

export function checkPage(ctx: PageContext, state: string, answers: { area: AreaChoice; language: AlertLanguage; email: string }): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.check.title");
  const row = (key: string, value: string, href: string, lang?: string) =>
    html`<div class="summary-list__row"><dt class="summary-list__key">${t(locale, `notify.check.${key}`)}</dt><dd class="summary-list__value"${lang ? html` lang="${lang}"` : ""}>${value}</dd><dd class="summary-list__actions"><a href="${href}">${t(locale, "notify.check.change")}<span class="visually-hidden"> ${t(locale, `notify.check.${key}`)}</span></a></dd></div>`;
  return {
    title,
    body: html`${back(`/notify/subscribe/email?s=${state}`, locale)}
<h1>${title}</h1>
<dl class="summary-list">
${row("area", areaText(answers.area, locale), "/notify/subscribe/area")}
${row("language", ALERT_LANGUAGE_NAMES[answers.language], `/notify/subscribe/language?s=${state}`, answers.language)}
${row("email", answers.email, `/notify/subscribe/email?s=${state}`)}
</dl>
<form method="post" action="/notify/subscribe/confirm?s=${state}">
${csrf(ctx)}
${hidden("email", answers.email)}
${primaryButton(t(locale, "notify.check.submit"))}
</form>`,
  };
}

export function messagePage(ctx: PageContext, titleKey: string, text: string, extra: SafeHtml | string = ""): PageOptions {
  const title = t(ctx.locale, titleKey);
  return { title, body: html`<div class="panel panel--confirmation"><h1>${title}</h1></div><p>${text}</p>${extra}` };
}

export function sentPage(ctx: PageContext, email: string): PageOptions {
  return messagePage(ctx, "notify.sent.title", t(ctx.locale, "notify.sent.text", { email, hours: CONFIRM_LINK_HOURS }));
}

export function tokenFormPage(ctx: PageContext, options: { titleKey: string; textKey?: string; action: string; buttonKey: string }): PageOptions {
  const { locale } = ctx;
  const title = t(locale, options.titleKey);
  return {
    title,
    body: html`<h1>${title}</h1>
${options.textKey ? html`<p>${t(locale, options.textKey)}</p>` : ""}
<form method="post" action="${options.action}">${csrf(ctx)}${primaryButton(t(locale, options.buttonKey))}</form>`,
  };
}

export function myPage(ctx: PageContext, rows: SubscriptionRow[]): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.my.title");
  const items = rows.map((row) => {
    const area: AreaChoice = row.lat !== null ? { kind: "point", lat: row.lat, lon: row.lon!, radiusM: row.radiusM! } : { kind: "wards", wards: row.wards };
    return html`<li class="card">
<p><strong>${areaText(area, locale)}</strong></p>
<p><span lang="${row.language}">${ALERT_LANGUAGE_NAMES[row.language]}</span> ／ ${row.channels.map((c) => t(locale, `notify.staff.channel.${c}`)).join("・")} ／ ${t(locale, `notify.my.status.${row.status === "active" ? "active" : "pending"}`)}</p>
<form method="post" action="/my/notify/${row.id}/cancel" class="inline-form">${csrf(ctx)}<button class="button button--secondary" type="submit">${t(locale, "notify.my.cancel")}</button></form>
</li>`;
  });
  return {
    title,
    body: html`<h1>${title}</h1>
${rows.length === 0 ? html`<p>${t(locale, "notify.my.none")}</p>` : html`<ul class="card-list">${items}</ul>`}
<p><a class="button" href="/notify/subscribe/area">${t(locale, "notify.my.add")}</a></p>`,
  };
}

export function pushPage(ctx: PageContext, options: { publicKey: string | null }): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "notify.push.title");
  if (!options.publicKey) return { title, body: html`<h1>${title}</h1><p>${t(locale, "notify.push.unavailable")}</p>` };
  return {
    title,
    body: html`<h1>${title}</h1>
<p>${t(locale, "notify.push.text")}</p>
<form id="push-form" data-vapid="${options.publicKey}" data-csrf="${ctx.csrfToken}">
<div class="field"><label class="field__label" for="push-ward">${t(locale, "notify.push.area")}</label>
<select class="input" id="push-ward" name="ward">${WARDS.map((w) => html`<option value="${w.code}">${locale === "ja" ? w.names.ja : w.names.en}</option>`)}</select></div>
<div class="field"><label class="field__label" for="push-language">${t(locale, "notify.push.language")}</label>
<select class="input" id="push-language" name="language">${ALERT_LANGUAGES.map((l) => html`<option value="${l}" lang="${l}"${l === locale ? html` selected` : ""}>${ALERT_LANGUAGE_NAMES[l]}</option>`)}</select></div>
<div class="button-group"><button class="button" type="submit" id="push-button" hidden>${t(locale, "notify.push.button")}</button></div>
<p id="push-status" role="status"></p>
</form>
<script src="/notify/push.js" defer></script>`,
  };
}
