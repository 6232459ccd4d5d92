import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { canonicalApplicationBytes, canonicalJson } from "./canonical.ts";
import { createTestPki } from "./testing/test-pki.ts";
import { verifyCms } from "./verify-cms.ts";

describe("canonicalApplicationBytes", () => {
  it("sorts keys at every level and writes no whitespace", () => {
    const bytes = canonicalApplicationBytes({ b: 1, a: ["x", true, null, { z: 0, y: -1.5 }] });
    assert.equal(Buffer.from(bytes).toString("utf8"), '{"a":["x",true,null,{"y":-1.5,"z":0}],"b":1}');
  });

  it("gives the same bytes whatever the insertion order", () => {
    const one = canonicalApplicationBytes({ procedure: "juminhyo", answers: { 氏名: "大阪 太郎", 住所: "北区", copies: 2 } });
    const two = canonicalApplicationBytes({ answers: { copies: 2, 住所: "北区", 氏名: "大阪 太郎" }, procedure: "juminhyo" });
    assert.deepEqual(one, two);
  });

  it("is UTF-8 and escapes like JSON.stringify", () => {
    const bytes = canonicalApplicationBytes({ name: "大阪\n\"x\"\u0001" });
    assert.equal(Buffer.from(bytes).toString("utf8"), '{"name":"大阪\\n\\"x\\"\\u0001"}');
    assert.equal(bytes[0], 0x7b, "no BOM");
  });

  it("orders keys by UTF-16 code units (RFC 8785)", () => {
    assert.equal(canonicalJson({ "\u00e9": 1, z: 2, A: 3, "10": 4, "9": 5 }), '{"10":4,"9":5,"A":3,"z":2,"é":1}');
  });

  it("writes numbers as ECMAScript does and leaves out undefined members", () => {
    assert.equal(canonicalJson({ a: 1e21, b: 0.1, c: -0, d: undefined }), '{"a":1e+21,"b":0.1,"c":0}');
  });

  it("refuses values that have no single JSON form", () => {
    for (const value of [NaN, Infinity, 10n, new Date(0), new Map(), [undefined], () => 1, Symbol("x")]) {
      assert.throws(() => canonicalApplicationBytes({ value }), TypeError, String(value));
    }
  });

  it("is what a device signs: a detached openssl signature over it verifies", async () => {
    const pki = createTestPki();
    try {
      const signed = canonicalApplicationBytes({ procedure: "juminhyo", answers: { 氏名: "大阪 太郎", copies: 1 } });
      const signature = pki.sign({ signer: pki.signer, content: signed });
      const received = canonicalApplicationBytes({ answers: { copies: 1, 氏名: "大阪 太郎" }, procedure: "juminhyo" });
      const result = await verifyCms({ signature, content: received, trustAnchors: readFileSync(pki.root.cert) });
      assert.equal(result.valid, true);
      const changed = canonicalApplicationBytes({ answers: { copies: 2, 氏名: "大阪 太郎" }, procedure: "juminhyo" });
      const rejected = await verifyCms({ signature, content: changed, trustAnchors: readFileSync(pki.root.cert) });
      assert.equal(rejected.valid ? undefined : rejected.reason, "content_mismatch");
    } finally {
      pki.dispose();
    }
  });
});
