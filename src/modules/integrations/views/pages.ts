/**
 * Staff pages of システム連携: the overview (webhooks and API clients of the departments the manager
 * manages), the forms to add them, the page that shows a new secret once, a webhook with its
 * deliveries (resend one, resend all failed), and an API client (new secret, revoke).
 */
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { ClientRow, DeliveryRow, SubscriptionRow } from "../queries.ts";
import { DESCRIPTION_MAX_LENGTH } from "../schema.ts";
import { EVENT_TYPES, type DeliveryStatus } from "../tables.ts";
import { actionButton, checkboxes, doneNotice, m, selectInput, summary, textInput, timeTag, type FieldErrors } from "./components.ts";

export type DepartmentChoice = { code: string; name: string };

const BASE = "/staff/integrations";

function back(locale: Locale): HtmlValue {
  return html`<p><a class="back-link" href="${BASE}">${m(locale, "backToOverview")}</a></p>`;
}

function eventList(locale: Locale, types: readonly string[]): HtmlValue {
  return html`<ul>${types.map((type) => html`<li>${m(locale, `event.${type}`)}</li>`)}</ul>`;
}

function departmentName(departments: readonly DepartmentChoice[], code: string): string {
  return departments.find((d) => d.code === code)?.name ?? code;
}

function scopeLabel(locale: Locale, departments: readonly DepartmentChoice[], scope: string): string {
  const [, access, code] = scope.split(":");
  return m(locale, `scope.${access}`, { department: departmentName(departments, code ?? "") });
}

// ---------------------------------------------------------------------------------------------
// Overview

export type OverviewView = {
  departments: DepartmentChoice[];
  subscriptions: Array<SubscriptionRow & { dead: number; pending: number }>;
  clients: ClientRow[];
};

