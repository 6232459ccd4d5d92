/**
 * Pieces every hand-written form shares: the aria-describedby list of a control, the error line
 * beside a field (with a screen-reader prefix), and the error summary built from field errors.
 */
import type { Locale } from "../i18n/index.ts";
import { html, type HtmlValue } from "./html.ts";
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
