/**
 * 手続き判定 for residents: the life events, a start page, one question per page, and the result
 * checklist (grouped: online now, city counters, other bodies) with deadlines in 西暦 and 和暦,
 * what to bring and why; save (permalink), print (print stylesheet) and send to oneself.
 * Everything works without JavaScript; print.js only adds a print button.
 */
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { handlerFor, renderQuestions, type AnswerValue, type FieldError, type PageDef, type PageState } from "../../procedures/forms/index.ts";
import { GROUPS, type Checklist, type ChecklistItem } from "../checklist.ts";
import type { CityConfig } from "../config.ts";
import type { NavigatorDefinition } from "../definition.ts";
import { formOf } from "../journey.ts";
import { backLink, cityBanner, externalLink, stylesheets } from "./common.ts";
import { daysLeftText, deadlineText, m, ruleText } from "./format.ts";

export type EventSummary = { event: string; title: NavigatorDefinition["title"]; summary: NavigatorDefinition["summary"] };

export function eventsPage(ctx: PageContext, view: { events: EventSummary[]; city: CityConfig }): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "events.title");
  return {
    title,
    body: html`${stylesheets()}${cityBanner(view.city, locale, "navigator")}
<h1>${title}</h1>
<p class="lead">${m(locale, "events.lead")}</p>
<ul class="card-list nav-events">
${view.events.map(
  (e) => html`<li class="card"><h2><a href="/navigator/${e.event}">${localize(e.title, locale)}</a></h2><p>${localize(e.summary, locale)}</p></li>`,
)}
</ul>
${view.events.length === 0 ? html`<p>${m(locale, "events.none")}</p>` : ""}
<h2>${m(locale, "events.finderTitle")}</h2>
<p>${m(locale, "events.finderText", { prefecture: localize(view.city.prefecture, locale), city: localize(view.city.name, locale) })} <a href="/support-programmes">${m(locale, "events.finderLink")}</a></p>`,
  };
}

export function startPage(ctx: PageContext, view: { definition: NavigatorDefinition; firstHref: string; questionCount: number; city: CityConfig }): PageOptions {
  const { locale } = ctx;
  const title = localize(view.definition.title, locale);
  return {
    title,
    body: html`${stylesheets()}${backLink("/navigator", m(locale, "back.events"))}
<div class="narrow">
${cityBanner(view.city, locale, "navigator")}
<h1>${title}</h1>
<p class="lead">${localize(view.definition.summary, locale)}</p>
<p>${m(locale, "start.howItWorks", { count: view.questionCount })}</p>
<ul>
<li>${m(locale, "start.point.deadlines")}</li>
<li>${m(locale, "start.point.online")}</li>
<li>${m(locale, "start.point.privacy")}</li>
</ul>
<p class="start"><a class="button button--start" href="${view.firstHref}" role="button">${m(locale, "start.button")}</a></p>
</div>`,
  };
}

export type QuestionView = {
  definition: NavigatorDefinition;
  page: PageDef;
  state: PageState;
  errors: readonly FieldError[];
  action: string;
  backHref: string;
  progress: { index: number; total: number };
  city: CityConfig;
};

