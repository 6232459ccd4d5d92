import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { renderResidenceCertificatePdf } from "../commands/render-residence-certificate.ts";
import { nssDatabaseTrusting, pdfSig, pdfText } from "../testing.ts";
import { cadesDetached } from "./cms.ts";
import { demoSealKey, demoSealPath } from "./demo-seal.ts";
import { keyFromPem, SealConfigError, sealKeyFromEnv } from "./file-key.ts";
import { loadSealer } from "./load-sealer.ts";
import type { Sealer } from "./sealer.ts";

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-seal-test-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] }).toString();

/** A CA and a seal certificate made with openssl, RSA or EC. */
function opensslChain(kind: "rsa" | "ec"): { key: string; cert: string; ca: string } {
  const prefix = `${kind}-`;
  const keyArgs = kind === "rsa" ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
  openssl("req", "-x509", ...keyArgs, "-nodes", "-keyout", `${prefix}ca.key`, "-out", `${prefix}ca.pem`, "-days", "30", "-subj", "/C=JP/O=Test City/CN=Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", ...keyArgs, "-nodes", "-keyout", `${prefix}seal.key`, "-out", `${prefix}seal.csr`, "-subj", "/C=JP/O=Test City/CN=Test Seal");
  fs.writeFileSync(path.join(dir, `${prefix}ext.cnf`), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
  openssl("x509", "-req", "-in", `${prefix}seal.csr`, "-CA", `${prefix}ca.pem`, "-CAkey", `${prefix}ca.key`, "-CAcreateserial", "-out", `${prefix}seal.pem`, "-days", "30", "-extfile", `${prefix}ext.cnf`);
  // openssl writes PKCS#8 keys ("BEGIN PRIVATE KEY") by default.
  return { key: path.join(dir, `${prefix}seal.key`), cert: path.join(dir, `${prefix}seal.pem`), ca: path.join(dir, `${prefix}ca.pem`) };
}

/** openssl cms -verify of a detached signature over data, against a CA file. */
function opensslVerifies(cms: Uint8Array, data: Uint8Array, caFile: string): boolean {
  fs.writeFileSync(path.join(dir, "sig.der"), cms);
  fs.writeFileSync(path.join(dir, "data.bin"), data);
  try {
    openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.der", "-content", "data.bin", "-CAfile", caFile, "-purpose", "any", "-out", "/dev/null");
    return true;
  } catch {
    return false;
  }
}

async function sealedCertificate(sealer: Sealer): Promise<Uint8Array> {
  return renderResidenceCertificatePdf({
    certificateType: "resident_record",
    record: { name: "大阪 花子", furigana: "オオサカ ハナコ", birthDate: "1988-06-14", address: "大阪府大阪市北区天神橋3丁目9-99", householder: null },
    issuerTitle: "大阪市長",
    verificationCode: "ABCDEFGHJKMNPQRS",
    verifyUrl: "https://machi.example.jp/verify/ABCDEFGHJKMNPQRS",
    issuedAt: new Date("2026-11-26T01:00:00Z"),
    sealer,
  });
}

test("the demo seal is generated once into the data directory and reused", async () => {
  const dataDir = path.join(dir, "data");
  const first = await loadSealer({ env: {}, dataDir, nodeEnv: "development" });
  const second = await loadSealer({ env: {}, dataDir, nodeEnv: "development" });
  assert.equal(first.info.fingerprint, second.info.fingerprint);
  assert.equal(first.info.demo, true);
  assert.equal(first.info.commonName, "大阪市 (デモ) 電子公印");
  assert.match(first.info.issuer, /大阪市 \(デモ\) 認証局/);
  assert.equal(fs.statSync(demoSealPath(dataDir)).mode & 0o777, 0o600);
  assert.equal((await first.certificateChain()).length, 2);
});

test("a sealed 住民票の写し is a PAdES signature that pdfsig reports valid (and trusted with the CA)", async () => {
  const dataDir = path.join(dir, "data");
  const sealer = await loadSealer({ env: {}, dataDir, nodeEnv: "test" });
  const pdf = await sealedCertificate(sealer);
  const report = pdfSig(pdf);
  assert.match(report, /Signature Type: ETSI\.CAdES\.detached/);
  assert.match(report, /Signature Validation: Signature is Valid\./);
  assert.match(report, /Total document signed/);
  assert.match(report, /Signer Certificate Common Name: 大阪市 \(デモ\) 電子公印/);
  const nss = nssDatabaseTrusting(demoSealKey(dataDir).caPem);
  if (nss) {
    try {
      assert.match(pdfSig(pdf, nss), /Certificate Validation: Certificate is Trusted\./);
    } finally {
      fs.rmSync(nss, { recursive: true, force: true });
    }
  } else {
    // Without NSS's certutil the demo CA cannot be trusted; the signature itself is still checked above.
    assert.match(report, /Certificate issuer isn't Trusted|Untrusted/);
  }
  const text = pdfText(pdf);
  for (const expected of ["住民票の写し", "大阪 花子", "昭和63年6月14日", "検証コード", "ABCD-EFGH-JKMN-PQRS", "デモ"]) assert.ok(text.includes(expected), `missing ${expected}`);
});

test("changing a single signed byte makes pdfsig report the signature invalid", async () => {
  const sealer = await loadSealer({ env: {}, dataDir: path.join(dir, "data"), nodeEnv: "test" });
  const pdf = Buffer.from(await sealedCertificate(sealer));
  const at = pdf.indexOf("/Title");
  pdf[at + 1] = "t".charCodeAt(0); // /Title → /title, inside the signed range
  assert.doesNotMatch(pdfSig(pdf), /Signature is Valid\./);
});

test("the CMS is CAdES: openssl verifies it and finds signing-certificate-v2 and no signing-time", async () => {
  const dataDir = path.join(dir, "data");
  const demo = demoSealKey(dataDir);
  fs.writeFileSync(path.join(dir, "demo-ca.pem"), demo.caPem);
  const data = new TextEncoder().encode("住民票 %PDF bytes");
  const cms = await cadesDetached(demo.key, await demo.key.certificateChain(), data);
  assert.ok(opensslVerifies(cms, data, path.join(dir, "demo-ca.pem")));
  assert.ok(!opensslVerifies(cms, new TextEncoder().encode("something else"), path.join(dir, "demo-ca.pem")));
  const printed = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", "sig.der");
  assert.match(printed, /signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
  assert.doesNotMatch(printed, /signingTime/);
});

test("PKCS#12 from a file (openssl's default encryption) seals, and a wrong password is refused without echoing it", async () => {
  const chain = opensslChain("rsa");
  openssl("pkcs12", "-export", "-inkey", chain.key, "-in", chain.cert, "-certfile", chain.ca, "-out", "seal.p12", "-passout", "pass:Seal-pass-2026!");
  const p12 = path.join(dir, "seal.p12");
  const sealer = await loadSealer({ env: { SEAL_P12_PATH: p12, SEAL_P12_PASSWORD: "Seal-pass-2026!" }, dataDir: dir, nodeEnv: "production" });
  assert.equal(sealer.info.demo, false);
  assert.equal(sealer.info.source, "SEAL_P12_PATH");
  assert.equal(sealer.info.commonName, "Test Seal");
  assert.equal((await sealer.certificateChain()).length, 2);
  const data = new TextEncoder().encode("data");
  assert.ok(opensslVerifies(await sealer.sign(data), data, chain.ca));
  assert.match(pdfSig(await sealedCertificate(sealer)), /Signature is Valid\./);

  const base64 = fs.readFileSync(p12).toString("base64");
  const fromEnv = sealKeyFromEnv({ SEAL_P12_BASE64: base64, SEAL_P12_PASSWORD: "Seal-pass-2026!" });
  assert.equal(fromEnv?.source, "SEAL_P12_BASE64");

  assert.throws(
    () => sealKeyFromEnv({ SEAL_P12_PATH: p12, SEAL_P12_PASSWORD: "wrong-password-123" }),
    (error: Error) => error instanceof SealConfigError && /SEAL_P12_PASSWORD/.test(error.message) && !error.message.includes("wrong-password-123"),
  );
  assert.throws(() => sealKeyFromEnv({ SEAL_P12_PATH: p12, SEAL_P12_PASSWORD: "パスワード" }), /printable ASCII/);
});

test("a PKCS#8 EC key with a PEM chain seals, and a certificate of another key is refused", async () => {
  const ec = opensslChain("ec");
  const sealer = await loadSealer({ env: { SEAL_KEY_PATH: ec.key, SEAL_CERT_PATH: ec.cert }, dataDir: dir, nodeEnv: "production" });
  assert.equal(sealer.info.source, "SEAL_KEY_PATH");
  const data = new TextEncoder().encode("data");
  assert.ok(opensslVerifies(await sealer.sign(data), data, ec.ca));
  assert.match(pdfSig(await sealedCertificate(sealer)), /Signature is Valid\./);

  const rsa = opensslChain("rsa");
  assert.throws(() => keyFromPem(fs.readFileSync(ec.key, "utf8"), fs.readFileSync(rsa.cert, "utf8")), /belongs to the seal key/);
  assert.throws(() => sealKeyFromEnv({ SEAL_KEY_PATH: ec.key }), /together/);
});

test("in production a missing seal configuration is an error unless the demo is allowed", async () => {
  await assert.rejects(loadSealer({ env: {}, dataDir: path.join(dir, "prod"), nodeEnv: "production" }), SealConfigError);
  const demo = await loadSealer({ env: { SEAL_ALLOW_DEMO: "true" }, dataDir: path.join(dir, "prod"), nodeEnv: "production" });
  assert.equal(demo.info.demo, true);
});
