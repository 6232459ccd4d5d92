/** The public verification pages: enter a code; the result (no personal data) with a PDF check. */
import { formatDate, todayInJapan } from "../../../core/text/wareki.ts";
import { html } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import { formatCode } from "../commands/render-residence-certificate.ts";
import type { Verification } from "../commands/verify-document.ts";
import { fileInput, m, summary, textInput, type FieldErrors } from "./components.ts";

export function verifyStartPage(ctx: PageContext, view: { code?: string; errors?: FieldErrors }): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const title = m(locale, "verify.title");
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`${summary(locale, errors)}
<h1>${title}</h1>
<p class="lead">${m(locale, "verify.lead")}</p>
<form method="get" action="/verify" novalidate>
${textInput({ locale, name: "code", label: m(locale, "verify.codeLabel"), hint: m(locale, "verify.codeHint"), value: view.code ?? "", error: errors.code, autocomplete: "off" })}
<button class="button" type="submit">${m(locale, "verify.submit")}</button>
</form>`,
  };
}

export type VerifyResultView = { verification: Verification; fileResult?: "matches" | "differs"; errors?: FieldErrors };

export function verifyResultPage(ctx: PageContext, view: VerifyResultView): PageOptions {
  const { locale } = ctx;
  const v = view.verification;
  const errors = view.errors ?? {};
  const title = m(locale, "verify.resultTitle", { code: formatCode(v.code) });
  if (!v.found) {
    return {
      title,
      body: html`<h1>${title}</h1>
<div class="panel panel--notice" role="status"><p>${m(locale, "verify.notFound")}</p></div>
<p><a href="/verify">${m(locale, "verify.again")}</a></p>`,
    };
  }
  const issuedOn = todayInJapan(v.issuedAt);
  const fileNotice =
    view.fileResult === "matches"
      ? html`<div class="panel panel--success" role="status"><p>${m(locale, "verify.fileMatches")}</p></div>`
      : view.fileResult === "differs"
        ? html`<div class="panel panel--notice" role="status"><p>${m(locale, "verify.fileDiffers")}</p></div>`
        : "";
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`${summary(locale, errors)}
<h1>${title}</h1>
${fileNotice}
<div class="panel ${v.revokedAt ? "panel--notice" : "panel--success"}">
<p>${m(locale, "verify.found")}</p>
${v.revokedAt ? html`<p><strong>${m(locale, "verify.revoked", { at: formatDate(todayInJapan(v.revokedAt), locale) })}</strong></p>` : ""}
</div>
<dl class="summary-list">
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "verify.kind")}</dt><dd class="summary-list__value">${m(locale, `kind.${v.kind}`)}</dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "verify.issuedAt")}</dt><dd class="summary-list__value">${formatDate(issuedOn, locale)}</dd></div>
</dl>
${v.demo ? html`<p><strong>${m(locale, "verify.demo")}</strong></p>` : ""}
<h2>${m(locale, "verify.sealTitle")}</h2>
<p>${m(locale, "verify.seal")}</p>
<h2>${m(locale, "verify.fileTitle")}</h2>
<form method="post" action="/verify/${v.code}?_csrf=${encodeURIComponent(ctx.csrfToken)}" enctype="multipart/form-data" novalidate>
${fileInput({ locale, name: "file", label: m(locale, "verify.fileLabel"), hint: m(locale, "verify.fileHint"), error: errors.file, accept: "application/pdf,.pdf" })}
<button class="button button--secondary" type="submit">${m(locale, "verify.fileSubmit")}</button>
</form>
<p><a href="/verify">${m(locale, "verify.again")}</a></p>`,
  };
}
