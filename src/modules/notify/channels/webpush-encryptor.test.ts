import { test } from "node:test";
import assert from "node:assert/strict";
import { decryptWebPush, generateUserAgentKeys } from "./webpush-crypto.ts";
import { workerEncryptor } from "./webpush-encryptor.ts";

test("every body decrypts with its own subscription's key, in order; unusable keys say why", async () => {
  const encryptor = workerEncryptor();
  try {
    const browsers = [generateUserAgentKeys(), generateUserAgentKeys(), generateUserAgentKeys()];
    const broken = { p256dh: Buffer.alloc(65, 1).toString("base64url"), auth: "c2hvcnQ" };
    const results = await encryptor.encrypt('{"title":"避難指示"}', [browsers[0]!, broken, browsers[1]!, browsers[2]!]);
    assert.equal(results.length, 4);
    assert.match(String(results[1]), /auth secret must be 16 bytes/);
    for (const [i, browser] of [[0, browsers[0]!], [2, browsers[1]!], [3, browsers[2]!]] as const) {
      assert.ok(Buffer.isBuffer(results[i]), `result ${i} is a body`);
      assert.equal(decryptWebPush(results[i] as Buffer, browser), '{"title":"避難指示"}');
    }
    // Batches in flight at once each get their own answers.
    const [a, b] = await Promise.all([encryptor.encrypt("a", [browsers[0]!]), encryptor.encrypt("b", [browsers[1]!])]);
    assert.equal(decryptWebPush(a[0] as Buffer, browsers[0]!), "a");
    assert.equal(decryptWebPush(b[0] as Buffer, browsers[1]!), "b");
  } finally {
    await encryptor.close();
  }
});

test("worker thread: after it is closed, a request fails instead of waiting forever", async () => {
  const encryptor = workerEncryptor();
  await encryptor.close();
  await assert.rejects(encryptor.encrypt("x", [generateUserAgentKeys()]), /worker exited/);
});
