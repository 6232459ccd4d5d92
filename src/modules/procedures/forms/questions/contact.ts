/** Contact details: `email` and `phone`. */
import { html } from "../../../../core/ui/html.ts";
import { formatPhone, normalizePhone, normalizeWidth } from "../../../../core/text/japanese.ts";
import {
  attrs,
  autocompleteFor,
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

/** Something@something.something, without spaces; the real check is the mail we send. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const EMAIL_MAX = 254;

export const emailHandler: QuestionHandler = {
  parse(q, body, ctx): ParseResult {
    const name = fieldName(q, ctx.prefix);
    const typed = readString(body, name);
    const rawOut = { [name]: typed };
    // Full-width ＠ and letters typed with the Japanese IME are common.
    const value = normalizeWidth(typed).trim();
    if (value === "") {
      return { raw: rawOut, errors: isRequired(q) ? [fieldError(name, message(q, ctx.locale, "required"))] : [] };
    }
    if (!EMAIL.test(value) || value.length > EMAIL_MAX) {
      return { raw: rawOut, errors: [fieldError(name, message(q, ctx.locale, "email.invalid"))] };
    }
    // The domain is case-insensitive; the local part is kept as typed.
    const at = value.lastIndexOf("@");
    return { value: value.slice(0, at) + value.slice(at).toLowerCase(), raw: rawOut, errors: [] };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const value = readString(rawFor(emailHandler, q, ctx), name);
    return singleField(
      q,
      ctx,
      name,
      (aria) =>
        html`<input class="input" type="email" id="${name}" name="${name}" value="${value}"${attrs({ autocomplete: autocompleteFor(ctx, "email") })} spellcheck="false"${aria}>`,
    );
  },

  display(_q, value) {
    return html`${String(value)}`;
  },

  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: typeof value === "string" ? value : "" };
  },
};

export const phoneHandler: QuestionHandler = {
  parse(q, body, ctx): ParseResult {
    const name = fieldName(q, ctx.prefix);
    const typed = readString(body, name);
    const rawOut = { [name]: typed };
    if (typed.trim() === "") {
      return { raw: rawOut, errors: isRequired(q) ? [fieldError(name, message(q, ctx.locale, "required"))] : [] };
    }
    const value = normalizePhone(typed);
    if (!value) return { raw: rawOut, errors: [fieldError(name, message(q, ctx.locale, "phone.invalid"))] };
    return { value, raw: rawOut, errors: [] };
  },

  render(q, ctx) {
    const name = fieldName(q, ctx.prefix);
    const value = readString(rawFor(phoneHandler, q, ctx), name);
    return singleField(
      q,
      ctx,
      name,
      (aria) =>
        html`<input class="input" type="tel" id="${name}" name="${name}" value="${value}"${attrs({ autocomplete: autocompleteFor(ctx, "tel") })}${aria}>`,
    );
  },

  display(_q, value) {
    return html`${formatPhone(String(value))}`;
  },

  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: typeof value === "string" ? formatPhone(value) : "" };
  },
};
