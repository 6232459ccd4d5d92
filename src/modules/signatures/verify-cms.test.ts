import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createTestPki, TEST_SIGNER_IDENTITY, type TestPki } from "./testing/test-pki.ts";
import { verifyCms, type CmsVerification, type CmsVerified, type VerifyCmsOptions } from "./verify-cms.ts";

let pki: TestPki;
let root: Buffer;
const content = Buffer.from('{"answers":{"氏名":"大阪 太郎"},"procedure":"juminhyo"}', "utf8");

before(() => {
  pki = createTestPki();
  root = readFileSync(pki.root.cert);
});
after(() => pki.dispose());

function verifyWith(signature: Uint8Array, options: Partial<VerifyCmsOptions> = {}): Promise<CmsVerification> {
  return verifyCms({ signature, content, trustAnchors: root, crls: [pki.crl], ...options });
}

function assertValid(result: CmsVerification): asserts result is CmsVerified {
  assert.equal(result.valid, true, result.valid ? "" : `${result.reason}: ${result.detail}`);
}

function assertRejected(result: CmsVerification, reason: string, detail?: RegExp): void {
  assert.equal(result.valid, false, "expected the signature to be rejected");
  if (result.valid) return;
  assert.equal(result.reason, reason, result.detail);
  if (detail) assert.match(result.detail, detail);
}

describe("verifyCms: signatures made by openssl cms -sign", () => {
  it("verifies an attached DER signature (-nodetach) and reads the JPKI 基本4情報", async () => {
    const signature = pki.sign({ signer: pki.signer, content, detached: false });
    const result = await verifyCms({ signature, trustAnchors: root, crls: [pki.crl] });
    assertValid(result);
    assert.equal(result.detached, false);
    assert.equal(result.digestAlgorithm, "SHA-256");
    assert.equal(result.signatureAlgorithm, "rsassa-pkcs1-v1_5");
    assert.equal(result.revocation, "crl");
    assert.deepEqual(result.chain, ["CN=JPKI Test Signer 0001,L=Osaka-shi,C=JP", "CN=Machi Test Signing CA,O=Machi Test,C=JP", "CN=Machi Test Root CA,O=Machi Test,C=JP"]);
    const { signer } = result;
    assert.equal(signer.name, TEST_SIGNER_IDENTITY.name);
    assert.equal(signer.nameSubstitute, TEST_SIGNER_IDENTITY.nameSubstitute);
    assert.equal(signer.address, TEST_SIGNER_IDENTITY.address);
    assert.equal(signer.birthDate, TEST_SIGNER_IDENTITY.birthDate);
    assert.equal(signer.gender, TEST_SIGNER_IDENTITY.gender);
    assert.equal(signer.commonName, "JPKI Test Signer 0001");
    assert.deepEqual(signer.subjectParts, [
      { type: "C", value: "JP" },
      { type: "L", value: "Osaka-shi" },
      { type: "CN", value: "JPKI Test Signer 0001" },
    ]);
    assert.equal(signer.serialNumber, pki.signer.serialHex);
    assert.equal(signer.issuer, "CN=Machi Test Signing CA,O=Machi Test,C=JP");
    assert.ok(Date.parse(signer.notBefore) < Date.now() && Date.parse(signer.notAfter) > Date.now());
    assert.match(signer.certificateSha256, /^[0-9a-f]{64}$/);
    assert.ok(result.signingTime && Math.abs(Date.parse(result.signingTime) - Date.now()) < 120_000, "signingTime is the time of signing");
    assert.equal(result.validatedAt, result.signingTime, "validated at the signing time");
  });

  it("verifies a detached DER signature with the content given separately", async () => {
    const result = await verifyWith(pki.sign({ signer: pki.signer, content }));
    assertValid(result);
    assert.equal(result.detached, true);
  });

  it("verifies PEM output, detached and attached", async () => {
    const detached = pki.sign({ signer: pki.signer, content, outform: "PEM" });
    assert.match(detached.toString("latin1"), /^-----BEGIN CMS-----/);
    assertValid(await verifyWith(detached));
    assertValid(await verifyCms({ signature: pki.sign({ signer: pki.signer, content, outform: "PEM", detached: false }), trustAnchors: root }));
  });

  it("verifies RSASSA-PSS (-keyopt rsa_padding_mode:pss)", async () => {
    const result = await verifyWith(pki.sign({ signer: pki.signer, content, pss: true }));
    assertValid(result);
    assert.equal(result.signatureAlgorithm, "rsassa-pss");
  });

  it("verifies SHA-512 and a signature without signed attributes (-noattr)", async () => {
    const sha512 = await verifyWith(pki.sign({ signer: pki.signer, content, md: "sha512" }));
    assertValid(sha512);
    assert.equal(sha512.digestAlgorithm, "SHA-512");
    const bare = await verifyWith(pki.sign({ signer: pki.signer, content, noAttributes: true }));
    assertValid(bare);
    assert.equal(bare.signingTime, undefined);
  });

  it("refuses SHA-1", async () => {
    assertRejected(await verifyWith(pki.sign({ signer: pki.signer, content, md: "sha1" })), "unsupported_algorithm", /SHA-1/);
  });
});

