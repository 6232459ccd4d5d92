/**
 * Revocation by OCSP (RFC 6960), for the signer certificate when an OCSP responder is configured.
 *
 * Request: one CertID (SHA-1 over the issuer name and key, as RFC 5019 lightweight responders
 * require — an identifier, not a signature) and a random nonce, sent by HTTP POST
 * (application/ocsp-request) to the configured URL or the certificate's AIA OCSP URL, or handed to
 * a caller-supplied transport.
 *
 * Response accepted only if: status successful, type id-pkix-ocsp-basic; signed (SHA-2 RSA) either
 * by the issuing CA itself or by a responder certificate that the CA issued with extendedKeyUsage
 * id-kp-OCSPSigning and that is valid now; the responderID names that signer; it contains a
 * SingleResponse for exactly our CertID; an echoed nonce equals ours; thisUpdate is not in the future
 * and nextUpdate (if any) has not passed — without nextUpdate and without our nonce, thisUpdate must
 * be under an hour old. Anything else (network error, malformed or forged reply, "unknown") is
 * `revocation_unknown`.
 */
import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import { AlgorithmIdentifier, BasicOCSPResponse, CertID, Extension, InfoAccess, OCSPRequest, OCSPResponse, RelativeDistinguishedNames, Request, TBSRequest } from "pkijs";
import { digest, OID, rsaPublicKey, signatureAlgorithmOf, verifyRsa } from "./algorithms.ts";
import { decodeBer, EXTENSION, extendedKeyUsage, extension, parseAsn1, parseCertificate, serialHex, type ParsedCertificate } from "./certificate.ts";
import { issuedBy } from "./chain.ts";
import { fail, SignatureFailure } from "./failure.ts";
import { CLOCK_SKEW_MS, revocationStatus, type RevocationStatus } from "./revocation.ts";

/** Sends a DER OCSP request and returns the DER response. */
export type OcspTransport = (request: Uint8Array, url: string | undefined) => Promise<Uint8Array>;

export type OcspOptions = {
  /** Responder URL; default the signer certificate's Authority Information Access OCSP URL. */
  url?: string;
  /** Custom transport (tests, proxies); default HTTP POST with fetch. */
  fetch?: OcspTransport;
  /** Default 5000. */
  timeoutMs?: number;
};

const ID_PKIX_OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1";
const ID_PKIX_OCSP_NONCE = "1.3.6.1.5.5.7.48.1.2";
const ID_AD_OCSP = "1.3.6.1.5.5.7.48.1";
const ID_KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
const MAX_AGE_WITHOUT_NEXT_UPDATE_MS = 3600_000;

export async function ocspStatus(certificate: ParsedCertificate, issuer: ParsedCertificate, options: OcspOptions, at: Date, now: Date): Promise<RevocationStatus> {
  try {
    return await query(certificate, issuer, options, at, now);
  } catch (error) {
    if (error instanceof SignatureFailure && error.reason === "revocation_unknown") throw error;
    const message = error instanceof Error ? error.message : String(error);
    return fail("revocation_unknown", `OCSP: ${message}`);
  }
}

async function query(certificate: ParsedCertificate, issuer: ParsedCertificate, options: OcspOptions, at: Date, now: Date): Promise<RevocationStatus> {
  const url = options.url ?? aiaOcspUrl(certificate);
  if (!url && !options.fetch) fail("revocation_unknown", `OCSP: no responder URL configured and ${certificate.label} names none`);
  const certId = certIdFor(certificate, issuer);
  const nonce = new Uint8Array(randomBytes(16));
  const request = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: certId })],
      requestExtensions: [
        new Extension({ extnID: ID_PKIX_OCSP_NONCE, critical: false, extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false) }),
      ],
    }),
  });
  const requestDer = new Uint8Array(request.toSchema(true).toBER(false));
  const transport = options.fetch ?? httpTransport(options.timeoutMs ?? 5000);
  const responseDer = await transport(requestDer, url);
  return readResponse(responseDer, { certificate, issuer, certId, nonce, at, now });
}

