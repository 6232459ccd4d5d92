/**
 * Who may do what with documents. Handlers check these with the request's actor; commands that
 * jobs reach check them again.
 *
 * - An application's receipt and its issued documents: the resident who owns the application,
 *   or staff of the application's department. Anybody else gets the same 404 as for an unknown id.
 * - Issuing a document: staff of the application's department, once the application is approved,
 *   for a procedure that issues one.
 * - PDF forms: staff of the form's department manage them (upload, fields, publish) and print
 *   them for a visitor; a form of another department is a 404. Residents see published forms only.
 * - /verify: anybody; it shows no personal data.
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { canHandleDepartment } from "../identity/index.ts";

/** True when the actor may read an application's documents (owner resident or department staff). */
export function canReadApplicationDocuments(actor: Actor | null, application: { userId: string; departmentCode: string }): boolean {
  if (!actor) return false;
  if (actor.kind === "resident") return actor.id === application.userId;
  return canHandleDepartment(actor, application.departmentCode);
}

/** The thing when the actor may read it; otherwise the 404 of an unknown id. */
export function readableOrNotFound<T extends { userId: string | null; departmentCode: string }>(actor: Actor | null, thing: T | null, reason: string): T {
  if (!thing || !canReadApplicationDocuments(actor, { userId: thing.userId ?? "", departmentCode: thing.departmentCode })) throw new AppError("not_found", reason);
  return thing;
}

/** True when the actor is staff of the department (may issue its documents and manage its forms). */
export function isDepartmentStaff(actor: Actor | null, departmentCode: string): boolean {
  return actor?.kind === "staff" && canHandleDepartment(actor, departmentCode);
}

/** The form when the staff member handles its department; otherwise a 404. */
export function managedFormOrNotFound<T extends { departmentCode: string }>(actor: Actor, form: T | null): T {
  if (!form || !isDepartmentStaff(actor, form.departmentCode)) throw new AppError("not_found", "documents.form_not_found");
  return form;
}
