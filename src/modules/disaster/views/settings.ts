/** Settings of the 危機管理室: API keys, 自主防災組織 members, hazard zones; and the staff map page. */
import { html } from "../../../core/ui/html.ts";
import { csrfField, errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { API_SCOPES } from "../commands/api-keys.ts";
import { ZONE_HAZARDS } from "../commands/import-hazard-zone.ts";
import type { ApiKeyRow, HazardZone, Outage } from "../queries.ts";
import { WARDS, wardList, wardName } from "../wards.ts";
import { m, select, staffNav, stylesheet, textField, timeTag } from "./common.ts";

type Errors = Array<{ field: string; message: string }>;

export type SettingsView = {
  keys: ApiKeyRow[];
  members: Array<{ name: string; email: string; organisation: string; wardCode: string }>;
  zones: HazardZone[];
  canOperate: boolean;
  newKey?: { label: string; key: string };
  errors?: Errors;
  form?: "key" | "member" | "zone";
  values?: Record<string, string>;
  done?: string;
  csrfAction: string;
};

export function settingsPage(ctx: PageContext, view: SettingsView): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? [];
  const v = (name: string) => view.values?.[name] ?? "";
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const withError = (field: string) => (error(field) ? { error: error(field)! } : {});
  return {
    title: m(locale, "settings.title"),
    area: "staff",
    hasErrors: errors.length > 0,
    body: html`${stylesheet()}${staffNav(ctx, "/staff/disaster/settings")}
${errorSummary(locale, errors)}
${view.done ? html`<div class="panel panel--success" role="status"><p>${m(locale, `settings.done.${view.done}`)}</p></div>` : ""}
${view.newKey ? html`<div class="panel panel--success" role="status"><h2>${m(locale, "keys.created", { label: view.newKey.label })}</h2><p>${m(locale, "keys.showOnce")}</p><p><code class="api-key">${view.newKey.key}</code></p></div>` : ""}
<h1>${m(locale, "settings.title")}</h1>
${view.canOperate ? "" : html`<p>${m(locale, "settings.readOnly")}</p>`}
<h2 id="keys">${m(locale, "keys.title")}</h2>
<p>${m(locale, "keys.lead")}</p>
${view.keys.length === 0 ? html`<p>${m(locale, "keys.none")}</p>` : html`<ul class="link-list">${view.keys.map((k) => html`<li>${k.label} <span class="muted">${m(locale, `scope.${k.scope}`)} ・${k.keyPrefix}… ・${k.revokedAt ? m(locale, "keys.revoked") : k.lastUsedAt ? m(locale, "keys.lastUsed", { at: "" }) : m(locale, "keys.neverUsed")}${k.lastUsedAt && !k.revokedAt ? timeTag(k.lastUsedAt, locale) : ""}</span>
${!k.revokedAt && view.canOperate ? html`<form method="post" action="/staff/disaster/api-keys/${k.id}/revoke" class="inline-form">${csrfField(ctx)}<button class="link-button" type="submit">${m(locale, "keys.revoke")}<span class="visually-hidden">: ${k.label}</span></button></form>` : ""}</li>`)}</ul>`}
${view.canOperate ? html`<form method="post" action="/staff/disaster/api-keys" novalidate>${csrfField(ctx)}
${textField({ name: "label", id: "label", label: m(locale, "keys.label"), hint: m(locale, "keys.labelHint"), value: view.form === "key" ? v("label") : "", ...withError("label") })}
${select({ name: "scope", id: "scope", label: m(locale, "keys.scope"), values: API_SCOPES, selected: view.form === "key" ? v("scope") : undefined, text: (s) => m(locale, `scope.${s}`) })}
<button class="button button--secondary" type="submit">${m(locale, "keys.create")}</button></form>` : ""}
<h2 id="members">${m(locale, "members.title")}</h2>
<p>${m(locale, "members.lead")}</p>
${view.members.length === 0 ? html`<p>${m(locale, "members.none")}</p>` : html`<ul class="link-list">${view.members.map((mem) => html`<li>${mem.name} <span class="muted">${mem.organisation} ・${wardName(mem.wardCode, locale)}</span></li>`)}</ul>`}
${view.canOperate ? html`<form method="post" action="/staff/disaster/members" novalidate>${csrfField(ctx)}
${textField({ name: "email", id: "email", label: m(locale, "members.email"), value: view.form === "member" ? v("email") : "", type: "email", autocomplete: "off", ...withError("email") })}
${textField({ name: "organisation", id: "organisation", label: m(locale, "members.organisation"), hint: m(locale, "members.organisationHint"), value: view.form === "member" ? v("organisation") : "", ...withError("organisation") })}
${select({ name: "ward", id: "member-ward", label: m(locale, "field.ward"), values: WARDS.map((w) => w.code), selected: view.form === "member" ? v("ward") : undefined, text: (c) => wardName(c, locale), ...withError("member-ward") })}
<button class="button button--secondary" type="submit">${m(locale, "members.add")}</button></form>` : ""}
<h2 id="zones">${m(locale, "zones.title")}</h2>
<p>${m(locale, "zones.lead")}</p>
${view.zones.length === 0 ? html`<p>${m(locale, "zones.none")}</p>` : html`<ul class="link-list">${view.zones.map((z) => html`<li>${z.name} <span class="muted">${m(locale, `zoneHazard.${z.hazard}`)} ・${m(locale, "zones.features", { count: z.featureCount })} ・${timeTag(z.createdAt, locale)}</span></li>`)}</ul>`}
${view.canOperate ? html`<form method="post" action="${view.csrfAction}" enctype="multipart/form-data" novalidate>
${textField({ name: "name", id: "zone-name", label: m(locale, "zones.name"), value: view.form === "zone" ? v("name") : "", ...withError("zone-name") })}
${select({ name: "hazard", id: "zone-hazard", label: m(locale, "zones.hazard"), values: ZONE_HAZARDS, selected: view.form === "zone" ? v("hazard") : undefined, text: (h) => m(locale, `zoneHazard.${h}`) })}
<div class="field${error("zone-file") ? " field--error" : ""}"><label class="field__label" for="zone-file">${m(locale, "zones.file")}</label><p class="field__hint" id="zone-file-hint">${m(locale, "zones.fileHint")}</p>
${error("zone-file") ? html`<p class="field__error">${error("zone-file")}</p>` : ""}
<input class="input field__file" type="file" name="file" id="zone-file" accept=".geojson,.json,application/geo+json,application/json" aria-describedby="zone-file-hint"></div>
<button class="button button--secondary" type="submit">${m(locale, "zones.upload")}</button></form>` : ""}`,
  };
}