export function overviewPage(ctx: PageContext, view: OverviewView): PageOptions {
  const { locale } = ctx;
  const webhooks =
    view.subscriptions.length === 0
      ? html`<p>${m(locale, "webhooksNone")}</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "colUrl")}</th><th scope="col">${m(locale, "department")}</th><th scope="col">${m(locale, "colEvents")}</th><th scope="col">${m(locale, "colState")}</th><th scope="col">${m(locale, "colDead")}</th></tr></thead>
<tbody>${view.subscriptions.map(
          (s) => html`<tr><td><a href="${BASE}/webhooks/${s.id}">${s.url}</a>${s.description ? html`<br><span class="muted">${s.description}</span>` : ""}</td>
<td>${localize(s.departmentName, locale)}</td><td>${eventList(locale, s.eventTypes)}</td>
<td>${s.enabled ? m(locale, "enabled") : m(locale, "disabled")}</td><td>${s.dead}</td></tr>`,
        )}</tbody></table></div>`;
  const clients =
    view.clients.length === 0
      ? html`<p>${m(locale, "clientsNone")}</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "colName")}</th><th scope="col">${m(locale, "colClientId")}</th><th scope="col">${m(locale, "colScopes")}</th><th scope="col">${m(locale, "colState")}</th><th scope="col">${m(locale, "colLastToken")}</th></tr></thead>
<tbody>${view.clients.map(
          (c) => html`<tr><td><a href="${BASE}/clients/${c.clientId}">${c.name}</a></td><td><code>${c.clientId}</code></td>
<td><ul>${c.scopes.map((s) => html`<li>${scopeLabel(locale, view.departments, s)}</li>`)}</ul></td>
<td>${c.revokedAt ? m(locale, "revoked") : m(locale, "active")}</td><td>${timeTag(c.lastTokenAt, locale)}</td></tr>`,
        )}</tbody></table></div>`;
  return {
    title: m(locale, "title"),
    area: "staff",
    body: html`<h1>${m(locale, "title")}</h1>
<p class="lead">${m(locale, "lead")}</p>
<h2>${m(locale, "webhooksHeading")}</h2>
${webhooks}
<p><a class="button button--secondary" href="${BASE}/webhooks/new">${m(locale, "webhookNew")}</a></p>
<h2>${m(locale, "clientsHeading")}</h2>
${clients}
<p><a class="button button--secondary" href="${BASE}/clients/new">${m(locale, "clientNew")}</a></p>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Webhooks

export type SubscriptionFormView = {
  departments: DepartmentChoice[];
  values: { departmentCode?: string; url?: string; eventTypes?: string[]; description?: string };
  errors: FieldErrors;
  allowHttpLocalhost: boolean;
  /** A notice above the form (e.g. the encryption key is missing). */
  notice?: string;
};

export function subscriptionFormPage(ctx: PageContext, view: SubscriptionFormView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "webhookNew");
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(view.errors).length > 0,
    body: html`${summary(locale, view.errors)}
${back(locale)}
<h1>${title}</h1>
${view.notice ? html`<div class="panel panel--notice" role="alert"><p>${view.notice}</p></div>` : ""}
<form method="post" action="${BASE}/webhooks" novalidate>
${csrfField(ctx)}
${selectInput({
  locale,
  name: "departmentCode",
  label: m(locale, "departmentLabel"),
  hint: m(locale, "departmentHint"),
  value: view.values.departmentCode ?? view.departments[0]?.code ?? "",
  error: view.errors.departmentCode,
  choices: view.departments.map((d) => ({ value: d.code, label: d.name })),
})}
${textInput({ locale, name: "url", type: "url", label: m(locale, "urlLabel"), hint: m(locale, view.allowHttpLocalhost ? "urlHintLocal" : "urlHint"), value: view.values.url ?? "", error: view.errors.url, autocomplete: "url" })}
${checkboxes({
  locale,
  name: "eventTypes",
  label: m(locale, "eventsLabel"),
  hint: m(locale, "eventsHint"),
  values: view.values.eventTypes ?? [],
  error: view.errors.eventTypes,
  choices: EVENT_TYPES.map((type) => ({ value: type, label: m(locale, `event.${type}`) })),
})}
${textInput({ locale, name: "description", label: m(locale, "descriptionLabel"), hint: m(locale, "descriptionHint", { max: DESCRIPTION_MAX_LENGTH }), value: view.values.description ?? "", error: view.errors.description, optional: true })}
<button class="button" type="submit">${m(locale, "createWebhook")}</button>
</form>`,
  };
}

export type SecretView = {
  /** "webhook" or "client": which texts to show. */
  kind: "webhook" | "client";
  heading: string;
  /** Where the detail page is. */
  detailUrl: string;
  secret: string;
  /** For clients: the client id and the token endpoint. */
  clientId?: string;
  tokenUrl?: string;
  subscriptionId?: string;
};

/** The one time a secret is shown. The reply must not be cached (sendPage sets no-store). */
export function secretPage(ctx: PageContext, view: SecretView): PageOptions {
  const { locale } = ctx;
  const webhook = view.kind === "webhook";
  return {
    title: view.heading,
    area: "staff",
    body: html`<div class="panel panel--confirmation" role="status"><h1>${view.heading}</h1></div>
<dl class="summary-list">
${view.subscriptionId ? html`<div class="summary-list__row"><dt>${m(locale, "subscriptionId")}</dt><dd class="summary-list__value"><code>${view.subscriptionId}</code></dd></div>` : ""}
${view.clientId ? html`<div class="summary-list__row"><dt>${m(locale, "colClientId")}</dt><dd class="summary-list__value"><code>${view.clientId}</code></dd></div>` : ""}
${view.tokenUrl ? html`<div class="summary-list__row"><dt>${m(locale, "tokenUrl")}</dt><dd class="summary-list__value"><code>${view.tokenUrl}</code></dd></div>` : ""}
</dl>
<div class="field">
  <label class="field__label" for="secret">${m(locale, webhook ? "secretTitle" : "clientSecretTitle")}</label>
  <input class="input" id="secret" type="text" value="${view.secret}" readonly autocomplete="off" spellcheck="false" data-secret>
</div>
<div class="panel panel--notice"><p>${m(locale, webhook ? "secretOnce" : "clientSecretOnce")}</p></div>
<p>${m(locale, webhook ? "secretUse" : "clientSecretUse")}</p>
<p><a href="${view.detailUrl}">${m(locale, webhook ? "webhookTitle" : "clientTitle")}</a></p>
${back(locale)}`,
  };
}

export type SubscriptionView = {
  subscription: SubscriptionRow;
  deliveries: DeliveryRow[];
  counts: Record<DeliveryStatus, number>;
  filter: { status?: DeliveryStatus };
  /** Link to the next (older) page, when there is one. */
  olderUrl?: string;
  done?: string;
};

const STATUS_FILTERS: Array<DeliveryStatus | undefined> = [undefined, "dead", "pending", "succeeded"];

export function subscriptionPage(ctx: PageContext, view: SubscriptionView): PageOptions {
  const { locale } = ctx;
  const s = view.subscription;
  const url = `${BASE}/webhooks/${s.id}`;
  const filters = html`<nav aria-label="${m(locale, "colStatus")}"><ul class="link-list">${STATUS_FILTERS.map((status) => {
    const label = status ? `${m(locale, `status.${status}`)} (${view.counts[status]})` : m(locale, "filterAll");
    const href = status ? `${url}?status=${status}` : url;
    return status === view.filter.status ? html`<li><span aria-current="page">${label}</span></li>` : html`<li><a href="${href}">${label}</a></li>`;
  })}</ul></nav>`;
  const rows =
    view.deliveries.length === 0
      ? html`<p>${m(locale, "deliveriesNone")}</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "colEvent")}</th><th scope="col">${m(locale, "colReference")}</th><th scope="col">${m(locale, "colStatus")}</th><th scope="col">${m(locale, "colAttempts")}</th><th scope="col">${m(locale, "colLast")}</th><th scope="col">${m(locale, "colNext")}</th><th scope="col">${m(locale, "colError")}</th><th scope="col">${m(locale, "colAction")}</th></tr></thead>
