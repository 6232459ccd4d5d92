/**
 * The resident's payment pages: choosing how to pay, the provider being unreachable, the result,
 * the konbini / Pay-easy slip, the receipt (領収書), and the panel on the application's page.
 * One thing per page, statuses in words, amounts in yen with the breakdown, no JavaScript.
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { formatDateTime, formatDay, formatYen } from "../format.ts";
import type { PaymentMethod, PaymentSlip } from "../providers/provider.ts";
import type { AttemptRow, PaymentRow } from "../queries.ts";
import { isPaid } from "../status.ts";
import { backLink, breakdownList, errorsOf, m, notice, paymentStatusTag, radios, row, summary, type FieldErrors } from "./components.ts";
import type { FieldProblem } from "../schema.ts";

export type ApplicationSummary = {
  id: string;
  reference: string;
  procedureTitle: LocalizedText;
  applicantName: string;
  departmentName: LocalizedText;
  status: string;
};

export type PaymentView = {
  payment: PaymentRow;
  application: ApplicationSummary;
  /** The open attempt (in progress), if any. */
  open: AttemptRow | null;
  /** The latest attempt. */
  last: AttemptRow | null;
  /** The attempt that paid. */
  paid: AttemptRow | null;
  methods: PaymentMethod[];
  /** True when the methods offered run on the sandbox (test cards). */
  sandbox: boolean;
  /** Sandbox charge id of the open attempt, for the test controls. */
  sandboxChargeId?: string | null;
};

function failureReason(code: string | null, locale: Locale): string {
  const known = ["card_declined", "insufficient_funds", "authentication_failed", "expired", "canceled"];
  return m(locale, `failure.${code && known.includes(code) ? code : "other"}`);
}

function heading(locale: Locale, view: PaymentView): SafeHtml {
  return html`<p class="caption">${localize(view.application.procedureTitle, locale)} ・ ${m(locale, "pay.reference")} ${view.application.reference}</p>`;
}

// ---------------------------------------------------------------------------------------------
// Choose how to pay

