/**
 * Finishes a sign-in at an outside OpenID Connect provider (the callback):
 *
 * 1. the state from the browser's cookie must equal the one in the URL and be a started, unused,
 *    unexpired sign-in for this provider (used up here);
 * 2. the code is exchanged with the PKCE verifier; the ID token is validated (signature, issuer,
 *    audience, expiry, nonce) by openid-client;
 * 3. the person is mapped to an account:
 *    - staff providers (the city IdP): the linked staff account, else the enabled staff account with
 *      the (verified) e-mail address, which is then linked. Staff accounts are never created here.
 *    - resident providers (the national IdP): the linked resident; else, when a resident is signed
 *      in, that account is linked; else a new resident account is made from the claims (name,
 *      フリガナ from `family_name#ja-Kana-JP`, birth date, address). An address already used by
 *      another resident is never linked without that resident signing in first.
 * 4. the account rises to the level the `acr` claim proves (assurance_events), and the new session
 *    counts at that level. Staff sign-ins are audited.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { normalizePostalCode } from "../../../core/text/japanese.ts";
import { levelFromAcr, type AssuranceLevel } from "../assurance/levels.ts";
import { raiseAccountLevel } from "../assurance/queries.ts";
import { completeAuthorization, type OidcClaims } from "../oidc/client.ts";
import type { OidcProviderConfig } from "../oidc/providers.ts";
import { consumeLoginState, fillEmptyProfile, findLinkedUser, linkExternalIdentity, subjectIsLinked } from "../oidc/queries.ts";
import { findUserByEmail, insertUser, UniqueViolation } from "../queries.ts";
import { normalizeEmail, normalizeKana } from "../schema.ts";
import { createSession, destroySession } from "../sessions.ts";

export type FinishOidcSignInOptions = {
  db: Db;
  provider: OidcProviderConfig;
  /** The full callback URL as the browser requested it (BASE_URL + path and query). */
  callbackUrl: URL;
  /** The state kept in the browser's signed cookie when the sign-in started. */
  cookieState: string | undefined;
  /** Who is signed in in this browser now (to link a resident account), if anyone. */
  currentActor: Actor | null;
};

export type OidcFailure =
  /** No matching started sign-in (cookie missing, replayed or expired callback). */
  | "state"
  /** The provider answered with an error (e.g. the person cancelled) or a check failed. */
  | "provider"
  /** Staff provider: no staff account with this e-mail address. */
  | "staff_not_found"
  /** The provider shared no (verified) e-mail address, which a new account needs. */
  | "email_missing"
  /** Another resident account uses the e-mail address: sign in to it first, then link. */
  | "email_in_use"
  /** The outside account is already linked to another account. */
  | "linked_elsewhere";

export type FinishOidcSignInResult =
  | { ok: true; userId: string; kind: "resident" | "staff"; session: { token: string; expiresAt: Date }; level: AssuranceLevel; created: boolean; nextPath: string | null }
  | { ok: false; reason: OidcFailure; detail?: string };

const NAME_MAX = 50;

function text(value: unknown, max: number): string {
  return typeof value === "string" ? value.normalize("NFC").trim().slice(0, max) : "";
}

/** 氏名 and フリガナ from standard claims, with the Japanese language-tagged variants preferred. */
function namesFrom(claims: OidcClaims): { familyName: string; givenName: string; familyKana: string; givenKana: string } {
  let familyName = text(claims["family_name#ja-Hani-JP"] ?? claims.family_name, NAME_MAX);
  let givenName = text(claims["given_name#ja-Hani-JP"] ?? claims.given_name, NAME_MAX);
  if (!familyName && !givenName) {
    const [family = "", ...rest] = text(claims.name, NAME_MAX * 2).split(/[\s　]+/);
    familyName = family.slice(0, NAME_MAX);
    givenName = rest.join(" ").slice(0, NAME_MAX);
  }
  const kana = (value: unknown) => normalizeKana(text(value, NAME_MAX));
  return { familyName, givenName, familyKana: kana(claims["family_name#ja-Kana-JP"]), givenKana: kana(claims["given_name#ja-Kana-JP"]) };
}

