/**
 * Staff pages of システム連携 (department managers only). Each handler: authenticate (managers;
 * nobody → staff sign-in, anyone else 403) → parse → load and authorise (another department's
 * webhook or client is a 404) → command → 303 redirect, or a page (422 with every problem and what
 * was typed; a new secret is shown once on the POST's own answer, never stored in the clear).
 *
 *   GET  /staff/integrations                                 webhooks and API clients
 *   GET  /staff/integrations/webhooks/new                    POST /staff/integrations/webhooks
 *   GET  /staff/integrations/webhooks/:id                    details and deliveries (?status=&before=)
 *   POST /staff/integrations/webhooks/:id/disable | /enable | /rotate-secret | /replay-dead
 *   POST /staff/integrations/webhooks/:id/deliveries/:deliveryId/replay
 *   GET  /staff/integrations/clients/new                     POST /staff/integrations/clients
 *   GET  /staff/integrations/clients/:clientId
 *   POST /staff/integrations/clients/:clientId/rotate-secret | /revoke
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { listDepartments } from "../../identity/index.ts";
import { revokeClient, rotateClientSecret } from "../commands/change-client.ts";
import { rotateSubscriptionSecret, setSubscriptionEnabled } from "../commands/change-subscription.ts";
import { createSubscription } from "../commands/create-subscription.ts";
import { registerClient } from "../commands/register-client.ts";
import { replayDeadDeliveries, replayDelivery } from "../commands/replay-deliveries.ts";
import { integrationsContext } from "../context.ts";
import { isClientId } from "../oauth/credentials.ts";
import { canManageClient, clientOrNotFound, managedDepartments, requireIntegrationManager, subscriptionOrNotFound } from "../policy.ts";
import { countDeliveriesByStatus, findClient, findSubscription, listClients, listDeliveries, listSubscriptions } from "../queries.ts";
import { asBody, isUuid, parseClientForm, parseDeliveryFilter, parseSubscriptionForm } from "../schema.ts";
import { errorsOf, m, sendPage } from "../views/components.ts";
import { clientFormPage, clientPage, overviewPage, secretPage, subscriptionFormPage, subscriptionPage, type DepartmentChoice } from "../views/pages.ts";

const BASE = "/staff/integrations";
const DELIVERIES_PER_PAGE = 50;

/** Nobody signed in goes to the staff sign-in (for pages); a resident or a clerk gets 403. */
async function managersOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  requireIntegrationManager(request.actor);
  return undefined;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "";
}

function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? "";
}

const DONE_KEYS = new Set(["disabled", "enabled", "replayed", "replayedAll", "revoked"]);

