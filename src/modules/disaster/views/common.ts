/** Pieces shared by the disaster pages: times, the staff sub-navigation, ward pickers, notices. */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import type { PageContext } from "../../../core/ui/layout.ts";
import { WARDS, wardName } from "../wards.ts";
import "../messages.ts";

export const m = (locale: Locale, key: string, params?: Record<string, string | number>) => t(locale, `disaster.${key}`, params);

export function formatTime(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo", year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(date);
}

export function timeTag(value: Date | string, locale: Locale): SafeHtml {
  const date = typeof value === "string" ? new Date(value) : value;
  return html`<time datetime="${date.toISOString()}">${formatTime(date, locale)}</time>`;
}

const NAV = [
  ["/staff/disaster", "nav.desk"],
  ["/staff/disaster/incidents", "nav.incidents"],
  ["/staff/disaster/intake", "nav.intake"],
  ["/staff/disaster/shelters", "nav.shelters"],
  ["/staff/disaster/reports", "nav.reports"],
  ["/staff/disaster/map", "nav.map"],
  ["/staff/disaster/settings", "nav.settings"],
] as const;

export function staffNav(ctx: PageContext, current: string): SafeHtml {
  return html`<nav class="disaster-nav" aria-label="${m(ctx.locale, "nav.label")}"><ul>${NAV.map(([href, key]) =>
    href === current ? html`<li><a href="${href}" aria-current="page">${m(ctx.locale, key)}</a></li>` : html`<li><a href="${href}">${m(ctx.locale, key)}</a></li>`)}</ul></nav>`;
}

export function stylesheet(): SafeHtml {
  return html`<link rel="stylesheet" href="/static/disaster/disaster.css">`;
}

export function notice(kind: "success" | "notice", text: HtmlValue): SafeHtml {
  return html`<div class="panel panel--${kind}" role="${kind === "success" ? "status" : "alert"}"><p>${text}</p></div>`;
}

/** Ward checkboxes in a fieldset. */
export function wardCheckboxes(locale: Locale, options: { name: string; id: string; legend: string; checked: readonly string[]; error?: string; hint?: string }): SafeHtml {
  return html`<div class="field${options.error ? " field--error" : ""}" id="${options.id}">
<fieldset class="fieldset">
<legend class="fieldset__legend">${options.legend}</legend>
${options.hint ? html`<p class="field__hint">${options.hint}</p>` : ""}
${options.error ? html`<p class="field__error">${options.error}</p>` : ""}
<div class="choices ward-grid">
${WARDS.map((w) => html`<div class="choice"><input class="choice__input" type="checkbox" name="${options.name}" value="${w.code}" id="${options.id}-${w.code}"${options.checked.includes(w.code) ? html` checked` : ""}><label class="choice__label" for="${options.id}-${w.code}">${wardName(w.code, locale)}</label></div>`)}
</div>
</fieldset>
</div>`;
}

export function wardSelect(locale: Locale, options: { name: string; id: string; label: string; selected: string | undefined; emptyLabel: string }): SafeHtml {
  return html`<div class="field"><label class="field__label" for="${options.id}">${options.label}</label>
<select class="input" name="${options.name}" id="${options.id}"><option value="">${options.emptyLabel}</option>
${WARDS.map((w) => html`<option value="${w.code}"${options.selected === w.code ? html` selected` : ""}>${wardName(w.code, locale)}</option>`)}
</select></div>`;
}

export function select(options: { name: string; id: string; label: string; values: readonly string[]; selected: string | undefined; text: (value: string) => string; empty?: string; error?: string }): SafeHtml {
  return html`<div class="field${options.error ? " field--error" : ""}"><label class="field__label" for="${options.id}">${options.label}</label>
${options.error ? html`<p class="field__error">${options.error}</p>` : ""}
<select class="input" name="${options.name}" id="${options.id}">${options.empty !== undefined ? html`<option value="">${options.empty}</option>` : ""}
${options.values.map((v) => html`<option value="${v}"${options.selected === v ? html` selected` : ""}>${options.text(v)}</option>`)}
</select></div>`;
}

export function textField(options: { name: string; id: string; label: string; value: string; error?: string; hint?: string; type?: string; inputmode?: string; short?: boolean; autocomplete?: string }): SafeHtml {
  return html`<div class="field${options.error ? " field--error" : ""}"><label class="field__label" for="${options.id}">${options.label}</label>
${options.hint ? html`<p class="field__hint" id="${options.id}-hint">${options.hint}</p>` : ""}
${options.error ? html`<p class="field__error" id="${options.id}-error">${options.error}</p>` : ""}
<input class="input${options.short ? " input--short" : ""}" type="${options.type ?? "text"}" name="${options.name}" id="${options.id}" value="${options.value}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ""}${options.hint || options.error ? html` aria-describedby="${[options.hint ? `${options.id}-hint` : "", options.error ? `${options.id}-error` : ""].filter(Boolean).join(" ")}"` : ""}></div>`;
}

export function textArea(options: { name: string; id: string; label: string; value: string; error?: string; hint?: string }): SafeHtml {
  return html`<div class="field${options.error ? " field--error" : ""}"><label class="field__label" for="${options.id}">${options.label}</label>
${options.hint ? html`<p class="field__hint">${options.hint}</p>` : ""}
${options.error ? html`<p class="field__error">${options.error}</p>` : ""}
<textarea class="input" name="${options.name}" id="${options.id}" rows="4">${options.value}</textarea></div>`;
}

/** The evacuation level words with the 警戒レベル number (never colour alone). */
export function evacuationTag(locale: Locale, level: number): SafeHtml {
  return html`<strong class="level level--${level}">${m(locale, `evacuation.level.${level}`)}</strong>`;
}
