/**
 * The procedures catalogue as the navigator needs it (slug → title, online or not), read through
 * the procedures module's public search and kept for 30 seconds per database: checklists are
 * computed on every result page and the catalogue changes rarely.
 */
import type { Db } from "../../core/db/database.ts";
import { searchCatalogue } from "../procedures/index.ts";
import type { Catalogue, CatalogueEntry } from "./checklist.ts";

const TTL_MS = 30_000;
const cache = new WeakMap<Db, { at: number; catalogue: Promise<Catalogue> }>();

async function load(db: Db): Promise<Catalogue> {
  const rows = await searchCatalogue({ db, q: "", limit: 10_000 });
  return new Map(rows.map((row): [string, CatalogueEntry] => [row.slug, { slug: row.slug, title: row.title, online: row.channel !== "counter" }]));
}

/** The published catalogue (cached for 30 s). */
export function loadCatalogue(db: Db, now: number = Date.now()): Promise<Catalogue> {
  const hit = cache.get(db);
  if (hit && now - hit.at < TTL_MS) return hit.catalogue;
  const catalogue = load(db);
  cache.set(db, { at: now, catalogue });
  catalogue.catch(() => cache.delete(db));
  return catalogue;
}

/** Forget the cached catalogue (tests and imports). */
export function forgetCatalogue(db: Db): void {
  cache.delete(db);
}
