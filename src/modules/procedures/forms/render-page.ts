/**
 * Rendering a page's questions (inside the route's <form>, below its error summary) and the
 * check-your-answers summary.
 *
 * CSS classes (the stylesheet is written from this list):
 *   .field               one question                  .field--error   …with an error
 *   .field__label        label (also of a part)        .field__hint    hint text
 *   .field__error        error message beside the field
 *   .field__parts        row of the parts of a field (姓・名, 年・月・日)
 *   .field__part         one labelled part             .field__file    the attached file's name
 *   .input               text input, textarea, select  .input--short   year/month/day, postal code, numbers
 *   .fieldset            fieldset of a multi-part field, choice list or group item
 *   .fieldset__legend    its legend
 *   .choices             list of radios/checkboxes     .choice         one radio/checkbox with its label
 *   .choice__input       the radio/checkbox            .choice__label  its label
 *   .group-item          one item of a repeating group (also in the summary)
 *   .summary-list        check-your-answers <dl>       .summary-list__row / __key / __value / __actions
 *   .button              button                        .button--secondary  add/remove item buttons
 *   .visually-hidden     text for screen readers only (error prefix, change-link context, default button)
 *
 * The surrounding form should have `novalidate` (our messages, not the browser's), and
 * `enctype="multipart/form-data"` when `pageHasFileQuestion(page)`.
 */
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import { localize, t, type Locale } from "../../../core/i18n/index.ts";
import type { Answers, FormDefinition, PageDef } from "./definition.ts";
import { evaluateCondition, pruneAnswers, visiblePages } from "./journey.ts";
import type { FieldError, FormBody } from "./questions/common.ts";
import { handlerFor } from "./questions/registry.ts";
import "./messages.ts";

export type PageState = {
  /**
   * All answers so far, as `pruneAnswers(def, draft.answers)` gives them: they decide which
   * questions are shown, and the page's own answers fill its fields (when there is no `raw`).
   */
  answers?: Partial<Answers>;
  /** The fields as typed, from `parsePage` or `applyGroupAction`; when given, it fills the fields. */
  raw?: FormBody;
  errors?: readonly FieldError[];
};

/**
 * The visible questions of a page as accessible fields. Not the <form>, not the error summary.
 * When the page has a repeating group, a visually hidden "continue" button comes first, so that
 * pressing Enter in a field submits the page rather than adding or removing an item.
 */
export function renderQuestions(page: PageDef, state: PageState, locale: Locale): SafeHtml {
  const answers = state.answers ?? {};
  const errors = state.errors ?? [];
  const fields = page.questions
    .filter((q) => !q.showIf || evaluateCondition(q.showIf, answers))
    .map((q) => {
      const value = answers[q.id];
      return handlerFor(q.type).render(q, {
        ...(state.raw ? { raw: state.raw } : {}),
        ...(value !== undefined ? { value } : {}),
        errors,
        locale,
        prefix: "",
        answers,
      });
    });
  const hasGroup = page.questions.some((q) => q.type === "group");
  const defaultButton = hasGroup
    ? html`<button type="submit" name="_action" value="continue" class="visually-hidden" tabindex="-1" aria-hidden="true">${t(locale, "forms.continue")}</button>`
    : html``;
  return html`${defaultButton}${fields}`;
}

/** Whether the page's form must be sent as multipart/form-data. */
export function pageHasFileQuestion(page: PageDef): boolean {
  return page.questions.some((q) => q.type === "file" || (q.fields ?? []).some((f) => f.type === "file"));
}

export type SummaryOptions = {
  /** Where the 「変更」 link of a page goes, e.g. (pageId) => `/apply/${slug}/${pageId}?from=check`. */
  changeHref: (pageId: string, questionId: string) => string;
  /** Heading level of the page titles (default 2). */
  headingLevel?: 2 | 3;
};

/**
 * Check your answers: per visible page, its title and a summary list of its visible questions
 * with 「変更」 links. Answers of hidden pages and questions are not shown (they are pruned).
 */
export function renderAnswersSummary(
  def: FormDefinition,
  answers: Partial<Answers>,
  locale: Locale,
  options: SummaryOptions,
): SafeHtml {
  const kept = pruneAnswers(def, answers);
  const level = options.headingLevel ?? 2;
  const sections = visiblePages(def, kept).map((page) => {
    const rows = page.questions
      .filter((q) => !q.showIf || evaluateCondition(q.showIf, kept))
      .map((q) => {
        const label = localize(q.label, locale);
        const value = kept[q.id];
        const shown = value === undefined ? html`${t(locale, "forms.notAnswered")}` : handlerFor(q.type).display(q, value, locale);
        return html`<div class="summary-list__row">
<dt class="summary-list__key">${label}</dt>
<dd class="summary-list__value">${shown}</dd>
<dd class="summary-list__actions">${q.type === "calculated" ? "" : html`<a href="${options.changeHref(page.id, q.id)}">${t(locale, "forms.change")}<span class="visually-hidden">${locale === "ja" ? `：${label}` : ` ${label}`}</span></a>`}</dd>
</div>`;
      });
    const heading = level === 2 ? html`<h2>${localize(page.title, locale)}</h2>` : html`<h3>${localize(page.title, locale)}</h3>`;
    return html`${heading}
<dl class="summary-list">
${rows}
</dl>`;
  });
  return html`${sections}`;
}