<tbody>${view.deliveries.map(
          (d) => html`<tr><td>${m(locale, `event.${d.eventType}`)}<br><code class="muted">${d.eventId}</code></td><td>${d.applicationReference ?? ""}</td>
<td>${m(locale, `status.${d.status}`)}</td><td>${d.attempts}</td><td>${timeTag(d.lastAttemptAt, locale)}${d.lastStatusCode !== null ? html` (HTTP ${d.lastStatusCode})` : ""}</td>
<td>${d.status === "pending" ? timeTag(d.nextAttemptAt, locale) : ""}</td><td>${d.lastError ?? ""}</td>
<td>${d.status === "pending" ? "" : actionButton(ctx, `${url}/deliveries/${d.id}/replay`, m(locale, "replay"), { secondary: true })}</td></tr>`,
        )}</tbody></table></div>`;
  return {
    title: m(locale, "webhookTitle"),
    area: "staff",
    body: html`${back(locale)}
${doneNotice(view.done)}
<h1>${m(locale, "webhookTitle")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "colUrl")}</dt><dd class="summary-list__value"><code>${s.url}</code></dd></div>
<div class="summary-list__row"><dt>${m(locale, "subscriptionId")}</dt><dd class="summary-list__value"><code>${s.id}</code></dd></div>
<div class="summary-list__row"><dt>${m(locale, "department")}</dt><dd class="summary-list__value">${localize(s.departmentName, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "colEvents")}</dt><dd class="summary-list__value">${eventList(locale, s.eventTypes)}</dd></div>
${s.description ? html`<div class="summary-list__row"><dt>${m(locale, "descriptionLabel")}</dt><dd class="summary-list__value">${s.description}</dd></div>` : ""}
<div class="summary-list__row"><dt>${m(locale, "colState")}</dt><dd class="summary-list__value">${s.enabled ? m(locale, "enabled") : m(locale, "disabled")}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "created")}</dt><dd class="summary-list__value">${timeTag(s.createdAt, locale)}</dd></div>
</dl>
<div class="button-group">
${actionButton(ctx, `${url}/${s.enabled ? "disable" : "enable"}`, m(locale, s.enabled ? "disable" : "enable"), { secondary: true })}
${actionButton(ctx, `${url}/rotate-secret`, m(locale, "rotateSecret"), { warning: true, hint: m(locale, "rotateSecretHint") })}
</div>
<h2>${m(locale, "deliveriesHeading")}</h2>
${view.counts.dead > 0 ? html`<p>${actionButton(ctx, `${url}/replay-dead`, m(locale, "replayDead", { count: view.counts.dead }))}</p>` : ""}
${filters}
${rows}
${view.olderUrl ? html`<p><a href="${view.olderUrl}">${m(locale, "olderDeliveries")}</a></p>` : ""}`,
  };
}

// ---------------------------------------------------------------------------------------------
// API clients

export type ClientFormView = {
  departments: DepartmentChoice[];
  values: { name?: string; scopes?: string[] };
  errors: FieldErrors;
};

export function clientFormPage(ctx: PageContext, view: ClientFormView): PageOptions {
  const { locale } = ctx;
  const title = m(locale, "clientNew");
  const choices = view.departments.flatMap((d) =>
    (["read", "write"] as const).map((access) => ({ value: `applications:${access}:${d.code}`, label: m(locale, `scope.${access}`, { department: d.name }) })),
  );
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(view.errors).length > 0,
    body: html`${summary(locale, view.errors)}
