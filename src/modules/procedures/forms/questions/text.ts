/** Free text: `text` (one line) and `textarea` (several lines). */
import { html, raw } from "../../../../core/ui/html.ts";
import { localize } from "../../../../core/i18n/index.ts";
import { normalizeWidth } from "../../../../core/text/japanese.ts";
import type { QuestionDef } from "../definition.ts";
import {
  charCount,
  fieldError,
  fieldName,
  isRequired,
  message,
  rawFor,
  readString,
  singleField,
  type FieldError,
  type QuestionHandler,
} from "./common.ts";

const DEFAULT_MAX = { text: 200, textarea: 2000 } as const;

function maxLengthOf(q: QuestionDef): number {
  return q.maxLength ?? (q.type === "textarea" ? DEFAULT_MAX.textarea : DEFAULT_MAX.text);
}

/** Width-normalised and trimmed; one line for text, \n line ends for textarea. */
function normalize(q: QuestionDef, typed: string): string {
  const text = normalizeWidth(typed).replace(/\r\n?/g, "\n");
  if (q.type === "textarea") return text.replace(/[ \t]+$/gm, "").trim();
  return text.replace(/\s+/g, " ").trim();
}

/** A pattern from a definition, matched against the whole normalised value. */
export function compilePattern(regex: string): RegExp {
  return new RegExp(`^(?:${regex})$`, "u");
}

/** Serves both `text` and `textarea`. */
export const textHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const name = fieldName(q, ctx.prefix);
    const typed = readString(body, name);
    const rawOut = { [name]: typed };
    const value = normalize(q, typed);
    const errors: FieldError[] = [];
    if (value === "") {
      if (isRequired(q)) errors.push(fieldError(name, message(q, ctx.locale, "required")));
      return { raw: rawOut, errors };
    }
    const max = maxLengthOf(q);
    const count = charCount(value);
    if (count > max) {
      errors.push(fieldError(name, message(q, ctx.locale, "text.tooLong", { max, count })));
    } else if (q.minLength !== undefined && count < q.minLength) {
      errors.push(fieldError(name, message(q, ctx.locale, "text.tooShort", { min: q.minLength, count })));
    } else if (q.pattern && !compilePattern(q.pattern.regex).test(value)) {
      errors.push(fieldError(name, localize(q.pattern.message, ctx.locale)));
    }
    return errors.length ? { raw: rawOut, errors } : { value, raw: rawOut, errors };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    // A newline right after <textarea> is dropped by the HTML parser: add one so a typed one survives.
    const value = readString(rawFor(textHandler, q, ctx), name);
    return singleField(q, ctx, name, (aria) =>
      q.type === "textarea"
        ? html`<textarea class="input" id="${name}" name="${name}" rows="5"${aria}>
${value}</textarea>`
        : html`<input class="input" type="text" id="${name}" name="${name}" value="${value}"${aria}>`,
    );
  },

  display(q, value) {
    const text = String(value);
    if (q.type !== "textarea") return html`${text}`;
    return html`${text.split("\n").map((line, i) => html`${i > 0 ? raw("<br>") : ""}${line}`)}`;
  },

  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: typeof value === "string" ? value : "" };
  },
};
