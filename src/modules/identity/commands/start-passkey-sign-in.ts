/**
 * Starts a passkey sign-in: WebAuthn request options without a list of credentials (the
 * authenticator offers the passkeys it holds for this site), user verification required, and a
 * stored single-use challenge for the area (residents or staff).
 */
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { Db } from "../../../core/db/database.ts";
import { CHALLENGE_TTL_MS, type RelyingParty } from "../passkeys/relying-party.ts";
import { insertChallenge, type Area } from "../passkeys/queries.ts";

export async function startPasskeySignIn(options: { db: Db; rp: RelyingParty; area: Area }): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const request = await generateAuthenticationOptions({ rpID: options.rp.rpID, userVerification: "required", timeout: CHALLENGE_TTL_MS });
  const challengeId = await insertChallenge(options.db, {
    challenge: request.challenge,
    purpose: "authenticate",
    userId: null,
    area: options.area,
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
  });
  return { challengeId, options: request };
}
