/**
 * One page of an application form (/drafts/:draftId/pages/:pageId): back link, error summary
 * (each item linked to its field), the procedure as caption, the page title as the heading, the
 * questions from the form engine, and two buttons: 「次へ進む」 and 「下書きを保存して中断する」.
 * Works without JavaScript. Pages with a file question are sent as multipart/form-data with the
 * CSRF token in the action URL; files already attached travel as hidden fields (the server
 * checks they belong to the resident before using them).
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { renderQuestions, type FieldError, type PageDef, type PageState } from "../forms/index.ts";
import { backLink, m } from "./components.ts";

export type FormPageView = {
  procedureTitle: LocalizedText;
  page: PageDef;
  state: PageState;
  errors: readonly FieldError[];
  backHref: string;
  /** Where the form posts (without the CSRF query). */
  action: string;
  multipart: boolean;
  /** Files already attached on this page: field name → the stored answer as JSON. */
  attachedFiles: Array<{ name: string; json: string }>;
  /** Extra hidden fields (e.g. the revision of a correction form). */
  hidden?: Record<string, string>;
  /** The buttons; default: continue and save-and-exit. */
  buttons?: HtmlValue;
  /** A notice above the heading (e.g. a conflict message). */
  notice?: HtmlValue;
  /** Text above the questions (e.g. the staff's correction message). */
  intro?: HtmlValue;
  /** Heading when it is not the page title. */
  heading?: string;
};

/** The form's action with the CSRF token in the query, for multipart forms. */
export function multipartAction(action: string, token: string): string {
  return `${action}${action.includes("?") ? "&" : "?"}_csrf=${encodeURIComponent(token)}`;
}

export function formButtons(locale: Locale): HtmlValue {
  return html`<div class="button-group">
<button class="button" type="submit" name="_action" value="continue">${m(locale, "form.continue")}</button>
<button class="button button--secondary" type="submit" name="_action" value="save-and-exit">${m(locale, "form.saveAndExit")}</button>
</div>
<p class="muted">${m(locale, "form.saveNote")}</p>`;
}

export function formPage(ctx: PageContext, view: FormPageView): PageOptions {
  const { locale } = ctx;
  const title = view.heading ?? localize(view.page.title, locale);
  const action = view.multipart ? multipartAction(view.action, ctx.csrfToken) : view.action;
  const hidden = Object.entries(view.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const files = view.attachedFiles.map((f) => html`<input type="hidden" name="${f.name}" value="${f.json}">`);
  return {
    title,
    hasErrors: view.errors.length > 0,
    body: html`${backLink(view.backHref, m(locale, "form.back"))}
<div class="narrow">
${errorSummary(locale, view.errors.map((e) => ({ field: e.field, message: e.message })))}
${view.notice ?? ""}
<p class="caption">${localize(view.procedureTitle, locale)}</p>
<h1>${title}</h1>
${view.page.description ? html`<p>${localize(view.page.description, locale)}</p>` : ""}
${view.intro ?? ""}
<form method="post" action="${action}" novalidate${view.multipart ? html` enctype="multipart/form-data"` : ""}>
${csrfField(ctx)}
${hidden}
${renderQuestions(view.page, { ...view.state, errors: view.errors }, locale)}
${files}
${view.buttons ?? formButtons(locale)}
</form>
</div>`,
  };
}
