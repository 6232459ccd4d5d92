/**
 * `address`: 郵便番号 first, then 住所, then 方書 (building and room, optional). The address box is
 * plain text that JavaScript may fill in from the postal code (data-address-lookup); it always
 * stays editable.
 */
import { html, raw } from "../../../../core/ui/html.ts";
import { t } from "../../../../core/i18n/index.ts";
import {
  formatPostalCode,
  normalizeHyphens,
  normalizePostalCode,
  normalizeWidth,
} from "../../../../core/text/japanese.ts";
import type { AddressAnswer } from "../definition.ts";
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

const DEFAULT_MAX = 200;

function isAddressAnswer(value: unknown): value is AddressAnswer {
  return typeof value === "object" && value !== null && "postalCode" in value && "address" in value;
}

/** 「中之島１－３－２０」 → 「中之島1-3-20」 */
function normalizeAddressLine(typed: string): string {
  return tidySpaces(normalizeHyphens(normalizeWidth(typed)));
}

export const addressHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const names = {
      postalCode: fieldName(q, ctx.prefix, "postalCode"),
      address: fieldName(q, ctx.prefix, "address"),
      building: fieldName(q, ctx.prefix, "building"),
    };
    const typed = {
      postalCode: readString(body, names.postalCode),
      address: readString(body, names.address),
      building: readString(body, names.building),
    };
    const rawOut = { [names.postalCode]: typed.postalCode, [names.address]: typed.address, [names.building]: typed.building };
    const address = normalizeAddressLine(typed.address);
    const building = normalizeAddressLine(typed.building);
    const postalTyped = typed.postalCode.trim();
    if (!isRequired(q) && postalTyped === "" && address === "" && building === "") return { raw: rawOut, errors: [] };

    const max = q.maxLength ?? DEFAULT_MAX;
    const errors: FieldError[] = [];
    const postalCode = normalizePostalCode(typed.postalCode);
    if (postalTyped === "") errors.push(fieldError(names.postalCode, message(q, ctx.locale, "address.postalCodeRequired")));
    else if (!postalCode) errors.push(fieldError(names.postalCode, message(q, ctx.locale, "address.postalCodeInvalid")));
    if (address === "") errors.push(fieldError(names.address, message(q, ctx.locale, "address.addressRequired")));
    else if (charCount(address) > max) errors.push(fieldError(names.address, message(q, ctx.locale, "address.addressTooLong", { max })));
    if (charCount(building) > max) errors.push(fieldError(names.building, message(q, ctx.locale, "address.buildingTooLong", { max })));
    if (errors.length || !postalCode) return { raw: rawOut, errors };

    const value: AddressAnswer = building ? { postalCode, address, building } : { postalCode, address };
    return { value, raw: rawOut, errors };
  },

  render(q, ctx) {
    const { locale } = ctx;
    const name = fieldName(q, ctx.prefix);
    const body = rawFor(addressHandler, q, ctx);
    const id = (p: string) => fieldName(q, ctx.prefix, p);
    const postal = part(
      t(locale, "forms.address.postalCode"),
      id("postalCode"),
      html`<input${inputAttrs(id("postalCode"), body, ctx.errors, {
        class: "input input--short",
        type: "text",
        inputmode: "numeric",
        autocomplete: autocompleteFor(ctx, "postal-code"),
        spellcheck: "false",
        "aria-describedby": `${id("postalCode")}-hint`,
      })}><div class="field__hint" id="${id("postalCode")}-hint">${t(locale, "forms.address.postalCodeHint")}</div>`,
    );
    // No autocomplete token fits a one-box Japanese address (prefecture + city + street), so none.
    const address = part(
      t(locale, "forms.address.address"),
      id("address"),
      html`<input${inputAttrs(id("address"), body, ctx.errors, { class: "input", type: "text" })}>`,
    );
    const building = part(
      t(locale, "forms.address.building"),
      id("building"),
      html`<input${inputAttrs(id("building"), body, ctx.errors, { class: "input", type: "text" })}>`,
    );
    return fieldsetField(q, ctx, name, html`${postal}${address}${building}`, {
      fieldsetAttrs: { "data-address-lookup": "" },
    });
  },

  display(_q, value) {
    if (!isAddressAnswer(value)) return html`${String(value)}`;
    const lines = [`〒${formatPostalCode(value.postalCode)}`, value.address, value.building].filter(Boolean);
    return html`${lines.map((line, i) => html`${i > 0 ? raw("<br>") : ""}${line}`)}`;
  },

  toRaw(q, value, prefix) {
    const answer = isAddressAnswer(value) ? value : undefined;
    return {
      [fieldName(q, prefix, "postalCode")]: answer ? formatPostalCode(answer.postalCode) : "",
      [fieldName(q, prefix, "address")]: answer?.address ?? "",
      [fieldName(q, prefix, "building")]: answer?.building ?? "",
    };
  },
};
