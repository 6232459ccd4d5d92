/**
 * Hazard zones (浸水想定区域, 津波浸水想定, 土砂災害警戒区域…) imported from GeoJSON for the maps. The file
 * must be a FeatureCollection (or one Feature) of Polygon / MultiPolygon geometries in WGS 84 with
 * closed rings of at least 4 positions; everything else is refused with the reason. Properties are
 * dropped except a `name`, so nothing unexpected reaches the map.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertCanOperate } from "../policy.ts";
import { insertHazardZone } from "../queries.ts";
import { auditLabel, chronologyLabel, recordChronology } from "./support.ts";

export const ZONE_HAZARDS = ["flood", "tsunami", "storm-surge", "landslide", "inland-flood", "other"] as const;
export const MAX_ZONE_FEATURES = 5000;

type Position = [number, number];
type Polygon = Position[][];

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.length <= 3 && value.every((n) => typeof n === "number" && Number.isFinite(n))
    && Math.abs(value[0] as number) <= 180 && Math.abs(value[1] as number) <= 90;
}

function isPolygon(value: unknown): value is Polygon {
  return Array.isArray(value) && value.length > 0 && value.every((ring) => {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) return false;
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    return first[0] === last[0] && first[1] === last[1];
  });
}

/** The cleaned FeatureCollection, or the reason it is refused (a message key of `disaster.zone.*`). */
export function validateHazardGeoJson(input: unknown): { ok: true; geojson: { type: "FeatureCollection"; features: unknown[] } } | { ok: false; reason: string; index?: number } {
  const object = input as { type?: unknown; features?: unknown };
  const features = object?.type === "FeatureCollection" ? object.features : object?.type === "Feature" ? [object] : null;
  if (!Array.isArray(features)) return { ok: false, reason: "not_collection" };
  if (features.length === 0) return { ok: false, reason: "empty" };
  if (features.length > MAX_ZONE_FEATURES) return { ok: false, reason: "too_many" };
  const cleaned: unknown[] = [];
  for (const [index, feature] of features.entries()) {
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } })?.geometry;
    const ok = geometry?.type === "Polygon" ? isPolygon(geometry.coordinates)
      : geometry?.type === "MultiPolygon" ? Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0 && geometry.coordinates.every(isPolygon)
      : false;
    if (!ok) return { ok: false, reason: "geometry", index: index + 1 };
    const name = (feature as { properties?: { name?: unknown } }).properties?.name;
    cleaned.push({ type: "Feature", geometry, properties: typeof name === "string" ? { name: name.slice(0, 200) } : {} });
  }
  return { ok: true, geojson: { type: "FeatureCollection", features: cleaned } };
}

export async function importHazardZone(options: { db: Db; actor: Actor; name: string; hazard: string; geojson: { type: "FeatureCollection"; features: unknown[] } }): Promise<string> {
  const { actor } = options;
  assertCanOperate(actor);
  const name = options.name.trim();
  if (name === "" || name.length > 200 || !(ZONE_HAZARDS as readonly string[]).includes(options.hazard)) throw new AppError("invalid_input", "disaster.zone_invalid");
  return options.db.transaction(async (tx) => {
    const id = await insertHazardZone(tx, { name, hazard: options.hazard, geojson: options.geojson, featureCount: options.geojson.features.length, uploadedBy: actor.id });
    await recordChronology(tx, { incidentId: null, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "zone.imported", summary: `ハザード区域を登録：${name}`, data: { zoneId: id, name, hazard: options.hazard, features: options.geojson.features.length } });
    await appendAudit(tx, { actorId: actor.id, actorLabel: auditLabel(actor), action: "disaster.zone_imported", objectType: "disaster_hazard_zone", objectId: id, data: { name, hazard: options.hazard, features: options.geojson.features.length } });
    return id;
  });
}
