/**
 * Pages around the one-time links: asking for a sign-in or reset link, "check your e-mail",
 * the confirm page a link opens (a button, so that mail scanners following links use up
 * nothing), the new-password form, e-mail verification and "this link cannot be used".
 */
import { t } from "../../../core/i18n/index.ts";
import { html } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { LOGIN_LINK_MINUTES, RESET_LINK_MINUTES } from "../mail.ts";
import { MESSAGE_PARAMS } from "../schema.ts";
import { input, primaryButton, summary, type FieldErrors } from "./components.ts";

export type LinkKind = "login" | "reset";

const TEXT = {
  login: { title: "identity.link.title", intro: "identity.link.intro", submit: "identity.link.submit", sent: "identity.link.sent", action: "/auth/link" },
  reset: { title: "identity.reset.title", intro: "identity.reset.intro", submit: "identity.reset.submit", sent: "identity.reset.sent", action: "/auth/reset" },
} as const;

/** The form asking for a sign-in link or a reset link. */
export function requestLinkPage(ctx: PageContext, view: { kind: LinkKind; values: { email?: string }; errors?: FieldErrors }): PageOptions {
  const { locale } = ctx;
  const text = TEXT[view.kind];
  const errors = view.errors ?? {};
  const title = t(locale, text.title);
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<div class="narrow">
${summary(locale, errors)}
<h1>${title}</h1>
<p>${t(locale, text.intro)}</p>
<form method="post" action="${text.action}" novalidate>
  ${csrfField(ctx)}
  ${input({ locale, name: "email", label: t(locale, "identity.field.email"), type: "email", autocomplete: "email", inputmode: "email", value: view.values.email, error: errors.email })}
  ${primaryButton(t(locale, text.submit))}
</form>
<p><a href="/auth/sign-in">${t(locale, "identity.signIn.title")}</a></p>
</div>`,
  };
}

/** The same answer whether or not an account exists. */
export function linkSentPage(ctx: PageContext, kind: LinkKind): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "identity.link.sentTitle");
  const minutes = kind === "login" ? LOGIN_LINK_MINUTES : RESET_LINK_MINUTES;
  return {
    title,
    body: html`<div class="narrow">
<h1>${title}</h1>
<p>${t(locale, TEXT[kind].sent)}</p>
<p>${t(locale, "identity.link.sentValidity", { minutes })}</p>
<p>${t(locale, "identity.link.sentNotArrived")}</p>
<p><a href="${TEXT[kind].action}">${t(locale, kind === "login" ? "identity.link.tryAgain" : "identity.reset.tryAgain")}</a></p>
</div>`,
  };
}

/**
 * The page a one-time link opens: a text and one button that posts the token, so that a mail
 * scanner following the link uses up nothing.
 */
function confirmLinkPage(ctx: PageContext, keys: { title: string; text: string; submit: string }, action: string): PageOptions {
  const { locale } = ctx;
  const title = t(locale, keys.title);
  return {
    title,
    body: html`<div class="narrow">
<h1>${title}</h1>
<p>${t(locale, keys.text)}</p>
<form method="post" action="${action}">
  ${csrfField(ctx)}
  ${primaryButton(t(locale, keys.submit))}
</form>
</div>`,
  };
}

/** Opened from the e-mail: one button that signs in. */
export function confirmSignInLinkPage(ctx: PageContext, token: string): PageOptions {
  return confirmLinkPage(ctx, { title: "identity.link.confirmTitle", text: "identity.link.confirmText", submit: "identity.link.confirmSubmit" }, `/auth/link/${token}`);
}

/** The link is expired, used or unknown: say so and offer a new one. */
export function linkInvalidPage(ctx: PageContext, kind: "login" | "reset" | "verify"): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "identity.link.invalidTitle");
  const text = { login: "identity.link.invalidText", reset: "identity.reset.invalidText", verify: "identity.verify.invalidText" }[kind];
  const again =
    kind === "login"
      ? html`<p><a class="button" href="/auth/link">${t(locale, "identity.link.tryAgain")}</a></p>`
      : kind === "reset"
        ? html`<p><a class="button" href="/auth/reset">${t(locale, "identity.reset.tryAgain")}</a></p>`
        : html`<p><a class="button" href="/my/profile">${t(locale, "identity.profile.title")}</a></p>`;
  return { title, body: html`<div class="narrow"><h1>${title}</h1><p>${t(locale, text)}</p>${again}</div>` };
}

/** Opened from the reset e-mail: the new password. */
export function newPasswordPage(ctx: PageContext, view: { token: string; email: string; errors?: FieldErrors }): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const title = t(locale, "identity.reset.newTitle");
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<div class="narrow">
${summary(locale, errors)}
<h1>${title}</h1>
<p>${t(locale, "identity.reset.newIntro")}</p>
<form method="post" action="/auth/reset/${view.token}" novalidate>
  ${csrfField(ctx)}
  <input type="email" name="username" value="${view.email}" autocomplete="username" hidden readonly>
  ${input({ locale, name: "password", label: t(locale, "identity.field.newPassword"), hint: t(locale, "identity.field.newPasswordHint", MESSAGE_PARAMS), type: "password", autocomplete: "new-password", error: errors.password })}
  ${primaryButton(t(locale, "identity.reset.newSubmit"))}
</form>
</div>`,
  };
}

/** Opened from the verification e-mail: one button that confirms the address. */
export function confirmVerifyPage(ctx: PageContext, token: string): PageOptions {
  return confirmLinkPage(ctx, { title: "identity.verify.title", text: "identity.verify.confirmText", submit: "identity.verify.submit" }, `/auth/verify/${token}`);
}

export function verifiedPage(ctx: PageContext): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "identity.verify.doneTitle");
  return {
    title,
    body: html`<div class="narrow">
<div class="panel panel--success" role="status"><h1>${title}</h1><p>${t(locale, "identity.verify.doneText")}</p></div>
<p><a href="/my">${t(locale, "core.navMyPage")}</a></p>
</div>`,
  };
}
