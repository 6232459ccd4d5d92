/**
 * The signing interface of the e-seal (電子公印). Two layers:
 *
 * - `SealKey` is what a key store must do: give its certificate chain and sign bytes with the
 *   private key (RSA PKCS#1 v1.5 or ECDSA, SHA-256). That is one PKCS#11 `C_Sign`
 *   (CKM_SHA256_RSA_PKCS / CKM_ECDSA_SHA256) or one cloud-KMS "sign" call, so an HSM can
 *   implement it without ever showing the key. `file-key.ts` implements it from files/environment.
 * - `Sealer` turns data into a detached CAdES signature (CMS SignedData) for PAdES; it is built
 *   on any SealKey by `createSealer` and is what the PDF code uses.
 */
import { createHash, X509Certificate } from "node:crypto";
import { cadesDetached } from "./cms.ts";

export type SignatureAlgorithm = "rsa-sha256" | "ecdsa-sha256";

export interface SealKey {
  readonly algorithm: SignatureAlgorithm;
  /** DER certificates: the seal's own certificate first, then its issuers (the root may be left out). */
  certificateChain(): Promise<Uint8Array[]>;
  /** Signs `data` (hashing it with SHA-256 first, as the algorithm says); returns the raw signature (DER for ECDSA). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** What the seal is, for logs, pages and the ADR's honesty: never the key itself. */
export type SealInfo = {
  /** The subject of the seal certificate, e.g. "CN=大阪市 (デモ) 電子公印, O=大阪市 (デモ), C=JP". */
  subject: string;
  /** The CN of the seal certificate, e.g. 「大阪市 (デモ) 電子公印」. */
  commonName: string;
  issuer: string;
  /** SHA-256 fingerprint of the seal certificate, hex. */
  fingerprint: string;
  validTo: string;
  /** True for the generated demo seal: documents say so and must not be used for real. */
  demo: boolean;
  /** Where the key came from: "SEAL_P12_PATH", "SEAL_P12_BASE64", "SEAL_KEY_PATH", "demo:<path>" or a custom label. */
  source: string;
};

export interface Sealer {
  readonly info: SealInfo;
  /** A detached CAdES signature (CMS SignedData, DER) over `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** DER certificates, the seal's first. */
  certificateChain(): Promise<Uint8Array[]>;
}

/** Builds the Sealer of a key. `source` and `demo` only describe it. */
export async function createSealer(key: SealKey, options: { source: string; demo: boolean }): Promise<Sealer> {
  const chain = await key.certificateChain();
  if (chain.length === 0) throw new Error("The seal key has no certificate.");
  const certificate = new X509Certificate(chain[0]!);
  const info: SealInfo = {
    subject: certificate.subject.split("\n").reverse().join(", "),
    commonName: /^CN=(.*)$/m.exec(certificate.subject)?.[1] ?? certificate.subject,
    issuer: certificate.issuer.split("\n").reverse().join(", "),
    fingerprint: createHash("sha256").update(chain[0]!).digest("hex"),
    validTo: new Date(certificate.validTo).toISOString(),
    demo: options.demo,
    source: options.source,
  };
  return {
    info,
    sign: (data) => cadesDetached(key, chain, data),
    certificateChain: async () => chain,
  };
}
