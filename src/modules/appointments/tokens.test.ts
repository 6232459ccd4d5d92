import { test } from "node:test";
import assert from "node:assert/strict";
import { codeMatches, newCheckInToken, newEmailCode, newManageToken, isManageToken, normalizeCheckInToken, sha256 } from "./tokens.ts";

test("check-in tokens: 12 Crockford characters, read back from what staff type or scanners send", () => {
  const token = newCheckInToken();
  assert.match(token, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.equal(normalizeCheckInToken(token.toLowerCase().replace(/-/g, " ")), token);
  assert.equal(normalizeCheckInToken("ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ"), "ABCD-EFGH-JKMN");
  assert.equal(normalizeCheckInToken("abcd-efgh-jkmo"), "ABCD-EFGH-JKM0"); // O read as zero
  assert.equal(normalizeCheckInToken("ABCD-EFGH"), null);
  assert.equal(normalizeCheckInToken("ABCD-EFGH-JKMU"), null); // U is not Crockford
});

test("manage tokens are 256-bit; e-mail codes are 6 digits compared by hash", () => {
  assert.ok(isManageToken(newManageToken()));
  assert.ok(!isManageToken("short"));
  const code = newEmailCode();
  assert.match(code, /^\d{6}$/);
  assert.ok(codeMatches(code, sha256(code)));
  assert.ok(codeMatches(` ${code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`, sha256(code)), "full-width digits are accepted");
  assert.ok(!codeMatches("000000", sha256(code === "000000" ? "111111" : code)));
  assert.ok(!codeMatches(code, null));
});
