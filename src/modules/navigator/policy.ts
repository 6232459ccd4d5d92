/**
 * Who may do what in the navigator.
 *
 * - Residents and visitors: everything public (手続き判定, the finder, the open data) needs no account.
 * - A life event's definition belongs to one department: its staff (clerk or manager) edit the
 *   draft and use the test harness; only its managers publish. Staff of other departments may not
 *   even see the draft (403).
 * - Support programmes are imported by staff of the department in SUPPORT_PROGRAMMES_DEPARTMENT.
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { assertStaff, canHandleDepartment, hasDepartmentRole } from "../identity/index.ts";

export function canEditDefinition(actor: Actor | null | undefined, departmentCode: string): boolean {
  return canHandleDepartment(actor, departmentCode);
}

export function canPublishDefinition(actor: Actor | null | undefined, departmentCode: string): boolean {
  return hasDepartmentRole(actor, departmentCode, "manager");
}

export function canManageProgrammes(actor: Actor | null | undefined, programmesDepartment: string): boolean {
  return canHandleDepartment(actor, programmesDepartment);
}

/** Staff of the definition's department; throws 'unauthenticated' or 'forbidden'. */
export function assertDefinitionEditor(actor: Actor | null | undefined, departmentCode: string): Actor {
  const staff = assertStaff(actor);
  if (!canEditDefinition(staff, departmentCode)) throw new AppError("forbidden", "navigator.other_department");
  return staff;
}

/** A manager of the definition's department; throws 'forbidden' otherwise. */
export function assertDefinitionPublisher(actor: Actor | null | undefined, departmentCode: string): Actor {
  const staff = assertDefinitionEditor(actor, departmentCode);
  if (!canPublishDefinition(staff, departmentCode)) throw new AppError("forbidden", "navigator.managers_publish");
  return staff;
}

export function assertProgrammeManager(actor: Actor | null | undefined, programmesDepartment: string): Actor {
  const staff = assertStaff(actor);
  if (!canManageProgrammes(staff, programmesDepartment)) throw new AppError("forbidden", "navigator.programmes_department");
  return staff;
}
