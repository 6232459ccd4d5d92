/**
 * HTTP for the identity module. Each handler is a pipeline: (rate limit) → parse → validate →
 * command → render (422 with every error, or 429) or redirect (303). No SQL, no rules here.
 *
 * Routes whose URL carries a one-time token log at "warn" or above only, so that the
 * "incoming request" line (with the token in its path) never reaches the log; their events
 * are logged through the app's logger instead.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, LogLevel } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";
import { t, type Locale } from "../../core/i18n/index.ts";
import { html } from "../../core/ui/html.ts";
import { maskEmail } from "../../core/mail/mailer.ts";
import { requestPasswordReset } from "./commands/request-password-reset.ts";
import { requestSignInLink } from "./commands/request-sign-in-link.ts";
import { resetPassword } from "./commands/reset-password.ts";
import { sendVerificationEmail } from "./commands/send-verification-email.ts";
import { signInWithLink } from "./commands/sign-in-with-link.ts";
import { signInWithPassword } from "./commands/sign-in-with-password.ts";
import { signOut } from "./commands/sign-out.ts";
import { signUpResident } from "./commands/sign-up-resident.ts";
import { updateResidentProfile } from "./commands/update-resident-profile.ts";
import { verifyEmail } from "./commands/verify-email.ts";
import type { MailDeps } from "./mail.ts";
import { requireResident, requireStaff } from "./policy.ts";
import { findResidentProfile, findUserById, listDepartments } from "./queries.ts";
import { LIMITS, createLimiters, emailKey, perIp } from "./rate-limits.ts";
import { EmailInput, MESSAGE_PARAMS, NewPasswordInput, SignInInput, SignUpInput, parseForm, parseProfileForm, safeNextPath, type FieldProblem } from "./schema.ts";
import { clearSessionCookie, setSessionCookie } from "./sessions.ts";
import { linkIsUsable, linkOwner } from "./tokens.ts";
import { sendPage, type FieldErrors } from "./views/components.ts";
import { confirmSignInLinkPage, confirmVerifyPage, linkInvalidPage, linkSentPage, newPasswordPage, requestLinkPage, verifiedPage, type LinkKind } from "./views/links.ts";
import { editProfilePage, profileFormValues, profilePage, type ProfileFormValues } from "./views/profile.ts";
import { signInPage } from "./views/sign-in.ts";
import { signUpPage } from "./views/sign-up.ts";
import { staffAccountPage } from "./views/staff-account.ts";
import { assuranceForRequest } from "./assurance/gate.ts";
import { identityContext } from "./context.ts";
import { registerOidcRoutes } from "./oidc/routes.ts";
import { listLinkedProviders } from "./oidc/queries.ts";
import { listPasskeys } from "./passkeys/queries.ts";
import { registerPasskeyRoutes } from "./passkeys/routes.ts";
import { assuranceSection } from "./views/assurance.ts";
import { passkeyManageSection } from "./views/passkeys.ts";
import "./messages.ts";

type Body = Record<string, unknown>;

const HIDDEN = { schema: { hide: true } } as const;
const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

/** The more severe of the configured level and "warn" (a route's level must never be chattier). */
function quietLevel(configured: string): LogLevel {
  const index = Math.max(LOG_LEVELS.indexOf(configured as (typeof LOG_LEVELS)[number]), LOG_LEVELS.indexOf("warn"));
  return LOG_LEVELS[index]!;
}

/** Where people land after signing in when no `next` was given. */
export const HOME_AFTER_SIGN_IN = { resident: "/my", staff: "/staff" } as const;

function bodyOf(request: FastifyRequest): Body {
  return (request.body ?? {}) as Body;
}

/** What the person typed, to show it again (never call this for passwords). */
function typed<K extends string>(body: Body, names: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = body[name];
    values[name] = typeof value === "string" ? value.slice(0, 500) : "";
  }
  return values;
}

/** Schema problems → messages in the person's language, by field. */
function localize(locale: Locale, problems: FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) errors[problem.field] = t(locale, `identity.${problem.key}`, MESSAGE_PARAMS);
  return errors;
}

function rateLimited(locale: Locale): FieldErrors {
  return { email: t(locale, "core.errors.rate_limited") };
}

function tokenParam(request: FastifyRequest): string {
  return (request.params as { token?: string }).token ?? "";
}

