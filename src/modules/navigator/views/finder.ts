/**
 * The support-programme finder: the list with filters, the short questionnaire (かんたん診断) that
 * ranks programmes and says which criteria matched, one programme's page, and the open-data links.
 * Plain GET forms: works without JavaScript, every state is a URL.
 */
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { CityConfig } from "../config.ts";
import { formatBothCalendars } from "../deadlines.ts";
import { AUDIENCES, BODIES, INCOME_BANDS, INDUSTRIES, PROGRAMME_KINDS, type EffectiveStatus, type SupportProgramme } from "../programmes/programme.ts";
import { checkCriteria, type FinderFilters, type FinderProfile, type RankedProgramme } from "../programmes/rank.ts";
import { backLink, cityBanner, externalLink, stylesheets } from "./common.ts";
import { criterionText, m } from "./format.ts";

/** The query string of filters and answers (to keep them across the pages). */
export function finderQuery(filters: FinderFilters, profile: FinderProfile, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  const add = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") params.set(key, String(value));
  };
  add("who", filters.who ?? profile.who);
  add("kind", filters.kind);
  add("body", filters.body);
  if (filters.includeClosed) params.set("closed", "1");
  add("industry", profile.industry);
  add("employees", profile.employees);
  add("salesDrop", profile.salesDrop);
  add("household", profile.household);
  add("income", profile.income);
  add("age", profile.age);
  add("ward", profile.ward);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

function hidden(name: string, value: string | number | undefined): HtmlValue {
  return value === undefined ? "" : html`<input type="hidden" name="${name}" value="${String(value)}">`;
}

function radios(name: string, legend: string, options: Array<{ value: string; label: string }>, selected: string): SafeHtml {
  return html`<fieldset class="fieldset"><legend class="fieldset__legend">${legend}</legend><div class="choices">
${options.map((o, i) => {
  const id = i === 0 ? name : `${name}-${i + 1}`;
  return html`<div class="choice"><input class="choice__input" type="radio" id="${id}" name="${name}" value="${o.value}"${o.value === selected ? html` checked` : ""}><label class="choice__label" for="${id}">${o.label}</label></div>`;
})}
</div></fieldset>`;
}

function select(name: string, label: string, options: Array<{ value: string; label: string }>, selected: string, error?: string, hint?: string): SafeHtml {
  return html`<div class="field${error ? " field--error" : ""}"><label class="field__label" for="${name}">${label}</label>
${hint ? html`<span class="field__hint" id="${name}-hint">${hint}</span>` : ""}
${error ? html`<span class="field__error" id="${name}-error">${error}</span>` : ""}
<select class="input" id="${name}" name="${name}"${error ? html` aria-invalid="true" aria-describedby="${name}-error"` : hint ? html` aria-describedby="${name}-hint"` : ""}>
${options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ""}>${o.label}</option>`)}
</select></div>`;
}

function numberField(name: string, label: string, hint: string, value: string, error?: string, suffix?: string): SafeHtml {
  const describedBy = [`${name}-hint`, error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}"><label class="field__label" for="${name}">${label}</label>
<span class="field__hint" id="${name}-hint">${hint}</span>
${error ? html`<span class="field__error" id="${name}-error">${error}</span>` : ""}
<div class="field__part"><span><input class="input input--short" id="${name}" name="${name}" type="text" inputmode="numeric" autocomplete="off" value="${value}" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ""}> ${suffix ?? ""}</span></div></div>`;
}

function statusTag(status: EffectiveStatus, programme: SupportProgramme, locale: Locale): SafeHtml {
  let text = m(locale, `status.${status}`);
  if (status === "open" && programme.deadline) text += m(locale, "status.until", { date: formatBothCalendars(programme.deadline, locale) });
  if (status === "upcoming" && programme.opensOn) text += m(locale, "status.from", { date: formatBothCalendars(programme.opensOn, locale) });
  if (status === "closed" && programme.deadline) text += m(locale, "status.endedOn", { date: formatBothCalendars(programme.deadline, locale) });
  return html`<span class="tag tag--${status}">${text}</span>`;
}