describe("verifyCms: tampering", () => {
  it("a changed byte of detached content is content_mismatch", async () => {
    const signature = pki.sign({ signer: pki.signer, content });
    const changed = Buffer.from(content);
    changed[3] = (changed[3] as number) ^ 0x01;
    assertRejected(await verifyWith(signature, { content: changed }), "content_mismatch", /messageDigest/);
  });

  it("a changed byte of attached content is content_mismatch", async () => {
    const signature = pki.sign({ signer: pki.signer, content, detached: false });
    const at = signature.indexOf(content);
    assert.ok(at > 0, "content is inside the DER");
    const tampered = Buffer.from(signature);
    tampered[at + 5] = (tampered[at + 5] as number) ^ 0x20;
    assertRejected(await verifyCms({ signature: tampered, trustAnchors: root }), "content_mismatch");
  });

  it("attached content that differs from the given content is content_mismatch", async () => {
    const signature = pki.sign({ signer: pki.signer, content, detached: false });
    assertRejected(await verifyWith(signature, { content: Buffer.from("something else") }), "content_mismatch", /attached/);
  });

  it("a changed byte of the signature value is bad_signature", async () => {
    const signature = Buffer.from(pki.sign({ signer: pki.signer, content }));
    const last = signature.length - 1;
    signature[last] = (signature[last] as number) ^ 0x01;
    assertRejected(await verifyWith(signature), "bad_signature");
  });

  it("content changed under a signature without signed attributes is bad_signature", async () => {
    const signature = pki.sign({ signer: pki.signer, content, noAttributes: true });
    assertRejected(await verifyWith(signature, { content: Buffer.concat([content, Buffer.from(" ")]) }), "bad_signature");
  });

  it("a changed byte inside the signer certificate (its address) breaks the chain", async () => {
    const signature = pki.sign({ signer: pki.signer, content });
    const address = Buffer.from(TEST_SIGNER_IDENTITY.address, "utf8");
    const at = signature.indexOf(address);
    assert.ok(at > 0);
    const tampered = Buffer.from(signature);
    tampered.write("京", at, "utf8"); // 大 → 京: same length in UTF-8
    const result = await verifyWith(tampered);
    assertRejected(result, "untrusted_chain", /does not verify/);
    assert.equal(result.valid ? undefined : result.signer?.address?.startsWith("京"), true, "the claimed signer is shown");
  });

  it("a detached signature without content is content_missing", async () => {
    assertRejected(await verifyCms({ signature: pki.sign({ signer: pki.signer, content }), trustAnchors: root }), "content_missing");
  });
});

