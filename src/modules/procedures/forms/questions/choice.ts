/** Choices from a list: `single` (radios), `multiple` (checkboxes), `select` (drop-down). */
import { html, type SafeHtml } from "../../../../core/ui/html.ts";
import { localize, t, type Locale } from "../../../../core/i18n/index.ts";
import type { Option, QuestionDef } from "../definition.ts";
import {
  attrs,
  errorsOf,
  fieldError,
  fieldName,
  fieldsetField,
  isRequired,
  message,
  rawFor,
  readString,
  readStrings,
  singleField,
  type ParseResult,
  type QuestionHandler,
  type RenderContext,
} from "./common.ts";

function optionsOf(q: QuestionDef): Option[] {
  return q.options ?? [];
}

function optionLabel(q: QuestionDef, value: string, locale: Locale): string {
  const option = optionsOf(q).find((o) => o.value === value);
  return option ? localize(option.label, locale) : value;
}

/**
 * The id of the n-th option's input. The first option carries the question's own id, so that the
 * error summary's link to the question lands on it.
 */
export function optionId(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`;
}

function parseOne(q: QuestionDef, typed: string, name: string, ctx: { locale: Locale }): ParseResult {
  const rawOut = { [name]: typed };
  if (typed === "") {
    return { raw: rawOut, errors: isRequired(q) ? [fieldError(name, message(q, ctx.locale, "choice.required"))] : [] };
  }
  if (!optionsOf(q).some((o) => o.value === typed)) {
    return { raw: rawOut, errors: [fieldError(name, message(q, ctx.locale, "choice.invalid"))] };
  }
  return { value: typed, raw: rawOut, errors: [] };
}

function renderChoices(q: QuestionDef, ctx: RenderContext, type: "radio" | "checkbox", selected: string[]): SafeHtml {
  const name = fieldName(q, ctx.prefix);
  const invalid = errorsOf(ctx.errors, name).length > 0;
  const items = optionsOf(q).map((option, i) => {
    const id = optionId(name, i);
    const input = attrs({
      type,
      id,
      name,
      value: option.value,
      checked: selected.includes(option.value),
      "aria-invalid": invalid ? "true" : undefined,
    });
    return html`<div class="choice"><input class="choice__input"${input}><label class="choice__label" for="${id}">${localize(option.label, ctx.locale)}</label></div>`;
  });
  return fieldsetField(q, ctx, name, html`<div class="choices">${items}</div>`);
}

export const singleHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const name = fieldName(q, ctx.prefix);
    return parseOne(q, readString(body, name), name, ctx);
  },
  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    return renderChoices(q, ctx, "radio", [readString(rawFor(singleHandler, q, ctx), name)]);
  },
  display(q, value, locale) {
    return html`${optionLabel(q, String(value), locale)}`;
  },
  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: typeof value === "string" ? value : "" };
  },
};

export const selectHandler: QuestionHandler = {
  parse: singleHandler.parse,
  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const selected = readString(rawFor(selectHandler, q, ctx), name);
    const options = optionsOf(q).map(
      (o) => html`<option${attrs({ value: o.value, selected: o.value === selected })}>${localize(o.label, ctx.locale)}</option>`,
    );
    return singleField(
      q,
      ctx,
      name,
      (aria) =>
        html`<select class="input" id="${name}" name="${name}"${aria}><option value="">${t(ctx.locale, "forms.selectPlaceholder")}</option>${options}</select>`,
    );
  },
  display: singleHandler.display,
  toRaw: singleHandler.toRaw,
};

export const multipleHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const name = fieldName(q, ctx.prefix);
    const typed = readStrings(body, name).filter((v) => v !== "");
    const rawOut = { [name]: typed };
    if (typed.length === 0) {
      const errors = isRequired(q) ? [fieldError(name, message(q, ctx.locale, "choice.requiredMultiple"))] : [];
      return { raw: rawOut, errors };
    }
    const known = optionsOf(q).map((o) => o.value);
    if (!typed.every((v) => known.includes(v))) {
      return { raw: rawOut, errors: [fieldError(name, message(q, ctx.locale, "choice.invalid"))] };
    }
    // In the order of the options, without duplicates.
    return { value: known.filter((v) => typed.includes(v)), raw: rawOut, errors: [] };
  },
  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    return renderChoices(q, ctx, "checkbox", readStrings(rawFor(multipleHandler, q, ctx), name));
  },
  display(q, value, locale) {
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    if (values.length === 1) return html`${optionLabel(q, values[0]!, locale)}`;
    return html`<ul>${values.map((v) => html`<li>${optionLabel(q, v, locale)}</li>`)}</ul>`;
  },
  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: Array.isArray(value) ? value.map(String) : [] };
  },
};
