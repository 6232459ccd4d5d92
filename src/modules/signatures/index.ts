/**
 * Public face of the signatures module: JPKI-style CMS signature verification (certificate path,
 * validity, key usage, CRL and OCSP revocation) and the canonical bytes a device signs.
 */
export { verifyCms } from "./verify-cms.ts";
export type { VerifyCmsOptions, CmsVerification, CmsVerified, CmsRejected, SignerIdentity, PkiInput } from "./verify-cms.ts";
export type { SignatureFailureReason } from "./cms/failure.ts";
export type { OcspOptions, OcspTransport } from "./cms/ocsp.ts";
export type { JpkiIdentity } from "./cms/jpki.ts";
export { JPKI_OID } from "./cms/jpki.ts";
export { canonicalApplicationBytes, canonicalJson } from "./canonical.ts";
export { verifyApplicationSignature } from "./commands/verify-application-signature.ts";
export type { VerifyApplicationSignatureOptions, SignatureTrust } from "./commands/verify-application-signature.ts";
export { signatureVerificationsFor } from "./queries.ts";
export type { SignatureVerificationRecord } from "./queries.ts";
export { runSignaturesCli, SIGNATURES_CLI_USAGE } from "./cli.ts";
export type { SignaturesCliIo } from "./cli.ts";
