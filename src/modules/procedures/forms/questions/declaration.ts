/** `declaration`: one checkbox whose label is the statement the applicant confirms. */
import { html } from "../../../../core/ui/html.ts";
import { localize, t } from "../../../../core/i18n/index.ts";
import {
  attrs,
  errorsOf,
  fieldError,
  fieldName,
  hintId,
  errorId,
  isRequired,
  message,
  rawFor,
  readString,
  renderErrorMessage,
  renderHint,
  type QuestionHandler,
} from "./common.ts";

export const DECLARATION_VALUE = "yes";

export const declarationHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const name = fieldName(q, ctx.prefix);
    const typed = readString(body, name);
    const rawOut = { [name]: typed };
    if (typed === DECLARATION_VALUE) return { value: true, raw: rawOut, errors: [] };
    return { raw: rawOut, errors: isRequired(q) ? [fieldError(name, message(q, ctx.locale, "declaration.required"))] : [] };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const checked = readString(rawFor(declarationHandler, q, ctx), name) === DECLARATION_VALUE;
    const errors = errorsOf(ctx.errors, name);
    const described = [q.hint ? hintId(name) : undefined, errors.length ? errorId(name) : undefined].filter(Boolean);
    const input = attrs({
      type: "checkbox",
      id: name,
      name,
      value: DECLARATION_VALUE,
      checked,
      "aria-describedby": described.length ? described.join(" ") : undefined,
      "aria-invalid": errors.length ? "true" : undefined,
    });
    return html`<div class="field${errors.length ? " field--error" : ""}">
${renderHint(q, name, ctx.locale)}${renderErrorMessage(errors, name, ctx.locale)}<div class="choices"><div class="choice"><input class="choice__input"${input}><label class="choice__label" for="${name}">${localize(q.label, ctx.locale)}</label></div></div>
</div>`;
  },

  display(_q, value, locale) {
    return html`${value === true ? t(locale, "forms.declaration.confirmed") : ""}`;
  },

  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: value === true ? DECLARATION_VALUE : "" };
  },
};
