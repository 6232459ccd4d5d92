/**
 * Who may do what on the resident side of procedures. Handlers check these with the request's
 * actor; commands check ownership again inside their transaction (their SQL is scoped to the
 * resident), so that no path reaches another resident's data.
 *
 * - Every draft, application and file belongs to one resident (its user_id / owner_id).
 *   Only that resident may see or change it. Anything of someone else is answered exactly
 *   like an id that does not exist (404), so that guessing ids tells nothing.
 * - A resident may withdraw (取下げ) an application that is not decided yet, and answer a
 *   correction request (補正) only while one is open (status-machine.ts).
 * - Staff use their own back office (staff/policy.ts); resident pages refuse staff accounts
 *   (identity's requireResident → 403).
 */
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { residentCanCorrect, residentCanWithdraw } from "./status-machine.ts";
import type { ApplicationStatus } from "./tables.ts";

/** True when the resident owns the thing (a draft, an application: userId; a file: ownerId). */
export function isOwner(actor: Actor, thing: { userId: string } | { ownerId: string }): boolean {
  if (actor.kind !== "resident") return false;
  return "userId" in thing ? thing.userId === actor.id : thing.ownerId === actor.id;
}

/**
 * The thing when the resident owns it; otherwise the same 404 as for an unknown id.
 *
 * @example const draft = ownedOrNotFound(resident, await findDraft(db, draftId), "draft.not_found");
 */
export function ownedOrNotFound<T extends { userId: string } | { ownerId: string }>(actor: Actor, thing: T | null | undefined, reason: string): T {
  if (!thing || !isOwner(actor, thing)) throw new AppError("not_found", reason);
  return thing;
}

/** The resident may withdraw an application that is not decided yet. */
export function canWithdraw(actor: Actor, application: { userId: string; status: ApplicationStatus }): boolean {
  return isOwner(actor, application) && residentCanWithdraw(application.status);
}

/** The resident may answer a correction request while one is open. */
export function canCorrect(actor: Actor, application: { userId: string; status: ApplicationStatus }): boolean {
  return isOwner(actor, application) && residentCanCorrect(application.status);
}
