/**
 * SQL of procedure import and export. Every function takes the database or the caller's
 * transaction first. Bulk writes send a whole batch as one jsonb parameter and expand it with
 * jsonb_to_recordset, so 1,500 procedures cost a handful of statements on PostgreSQL and PGlite
 * alike (no driver-specific array binding).
 *
 * Department names are read through the identity module's `identity_departments` view in the same
 * query (ADR 0020, as the staff back office does); departments are created only through the
 * identity module's upsertDepartments.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import type { FormDefinition } from "../forms/definition.ts";
import type { ProcedureDetails } from "../tables.ts";
import type { Reference } from "./document.ts";

export type StoredProcedure = {
  slug: string;
  title: LocalizedText;
  reading: string;
  summary: LocalizedText;
  details: ProcedureDetails;
  keywords: string[];
  channel: "online" | "counter" | "both";
  demo: boolean;
  published: boolean;
  departmentCode: string;
  departmentNameJa: string;
  departmentNameEn: string;
  departmentKind: "ward" | "bureau";
  categoryCode: string;
  categoryName: LocalizedText;
  lifeEvents: Reference[];
  definition: FormDefinition | null;
};

export type StoredProcedureFilter = {
  /** Only these slugs (any publication state); otherwise every published procedure. */
  slugs?: readonly string[];
  /** Keyset: slugs after this one. */
  after?: string;
  limit: number;
};

/** Procedures with what they refer to and their current form, by slug. */
export async function findStoredProcedures(db: Db, filter: StoredProcedureFilter): Promise<StoredProcedure[]> {
  const where = filter.slugs
    ? sql`p.slug IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.slugs)}::jsonb))`
    : sql`p.published`;
  const after = filter.after === undefined ? sql`` : sql`AND p.slug > ${filter.after}`;
  return queryRows<StoredProcedure>(
    db,
    sql`SELECT p.slug, p.title, p.reading, p.summary, p.details, to_jsonb(p.keywords) AS keywords, p.channel, p.demo, p.published,
               d.code AS "departmentCode", d.name_ja AS "departmentNameJa", d.name_en AS "departmentNameEn", d.kind AS "departmentKind",
               c.code AS "categoryCode", c.name AS "categoryName",
               (SELECT coalesce(jsonb_agg(jsonb_build_object('code', u.code, 'name', coalesce(e.name, jsonb_build_object('ja', u.code))) ORDER BY u.n), '[]'::jsonb)
                  FROM unnest(p.life_events) WITH ORDINALITY AS u(code, n) LEFT JOIN life_events e ON e.code = u.code) AS "lifeEvents",
               v.definition
        FROM procedures p
        JOIN identity_departments d ON d.code = p.department_code
        JOIN categories c ON c.code = p.category_code
        LEFT JOIN procedure_versions v ON v.id = p.current_version_id
        WHERE ${where} ${after}
        ORDER BY p.slug
        LIMIT ${filter.limit}`,
  );
}

