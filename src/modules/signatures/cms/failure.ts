/**
 * Why a signature was not accepted. Stable codes: the CLI prints them, staff screens translate them,
 * and stored verification records keep them.
 */
export type SignatureFailureReason =
  /** Not a CMS SignedData we can read (bad PEM/DER, wrong content type, no or several signers, broken attributes). */
  | "malformed"
  /** A detached signature was given without the signed content. */
  | "content_missing"
  /** The content's digest differs from the signed messageDigest (the content was changed), or the attached and given contents differ. */
  | "content_mismatch"
  /** The RSA signature does not verify with the signer certificate's key. */
  | "bad_signature"
  /** No path from the signer certificate to a configured trust anchor, or a certificate on it is unfit to issue. */
  | "untrusted_chain"
  /** A certificate on the path had expired at the validation time. */
  | "expired"
  /** A certificate on the path was not yet valid at the validation time (or the signing time lies in the future). */
  | "not_yet_valid"
  /** The signer (or an intermediate) certificate is revoked per CRL or OCSP. */
  | "revoked"
  /** The signer certificate may not make signatures (keyUsage lacks digitalSignature and nonRepudiation). */
  | "bad_key_usage"
  /** SHA-1/MD5, a non-RSA key, an RSA key under 2048 bits or unusual RSASSA-PSS parameters. */
  | "unsupported_algorithm"
  /** A supplied CRL is not signed by the issuer, is out of date, or has a feature we do not process. */
  | "crl_invalid"
  /** Revocation checking was asked for but gave no answer for the signer (no CRL of its issuer, OCSP failed or said "unknown"). */
  | "revocation_unknown";

/** Thrown inside the verifier and turned into `{ valid: false, reason, detail }` at its edge. */
export class SignatureFailure extends Error {
  readonly reason: SignatureFailureReason;
  constructor(reason: SignatureFailureReason, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

export function fail(reason: SignatureFailureReason, detail: string): never {
  throw new SignatureFailure(reason, detail);
}
