import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { parseCertificate } from "./certificate.ts";
import { jpkiDate, readJpkiIdentity } from "./jpki.ts";

/** A self-signed certificate whose subjectAltName has the given entries ("otherName:…", "DNS:…"), as DER. */
function certificateWithSan(entries: string[] | undefined): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), "machi-jpki-"));
  try {
    writeFileSync(path.join(dir, "ext.cnf"), `[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = test\n[ext]\nbasicConstraints = CA:false\n${entries ? `subjectAltName = @san\n[san]\n${entries.map((entry, i) => entry.replace(":", `.${i} = `)).join("\n")}\n` : ""}`);
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.der", "-outform", "DER", "-days", "1", "-config", "ext.cnf", "-extensions", "ext"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    return new Uint8Array(readFileSync(path.join(dir, "c.der")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("JPKI 基本4情報 in subjectAltName", () => {
  it("reads name, address, birth date and gender, whatever the string type", () => {
    const der = certificateWithSan(
      [
        "otherName:1.2.392.200149.8.5.5.1;FORMAT:UTF8,UTF8:髙橋 花子",
        "otherName:1.2.392.200149.8.5.5.3;PRINTABLESTRING:2",
        "otherName:1.2.392.200149.8.5.5.4;PRINTABLESTRING:420010203",
        "otherName:1.2.392.200149.8.5.5.5;FORMAT:UTF8,UTF8:大阪市中央区",
        `otherName:1.2.392.200149.8.5.5.6;FORMAT:HEX,OCTETSTRING:${Buffer.from("大阪市中央区", "utf8").toString("hex")}`,
        "email:hanako@example.jp",
      ],
    );
    assert.deepEqual(readJpkiIdentity(parseCertificate(der).cert), {
      name: "髙橋 花子",
      gender: "2",
      birthDate: "2001-02-03",
      address: "大阪市中央区",
      addressSubstitute: "大阪市中央区",
    });
  });

  it("is empty for a certificate without JPKI entries or without subjectAltName", () => {
    assert.deepEqual(readJpkiIdentity(parseCertificate(certificateWithSan(["DNS:example.jp"])).cert), {});
    assert.deepEqual(readJpkiIdentity(parseCertificate(certificateWithSan(undefined)).cert), {});
  });

  it("turns JPKI dates into ISO dates and leaves anything else alone", () => {
    assert.equal(jpkiDate("319800415"), "1980-04-15");
    assert.equal(jpkiDate("19800415"), "1980-04-15");
    assert.equal(jpkiDate("319800231"), "319800231");
    assert.equal(jpkiDate("3198004"), "3198004");
    assert.equal(jpkiDate("400000000"), "400000000");
  });
});
