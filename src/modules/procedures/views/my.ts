/**
 * The resident's own pages: the receipt after submitting, my page (drafts in progress and
 * applications), an application with its status timeline, and the withdraw confirmation.
 */
import { issuedDocumentPath, receiptPdfPath } from "../../documents/index.ts";
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { ApplicationListItem, ApplicationView, DraftListItem, ResidentEvent } from "../queries.ts";
import { FINAL_STATUSES, residentCanWithdraw } from "../status-machine.ts";
import { statusLabel } from "../messages.ts";
import type { ApplicationStatus } from "../tables.ts";
import { answersList, backLink, m, notice, statusTag } from "./components.ts";
import { formatDateTime, formatDay, isoDateTime } from "./format.ts";

// ---------------------------------------------------------------------------------------------
// Receipt

export type ReceiptView = {
  application: ApplicationView;
  department: LocalizedText;
  email: string;
};

export function receiptPage(ctx: PageContext, view: ReceiptView): PageOptions {
  const { locale } = ctx;
  const a = view.application;
  const title = m(locale, "receipt.title");
  return {
    title,
    body: html`<div class="narrow">
<div class="panel panel--success panel--confirmation">
<h1>${title}</h1>
<p class="caption">${localize(a.procedureTitle, locale)}</p>
<p>${m(locale, "receipt.reference")}<br><strong class="reference">${a.reference}</strong></p>
</div>
<p>${m(locale, "receipt.emailSent", { email: view.email })}</p>
<h2>${m(locale, "receipt.nextTitle")}</h2>
<ol>
<li>${m(locale, "receipt.next1", { department: localize(view.department, locale) })}</li>
<li>${m(locale, "receipt.next2", { time: localize(a.processingTime, locale) })}</li>
<li>${m(locale, "receipt.next3")}</li>
</ol>
<p><a class="button" href="/my/applications/${a.id}">${m(locale, "receipt.viewApplication")}</a></p>
<p><a href="${receiptPdfPath(a.id)}">${m(locale, "application.receiptPdf")}</a></p>
<p><a href="/my">${m(locale, "receipt.toMyPage")}</a></p>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// My page

export type MyPageView = {
  drafts: DraftListItem[];
  applications: ApplicationListItem[];
  saved: boolean;
  withdrawn: boolean;
};

export function myPage(ctx: PageContext, view: MyPageView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "my.title");
  const drafts = view.drafts.length
    ? html`<ul class="card-list">${view.drafts.map(
        (d) => html`<li class="card">
<h3>${localize(d.procedureTitle, locale)}</h3>
<p class="muted">${m(locale, "my.lastSaved", { at: formatDateTime(d.updatedAt, locale) })}</p>
<p><a class="button button--secondary" href="/drafts/${d.id}">${m(locale, "my.resume")}<span class="visually-hidden">${locale === "ja" ? "：" : ": "}${localize(d.procedureTitle, locale)}</span></a></p>
</li>`,
      )}</ul>`
    : html`<p>${m(locale, "my.noDrafts")}</p>`;
  const applications = view.applications.length
    ? html`<ul class="card-list">${view.applications.map(
        (a) => html`<li class="card">
<h3><a href="/my/applications/${a.id}">${localize(a.procedureTitle, locale)}</a></h3>
<dl class="meta-list">
<div><dt>${m(locale, "my.col.reference")}</dt><dd>${a.reference}</dd></div>
<div><dt>${m(locale, "my.col.status")}</dt><dd>${statusTag(a.status, locale)} <span class="muted">${formatDay(a.updatedAt, locale)}</span></dd></div>
</dl>
</li>`,
      )}</ul>`
    : html`<p>${m(locale, "my.noApplications")}</p>`;
  return {
    title,
    body: html`${notice(view.saved ? m(locale, "my.saved") : undefined)}
${notice(view.withdrawn ? m(locale, "my.withdrawn") : undefined)}
<h1>${title}</h1>
<h2>${m(locale, "my.drafts")}</h2>
${drafts}
<h2>${m(locale, "my.applications")}</h2>
${applications}
<p><a href="/procedures">${m(locale, "my.findProcedure")}</a></p>
<h2>${m(locale, "my.more")}</h2>
<ul>
<li><a href="/my/profile">${m(locale, "my.profile")}</a></li>
<li><a href="/my/documents">${m(locale, "my.documents")}</a></li>
<li><a href="/appointments/mine">${m(locale, "my.appointments")}</a></li>
<li><a href="/my/notify">${m(locale, "my.notify")}</a></li>
</ul>`,
  };
}

// ---------------------------------------------------------------------------------------------
// One application

/** What an event says to the resident, in words. */
export function eventText(event: ResidentEvent, locale: Locale): string {
  if (event.type === "submitted") return m(locale, "event.submitted");
  if (event.type === "corrected") return m(locale, "event.corrected");
  if (event.type === "withdrawn") return m(locale, "event.withdrawn");
  if (event.type === "correction_requested") return m(locale, "event.correction_requested");
  if (event.toStatus && ["received", "reviewing", "correction_requested", "approved", "rejected", "withdrawn"].includes(event.toStatus)) {
    return m(locale, `event.status.${event.toStatus}`);
  }
  return m(locale, "event.note");
}

export type ApplicationPageView = {
  application: ApplicationView;
  events: ResidentEvent[];
  /** Official documents issued for this application (e.g. a sealed 住民票の写し). */
  documents: Array<{ id: string; title: string; issuedAt: Date }>;
  /** The fee panel from the payments module (支払い済み / 未払い, 領収書), or "". */
  payment?: HtmlValue;
  corrected: boolean;
  withdrawn: boolean;
};

export function applicationPage(ctx: PageContext, view: ApplicationPageView): PageOptions {
  const { locale } = ctx;
  const a = view.application;
  const title = localize(a.procedureTitle, locale);
  const timeline = html`<ol class="timeline">${view.events.map(
    (e) => html`<li><time datetime="${isoDateTime(e.at)}">${formatDateTime(e.at, locale)}</time>
${eventText(e, locale)}${e.message ? html`<p class="timeline__message">${m(locale, "event.message", { message: e.message })}</p>` : ""}</li>`,
  )}</ol>`;
  const correction =
    a.status === "correction_requested"
      ? html`<div class="panel panel--notice">
<h2>${m(locale, "application.correctionTitle")}</h2>
${a.correctionMessage ? html`<p>${m(locale, "application.correctionLead")}</p><blockquote class="staff-message">${a.correctionMessage}</blockquote>` : ""}
<p><a class="button" href="/my/applications/${a.id}/correct">${m(locale, "application.correctionLink")}</a></p>
</div>`
      : "";
  const withdraw: HtmlValue = residentCanWithdraw(a.status)
    ? html`<h2>${m(locale, "application.withdrawTitle")}</h2>
<p><a href="/my/applications/${a.id}/withdraw">${m(locale, "application.withdrawLink")}</a></p>`
    : FINAL_STATUSES.has(a.status)
      ? html`<p>${m(locale, "application.finalNote", { status: statusLabel(a.status, locale) })}</p>`
      : "";
  return {
    title,
    body: html`${backLink("/my", m(locale, "application.backToMy"))}
${notice(view.corrected ? m(locale, "application.corrected") : undefined)}
${notice(view.withdrawn ? m(locale, "my.withdrawn") : undefined)}
<p class="caption">${m(locale, "application.title")}</p>
<h1>${title}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "my.col.reference")}</dt><dd class="summary-list__value"><strong>${a.reference}</strong></dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "application.status")}</dt><dd class="summary-list__value">${statusTag(a.status, locale)}</dd></div>
<div class="summary-list__row"><dt class="summary-list__key">${m(locale, "application.submittedAt")}</dt><dd class="summary-list__value">${formatDateTime(a.submittedAt, locale)}</dd></div>
</dl>
${correction}
${view.payment ?? ""}
<h2>${m(locale, "application.documents")}</h2>
<ul>
<li><a href="${receiptPdfPath(a.id)}">${m(locale, "application.receiptPdf")}</a></li>
${view.documents.map((d) => html`<li><a href="${issuedDocumentPath(d.id)}">${m(locale, "application.issuedPdf", { title: d.title, date: formatDateTime(d.issuedAt, locale) })}</a></li>`)}
</ul>
<h2>${m(locale, "application.timeline")}</h2>
${timeline}
<h2>${m(locale, "application.answers")}</h2>
${answersList(a.definition, a.answers, locale)}
${withdraw}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Withdraw

