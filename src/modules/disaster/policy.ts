/**
 * Who may do what in the disaster module. Handlers check these with the request's actor; commands
 * reachable from jobs or several routes check them again.
 *
 * - Every /staff/disaster page needs signed-in staff (nobody → staff sign-in, a resident → 403).
 *   In a disaster every member of staff is mobilised (全職員動員), so any staff member may read the
 *   desk, write notes into the chronology, take and finish tasks, update shelters and handle field reports.
 * - Operating decisions are for the 危機管理室 (department `crisis-management`, any role): opening and
 *   closing incidents, 配備体制, confirming or dismissing alert drafts, alert rules, hazard zones,
 *   API keys of lifeline operators and national systems, registering 自主防災組織 members.
 * - Evacuation information (高齢者等避難・避難指示・緊急安全確保・解除) for some wards may be issued by the
 *   危機管理室, or by the manager (区長 / 危機管理担当) of the ward office of every ward chosen.
 * - Field reports (/field) may be sent by staff and by registered 自主防災組織 members.
 * - Lifeline operators and national systems use the JSON API with their own key, scoped to one
 *   lifeline (electricity, gas, water, rail) or to `national` (CAP); a key of another scope → 403.
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { canHandleDepartment, hasDepartmentRole } from "../identity/index.ts";
import { wardByCode } from "./wards.ts";

export const CRISIS_DEPARTMENT = "crisis-management";

export function isStaff(actor: Actor | null | undefined): actor is Actor {
  return actor?.kind === "staff";
}

/** 危機管理室: operating decisions. */
export function canOperate(actor: Actor | null | undefined): boolean {
  return isStaff(actor) && canHandleDepartment(actor, CRISIS_DEPARTMENT);
}

export function assertCanOperate(actor: Actor): void {
  if (!canOperate(actor)) throw new AppError("forbidden", "disaster.operator_only");
}

/** Evacuation information for these wards: 危機管理室, or a manager of each ward's office. */
export function canIssueEvacuation(actor: Actor | null | undefined, wards: readonly string[]): boolean {
  if (!isStaff(actor) || wards.length === 0) return false;
  if (canOperate(actor)) return true;
  return wards.every((code) => {
    const ward = wardByCode(code);
    return ward !== undefined && hasDepartmentRole(actor, ward.department, "manager");
  });
}

/** True when the staff member could issue evacuation information for at least one ward (shows the form). */
export function mayIssueSomeEvacuation(actor: Actor | null | undefined): boolean {
  if (canOperate(actor)) return true;
  return isStaff(actor) && actor.roles.some((role) => role.role === "manager" && role.departmentCode.startsWith("ward-"));
}

export function assertCanIssueEvacuation(actor: Actor, wards: readonly string[]): void {
  if (!canIssueEvacuation(actor, wards)) throw new AppError("forbidden", "disaster.evacuation_not_allowed");
}

/** Field reports: staff, or a registered 自主防災組織 member. */
export function canSendFieldReport(actor: Actor | null | undefined, isCommunityMember: boolean): boolean {
  if (!actor) return false;
  return actor.kind === "staff" || (actor.kind === "resident" && isCommunityMember);
}

export type ApiScope = "electricity" | "gas" | "water" | "rail" | "national";
export const LIFELINES = ["electricity", "gas", "water", "rail"] as const;
export type Lifeline = (typeof LIFELINES)[number];

/** An API key may post only for its own scope. */
export function assertKeyScope(key: { scope: ApiScope }, needed: ApiScope): void {
  if (key.scope !== needed) throw new AppError("forbidden", "disaster.key_scope");
}
