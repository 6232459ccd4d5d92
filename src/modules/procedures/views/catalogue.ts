/**
 * The catalogue (/procedures): a search box, results as cards, and browse lists by life event,
 * category and department. A search without results says so and suggests browsing.
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import type { CatalogueResult } from "../commands/search-catalogue.ts";
import type { CatalogueRow, Facet } from "../queries.ts";
import { channelTag, m } from "./components.ts";

export type CatalogueView = {
  q: string;
  /** The filters in use, with their names for the heading. */
  filters: { event?: { code: string; name: LocalizedText }; category?: { code: string; name: LocalizedText }; department?: { code: string; name: LocalizedText } };
  /** null when nothing was asked (the start of the catalogue: browse lists only). */
  results: CatalogueResult[] | null;
  /** Whether all procedures were asked for (?all=1). */
  all: boolean;
  /** Most used procedures, shown at the start of the catalogue. */
  popular: CatalogueRow[];
  events: Facet[];
  categories: Facet[];
  departments: Facet[];
};

function card(locale: Locale, p: CatalogueRow): HtmlValue {
  return html`<li class="card">
<h3><a href="/procedures/${p.slug}">${localize(p.title, locale)}</a></h3>
<p>${localize(p.summary, locale)}</p>
<p class="card__meta">${channelTag(p.channel, locale)}</p>
</li>`;
}

function browseList(locale: Locale, heading: string, param: string, facets: Facet[]): HtmlValue {
  const items = facets
    .filter((f) => f.count > 0)
    .map((f) => html`<li><a href="/procedures?${param}=${encodeURIComponent(f.code)}">${localize(f.name, locale)}</a><span class="muted">${m(locale, "catalogue.count", { count: f.count })}</span></li>`);
  if (items.length === 0) return "";
  return html`<section class="browse" aria-labelledby="browse-${param}">
<h2 id="browse-${param}">${heading}</h2>
<ul class="link-list">${items}</ul>
</section>`;
}

function resultsHeading(locale: Locale, view: CatalogueView): string {
  if (view.q) return m(locale, "catalogue.resultsFor", { q: view.q });
  const { event, category, department } = view.filters;
  if (event && !category && !department) return m(locale, "catalogue.eventTitle", { name: localize(event.name, locale) });
  if (category && !event && !department) return m(locale, "catalogue.categoryTitle", { name: localize(category.name, locale) });
  if (department && !event && !category) return m(locale, "catalogue.departmentTitle", { name: localize(department.name, locale) });
  if (view.all && !event && !category && !department) return m(locale, "catalogue.allTitle");
  const names = [event, category, department].filter((f) => f !== undefined).map((f) => localize(f.name, locale));
  return m(locale, "catalogue.filteredBy", { filters: names.join(locale === "ja" ? "、" : ", ") });
}

export function cataloguePage(ctx: PageContext, view: CatalogueView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "catalogue.title");
  const { event, category, department } = view.filters;
  const hiddenFilters = [
    event ? html`<input type="hidden" name="event" value="${event.code}">` : "",
    category ? html`<input type="hidden" name="category" value="${category.code}">` : "",
    department ? html`<input type="hidden" name="department" value="${department.code}">` : "",
  ];
  const hasFilters = Boolean(event || category || department);
  let results: HtmlValue = "";
  if (view.results) {
    const heading = resultsHeading(locale, view);
    const list =
      view.results.length === 0
        ? view.q
          ? html`<p><strong>${m(locale, "catalogue.noResults", { q: view.q })}</strong></p><p>${m(locale, "catalogue.noResultsHelp")}</p>`
          : html`<p>${m(locale, "catalogue.noneInList")}</p>`
        : html`<p>${m(locale, "catalogue.resultsCount", { count: view.results.length })}</p>
<ul class="card-list">${view.results.map((p) => card(locale, p))}</ul>`;
    results = html`<section aria-labelledby="results-heading">
<h2 id="results-heading">${heading}</h2>
${list}
${hasFilters || view.q ? html`<p><a href="/procedures">${m(locale, "catalogue.clearFilters")}</a></p>` : ""}
</section>`;
  }
  return {
    title: view.q ? `${m(locale, "catalogue.resultsFor", { q: view.q })}` : title,
    body: html`<h1>${title}</h1>
<p class="lead">${m(locale, "catalogue.lead")}</p>
<form method="get" action="/procedures" role="search" class="search">
<div class="field">
<label class="field__label" for="q">${m(locale, "catalogue.searchLabel")}</label>
<div class="field__hint" id="q-hint">${m(locale, "catalogue.searchHint")}</div>
<div class="search__row">
<input class="input" type="search" id="q" name="q" value="${view.q}" aria-describedby="q-hint" maxlength="200" autocomplete="off" enterkeyhint="search">
${hiddenFilters}
<button class="button" type="submit">${m(locale, "catalogue.searchButton")}</button>
</div>
</div>
</form>
${results}
${view.results === null && view.popular.length > 0
  ? html`<section aria-labelledby="popular-heading"><h2 id="popular-heading">${m(locale, "catalogue.popular")}</h2>
<ul class="card-list">${view.popular.map((p) => card(locale, p))}</ul></section>`
  : ""}
${browseList(locale, m(locale, "catalogue.browseEvents"), "event", view.events)}
${browseList(locale, m(locale, "catalogue.browseCategories"), "category", view.categories)}
${browseList(locale, m(locale, "catalogue.browseDepartments"), "department", view.departments)}
${view.all ? "" : html`<p><a href="/procedures?all=1">${m(locale, "catalogue.allProcedures")}</a></p>`}`,
  };
}
