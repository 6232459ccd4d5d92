import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createTestPki, type IssuedCertificate, type OcspRespondOptions, type TestPki } from "../testing/test-pki.ts";
import { verifyCms, type CmsVerification } from "../verify-cms.ts";
import type { OcspTransport } from "./ocsp.ts";

let pki: TestPki;
let root: Buffer;
const content = Buffer.from("申請データ", "utf8");

before(() => {
  pki = createTestPki();
  root = readFileSync(pki.root.cert);
});
after(() => pki.dispose());

/** A transport that answers like `openssl ocsp` would, without a network. */
function localResponder(options: OcspRespondOptions = {}): OcspTransport {
  return async (request) => new Uint8Array(pki.ocspRespond(request, options));
}

function verifyWithOcsp(signer: IssuedCertificate, transport: OcspTransport, extra: { crls?: string[] } = {}): Promise<CmsVerification> {
  return verifyCms({ signature: pki.sign({ signer, content }), content, trustAnchors: root, ocsp: { fetch: transport }, ...extra });
}

function reasonOf(result: CmsVerification): string | undefined {
  return result.valid ? undefined : result.reason;
}

describe("OCSP (openssl ocsp as the responder)", () => {
  it("accepts a good status from the delegated responder", async () => {
    const result = await verifyWithOcsp(pki.signer, localResponder());
    assert.equal(result.valid, true, result.valid ? "" : result.detail);
    assert.equal(result.valid && result.revocation, "ocsp");
  });

  it("accepts a response signed by the issuing CA itself", async () => {
    const result = await verifyWithOcsp(pki.signer, localResponder({ signer: pki.intermediate }));
    assert.equal(result.valid, true, result.valid ? "" : result.detail);
  });

  it("reports a revoked certificate", async () => {
    const result = await verifyWithOcsp(pki.revoked, localResponder());
    assert.equal(reasonOf(result), "revoked");
    assert.match(result.valid ? "" : result.detail, /keyCompromise \[OCSP\]/);
  });

  it("says revocation_unknown when the responder does not know the certificate", async () => {
    assert.equal(reasonOf(await verifyWithOcsp(pki.unlisted, localResponder())), "revocation_unknown");
  });

  it("refuses a response signed by a certificate the CA did not authorise", async () => {
    const result = await verifyWithOcsp(pki.signer, localResponder({ signer: pki.otherSigner }));
    assert.equal(reasonOf(result), "revocation_unknown");
    assert.match(result.valid ? "" : result.detail, /not issued by/);
  });

  it("refuses a response signed by an end-entity of the CA without OCSPSigning", async () => {
    const result = await verifyWithOcsp(pki.signer, localResponder({ signer: pki.superseded }));
    assert.equal(reasonOf(result), "revocation_unknown");
    assert.match(result.valid ? "" : result.detail, /OCSPSigning/);
  });

  it("refuses a tampered response", async () => {
    const transport: OcspTransport = async (request) => {
      const response = Buffer.from(pki.ocspRespond(request));
      const at = response.indexOf(Buffer.from([0x80, 0x00])); // certStatus good [0] NULL
      assert.ok(at > 0);
      response[at] = 0x82; // → unknown; the signature no longer matches
      return response;
    };
    const result = await verifyWithOcsp(pki.signer, transport);
    assert.equal(reasonOf(result), "revocation_unknown");
    assert.match(result.valid ? "" : result.detail, /signature does not verify/);
  });

  it("refuses a replayed response (nonce of another request)", async () => {
    let old: Uint8Array | undefined;
    await verifyWithOcsp(pki.signer, async (request) => {
      old = new Uint8Array(pki.ocspRespond(request));
      return old;
    });
    const result = await verifyWithOcsp(pki.signer, async () => old as Uint8Array);
    assert.equal(reasonOf(result), "revocation_unknown");
    assert.match(result.valid ? "" : result.detail, /nonce/);
  });

  it("says revocation_unknown on transport failure or garbage, and falls back to a CRL", async () => {
    const broken: OcspTransport = async () => {
      throw new Error("connection refused");
    };
    const failed = await verifyWithOcsp(pki.signer, broken);
    assert.equal(reasonOf(failed), "revocation_unknown");
    assert.match(failed.valid ? "" : failed.detail, /connection refused/);
    assert.equal(reasonOf(await verifyWithOcsp(pki.signer, async () => new Uint8Array([1, 2, 3]))), "revocation_unknown");
    const fallback = await verifyWithOcsp(pki.signer, broken, { crls: [pki.crl] });
    assert.equal(fallback.valid && fallback.revocation, "crl");
  });

  it("a revoked status in the CRL wins over a stale good OCSP answer", async () => {
    // A responder whose database has not yet caught up with the revocation.
    const index = readFileSync(`${pki.dir}/intermediate-ca/index.txt`, "utf8");
    const stale = index.replace(new RegExp(`^R\\t(\\S+)\\t[^\\t]*\\t(${pki.revoked.serialHex}\\t)`, "mi"), "V\t$1\t\t$2");
    assert.notEqual(stale, index);
    pki.write("stale-index.txt", stale);
    const staleResponder = localResponder({ index: "stale-index.txt" });
    const ocspOnly = await verifyWithOcsp(pki.revoked, staleResponder);
    assert.equal(ocspOnly.valid && ocspOnly.revocation, "ocsp", "the stale responder says good");
    assert.equal(reasonOf(await verifyWithOcsp(pki.revoked, staleResponder, { crls: [pki.crl] })), "revoked");
  });

  it("speaks HTTP POST to a running `openssl ocsp` responder", async () => {
    const { url, child } = await startResponder();
    try {
      const result = await verifyCms({ signature: pki.sign({ signer: pki.signer, content }), content, trustAnchors: root, ocsp: { url } });
      assert.equal(result.valid, true, result.valid ? "" : result.detail);
      assert.equal(result.valid && result.revocation, "ocsp");
    } finally {
      child.kill();
    }
  });
});

async function startResponder(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    "openssl",
    ["ocsp", "-port", "0", "-index", "intermediate-ca/index.txt", "-CA", "intermediate.pem", "-rsigner", pki.ocspResponder.cert, "-rkey", pki.ocspResponder.key, "-rmd", "sha256", "-ndays", "1"],
    { cwd: pki.dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  const port = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /ACCEPT .*:(\d+)/.exec(seen);
      if (match) resolve(match[1] as string);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`openssl ocsp exited (${code}): ${seen}`)));
    setTimeout(() => reject(new Error(`openssl ocsp did not start: ${seen}`)), 10_000).unref();
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}
