/**
 * Raises an account's assurance level (never lowers it), recording how in assurance_events.
 * Used by passkey registration (2), outside-provider sign-in (the level its acr proves), a valid
 * JPKI-style signature whose certificate names the account holder (3), and staff who checked the
 * person's identity documents at a counter (2, audited).
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { AssuranceLevel, AssuranceMethod } from "../assurance/levels.ts";
import { raiseAccountLevel } from "../assurance/queries.ts";

export type RaiseAssuranceLevelOptions = {
  /** The database or the caller's transaction. */
  db: Db;
  userId: string;
  level: AssuranceLevel;
  method: AssuranceMethod;
  /** Non-personal evidence: provider name and acr, credential id, certificate fingerprint. */
  detail?: Record<string, unknown>;
  /** Staff who checked the person in person (required for method "in_person"; audited). */
  staff?: Actor;
};

/** The level before the change, or null when the account already had this level or more. */
export async function raiseAssuranceLevel(options: RaiseAssuranceLevelOptions): Promise<AssuranceLevel | null> {
  if (options.method === "in_person") {
    if (options.staff?.kind !== "staff") throw new AppError("forbidden", "identity.in_person_needs_staff");
    if (options.level > 2) throw new AppError("invalid_input", "identity.in_person_max_level");
  }
  const detail = { ...(options.detail ?? {}), ...(options.staff ? { staffId: options.staff.id } : {}) };
  const from = await raiseAccountLevel(options.db, { userId: options.userId, level: options.level, method: options.method, detail });
  if (from !== null && options.staff) {
    await appendAudit(options.db, {
      actorId: options.staff.id,
      actorLabel: `staff:${options.staff.id}`,
      action: "identity.assurance_raised",
      objectType: "user",
      objectId: options.userId,
      data: { from, to: options.level, method: options.method },
    });
  }
  return from;
}
