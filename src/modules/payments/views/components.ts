/**
 * Pieces of the payments pages in the design system's markup (public/machi.css): sending a page,
 * messages, the fee breakdown, statuses in words, form controls with hint and error tied to the
 * control, and the error summary.
 */
import { localize, t, type Locale, type MessageParams } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { describedBy, errorLine, labelledField, summary, type FieldErrors } from "../../../core/ui/fields.ts";
import { formatYen } from "../format.ts";
import type { FieldProblem } from "../schema.ts";
import type { FeeBreakdown, PaymentStatus } from "../tables.ts";
import "../messages.ts";

export { sendPage } from "../../../core/ui/send-page.ts";
export { summary, type FieldErrors };

export const m = (locale: Locale, key: string, params?: MessageParams): string => t(locale, `payments.${key}`, params);

export function errorsOf(locale: Locale, problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) errors[problem.field] ??= m(locale, problem.key, problem.params);
  return errors;
}

export function backLink(href: string, label: string): SafeHtml {
  return html`<p><a class="back-link" href="${href}">${label}</a></p>`;
}

export function notice(text: string | undefined, kind: "success" | "notice" = "success"): HtmlValue {
  if (!text) return "";
  return html`<div class="panel panel--${kind}" role="status"><p>${text}</p></div>`;
}

/** The status in words, in a tag whose colour only repeats what the words say. */
export function paymentStatusTag(status: PaymentStatus, locale: Locale): SafeHtml {
  const tone = status === "succeeded" ? "approved" : status === "failed" ? "rejected" : status === "canceled" || status === "refunded" ? "withdrawn" : "received";
  return html`<strong class="status status--${tone}">${m(locale, `status.${status}`)}</strong>`;
}

/** 「300円 × 2通」 */
export function lineText(line: FeeBreakdown["lines"][number], locale: Locale): string {
  const unit = line.unitYen.toLocaleString(locale === "ja" ? "ja-JP" : "en-US");
  if (line.unit === "copy") return m(locale, "perCopy", { unit, quantity: line.quantity });
  if (line.unit === "item") return m(locale, "perItem", { unit, quantity: line.quantity });
  return m(locale, "fixed", { unit });
}

/** The fee's lines and total as a summary list. */
export function breakdownList(breakdown: FeeBreakdown, locale: Locale): SafeHtml {
  return html`<dl class="summary-list">
${breakdown.lines.map(
  (line) => html`<div class="summary-list__row"><dt class="summary-list__key">${localize(line.label, locale)}</dt><dd class="summary-list__value">${lineText(line, locale)} = ${formatYen(line.amountYen, locale)}</dd></div>`,
)}
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "pay.total")}</dt><dd class="summary-list__value"><strong>${formatYen(breakdown.amountYen, locale)}</strong></dd></div>
</dl>`;
}

export function row(key: string, value: HtmlValue): SafeHtml {
  return html`<div class="summary-list__row"><dt class="summary-list__key">${key}</dt><dd class="summary-list__value">${value}</dd></div>`;
}

export type ControlOptions = { locale: Locale; name: string; id?: string; label: string; hint?: HtmlValue; error?: string };

export function textInput(options: ControlOptions & { value?: string; inputmode?: "numeric" | "text"; autocomplete?: string; short?: boolean }): SafeHtml {
  const id = options.id ?? options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id }, html`<input class="input${options.short ? " input--short" : ""}" id="${id}" name="${options.name}" type="text" value="${options.value ?? ""}" autocomplete="${options.autocomplete ?? "off"}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}>`);
}

export function textArea(options: ControlOptions & { value?: string; rows?: number }): SafeHtml {
  const id = options.id ?? options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id }, html`<textarea class="input" id="${id}" name="${options.name}" rows="${String(options.rows ?? 4)}"${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}>${options.value ?? ""}</textarea>`);
}

/** Radio buttons with a hint per option; the first option carries the field's id (for the error summary's link). */
export function radios(options: ControlOptions & { value?: string; choices: Array<{ value: string; label: string; hint?: string }> }): SafeHtml {
  const id = options.id ?? options.name;
  const describe = describedBy(id, options.hint, options.error);
  const items = options.choices.map((choice, i) => {
    const inputId = i === 0 ? id : `${id}-${i + 1}`;
    return html`<div class="choice"><input class="choice__input" type="radio" id="${inputId}" name="${options.name}" value="${choice.value}"${choice.value === options.value ? " checked" : ""}${choice.hint ? html` aria-describedby="${inputId}-hint"` : ""}${options.error ? html` aria-invalid="true"` : ""}>
<div><label class="choice__label" for="${inputId}">${choice.label}</label>${choice.hint ? html`<span class="field__hint" id="${inputId}-hint">${choice.hint}</span>` : ""}</div></div>`;
  });
  return html`<div class="field${options.error ? " field--error" : ""}">
<fieldset class="fieldset"${describe ? html` aria-describedby="${describe}"` : ""}>
<legend class="fieldset__legend">${options.label}</legend>
${options.hint ? html`<span class="field__hint" id="${id}-hint">${options.hint}</span>` : ""}
${errorLine(options.locale, id, options.error)}
<div class="choices">${items}</div>
</fieldset>
</div>`;
}
