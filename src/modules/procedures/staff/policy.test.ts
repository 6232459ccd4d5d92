import { test } from "node:test";
import assert from "node:assert/strict";
import type { Actor } from "../../../core/http/actor.ts";
import { isAppError } from "../../../core/http/errors.ts";
import { isMoveBack, reasonRequired, statusFormChoices } from "../commands/staff-change-status.ts";
import { canBeAssigned, caseOrNotFound, canHandleCase, isUuid, pickDepartment } from "./policy.ts";
import { fileAnswers } from "./views/case.ts";
import { formatCsvDateTime, formatDateTime } from "./views/format.ts";
import { asDate } from "./queries.ts";

function actor(kind: "staff" | "resident", departments: string[]): Actor {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    kind,
    email: "x@example.jp",
    displayName: "x",
    roles: departments.map((departmentCode) => ({ departmentCode, role: "clerk" as const })),
    sessionTokenHash: "",
  };
}

const notFound = (error: unknown) => isAppError(error) && error.code === "not_found";

test("staff handle only their departments' cases; others look like cases that do not exist", () => {
  const ward = actor("staff", ["ward-counter"]);
  assert.equal(canHandleCase(ward, { departmentCode: "ward-counter" }), true);
  assert.equal(canHandleCase(ward, { departmentCode: "welfare" }), false);
  assert.equal(canHandleCase(actor("resident", []), { departmentCode: "ward-counter" }), false);
  assert.deepEqual(caseOrNotFound(ward, { departmentCode: "ward-counter", id: 1 }), { departmentCode: "ward-counter", id: 1 });
  assert.throws(() => caseOrNotFound(ward, { departmentCode: "welfare" }), notFound);
  assert.throws(() => caseOrNotFound(ward, null), notFound);
});

test("the inbox department: the one asked for if handled (else 404), by default the first", () => {
  const both = actor("staff", ["welfare", "children"]);
  assert.equal(pickDepartment(both, undefined), "children");
  assert.equal(pickDepartment(both, "welfare"), "welfare");
  assert.throws(() => pickDepartment(both, "ward-counter"), notFound);
  assert.equal(pickDepartment(actor("staff", []), undefined), null);
});

test("a case may be assigned only to staff of its department", () => {
  assert.equal(canBeAssigned({ departmentCodes: ["welfare"] }, { departmentCode: "welfare" }), true);
  assert.equal(canBeAssigned({ departmentCodes: ["children"] }, { departmentCode: "welfare" }), false);
});

test("ids in URLs must be UUIDs", () => {
  assert.equal(isUuid("6dac0959-8be2-4bbc-9c62-a1e9baa28d7d"), true);
  for (const junk of ["", "1", "6dac0959-8be2-4bbc-9c62-a1e9baa28d7", "' OR 1=1 --", undefined]) assert.equal(isUuid(junk), false);
});

test("status form: the machine's edges except 補正依頼; a reason for rejections and moves back", () => {
  assert.deepEqual(statusFormChoices("received"), ["reviewing", "rejected"]);
  assert.deepEqual(statusFormChoices("reviewing"), ["approved", "rejected"]);
  assert.deepEqual(statusFormChoices("correction_requested"), ["reviewing", "rejected"]);
  assert.deepEqual(statusFormChoices("approved"), []);
  assert.equal(isMoveBack("correction_requested", "reviewing"), true);
  assert.equal(isMoveBack("received", "reviewing"), false);
  assert.equal(reasonRequired("reviewing", "rejected"), true);
  assert.equal(reasonRequired("correction_requested", "reviewing"), true);
  assert.equal(reasonRequired("received", "reviewing"), false);
  assert.equal(reasonRequired("reviewing", "approved"), false);
});

test("file answers are found at the top level and inside repeating groups", () => {
  const a = { fileId: "a", name: "a.pdf", size: 1, kind: "pdf" as const };
  const b = { fileId: "b", name: "b.png", size: 2, kind: "png" as const };
  assert.deepEqual(fileAnswers({ doc: a, children: [{ name: "x", photo: b }], note: "text" }), [a, b]);
});

test("times are shown in Japan time", () => {
  assert.equal(formatCsvDateTime(new Date("2026-01-01T15:04:00Z")), "2026/01/02 00:04");
  assert.equal(formatDateTime(new Date("2026-11-26T05:00:00Z"), "ja"), "2026年11月26日 14:00");
  assert.equal(formatDateTime(new Date("2026-11-26T05:00:00Z"), "en"), "26 November 2026, 14:00");
  assert.equal(asDate("2026-11-26 06:35:32.375322+00").toISOString(), "2026-11-26T06:35:32.375Z");
  assert.equal(asDate("2026-11-26 15:35:32+09").toISOString(), "2026-11-26T06:35:32.000Z");
});
