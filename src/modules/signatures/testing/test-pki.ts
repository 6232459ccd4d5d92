/**
 * A throw-away PKI built with the `openssl` command line, for tests and the benchmark:
 *
 *   root CA (self-signed) ── intermediate CA (`openssl ca`, keeps index.txt for CRLs and OCSP)
 *                              ├── signer       JPKI-like subjectAltName (基本4情報), digitalSignature + nonRepudiation
 *                              ├── expired      valid 2020-01-01 … 2021-01-01
 *                              ├── future       valid from 2099
 *                              ├── revoked      revoked with reason keyCompromise
 *                              ├── superseded   revoked with reason superseded (a day after it became valid)
 *                              ├── noSigning    keyUsage keyEncipherment only
 *                              ├── ocspResponder extendedKeyUsage OCSPSigning
 *                              └── unlisted     issued outside the CA database (OCSP answers "unknown")
 *   other root CA (unrelated)  └── otherSigner
 *
 * Everything lives in one temporary directory; call `dispose()` when done. Nothing is downloaded.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The 基本4情報 the test signer certificate carries (JPKI subjectAltName otherName entries). */
export const TEST_SIGNER_IDENTITY = {
  name: "大阪 太郎",
  nameSubstitute: "大阪 太郎",
  address: "大阪府大阪市北区中之島1丁目3番20号",
  /** JPKI form: era digit (4 = 平成… here 3 = 昭和) followed by the Gregorian YYYYMMDD. */
  birthDateRaw: "319800415",
  birthDate: "1980-04-15",
  gender: "1",
} as const;

export type IssuedCertificate = { cert: string; key: string; serialHex: string };

export type TestPki = {
  dir: string;
  root: IssuedCertificate;
  intermediate: IssuedCertificate;
  signer: IssuedCertificate;
  expired: IssuedCertificate;
  future: IssuedCertificate;
  revoked: IssuedCertificate;
  superseded: IssuedCertificate;
  noSigning: IssuedCertificate;
  ocspResponder: IssuedCertificate;
  unlisted: IssuedCertificate;
  otherRoot: IssuedCertificate;
  otherSigner: IssuedCertificate;
  /** CRL (PEM) of the intermediate CA listing `revoked` and `superseded`. */
  crl: string;
  /** Runs openssl with the PKI directory as working directory; returns stdout. */
  openssl: (args: string[], input?: Uint8Array | string) => Buffer;
  /** Writes a file into the PKI directory and returns its path. */
  write: (name: string, content: Uint8Array | string) => string;
  /** `openssl cms -sign` with the given signer; returns the signature bytes. */
  sign: (options: SignOptions) => Buffer;
  /**
   * Answers a DER OCSP request the way `openssl ocsp` as a responder does (index.txt of the
   * intermediate CA), signed by `signer` (default the delegated OCSP responder).
   */
  ocspRespond: (request: Uint8Array, options?: OcspRespondOptions) => Buffer;
  /** Generates a fresh CRL of the intermediate (default) or root CA (`openssl ca -gencrl`). */
  generateCrl: (options?: { crlHours?: number; ca?: "root" | "intermediate" }) => string;
  dispose: () => void;
};

export type OcspRespondOptions = {
  /** Default the delegated OCSP responder certificate. */
  signer?: IssuedCertificate;
  /** nextUpdate in days; default 1. */
  days?: number;
  /** Another CA database (path relative to the PKI directory), e.g. a stale copy. */
  index?: string;
};

export type SignOptions = {
  signer: IssuedCertificate;
  content: Uint8Array | string;
  /** Default true (detached). */
  detached?: boolean;
  /** Default "DER". */
  outform?: "DER" | "PEM";
  /** Default "sha256". */
  md?: string;
  pss?: boolean;
  /** Also include these certificates (PEM file paths) in the CMS certificates set; default the intermediate. */
  certfile?: string | null;
  /** `-noattr`: no signed attributes, the signature is over the content itself. */
  noAttributes?: boolean;
};

/** An `openssl ca` section: database, serials and CRL numbers under `${dir}/${name}`. */
function caSection(dir: string, name: string, certificate: string, key: string): string {
  return `
[ca]
default_ca = ${name}
[${name}]
dir = ${dir}/${name}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = ${dir}/${certificate}
private_key = ${dir}/${key}
default_md = sha256
default_days = 365
default_crl_days = 7
policy = anything
unique_subject = no
copy_extensions = none
email_in_dn = no
utf8 = yes
string_mask = utf8only
[anything]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
CN = placeholder
`;
}

