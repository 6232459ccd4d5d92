/**
 * What every question type shares: the handler contract, reading the POST body, and the markup
 * of an accessible field (label or legend, hint, error message, aria attributes).
 */
import { html, raw, type SafeHtml } from "../../../../core/ui/html.ts";
import { localize, t, type Locale, type MessageParams } from "../../../../core/i18n/index.ts";
import type { AnswerValue, Answers, QuestionDef } from "../definition.ts";
import "../messages.ts";

/**
 * A POST body as @fastify/formbody gives it for application/x-www-form-urlencoded.
 * Field names: `<questionId>`, `<questionId>.<part>`, and in repeating groups
 * `<groupId>.<index>.<subId>[.<part>]`.
 */
export type FormBody = Record<string, string | string[] | undefined>;

export type FieldError = {
  /** The HTML id of the input to link to from the error summary, e.g. "dob.year". */
  field: string;
  /** The localized message, saying how to fix the problem. */
  message: string;
  /** Every input the error concerns, marked aria-invalid (defaults to [field]). */
  inputs?: string[];
};

export type ParseContext = {
  /** "" for top-level questions, "<groupId>.<index>." inside a repeating group. */
  prefix: string;
  locale: Locale;
  /** Today in Japan, ISO; resolves "today" in date rules. */
  today: string;
  /** Answers of earlier pages, for the conditions of group sub-questions. */
  answers: Partial<Answers>;
  /** Errors of file uploads found by the route with `checkUpload`, by field name. */
  uploadErrors?: Record<string, string>;
};

export type ParseResult = {
  /** The normalised answer; undefined when not answered or invalid. */
  value?: AnswerValue;
  /** The fields as typed, to re-display on error. */
  raw: FormBody;
  errors: FieldError[];
};

export type RenderContext = {
  /** The fields as typed (after a failed POST); when present it wins over `value`. */
  raw?: FormBody;
  /** The saved answer (first visit or coming back from check-your-answers). */
  value?: AnswerValue;
  errors: readonly FieldError[];
  locale: Locale;
  prefix: string;
  /** Answers of earlier pages, for the conditions of group sub-questions. */
  answers?: Partial<Answers>;
};

export type QuestionHandler = {
  parse(q: QuestionDef, body: FormBody, ctx: ParseContext): ParseResult;
  render(q: QuestionDef, ctx: RenderContext): SafeHtml;
  display(q: QuestionDef, value: AnswerValue, locale: Locale): SafeHtml;
  /** The fields that would re-display a saved answer (inverse of parse). */
  toRaw(q: QuestionDef, value: AnswerValue | undefined, prefix: string): FormBody;
};

// ---------------------------------------------------------------------------------------------
// Reading the body

export function fieldName(q: QuestionDef, prefix: string, part?: string): string {
  return part ? `${prefix}${q.id}.${part}` : `${prefix}${q.id}`;
}

/** The first value of a field, "" when absent. */
export function readString(body: FormBody, name: string): string {
  const value = body[name];
  if (Array.isArray(value)) return value[0] ?? "";
  return value ?? "";
}

/** Every value of a field (checkboxes). */
export function readStrings(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function isRequired(q: QuestionDef): boolean {
  return q.required !== false;
}

/** Trims and collapses runs of white space (including the ideographic space) to one space. */
export function tidySpaces(text: string): string {
  return text.replace(/[\s\u3000]+/g, " ").trim();
}

/** Length in characters as people count them (𠮷 is one), not UTF-16 units. */
export function charCount(text: string): number {
  return [...text].length;
}

// ---------------------------------------------------------------------------------------------
// Messages

/** The label for use inside a message: {label} as written, {labelLc} lower-cased for English mid-sentence. */
export function labelParams(q: QuestionDef, locale: Locale): MessageParams {
  const label = localize(q.label, locale);
  const lowerable = locale === "en" && /^[A-Z][a-z]/.test(label);
  return { label, labelLc: lowerable ? label[0]!.toLowerCase() + label.slice(1) : label };
}

/** A localized message about a question, with {label} and {labelLc} filled in. */
export function message(q: QuestionDef, locale: Locale, key: string, params: MessageParams = {}): string {
  return t(locale, `forms.${key}`, { ...labelParams(q, locale), ...params });
}

export function fieldError(field: string, text: string, inputs?: string[]): FieldError {
  return inputs ? { field, message: text, inputs } : { field, message: text };
}

// ---------------------------------------------------------------------------------------------
// Markup

export const hintId = (name: string): string => `${name}-hint`;
export const errorId = (name: string): string => `${name}-error`;

/** Errors of this question: on the field itself or on one of its parts. */
export function errorsOf(errors: readonly FieldError[], name: string): FieldError[] {
  return errors.filter((e) => e.field === name || e.field.startsWith(`${name}.`));
}

/** Whether an input is the subject of one of the errors. */
export function isInvalid(errors: readonly FieldError[], inputId: string): boolean {
  return errors.some((e) => (e.inputs ?? [e.field]).includes(inputId));
}

type AttrValue = string | number | boolean | undefined;

/** Renders attributes, escaped; false and undefined are left out, true is a bare attribute. */
export function attrs(values: Record<string, AttrValue>): SafeHtml {
  const parts: SafeHtml[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === false) continue;
    parts.push(value === true ? html` ${raw(name)}` : html` ${raw(name)}="${String(value)}"`);
  }
  return html`${parts}`;
}

