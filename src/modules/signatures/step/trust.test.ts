/**
 * Where signature trust comes from: configured anchors (PEM text or file), or the demo JPKI
 * generated once in DATA_DIR — whose signer an operator can use with `openssl cms -sign` — refused in
 * production unless allowed. Every bad setting names the variable to fix.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifyCms } from "../verify-cms.ts";
import { DEMO_JPKI_SIGNER } from "./demo-jpki.ts";
import { loadSignatureTrust, SignatureTrustError } from "./trust.ts";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "machi-trust-"));
}

test("without configuration the demo JPKI is made once (0600) and an openssl signature with it verifies, with the demo resident's 基本4情報", async () => {
  const dataDir = tempDir();
  try {
    const first = loadSignatureTrust({ env: {}, dataDir, nodeEnv: "development" });
    assert.equal(first.demo, true);
    assert.ok(first.demoFile);
    assert.equal(fs.statSync(first.demoFile).mode & 0o777, 0o600);
    const again = loadSignatureTrust({ env: {}, dataDir, nodeEnv: "test" });
    assert.equal(again.trust.trustAnchors, first.trust.trustAnchors, "generated once");

    const data = path.join(dataDir, "申請データ.json");
    fs.writeFileSync(data, '{"answers":{},"procedure":"residence-certificate"}');
    const signature = execFileSync("openssl", ["cms", "-sign", "-binary", "-in", data, "-signer", first.demoFile, "-outform", "DER"]);
    const result = await verifyCms({ ...first.trust, signature, content: fs.readFileSync(data) });
    assert.equal(result.valid, true, JSON.stringify(result));
    assert.equal(result.signer?.name, DEMO_JPKI_SIGNER.name);
    assert.equal(result.signer?.birthDate, "1988-06-14");
    assert.equal(result.signer?.address, DEMO_JPKI_SIGNER.address);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("production refuses the demo unless SIGNATURE_ALLOW_DEMO=true; configured anchors are used as given", () => {
  const dataDir = tempDir();
  try {
    assert.throws(() => loadSignatureTrust({ env: {}, dataDir, nodeEnv: "production" }), (error: Error) => error instanceof SignatureTrustError && /SIGNATURE_TRUST_ANCHORS_PEM/.test(error.message));
    assert.equal(loadSignatureTrust({ env: { SIGNATURE_ALLOW_DEMO: "true" }, dataDir, nodeEnv: "production" }).demo, true);
    const demoPem = fs.readFileSync(path.join(dataDir, "signatures", "demo-jpki.pem"), "utf8");
    const ca = demoPem.slice(demoPem.lastIndexOf("-----BEGIN CERTIFICATE-----"));
    const fromText = loadSignatureTrust({ env: { SIGNATURE_TRUST_ANCHORS_PEM: ca, SIGNATURE_REQUIRE_REVOCATION: "true" }, dataDir, nodeEnv: "production" });
    assert.deepEqual([fromText.demo, fromText.source, fromText.trust.requireRevocationCheck], [false, "SIGNATURE_TRUST_ANCHORS_PEM", true]);
    const file = path.join(dataDir, "ca.pem");
    fs.writeFileSync(file, ca);
    assert.equal(loadSignatureTrust({ env: { SIGNATURE_TRUST_ANCHORS_PATH: file }, dataDir, nodeEnv: "production" }).source, "SIGNATURE_TRUST_ANCHORS_PATH");
    assert.throws(() => loadSignatureTrust({ env: { SIGNATURE_TRUST_ANCHORS_PATH: "/nonexistent/ca.pem" }, dataDir, nodeEnv: "production" }), /SIGNATURE_TRUST_ANCHORS_PATH: no file/);
    assert.throws(() => loadSignatureTrust({ env: { SIGNATURE_TRUST_ANCHORS_PEM: "not a certificate" }, dataDir, nodeEnv: "production" }), /must hold PEM certificates/);
    assert.throws(() => loadSignatureTrust({ env: { SIGNATURE_TRUST_ANCHORS_PEM: ca, SIGNATURE_CRL_PATHS: "/nonexistent.crl" }, dataDir, nodeEnv: "production" }), /SIGNATURE_CRL_PATHS: no file/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
