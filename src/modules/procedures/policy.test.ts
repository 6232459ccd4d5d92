import { test } from "node:test";
import assert from "node:assert/strict";
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { canCorrect, canWithdraw, isOwner, ownedOrNotFound } from "./policy.ts";

const resident = (id: string): Actor => ({ id, kind: "resident", email: `${id}@example.jp`, displayName: id, roles: [], sessionTokenHash: "x" });
const staff: Actor = { id: "s", kind: "staff", email: "s@example.jp", displayName: "s", roles: [{ departmentCode: "ward-counter", role: "manager" }], sessionTokenHash: "y" };

test("a resident owns their drafts, applications and files, and nothing of others", () => {
  assert.equal(isOwner(resident("a"), { userId: "a" }), true);
  assert.equal(isOwner(resident("a"), { ownerId: "a" }), true);
  assert.equal(isOwner(resident("b"), { userId: "a" }), false);
  assert.equal(isOwner(resident("b"), { ownerId: "a" }), false);
  // Staff never own resident data through these rules, even with the same id.
  assert.equal(isOwner({ ...staff, id: "a" }, { userId: "a" }), false);
});

test("someone else's thing is the same 404 as a missing one", () => {
  const missing = () => ownedOrNotFound(resident("b"), null, "draft.not_found");
  const others = () => ownedOrNotFound(resident("b"), { userId: "a" }, "draft.not_found");
  for (const attempt of [missing, others]) {
    assert.throws(attempt, (error: unknown) => error instanceof AppError && error.code === "not_found" && error.reason === "draft.not_found");
  }
  assert.deepEqual(ownedOrNotFound(resident("a"), { userId: "a" }, "x"), { userId: "a" });
});

test("withdrawing while undecided, correcting only when asked", () => {
  const a = resident("a");
  for (const status of ["received", "reviewing", "correction_requested"] as const) assert.equal(canWithdraw(a, { userId: "a", status }), true, status);
  for (const status of ["approved", "rejected", "withdrawn"] as const) assert.equal(canWithdraw(a, { userId: "a", status }), false, status);
  assert.equal(canWithdraw(resident("b"), { userId: "a", status: "received" }), false);
  assert.equal(canCorrect(a, { userId: "a", status: "correction_requested" }), true);
  assert.equal(canCorrect(a, { userId: "a", status: "reviewing" }), false);
  assert.equal(canCorrect(resident("b"), { userId: "a", status: "correction_requested" }), false);
});
