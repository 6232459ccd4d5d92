import { test } from "node:test";
import assert from "node:assert/strict";
import { hashPassword, needsRehash, verifyPassword } from "./password.ts";

test("hashes carry their parameters: scrypt$N$r$p$salt$hash", async () => {
  const stored = await hashPassword("correct horse battery");
  assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(await hashPassword("correct horse battery"), stored, "a fresh salt every time");
  assert.equal(needsRehash(stored), false);
});

test("verifies the right password and refuses others", async () => {
  const stored = await hashPassword("パスワード１２３４５");
  assert.equal(await verifyPassword("パスワード１２３４５", stored), true);
  assert.equal(await verifyPassword("パスワード12345", stored), false);
  assert.equal(await verifyPassword("", stored), false);
});

test("a weaker or broken stored hash never verifies by accident", async () => {
  assert.equal(await verifyPassword("x", null), false);
  assert.equal(await verifyPassword("x", "plain-text"), false);
  assert.equal(await verifyPassword("x", "scrypt$1073741824$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"), false, "absurd N refused without allocating");
  const stored = await hashPassword("a-password-here");
  const weaker = stored.replace("scrypt$32768$", "scrypt$16384$");
  assert.equal(needsRehash(weaker), true);
  assert.equal(await verifyPassword("a-password-here", weaker), false, "parameters are part of the hash");
});
