/**
 * A procedure's page (/procedures/:slug): who can apply, what is needed, fee, processing time,
 * how to apply, department, legal basis; a start button (a POST form) for online procedures,
 * or where to go for counter-only ones. GOV.UK "start page" pattern.
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, raw, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { ProcedureDetails } from "../tables.ts";
import type { ProcedureRow } from "../queries.ts";
import { backLink, channelTag, m } from "./components.ts";

export type ProcedureView = {
  procedure: ProcedureRow;
  department: LocalizedText;
  /** Whether a resident is signed in (the button then starts; otherwise it leads to sign-in). */
  signedIn: boolean;
  /** `prefill.<questionId>` values from the navigator's link, carried into the start form. */
  suggested?: Array<[string, string]>;
};

/** 1通300円 / 300 yen per copy; 無料 / Free; with the note, if any. */
export function feeText(fee: ProcedureDetails["fee"], locale: Locale): string {
  if (!fee) return m(locale, "procedure.noFee");
  const amount = fee.amountYen.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB");
  let main: string;
  if (fee.amountYen === 0) main = m(locale, "procedure.feeFree");
  else if (fee.per === "copy") main = m(locale, "procedure.feePerCopy", { amount });
  else if (fee.per === "item") main = m(locale, "procedure.feePerItem", { amount });
  else main = m(locale, "procedure.feeFlat", { amount });
  const note = fee.note ? localize(fee.note, locale) : "";
  return note ? `${main}${locale === "ja" ? "。" : ". "}${note}` : main;
}

function row(label: string, value: HtmlValue): HtmlValue {
  return html`<div class="summary-list__row"><dt class="summary-list__key">${label}</dt><dd class="summary-list__value">${value}</dd></div>`;
}

export function procedurePage(ctx: PageContext, view: ProcedureView): PageOptions {
  const { locale } = ctx;
  const p = view.procedure;
  const d = p.details;
  const title = localize(p.title, locale);
  const department = localize(view.department, locale);
  const online = p.channel !== "counter" && p.currentVersionId !== null;
  const needs = d.whatYouNeed.length
    ? html`<ul>${d.whatYouNeed.map((item) => html`<li>${localize(item, locale)}</li>`)}</ul>`
    : html`${m(locale, "procedure.nothingNeeded")}`;
  const start = online
    ? html`<form method="post" action="/procedures/${p.slug}/start" class="start">
${csrfField(ctx)}
${(view.suggested ?? []).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button class="button button--start" type="submit">${view.signedIn ? m(locale, "procedure.start") : m(locale, "procedure.signInToStart")}${raw("&nbsp;")}<span aria-hidden="true">›</span></button>
</form>
<p>${m(locale, "procedure.startNote")}</p>
${p.channel === "both" ? html`<p>${m(locale, "procedure.counterAlso", { department })}</p>` : ""}`
    : html`<div class="panel panel--notice"><p>${m(locale, "procedure.counterOnly", { department })}</p></div>`;
  return {
    title,
    body: html`${backLink("/procedures", m(locale, "procedure.backToCatalogue"))}
<div class="narrow">
<h1>${title}</h1>
<p class="lead">${localize(p.summary, locale)}</p>
<p>${channelTag(p.channel, locale)}</p>
<dl class="summary-list">
${row(m(locale, "procedure.whoCanApply"), localize(d.whoCanApply, locale))}
${row(m(locale, "procedure.whatYouNeed"), needs)}
${row(m(locale, "procedure.fee"), feeText(d.fee, locale))}
${row(m(locale, "procedure.processingTime"), localize(d.processingTime, locale))}
${row(m(locale, "procedure.howToApply"), m(locale, `channel.long.${p.channel}`))}
${row(m(locale, "procedure.department"), department)}
${d.legalBasis ? row(m(locale, "procedure.legalBasis"), localize(d.legalBasis, locale)) : ""}
</dl>
${start}
</div>`,
  };
}
