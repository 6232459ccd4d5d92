/**
 * HTTP of the notify module. Handlers are pipelines: parse → validate → command → render or
 * redirect (303); refused input is a 422 with every problem at once.
 *
 * Public      GET  /alerts, /alerts/feed.atom (Atom of CAP alerts), /alerts/:id.cap (CAP 1.2), /alerts/:id?l=vi
 * Residents   GET  /notify/subscribe → /notify/subscribe/area → /language → /email → (check) → POST /notify/subscribe/confirm
 *             GET  /notify/subscribe/sent, /notify/subscribe/done
 *             GET|POST /notify/confirm/:token, /notify/unsubscribe/:token (POST also RFC 8058 one-click)
 *             GET  /my/notify   POST /my/notify/:id/cancel   GET /notify/push (+ /notify/push.js, /notify/sw.js)
 * JSON API    GET  /api/notify/vapid-public-key   POST|DELETE /api/notify/push-subscriptions
 *             POST /api/notify/webhooks/line (X-Line-Signature)   POST /api/notify/webhooks/email (X-Machi-Signature)
 * Staff       GET  /staff/notify, /staff/notify/alerts/:id, /staff/notify/alerts/:id/lalert.xml
 *             GET|POST /staff/notify/line-links
 *
 * With WORKERS=true the delivery engine starts here and stops when the server closes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";
import { appendAudit } from "../../core/audit/audit.ts";
import { AppError } from "../../core/http/errors.ts";
import { t, type Locale } from "../../core/i18n/index.ts";
import { enqueueMail } from "../../core/mail/queue.ts";
import { getResidentProfile, requireResident, requireStaff } from "../identity/index.ts";
import { parseMessageId } from "./channels/email.ts";
import { CONFIRM_LINK_HOURS, createLinks, type Links } from "./links.ts";
import { PUSH_JS, SERVICE_WORKER_JS } from "./client.ts";
import { deliveryStats } from "./commands/delivery-stats.ts";
import { cancelSubscription, confirmSubscription, createSubscription, linkLineUser, registerPushSubscription, unlinkLineUser, unregisterPushSubscription } from "./commands/subscriptions.ts";
import { loadNotifyConfig } from "./config.ts";
import { buildAdapters } from "./engine/adapters.ts";
import { startNotifyEngine } from "./engine/engine.ts";
import { capXml, type CapAlert } from "./formats/cap.ts";
import { alertsFeed } from "./formats/atom.ts";
import { ALERT_TEMPLATES } from "./templates/alerts.ts";
import { WARD_CODES } from "./areas/wards.ts";
import { isAlertLanguage, type AlertLanguage } from "./languages.ts";
import { broadcastsOf, findAlert, findSubscription, markEmailEvent, recentAlerts, subscriptionsOfUser, type AlertRow } from "./queries.ts";
import { parseAreaForm, parseEmailForm, PushSubscriptionInput, type AreaChoice, type FieldProblem, MAX_RADIUS_M, MIN_RADIUS_M } from "./schema.ts";
import { renderAlert } from "./templates/render.ts";
import { alertListPage, alertPage } from "./views/alerts.ts";
import { sendPage, type FieldErrors } from "./views/components.ts";
import { lineLinkPage, staffAlertPage, staffListPage } from "./views/staff.ts";
import { areaPage, checkPage, emailPage, encodeState, languagePage, messagePage, myPage, pushPage, sentPage, startPage, tokenFormPage, type SubscribeState } from "./views/subscribe.ts";
import "./messages.ts";

type Body = Record<string, unknown>;
const HIDDEN = { schema: { hide: true } } as const;

function bodyOf(request: FastifyRequest): Body {
  return typeof request.body === "object" && request.body !== null ? (request.body as Body) : {};
}

function problemsToErrors(locale: Locale, problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field] ??= t(locale, `notify.${p.key}`, { min: MIN_RADIUS_M, max: MAX_RADIUS_M });
  return errors;
}

/** The answers carried between the subscription pages (area, language) — not secret, checked again at each step. */
function readState(request: FastifyRequest): SubscribeState {
  const raw = (request.query as { s?: unknown }).s;
  if (typeof raw !== "string" || raw.length > 2000) return {};
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as SubscribeState;
    const area = value.area ? parseAreaForm(value.area.kind === "wards" ? { areaKind: "wards", wards: value.area.wards } : { areaKind: "point", lat: String(value.area.lat), lon: String(value.area.lon), radius: String(value.area.radiusM) }) : null;
    return { ...(area?.ok ? { area: area.data } : {}), ...(isAlertLanguage(value.language) ? { language: value.language } : {}) };
  } catch {
    return {};
  }
}

