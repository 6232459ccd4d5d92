/**
 * Public face of the signatures module: JPKI-style CMS signature verification (certificate path,
 * validity, key usage, CRL and OCSP revocation) and the canonical bytes a device signs.
 *
 * The signature step of an application (step/): procedures registers its routes with
 * `registerSignatureStep(app, deps, { loadDraft })` (/drafts/:id/signature[/data]), shows
 * `signatureCheckPanel` on check your answers, asks `draftSignatureState` before submitting and
 * calls `recordApplicationSignature` inside the submit transaction; the staff case page shows
 * `staffSignatureSection(locale, await signatureVerificationsFor(db, applicationId))`.
 * Trust: SIGNATURE_TRUST_ANCHORS_PEM / _PATH, else the demo JPKI in DATA_DIR (step/trust.ts).
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
export { registerSignatureStep, type SigningDraft, type SignatureStepOptions } from "./step/routes.ts";
export { draftSignatureState, recheckDraftSignature, recordApplicationSignature, SignatureNoLongerValid, uploadDraftSignature, type DraftSignatureState } from "./step/commands.ts";
export { signatureCheckPanel, staffSignatureSection } from "./step/views.ts";
export { signatureStepContext } from "./step/context.ts";
export { loadSignatureTrust, SignatureTrustError, type SignatureTrustConfig } from "./step/trust.ts";
export { DEMO_JPKI_SIGNER, demoJpki, demoJpkiPath, generateDemoJpkiPem } from "./step/demo-jpki.ts";
