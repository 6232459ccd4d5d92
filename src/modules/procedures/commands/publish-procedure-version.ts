/**
 * Publishing procedures from outside the catalogue import (the builder): creating a procedure
 * that is not published yet, publishing a form version with the procedure's metadata, and
 * unpublishing. The caller (the builder's commands) authorises, audits and opens the transaction;
 * these functions take it.
 *
 * The version rule (docs/builder.md): a published version is never changed. Publishing adds
 * version N+1 and makes it the procedure's current version; drafts stay pinned to the version
 * they were started on (drafts.procedure_version_id), so an open draft continues on its own
 * version, is submitted on it, and its application keeps it for ever. New drafts get N+1.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { FormDefinition } from "../forms/definition.ts";
import { validateDefinition } from "../forms/index.ts";
import { procedures, procedureVersions, type ProcedureDetails } from "../tables.ts";
import { searchTextFor } from "./import-catalogue.ts";

/** What residents see about a procedure besides its form (the procedures row). */
export type ProcedureMetadata = {
  title: LocalizedText;
  /** hiragana reading of the Japanese title (search and 五十音 order) */
  reading: string;
  summary: LocalizedText;
  categoryCode: string;
  lifeEvents: string[];
  keywords: string[];
  channel: "online" | "counter" | "both";
  details: ProcedureDetails;
};

/** The procedures row's columns that come from the metadata, with the search text and fee derived from it. */
function metadataColumns(m: ProcedureMetadata) {
  return {
    categoryCode: m.categoryCode,
    lifeEvents: m.lifeEvents,
    title: m.title,
    reading: m.reading,
    summary: m.summary,
    details: m.details,
    keywords: m.keywords,
    searchText: searchTextFor(m),
    channel: m.channel,
    feeYen: m.details.fee?.amountYen ?? null,
  };
}

/** Creates a procedure that is not published (nobody sees it until its first version is published). */
export async function createUnpublishedProcedure(
  tx: Db,
  values: { slug: string; departmentCode: string; metadata: ProcedureMetadata },
): Promise<string> {
  const [row] = await tx
    .insert(procedures)
    .values({
      slug: values.slug,
      departmentCode: values.departmentCode,
      ...metadataColumns(values.metadata),
      published: false,
    })
    .onConflictDoNothing({ target: procedures.slug })
    .returning({ id: procedures.id });
  if (!row) throw new AppError("conflict", "procedure.slug_taken", { slug: values.slug });
  return row.id;
}

export type PublishVersionResult = { versionId: string; version: number };

/**
 * Publishes a form definition as the procedure's next version, with its metadata, and makes the
 * procedure visible. Refuses an invalid definition (AppError invalid_input with every problem).
 */
export async function publishProcedureVersion(
  tx: Db,
  options: { procedureId: string; definition: FormDefinition; metadata: ProcedureMetadata },
): Promise<PublishVersionResult> {
  const problems = validateDefinition(options.definition);
  if (problems.length > 0) throw new AppError("invalid_input", "procedure.invalid_definition", { problems });
  // Serialise publications of one procedure so that two never take the same number.
  await tx.execute(sql`SELECT id FROM procedures WHERE id = ${options.procedureId} FOR UPDATE`);
  const [latest] = await tx
    .select({ version: procedureVersions.version })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, options.procedureId))
    .orderBy(desc(procedureVersions.version))
    .limit(1);
  const version = (latest?.version ?? 0) + 1;
  const [row] = await tx
    .insert(procedureVersions)
    .values({ procedureId: options.procedureId, version, definition: options.definition })
    .returning({ id: procedureVersions.id });
  await tx
    .update(procedures)
    .set({
      ...metadataColumns(options.metadata),
      currentVersionId: row!.id,
      published: true,
    })
    .where(eq(procedures.id, options.procedureId));
  return { versionId: row!.id, version };
}

/**
 * Shows or hides a procedure in the catalogue. Hidden procedures cannot be started; drafts
 * already open continue on their pinned version (the resident is not left with a dead link).
 */
