/**
 * Verifies a CMS (PKCS#7) SignedData made by a resident's device over application data, the way a
 * マイナンバーカード 署名用電子証明書 signature is checked, and says who signed.
 *
 *   const result = await verifyCms({ signature, content, trustAnchors: [jpkiRootPem], crls: [crlDer] });
 *   if (result.valid) show(result.signer.name, result.signer.address) else explain(result.reason);
 *
 * Order of checks (the first failure is the reason returned):
 *   1. parse: PEM or DER ContentInfo → SignedData with exactly one SignerInfo        → malformed
 *   2. content: attached eContent or the given detached content (both: must agree)  → content_missing / content_mismatch
 *   3. algorithms: SHA-256/384/512 digest; RSA PKCS#1 v1.5 or RSASSA-PSS             → unsupported_algorithm
 *   4. signed attributes (when present): contentType = eContentType, messageDigest = digest(content),
 *      signingTime read (each at most once)                                         → malformed / content_mismatch
 *   5. the RSA signature over the DER signed attributes (or the content when there are none),
 *      with the key of the certificate named by the SignerInfo's sid                 → bad_signature
 *   6. certification path to a trust anchor (chain.ts)                               → untrusted_chain
 *   7. every certificate on the path valid at the validation time                    → expired / not_yet_valid
 *   8. signer keyUsage has digitalSignature or nonRepudiation (and must be present)  → bad_key_usage
 *   9. revocation of the signer (CRL and/or OCSP) and of intermediates (CRL, where one
 *      of their issuer is supplied)                                                  → revoked / crl_invalid / revocation_unknown
 *
 * Validation time: `at` if given; else the signingTime signed attribute if present; else now. The
 * signingTime is chosen by the signer's device, so: a signingTime more than 5 minutes in the future is
 * refused (not_yet_valid), revocation for key compromise counts whatever the dates (revocation.ts),
 * and callers that receive a signature live (the procedures module on submit) should pass
 * `at: receivedAt` so that the server's clock, not the device's, decides.
 */
import { ContentInfo, EncapsulatedContentInfo, SignerInfo, type Attribute } from "pkijs";
import * as asn1js from "asn1js";
import { digest, hashFromDigestAlgorithm, hashLabel, rsaPublicKey, signatureAlgorithmOf, verifyRsa, type SignatureScheme } from "./cms/algorithms.ts";
import { decodeBer, assertValidAt, certificateFromBlock, distinguishedName, EXTENSION, extension, fingerprint, keyUsage, nameParts, parseAsn1, parseCertificate, serialHex, type NamePart, type ParsedCertificate } from "./cms/certificate.ts";
import { buildCertificationPath } from "./cms/chain.ts";
import { crlStatus, parseCrl, type ParsedCrl } from "./cms/crl.ts";
import { fail, SignatureFailure, type SignatureFailureReason } from "./cms/failure.ts";
import { readJpkiIdentity } from "./cms/jpki.ts";
import { ocspStatus, type OcspOptions } from "./cms/ocsp.ts";
import { CERTIFICATE_LABELS, CMS_LABELS, CRL_LABELS, derObjects, looksLikePem } from "./cms/pem.ts";
import { CLOCK_SKEW_MS, type RevocationStatus } from "./cms/revocation.ts";

/** Certificates or CRLs: PEM text (one or several blocks), or DER bytes, or PEM bytes; one or a list. */
export type PkiInput = Uint8Array | string | ReadonlyArray<Uint8Array | string>;

export type VerifyCmsOptions = {
  /** The CMS SignedData, DER or PEM ("-----BEGIN CMS-----" / "PKCS7"). */
  signature: Uint8Array;
  /** The signed bytes, required for a detached signature; for an attached one it must equal the attached content. */
  content?: Uint8Array;
  /** Trusted root (or intermediate) certificates; a path must end at one of them. */
  trustAnchors: PkiInput;
  /** Extra intermediates, in addition to those in the CMS certificates set. */
  intermediates?: PkiInput;
  /** CRLs (DER or PEM). Supplying any makes revocation checking of the signer mandatory. */
  crls?: PkiInput;
  /** OCSP for the signer certificate; makes revocation checking mandatory. */
  ocsp?: OcspOptions;
  /** Fail with revocation_unknown when neither CRLs nor OCSP are configured. Default false. */
  requireRevocationCheck?: boolean;
  /** Validation time override (see the module comment). */
  at?: Date;
  /** The real clock (CRL/OCSP freshness, future signingTime); default new Date(). */
  now?: Date;
};

