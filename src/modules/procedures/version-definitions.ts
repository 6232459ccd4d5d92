/**
 * Form definitions of procedure versions, kept per process. A version row is only ever inserted
 * (a changed form is published as a new version; drafts stay pinned to theirs), so the definition
 * behind a version id never changes and need not cross the wire on every draft request: each
 * process reads a version's definition once. Entries are frozen, because every request shares
 * them; the oldest are dropped beyond MAX_VERSIONS (the demo catalogue has about 1,500 forms).
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import type { FormDefinition } from "./forms/definition.ts";

const MAX_VERSIONS = 2000;
const definitions = new Map<string, FormDefinition>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The definition of a version (null when there is no such version). */
export async function versionDefinition(db: Db, versionId: string): Promise<FormDefinition | null> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const [row] = await queryRows<{ definition: FormDefinition }>(db, sql`SELECT definition FROM procedure_versions WHERE id = ${versionId}`);
  const definition = row?.definition;
  if (!definition) return null;
  if (definitions.size >= MAX_VERSIONS) definitions.delete(definitions.keys().next().value!);
  definitions.set(versionId, deepFreeze(definition));
  return definition;
}
