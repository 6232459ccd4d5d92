/**
 * Pieces every hand-written form shares: the aria-describedby list of a control, the error line
 * beside a field (with a screen-reader prefix), the field box around a labelled control, and the
 * error summary built from field errors.
 */
import type { Locale } from "../i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "./html.ts";
import { errorSummary } from "./layout.ts";

/** Field name → message, in the order the fields appear. */
export type FieldErrors = Record<string, string>;

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function errorLine(locale: Locale, id: string, error: string | undefined): HtmlValue {
  if (!error) return "";
  return html`<span class="field__error" id="${id}-error"><span class="visually-hidden">${locale === "ja" ? "エラー：" : "Error: "}</span>${error}</span>`;
}

export function summary(locale: Locale, errors: FieldErrors): HtmlValue {
  return errorSummary(locale, Object.entries(errors).map(([field, message]) => ({ field, message })));
}

/**
 * A control in its field box: label, hint and error line above it, the box marked while in error.
 * The control points at the hint and the error itself (aria-describedby from describedBy).
 */
export function labelledField(o: { locale: Locale; id: string; label: HtmlValue; hint?: HtmlValue | undefined; error?: string | undefined; boxClass?: string }, control: HtmlValue): SafeHtml {
  return html`<div class="field${o.boxClass ? ` ${o.boxClass}` : ""}${o.error ? " field--error" : ""}">
<label class="field__label" for="${o.id}">${o.label}</label>
${o.hint ? html`<span class="field__hint" id="${o.id}-hint">${o.hint}</span>` : ""}
${errorLine(o.locale, o.id, o.error)}
${control}
</div>`;
}
