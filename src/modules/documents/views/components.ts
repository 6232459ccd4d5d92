/**
 * Form pieces of the documents pages in the design system's markup (public/machi.css): a label
 * on every field, hint and error tied to the control with aria-describedby, the error beside the
 * field and in the summary at the top, what was typed kept.
 */
import { t, type Locale, type MessageParams } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { describedBy, labelledField, summary, type FieldErrors } from "../../../core/ui/fields.ts";
import type { FieldProblem } from "../schema.ts";
import "../messages.ts";

export { sendPage } from "../../../core/ui/send-page.ts";
export { summary, type FieldErrors };

export const m = (locale: Locale, key: string, params?: MessageParams): string => t(locale, `documents.${key}`, params);

export function errorsOf(locale: Locale, problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) errors[problem.field] ??= m(locale, problem.key, problem.params);
  return errors;
}


export type ControlOptions = {
  locale: Locale;
  name: string;
  /** The element id (default: the name); ids of repeated forms need a prefix. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
};

export function textInput(options: ControlOptions & { value?: string; inputmode?: "numeric" | "decimal" | "tel" | "text"; short?: boolean; autocomplete?: string }): SafeHtml {
  const id = options.id ?? options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id }, html`<input class="input${options.short ? " input--short" : ""}" id="${id}" name="${options.name}" type="text" value="${options.value ?? ""}" autocomplete="${options.autocomplete ?? "off"}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}${options.optional ? "" : html` required`}>`);
}

export function selectInput(options: ControlOptions & { value?: string; choices: Array<{ value: string; label: string }> }): SafeHtml {
  const id = options.id ?? options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id }, html`<select class="input" id="${id}" name="${options.name}"${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}>
  ${options.choices.map((c) => html`<option value="${c.value}"${c.value === options.value ? " selected" : ""}>${c.label}</option>`)}
</select>`);
}

export function fileInput(options: ControlOptions & { accept: string }): SafeHtml {
  const id = options.id ?? options.name;
  const describe = describedBy(id, options.hint, options.error);
  return labelledField({ ...options, id, boxClass: "field__file" }, html`<input class="input" id="${id}" name="${options.name}" type="file" accept="${options.accept}"${describe ? html` aria-describedby="${describe}"` : ""}${options.error ? html` aria-invalid="true"` : ""}>`);
}

/** A success notice after a redirect (?done=…). */
export function doneNotice(locale: Locale, key: string | undefined): HtmlValue {
  return key ? html`<div class="panel panel--success" role="status"><p>${m(locale, key)}</p></div>` : "";
}

export function megabytes(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))}MB`;
}