/** The label text, with 「（任意）」 after optional questions. */
export function labelContent(q: QuestionDef, locale: Locale): SafeHtml {
  const optional = isRequired(q) ? "" : t(locale, "forms.optional");
  return html`${localize(q.label, locale)}${optional}`;
}

export function renderHint(q: QuestionDef, name: string, locale: Locale, extra?: string): SafeHtml {
  const text = [q.hint ? localize(q.hint, locale) : undefined, extra].filter(Boolean).join(" ");
  if (!text) return html``;
  return html`<div class="field__hint" id="${hintId(name)}">${text}</div>`;
}

export function renderErrorMessage(errors: readonly FieldError[], name: string, locale: Locale): SafeHtml {
  if (errors.length === 0) return html``;
  const prefix = t(locale, "forms.errorPrefix");
  const lines = errors.map((e, i) => html`${i > 0 ? raw("<br>") : ""}${e.message}`);
  return html`<p class="field__error" id="${errorId(name)}"><span class="visually-hidden">${prefix}</span>${lines}</p>`;
}

/** A question answered in one input: label, hint, error, then the input. */
export function singleField(
  q: QuestionDef,
  ctx: RenderContext,
  name: string,
  input: (aria: SafeHtml) => SafeHtml,
  hintExtra?: string,
): SafeHtml {
  const errors = errorsOf(ctx.errors, name);
  const hasHint = Boolean(q.hint || hintExtra);
  const ids = [hasHint ? hintId(name) : undefined, errors.length ? errorId(name) : undefined].filter(Boolean);
  const aria = attrs({
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
    "aria-invalid": errors.length > 0 ? "true" : undefined,
  });
  return html`<div class="field${errors.length ? " field--error" : ""}">
<label class="field__label" for="${name}">${labelContent(q, ctx.locale)}</label>
${renderHint(q, name, ctx.locale, hintExtra)}${renderErrorMessage(errors, name, ctx.locale)}${input(aria)}
</div>`;
}

/** A question answered in several inputs (parts, choices): a fieldset with the label as legend. */
export function fieldsetField(
  q: QuestionDef,
  ctx: RenderContext,
  name: string,
  inner: SafeHtml,
  options: { hintExtra?: string; errors?: FieldError[]; fieldsetAttrs?: Record<string, AttrValue> } = {},
): SafeHtml {
  const errors = options.errors ?? errorsOf(ctx.errors, name);
  const hasHint = Boolean(q.hint || options.hintExtra);
  const ids = [hasHint ? hintId(name) : undefined, errors.length ? errorId(name) : undefined].filter(Boolean);
  const fieldset = attrs({ ...options.fieldsetAttrs, "aria-describedby": ids.length ? ids.join(" ") : undefined });
  return html`<div class="field${errors.length ? " field--error" : ""}">
<fieldset class="fieldset"${fieldset}>
<legend class="fieldset__legend">${labelContent(q, ctx.locale)}</legend>
${renderHint(q, name, ctx.locale, options.hintExtra)}${renderErrorMessage(errors, name, ctx.locale)}${inner}
</fieldset>
</div>`;
}

/** A labelled input inside a multi-part field (姓, 名, 郵便番号…). */
export function part(label: string, id: string, input: SafeHtml, labelAfter = false): SafeHtml {
  const labelHtml = html`<label class="field__label" for="${id}">${label}</label>`;
  return labelAfter
    ? html`<div class="field__part">${input}${labelHtml}</div>`
    : html`<div class="field__part">${labelHtml}${input}</div>`;
}

/**
 * An autocomplete token for top-level questions only: inside a repeating group (each child, each
 * family member) the browser would fill in the applicant's own name or birthday.
 */
export function autocompleteFor(ctx: { prefix: string }, token: string): string | undefined {
  return ctx.prefix === "" ? token : undefined;
}

/** Raw values for re-display: what was typed, or what the saved answer would show. */
export function rawFor(handler: QuestionHandler, q: QuestionDef, ctx: RenderContext): FormBody {
  return ctx.raw ?? handler.toRaw(q, ctx.value, ctx.prefix);
}

/** A text input's value attribute and aria attributes for one part of a field. */
export function inputAttrs(
  name: string,
  body: FormBody,
  errors: readonly FieldError[],
  extra: Record<string, AttrValue> = {},
): SafeHtml {
  return attrs({
    id: name,
    name,
    value: readString(body, name),
    ...extra,
    "aria-invalid": isInvalid(errors, name) ? "true" : undefined,
  });
}

/** Bytes as "5MB", "120KB" (ja) or "5 MB" (en). */
export function formatBytes(bytes: number, locale: Locale): string {
  const space = locale === "ja" ? "" : " ";
  if (bytes < 1024) return `${bytes}${space}${locale === "ja" ? "バイト" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)}${space}KB`;
  // Rounded up, so that a file just over a 5 MB limit never reads "5MB".
  const mb = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${mb}${space}MB`;
}
