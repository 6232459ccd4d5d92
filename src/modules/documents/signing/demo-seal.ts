/**
 * The demo seal: when no seal key is configured (demo, development, tests), a demo certificate
 * authority "大阪市 (デモ) 認証局" and a seal certificate "大阪市 (デモ) 電子公印" are generated once
 * into DATA_DIR/documents/demo-seal.pem (mode 0600) and reused. Documents sealed with it say that
 * they are demo documents; a real deployment configures SEAL_P12_* or SEAL_KEY_PATH.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { certificatesFromPem, InMemorySealKey } from "./file-key.ts";

export const DEMO_SEAL_SUBJECT = "大阪市 (デモ) 電子公印";
export const DEMO_CA_SUBJECT = "大阪市 (デモ) 認証局";

/** Where the demo seal lives in a data directory. */
export function demoSealPath(dataDir: string): string {
  return path.join(dataDir, "documents", "demo-seal.pem");
}

function name(commonName: string): forge.pki.CertificateField[] {
  // forge writes the JavaScript string as UTF-8 itself when the tag class is UTF8String.
  const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
  return [
    { shortName: "C", value: "JP" },
    { shortName: "O", ...utf8("大阪市 (デモ)") },
    { shortName: "OU", ...utf8("Machi デモ環境 — 実際の証明には使えません") },
    { shortName: "CN", ...utf8(commonName) },
  ];
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString("hex");
}

function newRsaKey(): { pem: string; forgeKey: forge.pki.rsa.PrivateKey; forgePublic: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, forgeKey, forgePublic: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

/** Generates the demo CA and seal; returns the PEM bundle (seal key, seal certificate, CA certificate). */
export function generateDemoSealPem(now: Date = new Date()): string {
  const ca = newRsaKey();
  const seal = newRsaKey();
  const notBefore = new Date(now.getTime() - 24 * 3600 * 1000);

  const caCert = forge.pki.createCertificate();
  caCert.serialNumber = serial();
  caCert.publicKey = ca.forgePublic;
  caCert.validity.notBefore = notBefore;
  caCert.validity.notAfter = new Date(now.getTime() + 20 * 365 * 24 * 3600 * 1000);
  caCert.setSubject(name(DEMO_CA_SUBJECT));
  caCert.setIssuer(name(DEMO_CA_SUBJECT));
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.forgeKey, forge.md.sha256.create());

  const sealCert = forge.pki.createCertificate();
  sealCert.serialNumber = serial();
  sealCert.publicKey = seal.forgePublic;
  sealCert.validity.notBefore = notBefore;
  sealCert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  sealCert.setSubject(name(DEMO_SEAL_SUBJECT));
  sealCert.setIssuer(caCert.subject.attributes);
  sealCert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  sealCert.sign(ca.forgeKey, forge.md.sha256.create());

  return [
    "# Machi demo seal — generated automatically because no SEAL_* key is configured. NOT a real seal.",
    seal.pem.trim(),
    forge.pki.certificateToPem(sealCert).trim(),
    forge.pki.certificateToPem(caCert).trim(),
    "",
  ].join("\n");
}

/**
 * The demo seal key of a data directory, generated on first use. Several processes starting at
 * once each write a complete file under a temporary name and rename it: one of them wins, and
 * everybody then reads the same file.
 */
export function demoSealKey(dataDir: string): { key: InMemorySealKey; file: string; caPem: string } {
  const file = demoSealPath(dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(temporary, generateDemoSealPem(), { mode: 0o600 });
    try {
      fs.linkSync(temporary, file); // fails when another process got there first
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const pem = fs.readFileSync(file, "utf8");
  const certificates = certificatesFromPem(pem);
  const keyPem = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/.exec(pem)?.[0];
  if (!keyPem || certificates.length < 2) throw new Error(`${file} is not a demo seal written by Machi; delete it to generate a new one.`);
  const caPem = pem.slice(pem.lastIndexOf("-----BEGIN CERTIFICATE-----"));
  return { key: new InMemorySealKey(createPrivateKey(keyPem), certificates), file, caPem };
}