export function withdrawPage(ctx: PageContext, view: { application: ApplicationView }): PageOptions {
  const { locale } = ctx;
  const a = view.application;
  const title = m(locale, "withdraw.title");
  return {
    title,
    body: html`${backLink(`/my/applications/${a.id}`, m(locale, "form.back"))}
<div class="narrow">
<h1>${title}</h1>
<p>${m(locale, "withdraw.lead", { procedure: localize(a.procedureTitle, locale), reference: a.reference })}</p>
<div class="panel panel--notice"><p><strong>${m(locale, "withdraw.warning")}</strong></p></div>
<form method="post" action="/my/applications/${a.id}/withdraw" novalidate>
${csrfField(ctx)}
<div class="button-group">
<button class="button button--warning" type="submit">${m(locale, "withdraw.confirm")}</button>
<a href="/my/applications/${a.id}">${m(locale, "withdraw.cancel")}</a>
</div>
</form>
</div>`,
  };
}

export function withdrawRefusedPage(ctx: PageContext, view: { application: ApplicationView }): PageOptions {
  const { locale } = ctx;
  const a = view.application;
  const title = m(locale, "withdraw.title");
  return {
    title,
    body: html`<div class="narrow"><h1>${title}</h1>
<p>${m(locale, "withdraw.notPossible", { status: statusLabel(a.status as ApplicationStatus, locale) })}</p>
<p><a href="/my/applications/${a.id}">${m(locale, "application.title")}</a></p></div>`,
  };
}
