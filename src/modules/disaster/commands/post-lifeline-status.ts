/**
 * Lifeline operators report outages and recoveries (停電・ガス供給停止・断水・運転見合わせ) through the JSON
 * API with their own key. An outage is identified by the operator's own id (externalId): posting it
 * again updates it; a recovery closes it. Each change is a city-wide chronology entry.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertKeyScope, type Lifeline } from "../policy.ts";
import { findOutage, recoverOutage, upsertOutage, type ApiKeyRow, type Outage } from "../queries.ts";
import { recordChronology } from "./support.ts";

export type OutageInput = {
  externalId: string;
  wards: string[];
  description: string;
  households: number | null;
  startedAt: string;
  geometry: unknown;
};

export async function reportOutage(options: { db: Db; key: ApiKeyRow; lifeline: Lifeline; input: OutageInput }): Promise<{ outage: Outage; created: boolean }> {
  const { key, lifeline, input } = options;
  assertKeyScope(key, lifeline);
  return options.db.transaction(async (tx) => {
    const { id, created } = await upsertOutage(tx, { apiKeyId: key.id, lifeline, ...input });
    await recordChronology(tx, {
      incidentId: null, actorId: null, actorLabel: key.label, type: created ? "lifeline.outage" : "lifeline.updated",
      summary: `${key.label}：${input.description || lifeline}`,
      data: { outageId: id, lifeline, externalId: input.externalId, wards: input.wards, households: input.households, description: input.description },
    });
    return { outage: (await findOutage(tx, id))!, created };
  });
}

export async function reportRecovery(options: { db: Db; key: ApiKeyRow; lifeline: Lifeline; externalId: string; recoveredAt: string }): Promise<Outage> {
  const { key, lifeline } = options;
  assertKeyScope(key, lifeline);
  return options.db.transaction(async (tx) => {
    const outage = await recoverOutage(tx, { apiKeyId: key.id, externalId: options.externalId, recoveredAt: options.recoveredAt });
    if (!outage || outage.lifeline !== lifeline) throw new AppError("not_found", "disaster.outage_not_found");
    await recordChronology(tx, {
      incidentId: null, actorId: null, actorLabel: key.label, type: "lifeline.recovered",
      summary: `${key.label}：復旧 ${outage.description}`,
      data: { outageId: outage.id, lifeline, externalId: outage.externalId, wards: outage.wards, description: outage.description },
    });
    return outage;
  });
}
