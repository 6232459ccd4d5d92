/** Pieces every navigator and finder page uses: stylesheets, the city banner, back links. */
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import type { CityConfig } from "../config.ts";
import { m } from "./format.ts";

/** The module's stylesheet and the city's colours (both from /navigator/assets/, CSP 'self'). */
export function stylesheets(): SafeHtml {
  return html`<link rel="stylesheet" href="/navigator/assets/navigator.css"><link rel="stylesheet" href="/navigator/assets/brand.css">`;
}

/** The city's name (and logo when configured) above the page heading. */
export function cityBanner(city: CityConfig, locale: Locale, service: "navigator" | "finder"): SafeHtml {
  const logo = city.logo ? html`<img class="nav-brand__logo" src="/navigator/assets/logo" alt="" width="40" height="40">` : "";
  return html`<p class="nav-brand">${logo}<span>${localize(city.name, locale)}</span> <span class="nav-brand__service">${m(locale, `service.${service}`)}</span></p>`;
}

export function backLink(href: string, text: string): SafeHtml {
  return html`<a class="back-link nav-noprint" href="${href}">${text}</a>`;
}

/** A link to another site, saying so (it does not open a new window). */
export function externalLink(href: string, text: string, locale: Locale): SafeHtml {
  if (href.startsWith("/")) return html`<a href="${href}">${text}</a>`;
  return html`<a href="${href}" rel="noopener">${text}<span class="nav-external">${m(locale, "externalSite")}</span></a>`;
}
