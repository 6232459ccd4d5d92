/**
 * Published definitions, read on every resident page and API call, kept in memory for a few
 * seconds per database (PostgreSQL stays the source of truth). Publishing forgets them at once in
 * this process; other app instances see a new version within TTL_MS.
 */
import type { Db } from "../../core/db/database.ts";
import { findPublishedDefinition, listPublishedDefinitions, type DefinitionRow } from "./queries.ts";

const TTL_MS = 5_000;
type Entry<T> = { at: number; value: Promise<T> };
const single = new WeakMap<Db, Map<string, Entry<DefinitionRow | null>>>();
const lists = new WeakMap<Db, Entry<DefinitionRow[]>>();

function fresh<T>(entry: Entry<T> | undefined, now: number): entry is Entry<T> {
  return entry !== undefined && now - entry.at < TTL_MS;
}

/** The published version of an event (or null), from memory when recent. */
export function publishedDefinition(db: Db, event: string, now: number = Date.now()): Promise<DefinitionRow | null> {
  let byEvent = single.get(db);
  if (!byEvent) single.set(db, (byEvent = new Map()));
  const hit = byEvent.get(event);
  if (fresh(hit, now)) return hit.value;
  const value = findPublishedDefinition(db, event);
  byEvent.set(event, { at: now, value });
  value.catch(() => byEvent.delete(event));
  return value;
}

/** Every published definition, in list order, from memory when recent. */
export function publishedDefinitions(db: Db, now: number = Date.now()): Promise<DefinitionRow[]> {
  const hit = lists.get(db);
  if (fresh(hit, now)) return hit.value;
  const value = listPublishedDefinitions(db);
  lists.set(db, { at: now, value });
  value.catch(() => lists.delete(db));
  return value;
}

/** Forget what is cached (after publishing). */
export function forgetPublished(db: Db): void {
  single.delete(db);
  lists.delete(db);
}
