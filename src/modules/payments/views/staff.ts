/**
 * Staff pages of payments: the department's fees, one payment with its attempts, refunds,
 * history and the refund form, and the daily reconciliation.
 */
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { ReconciliationRow } from "../commands/reconcile-day.ts";
import { formatDateTime, formatYen, isoDateTime } from "../format.ts";
import type { AttemptRow, PaymentEventRow, PaymentListItem, PaymentRow, RefundRow } from "../queries.ts";
import type { ApplicationSummary } from "./resident.ts";
import { backLink, breakdownList, m, notice, paymentStatusTag, row, summary, textArea, textInput, type FieldErrors } from "./components.ts";

export function staffListPage(ctx: PageContext, view: { payments: PaymentListItem[] }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "staff.title");
  const table = view.payments.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.col.reference")}</th><th scope="col">${m(locale, "staff.col.procedure")}</th><th scope="col">${m(locale, "staff.col.applicant")}</th><th scope="col">${m(locale, "staff.col.amount")}</th><th scope="col">${m(locale, "staff.col.status")}</th><th scope="col">${m(locale, "staff.col.paidAt")}</th></tr></thead>
<tbody>${view.payments.map(
        (p) => html`<tr><td><a href="/staff/payments/${p.id}">${p.reference}</a></td><td>${localize(p.procedureTitle, locale)}</td><td>${p.applicantName}</td><td>${formatYen(p.amountYen, locale)}</td><td>${paymentStatusTag(p.status, locale)}</td><td>${p.paidAt ? formatDateTime(p.paidAt, locale) : ""}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${m(locale, "staff.list.empty")}</p>`;
  return {
    title,
    area: "staff",
    body: html`<h1>${title}</h1>
<p><a href="/staff/payments/reconciliation">${m(locale, "staff.reconciliationLink")}</a></p>
${table}`,
  };
}

export type StaffPaymentView = {
  payment: PaymentRow;
  application: ApplicationSummary;
  attempts: AttemptRow[];
  refunds: RefundRow[];
  events: PaymentEventRow[];
  refundableYen: number;
  /** Link to the case in the back office. */
  casePath: string;
};

function eventText(locale: Locale, event: PaymentEventRow): string {
  const data = event.data as Record<string, unknown>;
  const amount = typeof data.amountYen === "number" ? data.amountYen.toLocaleString("ja-JP") : "";
  switch (event.type) {
    case "created":
    case "paid":
    case "duplicate_charge":
    case "canceled":
      return m(locale, `staff.event.${event.type}`);
    case "attempt_started":
      return m(locale, "staff.event.attempt_started", { method: m(locale, `method.${String(data.method)}`) });
    case "attempt_status":
      return m(locale, "staff.event.attempt_status", { from: m(locale, `attempt.${event.fromStatus}`), to: m(locale, `attempt.${event.toStatus}`) });
    case "refund_requested":
    case "refunded":
    case "refund_failed":
      return m(locale, `staff.event.${event.type}`, { amount });
    default:
      return m(locale, "staff.event.other", { type: event.type });
  }
}

export function staffPaymentPage(ctx: PageContext, view: StaffPaymentView, state: { errors?: FieldErrors; values?: { amount: string; reason: string }; refundKey: string; done?: string; status?: number }): PageOptions {
  const { locale } = ctx;
  const p = view.payment;
  const title = m(locale, "staff.detail.title", { reference: view.application.reference });
  const errors = state.errors ?? {};
  const attempts = html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.col.attempt")}</th><th scope="col">${m(locale, "staff.col.method")}</th><th scope="col">${m(locale, "staff.col.provider")}</th><th scope="col">${m(locale, "staff.col.status")}</th><th scope="col">${m(locale, "staff.col.providerId")}</th><th scope="col">${m(locale, "staff.col.createdAt")}</th></tr></thead>
<tbody>${view.attempts.map(
    (a) => html`<tr><td>${String(a.attemptNo)}</td><td>${m(locale, `method.${a.method}`)}</td><td>${m(locale, `provider.${a.provider}`)}</td><td>${m(locale, `attempt.${a.status}`)}${a.failureCode ? html` (${a.failureCode})` : ""}${a.duplicate ? html`<br><strong>${m(locale, "staff.detail.duplicate")}</strong>` : ""}</td><td><code>${a.providerPaymentRef ?? a.providerChargeId ?? ""}</code></td><td><time datetime="${isoDateTime(a.createdAt)}">${formatDateTime(a.createdAt, locale)}</time></td></tr>`,
  )}</tbody></table></div>`;
  const refunds = view.refunds.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.col.createdAt")}</th><th scope="col">${m(locale, "staff.col.amount")}</th><th scope="col">${m(locale, "staff.col.status")}</th><th scope="col">${m(locale, "staff.col.reason")}</th><th scope="col">${m(locale, "staff.col.by")}</th></tr></thead>
<tbody>${view.refunds.map(
        (r) => html`<tr><td>${formatDateTime(r.createdAt, locale)}</td><td>${formatYen(r.amountYen, locale)}</td><td>${m(locale, `refund.${r.status}`)}</td><td>${r.reason}</td><td>${r.requestedByName ?? "—"}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${m(locale, "staff.detail.noRefunds")}</p>`;
  const refundForm: HtmlValue =
    view.refundableYen > 0
      ? html`<h2>${m(locale, "staff.refund.title")}</h2>
<form method="post" action="/staff/payments/${p.id}/refund" novalidate>
${csrfField(ctx)}
<input type="hidden" name="refund_key" value="${state.refundKey}">
${textInput({ locale, name: "amount", label: m(locale, "staff.refund.amount"), hint: m(locale, "staff.refund.amountHint", { max: view.refundableYen }), inputmode: "numeric", short: true, value: state.values?.amount ?? String(view.refundableYen), ...(errors.amount ? { error: errors.amount } : {}) })}
${textArea({ locale, name: "reason", label: m(locale, "staff.refund.reason"), hint: m(locale, "staff.refund.reasonHint"), value: state.values?.reason ?? "", ...(errors.reason ? { error: errors.reason } : {}) })}
<div class="button-group"><button class="button button--warning" type="submit">${m(locale, "staff.refund.submit")}</button></div>
</form>`
      : isPaidLike(p) ? html`<p>${m(locale, "staff.refund.none")}</p>` : "";
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(errors).length > 0,
    body: html`${backLink("/staff/payments", m(locale, "staff.title"))}
${summary(locale, errors)}
${notice(state.done)}
<h1>${title}</h1>
<dl class="summary-list">
${row(m(locale, "staff.detail.application"), html`${localize(view.application.procedureTitle, locale)}（${view.application.applicantName}） <a href="${view.casePath}">${m(locale, "staff.detail.openCase")}</a>`)}
${row(m(locale, "staff.col.status"), paymentStatusTag(p.status, locale))}
${row(m(locale, "staff.detail.receiptNumber"), p.receiptNumber ?? "—")}
${row(m(locale, "staff.col.paidAt"), p.paidAt ? formatDateTime(p.paidAt, locale) : "—")}
${row(m(locale, "staff.detail.refunded"), formatYen(p.refundedYen, locale))}
</dl>
${breakdownList(p.breakdown, locale)}
<h2>${m(locale, "staff.detail.attempts")}</h2>
${attempts}
<h2>${m(locale, "staff.detail.refunds")}</h2>
${refunds}
${refundForm}
<h2>${m(locale, "staff.detail.history")}</h2>
<ol class="timeline">${view.events.map((e) => html`<li><time datetime="${isoDateTime(e.at)}">${formatDateTime(e.at, locale)}</time>${eventText(locale, e)}</li>`)}</ol>`,
  };
}

function isPaidLike(p: PaymentRow): boolean {
  return p.status === "succeeded" || p.status === "partially_refunded" || p.status === "refunded";
}

export function reconciliationPage(
  ctx: PageContext,
  view: { day: string; dayInput: string; error?: string; rows: ReconciliationRow[]; mismatches: number; hiddenRows: boolean; failedProviders: string[] },
): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "recon.title", { date: view.day });
  const amountStatus = (amount: number | null, status: string | null): SafeHtml =>
    amount === null && status === null ? html`—` : html`${amount === null ? "—" : formatYen(amount, locale)}<br><span class="muted">${status ?? "—"}</span>`;
  const rows = view.rows.map(
    (r) => html`<tr>
<td>${m(locale, `recon.kind.${r.kind}`)}</td>
<td>${r.paymentId ? html`<a href="/staff/payments/${r.paymentId}">${r.reference ?? ""}</a>` : "—"}</td>
<td>${m(locale, `provider.${r.provider}`)}<br><code>${r.providerId}</code></td>
<td>${amountStatus(r.ourAmountYen, r.ourStatus)}</td>
<td>${amountStatus(r.providerAmountYen, r.providerStatus)}</td>
<td>${r.mismatch ? html`<strong class="status status--rejected">${m(locale, `recon.mismatch.${r.mismatch}`)}</strong>` : html`<span class="status status--approved">${m(locale, "recon.ok")}</span>`}</td>
</tr>`,
  );
  return {
    title,
    area: "staff",
    hasErrors: Boolean(view.error),
    body: html`${backLink("/staff/payments", m(locale, "staff.title"))}
${summary(locale, view.error ? { day: view.error } : {})}
<h1>${title}</h1>
<form method="get" action="/staff/payments/reconciliation" class="filters">
${textInput({ locale, name: "date", id: "day", label: m(locale, "recon.date"), hint: m(locale, "recon.dateHint"), value: view.dayInput, inputmode: "numeric", ...(view.error ? { error: view.error } : {}) })}
<button class="button button--secondary" type="submit">${m(locale, "recon.show")}</button>
</form>
${view.failedProviders.map((provider) => html`<div class="panel panel--notice" role="alert"><p>${m(locale, "recon.failed", { provider })}</p></div>`)}
<p>${view.mismatches === 0 ? m(locale, "recon.allMatch") : m(locale, "recon.summary", { rows: view.rows.length, mismatches: view.mismatches })}</p>
<p><a href="/staff/payments/reconciliation.csv?date=${view.day}">${m(locale, "recon.csv", { rows: view.rows.length })}</a></p>
${view.hiddenRows ? html`<p class="muted">${m(locale, "recon.othersHidden")}</p>` : ""}
<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "recon.col.kind")}</th><th scope="col">${m(locale, "recon.col.reference")}</th><th scope="col">${m(locale, "recon.col.providerId")}</th><th scope="col">${m(locale, "recon.col.ours")}</th><th scope="col">${m(locale, "recon.col.theirs")}</th><th scope="col">${m(locale, "recon.col.result")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
  };
}