export function identityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const limiters = createLimiters(app);
  const secureCookies = deps.config.baseUrl.startsWith("https:");
  const mail = (request: FastifyRequest): MailDeps => ({ mailer: deps.mailer, baseUrl: deps.config.baseUrl, log: request.log });
  const db = deps.db;
  /** Routes with a token in the path: no request line in the log. */
  const TOKEN_ROUTE = { schema: { hide: true }, logLevel: quietLevel(deps.config.logLevel) } as const;
  const eventLog = (request: FastifyRequest) => app.log.child({ reqId: request.id });
  const context = identityContext(deps);
  registerPasskeyRoutes(app, deps);
  registerOidcRoutes(app, deps, quietLevel(deps.config.logLevel));
  /** Passkey and outside-provider sign-in on the sign-in pages of an area. */
  const signInExtras = (area: "resident" | "staff") => ({ passkeys: true, providers: context.providersFor(area) });

  // ── Sign in (residents and staff) ──────────────────────────────────────────────────────

  app.get("/auth/sign-in", HIDDEN, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNextPath(query.next);
    // Staff pages send people here when nobody is signed in; staff have their own door.
    if (next && (next === "/staff" || next.startsWith("/staff/"))) return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(next)}`, 303);
    const info = query.reset === "done" ? t(request.locale, "identity.signIn.passwordChanged") : undefined;
    return sendPage(reply, (ctx) => signInPage(ctx, { area: "resident", values: {}, next, info, ...signInExtras("resident") }));
  });

  app.get("/staff/sign-in", HIDDEN, async (request, reply) => {
    const next = safeNextPath((request.query as Record<string, unknown>).next);
    return sendPage(reply, (ctx) => signInPage(ctx, { area: "staff", values: {}, next, ...signInExtras("staff") }));
  });

  const signInHandler = (area: "resident" | "staff") => async (request: FastifyRequest, reply: FastifyReply) => {
    const body = bodyOf(request);
    const locale = request.locale;
    const next = safeNextPath(body.next);
    const render = (errors: FieldErrors, status: number) =>
      sendPage(reply, (ctx) => signInPage(ctx, { area, values: typed(body, ["email"]), next, errors, ...signInExtras(area) }), status);

    const parsed = parseForm(SignInInput, body);
    if (!parsed.ok) return render(localize(locale, parsed.problems), 422);
    const { email, password } = parsed.data;
    const key = emailKey(`sign-in:${area}`, email);
    if (await limiters.signInFailures.isExhausted(request, key)) {
      request.log.info({ account: maskEmail(email), area }, "sign-in refused: too many failures for this address");
      return render(rateLimited(locale), 429);
    }
    const result = await signInWithPassword({ db, kind: area, email, password, previousSessionHash: request.actor?.sessionTokenHash });
    if (!result.ok) {
      await limiters.signInFailures.count(request, key);
      request.log.info({ account: maskEmail(email), area }, "sign-in failed");
      return render({ email: t(locale, area === "staff" ? "identity.errors.staff_sign_in_failed" : "identity.errors.sign_in_failed") }, 422);
    }
    setSessionCookie(reply, result.session.token, result.session.expiresAt, secureCookies);
    request.log.info({ userId: result.userId, area }, "signed in");
    return reply.redirect(next ?? HOME_AFTER_SIGN_IN[area], 303);
  };

  app.post("/auth/sign-in", { ...HIDDEN, config: { rateLimit: perIp(LIMITS.signInPerIp) } }, signInHandler("resident"));
  app.post("/staff/sign-in", { ...HIDDEN, config: { rateLimit: perIp(LIMITS.signInPerIp) } }, signInHandler("staff"));

  // ── Sign out ──────────────────────────────────────────────────────────────────────────

  app.post("/auth/sign-out", HIDDEN, async (request, reply) => {
    const actor = request.actor;
    if (actor) {
      await signOut({ db, actor });
      request.log.info({ userId: actor.id, area: actor.kind }, "signed out");
    }
    clearSessionCookie(reply);
    return reply.redirect(actor?.kind === "staff" ? "/staff/sign-in" : "/", 303);
  });

  // ── Sign up ───────────────────────────────────────────────────────────────────────────

  const SIGN_UP_FIELDS = ["email", "familyName", "givenName", "familyKana", "givenKana"] as const;

  app.get("/auth/sign-up", HIDDEN, async (request, reply) => {
    const next = safeNextPath((request.query as Record<string, unknown>).next);
    return sendPage(reply, (ctx) => signUpPage(ctx, { values: {}, next }));
  });

  app.post("/auth/sign-up", { ...HIDDEN, config: { rateLimit: perIp(LIMITS.signUpPerIp) } }, async (request, reply) => {
    const body = bodyOf(request);
    const locale = request.locale;
    const next = safeNextPath(body.next);
    const render = (errors: FieldErrors) => sendPage(reply, (ctx) => signUpPage(ctx, { values: typed(body, SIGN_UP_FIELDS), errors, next }), 422);

    const parsed = parseForm(SignUpInput, body);
    if (!parsed.ok) return render(localize(locale, parsed.problems));
    const result = await signUpResident({ db, mail: mail(request), input: parsed.data, locale });
    if (!result.ok) {
      request.log.info({ account: maskEmail(parsed.data.email) }, "sign-up refused: address in use");
      return render({ email: t(locale, "identity.errors.email_taken") });
    }
    setSessionCookie(reply, result.session.token, result.session.expiresAt, secureCookies);
    request.log.info({ userId: result.userId }, "resident signed up");
    return reply.redirect(next ?? "/my/profile?welcome=1", 303);
  });

  // ── One-time links: sign-in link and password reset requests ──────────────────────────

  const requestLinkRoutes = (kind: LinkKind, path: string) => {
    app.get(path, HIDDEN, async (_request, reply) => sendPage(reply, (ctx) => requestLinkPage(ctx, { kind, values: {} })));
    app.get(`${path}/sent`, HIDDEN, async (_request, reply) => sendPage(reply, (ctx) => linkSentPage(ctx, kind)));
    app.post(path, { ...HIDDEN, config: { rateLimit: perIp(LIMITS.linkRequestsPerIp) } }, async (request, reply) => {
      const body = bodyOf(request);
      const locale = request.locale;
      const render = (errors: FieldErrors, status: number) =>
        sendPage(reply, (ctx) => requestLinkPage(ctx, { kind, values: typed(body, ["email"]), errors }), status);

      const parsed = parseForm(EmailInput, body);
      if (!parsed.ok) return render(localize(locale, parsed.problems), 422);
      const { email } = parsed.data;
      // Counted whether or not the account exists, so the limit itself tells nothing.
      if (await limiters.linkRequests.count(request, emailKey(kind, email))) {
        request.log.info({ account: maskEmail(email), kind }, "link request refused: too many for this address");
        return render(rateLimited(locale), 429);
      }
      const command = kind === "login" ? requestSignInLink : requestPasswordReset;
      const sent = await command({ db, mail: mail(request), email });
      request.log.info({ account: maskEmail(email), kind, sent }, "one-time link requested");
      return reply.redirect(`${path}/sent`, 303);
    });
  };
  requestLinkRoutes("login", "/auth/link");
  requestLinkRoutes("reset", "/auth/reset");

  // ── Sign-in link: confirm page (GET) and sign-in (POST) ──────────────────────────────

  app.get("/auth/link/:token", TOKEN_ROUTE, async (request, reply) => {
    const token = tokenParam(request);
    if (!(await linkIsUsable(db, token, "login"))) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "login"), 410);
    return sendPage(reply, (ctx) => confirmSignInLinkPage(ctx, token));
  });

  app.post("/auth/link/:token", TOKEN_ROUTE, async (request, reply) => {
    const result = await signInWithLink({ db, token: tokenParam(request), previousSessionHash: request.actor?.sessionTokenHash });
    if (!result.ok) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "login"), 410);
    setSessionCookie(reply, result.session.token, result.session.expiresAt, secureCookies);
    eventLog(request).info({ userId: result.userId, area: "resident" }, "signed in with a one-time link");
    return reply.redirect(HOME_AFTER_SIGN_IN.resident, 303);
  });

  // ── Password reset: new password form (GET) and change (POST) ────────────────────────

  app.get("/auth/reset/:token", TOKEN_ROUTE, async (request, reply) => {
    const token = tokenParam(request);
    const email = await resetLinkEmail(token);
    if (!email) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "reset"), 410);
    return sendPage(reply, (ctx) => newPasswordPage(ctx, { token, email }));
  });

  app.post("/auth/reset/:token", TOKEN_ROUTE, async (request, reply) => {
    const token = tokenParam(request);
    const parsed = parseForm(NewPasswordInput, bodyOf(request));
    if (!parsed.ok) {
      const email = await resetLinkEmail(token);
      if (!email) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "reset"), 410);
      const errors = localize(request.locale, parsed.problems);
      return sendPage(reply, (ctx) => newPasswordPage(ctx, { token, email, errors }), 422);
    }
    const changed = await resetPassword({ db, token, newPassword: parsed.data.password });
    if (!changed) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "reset"), 410);
    // Every session of the person has ended, this browser's included.
    clearSessionCookie(reply);
    eventLog(request).info("password reset with a one-time link");
    return reply.redirect("/auth/sign-in?reset=done", 303);
  });

  async function resetLinkEmail(token: string): Promise<string | null> {
    const userId = await linkOwner(db, token, "reset");
    const user = userId ? await findUserById(db, userId) : null;
    return user?.email ?? null;
  }

  // ── E-mail verification ──────────────────────────────────────────────────────────────

  app.get("/auth/verify/:token", TOKEN_ROUTE, async (request, reply) => {
    const token = tokenParam(request);
    if (!(await linkIsUsable(db, token, "verify"))) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "verify"), 410);
    return sendPage(reply, (ctx) => confirmVerifyPage(ctx, token));
  });

  app.post("/auth/verify/:token", TOKEN_ROUTE, async (request, reply) => {
    if (!(await verifyEmail({ db, token: tokenParam(request) }))) return sendPage(reply, (ctx) => linkInvalidPage(ctx, "verify"), 410);
    return sendPage(reply, (ctx) => verifiedPage(ctx));
  });

  app.post("/my/profile/verification", { ...HIDDEN, config: { rateLimit: perIp(LIMITS.resendPerIp) } }, async (request, reply) => {
    const resident = requireResident(request);
    await sendVerificationEmail({ db, mail: mail(request), userId: resident.id });
    return reply.redirect("/my/profile?resent=1", 303);
  });

  // ── Resident profile ─────────────────────────────────────────────────────────────────

  const PROFILE_FIELDS = ["familyName", "givenName", "familyKana", "givenKana", "birthYear", "birthMonth", "birthDay", "postalCode", "address", "phone"] as const;

  app.get("/my/profile", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const profile = await findResidentProfile(db, resident.id);
    if (!profile) throw new Error("signed-in resident has no profile row");
    const query = request.query as Record<string, unknown>;
    const [assurance, passkeys, linked] = await Promise.all([assuranceForRequest(db, resident), listPasskeys(db, resident.id), listLinkedProviders(db, resident.id)]);
    return sendPage(reply, (ctx) =>
      profilePage(ctx, {
        profile,
        saved: query.saved === "1",
        resent: query.resent === "1",
        welcome: query.welcome === "1",
        security: html`${assuranceSection(ctx, { assurance, national: context.nationalProvider(), linkedProviders: linked.map((l) => l.provider) })}
