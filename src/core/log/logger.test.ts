import { test } from "node:test";
import assert from "node:assert/strict";
import { maskUrl } from "./logger.ts";

test("masks one-time tokens in paths and personal data in query strings", () => {
  assert.equal(maskUrl("/auth/link/Qm9ndXMtdG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA"), "/auth/link/***");
  assert.equal(maskUrl("/auth/reset/Qm9ndXMtdG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA?x=1"), "/auth/reset/***?x=1");
  assert.equal(maskUrl("/auth/sign-in?next=%2Fmy&email=a%40b.jp"), "/auth/sign-in?next=***&email=***");
  // Ordinary ids (uuids) and slugs stay readable.
  assert.equal(maskUrl("/drafts/0b6b3a8e-5d4c-4a7e-9f1e-2c3d4e5f6a7b/pages/x"), "/drafts/0b6b3a8e-5d4c-4a7e-9f1e-2c3d4e5f6a7b/pages/x");
  assert.equal(maskUrl("/procedures/residence-certificate"), "/procedures/residence-certificate");
});
