/** Resident pages: my issued certificates; the printable forms (申請書印刷). */
import { localize } from "../../../core/i18n/index.ts";
import { formatDate, todayInJapan } from "../../../core/text/wareki.ts";
import { html } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import { formatCode } from "../commands/render-residence-certificate.ts";
import type { IssuedDocument, PdfForm } from "../queries.ts";
import { m } from "./components.ts";

export function myDocumentsPage(ctx: PageContext, documents: IssuedDocument[]): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "my.title");
  return {
    title,
    body: html`<h1>${title}</h1>
<p class="lead">${m(locale, "my.lead")}</p>
${
  documents.length === 0
    ? html`<p>${m(locale, "my.none")}</p>`
    : html`<ul class="card-list">${documents.map(
        (d) => html`<li class="card">
<h2>${m(locale, `kind.${d.kind}`)}</h2>
<p class="muted">${m(locale, "my.issuedOn", { date: formatDate(todayInJapan(d.issuedAt), locale) })} · ${m(locale, "my.code", { code: formatCode(d.verificationCode) })}</p>
${d.demo ? html`<p>${m(locale, "verify.demo")}</p>` : ""}
<p><a class="button button--secondary" href="/documents/${d.id}.pdf" download>${m(locale, "my.download")}<span class="visually-hidden"> ${m(locale, `kind.${d.kind}`)}</span></a></p>
</li>`,
      )}</ul>`
}`,
  };
}

export function formsPage(ctx: PageContext, forms: PdfForm[]): PageOptions {
  const { locale, actor } = ctx;
  const title = m(locale, "forms.title");
  const resident = actor?.kind === "resident";
  return {
    title,
    body: html`<h1>${title}</h1>
<p class="lead">${m(locale, "forms.lead")}</p>
${resident ? html`<p><a href="/my/profile">${m(locale, "forms.profileLink")}</a></p>` : html`<p>${m(locale, "forms.signInToPrefill")}</p>`}
${
  forms.length === 0
    ? html`<p>${m(locale, "forms.none")}</p>`
    : html`<ul class="card-list">${forms.map(
        (f) => html`<li class="card">
<h2>${f.title}</h2>
<p class="muted">${localize(f.departmentName, locale)} · ${m(locale, "forms.pages", { count: f.pages.length })}</p>
<div class="button-group">
<a class="button" href="/forms/${f.id}/prefilled.pdf" download>${m(locale, "forms.download")}<span class="visually-hidden"> ${f.title}</span></a>
<a class="button button--secondary" href="/forms/${f.id}/blank.pdf" download>${m(locale, "forms.downloadBlank")}<span class="visually-hidden"> ${f.title}</span></a>
</div>
</li>`,
      )}</ul>`
}`,
  };
}
