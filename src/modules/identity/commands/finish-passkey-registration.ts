/**
 * Finishes adding a passkey: the browser's answer is verified against the stored challenge
 * (used up here), the origin and RP ID, with user verification required. The credential is stored,
 * the account rises to level 2 (assurance_events), this session counts as a passkey sign-in from
 * now on, and the person is told by e-mail (so that a passkey added by someone else is noticed).
 */
import { verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { t, type Locale } from "../../../core/i18n/index.ts";
import { type MailDeps, sendInBackground } from "../mail.ts";
import { raiseAccountLevel } from "../assurance/queries.ts";
import { consumeChallenge, insertPasskey, upgradeSession } from "../passkeys/queries.ts";
import { SUPPORTED_ALGORITHMS, type RelyingParty } from "../passkeys/relying-party.ts";
import { UniqueViolation, pgErrorCode } from "../queries.ts";
import "../messages.ts";
import "../assurance-messages.ts";

export type FinishPasskeyRegistrationOptions = {
  db: Db;
  actor: Actor;
  rp: RelyingParty;
  /** The challenge id from the ceremony cookie. */
  challengeId: string;
  /** What the browser's navigator.credentials.create() gave (as JSON). */
  response: unknown;
  /** A name the person chose for the passkey ("iPhone"), up to 60 characters. */
  label: string;
  mail: MailDeps;
  locale: Locale;
};

export type FinishPasskeyRegistrationResult =
  | { ok: true; credentialId: string }
  /** expired: the challenge is gone or used; failed: the answer did not verify; duplicate: already registered. */
  | { ok: false; reason: "expired" | "failed" | "duplicate" };

export async function finishPasskeyRegistration(options: FinishPasskeyRegistrationOptions): Promise<FinishPasskeyRegistrationResult> {
  const { actor, rp } = options;
  const challenge = await consumeChallenge(options.db, options.challengeId, "register");
  if (!challenge || challenge.userId !== actor.id) return { ok: false, reason: "expired" };
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: options.response as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch {
    return { ok: false, reason: "failed" };
  }
  if (!verified.verified) return { ok: false, reason: "failed" };
  const info = verified.registrationInfo;
  const credentialId = info.credential.id;
  try {
    await options.db.transaction(async (tx) => {
      await insertPasskey(tx, {
        id: credentialId,
        userId: actor.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        label: options.label.trim().slice(0, 60),
      });
      await raiseAccountLevel(tx, { userId: actor.id, level: 2, method: "passkey", detail: { credential: credentialId.slice(0, 16) } });
      await upgradeSession(tx, actor.sessionTokenHash, { method: "passkey", level: 2 });
      if (actor.kind === "staff") {
        await appendAudit(tx, { actorId: actor.id, actorLabel: `staff:${actor.id}`, action: "staff.passkey_added", objectType: "user", objectId: actor.id });
      }
    });
  } catch (error) {
    if (error instanceof UniqueViolation || pgErrorCode(error) === "23505") return { ok: false, reason: "duplicate" };
    throw error;
  }
  void sendInBackground(
    options.mail,
    {
      to: actor.email,
      subject: t(options.locale, "assurance.mail.passkeyAddedSubject"),
      text: `${[t(options.locale, "assurance.mail.passkeyAddedIntro", { label: options.label.trim() || "—" }), t(options.locale, "assurance.mail.passkeyAddedNotYou"), t(options.locale, "identity.mail.signature")].join("\n\n")}\n`,
    },
    "passkey-added",
  );
  return { ok: true, credentialId };
}
