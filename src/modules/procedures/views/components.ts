/**
 * Small pieces shared by the resident pages of procedures, in the stylesheet's markup
 * (public/machi.css): sending a page, the back link, status and channel tags in words,
 * notices, and a read-only answers summary.
 */
import { localize, t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { handlerFor, visiblePages, visibleQuestions, pruneAnswers, type AnswerValue, type Answers, type FileAnswer, type FormDefinition } from "../forms/index.ts";
import { statusLabel } from "../messages.ts";
import type { ApplicationStatus } from "../tables.ts";

export { sendPage } from "../../../core/ui/send-page.ts";

/** Shorthand for messages of this module. */
export function m(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return t(locale, `procedures.${key}`, params);
}

export function backLink(href: string, label: string): SafeHtml {
  return html`<p><a class="back-link" href="${href}">${label}</a></p>`;
}

/** The status in words, in a tag whose colour only repeats what the words say. */
export function statusTag(status: ApplicationStatus, locale: Locale): SafeHtml {
  return html`<strong class="status status--${status}">${statusLabel(status, locale)}</strong>`;
}

/** How to apply, in words (オンライン申請できます / 窓口で手続き / both). */
export function channelTag(channel: "online" | "counter" | "both", locale: Locale): SafeHtml {
  return html`<span class="tag tag--${channel}">${m(locale, `channel.${channel}`)}</span>`;
}

/** A success or information notice at the top of a page (announced to screen readers). */
export function notice(text: string | undefined, kind: "success" | "notice" = "success"): HtmlValue {
  if (!text) return "";
  return html`<div class="panel panel--${kind}" role="status"><p>${text}</p></div>`;
}

function isFileAnswer(value: AnswerValue): value is FileAnswer {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "fileId" in value;
}

/**
 * The answers of a submitted application, read-only: per visible page its title and a summary
 * list of its visible questions, without 「変更」 links (the engine's renderAnswersSummary always
 * adds them). Attached files link to their download.
 */
export function answersList(definition: FormDefinition, answers: Answers, locale: Locale): SafeHtml {
  const kept = pruneAnswers(definition, answers);
  const sections = visiblePages(definition, kept).map((page) => {
    const rows = visibleQuestions(definition, page, kept).map((q) => {
      const value = kept[q.id];
      let shown: SafeHtml;
      if (value === undefined) shown = html`<span class="muted">${t(locale, "forms.notAnswered")}</span>`;
      else if (q.type === "file" && isFileAnswer(value)) shown = html`<a href="/files/${value.fileId}">${handlerFor(q.type).display(q, value, locale)}</a>`;
      else shown = handlerFor(q.type).display(q, value, locale);
      return html`<div class="summary-list__row"><dt class="summary-list__key">${localize(q.label, locale)}</dt><dd class="summary-list__value">${shown}</dd></div>`;
    });
    return html`<h3>${localize(page.title, locale)}</h3><dl class="summary-list">${rows}</dl>`;
  });
  return html`${sections}`;
}