${back(locale)}
<h1>${title}</h1>
<form method="post" action="${BASE}/clients" novalidate>
${csrfField(ctx)}
${textInput({ locale, name: "name", label: m(locale, "nameLabel"), hint: m(locale, "nameHint"), value: view.values.name ?? "", error: view.errors.name })}
${checkboxes({ locale, name: "scopes", label: m(locale, "scopesLabel"), hint: m(locale, "scopesHint"), values: view.values.scopes ?? [], error: view.errors.scopes, choices })}
<button class="button" type="submit">${m(locale, "createClient")}</button>
</form>`,
  };
}

export type ClientView = { client: ClientRow; departments: DepartmentChoice[]; tokenUrl: string; done?: string };

export function clientPage(ctx: PageContext, view: ClientView): PageOptions {
  const { locale } = ctx;
  const c = view.client;
  const url = `${BASE}/clients/${c.clientId}`;
  return {
    title: m(locale, "clientTitle"),
    area: "staff",
    body: html`${back(locale)}
${doneNotice(view.done)}
<h1>${m(locale, "clientTitle")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "colName")}</dt><dd class="summary-list__value">${c.name}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "colClientId")}</dt><dd class="summary-list__value"><code>${c.clientId}</code></dd></div>
<div class="summary-list__row"><dt>${m(locale, "colScopes")}</dt><dd class="summary-list__value"><ul>${c.scopes.map((s) => html`<li>${scopeLabel(locale, view.departments, s)} <code>${s}</code></li>`)}</ul></dd></div>
<div class="summary-list__row"><dt>${m(locale, "tokenUrl")}</dt><dd class="summary-list__value"><code>${view.tokenUrl}</code></dd></div>
<div class="summary-list__row"><dt>${m(locale, "colState")}</dt><dd class="summary-list__value">${c.revokedAt ? html`${m(locale, "revoked")} (${timeTag(c.revokedAt, locale)})` : m(locale, "active")}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "created")}</dt><dd class="summary-list__value">${timeTag(c.createdAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "colLastToken")}</dt><dd class="summary-list__value">${timeTag(c.lastTokenAt, locale)}</dd></div>
</dl>
${c.revokedAt
  ? ""
  : html`<div class="button-group">
${actionButton(ctx, `${url}/rotate-secret`, m(locale, "rotateClientSecret"), { secondary: true, hint: m(locale, "rotateClientSecretHint") })}
${actionButton(ctx, `${url}/revoke`, m(locale, "revoke"), { warning: true, hint: m(locale, "revokeHint") })}
</div>`}`,
  };
}
