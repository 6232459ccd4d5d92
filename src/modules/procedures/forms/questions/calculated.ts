/**
 * `calculated`: a value the form computes from earlier answers (e.g. 手数料 = 通数 × 300円).
 * Nothing is typed: the page shows the label and the value as text (or 「前の質問に答えると
 * 表示されます」 while it cannot be computed yet); the journey (journey.ts) keeps the value in the
 * answers, so check your answers, the application and the staff see the same amount.
 */
import { html } from "../../../../core/ui/html.ts";
import { localize, t, type Locale } from "../../../../core/i18n/index.ts";
import type { QuestionDef } from "../definition.ts";
import { fieldName, hintId, type QuestionHandler } from "./common.ts";

/** 1,200円 / 1,200 yen; 1,234.5 for plain numbers. */
export function formatCalculated(q: Pick<QuestionDef, "format">, value: number, locale: Locale): string {
  const number = value.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { maximumFractionDigits: 6 });
  return q.format === "yen" ? t(locale, "forms.calculated.yen", { amount: number }) : number;
}

export const calculatedHandler: QuestionHandler = {
  parse() {
    // Never read from the body: a posted value could not be trusted anyway.
    return { raw: {}, errors: [] };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const value = typeof ctx.value === "number" ? ctx.value : undefined;
    const shown = value === undefined ? html`<span class="muted">${t(ctx.locale, "forms.calculated.pending")}</span>` : formatCalculated(q, value, ctx.locale);
    const hint = q.hint ? html`<div class="field__hint" id="${hintId(name)}">${localize(q.hint, ctx.locale)}</div>` : html``;
    return html`<div class="field field--calculated" id="${name}">
<p class="field__label" id="${name}-label">${localize(q.label, ctx.locale)}</p>
${hint}<p class="calculated-value"><output aria-labelledby="${name}-label"${q.hint ? html` aria-describedby="${hintId(name)}"` : ""}>${shown}</output></p>
</div>`;
  },

  display(q, value, locale) {
    return html`${typeof value === "number" ? formatCalculated(q, value, locale) : ""}`;
  },

  toRaw() {
    return {};
  },
};