export function staffMapPage(ctx: PageContext, view: { outages: Outage[] }): PageOptions {
  const { locale } = ctx;
  const layers = ["shelters", "reports", "warnings", "zones", "outages"] as const;
  return {
    title: m(locale, "map.title"),
    area: "staff",
    body: html`${stylesheet()}<link rel="stylesheet" href="/vendor/maplibre-gl/maplibre-gl.css">${staffNav(ctx, "/staff/disaster/map")}
<h1>${m(locale, "map.title")}</h1>
<p>${m(locale, "map.lead")}</p>
<div id="map" class="map map--staff" data-layers="${layers.join(",")}" data-shelters="/staff/disaster/map/shelters.geojson" data-reports="/staff/disaster/map/reports.geojson" data-warnings="/staff/disaster/map/warnings.geojson" data-zones="/staff/disaster/map/zones.geojson" data-outages="/staff/disaster/map/outages.geojson" data-detail-base="/staff/disaster/shelters/" data-label-open="${m(locale, "shelter.status.open")}" data-label-full="${m(locale, "shelter.status.full")}" data-label-closed="${m(locale, "shelter.status.closed")}" role="region" aria-label="${m(locale, "map.title")}">
<p class="map__fallback">${m(locale, "map.noScript")}</p>
</div>
<h2>${m(locale, "map.legend")}</h2>
<ul class="map-legend">${layers.map((layer) => html`<li><span class="swatch swatch--${layer}" aria-hidden="true"></span>${m(locale, `map.layer.${layer}`)}</li>`)}</ul>
<h2>${m(locale, "map.outages")}</h2>
${view.outages.length === 0 ? html`<p>${m(locale, "map.noOutages")}</p>` : html`<ul class="link-list">${view.outages.map((o) => html`<li>${m(locale, `lifeline.${o.lifeline}`)}：${o.description || o.externalId} <span class="muted">${o.operator} ・${wardList(o.wards, locale)}${o.households !== null ? ` ・${m(locale, "map.households", { count: o.households })}` : ""} ・${timeTag(o.startedAt, locale)}</span></li>`)}</ul>`}
<script type="module" src="/static/disaster/map.js"></script>`,
  };
}