function metaList(programme: SupportProgramme, status: EffectiveStatus, locale: Locale): SafeHtml {
  return html`<ul class="programme__meta">
<li>${statusTag(status, programme, locale)}</li>
<li><span class="tag">${localize(programme.bodyName, locale)}</span></li>
<li><span class="tag">${m(locale, `kind.${programme.kind}`)}</span></li>
<li><span class="tag">${programme.audiences.map((a) => m(locale, `audience.${a}`)).join(locale === "ja" ? "・" : ", ")}</span></li>
${programme.demo ? html`<li><span class="tag tag--demo">${m(locale, "demoTag")}</span></li>` : ""}
</ul>`;
}

function criteriaList(ranked: RankedProgramme, locale: Locale, city: CityConfig, withOutcome: boolean): SafeHtml {
  const checks = ranked.checks.filter((c) => withOutcome || c.key !== "audience");
  if (checks.length === 0 && !ranked.programme.eligibility.notes) return html``;
  return html`<ul class="criteria">
${checks.map((c) =>
  withOutcome
    ? html`<li class="criteria--${c.outcome}"><span class="criteria__outcome">${m(locale, `outcome.${c.outcome}`)}</span>：${criterionText(c, locale, city)}</li>`
    : html`<li class="criteria--unknown">${criterionText(c, locale, city)}</li>`,
)}
${ranked.programme.eligibility.notes ? html`<li class="criteria--unknown">${localize(ranked.programme.eligibility.notes, locale)}</li>` : ""}
</ul>`;
}

function fitText(ranked: RankedProgramme, locale: Locale): string {
  if (ranked.unmet > 0) return m(locale, "fit.unmet", { count: ranked.unmet });
  if (ranked.unknown > 0) return m(locale, "fit.partial", { met: ranked.met, unknown: ranked.unknown });
  return m(locale, "fit.all", { met: ranked.met });
}

function programmeCard(ranked: RankedProgramme, locale: Locale, city: CityConfig, ranking: boolean, detailQuery: string): SafeHtml {
  const p = ranked.programme;
  return html`<article class="programme${ranked.status === "closed" ? " programme--closed" : ""}" aria-labelledby="programme-${p.id}">
<h2 id="programme-${p.id}"><a href="/support-programmes/${p.id}${detailQuery ? `?${detailQuery}` : ""}">${localize(p.title, locale)}</a></h2>
${metaList(p, ranked.status, locale)}
<p>${localize(p.summary, locale)}</p>
${p.amount ? html`<p><strong>${m(locale, "programme.amount")}：</strong>${localize(p.amount, locale)}</p>` : ""}
${ranking ? html`<p class="fit">${fitText(ranked, locale)}</p>` : html`<p class="fit">${m(locale, "programme.criteria")}</p>`}
${criteriaList(ranked, locale, city, ranking)}
</article>`;
}

export type FinderView = {
  filters: FinderFilters;
  profile: FinderProfile;
  ranking: boolean;
  results: RankedProgramme[];
  total: number;
  city: CityConfig;
};

function downloads(locale: Locale, city: CityConfig): SafeHtml {
  return html`<section aria-labelledby="open-data-title">
<h2 id="open-data-title">${m(locale, "openData.title")}</h2>
<p>${m(locale, "openData.text", { license: city.openDataLicense })}</p>
<ul class="finder-downloads">
<li><a href="/support-programmes.json" download>${m(locale, "openData.json")}</a></li>
<li><a href="/support-programmes.csv" download>${m(locale, "openData.csv")}</a></li>
<li><a href="/support-programmes.csv?encoding=shift_jis" download>${m(locale, "openData.csvSjis")}</a></li>
<li><a href="/support-programmes.schema.json">${m(locale, "openData.schema")}</a></li>
</ul>
</section>`;
}