describe("verifyCms: trust", () => {
  it("refuses a signature when the trust anchor is an unrelated CA", async () => {
    assertRejected(await verifyWith(pki.sign({ signer: pki.signer, content }), { trustAnchors: readFileSync(pki.otherRoot.cert), crls: [] }), "untrusted_chain");
  });

  it("refuses a signer certified by an unrelated CA", async () => {
    assertRejected(await verifyWith(pki.sign({ signer: pki.otherSigner, content, certfile: null }), { crls: [] }), "untrusted_chain", /Unrelated Root CA/);
  });

  it("refuses an impostor root with the same name but another key", async () => {
    pki.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "impostor.key", "-out", "impostor.pem", "-days", "30", "-config", "root.cnf", "-extensions", "v3_root", "-subj", "/C=JP/O=Machi Test/CN=Machi Test Root CA"]);
    const impostor = readFileSync(`${pki.dir}/impostor.pem`);
    assertRejected(await verifyWith(pki.sign({ signer: pki.signer, content }), { trustAnchors: impostor, crls: [] }), "untrusted_chain", /does not verify/);
  });

  it("accepts any anchor of a PEM bundle, and an intermediate as anchor", async () => {
    const signature = pki.sign({ signer: pki.signer, content });
    const bundle = `${readFileSync(pki.otherRoot.cert, "utf8")}${readFileSync(pki.root.cert, "utf8")}`;
    assertValid(await verifyWith(signature, { trustAnchors: bundle }));
    const viaIntermediate = await verifyWith(signature, { trustAnchors: readFileSync(pki.intermediate.cert) });
    assertValid(viaIntermediate);
    assert.equal(viaIntermediate.chain.length, 2);
  });

  it("accepts DER trust anchors", async () => {
    const der = pki.openssl(["x509", "-in", pki.root.cert, "-outform", "DER"]);
    assertValid(await verifyWith(pki.sign({ signer: pki.signer, content }), { trustAnchors: [der] }));
  });

  it("needs the intermediate, from the signature or given separately", async () => {
    const signature = pki.sign({ signer: pki.signer, content, certfile: null });
    assertRejected(await verifyWith(signature), "untrusted_chain", /Machi Test Signing CA/);
    assertValid(await verifyWith(signature, { intermediates: readFileSync(pki.intermediate.cert) }));
  });

  it("refuses a path through a certificate that is not a CA", async () => {
    // The signer certificate (CA:false) pretends to be the issuer of a certificate it signed.
    pki.write("leaf-issued.ext", "basicConstraints = critical, CA:false\nkeyUsage = critical, digitalSignature\n");
    pki.openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf-issued.key", "-out", "leaf-issued.csr", "-subj", "/CN=Issued By A Leaf"]);
    pki.openssl(["x509", "-req", "-in", "leaf-issued.csr", "-CA", pki.signer.cert, "-CAkey", pki.signer.key, "-set_serial", "5", "-days", "30", "-sha256", "-extfile", "leaf-issued.ext", "-out", "leaf-issued.pem"]);
    const leaf = { cert: `${pki.dir}/leaf-issued.pem`, key: `${pki.dir}/leaf-issued.key`, serialHex: "05" };
    const signature = pki.sign({ signer: leaf, content, certfile: pki.write("chain.pem", `${readFileSync(pki.signer.cert, "utf8")}${readFileSync(pki.intermediate.cert, "utf8")}`) });
    assertRejected(await verifyWith(signature, { crls: [] }), "untrusted_chain", /not a CA/);
  });
});