function alertTitle(alert: AlertRow, locale: Locale): string {
  return renderAlert({ templateKey: alert.templateKey, language: locale, params: alert.params, wards: alert.areas.wards ?? [], issuedAt: alert.issuedAt }).title;
}

function capAlert(alert: AlertRow): CapAlert {
  return { id: alert.id, severity: alert.severity, templateKey: alert.templateKey, params: alert.params, areas: alert.areas, cap: alert.cap, issuedAt: alert.issuedAt };
}

async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  requireStaff(request);
  return undefined;
}

function verifyHmac(secret: string, body: Buffer, signature: string, encoding: "base64" | "hex"): boolean {
  const expected = Buffer.from(createHmac("sha256", secret).update(body).digest(encoding));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function notifyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const config = loadNotifyConfig(deps.config);
  const links: Links = createLinks(deps.config.sessionSecret, deps.config.baseUrl);
  const db = deps.db;

  if (deps.config.workers) {
    const { adapters, x } = buildAdapters(config, links);
    const engine = startNotifyEngine({ db, adapters, ...(x ? { x } : {}), links, log: (message, data) => app.log.warn(data ?? {}, message) });
    app.addHook("onClose", async () => engine.stop());
  }

  // ---------------------------------------------------------------------------------------------
  // Public alerts: list, CAP feed, CAP documents, pages in every language

  app.get("/alerts", HIDDEN, async (request, reply) => {
    const alerts = await recentAlerts(db, 50);
    return sendPage(reply, (ctx) => alertListPage(ctx, alerts.map((a) => ({ id: a.id, title: alertTitle(a, request.locale), issuedAt: a.issuedAt }))));
  });

  app.get("/alerts/feed.atom", HIDDEN, async (_request, reply) => {
    const alerts = await recentAlerts(db, 50);
    const entries = alerts.map((a) => {
      const text = renderAlert({ templateKey: a.templateKey, language: "ja", params: a.params, wards: a.areas.wards ?? [], issuedAt: a.issuedAt });
      const category = ALERT_TEMPLATES[a.templateKey as keyof typeof ALERT_TEMPLATES]?.cap.category ?? "Other";
      return { id: a.id, title: text.title, summary: text.body, issuedAt: a.issuedAt, category };
    });
    return reply.type("application/atom+xml; charset=utf-8").header("cache-control", "public, max-age=30").send(alertsFeed(entries, links));
  });

  app.get("/alerts/:id.cap", HIDDEN, async (request, reply) => {
    const alert = await findAlert(db, (request.params as { id: string }).id);
    if (!alert) throw new AppError("not_found", "notify.alert_not_found");
    return reply.type("application/cap+xml; charset=utf-8").header("cache-control", "public, max-age=30").send(capXml(capAlert(alert), links));
  });

  app.get("/alerts/:id", HIDDEN, async (request, reply) => {
    const alert = await findAlert(db, (request.params as { id: string }).id);
    if (!alert) throw new AppError("not_found", "notify.alert_not_found");
    const wanted = (request.query as { l?: unknown }).l;
    const language: AlertLanguage = isAlertLanguage(wanted) ? wanted : request.locale;
    const text = renderAlert({ templateKey: alert.templateKey, language, params: alert.params, wards: alert.areas.wards ?? [], issuedAt: alert.issuedAt });
    return sendPage(reply, (ctx) => alertPage(ctx, alert, language, text));
  });

  // ---------------------------------------------------------------------------------------------
  // Subscribing (one question per page; the answers travel in ?s=)

  app.get("/notify/subscribe", HIDDEN, async (_request, reply) => sendPage(reply, (ctx) => startPage(ctx, { pushAvailable: config.vapid !== null })));

  app.get("/notify/subscribe/area", HIDDEN, async (_request, reply) =>
    sendPage(reply, (ctx) => areaPage(ctx, { areaKind: "", wards: [], lat: "", lon: "", radius: "1000" })),
  );
  app.post("/notify/subscribe/area", HIDDEN, async (request, reply) => {
    const parsed = parseAreaForm(bodyOf(request));
    if (!parsed.ok) return sendPage(reply, (ctx) => areaPage(ctx, parsed.values, problemsToErrors(request.locale, parsed.problems)), 422);
    return reply.redirect(`/notify/subscribe/language?s=${encodeState({ area: parsed.data })}`, 303);
  });

  app.get("/notify/subscribe/language", HIDDEN, async (request, reply) => {
    const state = readState(request);
    if (!state.area) return reply.redirect("/notify/subscribe/area", 303);
    return sendPage(reply, (ctx) => languagePage(ctx, encodeState({ area: state.area }), state.language ?? request.locale));
  });
  app.post("/notify/subscribe/language", HIDDEN, async (request, reply) => {
    const state = readState(request);
    if (!state.area) return reply.redirect("/notify/subscribe/area", 303);
    const language = bodyOf(request).language;
    if (!isAlertLanguage(language)) {
      return sendPage(reply, (ctx) => languagePage(ctx, encodeState({ area: state.area }), "", { language: t(request.locale, "notify.errors.language_required") }), 422);
    }
    return reply.redirect(`/notify/subscribe/email?s=${encodeState({ area: state.area, language })}`, 303);
  });

  app.get("/notify/subscribe/email", HIDDEN, async (request, reply) => {
    const state = readState(request);
    if (!state.area || !state.language) return reply.redirect("/notify/subscribe/area", 303);
    const email = request.actor?.kind === "resident" ? request.actor.email : "";
    return sendPage(reply, (ctx) => emailPage(ctx, encodeState(state), email));
  });
  app.post("/notify/subscribe/email", HIDDEN, async (request, reply) => {
    const state = readState(request);
    if (!state.area || !state.language) return reply.redirect("/notify/subscribe/area", 303);
    const parsed = parseEmailForm(bodyOf(request));
    if (!parsed.ok) return sendPage(reply, (ctx) => emailPage(ctx, encodeState(state), parsed.values.email, problemsToErrors(request.locale, parsed.problems)), 422);
    const answers = { area: state.area, language: state.language, email: parsed.data.email };
    return sendPage(reply, (ctx) => checkPage(ctx, encodeState(state), answers));
  });

  app.post("/notify/subscribe/confirm", HIDDEN, async (request, reply) => {
    const state = readState(request);
    const parsed = parseEmailForm(bodyOf(request));
    if (!state.area || !state.language || !parsed.ok) {
      return sendPage(reply, (ctx) => messagePage(ctx, "notify.subscribe.title", t(request.locale, "notify.errors.state"), ""), 422);
    }
    const { area, language } = state;
    const email = parsed.data.email;
    // A signed-in resident subscribing their own verified address needs no confirmation e-mail.
    let userId: string | null = null;
    let verified = false;
    if (request.actor?.kind === "resident") {
      userId = request.actor.id;
      const profile = await getResidentProfile(db, userId);
      verified = profile.emailVerified && profile.email.toLowerCase() === email;
    }
    await db.transaction(async (tx) => {
      const id = await createSubscription({ db: tx, userId, language, area, channels: ["email"], email, active: verified });
      if (!verified) {
        const locale = request.locale;
        await enqueueMail(
          tx,
          {
            to: email,
            subject: t(locale, "notify.mail.confirmSubject"),
            text: `${[t(locale, "notify.mail.confirmIntro"), links.confirmUrl(id), t(locale, "notify.mail.confirmValidity", { hours: CONFIRM_LINK_HOURS }), t(locale, "notify.mail.confirmNotYou"), t(locale, "notify.mail.signature")].join("\n\n")}\n`,
          },
          `notify-confirm:${id}`,
        );
      }
    });
    deps.wakeWorker();
    if (verified) return reply.redirect("/notify/subscribe/done", 303);
    return reply.redirect(`/notify/subscribe/sent?to=${encodeURIComponent(email)}`, 303);
  });

  app.get("/notify/subscribe/sent", HIDDEN, async (request, reply) => {
    const to = String((request.query as { to?: unknown }).to ?? "").slice(0, 254);
    return sendPage(reply, (ctx) => sentPage(ctx, to));
  });
  app.get("/notify/subscribe/done", HIDDEN, async (request, reply) =>
    sendPage(reply, (ctx) => messagePage(ctx, "notify.done.title", t(request.locale, "notify.done.text"))),
  );

  // Links in e-mails: a GET shows a button (mail scanners follow links), the POST acts.
  const quiet = { ...HIDDEN, logLevel: "warn" as const };
  app.get("/notify/confirm/:token", quiet, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!links.verifyConfirm(token)) return sendPage(reply, (ctx) => messagePage(ctx, "notify.confirm.title", t(request.locale, "notify.confirm.invalid")), 404);
    return sendPage(reply, (ctx) => tokenFormPage(ctx, { titleKey: "notify.confirm.title", action: `/notify/confirm/${token}`, buttonKey: "notify.confirm.button" }));
  });
  app.post("/notify/confirm/:token", quiet, async (request, reply) => {
    const id = links.verifyConfirm((request.params as { token: string }).token);
    if (!id || (await confirmSubscription(db, id)) === "cancelled") {
      return sendPage(reply, (ctx) => messagePage(ctx, "notify.confirm.title", t(request.locale, "notify.confirm.invalid")), 404);
    }
    return reply.redirect("/notify/subscribe/done", 303);
  });

  app.get("/notify/unsubscribe/:token", quiet, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!links.verifyUnsubscribe(token)) return sendPage(reply, (ctx) => messagePage(ctx, "notify.unsubscribe.title", t(request.locale, "notify.unsubscribe.invalid")), 404);
    return sendPage(reply, (ctx) => tokenFormPage(ctx, { titleKey: "notify.unsubscribe.title", textKey: "notify.unsubscribe.text", action: `/notify/unsubscribe/${token}`, buttonKey: "notify.unsubscribe.button" }));
  });
  // The token in the URL is the authority (no cookie is involved), so mail clients' RFC 8058
  // one-click POST ("List-Unsubscribe=One-Click") works without a CSRF token.
  app.post("/notify/unsubscribe/:token", { ...quiet, config: { skipCsrf: true } }, async (request, reply) => {
    const id = links.verifyUnsubscribe((request.params as { token: string }).token);
    if (!id || !(await findSubscription(db, id))) return sendPage(reply, (ctx) => messagePage(ctx, "notify.unsubscribe.title", t(request.locale, "notify.unsubscribe.invalid")), 404);
    await cancelSubscription(db, id, { reason: "unsubscribe_link" });
    if (bodyOf(request)["List-Unsubscribe"] === "One-Click") return reply.code(200).type("text/plain; charset=utf-8").send("unsubscribed\n");
    return sendPage(reply, (ctx) => messagePage(ctx, "notify.unsubscribe.done", t(request.locale, "notify.unsubscribe.doneText")));
  });

  app.get("/my/notify", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const rows = await subscriptionsOfUser(db, resident.id);
    return sendPage(reply, (ctx) => myPage(ctx, rows));
  });
  app.post("/my/notify/:id/cancel", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    await cancelSubscription(db, (request.params as { id: string }).id, { reason: "resident", userId: resident.id });
    return reply.redirect("/my/notify", 303);
  });

  // ---------------------------------------------------------------------------------------------
  // Browser notifications

  app.get("/notify/push", HIDDEN, async (_request, reply) => sendPage(reply, (ctx) => pushPage(ctx, { publicKey: config.vapid?.publicKey ?? null })));
  app.get("/notify/push.js", HIDDEN, async (_request, reply) => reply.type("application/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(PUSH_JS));
  app.get("/notify/sw.js", HIDDEN, async (_request, reply) =>
    reply.type("application/javascript; charset=utf-8").header("service-worker-allowed", "/notify/").header("cache-control", "no-cache").send(SERVICE_WORKER_JS),
  );

  app.get(
    "/api/notify/vapid-public-key",
    {
      schema: {
        summary: "The VAPID public key browsers subscribe with (applicationServerKey)",
        tags: ["notify"],
        response: {
          200: { type: "object", required: ["publicKey"], properties: { publicKey: { type: "string", description: "URL-safe base64 of the P-256 public key" } } },
          503: { type: "object", properties: { error: { type: "string" }, message: { type: "string" } } },
        },
      },
    },
    async () => {
      if (!config.vapid) throw new AppError("unavailable", "notify.webpush_not_configured");
      return { publicKey: config.vapid.publicKey };
    },
  );

  const pushBody = {
    type: "object",
    required: ["subscription", "language"],
    properties: {
      subscription: {
        type: "object",
        required: ["endpoint", "keys"],
        properties: {
          endpoint: { type: "string", format: "uri", maxLength: 2000 },
          expirationTime: { type: ["number", "null"] },
          keys: { type: "object", required: ["p256dh", "auth"], properties: { p256dh: { type: "string" }, auth: { type: "string" } } },
        },
      },
      language: { type: "string", enum: ["ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "ne", "tl", "pt", "es"] },
      wards: { type: "array", items: { type: "string", pattern: "^271\\d{3}$" }, minItems: 1, maxItems: 24 },
      point: { type: "object", required: ["lat", "lon", "radiusM"], properties: { lat: { type: "number" }, lon: { type: "number" }, radiusM: { type: "integer", minimum: MIN_RADIUS_M, maximum: MAX_RADIUS_M } } },
    },
  } as const;
  const errorResponse = { type: "object", properties: { error: { type: "string" }, message: { type: "string" }, details: { type: "object", additionalProperties: true } } } as const;

  app.post(
    "/api/notify/push-subscriptions",
    {
      // A push subscription is a capability (the endpoint is secret); no cookie gives it authority.
      config: { skipCsrf: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        summary: "Subscribe this browser to alerts (Web Push, RFC 8030/8291)",
        description: "The browser's PushSubscription (toJSON), a language and either wards or a point with a radius. Replaces an earlier subscription of the same endpoint.",
        tags: ["notify"],
        body: pushBody,
        response: {
          201: { type: "object", required: ["id", "unsubscribeUrl"], properties: { id: { type: "string" }, unsubscribeUrl: { type: "string" } } },
          422: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const parsed = PushSubscriptionInput.safeParse(request.body);
      if (!parsed.success) throw new AppError("invalid_input", "notify.push_subscription_invalid", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
      const input = parsed.data;
      const area: AreaChoice = input.point ? { kind: "point", lat: input.point.lat, lon: input.point.lon, radiusM: input.point.radiusM } : { kind: "wards", wards: input.wards! };
      const id = await registerPushSubscription({
        db,
        push: { endpoint: input.subscription.endpoint, p256dh: input.subscription.keys.p256dh.replace(/=+$/, ""), auth: input.subscription.keys.auth.replace(/=+$/, "") },
        language: input.language,
        area,
        userId: request.actor?.kind === "resident" ? request.actor.id : null,
      });
      return reply.code(201).send({ id, unsubscribeUrl: links.unsubscribeUrl(id) });
    },
  );

  app.delete(
    "/api/notify/push-subscriptions",
    {
      config: { skipCsrf: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        summary: "Stop alerts to this browser",
        tags: ["notify"],
        body: { type: "object", required: ["endpoint"], properties: { endpoint: { type: "string", maxLength: 2000 } } },
        response: { 204: { type: "null", description: "Stopped (also when there was nothing to stop)" } },
      },
    },
    async (request, reply) => {
      await unregisterPushSubscription(db, (request.body as { endpoint: string }).endpoint);
      return reply.code(204).send();
    },
  );

  // Webhooks: the signature covers the exact bytes, so these routes read the raw body.
  await app.register(async (scope) => {
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    scope.post(
      "/api/notify/webhooks/line",
      {
        config: { skipCsrf: true },
        schema: {
          summary: "LINE Messaging API webhook (follow / unfollow)",
          description: "Signed with X-Line-Signature (base64 HMAC-SHA256 of the body with the channel secret). A follow subscribes the user to city-wide alerts in Japanese; an unfollow stops them.",
          tags: ["notify"],
          response: { 200: { type: "object", properties: { ok: { type: "boolean" } } }, 401: errorResponse },
        },
      },
      async (request) => {
        const secret = config.lineChannelSecret;
        if (!secret) throw new AppError("unavailable", "notify.line_not_configured");
        const raw = request.body as Buffer;
        const signature = String(request.headers["x-line-signature"] ?? "");
        if (!Buffer.isBuffer(raw) || !verifyHmac(secret, raw, signature, "base64")) throw new AppError("unauthenticated", "notify.line_signature");
        const payload = JSON.parse(raw.toString("utf8")) as { events?: Array<{ type?: string; source?: { userId?: string } }> };
        for (const event of payload.events ?? []) {
          const userId = event.source?.userId;
          if (!userId) continue;
          if (event.type === "follow") await linkLineUser({ db, lineUserId: userId, language: "ja", area: { kind: "wards", wards: [...WARD_CODES] } });
          if (event.type === "unfollow") await unlinkLineUser(db, userId);
        }
        return { ok: true };
      },
    );

    scope.post(
      "/api/notify/webhooks/email",
      {
        config: { skipCsrf: true },
        schema: {
          summary: "Delivery events from the e-mail relay",
          description: 'Body {"events":[{"messageId":"<alert.subscription@domain>","event":"delivered"|"bounced","detail":"…"}]}, signed with X-Machi-Signature: sha256=<hex HMAC-SHA256 of the body with NOTIFY_EMAIL_WEBHOOK_SECRET>.',
          tags: ["notify"],
          response: { 200: { type: "object", properties: { updated: { type: "integer" } } }, 401: errorResponse },
        },
      },
      async (request) => {
        const secret = config.emailWebhookSecret;
        if (!secret) throw new AppError("unavailable", "notify.email_webhook_not_configured");
        const raw = request.body as Buffer;
        const signature = String(request.headers["x-machi-signature"] ?? "").replace(/^sha256=/, "");
        if (!Buffer.isBuffer(raw) || !verifyHmac(secret, raw, signature, "hex")) throw new AppError("unauthenticated", "notify.email_signature");
        const payload = JSON.parse(raw.toString("utf8")) as { events?: Array<{ messageId?: string; event?: string; detail?: string }> };
        let updated = 0;
        for (const event of payload.events ?? []) {
          const ids = event.messageId ? parseMessageId(event.messageId) : null;
          if (!ids || (event.event !== "delivered" && event.event !== "bounced")) continue;
          if (await markEmailEvent(db, ids.alertId, ids.subscriptionId, event.event, String(event.detail ?? event.event))) updated++;
        }
        return { updated };
      },
    );
  });

  // ---------------------------------------------------------------------------------------------
  // Staff: delivery progress, L-Alert XML, LINE links

  const guarded = { preHandler: staffOnly, ...HIDDEN };
  app.get("/staff/notify", guarded, async (request, reply) => {
    requireStaff(request);
    const alerts = await recentAlerts(db, 50);
    return sendPage(reply, (ctx) => staffListPage(ctx, alerts.map((a) => ({ ...a, title: alertTitle(a, request.locale) }))));
  });

  app.get("/staff/notify/alerts/:id", guarded, async (request, reply) => {
    requireStaff(request);
    const { id } = request.params as { id: string };
    const [stats, alert] = await Promise.all([deliveryStats(db, id), findAlert(db, id)]);
    if (!stats || !alert) throw new AppError("not_found", "notify.alert_not_found");
    return sendPage(reply, (ctx) => staffAlertPage(ctx, stats, alertTitle(alert, request.locale)));
  });

  app.get("/staff/notify/alerts/:id/lalert.xml", guarded, async (request, reply) => {
    requireStaff(request);
    const { id } = request.params as { id: string };
    if (!(await findAlert(db, id))) throw new AppError("not_found", "notify.alert_not_found");
    const lalert = (await broadcastsOf(db, id)).find((b) => b.channel === "lalert");
    if (!lalert) throw new AppError("not_found", "notify.lalert_not_found");
    return reply.type("application/xml; charset=utf-8").send(lalert.payload);
  });

  app.get("/staff/notify/line-links", guarded, async (_request, reply) => sendPage(reply, (ctx) => lineLinkPage(ctx, { lineUserId: "", wards: [], language: "ja" })));
  app.post("/staff/notify/line-links", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request);
    const values = {
      lineUserId: typeof body.lineUserId === "string" ? body.lineUserId.trim() : "",
      wards: Array.isArray(body.wards) ? body.wards.filter((w): w is string => typeof w === "string") : typeof body.wards === "string" ? [body.wards] : [],
      language: typeof body.language === "string" ? body.language : "",
    };
    const errors: FieldErrors = {};
    if (!/^U[0-9a-f]{32}$/.test(values.lineUserId)) errors.lineUserId = t(request.locale, "notify.staff.line.invalid");
    const area = parseAreaForm({ areaKind: "wards", wards: values.wards });
    if (!area.ok) errors.wards = t(request.locale, "notify.errors.wards_required");
    if (!isAlertLanguage(values.language)) errors.language = t(request.locale, "notify.errors.language_required");
    if (Object.keys(errors).length > 0 || !area.ok || !isAlertLanguage(values.language)) return sendPage(reply, (ctx) => lineLinkPage(ctx, values, errors), 422);
    const language = values.language;
    await db.transaction(async (tx) => {
      const subscriptionId = await linkLineUser({ db: tx, lineUserId: values.lineUserId, language, area: area.data });
      await appendAudit(tx, {
        actorId: staff.id,
        actorLabel: `staff:${staff.email}`,
        action: "notify.line_user_linked",
        objectType: "notify_subscription",
        objectId: subscriptionId,
        data: { wards: area.data.kind === "wards" ? area.data.wards : [], language },
      });
    });
    return sendPage(reply, (ctx) => lineLinkPage(ctx, { lineUserId: "", wards: [], language: "ja" }, {}, true));
  });
}
