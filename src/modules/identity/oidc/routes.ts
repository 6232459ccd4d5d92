/**
 * HTTP for sign-in with outside OpenID Connect providers:
 *
 *   POST /auth/oidc/:provider           (form with CSRF token, optional next) → 303 to the provider
 *   GET  /auth/oidc/:provider/callback  ?code&state (or ?error) → session, 303 to next or home
 *
 * The state is kept in a signed, httpOnly, SameSite=Lax cookie (the provider's redirect back is a
 * top-level navigation, which Lax cookies accompany) and must match the URL's; the callback logs at
 * warn or above only, so that codes in its URL never reach the log.
 */
import type { FastifyInstance, FastifyRequest, LogLevel } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { finishOidcSignIn } from "../commands/finish-oidc-sign-in.ts";
import { OIDC_STATE_TTL_MS, startOidcSignIn } from "../commands/start-oidc-sign-in.ts";
import { identityContext } from "../context.ts";
import { LIMITS, perIp } from "../rate-limits.ts";
import { safeNextPath } from "../schema.ts";
import { setSessionCookie } from "../sessions.ts";
import { sendPage } from "../views/components.ts";
import { oidcFailedPage } from "../views/oidc.ts";

const STATE_COOKIE = "machi_oidc";

export function registerOidcRoutes(app: FastifyInstance, deps: AppDeps, quietLevel: LogLevel): void {
  const db = deps.db;
  const secure = deps.config.baseUrl.startsWith("https:");
  const context = identityContext(deps);
  for (const problem of context.providerProblems) app.log.warn(`identity: ${problem}`);
  for (const p of context.providers) app.log.info(`identity: OpenID Connect provider "${p.name}" (${p.audience}) at ${p.issuer}`);

  const providerOf = (request: FastifyRequest) => {
    const { provider } = request.params as { provider: string };
    const found = context.provider(provider);
    if (!found) throw new AppError("not_found", "identity.oidc_provider_unknown");
    return found;
  };

  app.post("/auth/oidc/:provider", { schema: { hide: true }, config: { rateLimit: perIp(LIMITS.signInPerIp) } }, async (request, reply) => {
    const provider = providerOf(request);
    const next = safeNextPath((request.body as Record<string, unknown> | undefined)?.next) ?? null;
    let started;
    try {
      started = await startOidcSignIn({ db, provider, baseUrl: deps.config.baseUrl, nextPath: next });
    } catch (error) {
      request.log.warn({ provider: provider.name, reason: error instanceof Error ? error.message : String(error) }, "OpenID Connect provider unreachable");
      throw new AppError("unavailable", "identity.oidc_provider_unavailable");
    }
    reply.setCookie(STATE_COOKIE, started.state, { path: "/auth/oidc", httpOnly: true, sameSite: "lax", secure, signed: true, maxAge: OIDC_STATE_TTL_MS / 1000 });
    return reply.redirect(started.url, 303);
  });

  app.get("/auth/oidc/:provider/callback", { schema: { hide: true }, logLevel: quietLevel }, async (request, reply) => {
    const provider = providerOf(request);
    const raw = request.cookies[STATE_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    reply.clearCookie(STATE_COOKIE, { path: "/auth/oidc" });
    const callbackUrl = new URL(request.url, `${deps.config.baseUrl}/`);
    const result = await finishOidcSignIn({
      db,
      provider,
      callbackUrl,
      cookieState: unsigned?.valid ? (unsigned.value ?? undefined) : undefined,
      currentActor: request.actor,
    });
    const log = app.log.child({ reqId: request.id });
    if (!result.ok) {
      log.info({ provider: provider.name, reason: result.reason, detail: result.detail }, "OpenID Connect sign-in refused");
      return sendPage(reply, (ctx) => oidcFailedPage(ctx, { reason: result.reason, area: provider.audience, provider }), result.reason === "state" ? 400 : 403);
    }
    setSessionCookie(reply, result.session.token, result.session.expiresAt, secure);
    log.info({ userId: result.userId, provider: provider.name, level: result.level, created: result.created }, "signed in with an OpenID Connect provider");
    const home = result.kind === "staff" ? "/staff" : result.created ? "/my/profile" : "/my";
    const next = result.nextPath;
    const fits = next && (result.kind === "staff") === (next === "/staff" || next.startsWith("/staff/"));
    return reply.redirect(fits ? next : home, 303);
  });
}