export type SignerIdentity = {
  /** RFC 4514 distinguished name, most specific first. */
  subject: string;
  /** Subject attributes in certificate order (C first … CN last). */
  subjectParts: NamePart[];
  commonName?: string;
  /** 氏名 (JPKI subjectAltName). */
  name?: string;
  /** 氏名 with substitute characters for those outside the character set. */
  nameSubstitute?: string;
  /** 住所 (JPKI subjectAltName). */
  address?: string;
  addressSubstitute?: string;
  /** 生年月日, ISO "YYYY-MM-DD". */
  birthDate?: string;
  /** 性別 code: "1" 男, "2" 女, "3" 不明. */
  gender?: string;
  /** Certificate serial, lower-case hex. */
  serialNumber: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the certificate DER, lower-case hex. */
  certificateSha256: string;
};

export type CmsVerified = {
  valid: true;
  signer: SignerIdentity;
  /** The signingTime signed attribute (as claimed by the signer's device). */
  signingTime?: string;
  /** The time at which certificate validity and revocation were judged. */
  validatedAt: string;
  digestAlgorithm: string;
  signatureAlgorithm: SignatureScheme;
  /** True when the content was not inside the signature. */
  detached: boolean;
  /** Subjects from the signer up to the trust anchor. */
  chain: string[];
  /** How the signer's revocation status was established. */
  revocation: "crl" | "ocsp" | "not_checked";
};

export type CmsRejected = {
  valid: false;
  reason: SignatureFailureReason;
  detail: string;
  /** Who the signature claims to be from, when the signer certificate could be read (not verified!). */
  signer?: SignerIdentity;
};

export type CmsVerification = CmsVerified | CmsRejected;

const ID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const ID_DATA = "1.2.840.113549.1.7.1";
const ATTR_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const ATTR_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const ATTR_SIGNING_TIME = "1.2.840.113549.1.9.5";

export async function verifyCms(options: VerifyCmsOptions): Promise<CmsVerification> {
  const state: { signer?: ParsedCertificate } = {};
  try {
    return await verify(options, state);
  } catch (error) {
    const signer = state.signer ? signerIdentity(state.signer) : undefined;
    if (error instanceof SignatureFailure) return { valid: false, reason: error.reason, detail: error.message, ...(signer ? { signer } : {}) };
    // pkijs/asn1js throw plain errors on inputs they cannot represent: hostile or broken input.
    return { valid: false, reason: "malformed", detail: `unreadable input: ${error instanceof Error ? error.message : String(error)}`, ...(signer ? { signer } : {}) };
  }
}

