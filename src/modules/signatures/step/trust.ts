/**
 * Where the trust for application signatures comes from (environment only):
 *
 *   SIGNATURE_TRUST_ANCHORS_PEM     the JPKI signing CA certificate(s), PEM text
 *   SIGNATURE_TRUST_ANCHORS_PATH    or a file with them (PEM or DER)
 *   SIGNATURE_CRL_PATHS             optional CRL files (comma-separated); then revocation is checked
 *   SIGNATURE_REQUIRE_REVOCATION    true: refuse signatures whose revocation could not be checked
 *
 * Without trust anchors, outside production, the demo JPKI in DATA_DIR is trusted (demo-jpki.ts);
 * in production that is refused unless SIGNATURE_ALLOW_DEMO=true, so a forgotten setting cannot
 * make demo signatures count.
 */
import fs from "node:fs";
import type { SignatureTrust } from "../commands/verify-application-signature.ts";
import { demoJpki } from "./demo-jpki.ts";

export class SignatureTrustError extends Error {}

export type SignatureTrustConfig = {
  trust: SignatureTrust;
  /** Where the anchors came from (for the log and the demo instructions). */
  source: string;
  demo: boolean;
  /** The demo bundle (signer key + certificate) a person can sign with, when demo. */
  demoFile?: string;
};

export function loadSignatureTrust(options: { env: Record<string, string | undefined>; dataDir: string; nodeEnv: string }): SignatureTrustConfig {
  const { env } = options;
  const crlPaths = (env.SIGNATURE_CRL_PATHS ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  const crls = crlPaths.map((file) => {
    if (!fs.existsSync(file)) throw new SignatureTrustError(`SIGNATURE_CRL_PATHS: no file at ${file}.`);
    return new Uint8Array(fs.readFileSync(file));
  });
  const revocation = { ...(crls.length ? { crls } : {}), requireRevocationCheck: env.SIGNATURE_REQUIRE_REVOCATION === "true" };
  if (env.SIGNATURE_TRUST_ANCHORS_PEM) {
    if (!env.SIGNATURE_TRUST_ANCHORS_PEM.includes("-----BEGIN CERTIFICATE-----")) throw new SignatureTrustError("SIGNATURE_TRUST_ANCHORS_PEM must hold PEM certificates (-----BEGIN CERTIFICATE-----).");
    return { trust: { trustAnchors: env.SIGNATURE_TRUST_ANCHORS_PEM, ...revocation }, source: "SIGNATURE_TRUST_ANCHORS_PEM", demo: false };
  }
  if (env.SIGNATURE_TRUST_ANCHORS_PATH) {
    if (!fs.existsSync(env.SIGNATURE_TRUST_ANCHORS_PATH)) throw new SignatureTrustError(`SIGNATURE_TRUST_ANCHORS_PATH: no file at ${env.SIGNATURE_TRUST_ANCHORS_PATH}.`);
    return { trust: { trustAnchors: new Uint8Array(fs.readFileSync(env.SIGNATURE_TRUST_ANCHORS_PATH)), ...revocation }, source: "SIGNATURE_TRUST_ANCHORS_PATH", demo: false };
  }
  if (options.nodeEnv === "production" && env.SIGNATURE_ALLOW_DEMO !== "true") {
    throw new SignatureTrustError("No trust anchor for application signatures is configured (SIGNATURE_TRUST_ANCHORS_PEM or SIGNATURE_TRUST_ANCHORS_PATH). Set one, or SIGNATURE_ALLOW_DEMO=true to accept demo signatures.");
  }
  const demo = demoJpki(options.dataDir);
  return { trust: { trustAnchors: demo.caPem, ...revocation }, source: `demo:${demo.file}`, demo: true, demoFile: demo.file };
}
