/**
 * The demo JPKI: when no trust anchor is configured (demo, development, tests), a demo certificate
 * authority 「(デモ) 公的個人認証 署名用認証局」 and one demo 署名用電子証明書 for the demo resident
 * 松本 陽子 (with the 基本4情報 in the JPKI subjectAltName entries) are generated once into
 * DATA_DIR/signatures/demo-jpki.pem (mode 0600): the signer's private key, its certificate, then the
 * CA certificate. Anyone trying the demo can sign an application's data with it:
 *
 *   openssl cms -sign -binary -in 申請データ.json -signer DATA_DIR/signatures/demo-jpki.pem -outform DER -out 署名.p7s
 *
 * The CA is the demo's trust anchor; it is refused in production (trust.ts).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { JPKI_OID } from "../cms/jpki.ts";

export const DEMO_JPKI_CA_SUBJECT = "(デモ) 公的個人認証 署名用認証局";

/** The demo resident the demo signing certificate belongs to (DEMO_RESIDENTS[0] of the catalogue). */
export const DEMO_JPKI_SIGNER = {
  name: "松本 陽子",
  /** 昭和 (era digit 3) + 1988-06-14 */
  birthDateRaw: "319880614",
  gender: "2",
  address: "大阪府大阪市北区天神橋3丁目9-99 天神橋ハイツ501",
} as const;

export function demoJpkiPath(dataDir: string): string {
  return path.join(dataDir, "signatures", "demo-jpki.pem");
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString("hex");
}

function newRsaKey(): { pem: string; key: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function utf8Name(commonName: string, extra: forge.pki.CertificateField[] = []): forge.pki.CertificateField[] {
  const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });
  return [{ shortName: "C", value: "JP" }, { shortName: "O", ...utf8("Machi (デモ)") }, ...extra, { shortName: "CN", ...utf8(commonName) }];
}

/** subjectAltName with JPKI otherName entries: [0] { type-id OID, [0] EXPLICIT UTF8String }. */
function jpkiSubjectAltName(): forge.asn1.Asn1 {
  const { asn1 } = forge;
  const entry = (oid: string, text: string) =>
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(text))]),
    ]);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    entry(JPKI_OID.name, DEMO_JPKI_SIGNER.name),
    entry(JPKI_OID.nameSubstitute, DEMO_JPKI_SIGNER.name),
    entry(JPKI_OID.gender, DEMO_JPKI_SIGNER.gender),
    entry(JPKI_OID.birthDate, DEMO_JPKI_SIGNER.birthDateRaw),
    entry(JPKI_OID.address, DEMO_JPKI_SIGNER.address),
    entry(JPKI_OID.addressSubstitute, DEMO_JPKI_SIGNER.address),
  ]);
}

/** Generates the demo CA and signer; the PEM bundle: signer key, signer certificate, CA certificate. */
export function generateDemoJpkiPem(now: Date = new Date()): string {
  const ca = newRsaKey();
  const signer = newRsaKey();
  const notBefore = new Date(now.getTime() - 24 * 3600 * 1000);

  const caCert = forge.pki.createCertificate();
  caCert.serialNumber = serial();
  caCert.publicKey = ca.publicKey;
  caCert.validity.notBefore = notBefore;
  caCert.validity.notAfter = new Date(now.getTime() + 20 * 365 * 24 * 3600 * 1000);
  caCert.setSubject(utf8Name(DEMO_JPKI_CA_SUBJECT));
  caCert.setIssuer(utf8Name(DEMO_JPKI_CA_SUBJECT));
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.key, forge.md.sha256.create());

  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = signer.publicKey;
  cert.validity.notBefore = notBefore;
  // Real 署名用電子証明書 are valid about five years.
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
  // JPKI subjects carry no name: the CN is a serial-like identifier; the person is in the subjectAltName.
  cert.setSubject(utf8Name(`DEMO JPKI Signer ${serial().slice(0, 8)}`, [{ shortName: "L", value: "Osaka-shi" }]));
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
    { id: "2.5.29.17", critical: false, value: jpkiSubjectAltName() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());

  return [
    "# Machi demo JPKI — generated because no SIGNATURE_TRUST_ANCHORS_* is configured. NOT a real My Number Card.",
    "# Sign: openssl cms -sign -binary -in DATA.json -signer THIS_FILE -outform DER -out SIGNATURE.p7s",
    signer.pem.trim(),
    forge.pki.certificateToPem(cert).trim(),
    forge.pki.certificateToPem(caCert).trim(),
    "",
  ].join("\n");
}

/**
 * The demo JPKI of a data directory, generated on first use (several processes starting at once:
 * each writes a complete file under a temporary name and links it; the first one wins).
 * Returns the CA certificate (the trust anchor) and the bundle's path.
 */
export function demoJpki(dataDir: string): { caPem: string; file: string } {
  const file = demoJpkiPath(dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(temporary, generateDemoJpkiPem(), { mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const pem = fs.readFileSync(file, "utf8");
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (certificates.length < 2) throw new Error(`${file} is not a demo JPKI written by Machi; delete it to generate a new one.`);
  return { caPem: certificates[certificates.length - 1]!, file };
}
