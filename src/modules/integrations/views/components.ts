/**
 * Form pieces of the integrations pages in the design system's markup (public/machi.css): a label
 * on every field, hint and error tied to the control with aria-describedby, the error beside the
 * field and in the summary at the top, what was typed kept.
 */
import { t, type Locale, type MessageParams } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { describedBy, errorLine, labelledField, summary, type FieldErrors } from "../../../core/ui/fields.ts";
import type { PageContext } from "../../../core/ui/layout.ts";
import type { FieldProblem } from "../schema.ts";
import "../messages.ts";

export { sendPage } from "../../../core/ui/send-page.ts";
export { summary, type FieldErrors };

export const m = (locale: Locale, key: string, params?: MessageParams): string => t(locale, `integrations.${key}`, params);

export function errorsOf(locale: Locale, problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) errors[problem.field] ??= m(locale, `errors.${problem.key}`, problem.params);
  return errors;
}


type ControlOptions = { locale: Locale; name: string; label: string; hint?: string; error?: string; optional?: boolean };

export function textInput(options: ControlOptions & { value: string; type?: "text" | "url"; autocomplete?: string }): SafeHtml {
  const id = options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id }, html`<input class="input" id="${id}" name="${options.name}" type="${options.type ?? "text"}" value="${options.value}" autocomplete="${options.autocomplete ?? "off"}" spellcheck="false"${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}${options.optional ? "" : html` required`}>`);
}

export function selectInput(options: ControlOptions & { value: string; choices: Array<{ value: string; label: string }> }): SafeHtml {
  const id = options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id }, html`<select class="input" id="${id}" name="${options.name}"${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}>
  ${options.choices.map((c) => html`<option value="${c.value}"${c.value === options.value ? " selected" : ""}>${c.label}</option>`)}
</select>`);
}

/** Check boxes in a fieldset; the first box has the field's id, so the error summary can link to it. */
export function checkboxes(options: ControlOptions & { values: readonly string[]; choices: Array<{ value: string; label: string }> }): SafeHtml {
  const id = options.name;
  const describe = describedBy(id, options.hint, options.error);
  const chosen = new Set(options.values);
  return html`<div class="field${options.error ? " field--error" : ""}">
<fieldset class="fieldset"${describe ? html` aria-describedby="${describe}"` : ""}>
<legend class="fieldset__legend">${options.label}</legend>
${options.hint ? html`<span class="field__hint" id="${id}-hint">${options.hint}</span>` : ""}
${errorLine(options.locale, id, options.error)}
<div class="choices">
${options.choices.map((c, i) => {
  const boxId = i === 0 ? id : `${id}-${i}`;
  return html`<div class="choice"><input class="choice__input" type="checkbox" id="${boxId}" name="${options.name}" value="${c.value}"${chosen.has(c.value) ? html` checked` : ""}>
<label class="choice__label" for="${boxId}">${c.label}</label></div>`;
})}
</div>
</fieldset>
</div>`;
}

/** A success notice after a redirect (?done=…). */
export function doneNotice(text: string | undefined): HtmlValue {
  return text ? html`<div class="panel panel--success" role="status"><p>${text}</p></div>` : "";
}

/** A one-button form (POST with the CSRF token). */
export function actionButton(ctx: PageContext, action: string, label: string, options: { warning?: boolean; secondary?: boolean; hint?: string } = {}): SafeHtml {
  const cls = options.warning ? "button button--warning" : options.secondary ? "button button--secondary" : "button";
  return html`<form method="post" action="${action}" class="inline-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button class="${cls}" type="submit">${label}</button></form>${options.hint ? html`<p class="field__hint">${options.hint}</p>` : ""}`;
}

const JAPAN = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** 2026年11月26日 14:05:09 (ja) or 2026-11-26 14:05:09 (en), Japan time, in a <time> element. */
export function timeTag(date: Date | null, locale: Locale): HtmlValue {
  if (!date) return m(locale, "never");
  const p = Object.fromEntries(JAPAN.formatToParts(date).map((part) => [part.type, part.value]));
  const text =
    locale === "ja"
      ? `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}:${p.second}`
      : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  return html`<time datetime="${date.toISOString()}">${text}</time>`;
}