async function verify(options: VerifyCmsOptions, state: { signer?: ParsedCertificate }): Promise<CmsVerified> {
  const now = options.now ?? new Date();
  const signedData = readSignedData(options.signature);
  if (signedData.signerInfos.length !== 1) fail("malformed", `the SignedData has ${signedData.signerInfos.length} signers; exactly one is supported`);
  const signerInfo = signedData.signerInfos[0] as SignerInfo;

  const eContentType = signedData.eContentType;
  const attached = signedData.eContent;
  const content = options.content ?? attached;
  if (!content) return fail("content_missing", "the signature is detached and no content was given");
  if (attached && options.content && !Buffer.from(attached).equals(Buffer.from(options.content))) {
    fail("content_mismatch", "the content attached to the signature differs from the content given");
  }

  const hash = hashFromDigestAlgorithm(signerInfo.digestAlgorithm, "the signer's digest algorithm");
  const algorithm = signatureAlgorithmOf(signerInfo.signatureAlgorithm, "the signer's signature algorithm", hash);

  const embedded = signedData.certificates;
  const given = certificatesFrom(options.intermediates, "an intermediate certificate");
  const signer = findSignerCertificate(signerInfo, [...embedded, ...given]);
  state.signer = signer;

  let signedBytes: Uint8Array;
  let signingTime: Date | undefined;
  if (signerInfo.signedAttrs) {
    const attributes = attributeMap(signerInfo.signedAttrs.attributes);
    const contentType = attributes.get(ATTR_CONTENT_TYPE);
    const messageDigest = attributes.get(ATTR_MESSAGE_DIGEST);
    if (!contentType || !messageDigest) fail("malformed", "signed attributes must include contentType and messageDigest");
    const typeValue = single(contentType, "contentType");
    if (!(typeValue instanceof asn1js.ObjectIdentifier) || typeValue.valueBlock.toString() !== eContentType) fail("malformed", "the contentType signed attribute does not match the encapsulated content type");
    const digestValue = single(messageDigest, "messageDigest");
    if (!(digestValue instanceof asn1js.OctetString)) fail("malformed", "the messageDigest signed attribute is not an OCTET STRING");
    if (!Buffer.from(digestValue.valueBlock.valueHexView).equals(Buffer.from(digest(hash, content)))) {
      fail("content_mismatch", `the ${hashLabel(hash)} digest of the content differs from the signed messageDigest: the content is not what was signed`);
    }
    const time = attributes.get(ATTR_SIGNING_TIME);
    if (time) {
      const value = single(time, "signingTime");
      if (!(value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime)) fail("malformed", "the signingTime signed attribute is not a time");
      signingTime = value.toDate();
    }
    signedBytes = new Uint8Array(signerInfo.signedAttrs.encodedValue);
  } else {
    if (eContentType !== ID_DATA) fail("malformed", "signed attributes are required when the content type is not id-data");
    signedBytes = content;
  }

  const key = rsaPublicKey(signer.spki, `certificate ${signer.label}`);
  if (!verifyRsa(key, algorithm, signedBytes, signerInfo.signature.valueBlock.valueHexView)) {
    fail("bad_signature", `the ${algorithm.scheme} signature does not verify with the key of ${signer.label}`);
  }

  if (signingTime && signingTime.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    fail("not_yet_valid", `the signing time ${signingTime.toISOString()} lies in the future`);
  }
  const at = options.at ?? signingTime ?? now;

  const anchors = certificatesFrom(options.trustAnchors, "a trust anchor");
  const path = buildCertificationPath(signer, [...embedded, ...given], anchors);
  for (const certificate of path.certificates) assertValidAt(certificate, at);

  const usage = keyUsage(signer);
  if (!usage) fail("bad_key_usage", `certificate ${signer.label} has no keyUsage; a signing certificate must allow digitalSignature or nonRepudiation`);
  if (!usage.has("digitalSignature") && !usage.has("nonRepudiation")) {
    fail("bad_key_usage", `certificate ${signer.label} may not sign (keyUsage: ${[...usage].join(", ") || "none"})`);
  }

  const revocation = await checkRevocation(path.certificates, options, at, now);

  return {
    valid: true,
    signer: signerIdentity(signer),
    ...(signingTime ? { signingTime: signingTime.toISOString() } : {}),
    validatedAt: at.toISOString(),
    digestAlgorithm: hashLabel(hash),
    signatureAlgorithm: algorithm.scheme,
    detached: !attached,
    chain: path.certificates.map((certificate) => distinguishedName(certificate.cert.subject)),
    revocation,
  };
}

type SignedDataParts = {
  eContentType: string;
  /** The attached content (constructed OCTET STRINGs joined), if any. */
  eContent?: Uint8Array;
  certificates: ParsedCertificate[];
  signerInfos: SignerInfo[];
};

/**
 * ContentInfo → SignedData (RFC 5652 §5.1). The top-level SEQUENCE is split here rather than by
 * pkijs's SignedData so that the certificates inside are taken from the certificate cache (the CA
 * certificates come with every signature); the parts are read by pkijs.
 */