${passkeyManageSection(ctx, { passkeys, base: "/my/passkeys", added: query.passkey === "added", removed: query.passkey === "removed" })}`,
      }),
    );
  });

  app.get("/my/profile/edit", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const profile = await findResidentProfile(db, resident.id);
    if (!profile) throw new Error("signed-in resident has no profile row");
    return sendPage(reply, (ctx) => editProfilePage(ctx, { values: profileFormValues(profile) }));
  });

  app.post("/my/profile/edit", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const body = bodyOf(request);
    const parsed = parseProfileForm(body);
    if (!parsed.ok) {
      const values: ProfileFormValues = typed(body, PROFILE_FIELDS);
      const errors = localize(request.locale, parsed.problems);
      return sendPage(reply, (ctx) => editProfilePage(ctx, { values, errors }), 422);
    }
    await updateResidentProfile({ db, userId: resident.id, ...parsed.data });
    return reply.redirect("/my/profile?saved=1", 303);
  });

  // ── Staff account ────────────────────────────────────────────────────────────────────

  app.get("/staff/account", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const [departments, passkeys] = await Promise.all([listDepartments(db), listPasskeys(db, staff.id)]);
    const query = request.query as Record<string, unknown>;
    return sendPage(reply, (ctx) =>
      staffAccountPage(ctx, {
        staff,
        departments,
        security: passkeyManageSection(ctx, { passkeys, base: "/staff/account/passkeys", added: query.passkey === "added", removed: query.passkey === "removed" }),
      }),
    );
  });
}
