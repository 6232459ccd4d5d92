/**
 * Builds the Fastify server: security headers (strict CSP), cookies, CSRF protection,
 * form and multipart parsing, rate limiting, static files, locale and actor on every
 * request, one error renderer for HTML and JSON, and OpenAPI for the JSON endpoints.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit, { type FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import { DEFAULT_LOCALE, isLocale, t, type Locale } from "../i18n/index.ts";
import { html } from "../ui/html.ts";
import { layout, type PageContext } from "../ui/layout.ts";
import type { Actor } from "./actor.ts";
import { AppError, isAppError } from "./errors.ts";
import { loggerOptions } from "../log/logger.ts";

const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../public");

export type HttpOptions = {
  sessionSecret: string;
  baseUrl: string;
  logLevel: string;
  maxUploadBytes: number;
  /** Finds who is signed in from the request's cookies (provided by the identity module). */
  resolveActor: (request: FastifyRequest) => Promise<Actor | null>;
  secureCookies: boolean;
  /** Where rate-limit counters live (shared by all processes); the plugin's in-memory store if absent. */
  rateLimitStore?: FastifyRateLimitStoreCtor;
};

declare module "fastify" {
  interface FastifyContextConfig {
    /** JSON API routes authenticated by other means (tokens) skip the cookie CSRF check. */
    skipCsrf?: boolean;
  }
  interface FastifyReply {
    /** Renders a full HTML page in the site layout. */
    page(options: Parameters<typeof layout>[1], status?: number): FastifyReply;
    pageContext(): PageContext;
  }
}

export async function createHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel),
    trustProxy: true,
    bodyLimit: options.maxUploadBytes + 1024 * 1024,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // Strict-Transport-Security only makes sense behind HTTPS.
    strictTransportSecurity: options.baseUrl.startsWith("https:"),
  });
  await app.register(cookie, { secret: options.sessionSecret });
  await app.register(csrf, {
    cookieKey: "machi_csrf",
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", secure: options.secureCookies, signed: true },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === "string" ? body._csrf : undefined;
      const query = request.query as Record<string, unknown> | undefined;
      return fromBody ?? (request.headers["x-csrf-token"] as string | undefined) ?? (typeof query?._csrf === "string" ? query._csrf : undefined);
    },
  });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: options.maxUploadBytes, files: 5, fields: 200 } });
  await app.register(rateLimit, { global: false, ...(options.rateLimitStore ? { store: options.rateLimitStore } : {}) });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Machi API", version: "0.1.0", description: "JSON endpoints of Machi, the digital city hall." },
      servers: [{ url: options.baseUrl }],
    },
    hideUntagged: false,
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: "/static/", maxAge: "1h" });

  app.decorateRequest("actor", null);
  app.decorateRequest("locale", DEFAULT_LOCALE);
  app.addHook("onRequest", async (request) => {
    request.locale = pickLocale(request);
    if (!request.url.startsWith("/static/")) request.actor = await options.resolveActor(request);
  });

  // Cross-site form posts are refused by Origin / Sec-Fetch-Site (cheap, first) and by a
  // double-submit token bound to a signed cookie (works for browsers without those headers).
  app.addHook("preHandler", (request, reply, done) => {
    if (["GET", "HEAD", "OPTIONS"].includes(request.method) || request.routeOptions.config?.skipCsrf) return done();
    if (request.headers["sec-fetch-site"] === "cross-site") return done(new AppError("csrf", "csrf.cross_site"));
    const origin = request.headers.origin;
    if (origin && origin !== "null" && origin !== new URL(options.baseUrl).origin && origin !== `${request.protocol}://${request.host}`) {
      return done(new AppError("csrf", "csrf.origin"));
    }
    // Refusals are sent by the plugin as FST_CSRF_* errors and rendered by renderError.
    app.csrfProtection(request, reply, done);
  });

  // One CSRF token per reply: generating twice on a first visit would set two different secrets.
  const csrfTokens = new WeakMap<FastifyReply, string>();
  app.decorateReply("pageContext", function (this: FastifyReply): PageContext {
    let csrfToken = csrfTokens.get(this);
    if (csrfToken === undefined) {
      csrfToken = this.generateCsrf();
      csrfTokens.set(this, csrfToken);
    }
    return { locale: this.request.locale, actor: this.request.actor, csrfToken, currentUrl: this.request.url };
  });
  app.decorateReply("page", function (this: FastifyReply, pageOptions: Parameters<typeof layout>[1], status = 200) {
    const body = layout(this.pageContext(), pageOptions).value;
    return this.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(body);
  });

  app.get("/lang/:locale", { schema: { hide: true } }, async (request, reply) => {
    const { locale } = request.params as { locale: string };
    const next = (request.query as { next?: string }).next ?? "/";
    if (isLocale(locale)) {
      reply.setCookie("machi_lang", locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true, secure: options.secureCookies });
    }
    // Only same-site paths: never an open redirect.
    return reply.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/", 303);
  });

  app.setNotFoundHandler((request, reply) => {
    renderError(request, reply, new AppError("not_found"));
  });
  app.setErrorHandler((error, request, reply) => {
    renderError(request, reply, error);
  });
  return app;
}

function pickLocale(request: FastifyRequest): Locale {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie = request.cookies?.machi_lang;
  if (isLocale(fromCookie)) return fromCookie;
  return DEFAULT_LOCALE;
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/") || (request.headers.accept ?? "").startsWith("application/json");
}

function renderError(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  let appError: AppError;
  if (isAppError(error)) appError = error;
  else if (String((error as { code?: unknown })?.code ?? "").startsWith("FST_CSRF")) appError = new AppError("csrf", "csrf.token");
  else if (hasStatus(error) && error.statusCode === 413) appError = new AppError("payload_too_large");
  else if (hasStatus(error) && error.statusCode === 429) appError = new AppError("rate_limited");
  else if (hasStatus(error) && error.statusCode >= 400 && error.statusCode < 500) appError = new AppError("invalid_input", String((error as { message?: unknown }).message ?? ""));
  else {
    request.log.error({ err: error }, "unhandled error");
    const status = 500;
    if (wantsJson(request)) {
      void reply.code(status).send({ error: "internal", message: t(request.locale, "core.errors.internal") });
    } else {
      void reply.page({ title: t(request.locale, "core.errors.title"), body: errorBody(request.locale, t(request.locale, "core.errors.internal")) }, status);
    }
    return;
  }
  if (appError.status >= 500) request.log.error({ err: error }, appError.reason ?? appError.code);
  else request.log.info({ code: appError.code, reason: appError.reason }, "request refused");
  const message = t(request.locale, `core.errors.${appError.code}`);
  if (appError.code === "unauthenticated" && !wantsJson(request) && request.method === "GET") {
    void reply.redirect(`/auth/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    return;
  }
  if (wantsJson(request)) {
    void reply.code(appError.status).send({ error: appError.reason ?? appError.code, message, ...(appError.details ? { details: appError.details } : {}) });
    return;
  }
  void reply.page({ title: t(request.locale, "core.errors.title"), body: errorBody(request.locale, message) }, appError.status);
}

function errorBody(locale: Locale, message: string) {
  return html`<h1>${message}</h1><p><a href="/">${t(locale, "core.errors.home")}</a></p>`;
}

function hasStatus(error: unknown): error is { statusCode: number } {
  return typeof error === "object" && error !== null && typeof (error as { statusCode?: unknown }).statusCode === "number";
}
