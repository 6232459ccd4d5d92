/**
 * Sign-in with a passkey (residents at /auth/sign-in, staff at /staff/sign-in): the assertion is
 * verified against the stored challenge (used up here), the origin and RP ID, the stored public
 * key, with user verification required; the signature counter must go up (a counter that goes
 * back means a cloned authenticator, and is refused). The new session counts at level 2.
 * A staff sign-in is audited.
 */
import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import { consumeChallenge, findPasskeyForSignIn, recordPasskeyUse, type Area } from "../passkeys/queries.ts";
import type { RelyingParty } from "../passkeys/relying-party.ts";
import { createSession, destroySession } from "../sessions.ts";

export type SignInWithPasskeyOptions = {
  db: Db;
  rp: RelyingParty;
  area: Area;
  challengeId: string;
  /** What navigator.credentials.get() gave (as JSON). */
  response: unknown;
  previousSessionHash?: string | null;
};

export type SignInWithPasskeyResult =
  | { ok: true; userId: string; session: { token: string; expiresAt: Date } }
  /** expired: no usable challenge; unknown: no such passkey here; failed: bad assertion; counter: counter went back. */
  | { ok: false; reason: "expired" | "unknown" | "failed" | "counter" };

export async function signInWithPasskey(options: SignInWithPasskeyOptions): Promise<SignInWithPasskeyResult> {
  const challenge = await consumeChallenge(options.db, options.challengeId, "authenticate");
  if (!challenge || challenge.area !== options.area) return { ok: false, reason: "expired" };
  const response = options.response as AuthenticationResponseJSON;
  const credentialId = typeof response?.id === "string" ? response.id : "";
  const passkey = credentialId ? await findPasskeyForSignIn(options.db, credentialId, options.area) : null;
  if (!passkey) return { ok: false, reason: "unknown" };
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: options.rp.origin,
      expectedRPID: options.rp.rpID,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: true,
    });
  } catch (error) {
    // SimpleWebAuthn refuses a counter that did not go up with its own message.
    return { ok: false, reason: /counter/i.test(error instanceof Error ? error.message : "") ? "counter" : "failed" };
  }
  if (!verified.verified) return { ok: false, reason: "failed" };

  const userId = passkey.userId;
  const session = await options.db.transaction(async (tx) => {
    if (!(await recordPasskeyUse(tx, passkey.id, verified.authenticationInfo.newCounter))) return null;
    if (options.previousSessionHash) await destroySession(tx, options.previousSessionHash);
    const created = await createSession(tx, { id: userId, kind: options.area }, { method: "passkey", level: 2 });
    if (options.area === "staff") {
      await appendAudit(tx, { actorId: userId, actorLabel: `staff:${userId}`, action: "staff.signed_in", objectType: "user", objectId: userId, data: { method: "passkey" } });
    }
    return created;
  });
  if (!session) return { ok: false, reason: "counter" };
  return { ok: true, userId, session };
}
