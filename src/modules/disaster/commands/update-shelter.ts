/**
 * Staff update a shelter's live state from a phone: open / full / closed, occupancy, capacity,
 * supplies and accessibility. The form carries the revision it showed; a stale form is a conflict
 * (two staff at the same door must not overwrite each other's count). Chronology (city-wide) and audit.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isStaff } from "../policy.ts";
import { findShelter, updateShelterState, type ShelterStatus } from "../queries.ts";
import { auditLabel, chronologyLabel, recordChronology } from "./support.ts";

export const SHELTER_STATUSES: readonly ShelterStatus[] = ["open", "full", "closed"];
export const SUPPLY_ITEMS = ["water", "food", "blankets", "medicine", "power"] as const;
export const SUPPLY_LEVELS = ["ok", "low", "out"] as const;
export const ACCESSIBILITY_ITEMS = ["wheelchair", "accessibleToilet", "elevator", "welfareSpace", "pets"] as const;

export type ShelterUpdate = {
  status: ShelterStatus;
  occupancy: number;
  capacity: number | null;
  supplies: Record<string, string>;
  accessibility: Record<string, boolean>;
};

export async function updateShelter(options: { db: Db; actor: Actor; shelterId: string; revision: number; update: ShelterUpdate }): Promise<void> {
  const { actor, update } = options;
  if (!isStaff(actor)) throw new AppError("forbidden", "disaster.staff_only");
  await options.db.transaction(async (tx) => {
    const shelter = await findShelter(tx, options.shelterId, { forUpdate: true });
    if (!shelter) throw new AppError("not_found", "disaster.shelter_not_found");
    if (!(await updateShelterState(tx, shelter.id, options.revision, update, actor.id))) throw new AppError("conflict", "disaster.stale_shelter");
    const changed = shelter.status !== update.status || shelter.occupancy !== update.occupancy;
    if (changed) {
      await recordChronology(tx, {
        incidentId: null, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "shelter.updated",
        summary: `避難所 ${shelter.name}：${update.status}（${update.occupancy}人）`,
        data: { shelterId: shelter.id, name: shelter.name, from: shelter.status, to: update.status, occupancy: update.occupancy, capacity: update.capacity },
      });
    }
    await appendAudit(tx, {
      actorId: actor.id, actorLabel: auditLabel(actor), action: "disaster.shelter_updated", objectType: "disaster_shelter", objectId: shelter.id,
      data: { from: shelter.status, to: update.status, occupancy: update.occupancy, capacity: update.capacity },
    });
  });
}
