/**
 * HTTP for passkeys. The ceremonies are JSON endpoints for public/identity/passkeys.js (same-origin
 * fetch with the page's CSRF token in x-csrf-token); removing a passkey is a plain form.
 *
 *   POST /auth/passkey/options            {area}                → {options}   (sign-in, residents or staff)
 *   POST /auth/passkey/verify             {area, response, next} → {redirect}
 *   POST /my/passkeys/options, /verify    resident adds a passkey  → {redirect: /my/profile?passkey=added}
 *   POST /staff/account/passkeys/options, /verify  (staff)         → {redirect: /staff/account?passkey=added}
 *   POST /my/passkeys/:id/delete, /staff/account/passkeys/:id/delete
 *   GET  /identity/simplewebauthn-browser.js  (@simplewebauthn/browser's bundle, served from node_modules)
 *
 * The challenge id travels in a signed, httpOnly cookie; the challenge itself stays in the database.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { t } from "../../../core/i18n/index.ts";
import { deletePasskey } from "../commands/delete-passkey.ts";
import { finishPasskeyRegistration } from "../commands/finish-passkey-registration.ts";
import { signInWithPasskey } from "../commands/sign-in-with-passkey.ts";
import { startPasskeyRegistration } from "../commands/start-passkey-registration.ts";
import { startPasskeySignIn } from "../commands/start-passkey-sign-in.ts";
import { identityContext } from "../context.ts";
import type { MailDeps } from "../mail.ts";
import { requireResident, requireStaff } from "../policy.ts";
import { LIMITS, perIp } from "../rate-limits.ts";
import { safeNextPath } from "../schema.ts";
import { setSessionCookie } from "../sessions.ts";
import { CHALLENGE_COOKIE, CHALLENGE_TTL_MS } from "./relying-party.ts";
import "../assurance-messages.ts";

const HIDDEN = { schema: { hide: true } } as const;
/** Ceremony starts write a challenge row each: limited like sign-ins, a little looser. */
const OPTIONS_LIMIT = { max: 30, timeWindow: 5 * 60 * 1000 };

const require = createRequire(import.meta.url);

function browserBundle(): Buffer {
  // …/node_modules/@simplewebauthn/browser/script/index.js → the package's UMD bundle.
  const root = path.resolve(path.dirname(require.resolve("@simplewebauthn/browser")), "..");
  return readFileSync(path.join(root, "dist", "bundle", "index.umd.min.js"));
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}

export function registerPasskeyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;
  const secure = deps.config.baseUrl.startsWith("https:");
  const rp = () => identityContext(deps).rp;
  let bundle: Buffer | null = null;

  const setChallengeCookie = (reply: FastifyReply, id: string) =>
    reply.setCookie(CHALLENGE_COOKIE, id, { path: "/", httpOnly: true, sameSite: "strict", secure, signed: true, maxAge: CHALLENGE_TTL_MS / 1000 });
  const challengeId = (request: FastifyRequest): string => {
    const raw = request.cookies[CHALLENGE_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    const value = unsigned?.valid ? (unsigned.value ?? "") : "";
    return /^[0-9a-f-]{36}$/.test(value) ? value : "00000000-0000-0000-0000-000000000000";
  };
  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: string, status = 400) => {
    reply.clearCookie(CHALLENGE_COOKIE, { path: "/" });
    return reply.code(status).header("cache-control", "no-store").send({ error: `passkey.${reason}`, message: t(request.locale, `assurance.passkey.${reason}`) });
  };
  const mail = (request: FastifyRequest): MailDeps => ({ mailer: deps.mailer, baseUrl: deps.config.baseUrl, log: request.log });

  app.get("/identity/simplewebauthn-browser.js", HIDDEN, async (_request, reply) => {
    bundle ??= browserBundle();
    return reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(bundle);
  });

  // ── Sign-in ──────────────────────────────────────────────────────────────────────────

  app.post("/auth/passkey/options", { ...HIDDEN, config: { rateLimit: perIp(OPTIONS_LIMIT) } }, async (request, reply) => {
    const area = bodyOf(request).area === "staff" ? "staff" : "resident";
    const started = await startPasskeySignIn({ db, rp: rp(), area });
    setChallengeCookie(reply, started.challengeId);
    return reply.header("cache-control", "no-store").send({ options: started.options });
  });

  app.post("/auth/passkey/verify", { ...HIDDEN, config: { rateLimit: perIp(LIMITS.signInPerIp) } }, async (request, reply) => {
    const body = bodyOf(request);
    const area = body.area === "staff" ? "staff" : "resident";
    const result = await signInWithPasskey({ db, rp: rp(), area, challengeId: challengeId(request), response: body.response, previousSessionHash: request.actor?.sessionTokenHash });
    if (!result.ok) {
      request.log.info({ area, reason: result.reason }, "passkey sign-in refused");
      return refuse(request, reply, result.reason === "unknown" || result.reason === "counter" || result.reason === "expired" ? result.reason : "failed");
    }
    reply.clearCookie(CHALLENGE_COOKIE, { path: "/" });
    setSessionCookie(reply, result.session.token, result.session.expiresAt, secure);
    request.log.info({ userId: result.userId, area }, "signed in with a passkey");
    const next = safeNextPath(body.next);
    const home = area === "staff" ? "/staff" : "/my";
    // Residents never land on staff pages and staff never on resident pages.
    const redirect = next && (area === "staff") === (next === "/staff" || next.startsWith("/staff/")) ? next : home;
    return reply.header("cache-control", "no-store").send({ redirect });
  });

  // ── Registration (residents on /my/profile, staff on /staff/account) ─────────────────

  const registrationRoutes = (base: string, area: "resident" | "staff", done: string) => {
    const who = area === "staff" ? requireStaff : requireResident;
    app.post(`${base}/options`, { ...HIDDEN, config: { rateLimit: perIp(OPTIONS_LIMIT) } }, async (request, reply) => {
      const actor = who(request);
      const started = await startPasskeyRegistration({ db, actor, rp: rp() });
      setChallengeCookie(reply, started.challengeId);
      return reply.header("cache-control", "no-store").send({ options: started.options });
    });
    app.post(`${base}/verify`, { ...HIDDEN, config: { rateLimit: perIp(LIMITS.signInPerIp) } }, async (request, reply) => {
      const actor = who(request);
      const body = bodyOf(request);
      const result = await finishPasskeyRegistration({
        db,
        actor,
        rp: rp(),
        challengeId: challengeId(request),
        response: body.response,
        label: typeof body.label === "string" ? body.label : "",
        mail: mail(request),
        locale: request.locale,
      });
      if (!result.ok) {
        request.log.info({ userId: actor.id, reason: result.reason }, "passkey registration refused");
        return refuse(request, reply, result.reason);
      }
      reply.clearCookie(CHALLENGE_COOKIE, { path: "/" });
      request.log.info({ userId: actor.id, area }, "passkey added");
      return reply.header("cache-control", "no-store").send({ redirect: done });
    });
    app.post(`${base}/:credentialId/delete`, HIDDEN, async (request, reply) => {
      const actor = who(request);
      const { credentialId } = request.params as { credentialId: string };
      await deletePasskey({ db, actor, credentialId: credentialId.slice(0, 1024) });
      return reply.redirect(`${done.replace(/\?.*$/, "")}?passkey=removed#passkeys`, 303);
    });
  };
  registrationRoutes("/my/passkeys", "resident", "/my/profile?passkey=added#passkeys");
  registrationRoutes("/staff/account/passkeys", "staff", "/staff/account?passkey=added#passkeys");
}
