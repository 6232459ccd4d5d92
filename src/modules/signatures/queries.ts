/**
 * SQL of the signatures module's own table (migrations/0040_signatures.sql). Every function takes
 * the database or the caller's transaction first.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import type { SignatureFailureReason } from "./cms/failure.ts";
import type { CmsVerified, SignerIdentity } from "./verify-cms.ts";

export type NewSignatureVerification = {
  applicationId: string;
  receivedAt: Date;
  valid: boolean;
  reason: SignatureFailureReason | null;
  detail: string | null;
  signer: SignerIdentity | null;
  signingTime: string | null;
  validatedAt: string | null;
  digestAlgorithm: string | null;
  signatureAlgorithm: CmsVerified["signatureAlgorithm"] | null;
  revocation: CmsVerified["revocation"] | null;
  contentSha256: string;
  signature: Uint8Array;
};

export type SignatureVerificationRecord = Omit<NewSignatureVerification, "signature" | "signingTime" | "validatedAt"> & {
  id: string;
  signingTime: Date | null;
  validatedAt: Date | null;
};

export async function insertSignatureVerification(db: Db, row: NewSignatureVerification): Promise<string> {
  const [inserted] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO signature_verifications
          (application_id, received_at, valid, reason, detail, signer, signing_time, validated_at,
           digest_algorithm, signature_algorithm, revocation, content_sha256, signature)
        VALUES (${row.applicationId}, ${row.receivedAt.toISOString()}, ${row.valid}, ${row.reason}, ${row.detail},
           ${row.signer === null ? null : JSON.stringify(row.signer)}::jsonb, ${row.signingTime}, ${row.validatedAt},
           ${row.digestAlgorithm}, ${row.signatureAlgorithm}, ${row.revocation}, ${row.contentSha256},
           decode(${Buffer.from(row.signature).toString("base64")}, 'base64'))
        RETURNING id`,
  );
  if (!inserted) throw new Error("signature verification was not recorded");
  return inserted.id;
}

/** The verifications of one application, newest first (without the CMS bytes). */
export async function signatureVerificationsFor(db: Db, applicationId: string): Promise<SignatureVerificationRecord[]> {
  const rows = await queryRows<{
    id: string;
    application_id: string;
    received_at: Date | string;
    valid: boolean;
    reason: SignatureFailureReason | null;
    detail: string | null;
    signer: SignerIdentity | null;
    signing_time: Date | string | null;
    validated_at: Date | string | null;
    digest_algorithm: string | null;
    signature_algorithm: CmsVerified["signatureAlgorithm"] | null;
    revocation: CmsVerified["revocation"] | null;
    content_sha256: string;
  }>(
    db,
    sql`SELECT id, application_id, received_at, valid, reason, detail, signer, signing_time, validated_at,
               digest_algorithm, signature_algorithm, revocation, content_sha256
          FROM signature_verifications
         WHERE application_id = ${applicationId}
         ORDER BY received_at DESC, id`,
  );
  const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    receivedAt: new Date(row.received_at),
    valid: row.valid,
    reason: row.reason,
    detail: row.detail,
    signer: row.signer,
    signingTime: date(row.signing_time),
    validatedAt: date(row.validated_at),
    digestAlgorithm: row.digest_algorithm,
    signatureAlgorithm: row.signature_algorithm,
    revocation: row.revocation,
    contentSha256: row.content_sha256,
  }));
}