function doneText(locale: Locale, query: unknown): string | undefined {
  const q = asBody(query);
  const done = text(q.done);
  if (!DONE_KEYS.has(done)) return undefined;
  const count = Number(text(q.count));
  return m(locale, `done.${done}`, { count: Number.isSafeInteger(count) ? count : 0 });
}

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const { settings } = integrationsContext(deps);
  const guarded = { preHandler: managersOnly, schema: { hide: true } };
  const tokenUrl = `${deps.config.baseUrl}/oauth/token`;

  async function departmentChoices(locale: Locale, codes: readonly string[]): Promise<DepartmentChoice[]> {
    const all = await listDepartments(db);
    return all.filter((d) => codes.includes(d.code)).map((d) => ({ code: d.code, name: locale === "en" ? d.nameEn : d.nameJa }));
  }

  app.get(BASE, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const codes = managedDepartments(staff);
    const [departments, subscriptions, clients] = await Promise.all([departmentChoices(request.locale, codes), listSubscriptions(db, codes), listClients(db, codes)]);
    return sendPage(reply, (ctx) => overviewPage(ctx, { departments, subscriptions, clients: clients.filter((c) => canManageClient(staff, c)) }));
  });

  // -------------------------------------------------------------------------------------------
  // Webhooks

  app.get(`${BASE}/webhooks/new`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const departments = await departmentChoices(request.locale, managedDepartments(staff));
    const notice = settings.secretKeys.length === 0 ? m(request.locale, "secretKeyMissing") : undefined;
    return sendPage(reply, (ctx) => subscriptionFormPage(ctx, { departments, values: {}, errors: {}, allowHttpLocalhost: settings.allowHttpLocalhost, ...(notice ? { notice } : {}) }));
  });

  app.post(`${BASE}/webhooks`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const codes = managedDepartments(staff);
    const body = asBody(request.body);
    const parsed = parseSubscriptionForm(body, { departments: codes, allowHttpLocalhost: settings.allowHttpLocalhost });
    const values = { departmentCode: text(body.departmentCode), url: text(body.url), eventTypes: texts(body.eventTypes), description: text(body.description) };
    const departments = await departmentChoices(request.locale, codes);
    if (!parsed.ok) {
      const errors = errorsOf(request.locale, parsed.problems);
      return sendPage(reply, (ctx) => subscriptionFormPage(ctx, { departments, values, errors, allowHttpLocalhost: settings.allowHttpLocalhost }), 422);
    }
    if (settings.secretKeys.length === 0) {
      const notice = m(request.locale, "secretKeyMissing");
      return sendPage(reply, (ctx) => subscriptionFormPage(ctx, { departments, values, errors: {}, allowHttpLocalhost: settings.allowHttpLocalhost, notice }), 503);
    }
    const { id, secret } = await createSubscription({ db, actor: staff, settings, input: parsed.data });
    return sendPage(reply, (ctx) =>
      secretPage(ctx, { kind: "webhook", heading: m(ctx.locale, "webhookCreated"), detailUrl: `${BASE}/webhooks/${id}`, secret, subscriptionId: id }),
    );
  });

  app.get(`${BASE}/webhooks/:id`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const id = param(request, "id");
    if (!isUuid(id)) throw new AppError("not_found", "integrations.subscription_not_found");
    const subscription = subscriptionOrNotFound(staff, await findSubscription(db, id));
    const filter = parseDeliveryFilter(request.query);
    const [deliveries, counts] = await Promise.all([
      listDeliveries(db, id, { ...(filter.status ? { status: filter.status } : {}), ...(filter.before ? { beforeId: filter.before } : {}), limit: DELIVERIES_PER_PAGE + 1 }),
      countDeliveriesByStatus(db, id),
    ]);
    const shown = deliveries.slice(0, DELIVERIES_PER_PAGE);
    const olderUrl =
      deliveries.length > DELIVERIES_PER_PAGE ? `${BASE}/webhooks/${id}?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), before: String(shown.at(-1)!.id) })}` : undefined;
    const done = doneText(request.locale, request.query);
    return sendPage(reply, (ctx) =>
      subscriptionPage(ctx, { subscription, deliveries: shown, counts, filter, ...(olderUrl ? { olderUrl } : {}), ...(done ? { done } : {}) }),
    );
  });

  for (const [action, enabled] of [["disable", false], ["enable", true]] as const) {
    app.post(`${BASE}/webhooks/:id/${action}`, guarded, async (request, reply) => {
      const staff = requireIntegrationManager(request.actor);
      const id = param(request, "id");
      await setSubscriptionEnabled({ db, actor: staff, subscriptionId: id, enabled });
      if (enabled) context().worker?.wake();
      return reply.redirect(`${BASE}/webhooks/${id}?done=${enabled ? "enabled" : "disabled"}`, 303);
    });
  }

  app.post(`${BASE}/webhooks/:id/rotate-secret`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const id = param(request, "id");
    const { secret } = await rotateSubscriptionSecret({ db, actor: staff, subscriptionId: id, settings });
    return sendPage(reply, (ctx) => secretPage(ctx, { kind: "webhook", heading: m(ctx.locale, "secretRotated"), detailUrl: `${BASE}/webhooks/${id}`, secret, subscriptionId: id }));
  });

  app.post(`${BASE}/webhooks/:id/deliveries/:deliveryId/replay`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const id = param(request, "id");
    const deliveryId = Number(param(request, "deliveryId"));
    if (!Number.isSafeInteger(deliveryId) || deliveryId < 1) throw new AppError("not_found", "integrations.delivery_not_found");
    try {
      await replayDelivery({ db, actor: staff, subscriptionId: id, deliveryId });
    } catch (error) {
      // Already pending (a double click): nothing to do, show the list.
      if (!isAppError(error) || error.code !== "conflict") throw error;
    }
    context().worker?.wake();
    return reply.redirect(`${BASE}/webhooks/${id}?done=replayed`, 303);
  });

  app.post(`${BASE}/webhooks/:id/replay-dead`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const id = param(request, "id");
    const { replayed } = await replayDeadDeliveries({ db, actor: staff, subscriptionId: id });
    context().worker?.wake();
    return reply.redirect(`${BASE}/webhooks/${id}?done=replayedAll&count=${replayed}`, 303);
  });

  // -------------------------------------------------------------------------------------------
  // API clients

  app.get(`${BASE}/clients/new`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const departments = await departmentChoices(request.locale, managedDepartments(staff));
    return sendPage(reply, (ctx) => clientFormPage(ctx, { departments, values: {}, errors: {} }));
  });

  app.post(`${BASE}/clients`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const codes = managedDepartments(staff);
    const body = asBody(request.body);
    const parsed = parseClientForm(body, { departments: codes });
    if (!parsed.ok) {
      const departments = await departmentChoices(request.locale, codes);
      const errors = errorsOf(request.locale, parsed.problems);
      return sendPage(reply, (ctx) => clientFormPage(ctx, { departments, values: { name: text(body.name), scopes: texts(body.scopes) }, errors }), 422);
    }
    const { clientId, clientSecret } = await registerClient({ db, actor: staff, input: parsed.data });
    return sendPage(reply, (ctx) =>
      secretPage(ctx, { kind: "client", heading: m(ctx.locale, "clientCreated"), detailUrl: `${BASE}/clients/${clientId}`, secret: clientSecret, clientId, tokenUrl }),
    );
  });

  app.get(`${BASE}/clients/:clientId`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const clientId = param(request, "clientId");
    if (!isClientId(clientId)) throw new AppError("not_found", "integrations.client_not_found");
    const client = clientOrNotFound(staff, await findClient(db, clientId));
    const departments = await departmentChoices(request.locale, client.departmentCodes);
    const done = doneText(request.locale, request.query);
    return sendPage(reply, (ctx) => clientPage(ctx, { client, departments, tokenUrl, ...(done ? { done } : {}) }));
  });

  app.post(`${BASE}/clients/:clientId/rotate-secret`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const clientId = param(request, "clientId");
    const { clientSecret } = await rotateClientSecret({ db, actor: staff, clientId });
    return sendPage(reply, (ctx) =>
      secretPage(ctx, { kind: "client", heading: m(ctx.locale, "clientSecretRotated"), detailUrl: `${BASE}/clients/${clientId}`, secret: clientSecret, clientId, tokenUrl }),
    );
  });

  app.post(`${BASE}/clients/:clientId/revoke`, guarded, async (request, reply) => {
    const staff = requireIntegrationManager(request.actor);
    const clientId = param(request, "clientId");
    await revokeClient({ db, actor: staff, clientId });
    return reply.redirect(`${BASE}/clients/${clientId}?done=revoked`, 303);
  });

  function context() {
    return integrationsContext(deps);
  }
}
