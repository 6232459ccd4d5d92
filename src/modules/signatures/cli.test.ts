import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../cli/main.ts";
import { runSignaturesCli } from "./cli.ts";
import { createTestPki, TEST_SIGNER_IDENTITY, type TestPki } from "./testing/test-pki.ts";

let pki: TestPki;
let files: { content: string; attached: string; detached: string; pem: string; revoked: string; crl: string; tampered: string };

before(() => {
  pki = createTestPki();
  const content = Buffer.from('{"answers":{"copies":1}}');
  const detached = pki.sign({ signer: pki.signer, content });
  const tampered = Buffer.from(detached);
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 0xff;
  files = {
    content: pki.write("cli-content.json", content),
    attached: pki.write("cli-attached.p7s", pki.sign({ signer: pki.signer, content, detached: false })),
    detached: pki.write("cli-detached.p7s", detached),
    pem: pki.write("cli-detached.pem", pki.sign({ signer: pki.signer, content, outform: "PEM" })),
    revoked: pki.write("cli-revoked.p7s", pki.sign({ signer: pki.revoked, content, detached: false })),
    crl: pki.write("cli.crl", pki.crl),
    tampered: pki.write("cli-tampered.p7s", tampered),
  };
});
after(() => pki.dispose());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runSignaturesCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe("machi signatures verify", () => {
  it("exits 0 and prints valid, reason null and the signer for an attached DER signature", async () => {
    const { code, out, err } = await run("verify", "--signature", files.attached, "--trust", pki.root.cert, "--crl", files.crl);
    assert.equal(err, "");
    assert.equal(code, 0);
    const report = JSON.parse(out) as { valid: boolean; reason: unknown; signer: { name: string; address: string; birthDate: string }; revocation: string };
    assert.equal(report.valid, true);
    assert.equal(report.reason, null);
    assert.equal(report.signer.name, TEST_SIGNER_IDENTITY.name);
    assert.equal(report.signer.address, TEST_SIGNER_IDENTITY.address);
    assert.equal(report.signer.birthDate, TEST_SIGNER_IDENTITY.birthDate);
    assert.equal(report.revocation, "crl");
    assert.deepEqual(Object.keys(report).slice(0, 3), ["valid", "reason", "signer"]);
  });

  it("verifies detached DER and PEM signatures with --content", async () => {
    for (const signature of [files.detached, files.pem]) {
      const { code, out } = await run("verify", "--signature", signature, "--content", files.content, "--trust", pki.root.cert);
      assert.equal(code, 0, out);
    }
  });

  it("exits 1 with the reason when the signature is not valid", async () => {
    const cases: Array<[string[], string]> = [
      [["--signature", files.revoked, "--trust", pki.root.cert, "--crl", files.crl], "revoked"],
      [["--signature", files.detached, "--trust", pki.root.cert], "content_missing"],
      [["--signature", files.tampered, "--content", files.content, "--trust", pki.root.cert], "bad_signature"],
      [["--signature", files.attached, "--trust", pki.otherRoot.cert], "untrusted_chain"],
      [["--signature", files.content, "--trust", pki.root.cert], "malformed"],
    ];
    for (const [args, reason] of cases) {
      const { code, out } = await run("verify", ...args);
      assert.equal(code, 1, out);
      const report = JSON.parse(out) as { valid: boolean; reason: string; detail: string; signer: unknown };
      assert.equal(report.valid, false);
      assert.equal(report.reason, reason);
      assert.equal(typeof report.detail, "string");
      assert.ok("signer" in report);
    }
  });

  it("validates at --at", async () => {
    const { code, out } = await run("verify", "--signature", files.attached, "--trust", pki.root.cert, "--at", "2000-01-01T00:00:00Z");
    assert.equal(code, 1);
    assert.equal((JSON.parse(out) as { reason: string }).reason, "not_yet_valid");
  });

  it("exits 2 on bad usage or an unreadable file", async () => {
    const cases: string[][] = [
      [],
      ["check"],
      ["verify"],
      ["verify", "--signature", files.attached],
      ["verify", "--trust", pki.root.cert],
      ["verify", "--signature", files.attached, "--trust", pki.root.cert, "--bogus"],
      ["verify", "--signature", files.attached, "--trust", pki.root.cert, "extra"],
      ["verify", "--signature", files.attached, "--trust", pki.root.cert, "--at", "yesterday"],
      ["verify", "--signature", `${pki.dir}/missing.p7s`, "--trust", pki.root.cert],
    ];
    for (const args of cases) {
      const { code, out, err } = await run(...args);
      assert.equal(code, 2, `${args.join(" ")}: ${out}`);
      assert.equal(out, "");
      assert.match(err, /^machi signatures: /);
    }
  });

  it("prints help with exit 0", async () => {
    const { code, out } = await run("--help");
    assert.equal(code, 0);
    assert.match(out, /machi signatures verify/);
  });

  it("is wired into the machi CLI", async () => {
    let out = "";
    const io = { stdout: (s: string) => (out += s), stderr: () => {}, progress: () => {} };
    assert.equal(await runCli(["signatures", "verify", "--signature", files.attached, "--trust", pki.root.cert], io), 0);
    assert.equal((JSON.parse(out) as { valid: boolean }).valid, true);
    assert.equal(await runCli(["signatures", "verify"], io), 2);
  });
});
