/**
 * X.509 certificate facts the verifier needs, read with pkijs: names, serial, validity,
 * keyUsage, basicConstraints, and the RFC 5280 rule that an unknown critical extension
 * makes a certificate unusable.
 */
import { createHash } from "node:crypto";
import * as asn1js from "asn1js";
import { BasicConstraints, Certificate, type RelativeDistinguishedNames } from "pkijs";
import { cachedParse } from "./cache.ts";
import { fail } from "./failure.ts";

/** A parsed certificate with the bytes it came from. */
export type ParsedCertificate = {
  der: Uint8Array;
  cert: Certificate;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** Short human label for details: the subject's CN or the whole DN. */
  label: string;
  /** Memo of fingerprint(). */
  sha256?: string;
};

/**
 * asn1js.fromBER without its costly extras: by default it also tries to decode the inside of every
 * OCTET STRING and BIT STRING as ASN.1 ("embedded"), which costs more than all the RSA work of a
 * verification and nothing here needs; and its fast path takes only plain Uint8Arrays, not Buffers.
 */
export function decodeBer(bytes: Uint8Array, limits: { maxNodes?: number; maxContentLength?: number } = {}): asn1js.FromBerResult {
  const plain = Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return asn1js.fromBER(plain, { parseEmbedded: false, ...limits });
}

/** Strict parse: one object, no trailing bytes. */
export function parseAsn1(der: Uint8Array, what: string, limits: { large?: boolean } = {}): asn1js.AsnType {
  // asn1js refuses more than 10 000 nodes by default, a good bound for signatures; CRLs list a node
  // or more per revoked certificate, so for them the bound grows with the input.
  const size = limits.large ? { maxNodes: Math.max(10_000, der.byteLength), maxContentLength: Math.max(16 << 20, der.byteLength) } : {};
  const parsed = decodeBer(der, size);
  if (parsed.offset === -1 || parsed.offset !== der.byteLength) fail("malformed", `${what} is not one well-formed ASN.1 object`);
  return parsed.result;
}

/** Parses (or recalls) a certificate; `what` names it in the failure detail. */
export function parseCertificate(der: Uint8Array, what = "certificate"): ParsedCertificate {
  return cachedParse("certificate", der, () => parseCertificateNow(der, parseAsn1(der, what), what));
}

/** A certificate already decoded as part of a larger structure (the CMS certificates set). */
export function certificateFromBlock(block: asn1js.AsnType, what: string): ParsedCertificate {
  const der = new Uint8Array(block.valueBeforeDecodeView);
  return cachedParse("certificate", der, () => parseCertificateNow(der, block, what));
}

function parseCertificateNow(der: Uint8Array, schema: asn1js.AsnType, what: string): ParsedCertificate {
  let cert: Certificate;
  let spki: Uint8Array;
  try {
    cert = new Certificate({ schema });
    spki = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  } catch {
    return fail("malformed", `${what} is not an X.509 certificate`);
  }
  return { der, cert, spki, label: labelOf(cert.subject) };
}

const SHORT_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.42": "GN",
  "2.5.4.97": "organizationIdentifier",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  "1.2.840.113549.1.9.1": "emailAddress",
};

export type NamePart = { type: string; value: string };

/** The attributes of a name in encoded order (for X.509 that is country first, CN last). */
export function nameParts(name: RelativeDistinguishedNames): NamePart[] {
  return name.typesAndValues.map((attribute) => ({ type: SHORT_NAMES[attribute.type] ?? attribute.type, value: attributeText(attribute.value) }));
}

/** RFC 4514 string (most specific first): "CN=Machi Test Signing CA,O=Machi Test,C=JP". */
export function distinguishedName(name: RelativeDistinguishedNames): string {
  return nameParts(name)
    .reverse()
    .map((part) => `${part.type}=${escapeDnValue(part.value)}`)
    .join(",");
}

function labelOf(name: RelativeDistinguishedNames): string {
  const cn = nameParts(name).find((part) => part.type === "CN");
  return cn ? `"${cn.value}"` : `"${distinguishedName(name)}"`;
}

function attributeText(value: unknown): string {
  const block = value as { valueBlock?: { value?: unknown }; valueBeforeDecodeView?: Uint8Array };
  if (typeof block.valueBlock?.value === "string") return block.valueBlock.value;
  return `#${Buffer.from(block.valueBeforeDecodeView ?? new Uint8Array()).toString("hex")}`;
}

