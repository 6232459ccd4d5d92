/**
 * Check your answers (/drafts/:draftId/check): every visible answer with 「変更」 links, then the
 * form's closing declaration (when it has one) and the 「申請する」 button.
 */
import { localize, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { renderAnswersSummary, renderQuestions, type Answers, type FieldError, type FormBody, type FormDefinition, type PageDef } from "../forms/index.ts";
import { backLink, m } from "./components.ts";

export type CheckView = {
  draftId: string;
  procedureTitle: LocalizedText;
  /** The definition without the closing declaration page. */
  definition: FormDefinition;
  answers: Answers;
  declarationPage: PageDef | null;
  declarationRaw?: FormBody;
  errors: readonly FieldError[];
  backHref: string;
  /** The electronic signature panel (signatures module), shown before the submit form. */
  signature?: HtmlValue;
};

export function checkPage(ctx: PageContext, view: CheckView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "check.title");
  const summary = renderAnswersSummary(view.definition, view.answers, locale, {
    changeHref: (pageId) => `/drafts/${view.draftId}/pages/${pageId}?return=check`,
  });
  const declaration = view.declarationPage
    ? html`<h2>${m(locale, "check.declarationTitle")}</h2>
${view.declarationPage.description ? html`<p>${localize(view.declarationPage.description, locale)}</p>` : ""}
${renderQuestions(view.declarationPage, { answers: view.answers, ...(view.declarationRaw ? { raw: view.declarationRaw } : {}), errors: view.errors }, locale)}`
    : "";
  return {
    title,
    hasErrors: view.errors.length > 0,
    body: html`${backLink(view.backHref, m(locale, "form.back"))}
<div class="narrow">
${errorSummary(locale, view.errors.map((e) => ({ field: e.field, message: e.message })))}
<p class="caption">${localize(view.procedureTitle, locale)}</p>
<h1>${title}</h1>
<p>${m(locale, "check.lead")}</p>
${summary}
${view.signature ?? ""}
<form method="post" action="/drafts/${view.draftId}/submit" novalidate>
${csrfField(ctx)}
${declaration}
<p>${m(locale, "check.submitNote")}</p>
<div class="button-group">
<button class="button" type="submit">${m(locale, "check.submit")}</button>
</div>
</form>
</div>`,
  };
}