export function payPage(ctx: PageContext, view: PaymentView, state: { problems?: FieldProblem[]; method?: string; submitted?: boolean } = {}): PageOptions {
  const { locale } = ctx;
  const errors: FieldErrors = errorsOf(locale, state.problems ?? []);
  const p = view.payment;
  const title = m(locale, "pay.title");
  const appLink = `/my/applications/${view.application.id}`;
  let body: HtmlValue;
  if (p.status === "canceled" || ["withdrawn", "rejected"].includes(view.application.status)) {
    body = html`<div class="panel panel--notice"><p>${m(locale, isPaid(p.status) ? "pay.notPayable" : "pay.canceled")}</p></div><p><a href="${appLink}">${m(locale, "pay.backToApplication")}</a></p>`;
  } else if (view.open) {
    const open = view.open;
    const action =
      open.status === "requires_action" && open.redirectUrl
        ? html`<p><a class="button" href="${open.redirectUrl}">${m(locale, "pay.open.continue")}</a></p>`
        : open.status === "pending" && open.slip
          ? html`<p><a class="button" href="/payments/${p.id}/slip">${m(locale, "pay.open.slip")}</a></p>`
          : open.status === "pending"
            ? html`<p>${m(locale, "pay.open.pending")}</p><p><a class="button" href="/payments/${p.id}/return?attempt=${String(open.attemptNo)}">${m(locale, "done.refresh")}</a></p>`
            : html`<p>${m(locale, "pay.open.creating")}</p><form method="post" action="/payments/${p.id}/pay" novalidate>${csrfField(ctx)}<input type="hidden" name="method" value="${open.method}"><button class="button" type="submit">${m(locale, "pay.open.continue")}</button></form>`;
    body = html`<div class="panel panel--notice"><h2>${m(locale, "pay.open.title")}</h2>
<p>${m(locale, `method.${open.method}`)}</p>
${action}</div>
<form method="post" action="/payments/${p.id}/cancel-attempt" novalidate>${csrfField(ctx)}
<p class="field__hint" id="other-hint">${m(locale, "pay.open.otherHint")}</p>
<button class="button button--secondary" type="submit" aria-describedby="other-hint">${m(locale, "pay.open.other")}</button>
</form>`;
  } else {
    const last = view.last;
    const failed = last && (last.status === "failed") && p.status === "failed" ? html`<div class="panel panel--notice" role="alert"><p>${m(locale, "pay.lastFailed", { reason: failureReason(last.failureCode, locale) })}</p></div>` : "";
    body = html`${failed}
<form method="post" action="/payments/${p.id}/pay" novalidate>
${csrfField(ctx)}
${radios({
  locale,
  name: "method",
  label: m(locale, "pay.methodLegend"),
  ...(errors.method ? { error: errors.method } : {}),
  ...(state.method ? { value: state.method } : {}),
  choices: view.methods.map((method) => ({ value: method, label: m(locale, `method.${method}`), hint: m(locale, `method.${method}.hint`) })),
})}
<div class="button-group">
<button class="button" type="submit">${m(locale, "pay.submit")}</button>
<a href="${appLink}">${m(locale, "pay.later")}</a>
</div>
</form>`;
  }
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<div class="narrow">
${summary(locale, errors)}
${notice(state.submitted ? m(locale, "pay.submitted") : undefined)}
${view.sandbox ? html`<div class="panel panel--notice"><p>${m(locale, "pay.sandboxNotice")}</p></div>` : ""}
${heading(locale, view)}
<h1>${title}</h1>
<h2>${m(locale, "pay.breakdown")}</h2>
${breakdownList(p.breakdown, locale)}
<p class="muted">${m(locale, "pay.taxNote")}</p>
${body}
</div>`,
  };
}

export function unavailablePage(ctx: PageContext, view: { paymentId: string }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "pay.unavailable.title");
  return {
    title,
    body: html`<div class="narrow"><h1>${title}</h1><p>${m(locale, "pay.unavailable.body")}</p>
<p><a class="button" href="/payments/${view.paymentId}">${m(locale, "pay.unavailable.retry")}</a></p></div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Result

export function resultPage(ctx: PageContext, view: PaymentView): PageOptions {
  const { locale } = ctx;
  const p = view.payment;
  const appLink = `/my/applications/${view.application.id}`;
  if (isPaid(p.status)) {
    const title = m(locale, "done.success.title");
    return {
      title,
      body: html`<div class="narrow">
<div class="panel panel--success panel--confirmation">
<h1>${title}</h1>
<p class="caption">${localize(view.application.procedureTitle, locale)}</p>
<p>${m(locale, "done.success.amount")}<br><strong class="reference">${formatYen(p.amountYen, locale)}</strong></p>
<p>${m(locale, "done.success.receiptNumber")}：<strong>${p.receiptNumber ?? ""}</strong></p>
</div>
<p>${m(locale, "done.success.email")}</p>
<p><a class="button" href="/payments/${p.id}/receipt">${m(locale, "done.success.receipt")}</a></p>
<p>${m(locale, "done.next")}</p>
<p><a href="${appLink}">${m(locale, "pay.backToApplication")}</a></p>
</div>`,
    };
  }
  const title = m(locale, "done.pending.title");
  return {
    title,
    body: html`<div class="narrow">
${heading(locale, view)}
<h1>${title}</h1>
<p>${m(locale, "done.pending.body")}</p>
<p><a class="button" href="/payments/${p.id}/return${view.open ? `?attempt=${view.open.attemptNo}` : ""}">${m(locale, "done.refresh")}</a></p>
${sandboxControls(ctx, view)}
<p><a href="${appLink}">${m(locale, "pay.backToApplication")}</a></p>
</div>`,
  };
}

/** Sandbox only: simulate what the shop, the bank or the card network would do, as a webhook. */
function sandboxControls(ctx: PageContext, view: PaymentView): HtmlValue {
  const { locale } = ctx;
  if (!view.sandboxChargeId || view.open?.status !== "pending") return "";
  return html`<div class="panel"><h2>${m(locale, "slip.sandbox.title")}</h2>
<form method="post" action="/payments/sandbox/charges/${view.sandboxChargeId}/settle" novalidate>${csrfField(ctx)}
<div class="button-group">
<button class="button button--secondary" type="submit" name="outcome" value="succeeded">${m(locale, "slip.sandbox.pay")}</button>
<button class="button button--secondary" type="submit" name="outcome" value="expired">${m(locale, "slip.sandbox.expire")}</button>
</div></form></div>`;
}

// ---------------------------------------------------------------------------------------------
// Slip

function slipNumbers(slip: PaymentSlip, locale: Locale): SafeHtml {
  if (slip.kind === "payeasy") {
    return html`${row(m(locale, "slip.collectorNumber"), html`<strong class="reference">${slip.collectorNumber}</strong>`)}
${row(m(locale, "slip.customerNumber"), html`<strong class="reference">${slip.customerNumber}</strong>`)}
${row(m(locale, "slip.confirmationNumber"), html`<strong class="reference">${slip.confirmationNumber}</strong>`)}`;
  }
  const stores = Object.entries(slip.stores ?? {});
  if (stores.length > 0) {
    return html`${stores.map(([chain, s]) => row(m(locale, `slip.store.${chain}`), html`${m(locale, "slip.paymentNumber")}：<strong>${s.paymentCode}</strong><br>${m(locale, "slip.confirmationNumber")}：<strong>${s.confirmationNumber}</strong>`))}`;
  }
  return html`${row(m(locale, "slip.paymentNumber"), html`<strong class="reference">${slip.paymentNumber}</strong>`)}
${row(m(locale, "slip.confirmationNumber"), html`<strong class="reference">${slip.confirmationNumber}</strong>`)}`;
}

export function slipPage(ctx: PageContext, view: PaymentView & { slip: PaymentSlip }): PageOptions {
  const { locale } = ctx;
  const slip = view.slip;
  const title = m(locale, `slip.title.${slip.kind}`);
  const steps = [1, 2, 3].map((n) => html`<li>${m(locale, `slip.how.${slip.kind}.${n}`)}</li>`);
  return {
    title,
    body: html`<div class="narrow">
${heading(locale, view)}
<h1>${title}</h1>
<p>${m(locale, "slip.lead")}</p>
<dl class="summary-list">
${row(m(locale, "slip.amount"), html`<strong class="reference">${formatYen(view.payment.amountYen, locale)}</strong>`)}
${row(m(locale, "slip.due"), m(locale, "slip.dueValue", { date: formatDay(slip.expiresAt, locale) }))}
${slipNumbers(slip, locale)}
</dl>
${slip.kind === "konbini" && slip.voucherUrl ? html`<p><a href="${slip.voucherUrl}">${m(locale, "slip.voucher")}</a></p>` : ""}
<h2>${m(locale, "slip.how")}</h2>
<ol>${steps}</ol>
<p>${m(locale, "slip.after")}</p>
${sandboxControls(ctx, view)}
<p><a href="/my/applications/${view.application.id}">${m(locale, "pay.backToApplication")}</a></p>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Receipt (領収書)

/** What a receipt (領収書) says, in the resident's language: the HTML page and the PDF show the same. */
export function receiptFacts(view: PaymentView, locale: Locale): { title: string; rows: Array<{ label: string; value: string; emphasis?: boolean }>; refunded: string | null; note: string } {
  const p = view.payment;
  const description = `${p.breakdown.lines.map((line) => localize(line.label, locale)).join("、")} ${p.breakdown.lines.map((l) => formatYen(l.amountYen, locale)).join("、")}`;
  const rows = [
    { label: m(locale, "receipt.number"), value: p.receiptNumber ?? "", emphasis: true },
    { label: m(locale, "receipt.addressee"), value: m(locale, "receipt.addresseeValue", { name: view.application.applicantName }) },
    { label: m(locale, "receipt.amount"), value: formatYen(p.amountYen, locale), emphasis: true },
    { label: m(locale, "receipt.for"), value: m(locale, "receipt.forValue", { description }) },
    { label: m(locale, "receipt.paidAt"), value: p.paidAt ? formatDateTime(p.paidAt, locale) : "" },
    { label: m(locale, "receipt.method"), value: view.paid ? m(locale, `method.${view.paid.method}`) : "" },
    { label: m(locale, "receipt.reference"), value: view.application.reference },
    { label: m(locale, "receipt.issuer"), value: m(locale, "receipt.issuerValue", { department: localize(view.application.departmentName, locale) }) },
  ];
  const refunded = p.refundedYen > 0 ? m(locale, "receipt.refunded", { amount: p.refundedYen.toLocaleString(locale === "ja" ? "ja-JP" : "en-US") }) : null;
  return { title: m(locale, "receipt.title"), rows, refunded, note: m(locale, "receipt.note") };
}

export function receiptPage(ctx: PageContext, view: PaymentView): PageOptions {
  const { locale } = ctx;
  const p = view.payment;
  const title = m(locale, "receipt.title");
  if (!isPaid(p.status) || !view.paid) {
    return { title, body: html`<div class="narrow"><h1>${title}</h1><p>${m(locale, "receipt.notPaid")}</p><p><a href="/payments/${p.id}">${m(locale, "panel.pay")}</a></p></div>` };
  }
  const facts = receiptFacts(view, locale);
  return {
    title,
    body: html`${backLink(`/my/applications/${view.application.id}`, m(locale, "pay.backToApplication"))}
<div class="narrow">
<h1>${title}</h1>
<dl class="summary-list">
${facts.rows.map((r) => row(r.label, r.emphasis ? html`<strong>${r.value}</strong>` : r.value))}
</dl>
${facts.refunded ? html`<div class="panel panel--notice"><p>${facts.refunded}</p></div>` : ""}
<p class="muted">${facts.note}</p>
<p><a href="/payments/${p.id}/receipt.pdf" download>${m(locale, "receipt.pdf")}</a></p>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// The panel on the resident's application page (my page)

export function paymentPanel(locale: Locale, view: { payment: PaymentRow; open: AttemptRow | null }): SafeHtml {
  const p = view.payment;
  const links: HtmlValue[] = [];
  if (isPaid(p.status)) links.push(html`<p><a href="/payments/${p.id}/receipt">${m(locale, "panel.receipt")}</a></p>`);
  else if (view.open?.status === "pending" && view.open.slip) links.push(html`<p><a class="button" href="/payments/${p.id}/slip">${m(locale, "panel.slip")}</a></p>`);
  else if (p.status !== "canceled") links.push(html`<p><a class="button" href="/payments/${p.id}">${m(locale, "panel.pay")}</a></p>`);
  return html`<section aria-labelledby="payment-panel-title">
<h2 id="payment-panel-title">${m(locale, "panel.title")}</h2>
<dl class="summary-list">
${row(m(locale, "panel.amount"), formatYen(p.amountYen, locale))}
${row(m(locale, "panel.status"), html`${paymentStatusTag(p.status, locale)}${isPaid(p.status) && p.paidAt ? html` <span class="muted">${m(locale, "panel.paidOn", { date: formatDay(p.paidAt, locale) })}</span>` : ""}`)}
</dl>
${links}
</section>`;
}
