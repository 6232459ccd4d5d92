/**
 * Pieces shared by the builder's staff pages: sending a page, messages, labelled fields (every
 * input has a label, a hint where useful, its error beside it), the error summary (each problem
 * with its JSON path, linked to its field), notices and the page's assets.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { errorSummary, type PageContext } from "../../../core/ui/layout.ts";
import type { Problem } from "../definition/metadata.ts";
import "../messages.ts";

export { sendPage } from "../../../core/ui/send-page.ts";

/** Shorthand for messages of this module. */
export function b(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return t(locale, `builder.${key}`, params);
}

/** The builder's stylesheet and (where asked) its script; CSP-safe (same origin, no inline code). */
export function assets(script?: "editor" | "preview" | "case-app"): SafeHtml {
  return html`<link rel="stylesheet" href="/static/builder/builder.css">${script ? html`<script type="module" src="/static/builder/${script}.js"></script>` : ""}`;
}

/** An error shown beside a field and in the summary. */
export type FieldErrorView = { field: string; message: string };

/** Error summary entries: the message, and the JSON path of a definition problem when there is one. */
export function summaryOf(locale: Locale, errors: FieldErrorView[], problems: Array<Problem & { field?: string }> = []): HtmlValue {
  const items = [
    ...errors,
    ...problems.map((p) => ({ field: p.field ?? "problems", message: `${p.message}（${b(locale, "common.path")}: ${p.path}）` })),
  ];
  return errorSummary(locale, items);
}

type FieldOptions = {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  type?: "text" | "number" | "datetime-local" | "url" | "search";
  short?: boolean;
  inputmode?: "numeric" | "decimal";
  spellcheck?: boolean;
  required?: boolean;
  lang?: string;
};

function describedBy(id: string, hint?: string, error?: string): HtmlValue {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids ? html` aria-describedby="${ids}"` : "";
}

function errorLine(locale: Locale, id: string, error?: string): HtmlValue {
  return error ? html`<p class="field__error" id="${id}-error"><span class="visually-hidden">${t(locale, "forms.errorPrefix")}</span>${error}</p>` : "";
}

export function textField(locale: Locale, o: FieldOptions): SafeHtml {
  return html`<div class="field${o.error ? " field--error" : ""}">
<label class="field__label" for="${o.id}">${o.label}</label>
${o.hint ? html`<div class="field__hint" id="${o.id}-hint">${o.hint}</div>` : ""}${errorLine(locale, o.id, o.error)}
<input class="input${o.short ? " input--short" : ""}" type="${o.type ?? "text"}" id="${o.id}" name="${o.name ?? o.id}" value="${o.value ?? ""}"${describedBy(o.id, o.hint, o.error)}${o.error ? html` aria-invalid="true"` : ""}${o.inputmode ? html` inputmode="${o.inputmode}"` : ""}${o.spellcheck === false ? html` spellcheck="false"` : ""}${o.lang ? html` lang="${o.lang}"` : ""}>
</div>`;
}

export function textareaField(locale: Locale, o: FieldOptions & { rows?: number }): SafeHtml {
  return html`<div class="field${o.error ? " field--error" : ""}">
<label class="field__label" for="${o.id}">${o.label}</label>
${o.hint ? html`<div class="field__hint" id="${o.id}-hint">${o.hint}</div>` : ""}${errorLine(locale, o.id, o.error)}
<textarea class="input" id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 4}"${describedBy(o.id, o.hint, o.error)}${o.error ? html` aria-invalid="true"` : ""}${o.spellcheck === false ? html` spellcheck="false"` : ""}${o.lang ? html` lang="${o.lang}"` : ""}>
${o.value ?? ""}</textarea>
</div>`;
}

