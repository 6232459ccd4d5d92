/**
 * The resident's name and its furigana, each family name then given name in one fieldset: the same
 * fields, in the same order, on sign-up and on the profile form.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import { fieldset, input, type FieldErrors } from "./components.ts";

export type NameValues = Partial<Record<"familyName" | "givenName" | "familyKana" | "givenKana", string>>;

export function nameFieldsets(locale: Locale, v: NameValues, errors: FieldErrors): SafeHtml {
  return html`${fieldset({
    locale,
    name: "name",
    legend: t(locale, "identity.field.name"),
    hint: t(locale, "identity.field.nameHint"),
    children: html`${input({ locale, name: "familyName", label: t(locale, "identity.field.familyName"), autocomplete: "family-name", spellcheck: false, value: v.familyName, error: errors.familyName })}
    ${input({ locale, name: "givenName", label: t(locale, "identity.field.givenName"), autocomplete: "given-name", spellcheck: false, value: v.givenName, error: errors.givenName })}`,
  })}
  ${fieldset({
    locale,
    name: "furigana",
    legend: t(locale, "identity.field.furigana"),
    hint: t(locale, "identity.field.furiganaHint"),
    children: html`${input({ locale, name: "familyKana", label: t(locale, "identity.field.familyKana"), autocomplete: "off", spellcheck: false, value: v.familyKana, error: errors.familyKana })}
    ${input({ locale, name: "givenKana", label: t(locale, "identity.field.givenKana"), autocomplete: "off", spellcheck: false, value: v.givenKana, error: errors.givenKana })}`,
  })}`;
}