describe("verifyCms: validity, key usage and revocation", () => {
  it("refuses an expired signer certificate", async () => {
    assertRejected(await verifyWith(pki.sign({ signer: pki.expired, content })), "expired", /2021-01-01/);
  });

  it("refuses a certificate not yet valid", async () => {
    assertRejected(await verifyWith(pki.sign({ signer: pki.future, content })), "not_yet_valid", /2099/);
  });

  it("judges every certificate of the path at `at` when given (shell model)", async () => {
    const hourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    const result = await verifyWith(pki.sign({ signer: pki.signer, content }), { at: hourAgo });
    assertValid(result);
    assert.equal(result.validatedAt, hourAgo.toISOString());
    // In 2020 the expired signer was valid, but its CAs did not exist yet.
    assertRejected(await verifyWith(pki.sign({ signer: pki.expired, content }), { at: new Date("2020-06-01T00:00:00Z") }), "not_yet_valid", /Machi Test Signing CA/);
  });

  it("refuses a signing time in the future of the real clock", async () => {
    const signature = pki.sign({ signer: pki.signer, content });
    assertRejected(await verifyWith(signature, { now: new Date(Date.now() - 3600_000), crls: [] }), "not_yet_valid", /future/);
  });

  it("refuses a signer certificate without digitalSignature or nonRepudiation", async () => {
    assertRejected(await verifyWith(pki.sign({ signer: pki.noSigning, content })), "bad_key_usage", /keyEncipherment/);
  });

  it("refuses a certificate revoked for key compromise, even for an earlier validation time", async () => {
    const signature = pki.sign({ signer: pki.revoked, content });
    assertRejected(await verifyWith(signature), "revoked", /keyCompromise/);
    assertRejected(await verifyWith(signature, { at: new Date(Date.now() - 3600_000) }), "revoked");
  });

  it("a routine revocation counts only from its date", async () => {
    const signature = pki.sign({ signer: pki.superseded, content });
    assertRejected(await verifyWith(signature), "revoked", /superseded/);
    assertValid(await verifyWith(signature, { at: new Date(Date.now() - 3600_000) }));
  });

  it("reads PEM and DER CRLs", async () => {
    const signature = pki.sign({ signer: pki.revoked, content });
    const der = pki.openssl(["crl", "-outform", "DER"], pki.crl);
    assertRejected(await verifyWith(signature, { crls: [der] }), "revoked");
    assertRejected(await verifyWith(signature, { crls: Buffer.from(pki.crl) }), "revoked");
  });

  it("refuses a CRL that is out of date, tampered or unreadable", async () => {
    const signature = pki.sign({ signer: pki.signer, content });
    const shortLived = pki.generateCrl({ crlHours: 1 });
    assertValid(await verifyWith(signature, { crls: [shortLived] }));
    assertRejected(await verifyWith(signature, { crls: [shortLived], now: new Date(Date.now() + 2 * 3600_000) }), "crl_invalid", /out of date/);
    const der = Buffer.from(pki.openssl(["crl", "-outform", "DER"], pki.crl));
    der[der.length - 1] = (der[der.length - 1] as number) ^ 0x01;
    assertRejected(await verifyWith(signature, { crls: [der] }), "crl_invalid", /not signed/);
    assertRejected(await verifyWith(signature, { crls: [Buffer.from("not a CRL at all")] }), "crl_invalid");
  });

  it("says revocation_unknown when no supplied CRL is from the signer's issuer", async () => {
    const rootCrl = pki.generateCrl({ ca: "root" });
    const signature = pki.sign({ signer: pki.signer, content });
    assertRejected(await verifyWith(signature, { crls: [rootCrl] }), "revocation_unknown", /Machi Test Signing CA/);
    // The root's CRL is used for the intermediate: both together are fine.
    assertValid(await verifyWith(signature, { crls: [rootCrl, pki.crl] }));
  });

  it("does not check revocation unless asked, and can be told to insist", async () => {
    const signature = pki.sign({ signer: pki.revoked, content });
    const unchecked = await verifyWith(signature, { crls: [] });
    assertValid(unchecked);
    assert.equal(unchecked.revocation, "not_checked");
    assertRejected(await verifyWith(signature, { crls: [], requireRevocationCheck: true }), "revocation_unknown");
  });
});

describe("verifyCms: malformed input", () => {
  const cases: Array<[string, Uint8Array]> = [
    ["garbage", Buffer.from("this is not a signature")],
    ["empty input", new Uint8Array()],
    ["random bytes", Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256))],
    ["a truncated signature", Buffer.from("3082ffff06092a864886f70d010702", "hex")],
    ["a PEM block of the wrong kind", Buffer.from("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")],
  ];
  for (const [name, signature] of cases) {
    it(`${name} is malformed`, async () => {
      assertRejected(await verifyWith(signature), "malformed");
    });
  }

  it("a certificate is not a signature", async () => {
    assertRejected(await verifyWith(pki.openssl(["x509", "-in", pki.signer.cert, "-outform", "DER"])), "malformed");
  });

  it("a signature with trailing bytes is malformed", async () => {
    const signature = pki.sign({ signer: pki.signer, content });
    assertRejected(await verifyWith(Buffer.concat([signature, Buffer.from([0])])), "malformed");
  });
});
