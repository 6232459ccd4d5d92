/**
 * The signature step of an application (docs/decisions/0013-identity-assurance.md):
 *
 * - uploadDraftSignature: on check your answers the resident uploads the CMS SignedData their device
 *   made over canonicalApplicationBytes(data); it is verified at once (at the server's time of
 *   receipt) and, when valid, kept with the draft;
 * - draftSignatureState: whether the draft's current data is what was signed (answers changed
 *   after signing make the signature stale);
 * - recordApplicationSignature: in the submit transaction, the kept signature is verified again and
 *   recorded for the new application (signature_verifications, with the signer for staff); the
 *   account rises to level 3 when the certificate names the account holder.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import { getResidentProfile, raiseAssuranceLevel } from "../../identity/index.ts";
import { canonicalApplicationBytes } from "../canonical.ts";
import type { SignatureFailureReason } from "../cms/failure.ts";
import { verifyApplicationSignature, type SignatureTrust } from "../commands/verify-application-signature.ts";
import { verifyCms, type SignerIdentity } from "../verify-cms.ts";
import { deleteDraftSignature, findDraftSignature, upsertDraftSignature } from "./queries.ts";

/** The largest signature file accepted (a JPKI CMS with its chain is a few kilobytes). */
export const MAX_SIGNATURE_BYTES = 256 * 1024;

export function contentSha256(data: unknown): string {
  return createHash("sha256").update(canonicalApplicationBytes(data)).digest("hex");
}

export type UploadDraftSignatureResult =
  | { ok: true; signer: SignerIdentity }
  | { ok: false; reason: SignatureFailureReason | "empty" | "too_large"; signer?: SignerIdentity };

export async function uploadDraftSignature(options: {
  db: Db;
  draftId: string;
  /** The owner of the draft (already authorised by the caller). */
  userId: string;
  /** The data the signature must cover (the same as the download). */
  data: unknown;
  bytes: Uint8Array;
  trust: SignatureTrust;
  receivedAt: Date;
}): Promise<UploadDraftSignatureResult> {
  if (options.bytes.length === 0) return { ok: false, reason: "empty" };
  if (options.bytes.length > MAX_SIGNATURE_BYTES) return { ok: false, reason: "too_large" };
  const content = canonicalApplicationBytes(options.data);
  const verification = await verifyCms({ ...options.trust, signature: options.bytes, content, at: options.receivedAt });
  if (!verification.valid) return { ok: false, reason: verification.reason, ...(verification.signer ? { signer: verification.signer } : {}) };
  await upsertDraftSignature(options.db, {
    draftId: options.draftId,
    userId: options.userId,
    receivedAt: options.receivedAt,
    contentSha256: createHash("sha256").update(content).digest("hex"),
    signature: options.bytes,
    signer: verification.signer,
  });
  return { ok: true, signer: verification.signer };
}

export type DraftSignatureState =
  | { status: "none" }
  /** Signed over exactly the current data. */
  | { status: "valid"; signer: SignerIdentity; receivedAt: Date }
  /** Signed, but the answers changed since. */
  | { status: "stale"; signer: SignerIdentity; receivedAt: Date };

export async function draftSignatureState(db: Db, options: { draftId: string; userId: string; data: unknown }): Promise<DraftSignatureState> {
  const kept = await findDraftSignature(db, options.draftId, options.userId);
  if (!kept) return { status: "none" };
  return { status: kept.contentSha256 === contentSha256(options.data) ? "valid" : "stale", signer: kept.signer, receivedAt: kept.receivedAt };
}

/**
 * The draft's signature checked again now (at its time of receipt, so a certificate revoked since
 * for key compromise, or a changed trust configuration, is noticed before submitting): "valid" only
 * when it covers `data` and still verifies.
 */
export async function recheckDraftSignature(db: Db, options: { draftId: string; userId: string; data: unknown; trust: SignatureTrust }): Promise<DraftSignatureState | { status: "invalid"; reason: SignatureFailureReason }> {
  const kept = await findDraftSignature(db, options.draftId, options.userId);
  if (!kept) return { status: "none" };
  const content = canonicalApplicationBytes(options.data);
  if (createHash("sha256").update(content).digest("hex") !== kept.contentSha256) return { status: "stale", signer: kept.signer, receivedAt: kept.receivedAt };
  const verification = await verifyCms({ ...options.trust, signature: kept.signature, content, at: kept.receivedAt });
  if (!verification.valid) return { status: "invalid", reason: verification.reason };
  return { status: "valid", signer: verification.signer, receivedAt: kept.receivedAt };
}

/** The kept signature stopped verifying between upload and submit (e.g. the certificate was revoked). */
export class SignatureNoLongerValid extends Error {
  readonly reason: SignatureFailureReason | "missing";
  constructor(reason: SignatureFailureReason | "missing") {
    super(`the application's signature is no longer valid: ${reason}`);
    this.reason = reason;
  }
}

/** "大阪 太郎" and "大阪　太郎" and "大阪太郎" are the same name. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
  return norm(a) !== "" && norm(a) === norm(b);
}

/**
 * In the submit transaction: verifies the draft's kept signature again (at its time of receipt)
 * over `data`, records it for the application and removes it from the draft. Throws
 * SignatureNoLongerValid (so the submission rolls back) when it no longer verifies.
 */
export async function recordApplicationSignature(
  tx: Db,
  options: { draftId: string; userId: string; applicationId: string; data: unknown; trust: SignatureTrust },
): Promise<{ signer: SignerIdentity; accountRaised: boolean }> {
  const kept = await findDraftSignature(tx, options.draftId, options.userId);
  if (!kept) throw new SignatureNoLongerValid("missing");
  const { verification } = await verifyApplicationSignature({
    db: tx,
    applicationId: options.applicationId,
    data: options.data,
    signature: kept.signature,
    trust: options.trust,
    receivedAt: kept.receivedAt,
  });
  if (!verification.valid) throw new SignatureNoLongerValid(verification.reason);
  await deleteDraftSignature(tx, options.draftId);
  // The card's holder signed: when that is the account holder, the account is proven at level 3.
  const profile = await getResidentProfile(tx, options.userId);
  const signerName = verification.signer.name ?? "";
  let accountRaised = false;
  if (sameName(signerName, `${profile.name.family}${profile.name.given}`)) {
    const from = await raiseAssuranceLevel({
      db: tx,
      userId: options.userId,
      level: 3,
      method: "jpki_signature",
      detail: { certificate: verification.signer.certificateSha256.slice(0, 16), applicationId: options.applicationId },
    });
    accountRaised = from !== null;
  }
  return { signer: verification.signer, accountRaised };
}
