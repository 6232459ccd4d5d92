/** Resident sign-up (/auth/sign-up). */
import { t } from "../../../core/i18n/index.ts";
import { html } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { MESSAGE_PARAMS } from "../schema.ts";
import { fieldset, input, primaryButton, summary, type FieldErrors } from "./components.ts";

export type SignUpView = {
  /** What was typed, except the password. */
  values: Partial<Record<"email" | "familyName" | "givenName" | "familyKana" | "givenKana", string>>;
  errors?: FieldErrors;
  /** A same-site path to go to once the account exists. */
  next?: string;
};

export function signUpPage(ctx: PageContext, view: SignUpView): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const v = view.values;
  const title = t(locale, "identity.signUp.title");
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<div class="narrow">
${summary(locale, errors)}
<h1>${title}</h1>
<p>${t(locale, "identity.signUp.intro")}</p>
<form method="post" action="/auth/sign-up" novalidate>
  ${csrfField(ctx)}
  ${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : ""}
  ${input({ locale, name: "email", label: t(locale, "identity.field.email"), hint: t(locale, "identity.field.emailHint"), type: "email", autocomplete: "email", inputmode: "email", value: v.email, error: errors.email })}
  ${input({ locale, name: "password", label: t(locale, "identity.field.newPassword"), hint: t(locale, "identity.field.newPasswordHint", MESSAGE_PARAMS), type: "password", autocomplete: "new-password", error: errors.password })}
  ${fieldset({
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
  })}
  ${primaryButton(t(locale, "identity.signUp.submit"))}
</form>
<p>${t(locale, "identity.signUp.haveAccount")} <a href="${view.next ? `/auth/sign-in?next=${encodeURIComponent(view.next)}` : "/auth/sign-in"}">${t(locale, "identity.signUp.signInLink")}</a></p>
</div>`,
  };
}
