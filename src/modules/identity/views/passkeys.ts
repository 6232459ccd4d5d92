/**
 * Passkey pieces of the identity pages. Passkeys need JavaScript by nature (WebAuthn is a browser
 * API), so the page's script (public/identity/passkeys.js) makes the button — and shows the
 * passkey's name field — only when the browser has WebAuthn; without it the HTML has no dead
 * button, and the person reads that password and e-mail link sign-in still work. The script talks JSON to the
 * ceremony endpoints, with the page's CSRF token in a header.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext } from "../../../core/ui/layout.ts";
import type { StoredPasskey } from "../passkeys/queries.ts";
import "../assurance-messages.ts";

/** The two scripts of a page with a passkey ceremony (SimpleWebAuthn's browser bundle, then ours). */
export function passkeyScripts(): SafeHtml {
  return html`<script src="/identity/simplewebauthn-browser.js" defer></script>
<script src="/static/identity/passkeys.js" defer></script>`;
}

function messages(locale: Locale): SafeHtml {
  return html` data-msg-working="${t(locale, "assurance.passkey.working")}" data-msg-cancelled="${t(locale, "assurance.passkey.cancelled")}" data-msg-failed="${t(locale, "assurance.passkey.failed")}"`;
}

/** 「パスキーでログイン」 on /auth/sign-in and /staff/sign-in. */
export function passkeySignInSection(ctx: PageContext, view: { area: "resident" | "staff"; next?: string | undefined }): SafeHtml {
  const { locale } = ctx;
  return html`<section class="passkey" aria-labelledby="passkey-sign-in-title" data-passkey="sign-in" data-area="${view.area}" data-options="/auth/passkey/options" data-verify="/auth/passkey/verify" data-next="${view.next ?? ""}" data-csrf="${ctx.csrfToken}"${messages(locale)}>
  <h2 id="passkey-sign-in-title">${t(locale, "assurance.passkey.signInTitle")}</h2>
  <p>${t(locale, "assurance.passkey.signInIntro")}</p>
  <p class="muted" data-passkey-fallback>${t(locale, "assurance.passkey.needsJs")}</p>
  <div data-passkey-form data-button="${t(locale, "assurance.passkey.signInButton")}" hidden></div>
  <p data-passkey-status role="status"></p>
</section>
${passkeyScripts()}`;
}

function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" }).format(date);
}

/**
 * The person's passkeys with a remove button each (works without JavaScript), and the form to add
 * one (needs JavaScript). `base` is /my/passkeys or /staff/account/passkeys.
 */
export function passkeyManageSection(ctx: PageContext, view: { passkeys: StoredPasskey[]; base: string; added?: boolean; removed?: boolean }): SafeHtml {
  const { locale } = ctx;
  const list: HtmlValue =
    view.passkeys.length === 0
      ? html`<p>${t(locale, "assurance.passkey.none")}</p>`
      : html`<ul class="passkey-list">${view.passkeys.map(
          (p) => html`<li>
  <strong>${p.label || t(locale, "assurance.passkey.unnamed")}</strong>
  <span class="muted">${t(locale, "assurance.passkey.added", { date: formatDate(locale, p.createdAt) })}${p.lastUsedAt ? html`・${t(locale, "assurance.passkey.lastUsed", { date: formatDate(locale, p.lastUsedAt) })}` : ""}</span>
  <form method="post" action="${view.base}/${encodeURIComponent(p.id)}/delete" class="inline-form">
    ${csrfField(ctx)}
    <button class="link-button" type="submit">${t(locale, "assurance.passkey.remove")}<span class="visually-hidden">：${p.label || t(locale, "assurance.passkey.unnamed")}</span></button>
  </form>
</li>`,
        )}</ul>`;
  return html`<section id="passkeys" aria-labelledby="passkeys-title" data-passkey="register" data-options="${view.base}/options" data-verify="${view.base}/verify" data-csrf="${ctx.csrfToken}"${messages(locale)}>
  <h2 id="passkeys-title">${t(locale, "assurance.passkey.manageTitle")}</h2>
  ${view.added ? html`<div class="panel panel--success" role="status"><p>${t(locale, "assurance.passkey.addedNotice")}</p></div>` : ""}
  ${view.removed ? html`<div class="panel panel--success" role="status"><p>${t(locale, "assurance.passkey.removedNotice")}</p></div>` : ""}
  <p>${t(locale, "assurance.passkey.manageIntro")}</p>
  ${list}
  <h3>${t(locale, "assurance.passkey.addTitle")}</h3>
  <p class="muted" data-passkey-fallback>${t(locale, "assurance.passkey.needsJsAdd")}</p>
  <div data-passkey-form data-button="${t(locale, "assurance.passkey.addButton")}" hidden>
    <div class="field">
      <label class="field__label" for="passkey-label">${t(locale, "assurance.passkey.labelField")} <span class="muted">${t(locale, "identity.field.optional")}</span></label>
      <span class="field__hint" id="passkey-label-hint">${t(locale, "assurance.passkey.labelHint")}</span>
      <input class="input" id="passkey-label" name="label" type="text" maxlength="60" autocomplete="off" aria-describedby="passkey-label-hint" data-passkey-label>
    </div>
  </div>
  <p data-passkey-status role="status"></p>
</section>
${passkeyScripts()}`;
}