function readSignedData(signature: Uint8Array): SignedDataParts {
  let der = signature;
  if (looksLikePem(signature)) {
    const blocks = derObjects(signature, CMS_LABELS);
    if (blocks.length !== 1) fail("malformed", `expected one PEM block labelled CMS or PKCS7, found ${blocks.length}`);
    der = blocks[0] as Uint8Array;
  }
  if (der.byteLength === 0) fail("malformed", "the signature is empty");
  const schema = parseAsn1(der, "the signature");
  let contentInfo: ContentInfo;
  try {
    contentInfo = new ContentInfo({ schema });
  } catch {
    return fail("malformed", "the signature is not a CMS ContentInfo");
  }
  if (contentInfo.contentType !== ID_SIGNED_DATA) fail("malformed", `the CMS content type is ${contentInfo.contentType}, not SignedData`);
  const signedData: unknown = contentInfo.content;
  if (!(signedData instanceof asn1js.Sequence)) return fail("malformed", "the CMS SignedData is not a SEQUENCE");
  const items = signedData.valueBlock.value;
  let next = 0;
  const isContext = (block: asn1js.AsnType | undefined, tag: number): boolean => block?.idBlock.tagClass === 3 && block.idBlock.tagNumber === tag;
  if (!(items[next++] instanceof asn1js.Integer) || !(items[next++] instanceof asn1js.Set)) fail("malformed", "the SignedData does not start with version and digestAlgorithms");
  let encapContentInfo: EncapsulatedContentInfo;
  try {
    encapContentInfo = new EncapsulatedContentInfo({ schema: items[next++] });
  } catch {
    return fail("malformed", "the SignedData has no readable encapContentInfo");
  }
  const certificates: ParsedCertificate[] = [];
  if (isContext(items[next], 0)) {
    const set = items[next++] as asn1js.Constructed;
    // CertificateChoices: a plain SEQUENCE is an X.509 certificate; tagged alternatives (attribute certificates, …) are ignored.
    for (const choice of set.valueBlock.value) {
      if (choice instanceof asn1js.Sequence) certificates.push(certificateFromBlock(choice, "a certificate in the signature"));
    }
  }
  if (isContext(items[next], 1)) next++; // RevocationInfoChoices: CRLs are taken from the verifier's configuration only
  const signerSet = items[next++];
  if (!(signerSet instanceof asn1js.Set) || next !== items.length) fail("malformed", "the SignedData does not end with signerInfos");
  let signerInfos: SignerInfo[];
  try {
    signerInfos = signerSet.valueBlock.value.map((block) => new SignerInfo({ schema: block }));
  } catch {
    return fail("malformed", "a SignerInfo of the SignedData is unreadable");
  }
  return {
    eContentType: encapContentInfo.eContentType,
    ...(encapContentInfo.eContent ? { eContent: new Uint8Array(encapContentInfo.eContent.getValue()) } : {}),
    certificates,
    signerInfos,
  };
}

function certificatesFrom(input: PkiInput | undefined, what: string): ParsedCertificate[] {
  return listOf(input).flatMap((item) => derObjects(item, CERTIFICATE_LABELS)).map((der) => parseCertificate(der, what));
}

function crlsFrom(input: PkiInput | undefined): ParsedCrl[] {
  return listOf(input).flatMap((item) => derObjects(item, CRL_LABELS)).map((der) => parseCrl(der));
}

function listOf(input: PkiInput | undefined): Array<Uint8Array | string> {
  if (input === undefined) return [];
  return typeof input === "string" || input instanceof Uint8Array ? [input] : [...input];
}

