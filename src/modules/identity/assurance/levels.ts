/**
 * Identity assurance levels (docs/decisions/0013-identity-assurance.md).
 *
 * An account's level says what has been proven about who the person is; a session's level says how
 * strongly this sign-in proved that it is them. A request counts at the lower of the two, so a
 * stolen password never reaches what a passkey or the national ID protects.
 *
 *   1  self-asserted: a password or e-mail link (e-mail verified or not)
 *   2  a passkey (phishing-resistant, user verification), an outside provider asserting acr ≥ 2,
 *      or identity checked in person at a counter
 *   3  My Number Card level: a JPKI-style signature, or the national provider asserting acr 3
 */
export type AssuranceLevel = 1 | 2 | 3;

/** How a level was reached (assurance_events.method). */
export type AssuranceMethod = "passkey" | "oidc" | "jpki_signature" | "in_person";

/** Whether a procedure asks for an electronic signature on check your answers. */
export type SignatureRule =
  /** No signature step. */
  | "none"
  /** Offered when the resident's level is too low: a valid signature counts as level 3 for that application. */
  | "accepted"
  /** Every application must carry a valid signature. */
  | "required";

export type ProcedureRequirement = { requiredLevel: AssuranceLevel; signature: SignatureRule };

/** What a procedure without a row in procedure_assurance_requirements asks for. */
export const DEFAULT_REQUIREMENT: ProcedureRequirement = { requiredLevel: 1, signature: "none" };

/**
 * Demo values (seedIdentityDemo): 住民票の写し needs level 2 or a JPKI signature (a copy of the
 * record holds 基本4情報 and goes by post: a password alone is not enough); 転出届 online needs the
 * card's signature, as the マイナポータル 引越しワンストップ does. Everything else: level 1.
 */
export const DEMO_REQUIREMENTS: Record<string, ProcedureRequirement> = {
  "residence-certificate": { requiredLevel: 2, signature: "accepted" },
  "moving-out-notification": { requiredLevel: 1, signature: "required" },
};

/** The level a JPKI-style signature on an application proves for that application. */
export const SIGNATURE_LEVEL: AssuranceLevel = 3;

export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
  return value === 1 || value === 2 || value === 3;
}

/** Any number → 1…3 (out-of-range values are clamped; NaN is 1). */
export function clampLevel(value: number): AssuranceLevel {
  if (!(value >= 2)) return 1;
  return value >= 3 ? 3 : 2;
}

/**
 * The level an outside provider's `acr` claim proves, by the provider's table when it has one,
 * else by the last digit of the value ("2", "urn:…:loa:3", "…/level2"). Unknown or missing: 1.
 */
export function levelFromAcr(acr: unknown, table?: Record<string, number>): AssuranceLevel {
  if (typeof acr !== "string" || acr === "") return 1;
  if (table && Object.hasOwn(table, acr)) return clampLevel(table[acr]!);
  if (table && Object.keys(table).length > 0) return 1;
  const digit = /([0-9])$/.exec(acr);
  return digit ? clampLevel(Number(digit[1])) : 1;
}

/** The level a request counts at: the lower of the account's and the session's. */
export function effectiveLevel(account: number, session: number): AssuranceLevel {
  return clampLevel(Math.min(account, session));
}