function profileSummary(view: FinderView, locale: Locale): SafeHtml {
  const p = view.profile;
  const parts: string[] = [];
  if (p.who) parts.push(m(locale, `audience.${p.who}`));
  if (p.industry) parts.push(m(locale, `industry.${p.industry}`));
  if (p.employees !== undefined) parts.push(m(locale, "profile.employees", { count: p.employees }));
  if (p.salesDrop !== undefined) parts.push(m(locale, "profile.salesDrop", { percent: p.salesDrop }));
  if (p.household !== undefined) parts.push(m(locale, "profile.household", { count: p.household }));
  if (p.income) parts.push(m(locale, `income.${p.income}`));
  if (p.age !== undefined) parts.push(m(locale, "profile.age", { age: p.age }));
  if (p.ward) {
    const ward = view.city.wards.find((w) => w.code === p.ward);
    if (ward) parts.push(localize(ward.name, locale));
  }
  return html`<div class="panel"><p><strong>${m(locale, "profile.title")}</strong>${parts.join(locale === "ja" ? "、" : ", ")}</p>
<p><a href="/support-programmes/check?${finderQuery(view.filters, view.profile)}">${m(locale, "profile.change")}</a>　<a href="/support-programmes?${finderQuery(view.filters, {})}">${m(locale, "profile.clear")}</a></p></div>`;
}

export function finderPage(ctx: PageContext, view: FinderView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "finder.title");
  const { filters, profile } = view;
  const keepProfile = [
    hidden("industry", profile.industry),
    hidden("employees", profile.employees),
    hidden("salesDrop", profile.salesDrop),
    hidden("household", profile.household),
    hidden("income", profile.income),
    hidden("age", profile.age),
    hidden("ward", profile.ward),
  ];
  const detailQuery = finderQuery(filters, profile);
  return {
    title,
    body: html`${stylesheets()}${cityBanner(view.city, locale, "finder")}
<h1>${title}</h1>
<p class="lead">${m(locale, "finder.lead", { city: localize(view.city.name, locale), prefecture: localize(view.city.prefecture, locale) })}</p>
${view.ranking ? profileSummary(view, locale) : html`<p><a class="button" href="/support-programmes/check?${finderQuery(filters, profile)}">${m(locale, "finder.checkButton")}</a></p>`}
<form class="finder-filters" method="get" action="/support-programmes">
<h2 class="visually-hidden">${m(locale, "filters.title")}</h2>
${radios("who", m(locale, "filters.who"), [{ value: "", label: m(locale, "filters.any") }, ...AUDIENCES.map((a) => ({ value: a, label: m(locale, `audience.${a}`) }))], filters.who ?? "")}
${select("kind", m(locale, "filters.kind"), [{ value: "", label: m(locale, "filters.any") }, ...PROGRAMME_KINDS.map((k) => ({ value: k, label: m(locale, `kind.${k}`) }))], filters.kind ?? "")}
${radios("body", m(locale, "filters.body"), [{ value: "", label: m(locale, "filters.any") }, ...BODIES.map((b) => ({ value: b, label: m(locale, `body.${b}`) }))], filters.body ?? "")}
<div class="choice"><input class="choice__input" type="checkbox" id="closed" name="closed" value="1"${filters.includeClosed ? html` checked` : ""}><label class="choice__label" for="closed">${m(locale, "filters.closed")}</label></div>
${keepProfile}
<div class="button-group"><button class="button button--secondary" type="submit">${m(locale, "filters.apply")}</button></div>
</form>
<p role="status">${m(locale, "finder.count", { count: view.results.length, total: view.total })}</p>
${view.results.map((r) => programmeCard(r, locale, view.city, view.ranking, detailQuery))}
${view.results.length === 0 ? html`<p>${m(locale, "finder.none")}</p>` : ""}
${downloads(locale, view.city)}`,
  };
}

export type CheckView = {
  filters: FinderFilters;
  profile: FinderProfile;
  /** Values as typed (kept after an error). */
  typed: Record<string, string>;
  errors: Array<{ field: string; message: string }>;
  city: CityConfig;
};

