/**
 * Imports designated shelters from the 国土地理院「指定緊急避難場所・指定避難所データ」 GeoJSON (as split per
 * municipality by motohasystem/jp-shelter-api): 指定避難所 (evacuation) and 指定緊急避難場所 (emergency,
 * with per-hazard flags). Re-importing refreshes the official facts and keeps the live state (status,
 * occupancy, supplies) that staff entered. Features outside Osaka City's wards keep ward_code NULL.
 *
 * @example await importShelters({ db, kind: "evacuation", geojson: JSON.parse(readFileSync(file, "utf8")) })
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Db } from "../../../core/db/database.ts";
import { upsertShelters, type ShelterImport, type ShelterKind } from "../queries.ts";
import { wardOfAddress } from "../wards.ts";

/** Hazard flags of 指定緊急避難場所, as the GSI columns name them, and our keys. */
export const HAZARD_COLUMNS: ReadonlyArray<[column: string, key: string]> = [
  ["洪水", "flood"],
  ["崖崩れ、土石流及び地滑り", "landslide"],
  ["高潮", "storm-surge"],
  ["地震", "earthquake"],
  ["津波", "tsunami"],
  ["大規模な火事", "fire"],
  ["内水氾濫", "inland-flood"],
  ["火山現象", "volcano"],
];
export const SHELTER_HAZARDS = HAZARD_COLUMNS.map(([, key]) => key);

export type ImportSheltersResult = { read: number; imported: number; inserted: number; skipped: number };

export function sheltersFromGeoJson(kind: ShelterKind, geojson: unknown): { items: ShelterImport[]; skipped: number } {
  const features = (geojson as { type?: unknown; features?: unknown })?.features;
  if ((geojson as { type?: unknown })?.type !== "FeatureCollection" || !Array.isArray(features)) return { items: [], skipped: 0 };
  const items: ShelterImport[] = [];
  let skipped = 0;
  for (const feature of features as Array<{ geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> }>) {
    const props = feature?.properties ?? {};
    const coordinates = feature?.geometry?.type === "Point" ? feature.geometry.coordinates : undefined;
    const [lon, lat] = Array.isArray(coordinates) ? coordinates : [];
    const sourceId = String(props["共通ID"] ?? props.NO ?? "").trim();
    const name = String(props["施設・場所名"] ?? "").trim();
    if (typeof lon !== "number" || typeof lat !== "number" || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || !sourceId || !name) {
      skipped++;
      continue;
    }
    const address = String(props["住所"] ?? "").replace(/\s+/g, " ").trim();
    items.push({
      kind,
      sourceId,
      name,
      address,
      wardCode: wardOfAddress(address)?.code ?? null,
      lat,
      lon,
      hazards: HAZARD_COLUMNS.filter(([column]) => String(props[column] ?? "") === "1").map(([, key]) => key),
      accepts: typeof props["受入対象者"] === "string" && props["受入対象者"] !== "" ? (props["受入対象者"] as string) : null,
    });
  }
  return { items, skipped };
}

export async function importShelters(options: { db: Db; kind: ShelterKind; geojson: unknown }): Promise<ImportSheltersResult> {
  const { items, skipped } = sheltersFromGeoJson(options.kind, options.geojson);
  let inserted = 0;
  await options.db.transaction(async (tx) => {
    for (let i = 0; i < items.length; i += 500) inserted += await upsertShelters(tx, items.slice(i, i + 500));
  });
  const read = items.length + skipped;
  return { read, imported: items.length, inserted, skipped };
}

/** The Osaka City files of the shared fixtures (shared/fixtures/disaster/shelters/{evacuation,emergency}/271004.json). */
export function fixtureShelterFile(kind: ShelterKind): string {
  // Shipped with the product (data/SOURCES.md), so the demo works without the test fixtures.
  return fileURLToPath(new URL(`../data/${kind}-271004.json`, import.meta.url));
}

/** Imports a GeoJSON file (CLI and demo seeding). */
export async function importSheltersFile(db: Db, kind: ShelterKind, file: string): Promise<ImportSheltersResult> {
  const text = await readFile(file, "utf8");
  return importShelters({ db, kind, geojson: JSON.parse(text) });
}
