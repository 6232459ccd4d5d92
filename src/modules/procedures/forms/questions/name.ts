/**
 * Names in two parts, family then given: `name` (氏名: 姓・名) and `furigana` (フリガナ: セイ・メイ).
 * Furigana typed in hiragana or half-width katakana is converted to full-width katakana, not refused.
 */
import { html } from "../../../../core/ui/html.ts";
import { t } from "../../../../core/i18n/index.ts";
import { isKatakana, normalizeWidth, toKatakana } from "../../../../core/text/japanese.ts";
import type { NameAnswer, QuestionDef } from "../definition.ts";
import {
  autocompleteFor,
  charCount,
  fieldError,
  fieldName,
  fieldsetField,
  inputAttrs,
  isRequired,
  message,
  part,
  rawFor,
  readString,
  tidySpaces,
  type FieldError,
  type QuestionHandler,
} from "./common.ts";

const PARTS = ["family", "given"] as const;
type Part = (typeof PARTS)[number];
const DEFAULT_MAX = 50;

function isNameAnswer(value: unknown): value is NameAnswer {
  return typeof value === "object" && value !== null && "family" in value && "given" in value;
}

function normalizePart(q: QuestionDef, typed: string): string {
  const text = tidySpaces(normalizeWidth(typed));
  return q.type === "furigana" ? toKatakana(text) : text;
}

/** Message keys by type and part, e.g. forms.furigana.familyKatakana. */
function key(q: QuestionDef, p: Part, problem: "Required" | "TooLong" | "Katakana"): string {
  return `${q.type === "furigana" ? "furigana" : "name"}.${p}${problem}`;
}

export const nameHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const names = { family: fieldName(q, ctx.prefix, "family"), given: fieldName(q, ctx.prefix, "given") };
    const typed = { family: readString(body, names.family), given: readString(body, names.given) };
    const rawOut = { [names.family]: typed.family, [names.given]: typed.given };
    const value = { family: normalizePart(q, typed.family), given: normalizePart(q, typed.given) };
    if (value.family === "" && value.given === "" && !isRequired(q)) return { raw: rawOut, errors: [] };

    const max = q.maxLength ?? DEFAULT_MAX;
    const errors: FieldError[] = [];
    for (const p of PARTS) {
      const text = value[p];
      if (text === "") errors.push(fieldError(names[p], message(q, ctx.locale, key(q, p, "Required"))));
      else if (charCount(text) > max) errors.push(fieldError(names[p], message(q, ctx.locale, key(q, p, "TooLong"), { max })));
      else if (q.type === "furigana" && !isKatakana(text)) {
        errors.push(fieldError(names[p], message(q, ctx.locale, key(q, p, "Katakana"))));
      }
    }
    return errors.length ? { raw: rawOut, errors } : { value, raw: rawOut, errors };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const body = rawFor(nameHandler, q, ctx);
    const furigana = q.type === "furigana";
    const parts = PARTS.map((p) => {
      const id = fieldName(q, ctx.prefix, p);
      // There is no autocomplete token for readings: furigana gets none rather than the kanji name.
      const extra = {
        class: "input",
        type: "text",
        autocomplete: furigana ? undefined : autocompleteFor(ctx, p === "family" ? "family-name" : "given-name"),
        spellcheck: "false",
      };
      const label = t(ctx.locale, `forms.${furigana ? "furigana" : "name"}.${p}`);
      return part(label, id, html`<input${inputAttrs(id, body, ctx.errors, extra)}>`);
    });
    return fieldsetField(q, ctx, name, html`<div class="field__parts">${parts}</div>`);
  },

  display(_q, value) {
    return html`${isNameAnswer(value) ? `${value.family}　${value.given}` : String(value)}`;
  },

  toRaw(q, value, prefix) {
    const answer = isNameAnswer(value) ? value : { family: "", given: "" };
    return { [fieldName(q, prefix, "family")]: answer.family, [fieldName(q, prefix, "given")]: answer.given };
  },
};

export const furiganaHandler: QuestionHandler = nameHandler;
