/**
 * Shelter pages. The public list, detail and map pages stay light for congested networks (no images,
 * no scripts on the list; one small stylesheet) and work without JavaScript: filters are a GET form,
 * lists are paged. Staff edit a shelter's state from a phone with a plain form.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { ACCESSIBILITY_ITEMS, SHELTER_STATUSES, SUPPLY_ITEMS, SUPPLY_LEVELS, type ShelterUpdate } from "../commands/update-shelter.ts";
import { SHELTER_HAZARDS } from "../commands/import-shelters.ts";
import type { Shelter, ShelterFilter } from "../queries.ts";
import { WARDS, wardName } from "../wards.ts";
import { evacuationTag, m, select, staffNav, stylesheet, textField, timeTag } from "./common.ts";

export const SHELTER_PAGE_SIZE = 50;

export type ShelterListView = {
  filter: ShelterFilter;
  page: number;
  total: number;
  shelters: Shelter[];
  counts: Array<{ wardCode: string | null; total: number; open: number }>;
  evacuation: Map<string, { level: number; at: Date }>;
  staff: boolean;
};

function statusWord(locale: Locale, status: Shelter["status"]): SafeHtml {
  return html`<span class="shelter-status shelter-status--${status}">${m(locale, `shelter.status.${status}`)}</span>`;
}

function query(filter: ShelterFilter, page?: number): string {
  const params = new URLSearchParams();
  if (filter.ward) params.set("ward", filter.ward);
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.hazard) params.set("hazard", filter.hazard);
  if (filter.openOnly) params.set("open", "1");
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function evacuationBanner(locale: Locale, evacuation: ShelterListView["evacuation"]): HtmlValue {
  if (evacuation.size === 0) return "";
  const byLevel = [5, 4, 3].map((level) => ({ level, wards: WARDS.filter((w) => evacuation.get(w.code)?.level === level) })).filter((g) => g.wards.length > 0);
  return html`<div class="panel panel--notice evacuation-banner" role="region" aria-labelledby="evacuation-now"><h2 id="evacuation-now">${m(locale, "public.evacuationNow")}</h2>
<ul>${byLevel.map((g) => html`<li>${evacuationTag(locale, g.level)}：${g.wards.map((w) => wardName(w.code, locale)).join(locale === "ja" ? "、" : ", ")}</li>`)}</ul></div>`;
}

export function shelterListPage(ctx: PageContext, view: ShelterListView): PageOptions {
  const { locale } = ctx;
  const base = view.staff ? "/staff/disaster/shelters" : "/shelters";
  const filter = view.filter;
  const pages = Math.max(1, Math.ceil(view.total / SHELTER_PAGE_SIZE));
  const showList = Boolean(filter.ward || filter.openOnly || filter.hazard);
  const form = html`<form method="get" action="${base}" class="filters shelter-filters">
${select({ name: "ward", id: "ward", label: m(locale, "shelter.ward"), values: WARDS.map((w) => w.code), selected: filter.ward, text: (c) => wardName(c, locale), empty: m(locale, "shelter.allWards") })}
${select({ name: "kind", id: "kind", label: m(locale, "shelter.kind"), values: ["evacuation", "emergency"], selected: filter.kind, text: (k) => m(locale, `shelter.kind.${k}`), empty: m(locale, "shelter.allKinds") })}
${select({ name: "hazard", id: "hazard", label: m(locale, "shelter.hazard"), values: SHELTER_HAZARDS, selected: filter.hazard, text: (h) => m(locale, `hazard.${h}`), empty: m(locale, "shelter.anyHazard") })}
<div class="field"><div class="choice"><input class="choice__input" type="checkbox" name="open" value="1" id="open"${filter.openOnly ? html` checked` : ""}><label class="choice__label" for="open">${m(locale, "shelter.openOnly")}</label></div></div>
<button class="button" type="submit">${m(locale, "shelter.show")}</button>
</form>`;
  const wardTable = html`<h2>${m(locale, "shelter.byWard")}</h2><table class="compact"><caption class="visually-hidden">${m(locale, "shelter.byWard")}</caption>
<thead><tr><th scope="col">${m(locale, "shelter.ward")}</th><th scope="col">${m(locale, "shelter.total")}</th><th scope="col">${m(locale, "shelter.openCount")}</th></tr></thead><tbody>
${WARDS.map((w) => {
  const count = view.counts.find((c) => c.wardCode === w.code);
  return html`<tr><th scope="row"><a href="${base}?ward=${w.code}">${wardName(w.code, locale)}</a></th><td>${count?.total ?? 0}</td><td>${count?.open ?? 0}</td></tr>`;
})}</tbody></table>`;
  const list = html`<h2 id="results">${m(locale, "shelter.results", { count: view.total })}</h2>
${view.shelters.length === 0 ? html`<p>${m(locale, "shelter.none")}</p>` : html`<ul class="shelter-list">${view.shelters.map((s) => html`<li><a href="${base}/${s.id}">${s.name}</a> ${statusWord(locale, s.status)}<br><span class="muted">${m(locale, `shelter.kind.${s.kind}`)}${s.status !== "closed" && s.capacity ? ` ・${m(locale, "shelter.occupancyShort", { occupancy: s.occupancy, capacity: s.capacity })}` : ""}</span></li>`)}</ul>`}
${pages > 1 ? html`<nav class="pagination" aria-label="${m(locale, "shelter.pages")}"><p>${m(locale, "shelter.pageOf", { page: view.page, pages })}</p><ul>
${view.page > 1 ? html`<li><a href="${base}${query(filter, view.page - 1)}" rel="prev">${m(locale, "shelter.prev")}</a></li>` : ""}
${view.page < pages ? html`<li><a href="${base}${query(filter, view.page + 1)}" rel="next">${m(locale, "shelter.next")}</a></li>` : ""}</ul></nav>` : ""}`;
  return {
    title: m(locale, view.staff ? "staffShelter.title" : "public.sheltersTitle"),
    area: view.staff ? "staff" : "resident",
    body: html`${stylesheet()}${view.staff ? staffNav(ctx, "/staff/disaster/shelters") : ""}
<h1>${m(locale, view.staff ? "staffShelter.title" : "public.sheltersTitle")}</h1>
<p class="lead">${m(locale, view.staff ? "staffShelter.lead" : "public.sheltersLead")}</p>
${view.staff ? "" : evacuationBanner(locale, view.evacuation)}
${view.staff ? "" : html`<p><a href="/shelters/map${query(filter)}">${m(locale, "public.mapLink")}</a></p>`}
${form}
${showList ? list : wardTable}
${view.staff ? "" : html`<p class="caption">${m(locale, "public.source")}</p>`}`,
  };
}

function factsList(locale: Locale, shelter: Shelter): SafeHtml {
  const row = (key: string, value: HtmlValue) => html`<div class="summary-list__row"><dt class="summary-list__key">${m(locale, key)}</dt><dd class="summary-list__value">${value}</dd></div>`;
  const accessibility = ACCESSIBILITY_ITEMS.filter((item) => shelter.accessibility[item]).map((item) => m(locale, `access.${item}`));
  const supplies = SUPPLY_ITEMS.filter((item) => shelter.supplies[item]).map((item) => `${m(locale, `supply.${item}`)}：${m(locale, `supplyLevel.${shelter.supplies[item]}`)}`);
  return html`<dl class="summary-list">
${row("shelter.statusLabel", statusWord(locale, shelter.status))}
${row("shelter.occupancy", shelter.capacity !== null ? m(locale, "shelter.occupancyShort", { occupancy: shelter.occupancy, capacity: shelter.capacity }) : m(locale, "shelter.occupancyOnly", { occupancy: shelter.occupancy }))}
${row("shelter.kind", m(locale, `shelter.kind.${shelter.kind}`))}
${row("shelter.address", shelter.address)}
${row("shelter.ward", wardName(shelter.wardCode, locale))}
${shelter.hazards.length > 0 ? row("shelter.hazards", shelter.hazards.map((h) => m(locale, `hazard.${h}`)).join(locale === "ja" ? "、" : ", ")) : ""}
${shelter.accepts ? row("shelter.accepts", shelter.accepts === "要配慮者" ? m(locale, "shelter.acceptsVulnerable") : shelter.accepts) : ""}
${row("shelter.accessibility", accessibility.length > 0 ? accessibility.join(locale === "ja" ? "、" : ", ") : m(locale, "shelter.unknown"))}
${supplies.length > 0 ? row("shelter.supplies", supplies.join(locale === "ja" ? "、" : ", ")) : ""}
${row("shelter.location", html`${shelter.lat.toFixed(5)}, ${shelter.lon.toFixed(5)}`)}
${row("shelter.updated", timeTag(shelter.updatedAt, locale))}
</dl>
${shelter.demo ? html`<p class="caption">${m(locale, "shelter.demoNote")}</p>` : ""}`;
}

export function shelterPage(ctx: PageContext, shelter: Shelter): PageOptions {
  const { locale } = ctx;
  return {
    title: shelter.name,
    body: html`${stylesheet()}<p><a href="/shelters?ward=${shelter.wardCode ?? ""}">${m(locale, "public.backToList")}</a></p>
<h1>${shelter.name}</h1>
${factsList(locale, shelter)}
<p><a href="/shelters/map?focus=${shelter.id}">${m(locale, "public.showOnMap")}</a></p>
<p class="caption">${m(locale, "public.source")}</p>`,
  };
}

export type ShelterEditState = { values: ShelterUpdate; errors: Array<{ field: string; message: string }>; conflict?: boolean; done?: boolean };

export function staffShelterPage(ctx: PageContext, shelter: Shelter, state: ShelterEditState | null): PageOptions {
  const { locale } = ctx;
  const values: ShelterUpdate = state?.values ?? { status: shelter.status, occupancy: shelter.occupancy, capacity: shelter.capacity, supplies: shelter.supplies, accessibility: shelter.accessibility };
  const error = (field: string) => state?.errors.find((e) => e.field === field)?.message;
  const statusField = html`<div class="field"><fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "shelter.statusLabel")}</legend><div class="choices">
${SHELTER_STATUSES.map((s) => html`<div class="choice"><input class="choice__input" type="radio" name="status" value="${s}" id="status-${s}"${values.status === s ? html` checked` : ""}><label class="choice__label" for="status-${s}">${m(locale, `shelter.status.${s}`)}</label></div>`)}
</div></fieldset></div>`;
  const supplies = html`<div class="field"><fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "shelter.supplies")}</legend>
${SUPPLY_ITEMS.map((item) => select({ name: `supply.${item}`, id: `supply-${item}`, label: m(locale, `supply.${item}`), values: SUPPLY_LEVELS, selected: values.supplies[item], text: (v) => m(locale, `supplyLevel.${v}`), empty: m(locale, "shelter.unknown") }))}
</fieldset></div>`;
  const access = html`<div class="field"><fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "shelter.accessibility")}</legend><div class="choices">
${ACCESSIBILITY_ITEMS.map((item) => html`<div class="choice"><input class="choice__input" type="checkbox" name="access" value="${item}" id="access-${item}"${values.accessibility[item] ? html` checked` : ""}><label class="choice__label" for="access-${item}">${m(locale, `access.${item}`)}</label></div>`)}
</div></fieldset></div>`;
  return {
    title: shelter.name,
    area: "staff",
    hasErrors: (state?.errors.length ?? 0) > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/shelters")}
<p><a href="/staff/disaster/shelters?ward=${shelter.wardCode ?? ""}">${m(locale, "staffShelter.back")}</a></p>
${errorSummary(locale, state?.errors.map((e) => ({ field: e.field, message: e.message })) ?? [])}
${state?.conflict ? html`<div class="panel panel--notice" role="alert"><p>${m(locale, "staffShelter.conflict")}</p></div>` : ""}
${state?.done ? html`<div class="panel panel--success" role="status"><p>${m(locale, "staffShelter.saved")}</p></div>` : ""}
<h1>${shelter.name}</h1>
${factsList(locale, shelter)}
<h2>${m(locale, "staffShelter.update")}</h2>
<form method="post" action="/staff/disaster/shelters/${shelter.id}" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${shelter.revision}">
${statusField}
${textField({ name: "occupancy", id: "occupancy", label: m(locale, "shelter.occupancyLabel"), value: String(values.occupancy), inputmode: "numeric", short: true, ...(error("occupancy") ? { error: error("occupancy")! } : {}) })}
${textField({ name: "capacity", id: "capacity", label: m(locale, "shelter.capacityLabel"), hint: m(locale, "shelter.capacityHint"), value: values.capacity === null ? "" : String(values.capacity), inputmode: "numeric", short: true, ...(error("capacity") ? { error: error("capacity")! } : {}) })}
${supplies}
${access}
<button class="button" type="submit">${m(locale, "staffShelter.save")}</button>
</form>`,
  };
}

export function shelterMapPage(ctx: PageContext, options: { filter: ShelterFilter; focus: string | null }): PageOptions {
  const { locale } = ctx;
  const params = new URLSearchParams();
  if (options.filter.kind) params.set("kind", options.filter.kind);
  if (options.filter.openOnly) params.set("open", "1");
  return {
    title: m(locale, "public.mapTitle"),
    body: html`${stylesheet()}<link rel="stylesheet" href="/vendor/maplibre-gl/maplibre-gl.css">
<p><a href="/shelters">${m(locale, "public.backToList")}</a></p>
<h1>${m(locale, "public.mapTitle")}</h1>
<p>${m(locale, "public.mapLead")}</p>
<div id="map" class="map" data-layers="shelters" data-shelters="/shelters.geojson${params.toString() ? `?${params}` : ""}"${options.focus ? html` data-focus="${options.focus}"` : ""} data-detail-base="/shelters/" data-label-open="${m(locale, "shelter.status.open")}" data-label-full="${m(locale, "shelter.status.full")}" data-label-closed="${m(locale, "shelter.status.closed")}" role="region" aria-label="${m(locale, "public.mapTitle")}">
<p class="map__fallback">${m(locale, "public.mapNoScript")} <a href="/shelters">${m(locale, "public.mapListLink")}</a></p>
</div>
<script type="module" src="/static/disaster/map.js"></script>`,
  };
}
