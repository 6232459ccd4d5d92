/** Sign-in buttons for outside OpenID Connect providers, and the page when such a sign-in fails. */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { FinishOidcSignInResult } from "../commands/finish-oidc-sign-in.ts";
import type { OidcProviderConfig } from "../oidc/providers.ts";
import "../assurance-messages.ts";

export function providerLabel(locale: Locale, provider: OidcProviderConfig): string {
  return locale === "ja" ? provider.label.ja : provider.label.en;
}

/** One form per provider (a POST, so that no other site can start a sign-in in this browser). */
export function providerButton(ctx: PageContext, provider: OidcProviderConfig, options: { next?: string | undefined; text?: string } = {}): SafeHtml {
  const { locale } = ctx;
  return html`<form method="post" action="/auth/oidc/${provider.name}" class="provider-form">
  ${csrfField(ctx)}
  ${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ""}
  <button class="button button--secondary" type="submit">${options.text ?? t(locale, "assurance.oidc.signInWith", { provider: providerLabel(locale, provider) })}</button>
</form>`;
}

/** The sign-in page's section with the providers of its area ("" when none is configured). */
export function providerSection(ctx: PageContext, view: { providers: OidcProviderConfig[]; area: "resident" | "staff"; next?: string | undefined }): SafeHtml | "" {
  if (view.providers.length === 0) return "";
  const { locale } = ctx;
  return html`<section aria-labelledby="oidc-title">
  <h2 id="oidc-title">${t(locale, view.area === "staff" ? "assurance.oidc.staffTitle" : "assurance.oidc.residentTitle")}</h2>
  <p>${t(locale, view.area === "staff" ? "assurance.oidc.staffIntro" : "assurance.oidc.residentIntro")}</p>
  ${view.providers.map((p) => providerButton(ctx, p, { next: view.next }))}
</section>`;
}

export type OidcFailureView = { reason: Exclude<FinishOidcSignInResult, { ok: true }>["reason"]; area: "resident" | "staff"; provider: OidcProviderConfig };

export function oidcFailedPage(ctx: PageContext, view: OidcFailureView): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "assurance.oidc.failedTitle");
  const back = view.area === "staff" ? "/staff/sign-in" : "/auth/sign-in";
  return {
    title,
    area: view.area,
    body: html`<div class="narrow">
<h1>${title}</h1>
<p>${t(locale, `assurance.oidc.failed.${view.reason}`, { provider: providerLabel(locale, view.provider) })}</p>
<p><a class="button" href="${back}">${t(locale, "assurance.oidc.backToSignIn")}</a></p>
</div>`,
  };
}
