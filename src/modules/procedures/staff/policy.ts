/**
 * Who may do what in the staff back office. Handlers check these with the request's actor;
 * the staff commands check them again inside their transaction.
 *
 * - Every staff page needs signed-in staff (identity's requireStaff: nobody → sign in,
 *   a resident → 403).
 * - Staff see and handle only the cases of departments they hold a role in. A case (or a file of
 *   a case) of another department is answered exactly like a case that does not exist (404),
 *   so that guessing ids tells nothing.
 * - A case may be assigned only to staff of its own department.
 */
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { canHandleDepartment, staffDepartmentCodes } from "../../identity/index.ts";

/** UUIDs as PostgreSQL writes them; anything else in a URL is a case that does not exist. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The departments whose cases the staff member handles, sorted by code. */
export function handledDepartments(actor: Actor): string[] {
  return staffDepartmentCodes(actor);
}

/** True when the staff member may see and handle cases of the department. */
export function canHandleCase(actor: Actor, theCase: { departmentCode: string }): boolean {
  return canHandleDepartment(actor, theCase.departmentCode);
}

/**
 * The case when the staff member may handle it; otherwise the same 404 as for an unknown id.
 *
 * @example const theCase = caseOrNotFound(staff, await findCase(db, id));
 */
export function caseOrNotFound<T extends { departmentCode: string }>(actor: Actor, theCase: T | null | undefined): T {
  if (!theCase || !canHandleCase(actor, theCase)) throw new AppError("not_found", "application.not_found");
  return theCase;
}

/** True when a colleague may be given the case: they hold a role in the case's department. */
export function canBeAssigned(candidate: { departmentCodes: readonly string[] }, theCase: { departmentCode: string }): boolean {
  return candidate.departmentCodes.includes(theCase.departmentCode);
}

/**
 * The department whose inbox (or export) to show: the one asked for, which the staff member must
 * handle (else 404), or by default their first one; null when they handle none.
 */
export function pickDepartment(actor: Actor, requested: string | undefined): string | null {
  if (requested) {
    if (!canHandleDepartment(actor, requested)) throw new AppError("not_found", "staff.department_not_handled");
    return requested;
  }
  return handledDepartments(actor)[0] ?? null;
}
