/**
 * SQL of the navigator's own tables. Every function takes the database or the caller's
 * transaction first.
 */
import { and, asc, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../core/db/database.ts";
import type { NavigatorDefinition } from "./definition.ts";
import { programmeFields, type SupportProgramme } from "./programmes/programme.ts";
import { navigatorDefinitions, supportProgrammes, type DefinitionStatus } from "./tables.ts";

// ---------------------------------------------------------------------------------------------
// Definitions

export type DefinitionRow = {
  id: string;
  event: string;
  version: number;
  status: DefinitionStatus;
  departmentCode: string;
  definition: NavigatorDefinition;
  revision: number;
  basedOn: number | null;
  updatedAt: string;
  publishedAt: string | null;
};

const definitionColumns = {
  id: navigatorDefinitions.id,
  event: navigatorDefinitions.event,
  version: navigatorDefinitions.version,
  status: navigatorDefinitions.status,
  departmentCode: navigatorDefinitions.departmentCode,
  definition: navigatorDefinitions.definition,
  revision: navigatorDefinitions.revision,
  basedOn: navigatorDefinitions.basedOn,
  updatedAt: navigatorDefinitions.updatedAt,
  publishedAt: navigatorDefinitions.publishedAt,
};

/** Every published definition, in list order. */
export async function listPublishedDefinitions(db: Db): Promise<DefinitionRow[]> {
  const rows = await db.select(definitionColumns).from(navigatorDefinitions).where(eq(navigatorDefinitions.status, "published"));
  return rows.sort((a, b) => a.definition.position - b.definition.position || a.event.localeCompare(b.event));
}

export async function findPublishedDefinition(db: Db, event: string): Promise<DefinitionRow | null> {
  const [row] = await db
    .select(definitionColumns)
    .from(navigatorDefinitions)
    .where(and(eq(navigatorDefinitions.event, event), eq(navigatorDefinitions.status, "published")))
    .limit(1);
  return row ?? null;
}

export async function findDraftDefinition(db: Db, event: string): Promise<DefinitionRow | null> {
  const [row] = await db
    .select(definitionColumns)
    .from(navigatorDefinitions)
    .where(and(eq(navigatorDefinitions.event, event), eq(navigatorDefinitions.status, "draft")))
    .limit(1);
  return row ?? null;
}

/** The draft, locked for an update (FOR UPDATE). */
export async function lockDraftDefinition(tx: Db, event: string): Promise<DefinitionRow | null> {
  const [row] = await tx
    .select(definitionColumns)
    .from(navigatorDefinitions)
    .where(and(eq(navigatorDefinitions.event, event), eq(navigatorDefinitions.status, "draft")))
    .for("update")
    .limit(1);
  return row ?? null;
}

export async function findDefinitionVersion(db: Db, event: string, version: number): Promise<DefinitionRow | null> {
  const [row] = await db
    .select(definitionColumns)
    .from(navigatorDefinitions)
    .where(and(eq(navigatorDefinitions.event, event), eq(navigatorDefinitions.version, version)))
    .limit(1);
  return row ?? null;
}

export type VersionListItem = { version: number; status: DefinitionStatus; updatedAt: string; publishedAt: string | null; publishedBy: string | null; updatedBy: string | null };

/** The versions of an event, newest first, with who published them. */
export async function listDefinitionVersions(db: Db, event: string): Promise<VersionListItem[]> {
  return db
    .select({
      version: navigatorDefinitions.version,
      status: navigatorDefinitions.status,
      updatedAt: navigatorDefinitions.updatedAt,
      publishedAt: navigatorDefinitions.publishedAt,
      publishedBy: sql<string | null>`(SELECT display_name FROM identity_people WHERE id = ${navigatorDefinitions.publishedBy})`,
      updatedBy: sql<string | null>`(SELECT display_name FROM identity_people WHERE id = ${navigatorDefinitions.updatedBy})`,
    })
    .from(navigatorDefinitions)
    .where(eq(navigatorDefinitions.event, event))
    .orderBy(desc(navigatorDefinitions.version));
}

export type EventOverview = { event: string; departmentCode: string; title: NavigatorDefinition["title"]; published: number | null; draft: number | null; draftUpdatedAt: string | null };

/** Every event with its published and draft versions, for the staff list. */
export async function listEventOverviews(db: Db): Promise<EventOverview[]> {
  const rows = await db
    .select({ ...definitionColumns })
    .from(navigatorDefinitions)
    .where(inArray(navigatorDefinitions.status, ["draft", "published"]))
    .orderBy(asc(navigatorDefinitions.event), desc(navigatorDefinitions.version));
  const byEvent = new Map<string, EventOverview & { position: number }>();
  for (const row of rows) {
    const current = byEvent.get(row.event) ?? {
      event: row.event,
      departmentCode: row.departmentCode,
      title: row.definition.title,
      published: null,
      draft: null,
      draftUpdatedAt: null,
      position: row.definition.position,
    };
    if (row.status === "published") {
      current.published = row.version;
      current.title = row.definition.title;
      current.position = row.definition.position;
    } else {
      current.draft = row.version;
      current.draftUpdatedAt = row.updatedAt;
    }
    byEvent.set(row.event, current);
  }
  return [...byEvent.values()].sort((a, b) => a.position - b.position || a.event.localeCompare(b.event)).map(({ position: _p, ...rest }) => rest);
}

export async function maxVersion(tx: Db, event: string): Promise<number> {
  const [row] = await tx.select({ max: sql<number | null>`max(${navigatorDefinitions.version})` }).from(navigatorDefinitions).where(eq(navigatorDefinitions.event, event));
  return Number(row?.max ?? 0);
}

/** Serialises changes of one event's versions (draft creation, publishing). */
export async function lockEvent(tx: Db, event: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`navigator:${event}`}))`);
}

export async function insertDefinition(
  tx: Db,
  values: { event: string; version: number; status: DefinitionStatus; departmentCode: string; definition: NavigatorDefinition; basedOn: number | null; userId: string | null },
): Promise<void> {
  await tx.insert(navigatorDefinitions).values({
    event: values.event,
    version: values.version,
    status: values.status,
    departmentCode: values.departmentCode,
    definition: values.definition,
    basedOn: values.basedOn,
    createdBy: values.userId,
    updatedBy: values.userId,
    ...(values.status === "published" ? { publishedBy: values.userId, publishedAt: sql`now()` } : {}),
  });
}

/** Saves the draft's definition and moves its revision on. */
export async function updateDraftDefinition(tx: Db, id: string, definition: NavigatorDefinition, userId: string): Promise<number> {
  const [row] = await tx
    .update(navigatorDefinitions)
    .set({ definition, revision: sql`${navigatorDefinitions.revision} + 1`, updatedBy: userId, updatedAt: sql`now()` })
    .where(and(eq(navigatorDefinitions.id, id), eq(navigatorDefinitions.status, "draft")))
    .returning({ revision: navigatorDefinitions.revision });
  return row?.revision ?? 0;
}

export async function deleteDraft(tx: Db, id: string): Promise<void> {
  await tx.delete(navigatorDefinitions).where(and(eq(navigatorDefinitions.id, id), eq(navigatorDefinitions.status, "draft")));
}

/** Retires the published version and publishes the draft (one transaction, event locked). */
export async function publishDraft(tx: Db, event: string, draftId: string, userId: string): Promise<void> {
  await tx
    .update(navigatorDefinitions)
    .set({ status: "retired" })
    .where(and(eq(navigatorDefinitions.event, event), eq(navigatorDefinitions.status, "published")));
  await tx
    .update(navigatorDefinitions)
    .set({ status: "published", publishedBy: userId, publishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(navigatorDefinitions.id, draftId), eq(navigatorDefinitions.status, "draft")));
}

// ---------------------------------------------------------------------------------------------
// Support programmes

const programmeColumns = {
  id: supportProgrammes.id,
  body: supportProgrammes.body,
  bodyName: supportProgrammes.bodyName,
  audiences: supportProgrammes.audiences,
  kind: supportProgrammes.kind,
  title: supportProgrammes.title,
  summary: supportProgrammes.summary,
  amount: supportProgrammes.amount,
  eligibility: supportProgrammes.eligibility,
  opensOn: supportProgrammes.opensOn,
  deadline: supportProgrammes.deadline,
  status: supportProgrammes.status,
  url: supportProgrammes.url,
  contact: supportProgrammes.contact,
  demo: supportProgrammes.demo,
  updatedAt: supportProgrammes.updatedAt,
};

/** Every programme, by body (国, 府, 市) and id. */
export async function listProgrammes(db: Db): Promise<SupportProgramme[]> {
  const rows = await db.select(programmeColumns).from(supportProgrammes);
  const bodyOrder = { national: 0, prefecture: 1, city: 2 } as const;
  return rows.sort((a, b) => bodyOrder[a.body] - bodyOrder[b.body] || a.id.localeCompare(b.id)).map((r) => ({ ...r, updatedAt: isoTimestamp(r.updatedAt) }));
}

export async function findProgramme(db: Db, id: string): Promise<SupportProgramme | null> {
  const [row] = await db.select(programmeColumns).from(supportProgrammes).where(eq(supportProgrammes.id, id)).limit(1);
  return row ? { ...row, updatedAt: isoTimestamp(row.updatedAt) } : null;
}

export async function countProgrammes(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(supportProgrammes);
  return Number(row?.count ?? 0);
}

/** Inserts or replaces programmes by id. */
export async function upsertProgrammes(tx: Db, programmes: readonly SupportProgramme[]): Promise<void> {
  for (const p of programmes) {
    const values = programmeFields(p);
    await tx
      .insert(supportProgrammes)
      .values(values)
      .onConflictDoUpdate({ target: supportProgrammes.id, set: { ...values, updatedAt: sql`now()` } });
  }
}

/** Deletes the programmes whose id is not in the list; returns how many. */
export async function deleteProgrammesExcept(tx: Db, keep: readonly string[]): Promise<number> {
  const deleted = keep.length > 0
    ? await tx.delete(supportProgrammes).where(notInArray(supportProgrammes.id, [...keep])).returning({ id: supportProgrammes.id })
    : await tx.delete(supportProgrammes).returning({ id: supportProgrammes.id });
  return deleted.length;
}

/** Timestamps as ISO 8601 whatever the driver gives ("2026-11-26 10:00:00+00" or a Date). */
export function isoTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const date = new Date(String(value).replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