function rootConfig(dir: string): string {
  return `${caSection(dir, "root-ca", "root.pem", "root.key")}
[v3_root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_intermediate]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;
}

function intermediateConfig(dir: string): string {
  return `${caSection(dir, "intermediate-ca", "intermediate.pem", "intermediate.key")}
[signer_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.392.200149.8.5.1.1.30
subjectAltName = @jpki_san
authorityInfoAccess = OCSP;URI:http://127.0.0.1:1/ocsp
[jpki_san]
otherName.1 = 1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:${TEST_SIGNER_IDENTITY.name}
otherName.2 = 1.2.392.200149.8.5.5.2;FORMAT:UTF8,UTF8:${TEST_SIGNER_IDENTITY.nameSubstitute}
otherName.3 = 1.2.392.200149.8.5.5.3;FORMAT:UTF8,UTF8:${TEST_SIGNER_IDENTITY.gender}
otherName.4 = 1.2.392.200149.8.5.5.4;FORMAT:UTF8,UTF8:${TEST_SIGNER_IDENTITY.birthDateRaw}
otherName.5 = 1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:${TEST_SIGNER_IDENTITY.address}
[plain_signer_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[no_signing_ext]
basicConstraints = critical, CA:false
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ocsp_ext]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
}

/** Builds the whole PKI (a second or two: eleven RSA-2048 keys). */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), "machi-pki-"));
  const openssl = (args: string[], input?: Uint8Array | string): Buffer =>
    execFileSync("openssl", args, { cwd: dir, input, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const write = (name: string, content: Uint8Array | string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const read = (name: string): string => readFileSync(path.join(dir, name), "utf8");
  const serialOf = (cert: string): string =>
    openssl(["x509", "-noout", "-serial", "-in", cert]).toString("utf8").trim().replace(/^serial=/, "").toLowerCase();
  const issued = (name: string): IssuedCertificate => ({ cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`), serialHex: serialOf(`${name}.pem`) });

  for (const ca of ["root-ca", "intermediate-ca"]) {
    mkdirSync(path.join(dir, ca, "newcerts"), { recursive: true });
    write(`${ca}/index.txt`, "");
    write(`${ca}/crlnumber`, "01\n");
  }
  write("root-ca/serial", "1001\n");
  write("intermediate-ca/serial", "2001\n");
  write("root.cnf", rootConfig(dir));
  write("intermediate.cnf", intermediateConfig(dir));
  // Both CAs became valid two days ago, so that tests may validate at earlier times.
  const twoDaysAgo = utcStamp(new Date(Date.now() - 2 * 24 * 3600_000));
  openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.csr", "-config", "root.cnf", "-subj", "/C=JP/O=Machi Test/CN=Machi Test Root CA"]);
  openssl(["ca", "-batch", "-selfsign", "-config", "root.cnf", "-keyfile", "root.key", "-extensions", "v3_root", "-notext", "-in", "root.csr", "-out", "root.pem", "-startdate", twoDaysAgo, "-days", "3650"]);
  openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "intermediate.key", "-out", "intermediate.csr", "-config", "root.cnf", "-subj", "/C=JP/O=Machi Test/CN=Machi Test Signing CA"]);
  openssl(["ca", "-batch", "-config", "root.cnf", "-extensions", "v3_intermediate", "-notext", "-in", "intermediate.csr", "-out", "intermediate.pem", "-startdate", twoDaysAgo, "-days", "3000"]);
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-root.key", "-out", "other-root.pem", "-days", "3650", "-config", "root.cnf", "-extensions", "v3_root", "-sha256", "-subj", "/C=JP/O=Unrelated/CN=Unrelated Root CA"]);

  const issue = (name: string, subject: string, extension: string, dates?: { start: string; end: string }): void => {
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-config", "intermediate.cnf", "-subj", subject, "-utf8"]);
    const period = dates ? ["-startdate", dates.start, "-enddate", dates.end] : ["-startdate", utcStamp(new Date(Date.now() - 24 * 3600_000)), "-days", "365"];
    openssl(["ca", "-batch", "-config", "intermediate.cnf", "-extensions", extension, "-notext", "-in", `${name}.csr`, "-out", `${name}.pem`, ...period]);
  };
  issue("signer", "/C=JP/L=Osaka-shi/CN=JPKI Test Signer 0001", "signer_ext");
  issue("expired", "/C=JP/CN=Expired Signer", "plain_signer_ext", { start: "20200101000000Z", end: "20210101000000Z" });
  issue("future", "/C=JP/CN=Future Signer", "plain_signer_ext", { start: "20990101000000Z", end: "20991231000000Z" });
  issue("revoked", "/C=JP/CN=Revoked Signer", "plain_signer_ext");
  issue("superseded", "/C=JP/CN=Superseded Signer", "plain_signer_ext");
  issue("no-signing", "/C=JP/CN=Encryption Only", "no_signing_ext");
  issue("ocsp-responder", "/C=JP/O=Machi Test/CN=Machi Test OCSP Responder", "ocsp_ext");
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "unlisted.key", "-out", "unlisted.csr", "-subj", "/C=JP/CN=Unlisted Signer"]);
  openssl(["x509", "-req", "-in", "unlisted.csr", "-CA", "intermediate.pem", "-CAkey", "intermediate.key", "-set_serial", "0x3001", "-days", "30", "-sha256", "-extfile", "intermediate.cnf", "-extensions", "plain_signer_ext", "-out", "unlisted.pem"]);
  openssl(["ca", "-batch", "-config", "intermediate.cnf", "-revoke", "revoked.pem", "-crl_reason", "keyCompromise"]);
  openssl(["ca", "-batch", "-config", "intermediate.cnf", "-revoke", "superseded.pem", "-crl_reason", "superseded"]);

  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-signer.key", "-out", "other-signer.csr", "-subj", "/C=JP/CN=Other Signer"]);
  write("other.ext", "basicConstraints = critical, CA:false\nkeyUsage = critical, digitalSignature, nonRepudiation\n");
  openssl(["x509", "-req", "-in", "other-signer.csr", "-CA", "other-root.pem", "-CAkey", "other-root.key", "-set_serial", "0x77", "-days", "365", "-sha256", "-extfile", "other.ext", "-out", "other-signer.pem"]);

  const generateCrl = (options: { crlHours?: number; ca?: "root" | "intermediate" } = {}): string => {
    const out = `crl-${Date.now()}-${Math.random().toString(16).slice(2)}.pem`;
    openssl(["ca", "-batch", "-config", `${options.ca ?? "intermediate"}.cnf`, "-gencrl", "-crlhours", String(options.crlHours ?? 24 * 7), "-out", out]);
    return read(out);
  };

  const sign = (options: SignOptions): Buffer => {
    const input = write(`content-${Math.random().toString(16).slice(2)}.bin`, options.content);
    const args = ["cms", "-sign", "-binary", "-in", input, "-signer", options.signer.cert, "-inkey", options.signer.key, "-outform", options.outform ?? "DER", "-md", options.md ?? "sha256"];
    if (options.detached === false) args.push("-nodetach");
    if (options.pss) args.push("-keyopt", "rsa_padding_mode:pss");
    if (options.noAttributes) args.push("-noattr");
    const certfile = options.certfile === undefined ? path.join(dir, "intermediate.pem") : options.certfile;
    if (certfile) args.push("-certfile", certfile);
    return openssl(args);
  };

  const ocspRespond = (request: Uint8Array, options: OcspRespondOptions = {}): Buffer => {
    const name = `ocsp-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    write(`${name}.req`, request);
    const signer = options.signer ?? issued("ocsp-responder");
    openssl(["ocsp", "-index", options.index ?? "intermediate-ca/index.txt", "-CA", "intermediate.pem", "-rsigner", signer.cert, "-rkey", signer.key, "-rmd", "sha256", "-ndays", String(options.days ?? 1), "-reqin", `${name}.req`, "-respout", `${name}.resp`]);
    return readFileSync(path.join(dir, `${name}.resp`));
  };

  return {
    dir,
    root: issued("root"),
    intermediate: issued("intermediate"),
    signer: issued("signer"),
    expired: issued("expired"),
    future: issued("future"),
    revoked: issued("revoked"),
    superseded: issued("superseded"),
    noSigning: issued("no-signing"),
    ocspResponder: issued("ocsp-responder"),
    unlisted: issued("unlisted"),
    otherRoot: issued("other-root"),
    otherSigner: issued("other-signer"),
    crl: generateCrl(),
    openssl,
    write,
    sign,
    ocspRespond,
    generateCrl,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** "YYYYMMDDHHMMSSZ" as `openssl ca -startdate` wants it. */
function utcStamp(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}
