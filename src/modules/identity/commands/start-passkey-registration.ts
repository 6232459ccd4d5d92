/**
 * Starts adding a passkey to the signed-in person's account: WebAuthn creation options (a
 * discoverable credential with user verification, so that sign-in needs no e-mail address and the
 * authenticator checks a PIN or biometric) and a stored single-use challenge.
 */
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { CHALLENGE_TTL_MS, SUPPORTED_ALGORITHMS, type RelyingParty } from "../passkeys/relying-party.ts";
import { insertChallenge, listPasskeys } from "../passkeys/queries.ts";

export type StartPasskeyRegistrationOptions = {
  db: Db;
  /** The signed-in resident or staff member adding a passkey to their own account. */
  actor: Actor;
  rp: RelyingParty;
};

/** The user handle given to authenticators: the account's UUID bytes (no personal data). */
export function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replace(/-/g, ""), "hex"));
}

export async function startPasskeyRegistration(options: StartPasskeyRegistrationOptions): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const { actor, rp } = options;
  const existing = await listPasskeys(options.db, actor.id);
  const creation = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: actor.email,
    userID: userHandle(actor.id),
    userDisplayName: actor.displayName,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    timeout: CHALLENGE_TTL_MS,
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  const challengeId = await insertChallenge(options.db, {
    challenge: creation.challenge,
    purpose: "register",
    userId: actor.id,
    area: actor.kind,
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
  });
  return { challengeId, options: creation };
}
