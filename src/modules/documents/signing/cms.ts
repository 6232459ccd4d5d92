/**
 * Detached CAdES signatures (CMS SignedData, RFC 5652) as PAdES baseline B-B wants them
 * (ETSI EN 319 142-1): signed attributes content-type, message-digest and
 * signing-certificate-v2; no signing-time attribute (the time is the /M of the PDF signature
 * dictionary); the certificate chain included.
 */
import { createHash } from "node:crypto";
import { contextTag, integer, issuerAndSerial, nullValue, objectIdentifier, octetString, sequence, set, tlv, type Der } from "./der.ts";
import type { SealKey } from "./sealer.ts";

const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
};

const sha256Algorithm = () => sequence(objectIdentifier(OID.sha256), nullValue());

function attribute(oid: string, value: Der): Der {
  return sequence(objectIdentifier(oid), set(value));
}

/** ESS signing-certificate-v2 (RFC 5035): the SHA-256 of the seal certificate and its issuer/serial. */
function signingCertificateV2(certificate: Uint8Array): Der {
  const { issuer, serial } = issuerAndSerial(certificate);
  const hash = createHash("sha256").update(certificate).digest();
  // hashAlgorithm is left out: its DEFAULT is SHA-256.
  const issuerSerial = sequence(sequence(contextTag(4, issuer)), serial);
  return sequence(sequence(sequence(octetString(hash), issuerSerial)));
}

/**
 * The CMS SignedData over `content` (detached: the content itself is not included), signed by
 * `key`, with the certificates of `chain` (the seal's first).
 */
export async function cadesDetached(key: SealKey, chain: Uint8Array[], content: Uint8Array): Promise<Uint8Array> {
  const certificate = chain[0]!;
  const digest = createHash("sha256").update(content).digest();
  const attributes = [
    attribute(OID.contentType, objectIdentifier(OID.data)),
    attribute(OID.messageDigest, octetString(digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(certificate)),
  ];
  // The signature covers the DER of the attributes as a SET; in SignerInfo they are [0] IMPLICIT.
  const signedSet = set(...attributes);
  const signature = await key.sign(signedSet);
  const signedAttrs = new Uint8Array(signedSet);
  signedAttrs[0] = 0xa0;

  const signatureAlgorithm =
    key.algorithm === "rsa-sha256" ? sequence(objectIdentifier(OID.sha256WithRSA), nullValue()) : sequence(objectIdentifier(OID.ecdsaWithSha256));
  const { issuer, serial } = issuerAndSerial(certificate);
  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serial),
    sha256Algorithm(),
    signedAttrs,
    signatureAlgorithm,
    octetString(signature),
  );
  const signedData = sequence(
    integer(1),
    set(sha256Algorithm()),
    sequence(objectIdentifier(OID.data)),
    tlv(0xa0, ...chain),
    set(signerInfo),
  );
  return sequence(objectIdentifier(OID.signedData), contextTag(0, signedData));
}