export function selectField(locale: Locale, o: FieldOptions & { options: Array<{ value: string; label: string }> }): SafeHtml {
  return html`<div class="field${o.error ? " field--error" : ""}">
<label class="field__label" for="${o.id}">${o.label}</label>
${o.hint ? html`<div class="field__hint" id="${o.id}-hint">${o.hint}</div>` : ""}${errorLine(locale, o.id, o.error)}
<select class="input" id="${o.id}" name="${o.name ?? o.id}"${describedBy(o.id, o.hint, o.error)}${o.error ? html` aria-invalid="true"` : ""}>
${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ""}>${opt.label}</option>`)}
</select>
</div>`;
}

/** A group of radios or checkboxes in a fieldset. */
export function choiceField(
  locale: Locale,
  o: { id: string; name?: string; legend: string; hint?: string; type: "radio" | "checkbox"; options: Array<{ value: string; label: string }>; selected: readonly string[]; error?: string },
): SafeHtml {
  const name = o.name ?? o.id;
  return html`<div class="field${o.error ? " field--error" : ""}">
<fieldset class="fieldset" id="${o.id}" tabindex="-1"${describedBy(o.id, o.hint, o.error)}>
<legend class="fieldset__legend">${o.legend}</legend>
${o.hint ? html`<div class="field__hint" id="${o.id}-hint">${o.hint}</div>` : ""}${errorLine(locale, o.id, o.error)}
<div class="choices">
${o.options.map((opt, i) => {
  const id = `${o.id}-${i + 1}`;
  return html`<div class="choice"><input class="choice__input" type="${o.type}" id="${id}" name="${name}" value="${opt.value}"${o.selected.includes(opt.value) ? html` checked` : ""}><label class="choice__label" for="${id}">${opt.label}</label></div>`;
})}
</div>
</fieldset>
</div>`;
}

/** One checkbox with its label. */
export function checkboxField(o: { id: string; name?: string; label: string; checked: boolean; value?: string }): SafeHtml {
  return html`<div class="field"><div class="choice"><input class="choice__input" type="checkbox" id="${o.id}" name="${o.name ?? o.id}" value="${o.value ?? "yes"}"${o.checked ? html` checked` : ""}><label class="choice__label" for="${o.id}">${o.label}</label></div></div>`;
}

/** A notice at the top of a page after a successful POST (post/redirect/get). */
export function doneNotice(locale: Locale, done: string | undefined, known: readonly string[]): HtmlValue {
  if (!done || !known.includes(done)) return "";
  return html`<div class="panel panel--success" role="status"><p>${b(locale, `done.${done}`)}</p></div>`;
}

/** The notice shown when someone else saved first (409). */
export function conflictNotice(locale: Locale): SafeHtml {
  return html`<div class="panel panel--notice" role="alert"><p><strong>${b(locale, "common.conflict")}</strong></p></div>`;
}

/** A small POST form with one button (move, delete, open…). */
export function buttonForm(ctx: PageContext, action: string, label: string, options: { hidden?: Record<string, string>; secondary?: boolean; warning?: boolean; visuallyHiddenSuffix?: string } = {}): SafeHtml {
  const hidden = Object.entries(options.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const cls = options.warning ? "button button--warning" : options.secondary === false ? "button" : "button button--secondary";
  return html`<form method="post" action="${action}" class="inline-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken}">${hidden}<button class="${cls}" type="submit">${label}${options.visuallyHiddenSuffix ? html`<span class="visually-hidden">${options.visuallyHiddenSuffix}</span>` : ""}</button></form>`;
}

/** 2026年11月26日 14:05 / 26 Nov 2026, 14:05 in Japan time. */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(date);
}

export function timeTag(date: Date, locale: Locale): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatDateTime(date, locale)}</time>`;
}

/** The breadcrumb back to the builder's start page (and further steps). */
export function crumbs(locale: Locale, items: Array<{ href: string; label: string }>): SafeHtml {
  return html`<nav aria-label="${b(locale, "common.breadcrumb")}"><ol class="builder-crumbs">
<li><a href="/staff">${t(locale, "staff.home.title")}</a></li>
<li><a href="/staff/builder">${b(locale, "home.title")}</a></li>
${items.map((item) => html`<li><a href="${item.href}">${item.label}</a></li>`)}
</ol></nav>`;
}
