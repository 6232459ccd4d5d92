/** Sign-in pages: residents (/auth/sign-in) and staff (/staff/sign-in). */
import { t } from "../../../core/i18n/index.ts";
import { html } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { OidcProviderConfig } from "../oidc/providers.ts";
import { input, notice, primaryButton, summary, type FieldErrors } from "./components.ts";
import { providerSection } from "./oidc.ts";
import { passkeySignInSection } from "./passkeys.ts";

export type SignInView = {
  /** Residents and staff have separate doors. */
  area: "resident" | "staff";
  /** What was typed (the password is never sent back). */
  values: { email?: string };
  /** A same-site path to go to after signing in. */
  next?: string;
  errors?: FieldErrors;
  /** A message at the top, e.g. after a password change. */
  info?: string;
  /** Offer 「パスキーでログイン」 (needs JavaScript; the page works without it). */
  passkeys?: boolean;
  /** Outside OpenID Connect providers of this area. */
  providers?: OidcProviderConfig[];
};

export function signInPage(ctx: PageContext, view: SignInView): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const staff = view.area === "staff";
  const title = t(locale, staff ? "identity.staffSignIn.title" : "identity.signIn.title");
  const action = staff ? "/staff/sign-in" : "/auth/sign-in";
  return {
    title,
    area: view.area,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<div class="narrow">
${summary(locale, errors)}
${notice(view.info)}
<h1>${title}</h1>
<p>${t(locale, staff ? "identity.staffSignIn.intro" : "identity.signIn.intro")}</p>
<form method="post" action="${action}" novalidate>
  ${csrfField(ctx)}
  ${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : ""}
  ${input({ locale, name: "email", label: t(locale, "identity.field.email"), type: "email", autocomplete: "username", inputmode: "email", value: view.values.email, error: errors.email })}
  ${input({ locale, name: "password", label: t(locale, "identity.field.password"), type: "password", autocomplete: "current-password", error: errors.password })}
  ${primaryButton(t(locale, "identity.signIn.submit"))}
</form>
${staff
  ? ""
  : html`<ul>
  <li><a href="/auth/reset">${t(locale, "identity.signIn.forgot")}</a></li>
  <li><a href="/auth/link">${t(locale, "identity.signIn.useLink")}</a></li>
</ul>`}
${view.passkeys ? passkeySignInSection(ctx, { area: view.area, next: view.next }) : ""}
${providerSection(ctx, { providers: view.providers ?? [], area: view.area, next: view.next })}
${staff
  ? html`<p><a href="/auth/sign-in">${t(locale, "identity.staffSignIn.residentLink")}</a></p>`
  : html`<h2>${t(locale, "identity.signIn.noAccount")}</h2>
<p><a href="${view.next ? `/auth/sign-up?next=${encodeURIComponent(view.next)}` : "/auth/sign-up"}">${t(locale, "identity.signIn.createAccount")}</a></p>
<p class="muted"><a href="/staff/sign-in">${t(locale, "identity.signIn.staffLink")}</a></p>`}
</div>`,
  };
}