export function checkPage(ctx: PageContext, view: CheckView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "check.title");
  const err = (field: string) => view.errors.find((e) => e.field === field)?.message;
  const typed = (field: string) => view.typed[field] ?? "";
  return {
    title,
    hasErrors: view.errors.length > 0,
    body: html`${stylesheets()}${backLink(`/support-programmes?${finderQuery(view.filters, view.profile)}`, m(locale, "back.finder"))}
<div class="narrow">
${errorSummary(locale, view.errors)}
${cityBanner(view.city, locale, "finder")}
<h1>${title}</h1>
<p>${m(locale, "check.lead")}</p>
<form method="get" action="/support-programmes" novalidate>
${hidden("kind", view.filters.kind)}${hidden("body", view.filters.body)}${view.filters.includeClosed ? hidden("closed", "1") : ""}
${radios("who", m(locale, "check.who"), AUDIENCES.map((a) => ({ value: a, label: m(locale, `audience.${a}`) })), view.profile.who ?? "")}
<h2>${m(locale, "check.businessTitle")}</h2>
${select("industry", m(locale, "check.industry"), [{ value: "", label: m(locale, "check.notAnswered") }, ...INDUSTRIES.map((i) => ({ value: i, label: m(locale, `industry.${i}`) }))], view.profile.industry ?? typed("industry"), err("industry"))}
${numberField("employees", m(locale, "check.employees"), m(locale, "check.employeesHint"), typed("employees"), err("employees"), m(locale, "unit.people"))}
${numberField("salesDrop", m(locale, "check.salesDrop"), m(locale, "check.salesDropHint"), typed("salesDrop"), err("salesDrop"), "%")}
<h2>${m(locale, "check.householdTitle")}</h2>
${numberField("household", m(locale, "check.household"), m(locale, "check.householdHint"), typed("household"), err("household"), m(locale, "unit.people"))}
${select("income", m(locale, "check.income"), [{ value: "", label: m(locale, "check.notAnswered") }, ...INCOME_BANDS.map((b) => ({ value: b, label: m(locale, `income.${b}`) }))], view.profile.income ?? typed("income"), err("income"), m(locale, "check.incomeHint"))}
${numberField("age", m(locale, "check.age"), m(locale, "check.ageHint"), typed("age"), err("age"), m(locale, "unit.years"))}
${view.city.wards.length > 0
  ? select("ward", m(locale, "check.ward"), [{ value: "", label: m(locale, "check.notAnswered") }, ...view.city.wards.map((w) => ({ value: w.code, label: localize(w.name, locale) }))], view.profile.ward ?? typed("ward"), err("ward"))
  : ""}
<div class="button-group"><button class="button" type="submit">${m(locale, "check.submit")}</button></div>
</form>
</div>`,
  };
}

export function programmePage(ctx: PageContext, view: { programme: SupportProgramme; status: EffectiveStatus; backQuery: string; city: CityConfig }): PageOptions {
  const { locale } = ctx;
  const p = view.programme;
  const title = localize(p.title, locale);
  const ranked: RankedProgramme = { programme: p, status: view.status, checks: checkCriteria(p, {}), met: 0, unmet: 0, unknown: 0 };
  return {
    title,
    body: html`${stylesheets()}${backLink(`/support-programmes${view.backQuery ? `?${view.backQuery}` : ""}`, m(locale, "back.finder"))}
${cityBanner(view.city, locale, "finder")}
<h1>${title}</h1>
${metaList(p, view.status, locale)}
${p.demo ? html`<div class="panel panel--notice"><p>${m(locale, "programme.demoNotice")}</p></div>` : ""}
<p class="lead">${localize(p.summary, locale)}</p>
<dl class="summary-list">
${p.amount ? html`<div class="summary-list__row"><dt>${m(locale, "programme.amount")}</dt><dd>${localize(p.amount, locale)}</dd></div>` : ""}
<div class="summary-list__row"><dt>${m(locale, "programme.who")}</dt><dd>${criteriaList(ranked, locale, view.city, false)}${ranked.checks.length <= 1 && !p.eligibility.notes ? m(locale, "programme.noCriteria") : ""}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "programme.period")}</dt><dd>${p.opensOn ? m(locale, "programme.opensOn", { date: formatBothCalendars(p.opensOn, locale) }) : ""}${p.opensOn && p.deadline ? html`<br>` : ""}${p.deadline ? m(locale, "programme.deadline", { date: formatBothCalendars(p.deadline, locale) }) : ""}${!p.opensOn && !p.deadline ? m(locale, "status.ongoing") : ""}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "programme.contact")}</dt><dd>${localize(p.contact, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "programme.official")}</dt><dd>${externalLink(p.url, m(locale, "programme.officialLink"), locale)}</dd></div>
</dl>
<p class="muted">${m(locale, "programme.checkOfficial")}</p>`,
  };
}
