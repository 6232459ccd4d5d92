/**
 * The WebAuthn relying party, from BASE_URL: the RP ID is its host name (passkeys then work on
 * that host and its subdomains), the expected origin is its origin. Behind a proxy BASE_URL must
 * be the public https URL, or browsers' passkeys will not match.
 */
export type RelyingParty = { rpID: string; rpName: string; origin: string };

/** Site name shown by the browser and the authenticator when a passkey is made. */
export const RP_NAME = "Machi 大阪市オンライン申請";

/** How long a ceremony may take, from the options to the answer. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** The signed cookie holding the id of the ceremony's challenge. */
export const CHALLENGE_COOKIE = "machi_webauthn";

export function relyingParty(baseUrl: string): RelyingParty {
  const url = new URL(baseUrl);
  return { rpID: url.hostname, rpName: RP_NAME, origin: url.origin };
}

/** EdDSA, ES256, RS256: what platform authenticators and security keys make (COSE ids). */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];
