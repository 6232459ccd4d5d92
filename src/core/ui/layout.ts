/**
 * The page shell every resident and staff page uses: skip link, header with navigation and
 * language switcher, main landmark, footer. Server-rendered, no JavaScript needed.
 */
import { LANGUAGE_NAMES, LOCALES, t, type Locale } from "../i18n/index.ts";
import type { Actor } from "../http/actor.ts";
import { html, type HtmlValue, type SafeHtml } from "./html.ts";
import "./messages.ts";

export type PageContext = {
  locale: Locale;
  actor: Actor | null;
  csrfToken: string;
  /** Path and query of the current page, for the language switcher. */
  currentUrl: string;
};

export type PageOptions = {
  /** The page's own heading; the document title becomes "<title> | <site>". */
  title: string;
  /** Prefix the document title with "エラー: " when the page shows validation errors (GOV.UK pattern). */
  hasErrors?: boolean;
  body: HtmlValue;
  /** Staff pages get the staff navigation. */
  area?: "resident" | "staff";
};

export function layout(ctx: PageContext, options: PageOptions): SafeHtml {
  const { locale, actor } = ctx;
  const documentTitle = `${options.hasErrors ? `${t(locale, "core.errors.title")}: ` : ""}${options.title} | ${t(locale, "core.siteName")}`;
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle}</title>
<link rel="stylesheet" href="/static/machi.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">${t(locale, "core.skipToContent")}</a>
<header class="header">
  <div class="header__inner">
    <a class="header__brand" href="${options.area === "staff" ? "/staff" : "/"}">${t(locale, "core.siteName")}</a>
    <nav class="header__nav" aria-label="${locale === "ja" ? "メインメニュー" : "Main menu"}">
      <ul>
        ${options.area === "staff"
          ? html`<li><a href="/staff">${t(locale, "core.navStaff")}</a></li>`
          : html`<li><a href="/procedures">${t(locale, "core.navCatalogue")}</a></li>
        ${actor?.kind === "resident" ? html`<li><a href="/my">${t(locale, "core.navMyPage")}</a></li>` : ""}`}
        ${actor
          ? html`<li><form method="post" action="/auth/sign-out" class="inline-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button class="link-button" type="submit">${t(locale, "core.navSignOut")}</button></form></li>`
          : html`<li><a href="/auth/sign-in">${t(locale, "core.navSignIn")}</a></li>`}
      </ul>
    </nav>
    ${languageSwitcher(ctx)}
  </div>
</header>
<main id="main" class="main" tabindex="-1">
${options.body}
</main>
<footer class="footer">
  <p>${t(locale, "core.footerNote")}</p>
</footer>
</body>
</html>`;
}

function languageSwitcher(ctx: PageContext): SafeHtml {
  const items = LOCALES.map((locale) => {
    if (locale === ctx.locale) return html`<li><span aria-current="true" lang="${locale}">${LANGUAGE_NAMES[locale]}</span></li>`;
    const href = `/lang/${locale}?next=${encodeURIComponent(ctx.currentUrl)}`;
    return html`<li><a href="${href}" lang="${locale}" hreflang="${locale}">${LANGUAGE_NAMES[locale]}</a></li>`;
  });
  return html`<nav class="language" aria-label="${t(ctx.locale, "core.language")}"><ul>${items}</ul></nav>`;
}

/** Error summary at the top of a page: each item links to its field (GOV.UK / DADS pattern). */
export function errorSummary(locale: Locale, errors: Array<{ field: string; message: string }>): HtmlValue {
  if (errors.length === 0) return "";
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" autofocus>
  <h2 class="error-summary__title" id="error-summary-title">${t(locale, "core.errorSummaryTitle")}</h2>
  <ul class="error-summary__list">
    ${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}
  </ul>
</div>`;
}

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}
