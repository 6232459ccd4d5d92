import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../core/http/actor.ts";
import {
  assertResident,
  canHandleDepartment,
  hasDepartmentRole,
  requireDepartmentStaff,
  requireResident,
  requireStaff,
  staffDepartmentCodes,
} from "./policy.ts";

const resident: Actor = { id: "r1", kind: "resident", email: "r@example.jp", displayName: "大阪 花子", roles: [], sessionTokenHash: "h1" };
const kitaClerk: Actor = {
  id: "s1",
  kind: "staff",
  email: "s@example.jp",
  displayName: "天満 桜",
  roles: [{ departmentCode: "271021", role: "clerk" }],
  sessionTokenHash: "h2",
};
const manager: Actor = {
  id: "s2",
  kind: "staff",
  email: "m@example.jp",
  displayName: "中島 健太",
  roles: [
    { departmentCode: "271039", role: "manager" },
    { departmentCode: "271021", role: "clerk" },
  ],
  sessionTokenHash: "h3",
};

const as = (actor: Actor | null) => ({ actor }) as FastifyRequest;

describe("requireResident", () => {
  test("returns the signed-in resident", () => assert.equal(requireResident(as(resident)), resident));
  test("nobody signed in → unauthenticated", () => assert.throws(() => requireResident(as(null)), { code: "unauthenticated" }));
  test("staff → forbidden", () => assert.throws(() => requireResident(as(kitaClerk)), { code: "forbidden" }));
  test("the same rule for commands (assertResident)", () => assert.throws(() => assertResident(undefined), { code: "unauthenticated" }));
});

describe("requireStaff", () => {
  test("returns the signed-in staff member", () => assert.equal(requireStaff(as(kitaClerk)), kitaClerk));
  test("nobody signed in → unauthenticated", () => assert.throws(() => requireStaff(as(null)), { code: "unauthenticated" }));
  test("a resident calling a staff check → forbidden", () => assert.throws(() => requireStaff(as(resident)), { code: "forbidden" }));
});

describe("departments", () => {
  test("staffDepartmentCodes lists each department once; none for residents and nobody", () => {
    assert.deepEqual(staffDepartmentCodes(manager), ["271021", "271039"]);
    assert.deepEqual(staffDepartmentCodes(kitaClerk), ["271021"]);
    assert.deepEqual(staffDepartmentCodes(resident), []);
    assert.deepEqual(staffDepartmentCodes(null), []);
  });

  test("canHandleDepartment: own department yes, another department no", () => {
    assert.equal(canHandleDepartment(kitaClerk, "271021"), true);
    assert.equal(canHandleDepartment(kitaClerk, "271039"), false, "staff of another department");
    assert.equal(canHandleDepartment(resident, "271021"), false, "a resident handles no department");
    assert.equal(canHandleDepartment(null, "271021"), false);
  });

  test("a resident with a forged role list still handles nothing", () => {
    const forged = { ...resident, roles: [{ departmentCode: "271021", role: "manager" as const }] };
    assert.equal(canHandleDepartment(forged, "271021"), false);
    assert.equal(hasDepartmentRole(forged, "271021", "clerk"), false);
  });

  test("hasDepartmentRole: a manager is also a clerk, a clerk is not a manager, per department", () => {
    assert.equal(hasDepartmentRole(manager, "271039", "manager"), true);
    assert.equal(hasDepartmentRole(manager, "271039", "clerk"), true);
    assert.equal(hasDepartmentRole(manager, "271021", "manager"), false);
    assert.equal(hasDepartmentRole(kitaClerk, "271021", "manager"), false);
  });

  test("requireDepartmentStaff: other department → forbidden, resident → forbidden, nobody → unauthenticated", () => {
    assert.equal(requireDepartmentStaff(as(kitaClerk), "271021"), kitaClerk);
    assert.throws(() => requireDepartmentStaff(as(kitaClerk), "271039"), { code: "forbidden" });
    assert.throws(() => requireDepartmentStaff(as(resident), "271021"), { code: "forbidden" });
    assert.throws(() => requireDepartmentStaff(as(null), "271021"), { code: "unauthenticated" });
  });
});
