/**
 * Which algorithms we accept, and the RSA signature check itself.
 *
 * Policy: RSA keys of at least 2048 bits; SHA-256, SHA-384 or SHA-512; RSASSA-PKCS1-v1_5 or RSASSA-PSS
 * (MGF1 with the same hash, trailer field 1). SHA-1 and MD5 are refused everywhere (CMS signer,
 * certificates, CRLs, OCSP responses) with `unsupported_algorithm`.
 *
 * The primitive is node:crypto `verify` (OpenSSL underneath) on the DER SubjectPublicKeyInfo.
 */
import { constants, createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import { AlgorithmIdentifier, RSASSAPSSParams } from "pkijs";
import { fail } from "./failure.ts";

export type HashName = "sha256" | "sha384" | "sha512";
export type SignatureScheme = "rsassa-pkcs1-v1_5" | "rsassa-pss";
export type SignatureAlgorithm = { scheme: SignatureScheme; hash: HashName; saltLength?: number };

export const OID = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  sha224: "2.16.840.1.101.3.4.2.4",
  md5: "1.2.840.113549.2.5",
} as const;

const HASH_BY_OID: Record<string, HashName> = {
  [OID.sha256]: "sha256",
  [OID.sha384]: "sha384",
  [OID.sha512]: "sha512",
};

const WEAK_HASH_NAMES: Record<string, string> = {
  [OID.sha1]: "SHA-1",
  [OID.md5]: "MD5",
  [OID.sha224]: "SHA-224",
  "1.2.840.113549.2.2": "MD2",
};

/** PKCS#1 "hashWithRSAEncryption" OIDs. */
const RSA_PKCS1_BY_OID: Record<string, HashName | string> = {
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.113549.1.1.5": "SHA-1",
  "1.3.14.3.2.29": "SHA-1",
  "1.2.840.113549.1.1.4": "MD5",
  "1.2.840.113549.1.1.2": "MD2",
  "1.2.840.113549.1.1.14": "SHA-224",
};

/** The hash named by a digest AlgorithmIdentifier; weak or unknown ones fail. */
export function hashFromDigestAlgorithm(algorithm: AlgorithmIdentifier, where: string): HashName {
  const hash = HASH_BY_OID[algorithm.algorithmId];
  if (hash) return hash;
  const weak = WEAK_HASH_NAMES[algorithm.algorithmId];
  return fail("unsupported_algorithm", `${where} uses ${weak ?? `digest algorithm ${algorithm.algorithmId}`}; only SHA-256, SHA-384 and SHA-512 are accepted`);
}

/** Display name, e.g. "sha256" → "SHA-256". */
export function hashLabel(hash: HashName): string {
  return `SHA-${hash.slice(3)}`;
}

/**
 * Reads a signature AlgorithmIdentifier. In CMS the SignerInfo may say plain `rsaEncryption`
 * (RFC 3370) and take the hash from its digestAlgorithm: pass it as `digestHash`.
 */
export function signatureAlgorithmOf(algorithm: AlgorithmIdentifier, where: string, digestHash?: HashName): SignatureAlgorithm {
  const oid = algorithm.algorithmId;
  if (oid === OID.rsaEncryption) {
    if (!digestHash) fail("unsupported_algorithm", `${where}: rsaEncryption without a digest algorithm`);
    return { scheme: "rsassa-pkcs1-v1_5", hash: digestHash };
  }
  const pkcs1 = RSA_PKCS1_BY_OID[oid];
  if (pkcs1 !== undefined) {
    if (pkcs1 !== "sha256" && pkcs1 !== "sha384" && pkcs1 !== "sha512") {
      fail("unsupported_algorithm", `${where} uses ${pkcs1} with RSA; only SHA-256, SHA-384 and SHA-512 are accepted`);
    }
    if (digestHash && digestHash !== pkcs1) fail("malformed", `${where}: signature algorithm hash ${pkcs1} differs from digest algorithm ${digestHash}`);
    return { scheme: "rsassa-pkcs1-v1_5", hash: pkcs1 };
  }
  if (oid === OID.rsassaPss) return pssAlgorithm(algorithm, where, digestHash);
  return fail("unsupported_algorithm", `${where} uses signature algorithm ${oid}; only RSA (PKCS#1 v1.5 or PSS) is accepted`);
}

function pssAlgorithm(algorithm: AlgorithmIdentifier, where: string, digestHash?: HashName): SignatureAlgorithm {
  let params: RSASSAPSSParams;
  try {
    // Absent parameters mean all defaults (SHA-1), which the hash check below refuses.
    params = algorithm.algorithmParams instanceof asn1js.Sequence ? new RSASSAPSSParams({ schema: algorithm.algorithmParams }) : new RSASSAPSSParams();
  } catch {
    return fail("malformed", `${where}: unreadable RSASSA-PSS parameters`);
  }
  const hash = hashFromDigestAlgorithm(params.hashAlgorithm, `${where} (RSASSA-PSS hash)`);
  if (params.maskGenAlgorithm.algorithmId !== OID.mgf1) fail("unsupported_algorithm", `${where}: RSASSA-PSS mask generation ${params.maskGenAlgorithm.algorithmId} is not MGF1`);
  const mgfParams: unknown = params.maskGenAlgorithm.algorithmParams;
  let mgfDigest: AlgorithmIdentifier;
  try {
    if (!(mgfParams instanceof asn1js.Sequence)) throw new Error("no MGF1 hash");
    mgfDigest = new AlgorithmIdentifier({ schema: mgfParams });
  } catch {
    return fail("malformed", `${where}: unreadable MGF1 parameters`);
  }
  const mgfHash = hashFromDigestAlgorithm(mgfDigest, `${where} (MGF1 hash)`);
  if (mgfHash !== hash) fail("unsupported_algorithm", `${where}: RSASSA-PSS with MGF1 hash ${mgfHash} differing from message hash ${hash}`);
  if (params.trailerField !== 1) fail("unsupported_algorithm", `${where}: RSASSA-PSS trailer field ${params.trailerField}`);
  if (!Number.isInteger(params.saltLength) || params.saltLength < 0) fail("malformed", `${where}: RSASSA-PSS salt length ${params.saltLength}`);
  if (digestHash && digestHash !== hash) fail("malformed", `${where}: RSASSA-PSS hash ${hash} differs from digest algorithm ${digestHash}`);
  return { scheme: "rsassa-pss", hash, saltLength: params.saltLength };
}

const keyCache = new WeakMap<Uint8Array, KeyObject>();

/** An RSA public key from DER SubjectPublicKeyInfo; refuses other key types and RSA under 2048 bits. */
export function rsaPublicKey(spki: Uint8Array, where: string): KeyObject {
  const cached = keyCache.get(spki);
  if (cached) return cached;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
  } catch {
    return fail("malformed", `${where}: unreadable public key`);
  }
  if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "rsa-pss") {
    fail("unsupported_algorithm", `${where}: ${key.asymmetricKeyType ?? "unknown"} key; only RSA is accepted`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) fail("unsupported_algorithm", `${where}: RSA key of ${bits} bits; at least 2048 are required`);
  keyCache.set(spki, key);
  return key;
}

/** True when `signature` is a valid RSA signature of `data` under the key and algorithm. */
export function verifyRsa(key: KeyObject, algorithm: SignatureAlgorithm, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (algorithm.scheme === "rsassa-pss") {
      return verify(algorithm.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.saltLength ?? 20 }, signature);
    }
    return verify(algorithm.hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

export function digest(hash: HashName | "sha1", data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(hash).update(data).digest());
}
