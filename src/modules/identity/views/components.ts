/**
 * Form pieces for the identity pages, in the design system's markup (public/machi.css):
 * a label on every field, hint and error tied to the input with aria-describedby, the
 * error repeated beside the field, what the person typed kept (never a password).
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { describedBy, errorLine, summary, type FieldErrors } from "../../../core/ui/fields.ts";
import "../messages.ts";

export { sendPage } from "../../../core/ui/send-page.ts";
export { summary, type FieldErrors };

export type InputOptions = {
  locale: Locale;
  name: string;
  label: string;
  hint?: string;
  /** What the person typed (not for passwords). */
  value?: string | null;
  error?: string;
  type?: "text" | "email" | "password" | "tel";
  autocomplete: string;
  inputmode?: "numeric" | "tel" | "email" | "text";
  optional?: boolean;
  short?: boolean;
  /** Off for addresses, names and codes that a spell checker would "correct". */
  spellcheck?: boolean;
};

/** One labelled input. Password inputs never echo a value back. */
export function input(options: InputOptions): SafeHtml {
  const { locale, name, error, hint } = options;
  const type = options.type ?? "text";
  const value = type === "password" ? undefined : (options.value ?? "");
  const describe = describedBy(name, hint, error);
  return html`<div class="field${error ? " field--error" : ""}">
  <label class="field__label" for="${name}">${options.label}${options.optional ? html` <span class="muted">${t(locale, "identity.field.optional")}</span>` : ""}</label>
  ${hint ? html`<span class="field__hint" id="${name}-hint">${hint}</span>` : ""}
  ${errorLine(locale, name, error)}
  <input class="input${options.short ? " input--short" : ""}" id="${name}" name="${name}" type="${type}"${value !== undefined ? html` value="${value}"` : ""} autocomplete="${options.autocomplete}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${options.spellcheck === false || type === "email" || type === "password" ? html` spellcheck="false" autocapitalize="off"` : ""}${describe ? html` aria-describedby="${describe}"` : ""}${error ? html` aria-invalid="true"` : ""}${options.optional ? "" : html` required`}>
</div>`;
}

export type GroupOptions = {
  locale: Locale;
  legend: string;
  hint?: string;
  /** Id prefix for the hint. */
  name: string;
  children: HtmlValue;
};

/** Related inputs under one legend (氏名: 姓 and 名). */
export function fieldset(options: GroupOptions): SafeHtml {
  return html`<fieldset class="fieldset"${options.hint ? html` aria-describedby="${options.name}-hint"` : ""}>
  <legend class="fieldset__legend">${options.legend}</legend>
  ${options.hint ? html`<span class="field__hint" id="${options.name}-hint">${options.hint}</span>` : ""}
  ${options.children}
</fieldset>`;
}

export type DateOptions = {
  locale: Locale;
  /** Names of the boxes: `${prefix}Year`, `${prefix}Month`, `${prefix}Day`. */
  prefix: string;
  legend: string;
  hint: string;
  values: { year: string; month: string; day: string };
  /** One message for the date, shown once under the legend. */
  error?: string;
  /** Which boxes to mark as wrong. */
  errorBoxes?: Array<"Year" | "Month" | "Day">;
  optional?: boolean;
  /** bday for a date of birth. */
  autocompletePrefix?: string;
};

/** A date as three boxes, 年・月・日 (never a JavaScript date picker). */
export function dateInput(options: DateOptions): SafeHtml {
  const { locale, prefix, error } = options;
  const boxes = [
    { part: "Year" as const, label: t(locale, "identity.field.year"), value: options.values.year, size: 4, ac: "year" },
    { part: "Month" as const, label: t(locale, "identity.field.month"), value: options.values.month, size: 2, ac: "month" },
    { part: "Day" as const, label: t(locale, "identity.field.day"), value: options.values.day, size: 2, ac: "day" },
  ];
  const describe = [`${prefix}-hint`, error ? `${prefix}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}">
<fieldset class="fieldset" aria-describedby="${describe}">
  <legend class="fieldset__legend">${options.legend}${options.optional ? html` <span class="muted">${t(locale, "identity.field.optional")}</span>` : ""}</legend>
  <span class="field__hint" id="${prefix}-hint">${options.hint}</span>
  ${errorLine(locale, prefix, error)}
  <div class="inline-inputs">
    ${boxes.map((box) => {
      const id = `${prefix}${box.part}`;
      const wrong = error && (options.errorBoxes ?? ["Year", "Month", "Day"]).includes(box.part);
      return html`<div>
      <label class="field__label" for="${id}">${box.label}</label>
      <input class="input input--short" id="${id}" name="${id}" type="text" inputmode="numeric" maxlength="${box.size === 4 ? 4 : 2}" value="${box.value}"${options.autocompletePrefix ? html` autocomplete="${options.autocompletePrefix}-${box.ac}"` : html` autocomplete="off"`}${wrong ? html` aria-invalid="true"` : ""}>
    </div>`;
    })}
  </div>
</fieldset>
</div>`;
}

/** The one primary button of a page; its text says what it does. */
export function primaryButton(text: string): SafeHtml {
  return html`<div class="button-group"><button class="button" type="submit">${text}</button></div>`;
}

/** A notice panel (success or information) at the top of a page. */
export function notice(text: string | undefined, kind: "success" | "notice" = "success"): HtmlValue {
  if (!text) return "";
  return html`<div class="panel panel--${kind}" role="status"><p>${text}</p></div>`;
}