export function questionPage(ctx: PageContext, view: QuestionView): PageOptions {
  const { locale } = ctx;
  const title = localize(view.page.title, locale);
  return {
    title,
    hasErrors: view.errors.length > 0,
    body: html`${stylesheets()}${backLink(view.backHref, m(locale, "back.previous"))}
<div class="narrow">
${errorSummary(locale, view.errors.map((e) => ({ field: e.field, message: e.message })))}
<p class="caption">${localize(view.definition.title, locale)} — ${m(locale, "question.progress", view.progress)}</p>
<h1>${title}</h1>
<form method="post" action="${view.action}" novalidate>
${csrfField(ctx)}
${renderQuestions(view.page, { ...view.state, errors: view.errors }, locale)}
<div class="button-group"><button class="button" type="submit">${m(locale, "question.continue")}</button></div>
</form>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Result

export type ResultView = {
  definition: NavigatorDefinition;
  version: number;
  checklist: Checklist;
  /** Question page URL with the answers, for the 「変更」 links. */
  changeHref: (questionId: string) => string;
  /** The last question answered. */
  backHref: string;
  /** Absolute URL of this result (the permalink). */
  permalink: string;
  sendAction: string;
  send: { email: string; errors: FieldError[]; sent: boolean };
  city: CityConfig;
};

/** What a deadline counts from, in words: 「引越しの日」 from 「引越しの日はいつですか」. */
export function dateLabel(questionLabel: string, locale: Locale): string {
  if (locale === "ja") {
    const stripped = questionLabel.replace(/はいつですか[？?]?$/u, "");
    return stripped !== questionLabel && /日(（[^）]*）)?$/u.test(stripped) ? stripped : m(locale, "deadline.fromQuestion", { label: questionLabel });
  }
  return m(locale, "deadline.fromQuestion", { label: questionLabel });
}

function deadlineBlock(item: ChecklistItem, locale: Locale, definition: NavigatorDefinition): HtmlValue {
  if (!item.deadline) return "";
  const fromQuestion = definition.questions.find((q) => q.id === item.deadline!.rule.from);
  const left = daysLeftText(item.deadline, locale);
  const urgent = item.deadline.daysLeft !== null && item.deadline.daysLeft <= 3;
  return html`<div class="nav-facts__row"><dt>${m(locale, "result.deadline")}</dt><dd>
<strong>${deadlineText(item.deadline, locale)}</strong>${left ? html` <span class="nav-left${urgent ? " nav-left--urgent" : ""}">${left}</span>` : ""}
<br><span class="nav-basis">${ruleText(item.deadline, locale, fromQuestion ? dateLabel(localize(fromQuestion.label, locale), locale) : undefined)}・${localize(item.deadline.rule.basis, locale)}</span>
</dd></div>`;
}

function itemActions(item: ChecklistItem, locale: Locale): HtmlValue {
  const actions: SafeHtml[] = [];
  if (item.startHref) actions.push(html`<a class="button" href="${item.startHref}">${m(locale, "result.applyOnline")}<span class="visually-hidden">：${localize(item.title, locale)}</span></a>`);
  if (item.procedure) actions.push(html`<a href="${item.procedure.href}">${m(locale, "result.procedurePage")}<span class="visually-hidden">：${localize(item.title, locale)}</span></a>`);
  if (item.where.url) actions.push(externalLink(item.where.url, m(locale, item.group === "online" && !item.procedure ? "result.openService" : "result.moreInfo"), locale));
  return actions.length > 0 ? html`<p class="nav-actions">${actions}</p>` : "";
}

function itemCard(item: ChecklistItem, locale: Locale, definition: NavigatorDefinition): SafeHtml {
  const id = `item-${item.id}`;
  return html`<article class="nav-item" aria-labelledby="${id}">
<h3 id="${id}">${localize(item.title, locale)}</h3>
<dl class="nav-facts">
${deadlineBlock(item, locale, definition)}
<div class="nav-facts__row"><dt>${m(locale, "result.where")}</dt><dd>${localize(item.where.place, locale)}</dd></div>
${item.bring.length > 0 ? html`<div class="nav-facts__row"><dt>${m(locale, "result.bring")}</dt><dd><ul>${item.bring.map((b) => html`<li>${localize(b, locale)}</li>`)}</ul></dd></div>` : ""}
<div class="nav-facts__row"><dt>${m(locale, "result.why")}</dt><dd>${localize(item.why, locale)}</dd></div>
</dl>
${itemActions(item, locale)}
</article>`;
}

function answersSummary(view: ResultView, locale: Locale): SafeHtml {
  const form = formOf(view.definition);
  const rows = view.definition.questions
    .filter((q) => view.checklist.answers[q.id] !== undefined)
    .map((q) => {
      const page = form.pages.find((p) => p.id === q.id)!;
      const question = page.questions[0]!;
      const label = localize(q.label, locale);
      return html`<div class="summary-list__row">
<dt class="summary-list__key">${label}</dt>
<dd class="summary-list__value">${handlerFor(question.type).display(question, view.checklist.answers[q.id] as AnswerValue, locale)}</dd>
<dd class="summary-list__actions nav-noprint"><a href="${view.changeHref(q.id)}">${m(locale, "result.change")}<span class="visually-hidden">：${label}</span></a></dd>
</div>`;
    });
  return html`<dl class="summary-list">${rows}</dl>`;
}

export function resultPage(ctx: PageContext, view: ResultView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "result.title", { title: localize(view.definition.title, locale) });
  const items = view.checklist.items;
  const dated = items.filter((i) => i.deadline?.computed).sort((a, b) => (a.deadline!.computed!.date < b.deadline!.computed!.date ? -1 : 1));
  const nearest = dated[0];
  const groups = GROUPS.map((group) => {
    const inGroup = items.filter((i) => i.group === group);
    if (inGroup.length === 0) return "";
    return html`<section class="nav-group nav-group--${group}" aria-labelledby="group-${group}">
<h2 id="group-${group}">${m(locale, `group.${group}`)} <span class="nav-count">${m(locale, "result.count", { count: inGroup.length })}</span></h2>
<p class="muted">${m(locale, `group.${group}.lead`)}</p>
${inGroup.map((item) => itemCard(item, locale, view.definition))}
</section>`;
  });
  const sendErrors = view.send.errors;
  return {
    title,
    hasErrors: sendErrors.length > 0,
    body: html`${stylesheets()}${backLink(view.backHref, m(locale, "back.previous"))}
${errorSummary(locale, sendErrors.map((e) => ({ field: e.field, message: e.message })))}
${view.send.sent ? html`<div class="panel panel--success" role="status"><p>${m(locale, "send.sent")}</p></div>` : ""}
${cityBanner(view.city, locale, "navigator")}
<h1>${title}</h1>
<p class="lead">${items.length === 0 ? m(locale, "result.none") : m(locale, "result.lead", { count: items.length })}</p>
${nearest ? html`<div class="panel panel--notice"><p>${m(locale, "result.nearest", { title: localize(nearest.title, locale), date: deadlineText(nearest.deadline!, locale) })}</p></div>` : ""}
${groups}
<section aria-labelledby="answers-title">
<h2 id="answers-title">${m(locale, "result.answersTitle")}</h2>
${answersSummary(view, locale)}
</section>
<section class="nav-keep nav-noprint" aria-labelledby="keep-title">
<h2 id="keep-title">${m(locale, "keep.title")}</h2>
<h3>${m(locale, "keep.saveTitle")}</h3>
<p>${m(locale, "keep.saveText")}</p>
<div class="field"><label class="field__label" for="permalink">${m(locale, "keep.permalinkLabel")}</label>
<input class="input nav-permalink" id="permalink" type="text" readonly value="${view.permalink}"></div>
<p><a href="${view.permalink}">${m(locale, "keep.permalinkLink")}</a></p>
<h3>${m(locale, "keep.printTitle")}</h3>
<p>${m(locale, "keep.printText")}</p>
<p><button class="button button--secondary" type="button" data-print hidden>${m(locale, "keep.printButton")}</button></p>
<h3 id="send-title">${m(locale, "send.title")}</h3>
<p>${m(locale, "send.text")}</p>
<form method="post" action="${view.sendAction}" novalidate aria-labelledby="send-title">
${csrfField(ctx)}
<div class="field${sendErrors.length > 0 ? " field--error" : ""}">
<label class="field__label" for="email">${m(locale, "send.emailLabel")}</label>
<span class="field__hint" id="email-hint">${m(locale, "send.emailHint")}</span>
${sendErrors.map((e) => html`<span class="field__error" id="email-error"><span class="visually-hidden">${m(locale, "errorPrefix")}</span>${e.message}</span>`)}
<input class="input" id="email" name="email" type="email" autocomplete="email" spellcheck="false" value="${view.send.email}" aria-describedby="email-hint${sendErrors.length > 0 ? " email-error" : ""}"${sendErrors.length > 0 ? html` aria-invalid="true"` : ""}>
</div>
<button class="button" type="submit">${m(locale, "send.button")}</button>
</form>
</section>
<p class="muted">${m(locale, "result.disclaimer", { version: view.version })}</p>
<p class="nav-noprint"><a href="/support-programmes">${m(locale, "result.finderLink")}</a></p>
<script src="/navigator/assets/print.js" defer></script>`,
  };
}