function httpTransport(timeoutMs: number): OcspTransport {
  return async (request, url) => {
    if (!url) throw new Error("no responder URL");
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/ocsp-request", accept: "application/ocsp-response" },
      body: request,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`responder answered HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

function aiaOcspUrl(certificate: ParsedCertificate): string | undefined {
  const ext = extension(certificate.cert, EXTENSION.authorityInfoAccess);
  const value = ext?.parsedValue;
  if (!(value instanceof InfoAccess)) return undefined;
  const description = value.accessDescriptions.find((d) => d.accessMethod === ID_AD_OCSP && d.accessLocation.type === 6);
  return typeof description?.accessLocation.value === "string" ? description.accessLocation.value : undefined;
}

function certIdFor(certificate: ParsedCertificate, issuer: ParsedCertificate): CertID {
  const issuerName = new Uint8Array(certificate.cert.issuer.valueBeforeDecode);
  const issuerKey = issuer.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: digest("sha1", issuerName) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: digest("sha1", issuerKey) }),
    serialNumber: certificate.cert.serialNumber,
  });
}

type Expected = { certificate: ParsedCertificate; issuer: ParsedCertificate; certId: CertID; nonce: Uint8Array; at: Date; now: Date };

function readResponse(der: Uint8Array, expected: Expected): RevocationStatus {
  const { certificate, issuer, certId, nonce, at, now } = expected;
  let basic: BasicOCSPResponse;
  try {
    const response = new OCSPResponse({ schema: parseAsn1(der, "OCSP response") });
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return fail("revocation_unknown", `OCSP responder answered status ${status}`);
    if (!response.responseBytes || response.responseBytes.responseType !== ID_PKIX_OCSP_BASIC) return fail("revocation_unknown", "OCSP response is not a basic response");
    basic = new BasicOCSPResponse({ schema: parseAsn1(response.responseBytes.response.valueBlock.valueHexView, "basic OCSP response") });
  } catch (error) {
    if (error instanceof SignatureFailure && error.reason === "revocation_unknown") throw error;
    return fail("revocation_unknown", "OCSP response is malformed");
  }

  const signer = responseSigner(basic, issuer, now);
  const algorithm = signatureAlgorithmOf(basic.signatureAlgorithm, "OCSP response");
  if (!verifyRsa(rsaPublicKey(signer.spki, `certificate ${signer.label}`), algorithm, basic.tbsResponseData.tbsView, basic.signature.valueBlock.valueHexView)) {
    fail("revocation_unknown", "OCSP response signature does not verify");
  }

  const echoed = basic.tbsResponseData.responseExtensions?.find((ext) => ext.extnID === ID_PKIX_OCSP_NONCE);
  let nonceMatched = false;
  if (echoed) {
    const inner = decodeBer(echoed.extnValue.valueBlock.valueHexView).result;
    const value = inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : echoed.extnValue.valueBlock.valueHexView;
    if (!Buffer.from(value).equals(Buffer.from(nonce))) fail("revocation_unknown", "OCSP response nonce does not match the request");
    nonceMatched = true;
  }

  const single = basic.tbsResponseData.responses.find((candidate) => sameCertId(candidate.certID, certId));
  if (!single) fail("revocation_unknown", `OCSP response does not cover ${certificate.label}`);
  if (single.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) fail("revocation_unknown", "OCSP response is dated in the future");
  if (single.nextUpdate) {
    if (single.nextUpdate.getTime() < now.getTime()) fail("revocation_unknown", `OCSP response is out of date (nextUpdate ${single.nextUpdate.toISOString()})`);
  } else if (!nonceMatched && now.getTime() - single.thisUpdate.getTime() > MAX_AGE_WITHOUT_NEXT_UPDATE_MS) {
    fail("revocation_unknown", "OCSP response without nextUpdate or nonce is more than an hour old");
  }

  const certStatus = single.certStatus as asn1js.AsnType;
  switch (certStatus.idBlock.tagNumber) {
    case 0:
      return { status: "good", source: "ocsp" };
    case 1: {
      const [time, reason] = (certStatus as asn1js.Constructed).valueBlock.value;
      if (!(time instanceof asn1js.GeneralizedTime)) return fail("revocation_unknown", "OCSP revoked status without a revocation time");
      const reasonBlock = reason instanceof asn1js.Constructed ? reason.valueBlock.value[0] : undefined;
      const reasonCode = reasonBlock instanceof asn1js.Enumerated ? reasonBlock.valueBlock.valueDec : undefined;
      return revocationStatus({ revokedAt: time.toDate(), reasonCode, at, source: "ocsp", label: certificate.label });
    }
    default:
      return fail("revocation_unknown", `OCSP responder does not know ${certificate.label}`);
  }
}

/** The certificate whose key must have signed the response: the issuing CA or its delegated responder. */
function responseSigner(basic: BasicOCSPResponse, issuer: ParsedCertificate, now: Date): ParsedCertificate {
  const responderId: unknown = basic.tbsResponseData.responderID;
  const names = (candidate: ParsedCertificate): boolean => {
    if (responderId instanceof RelativeDistinguishedNames) return responderId.isEqual(candidate.cert.subject);
    if (responderId instanceof asn1js.OctetString) {
      const keyHash = digest("sha1", candidate.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
      return Buffer.from(responderId.valueBlock.valueHexView).equals(Buffer.from(keyHash));
    }
    return false;
  };
  if (names(issuer)) return issuer;
  for (const raw of basic.certs ?? []) {
    const candidate = parseCertificate(new Uint8Array(raw.toSchema().toBER(false)), "OCSP responder certificate");
    if (!names(candidate)) continue;
    if (!candidate.cert.issuer.isEqual(issuer.cert.subject) || !issuedBy(candidate, issuer)) fail("revocation_unknown", `OCSP responder ${candidate.label} was not issued by ${issuer.label}`);
    if (!(extendedKeyUsage(candidate) ?? []).includes(ID_KP_OCSP_SIGNING)) fail("revocation_unknown", `OCSP responder ${candidate.label} lacks extendedKeyUsage OCSPSigning`);
    const { notBefore, notAfter } = candidate.cert;
    if (now < notBefore.value || now > notAfter.value) fail("revocation_unknown", `OCSP responder certificate ${candidate.label} is not valid now`);
    return candidate;
  }
  return fail("revocation_unknown", "OCSP response is signed by neither the issuing CA nor a responder it authorised");
}

function sameCertId(a: CertID, b: CertID): boolean {
  return (
    a.hashAlgorithm.algorithmId === b.hashAlgorithm.algorithmId &&
    Buffer.from(a.issuerNameHash.valueBlock.valueHexView).equals(Buffer.from(b.issuerNameHash.valueBlock.valueHexView)) &&
    Buffer.from(a.issuerKeyHash.valueBlock.valueHexView).equals(Buffer.from(b.issuerKeyHash.valueBlock.valueHexView)) &&
    serialHex(a.serialNumber) === serialHex(b.serialNumber)
  );
}