export async function setProcedurePublished(tx: Db, procedureId: string, published: boolean): Promise<boolean> {
  const rows = await tx.update(procedures).set({ published }).where(eq(procedures.id, procedureId)).returning({ id: procedures.id });
  return rows.length === 1;
}

export type ProcedureRecord = {
  id: string;
  slug: string;
  departmentCode: string;
  published: boolean;
  currentVersionId: string | null;
  currentVersion: number | null;
  metadata: ProcedureMetadata;
  definition: FormDefinition | null;
};

/** A procedure whether published or not, with its current version's definition. */
export async function findProcedureRecord(db: Db, procedureId: string): Promise<ProcedureRecord | null> {
  const [row] = await queryRows<{
    id: string;
    slug: string;
    departmentCode: string;
    published: boolean;
    currentVersionId: string | null;
    currentVersion: number | null;
    title: LocalizedText;
    reading: string;
    summary: LocalizedText;
    categoryCode: string;
    lifeEvents: string[];
    keywords: string[];
    channel: ProcedureMetadata["channel"];
    details: ProcedureDetails;
    definition: FormDefinition | null;
  }>(
    db,
    sql`SELECT p.id, p.slug, p.department_code AS "departmentCode", p.published, p.current_version_id AS "currentVersionId",
               v.version AS "currentVersion", p.title, p.reading, p.summary, p.category_code AS "categoryCode",
               p.life_events AS "lifeEvents", p.keywords, p.channel, p.details, v.definition
        FROM procedures p LEFT JOIN procedure_versions v ON v.id = p.current_version_id
        WHERE p.id = ${procedureId}::uuid`,
  );
  if (!row) return null;
  const { title, reading, summary, categoryCode, lifeEvents, keywords, channel, details, definition, ...rest } = row;
  return { ...rest, definition, metadata: { title, reading, summary, categoryCode, lifeEvents, keywords, channel, details } };
}

export type VersionListItem = { id: string; version: number; createdAt: Date; current: boolean };

/** The versions of a procedure, newest first. */
export async function listProcedureVersions(db: Db, procedureId: string): Promise<VersionListItem[]> {
  const rows = await queryRows<{ id: string; version: number; createdAt: Date | string; current: boolean }>(
    db,
    sql`SELECT v.id, v.version, v.created_at AS "createdAt", (p.current_version_id = v.id) AS current
        FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
        WHERE v.procedure_id = ${procedureId}::uuid ORDER BY v.version DESC`,
  );
  return rows.map((r) => ({ ...r, current: Boolean(r.current), createdAt: r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt) }));
}

/** The definition of one version of a procedure (null when the version is not the procedure's). */
export async function findProcedureVersion(db: Db, procedureId: string, versionId: string): Promise<{ version: number; definition: FormDefinition } | null> {
  const [row] = await db
    .select({ version: procedureVersions.version, definition: procedureVersions.definition })
    .from(procedureVersions)
    .where(and(eq(procedureVersions.id, versionId), eq(procedureVersions.procedureId, procedureId)))
    .limit(1);
  return row ?? null;
}

/** Whether a slug is taken by any procedure, published or not. */
export async function procedureSlugTaken(db: Db, slug: string): Promise<boolean> {
  const rows = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.slug, slug)).limit(1);
  return rows.length > 0;
}

/** Published procedures by slug (for "related procedures"), in the order asked. */
export async function findPublishedTitles(db: Db, slugs: readonly string[]): Promise<Array<{ slug: string; title: LocalizedText }>> {
  if (slugs.length === 0) return [];
  const rows = await queryRows<{ slug: string; title: LocalizedText }>(
    db,
    sql`SELECT slug, title FROM procedures WHERE published AND slug = ANY (string_to_array(${slugs.join(",")}, ','))`,
  );
  return slugs.map((slug) => rows.find((r) => r.slug === slug)).filter((r): r is { slug: string; title: LocalizedText } => r !== undefined);
}
