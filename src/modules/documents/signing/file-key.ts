/**
 * A SealKey from files or environment variables (never from the database, never logged):
 *
 *   SEAL_P12_PATH=/run/secrets/seal.p12  or  SEAL_P12_BASE64=MIIK…   with SEAL_P12_PASSWORD
 *   SEAL_KEY_PATH=/run/secrets/seal-key.pem (PKCS#8; SEAL_KEY_PASSWORD if encrypted)
 *     + SEAL_CERT_PATH=/run/secrets/seal-chain.pem (the seal certificate first, then its issuers)
 *
 * PKCS#12 is read with node-forge (Node's crypto cannot): its key must be RSA and its password
 * printable ASCII. EC keys and other passwords work through PKCS#8. Errors name the variable to fix but never repeat a secret.
 */
import { createPrivateKey, createPublicKey, sign as cryptoSign, X509Certificate, type KeyObject } from "node:crypto";
import fs from "node:fs";
import forge from "node-forge";
import type { SealKey, SignatureAlgorithm } from "./sealer.ts";

export type SealEnv = Record<string, string | undefined>;

export class SealConfigError extends Error {}

/** A SealKey holding a private key in memory. */
export class InMemorySealKey implements SealKey {
  readonly algorithm: SignatureAlgorithm;
  readonly #key: KeyObject;
  readonly #chain: Uint8Array[];

  constructor(key: KeyObject, chain: Uint8Array[]) {
    if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "ec") {
      throw new SealConfigError(`The seal key must be RSA or EC (P-256); got ${key.asymmetricKeyType}.`);
    }
    this.algorithm = key.asymmetricKeyType === "rsa" ? "rsa-sha256" : "ecdsa-sha256";
    this.#key = key;
    this.#chain = orderChain(key, chain);
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.#chain;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    return cryptoSign("sha256", data, this.#key);
  }
}

/** Splits PEM text into DER certificates. */
export function certificatesFromPem(pem: string): Uint8Array[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64")));
}

/** Puts the certificate of the key first, then each issuer in turn; refuses when none matches the key. */
function orderChain(key: KeyObject, chain: Uint8Array[]): Uint8Array[] {
  const publicDer = createPublicKey(key).export({ type: "spki", format: "der" });
  const certs = chain.map((der) => ({ der, x509: new X509Certificate(der) }));
  const leaf = certs.find((c) => Buffer.from(c.x509.publicKey.export({ type: "spki", format: "der" })).equals(publicDer));
  if (!leaf) throw new SealConfigError("None of the seal certificates belongs to the seal key.");
  const ordered = [leaf];
  const rest = certs.filter((c) => c !== leaf);
  for (;;) {
    const current = ordered[ordered.length - 1]!;
    if (current.x509.issuer === current.x509.subject) break;
    const issuer = rest.find((c) => !ordered.includes(c) && current.x509.checkIssued(c.x509));
    if (!issuer) break;
    ordered.push(issuer);
  }
  return ordered.map((c) => c.der);
}

/** Reads a PKCS#12 (PFX) file's key and certificates. */
export function keyFromPkcs12(bytes: Uint8Array, password: string): InMemorySealKey {
  // node-forge derives PBES2 keys from the password's code units as bytes, so only ASCII works.
  if (!/^[\x20-\x7e]*$/.test(password)) {
    throw new SealConfigError("SEAL_P12_PASSWORD must be printable ASCII (a limit of the PKCS#12 reader): export the PKCS#12 again with such a password, or give the key as PKCS#8 with SEAL_KEY_PATH.");
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch {
    throw new SealConfigError("The PKCS#12 seal could not be opened: check SEAL_P12_PASSWORD and that the file is a PKCS#12 (.p12/.pfx) with an RSA key.");
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const forgeKey = keyBags.find((bag) => bag.key)?.key;
  if (!forgeKey) throw new SealConfigError("The PKCS#12 seal holds no private key (or an EC key: give EC keys as PKCS#8 with SEAL_KEY_PATH).");
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const chain = certBags
    .filter((bag) => bag.cert)
    .map((bag) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert!)).getBytes(), "binary")));
  const key = createPrivateKey(forge.pki.privateKeyToPem(forgeKey as forge.pki.rsa.PrivateKey));
  return new InMemorySealKey(key, chain);
}

/** Reads a PKCS#8 (or PKCS#1 / SEC1) PEM key and a PEM certificate chain. */
export function keyFromPem(keyPem: string, chainPem: string, passphrase?: string): InMemorySealKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase ? { key: keyPem, passphrase } : keyPem);
  } catch {
    throw new SealConfigError("The seal key could not be read: SEAL_KEY_PATH must be a PEM private key (PKCS#8), with SEAL_KEY_PASSWORD if it is encrypted.");
  }
  const chain = certificatesFromPem(chainPem);
  if (chain.length === 0) throw new SealConfigError("SEAL_CERT_PATH holds no PEM certificate.");
  return new InMemorySealKey(key, chain);
}

/**
 * The seal key configured in the environment, with the variable it came from; null when none
 * is configured. Throws SealConfigError for an incomplete or unreadable configuration.
 */
export function sealKeyFromEnv(env: SealEnv): { key: InMemorySealKey; source: string } | null {
  const password = env.SEAL_P12_PASSWORD ?? "";
  if (env.SEAL_P12_PATH) {
    if (!fs.existsSync(env.SEAL_P12_PATH)) throw new SealConfigError(`SEAL_P12_PATH: no file at ${env.SEAL_P12_PATH}.`);
    return { key: keyFromPkcs12(fs.readFileSync(env.SEAL_P12_PATH), password), source: "SEAL_P12_PATH" };
  }
  if (env.SEAL_P12_BASE64) {
    return { key: keyFromPkcs12(Buffer.from(env.SEAL_P12_BASE64, "base64"), password), source: "SEAL_P12_BASE64" };
  }
  if (env.SEAL_KEY_PATH || env.SEAL_CERT_PATH) {
    if (!env.SEAL_KEY_PATH || !env.SEAL_CERT_PATH) throw new SealConfigError("SEAL_KEY_PATH and SEAL_CERT_PATH must be given together.");
    for (const name of ["SEAL_KEY_PATH", "SEAL_CERT_PATH"] as const) {
      if (!fs.existsSync(env[name]!)) throw new SealConfigError(`${name}: no file at ${env[name]}.`);
    }
    return {
      key: keyFromPem(fs.readFileSync(env.SEAL_KEY_PATH, "utf8"), fs.readFileSync(env.SEAL_CERT_PATH, "utf8"), env.SEAL_KEY_PASSWORD),
      source: "SEAL_KEY_PATH",
    };
  }
  return null;
}
