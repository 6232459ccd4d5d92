/** `number`: whole or decimal numbers, with optional min/max. */
import { html } from "../../../../core/ui/html.ts";
import { normalizeHyphens, normalizeWidth } from "../../../../core/text/japanese.ts";
import type { QuestionDef } from "../definition.ts";
import {
  fieldError,
  fieldName,
  isRequired,
  message,
  rawFor,
  readString,
  singleField,
  type ParseResult,
  type QuestionHandler,
} from "./common.ts";

/** "１，２００" → "1200", "−5" → "-5"; thousands separators and spaces dropped. */
export function normalizeNumber(typed: string): string {
  return normalizeHyphens(normalizeWidth(typed)).replace(/[\s,、]/g, "");
}

function rangeError(q: QuestionDef, n: number): string | undefined {
  const { min, max } = q;
  const below = min !== undefined && n < min;
  const above = max !== undefined && n > max;
  if (!below && !above) return undefined;
  if (min !== undefined && max !== undefined) return "number.range";
  return below ? "number.min" : "number.max";
}

export const numberHandler: QuestionHandler = {
  parse(q, body, ctx): ParseResult {
    const name = fieldName(q, ctx.prefix);
    const typed = readString(body, name);
    const rawOut = { [name]: typed };
    const text = normalizeNumber(typed);
    if (text === "") {
      return { raw: rawOut, errors: isRequired(q) ? [fieldError(name, message(q, ctx.locale, "required"))] : [] };
    }
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      return { raw: rawOut, errors: [fieldError(name, message(q, ctx.locale, "number.notNumber"))] };
    }
    const value = Number(text);
    const problem = rangeError(q, value);
    if (problem) {
      return { raw: rawOut, errors: [fieldError(name, message(q, ctx.locale, problem, { min: q.min ?? "", max: q.max ?? "" }))] };
    }
    return { value, raw: rawOut, errors: [] };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const value = readString(rawFor(numberHandler, q, ctx), name);
    // type=text with inputmode (not type=number): no spinner, no silent rounding, full-width input survives.
    return singleField(
      q,
      ctx,
      name,
      (aria) =>
        html`<input class="input input--short" type="text" inputmode="${q.min !== undefined && q.min >= 0 ? "numeric" : "decimal"}" id="${name}" name="${name}" value="${value}" spellcheck="false"${aria}>`,
    );
  },

  display(_q, value, locale) {
    return html`${typeof value === "number" ? value.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB") : String(value)}`;
  },

  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: typeof value === "number" ? String(value) : "" };
  },
};
