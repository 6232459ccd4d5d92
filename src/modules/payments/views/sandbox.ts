/**
 * The sandbox provider's own pages: where a real provider would show its card form and the card
 * company's 3-D Secure page. They say plainly that they are test pages.
 */
import { html } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { formatYen } from "../format.ts";
import { TEST_CARDS, type SandboxCharge } from "../providers/sandbox.ts";
import { m, summary, textInput } from "./components.ts";

const spaced = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");

export function sandboxCardPage(ctx: PageContext, charge: SandboxCharge, state: { error?: string; value?: string } = {}): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "sandbox.card.title");
  const amount = formatYen(charge.amountYen, locale);
  const cards: Array<[string, string]> = [
    [TEST_CARDS.success, "sandbox.card.success"],
    [TEST_CARDS.declined, "sandbox.card.declined"],
    [TEST_CARDS.insufficientFunds, "sandbox.card.insufficient"],
    [TEST_CARDS.threeDSecure, "sandbox.card.3ds"],
    [TEST_CARDS.pending, "sandbox.card.pending"],
  ];
  return {
    title,
    hasErrors: Boolean(state.error),
    body: html`<div class="narrow">
${summary(locale, state.error ? { card_number: state.error } : {})}
<div class="panel panel--notice"><p>${m(locale, "sandbox.banner")}</p></div>
<p class="caption">${charge.description}</p>
<h1>${title}</h1>
<p>${m(locale, "sandbox.card.amount", { amount })}</p>
<form method="post" action="/payments/sandbox/pay/${charge.id}" novalidate>
${csrfField(ctx)}
${textInput({ locale, name: "card_number", label: m(locale, "sandbox.card.label"), hint: m(locale, "sandbox.card.hint"), inputmode: "numeric", autocomplete: "off", ...(state.error ? { error: state.error } : {}), ...(state.value !== undefined ? { value: state.value } : {}) })}
<div class="button-group">
<button class="button" type="submit">${m(locale, "sandbox.card.submit", { amount })}</button>
<a href="${charge.cancelUrl}">${m(locale, "sandbox.card.back")}</a>
</div>
</form>
<h2>${m(locale, "sandbox.card.table")}</h2>
<div class="table-wrap"><table>
<tbody>${cards.map(([number, key]) => html`<tr><th scope="row"><span translate="no">${spaced(number)}</span></th><td>${m(locale, key)}</td></tr>`)}</tbody>
</table></div>
</div>`,
  };
}

export function sandbox3dsPage(ctx: PageContext, charge: SandboxCharge): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "sandbox.3ds.title");
  return {
    title,
    body: html`<div class="narrow">
<div class="panel panel--notice"><p>${m(locale, "sandbox.banner")}</p></div>
<p class="caption">${charge.description} ・ ${formatYen(charge.amountYen, locale)}</p>
<h1>${title}</h1>
<p>${m(locale, "sandbox.3ds.lead")}</p>
<form method="post" action="/payments/sandbox/3ds/${charge.id}" novalidate>
${csrfField(ctx)}
<div class="button-group">
<button class="button" type="submit" name="result" value="approve">${m(locale, "sandbox.3ds.approve")}</button>
<button class="button button--secondary" type="submit" name="result" value="deny">${m(locale, "sandbox.3ds.deny")}</button>
</div>
</form>
</div>`,
  };
}

export function sandboxClosedPage(ctx: PageContext, charge: SandboxCharge): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "sandbox.closed");
  return { title, body: html`<div class="narrow"><h1>${title}</h1><p><a href="${charge.returnUrl}">${m(locale, "sandbox.closedLink")}</a></p></div>` };
}
