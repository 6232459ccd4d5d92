/**
 * Who may do what with integrations.
 *
 * Staff (the staff UI):
 * - Webhook subscriptions and API clients are managed by department managers (管理職). A clerk, a
 *   resident or nobody gets 403 / the sign-in page.
 * - A subscription belongs to one department: only that department's managers see and change it.
 *   Another department's subscription is answered like one that does not exist (404).
 * - An API client's scopes name departments; a manager may register a client only with scopes of
 *   departments they manage, and see or change a client only if they manage every one of its
 *   departments.
 *
 * Back-office systems (the API, OAuth 2.0 bearer tokens):
 * - `applications:read:<department>` lets a client list and read that department's applications
 *   and their files; `applications:write:<department>` lets it change their status.
 * - An application of a department the token has no scope for is answered like one that does not
 *   exist (404), so guessing ids tells nothing; a readable application that the token may not
 *   change is 403 insufficient_scope.
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { hasDepartmentRole, staffDepartmentCodes } from "../identity/index.ts";

/** Department codes as used in scopes: lower-case letters, digits, - and _. */
const DEPARTMENT = "[a-z0-9][a-z0-9_-]{0,62}";
const SCOPE = new RegExp(`^applications:(read|write):(${DEPARTMENT})$`);

export type Scope = { access: "read" | "write"; departmentCode: string };

/** Parses one scope string, or null when it is not one of ours. */
export function parseScope(scope: string): Scope | null {
  const match = SCOPE.exec(scope);
  return match ? { access: match[1] as Scope["access"], departmentCode: match[2]! } : null;
}

export function scopeString(scope: Scope): string {
  return `applications:${scope.access}:${scope.departmentCode}`;
}

/** The departments named by a list of scopes, sorted, without duplicates. */
export function departmentsOfScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map(parseScope).filter((s): s is Scope => s !== null).map((s) => s.departmentCode))].sort();
}

/** Departments whose applications a token may read. */
export function readableDepartments(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map(parseScope).filter((s): s is Scope => s?.access === "read").map((s) => s.departmentCode))].sort();
}

export function canReadDepartment(scopes: readonly string[], departmentCode: string): boolean {
  return scopes.includes(`applications:read:${departmentCode}`);
}

export function canWriteDepartment(scopes: readonly string[], departmentCode: string): boolean {
  return scopes.includes(`applications:write:${departmentCode}`);
}

/** The departments a staff member manages (holds the manager role in). */
export function managedDepartments(actor: Actor | null | undefined): string[] {
  return staffDepartmentCodes(actor).filter((code) => hasDepartmentRole(actor, code, "manager"));
}

export function canManageDepartment(actor: Actor | null | undefined, departmentCode: string): boolean {
  return managedDepartments(actor).includes(departmentCode);
}

/** Signed-in staff who manage at least one department; otherwise 403 (nobody: unauthenticated). */
export function requireIntegrationManager(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (actor.kind !== "staff" || managedDepartments(actor).length === 0) throw new AppError("forbidden", "integrations.managers_only");
  return actor;
}

/** The subscription when the manager may handle it; otherwise the same 404 as an unknown id. */
export function subscriptionOrNotFound<T extends { departmentCode: string }>(actor: Actor, subscription: T | null | undefined): T {
  if (!subscription || !canManageDepartment(actor, subscription.departmentCode)) throw new AppError("not_found", "integrations.subscription_not_found");
  return subscription;
}

export function canManageClient(actor: Actor, client: { departmentCodes: readonly string[] }): boolean {
  return client.departmentCodes.length > 0 && client.departmentCodes.every((code) => canManageDepartment(actor, code));
}

/** The client when the manager may handle it; otherwise the same 404 as an unknown id. */
export function clientOrNotFound<T extends { departmentCodes: readonly string[] }>(actor: Actor, client: T | null | undefined): T {
  if (!client || !canManageClient(actor, client)) throw new AppError("not_found", "integrations.client_not_found");
  return client;
}
