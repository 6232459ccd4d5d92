/**
 * Who may do what in the builder. Handlers check these with the request's actor; commands check
 * them again inside their transaction (a job or another path must not get round them).
 *
 * - Authors: any staff member with a role (clerk or manager) in the procedure's or page's
 *   department drafts: creates, edits, previews and submits for review.
 * - Reviewers: a manager of the same department approves publication (now or at a time),
 *   returns a draft to its author, unpublishes and re-publishes. Four eyes: a reviewer never
 *   approves a draft they submitted themselves (another manager must).
 * - Case apps (the back office of a procedure) are configured by managers of its department.
 * - Anything of another department is answered exactly like something that does not exist (404).
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { canHandleDepartment, hasDepartmentRole, staffDepartmentCodes } from "../identity/index.ts";

/** UUIDs as PostgreSQL writes them; anything else in a URL is something that does not exist. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Staff of the department may draft its procedures and pages. */
export function canAuthor(actor: Actor | null | undefined, departmentCode: string): boolean {
  return actor?.kind === "staff" && canHandleDepartment(actor, departmentCode);
}

/** Managers of the department review and publish. */
export function canReview(actor: Actor | null | undefined, departmentCode: string): boolean {
  return actor?.kind === "staff" && hasDepartmentRole(actor, departmentCode, "manager");
}

/** A reviewer may approve a submitted draft unless they submitted it themselves. */
export function canApprove(actor: Actor | null | undefined, draft: { departmentCode: string; submittedBy: string | null }): boolean {
  return canReview(actor, draft.departmentCode) && draft.submittedBy !== actor?.id;
}

/** Managers configure the case app of their department's procedures. */
export function canConfigureCaseApp(actor: Actor | null | undefined, departmentCode: string): boolean {
  return canReview(actor, departmentCode);
}

/** The departments whose procedures and pages the staff member can author. */
export function authorDepartments(actor: Actor): string[] {
  return staffDepartmentCodes(actor);
}

/**
 * The thing when the staff member may author in its department; otherwise the same 404 as for
 * an unknown id.
 */
export function authorOrNotFound<T extends { departmentCode: string }>(actor: Actor, thing: T | null | undefined, reason: string): T {
  if (!thing || !canAuthor(actor, thing.departmentCode)) throw new AppError("not_found", reason);
  return thing;
}

/** Throws 403 unless the staff member reviews for the department. */
export function requireReviewer(actor: Actor, departmentCode: string): void {
  if (!canReview(actor, departmentCode)) throw new AppError("forbidden", "builder.reviewer_only");
}