export async function countPublishedProcedures(db: Db): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM procedures WHERE published`);
  return row?.count ?? 0;
}

export type ReferenceRows = {
  categories: Array<{ code: string; name: LocalizedText }>;
  lifeEvents: Array<{ code: string; name: LocalizedText }>;
};

/** Every category and life event (a few dozen rows). */
export async function findCatalogueReferences(db: Db): Promise<ReferenceRows> {
  const [categories, lifeEvents] = await Promise.all([
    queryRows<{ code: string; name: LocalizedText }>(db, sql`SELECT code, name FROM categories ORDER BY position, code`),
    queryRows<{ code: string; name: LocalizedText }>(db, sql`SELECT code, name FROM life_events ORDER BY position, code`),
  ]);
  return { categories, lifeEvents };
}

/** Adds categories that do not exist yet, after the existing ones; existing names are kept. */
export async function insertMissingCategories(tx: Db, items: readonly Reference[]): Promise<void> {
  if (items.length === 0) return;
  await tx.execute(
    sql`INSERT INTO categories (code, name, position)
        SELECT x.code, x.name, (SELECT coalesce(max(position), -1) FROM categories) + x.n
        FROM jsonb_to_recordset(${JSON.stringify(items.map((item, i) => ({ ...item, n: i + 1 })))}::jsonb) AS x(code text, name jsonb, n int)
        ON CONFLICT (code) DO NOTHING`,
  );
}

/** Adds life events that do not exist yet, after the existing ones; existing names are kept. */
export async function insertMissingLifeEvents(tx: Db, items: readonly Reference[]): Promise<void> {
  if (items.length === 0) return;
  await tx.execute(
    sql`INSERT INTO life_events (code, name, position)
        SELECT x.code, x.name, (SELECT coalesce(max(position), -1) FROM life_events) + x.n
        FROM jsonb_to_recordset(${JSON.stringify(items.map((item, i) => ({ ...item, n: i + 1 })))}::jsonb) AS x(code text, name jsonb, n int)
        ON CONFLICT (code) DO NOTHING`,
  );
}

/** One procedure's catalogue fields as written by upsertProcedures. */
export type ProcedureRowInput = {
  slug: string;
  department_code: string;
  category_code: string;
  life_events: string[];
  title: LocalizedText;
  reading: string;
  summary: LocalizedText;
  details: ProcedureDetails;
  keywords: string[];
  search_text: string;
  channel: "online" | "counter" | "both";
  fee_yen: number | null;
  demo: boolean;
};

/** Creates or updates procedures by slug (publication state and form are left as they are). */
export async function upsertProcedures(tx: Db, rows: readonly ProcedureRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(
    sql`INSERT INTO procedures (slug, department_code, category_code, life_events, title, reading, summary, details, keywords, search_text, channel, fee_yen, demo)
        SELECT x.slug, x.department_code, x.category_code,
               ARRAY(SELECT t.e FROM jsonb_array_elements_text(x.life_events) WITH ORDINALITY AS t(e, n) ORDER BY t.n),
               x.title, x.reading, x.summary, x.details,
               ARRAY(SELECT t.e FROM jsonb_array_elements_text(x.keywords) WITH ORDINALITY AS t(e, n) ORDER BY t.n),
               x.search_text, x.channel, x.fee_yen, x.demo
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          slug text, department_code text, category_code text, life_events jsonb, title jsonb, reading text, summary jsonb,
          details jsonb, keywords jsonb, search_text text, channel text, fee_yen integer, demo boolean)
        ON CONFLICT (slug) DO UPDATE SET
          department_code = excluded.department_code, category_code = excluded.category_code, life_events = excluded.life_events,
          title = excluded.title, reading = excluded.reading, summary = excluded.summary, details = excluded.details,
          keywords = excluded.keywords, search_text = excluded.search_text, channel = excluded.channel,
          fee_yen = excluded.fee_yen, demo = excluded.demo`,
  );
}

/**
 * Publishes each form as the next version of its procedure and makes it the current one. Older
 * versions stay: drafts are pinned to the version they were started on.
 */
export async function publishFormVersions(tx: Db, forms: ReadonlyArray<{ slug: string; definition: FormDefinition }>): Promise<void> {
  if (forms.length === 0) return;
  await tx.execute(
    sql`WITH incoming AS (
          SELECT p.id AS procedure_id, x.definition
          FROM jsonb_to_recordset(${JSON.stringify(forms)}::jsonb) AS x(slug text, definition jsonb)
          JOIN procedures p ON p.slug = x.slug
        ), inserted AS (
          INSERT INTO procedure_versions (procedure_id, version, definition)
          SELECT i.procedure_id, coalesce((SELECT max(v.version) FROM procedure_versions v WHERE v.procedure_id = i.procedure_id), 0) + 1, i.definition
          FROM incoming i
          RETURNING id, procedure_id
        )
        UPDATE procedures p SET current_version_id = inserted.id FROM inserted WHERE p.id = inserted.procedure_id`,
  );
}

/** Takes the online form off procedures (their versions stay for pinned drafts). */
export async function clearCurrentForms(tx: Db, slugs: readonly string[]): Promise<void> {
  if (slugs.length === 0) return;
  await tx.execute(
    sql`UPDATE procedures SET current_version_id = NULL WHERE slug IN (SELECT jsonb_array_elements_text(${JSON.stringify(slugs)}::jsonb))`,
  );
}