function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, "\\ ");
}

/** Lower-case hex without a sign-padding zero byte, e.g. "2001". */
export function serialHex(integer: asn1js.Integer): string {
  let bytes = integer.valueBlock.valueHexView;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return Buffer.from(bytes).toString("hex");
}

export function sameSerial(a: asn1js.Integer, b: asn1js.Integer): boolean {
  return serialHex(a) === serialHex(b);
}

export function extension(cert: Certificate, oid: string) {
  return cert.extensions?.find((candidate) => candidate.extnID === oid);
}

export const EXTENSION = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
} as const;

/**
 * Extensions we process or that carry no constraint we could violate by ignoring them. A critical
 * extension outside this list (e.g. nameConstraints, policyConstraints) makes the certificate unusable.
 */
const UNDERSTOOD = new Set<string>(Object.values(EXTENSION));

export function assertNoUnknownCriticalExtension(certificate: ParsedCertificate): void {
  for (const ext of certificate.cert.extensions ?? []) {
    if (ext.critical && !UNDERSTOOD.has(ext.extnID)) {
      fail("untrusted_chain", `certificate ${certificate.label} has critical extension ${ext.extnID}, which this verifier does not process`);
    }
  }
}

export type KeyUsageName = "digitalSignature" | "nonRepudiation" | "keyEncipherment" | "dataEncipherment" | "keyAgreement" | "keyCertSign" | "cRLSign" | "encipherOnly" | "decipherOnly";
const KEY_USAGE_BITS: KeyUsageName[] = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"];

/** The keyUsage bits that are set, or undefined when the certificate has no keyUsage extension. */
export function keyUsage(certificate: ParsedCertificate): Set<KeyUsageName> | undefined {
  const ext = extension(certificate.cert, EXTENSION.keyUsage);
  if (!ext) return undefined;
  const parsed = decodeBer(ext.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.BitString)) fail("malformed", `certificate ${certificate.label} has an unreadable keyUsage`);
  const bytes = parsed.result.valueBlock.valueHexView;
  const set = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3] ?? 0;
    if (byte & (0x80 >> (bit & 7))) set.add(name);
  });
  return set;
}

export function basicConstraints(certificate: ParsedCertificate): { cA: boolean; pathLength?: number } | undefined {
  const ext = extension(certificate.cert, EXTENSION.basicConstraints);
  if (!ext) return undefined;
  const value = ext.parsedValue;
  if (!(value instanceof BasicConstraints)) return fail("malformed", `certificate ${certificate.label} has unreadable basicConstraints`);
  const pathLength = value.pathLenConstraint === undefined ? undefined : typeof value.pathLenConstraint === "number" ? value.pathLenConstraint : value.pathLenConstraint.valueBlock.valueDec;
  return { cA: value.cA, ...(pathLength === undefined ? {} : { pathLength }) };
}

/** The extendedKeyUsage purposes, or undefined when absent. */
export function extendedKeyUsage(certificate: ParsedCertificate): string[] | undefined {
  const ext = extension(certificate.cert, EXTENSION.extKeyUsage);
  if (!ext) return undefined;
  const value = ext.parsedValue as { keyPurposes?: string[] } | undefined;
  return value?.keyPurposes ?? [];
}

/** Fails with `expired` / `not_yet_valid` unless notBefore ≤ at ≤ notAfter. */
export function assertValidAt(certificate: ParsedCertificate, at: Date): void {
  const { notBefore, notAfter } = certificate.cert;
  if (at.getTime() < notBefore.value.getTime()) {
    fail("not_yet_valid", `certificate ${certificate.label} is valid only from ${notBefore.value.toISOString()} (checked at ${at.toISOString()})`);
  }
  if (at.getTime() > notAfter.value.getTime()) {
    fail("expired", `certificate ${certificate.label} expired at ${notAfter.value.toISOString()} (checked at ${at.toISOString()})`);
  }
}

/** SHA-256 of the certificate DER, lower-case hex. */
export function fingerprint(certificate: ParsedCertificate): string {
  return (certificate.sha256 ??= createHash("sha256").update(certificate.der).digest("hex"));
}

/** True when both are the same certificate (byte for byte). */
export function sameCertificate(a: ParsedCertificate, b: ParsedCertificate): boolean {
  return a === b || Buffer.from(a.der).equals(Buffer.from(b.der));
}