function profileFrom(claims: OidcClaims) {
  const address = (claims.address ?? {}) as Record<string, unknown>;
  const birth = text(claims.birthdate, 10);
  return {
    birthDate: /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : null,
    postalCode: normalizePostalCode(text(address.postal_code, 20)),
    address: text(address.formatted, 200) || null,
  };
}

function verifiedEmail(claims: OidcClaims): string | null {
  if (typeof claims.email !== "string" || claims.email_verified === false) return null;
  const email = normalizeEmail(claims.email);
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null;
}

export async function finishOidcSignIn(options: FinishOidcSignInOptions): Promise<FinishOidcSignInResult> {
  const { db, provider, callbackUrl } = options;
  const urlState = callbackUrl.searchParams.get("state") ?? "";
  if (!options.cookieState || !urlState || options.cookieState !== urlState) return { ok: false, reason: "state" };
  const started = await consumeLoginState(db, urlState, provider.name);
  if (!started) return { ok: false, reason: "state" };

  let claims: OidcClaims;
  try {
    claims = await completeAuthorization(provider, callbackUrl, { state: urlState, nonce: started.nonce, codeVerifier: started.codeVerifier });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${(error as { code?: string }).code ?? ""} ${(error as { error?: string }).error ?? ""}`.trim() : "unknown";
    return { ok: false, reason: "provider", detail };
  }
  const level = levelFromAcr(claims.acr, provider.acrLevels);
  const kind = provider.audience;
  const email = verifiedEmail(claims);

  return db.transaction(async (tx): Promise<FinishOidcSignInResult> => {
    let userId = (await findLinkedUser(tx, provider.name, claims.sub, kind))?.id ?? null;
    let created = false;
    if (!userId && (await subjectIsLinked(tx, provider.name, claims.sub))) return { ok: false, reason: "linked_elsewhere" };

    if (!userId && kind === "staff") {
      // Staff accounts come from the city's own records: matched by e-mail, never created.
      const staff = email ? await findUserByEmail(tx, "staff", email) : null;
      if (!staff) return { ok: false, reason: email ? "staff_not_found" : "email_missing" };
      userId = staff.id;
    }
    if (!userId && kind === "resident") {
      if (options.currentActor?.kind === "resident") {
        userId = options.currentActor.id;
      } else {
        if (!email) return { ok: false, reason: "email_missing" };
        if (await findUserByEmail(tx, "resident", email)) return { ok: false, reason: "email_in_use" };
        const names = namesFrom(claims);
        try {
          userId = await insertUser(tx, { kind: "resident", email, passwordHash: null, ...names, locale: "ja" });
        } catch (error) {
          if (error instanceof UniqueViolation) return { ok: false, reason: "email_in_use" };
          throw error;
        }
        created = true;
      }
    }
    if (!userId) return { ok: false, reason: "staff_not_found" };

    await linkExternalIdentity(tx, provider.name, claims.sub, userId);
    if (kind === "resident") {
      const names = namesFrom(claims);
      await fillEmptyProfile(tx, userId, { ...profileFrom(claims), familyKana: names.familyKana, givenKana: names.givenKana, emailVerified: email !== null && claims.email_verified === true });
    }
    await raiseAccountLevel(tx, { userId, level, method: "oidc", detail: { provider: provider.name, acr: typeof claims.acr === "string" ? claims.acr.slice(0, 100) : null } });
    if (options.currentActor) await destroySession(tx, options.currentActor.sessionTokenHash);
    const session = await createSession(tx, { id: userId, kind }, { method: "oidc", level });
    if (kind === "staff") {
      await appendAudit(tx, { actorId: userId, actorLabel: `staff:${userId}`, action: "staff.signed_in", objectType: "user", objectId: userId, data: { method: "oidc", provider: provider.name } });
    }
    return { ok: true, userId, kind, session, level, created, nextPath: started.nextPath };
  });
}
