/**
 * Departments as the hot paths read them (the receipt e-mail of every submission names one):
 * kept per process for up to a minute instead of a query per use. Departments change rarely
 * (renamed each April by a catalogue import); this process forgets them at once when it renames
 * them, other processes within CACHE_MS. Keyed by the database handle, so that test files with
 * several databases in one process never see each other's.
 */
import type { Db } from "../../core/db/database.ts";
import { listDepartments, type Department } from "./queries.ts";

const CACHE_MS = 60_000;
let cache = new WeakMap<Db, { until: number; byCode: Map<string, Department> }>();

/**
 * Every department by code. Pass the database handle, not a transaction (the cache is per
 * handle; on the embedded database a query beside an open transaction would wait for it).
 */
export async function departmentsByCode(db: Db): Promise<ReadonlyMap<string, Department>> {
  const now = Date.now();
  let entry = cache.get(db);
  if (!entry || entry.until <= now) {
    entry = { until: now + CACHE_MS, byCode: new Map((await listDepartments(db)).map((d) => [d.code, d])) };
    cache.set(db, entry);
  }
  return entry.byCode;
}

/** Called when departments are created or renamed in this process. */
export function forgetDepartments(): void {
  cache = new WeakMap();
}
