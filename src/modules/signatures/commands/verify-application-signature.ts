/**
 * Verifies the CMS signature a resident's device made over an application and records the outcome
 * (signer identity for staff, or the reason it was refused) in the caller's transaction.
 *
 *   const { verification } = await verifyApplicationSignature({
 *     db: tx, applicationId, data: { procedure, version, answers }, signature, trust, receivedAt: new Date(),
 *   });
 *   if (!verification.valid) → show the resident `verification.reason`; the application stays unsigned.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import { canonicalApplicationBytes } from "../canonical.ts";
import { insertSignatureVerification } from "../queries.ts";
import { verifyCms, type CmsVerification, type VerifyCmsOptions } from "../verify-cms.ts";

/** Where trust comes from: the JPKI signing CA certificates, their CRLs, optionally OCSP. */
export type SignatureTrust = Pick<VerifyCmsOptions, "trustAnchors" | "intermediates" | "crls" | "ocsp" | "requireRevocationCheck">;

export type VerifyApplicationSignatureOptions = {
  /** Database or the caller's transaction. */
  db: Db;
  /** The application the signature belongs to (applications.id). */
  applicationId: string;
  /** What was signed, as plain data; its canonical JSON (canonicalApplicationBytes) is the signed content. */
  data: unknown;
  /** The CMS SignedData from the device (DER or PEM; attached content must equal the canonical bytes). */
  signature: Uint8Array;
  trust: SignatureTrust;
  /**
   * When the server received the signature. Certificate validity and revocation are judged at this
   * time, not at the device's claimed signingTime.
   */
  receivedAt: Date;
};

export async function verifyApplicationSignature(options: VerifyApplicationSignatureOptions): Promise<{ id: string; verification: CmsVerification }> {
  const content = canonicalApplicationBytes(options.data);
  const verification = await verifyCms({ ...options.trust, signature: options.signature, content, at: options.receivedAt });
  const id = await insertSignatureVerification(options.db, {
    applicationId: options.applicationId,
    receivedAt: options.receivedAt,
    valid: verification.valid,
    reason: verification.valid ? null : verification.reason,
    detail: verification.valid ? null : verification.detail,
    signer: verification.signer ?? null,
    signingTime: verification.valid ? (verification.signingTime ?? null) : null,
    validatedAt: verification.valid ? verification.validatedAt : null,
    digestAlgorithm: verification.valid ? verification.digestAlgorithm : null,
    signatureAlgorithm: verification.valid ? verification.signatureAlgorithm : null,
    revocation: verification.valid ? verification.revocation : null,
    contentSha256: createHash("sha256").update(content).digest("hex"),
    signature: options.signature,
  });
  return { id, verification };
}
