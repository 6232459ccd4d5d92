/**
 * Revocation by CRL (RFC 5280 §5, §6.3), for complete CRLs issued by the certificate's own issuer.
 *
 * A CRL is used for a certificate when its issuer name equals the certificate's issuer name. It must
 * then be signed by that issuer's key (the issuer certificate on the path; keyUsage, if present,
 * must include cRLSign), have thisUpdate not in the future and a nextUpdate not yet passed (judged
 * at the real clock, not at the signing time: a stale list says nothing about today), and no
 * feature we do not process (delta CRLs, issuingDistributionPoint, indirect entries, unknown critical
 * extensions). Otherwise the result is `crl_invalid` — a supplied CRL that cannot be used is an
 * operator problem worth seeing, not something to skip silently.
 */
import * as asn1js from "asn1js";
import { CertificateRevocationList, type Extension, type RevokedCertificate } from "pkijs";
import { rsaPublicKey, signatureAlgorithmOf, verifyRsa } from "./algorithms.ts";
import { cachedParse } from "./cache.ts";
import { decodeBer, fingerprint, keyUsage, parseAsn1, serialHex, type ParsedCertificate } from "./certificate.ts";
import { fail, SignatureFailure } from "./failure.ts";
import { CLOCK_SKEW_MS, revocationStatus, type RevocationStatus } from "./revocation.ts";

export type ParsedCrl = {
  der: Uint8Array;
  crl: CertificateRevocationList;
  /** Revoked entries by serial (lower-case hex), built on first use. */
  bySerial?: Map<string, RevokedCertificate>;
  /** SHA-256 fingerprints of issuer certificates whose key verified this CRL. */
  verifiedBy: Set<string>;
};

/** Parses (or recalls: CRLs are large and the same for many signatures) a DER CRL. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  return cachedParse("crl", der, () => {
    try {
      const crl = new CertificateRevocationList({ schema: parseAsn1(der, "CRL", { large: true }) });
      return { der, crl, verifiedBy: new Set<string>() };
    } catch (error) {
      if (error instanceof SignatureFailure) fail("crl_invalid", "a supplied CRL is not well-formed DER");
      return fail("crl_invalid", "a supplied CRL is not an X.509 CRL");
    }
  });
}

const CRL_NUMBER = "2.5.29.20";
const DELTA_CRL_INDICATOR = "2.5.29.27";
const ISSUING_DISTRIBUTION_POINT = "2.5.29.28";
const AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
const FRESHEST_CRL = "2.5.29.46";
const AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
const REASON_CODE = "2.5.29.21";
const INVALIDITY_DATE = "2.5.29.24";
const CERTIFICATE_ISSUER = "2.5.29.29";

/**
 * The status of `certificate` according to the CRLs issued by `issuer`, or undefined when none of
 * the supplied CRLs is from that issuer.
 */
export function crlStatus(certificate: ParsedCertificate, issuer: ParsedCertificate, crls: ParsedCrl[], at: Date, now: Date): RevocationStatus | undefined {
  const relevant = crls.filter((entry) => entry.crl.issuer.isEqual(certificate.cert.issuer));
  if (relevant.length === 0) return undefined;
  let status: RevocationStatus = { status: "good", source: "crl" };
  for (const parsed of relevant) {
    checkCrl(parsed, issuer, now);
    parsed.bySerial ??= new Map((parsed.crl.revokedCertificates ?? []).map((revoked) => [serialHex(revoked.userCertificate), revoked]));
    const entry = parsed.bySerial.get(serialHex(certificate.cert.serialNumber));
    if (!entry) continue;
    const extensions = entry.crlEntryExtensions?.extensions ?? [];
    for (const ext of extensions) {
      if (ext.extnID === CERTIFICATE_ISSUER) fail("crl_invalid", "indirect CRL entries (certificateIssuer) are not supported");
      if (ext.critical && ext.extnID !== REASON_CODE && ext.extnID !== INVALIDITY_DATE) fail("crl_invalid", `CRL entry has unknown critical extension ${ext.extnID}`);
    }
    const entryStatus = revocationStatus({
      revokedAt: entry.revocationDate.value,
      invalidSince: invalidityDate(extensions),
      reasonCode: reasonCode(extensions),
      at,
      source: "crl",
      label: certificate.label,
    });
    if (entryStatus.status === "revoked" || status.status === "good") status = entryStatus;
  }
  return status;
}

function checkCrl(parsed: ParsedCrl, issuer: ParsedCertificate, now: Date): void {
  const { crl } = parsed;
  const where = "CRL";
  if (crl.signature.algorithmId !== crl.signatureAlgorithm.algorithmId) fail("crl_invalid", "CRL signature algorithm fields disagree");
  let algorithm;
  try {
    algorithm = signatureAlgorithmOf(crl.signatureAlgorithm, where);
  } catch (error) {
    if (error instanceof SignatureFailure) fail("crl_invalid", error.message);
    throw error;
  }
  const issuerId = fingerprint(issuer);
  if (!parsed.verifiedBy.has(issuerId)) {
    if (!verifyRsa(rsaPublicKey(issuer.spki, `certificate ${issuer.label}`), algorithm, crl.tbsView, crl.signatureValue.valueBlock.valueHexView)) {
      fail("crl_invalid", `the CRL of ${issuer.label} is not signed by its key`);
    }
    parsed.verifiedBy.add(issuerId);
  }
  const usage = keyUsage(issuer);
  if (usage && !usage.has("cRLSign")) fail("crl_invalid", `${issuer.label} may not sign CRLs (keyUsage lacks cRLSign)`);
  if (crl.thisUpdate.value.getTime() > now.getTime() + CLOCK_SKEW_MS) fail("crl_invalid", `the CRL of ${issuer.label} is dated in the future (${crl.thisUpdate.value.toISOString()})`);
  if (!crl.nextUpdate) fail("crl_invalid", `the CRL of ${issuer.label} has no nextUpdate`);
  if (crl.nextUpdate.value.getTime() < now.getTime()) fail("crl_invalid", `the CRL of ${issuer.label} is out of date (nextUpdate ${crl.nextUpdate.value.toISOString()})`);
  for (const ext of crl.crlExtensions?.extensions ?? []) {
    if (ext.extnID === DELTA_CRL_INDICATOR) fail("crl_invalid", "delta CRLs are not supported; supply the complete CRL");
    if (ext.extnID === ISSUING_DISTRIBUTION_POINT) fail("crl_invalid", "partitioned CRLs (issuingDistributionPoint) are not supported; supply the complete CRL");
    if (ext.critical && ![CRL_NUMBER, AUTHORITY_KEY_IDENTIFIER, FRESHEST_CRL, AUTHORITY_INFO_ACCESS].includes(ext.extnID)) fail("crl_invalid", `CRL has unknown critical extension ${ext.extnID}`);
  }
}

function reasonCode(extensions: Extension[]): number | undefined {
  const ext = extensions.find((candidate) => candidate.extnID === REASON_CODE);
  if (!ext) return undefined;
  const parsed = decodeBer(ext.extnValue.valueBlock.valueHexView);
  return parsed.result instanceof asn1js.Enumerated ? parsed.result.valueBlock.valueDec : undefined;
}

function invalidityDate(extensions: Extension[]): Date | undefined {
  const ext = extensions.find((candidate) => candidate.extnID === INVALIDITY_DATE);
  if (!ext) return undefined;
  const parsed = decodeBer(ext.extnValue.valueBlock.valueHexView);
  return parsed.result instanceof asn1js.GeneralizedTime ? parsed.result.toDate() : undefined;
}
