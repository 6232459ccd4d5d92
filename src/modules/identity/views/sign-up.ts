/** Resident sign-up (/auth/sign-up). */
import { t } from "../../../core/i18n/index.ts";
import { html } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { MESSAGE_PARAMS } from "../schema.ts";
import { input, primaryButton, summary, type FieldErrors } from "./components.ts";
import { nameFieldsets } from "./name-fields.ts";

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
  ${nameFieldsets(locale, v, errors)}
  ${primaryButton(t(locale, "identity.signUp.submit"))}
</form>
<p>${t(locale, "identity.signUp.haveAccount")} <a href="${view.next ? `/auth/sign-in?next=${encodeURIComponent(view.next)}` : "/auth/sign-in"}">${t(locale, "identity.signUp.signInLink")}</a></p>
</div>`,
  };
}
