/**
 * Who may do what, as small rules over the Actor. Handlers check them with the request;
 * commands that jobs can reach check them again with the actor.
 *
 * - A resident page needs a signed-in resident: nobody → 'unauthenticated' (sign in first),
 *   staff → 'forbidden' (staff accounts are not resident accounts).
 * - A staff page needs signed-in staff: nobody → 'unauthenticated', a resident → 'forbidden'.
 * - Staff handle cases of the departments they hold a role in (clerk or manager); managers
 *   may also do what is reserved to managers in those departments.
 */
import type { FastifyRequest } from "fastify";
import type { Actor, StaffRole } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";

/** The signed-in resident; throws AppError('unauthenticated') or AppError('forbidden'). */
export function assertResident(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (actor.kind !== "resident") throw new AppError("forbidden", "identity.resident_only");
  return actor;
}

/** The signed-in staff member; throws AppError('unauthenticated') or AppError('forbidden'). */
export function assertStaff(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (actor.kind !== "staff") throw new AppError("forbidden", "identity.staff_only");
  return actor;
}

/**
 * The resident making this request.
 *
 * @example const resident = requireResident(request); // then load only resident.id's data
 */
export function requireResident(request: FastifyRequest): Actor {
  return assertResident(request.actor);
}

/**
 * The staff member making this request.
 *
 * @example const staff = requireStaff(request); if (!canHandleDepartment(staff, code)) …
 */
export function requireStaff(request: FastifyRequest): Actor {
  return assertStaff(request.actor);
}

/** Codes of the departments a staff member holds a role in; empty for residents and nobody. */
export function staffDepartmentCodes(actor: Actor | null | undefined): string[] {
  if (actor?.kind !== "staff") return [];
  return [...new Set(actor.roles.map((role) => role.departmentCode))].sort();
}

/** True when the actor is staff with any role (clerk or manager) in the department. */
export function canHandleDepartment(actor: Actor | null | undefined, departmentCode: string): boolean {
  return staffDepartmentCodes(actor).includes(departmentCode);
}

/** True when the actor is staff with the given role (or manager, which includes clerk) in the department. */
export function hasDepartmentRole(actor: Actor | null | undefined, departmentCode: string, role: StaffRole["role"]): boolean {
  if (actor?.kind !== "staff") return false;
  return actor.roles.some((r) => r.departmentCode === departmentCode && (r.role === role || r.role === "manager"));
}

/** Staff who may handle the department's cases; throws 'unauthenticated' or 'forbidden'. */
export function requireDepartmentStaff(request: FastifyRequest, departmentCode: string): Actor {
  const staff = requireStaff(request);
  if (!canHandleDepartment(staff, departmentCode)) throw new AppError("forbidden", "identity.other_department");
  return staff;
}