/** The certificate the SignerInfo's sid names: IssuerAndSerialNumber or [0] SubjectKeyIdentifier. */
function findSignerCertificate(signerInfo: SignerInfo, candidates: ParsedCertificate[]): ParsedCertificate {
  const sid: unknown = signerInfo.sid;
  const found = candidates.find((candidate) => {
    if (sid && typeof sid === "object" && "issuer" in sid && "serialNumber" in sid) {
      const { issuer, serialNumber } = sid as { issuer: ParsedCertificate["cert"]["issuer"]; serialNumber: asn1js.Integer };
      return candidate.cert.issuer.isEqual(issuer) && serialHex(candidate.cert.serialNumber) === serialHex(serialNumber);
    }
    const keyId = subjectKeyIdentifierOfSid(sid);
    const ext = extension(candidate.cert, EXTENSION.subjectKeyIdentifier);
    if (!keyId || !ext) return false;
    const ski = decodeBer(ext.extnValue.valueBlock.valueHexView).result;
    return ski instanceof asn1js.OctetString && Buffer.from(ski.valueBlock.valueHexView).equals(Buffer.from(keyId));
  });
  if (!found) fail("untrusted_chain", "the signer's certificate is neither in the signature nor among the given intermediates");
  return found;
}

function subjectKeyIdentifierOfSid(sid: unknown): Uint8Array | undefined {
  if (sid instanceof asn1js.Primitive) return sid.valueBlock.valueHexView;
  if (sid instanceof asn1js.Constructed) {
    const inner = sid.valueBlock.value[0];
    return inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : undefined;
  }
  return undefined;
}

function attributeMap(attributes: Attribute[]): Map<string, Attribute> {
  const map = new Map<string, Attribute>();
  for (const attribute of attributes) {
    if (map.has(attribute.type)) fail("malformed", `signed attribute ${attribute.type} appears more than once`);
    map.set(attribute.type, attribute);
  }
  return map;
}

function single(attribute: Attribute, name: string): unknown {
  if (attribute.values.length !== 1) fail("malformed", `the ${name} signed attribute must have exactly one value`);
  return attribute.values[0];
}

async function checkRevocation(path: ParsedCertificate[], options: VerifyCmsOptions, at: Date, now: Date): Promise<CmsVerified["revocation"]> {
  const crls = crlsFrom(options.crls);
  const signer = path[0] as ParsedCertificate;
  const signerIssuer = path[1];
  if (crls.length === 0 && !options.ocsp) {
    if (options.requireRevocationCheck) fail("revocation_unknown", "revocation checking is required but no CRL or OCSP responder is configured");
    return "not_checked";
  }
  // Intermediates: checked when a CRL of their issuer was supplied (like `openssl verify -crl_check_all` for what is given).
  for (let index = 1; index < path.length - 1; index++) {
    const status = crlStatus(path[index] as ParsedCertificate, path[index + 1] as ParsedCertificate, crls, at, now);
    if (status?.status === "revoked") fail("revoked", status.detail);
  }
  if (!signerIssuer) return "not_checked"; // the signer is itself a trust anchor

  const statuses: RevocationStatus[] = [];
  let ocspFailure: SignatureFailure | undefined;
  if (options.ocsp) {
    try {
      statuses.push(await ocspStatus(signer, signerIssuer, options.ocsp, at, now));
    } catch (error) {
      if (!(error instanceof SignatureFailure)) throw error;
      ocspFailure = error;
    }
  }
  const fromCrl = crlStatus(signer, signerIssuer, crls, at, now);
  if (fromCrl) statuses.push(fromCrl);
  const revoked = statuses.find((status) => status.status === "revoked");
  if (revoked?.status === "revoked") fail("revoked", revoked.detail);
  const good = statuses[0];
  if (!good) {
    if (ocspFailure) throw ocspFailure;
    fail("revocation_unknown", `none of the supplied CRLs was issued by ${distinguishedName(signer.cert.issuer)}`);
  }
  return good.source;
}

function signerIdentity(certificate: ParsedCertificate): SignerIdentity {
  const { cert } = certificate;
  const parts = nameParts(cert.subject);
  const commonName = parts.findLast((part) => part.type === "CN")?.value;
  const jpki = readJpkiIdentity(cert);
  return {
    subject: distinguishedName(cert.subject),
    subjectParts: parts,
    ...(commonName !== undefined ? { commonName } : {}),
    ...jpki,
    serialNumber: serialHex(cert.serialNumber),
    issuer: distinguishedName(cert.issuer),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    certificateSha256: fingerprint(certificate),
  };
}
