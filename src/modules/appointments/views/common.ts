/**
 * Pieces shared by the appointments pages: sending a page with its context, messages, the
 * module stylesheet, back links, notices, form fields with their errors, booking status in words.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { errorSummary, type PageContext } from "../../../core/ui/layout.ts";
import type { BookingStatus } from "../tables.ts";
import "../messages.ts";

export { sendPage } from "../../../core/ui/send-page.ts";

export function m(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return t(locale, `appointments.${key}`, params);
}

export const STYLESHEET = html`<link rel="stylesheet" href="/static/appointments/appointments.css">`;

export function backLink(href: string, label: string): SafeHtml {
  return html`<p><a class="back-link" href="${href}">${label}</a></p>`;
}

export function notice(text: HtmlValue, kind: "success" | "notice" = "success"): HtmlValue {
  if (!text) return "";
  return html`<div class="panel panel--${kind}" role="status"><p>${text}</p></div>`;
}

export type FieldErrors = Record<string, string>;

export function summary(locale: Locale, errors: FieldErrors): HtmlValue {
  return errorSummary(locale, Object.entries(errors).map(([field, message]) => ({ field, message })));
}

export function textField(o: { name: string; label: string; value: string; error?: string; hint?: string; type?: string; autocomplete?: string; inputmode?: string; short?: boolean; required?: boolean }): SafeHtml {
  const described = [o.hint ? `${o.name}-hint` : "", o.error ? `${o.name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${o.error ? " field--error" : ""}">
<label class="field__label" for="${o.name}">${o.label}</label>
${o.hint ? html`<p class="field__hint" id="${o.name}-hint">${o.hint}</p>` : ""}
${o.error ? html`<p class="field__error" id="${o.name}-error">${o.error}</p>` : ""}
<input class="input${o.short ? " input--short" : ""}" type="${o.type ?? "text"}" id="${o.name}" name="${o.name}" value="${o.value}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ""}${o.inputmode ? html` inputmode="${o.inputmode}"` : ""}${described ? html` aria-describedby="${described}"` : ""}${o.error ? html` aria-invalid="true"` : ""}>
</div>`;
}

export function selectField(o: { name: string; label: string; options: Array<{ value: string; label: string }>; selected?: string; error?: string }): SafeHtml {
  return html`<div class="field${o.error ? " field--error" : ""}">
<label class="field__label" for="${o.name}">${o.label}</label>
${o.error ? html`<p class="field__error" id="${o.name}-error">${o.error}</p>` : ""}
<select class="input" id="${o.name}" name="${o.name}"${o.error ? html` aria-describedby="${o.name}-error" aria-invalid="true"` : ""}>
${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.selected ? html` selected` : ""}>${opt.label}</option>`)}
</select>
</div>`;
}

export function statusText(status: BookingStatus, locale: Locale): string {
  return m(locale, `status.${status}`);
}

export function statusTag(status: BookingStatus, locale: Locale): SafeHtml {
  return html`<strong class="status appt-status--${status}">${statusText(status, locale)}</strong>`;
}

/** Places left in words: 「残り2人」「満席」. */
export function remainingText(remaining: number, locale: Locale): string {
  if (remaining <= 0) return m(locale, "slot.full");
  return m(locale, remaining === 1 ? "slot.remainingOne" : "slot.remaining", { n: remaining });
}

export type PageCtx = PageContext;
