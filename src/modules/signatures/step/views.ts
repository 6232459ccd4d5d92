/**
 * Pages of the signature step: the signature page (download the data, sign, upload; works without
 * JavaScript), the panel on check your answers, and the section on the staff case page.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { SignatureVerificationRecord } from "../queries.ts";
import type { DraftSignatureState } from "./commands.ts";
import "./messages.ts";

export function formatTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

function formatDate(locale: Locale, iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  if (!year || !month || !day) return iso;
  return locale === "ja" ? `${year}年${month}月${day}日` : new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(Date.UTC(year, month - 1, day));
}

export type SignaturePageView = {
  draftId: string;
  state: DraftSignatureState;
  /** The error of the upload, in the person's language. */
  error?: string;
  /** The demo bundle to sign with (demo trust only). */
  demoFile?: string;
  /** Signatures cannot be verified (trust not configured). */
  unavailable?: boolean;
};

export function signaturePage(ctx: PageContext, view: SignaturePageView): PageOptions {
  const { locale } = ctx;
  const m = (key: string, params?: Record<string, string>) => t(locale, `signatures.${key}`, params);
  const title = m("step.title");
  const action = `/drafts/${view.draftId}/signature?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const current =
    view.state.status === "none"
      ? ""
      : html`<div class="panel panel--${view.state.status === "valid" ? "success" : "notice"}" role="status"><p>${
          view.state.status === "valid"
            ? m("step.signedBy", { name: view.state.signer.name ?? view.state.signer.commonName ?? view.state.signer.subject, at: formatTime(locale, view.state.receivedAt) })
            : m("panel.stale")
        }</p></div>`;
  return {
    title,
    hasErrors: view.error !== undefined,
    body: html`<div class="narrow">
${view.error ? errorSummary(locale, [{ field: "signature", message: view.error }]) : ""}
${current}
<h1>${title}</h1>
<p>${m("step.intro")}</p>
${view.unavailable
  ? html`<div class="panel panel--notice" role="alert"><p>${m("step.unavailable")}</p></div>`
  : html`<h2>${m("step.stepsTitle")}</h2>
<ol class="steps">
  <li><p><a href="/drafts/${view.draftId}/signature/data" download>${m("step.download")}</a></p><p class="muted">${m("step.downloadHint")}</p></li>
  <li><p>${m("step.sign")}</p><p class="muted">${m("step.signHint")}</p>
  ${view.demoFile
    ? html`<div class="panel panel--notice"><h3>${m("step.demoTitle")}</h3><p>${m("step.demo")}</p><p><code>${view.demoFile}</code></p>
<p><code>openssl cms -sign -binary -in 申請データ.json -signer ${view.demoFile} -outform DER -out 署名.p7s</code></p></div>`
    : ""}</li>
  <li><p>${m("step.upload")}</p></li>
</ol>
<form method="post" action="${action}" enctype="multipart/form-data" novalidate>
  <div class="field${view.error ? " field--error" : ""}">
    <label class="field__label" for="signature">${m("step.field")}</label>
    <span class="field__hint" id="signature-hint">${m("step.fieldHint")}</span>
    ${view.error ? html`<span class="field__error" id="signature-error"><span class="visually-hidden">${m("step.errorPrefix")}</span>${view.error}</span>` : ""}
    <input class="input" id="signature" name="signature" type="file" accept=".p7s,.p7m,.pem,.der,application/pkcs7-signature,application/pkcs7-mime" aria-describedby="signature-hint${view.error ? " signature-error" : ""}"${view.error ? html` aria-invalid="true"` : ""}>
  </div>
  <div class="button-group"><button class="button" type="submit">${m("step.submit")}</button></div>
</form>`}
<p><a href="/drafts/${view.draftId}/check">${m("step.back")}</a></p>
</div>`,
  };
}

/** The panel on check your answers ("" when the procedure asks for no signature and none was made). */
export function signatureCheckPanel(locale: Locale, view: { draftId: string; step: "none" | "offered" | "required"; state: DraftSignatureState }): HtmlValue {
  const m = (key: string, params?: Record<string, string>) => t(locale, `signatures.${key}`, params);
  if (view.step === "none" && view.state.status !== "valid") return "";
  const link = (key: string) => html`<p><a class="button button--secondary" href="/drafts/${view.draftId}/signature">${m(key)}</a></p>`;
  let content: SafeHtml;
  if (view.state.status === "valid") {
    content = html`<p>${m("panel.signed", { name: view.state.signer.name ?? view.state.signer.commonName ?? view.state.signer.subject, at: formatTime(locale, view.state.receivedAt) })}</p>${link("panel.replace")}`;
  } else {
    content = html`<p>${m(view.step === "required" ? "panel.required" : "panel.offered")}</p>
${view.state.status === "stale" ? html`<p><strong>${m("panel.stale")}</strong></p>` : ""}
${link("panel.sign")}`;
  }
  return html`<section id="signature" class="panel panel--${view.state.status === "valid" ? "success" : "notice"}" aria-labelledby="signature-title">
<h2 id="signature-title">${m("panel.title")}</h2>
${content}
</section>`;
}

function row(label: string, value: HtmlValue): SafeHtml {
  return html`<div class="summary-list__row"><dt>${label}</dt><dd>${value}</dd></div>`;
}

/** The signature of an application on the staff case page: who signed, as the certificate says. */
export function staffSignatureSection(locale: Locale, records: SignatureVerificationRecord[]): SafeHtml {
  const m = (key: string) => t(locale, `signatures.${key}`);
  const latest = records.find((r) => r.valid) ?? records[0];
  if (!latest) return html`<h2>${m("staff.title")}</h2><p>${m("staff.none")}</p>`;
  const signer = latest.signer;
  const notCarried = html`<span class="muted">${m("staff.notCarried")}</span>`;
  return html`<h2>${m("staff.title")}</h2>
<p><strong class="tag${latest.valid ? " tag--online" : ""}">${m(latest.valid ? "staff.valid" : "staff.invalid")}</strong></p>
<h3>${m("staff.signer")}</h3>
<dl class="summary-list">
  ${row(m("staff.name"), signer?.name ?? notCarried)}
  ${row(m("staff.address"), signer?.address ?? notCarried)}
  ${row(m("staff.birthDate"), signer?.birthDate ? formatDate(locale, signer.birthDate) : notCarried)}
  ${signer?.gender ? row(m("staff.gender"), ["1", "2", "3"].includes(signer.gender) ? t(locale, `signatures.staff.gender.${signer.gender}`) : signer.gender) : ""}
  ${row(m("staff.subject"), signer?.subject ?? notCarried)}
  ${row(m("staff.issuer"), signer?.issuer ?? notCarried)}
  ${row(m("staff.serial"), signer?.serialNumber ?? notCarried)}
  ${row(m("staff.signingTime"), latest.signingTime ? formatTime(locale, latest.signingTime) : notCarried)}
  ${row(m("staff.receivedAt"), formatTime(locale, latest.receivedAt))}
  ${latest.valid && latest.revocation ? row(m("staff.revocation"), t(locale, `signatures.staff.revocation.${latest.revocation}`)) : ""}
  ${!latest.valid && latest.reason ? row(m("staff.reason"), t(locale, `signatures.reason.${latest.reason}`)) : ""}
</dl>`;
}
