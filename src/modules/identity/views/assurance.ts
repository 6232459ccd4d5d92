/**
 * Assurance pages: the level on the profile (what it means, how it was reached, how to raise it)
 * and the page shown when a procedure needs more than the request has, listing the ways that fit.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import type { AssuranceDecision, AssuranceWay, RequestAssurance } from "../assurance/policy.ts";
import type { AssuranceLevel } from "../assurance/levels.ts";
import type { OidcProviderConfig } from "../oidc/providers.ts";
import { providerButton, providerLabel } from "./oidc.ts";
import "../assurance-messages.ts";

export function levelName(locale: Locale, level: AssuranceLevel): string {
  return t(locale, `assurance.level.${level}`);
}

/** 「本人確認のレベル」 on /my/profile. */
export function assuranceSection(
  ctx: PageContext,
  view: { assurance: RequestAssurance; national: OidcProviderConfig | undefined; linkedProviders: string[] },
): SafeHtml {
  const { locale } = ctx;
  const a = view.assurance;
  const nationalLinked = view.national ? view.linkedProviders.includes(view.national.name) : false;
  return html`<section aria-labelledby="assurance-title">
  <h2 id="assurance-title">${t(locale, "assurance.profile.title")}</h2>
  <p>${t(locale, "assurance.profile.intro")}</p>
  <dl class="summary-list">
    <div class="summary-list__row"><dt>${t(locale, "assurance.profile.account")}</dt><dd>${levelName(locale, a.accountLevel)}</dd></div>
    <div class="summary-list__row"><dt>${t(locale, "assurance.profile.session")}</dt><dd>${levelName(locale, a.sessionLevel)}<br><span class="muted">${t(locale, `assurance.method.${a.sessionMethod}`)}</span></dd></div>
  </dl>
  ${a.level < a.accountLevel ? html`<p>${t(locale, "assurance.profile.sessionLower")}</p>` : ""}
  ${view.national
    ? html`<h3>${t(locale, "assurance.profile.nationalTitle", { provider: providerLabel(locale, view.national) })}</h3>
  <p>${t(locale, nationalLinked ? "assurance.profile.nationalLinked" : "assurance.profile.nationalIntro")}</p>
  ${providerButton(ctx, view.national, { next: "/my/profile", text: t(locale, nationalLinked ? "assurance.profile.nationalSignIn" : "assurance.profile.nationalLink", { provider: providerLabel(locale, view.national) }) })}`
    : ""}
</section>`;
}

function wayItem(ctx: PageContext, way: AssuranceWay, view: { next: string | undefined; national: OidcProviderConfig | undefined }): SafeHtml {
  const { locale } = ctx;
  const next = view.next ? encodeURIComponent(view.next) : "";
  switch (way) {
    case "passkey_sign_in":
      return html`<li><h2>${t(locale, "assurance.required.passkeySignInTitle")}</h2><p>${t(locale, "assurance.required.passkeySignIn")}</p>
<p><a href="/auth/sign-in${next ? `?next=${next}` : ""}">${t(locale, "assurance.required.passkeySignInLink")}</a></p></li>`;
    case "passkey_add":
      return html`<li><h2>${t(locale, "assurance.required.passkeyAddTitle")}</h2><p>${t(locale, "assurance.required.passkeyAdd")}</p>
<p><a href="/my/profile#passkeys">${t(locale, "assurance.required.passkeyAddLink")}</a></p></li>`;
    case "national_id":
      return html`<li><h2>${t(locale, "assurance.required.nationalTitle")}</h2><p>${t(locale, "assurance.required.national", { provider: view.national ? providerLabel(locale, view.national) : "" })}</p>
${view.national ? providerButton(ctx, view.national, { next: view.next }) : ""}</li>`;
    case "sign_application":
      return html`<li><h2>${t(locale, "assurance.required.signTitle")}</h2><p>${t(locale, "assurance.required.sign")}</p>
${view.next ? html`<p><a href="${view.next}">${t(locale, "assurance.required.signLink")}</a></p>` : ""}</li>`;
  }
}

/** The page a procedure's start or submit leads to when the level is too low. */
export function assuranceRequiredPage(
  ctx: PageContext,
  view: { decision: Extract<AssuranceDecision, { allowed: false }>; next: string | undefined; national: OidcProviderConfig | undefined },
): PageOptions {
  const { locale } = ctx;
  const d = view.decision;
  const title = t(locale, d.currentLevel >= d.requiredLevel && d.signatureRequired ? "assurance.required.signatureTitle" : "assurance.required.title");
  return {
    title,
    body: html`<div class="narrow">
<h1>${title}</h1>
${d.currentLevel < d.requiredLevel
  ? html`<p>${t(locale, "assurance.required.intro", { required: levelName(locale, d.requiredLevel), current: levelName(locale, d.currentLevel) })}</p>`
  : ""}
${d.signatureRequired ? html`<p>${t(locale, "assurance.required.signatureIntro")}</p>` : ""}
<p>${t(locale, d.ways.length > 1 ? "assurance.required.waysIntro" : "assurance.required.wayIntro")}</p>
<ol class="steps">${d.ways.map((way) => wayItem(ctx, way, view))}</ol>
<p>${t(locale, "assurance.required.counter")}</p>
<p><a href="/my">${t(locale, "assurance.required.back")}</a></p>
</div>`,
  };
}
