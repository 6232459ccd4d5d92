/**
 * SQL of the builder's own tables. Every function takes the database or the caller's
 * transaction first. Lists of working copies read the procedure's slug, title and published
 * flag, and the names of staff, from the procedures and identity tables in the same query
 * (read-only joins, as the staff back office does): a list of 1,500 procedures must not cost a
 * round trip per row.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { runStatement, statement } from "../../core/db/statements.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import { normalizeForSearch } from "../../core/text/japanese.ts";
import type { FormDefinition } from "../procedures/index.ts";
import type { CaseAppConfig } from "./case-app/config.ts";
import type { BuilderMetadata } from "./definition/metadata.ts";
import type { PageContent } from "./pages/blocks.ts";
import { assets, caseApps, pageHistory, pages, procedureDrafts, versionLog, type DraftState } from "./tables.ts";

/** A timestamptz as a Date (raw queries answer with text on node-postgres, Dates on PGlite). */
export function asDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}

function listOf(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

// ---------------------------------------------------------------------------------------------
// Working copies of procedures

export type DraftRow = {
  procedureId: string;
  departmentCode: string;
  definition: FormDefinition;
  metadata: BuilderMetadata;
  state: DraftState;
  revision: number;
  basedOnVersionId: string | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  reviewNote: string | null;
  approvedBy: string | null;
  publishAt: Date | null;
  updatedBy: string | null;
  updatedAt: Date;
  /** From the procedures table. */
  slug: string;
  published: boolean;
  currentVersionId: string | null;
  currentVersion: number | null;
};

function draftSql(where: SQL, lock: boolean): SQL {
  return sql`SELECT d.procedure_id AS "procedureId", d.department_code AS "departmentCode", d.definition, d.metadata,
                    d.state, d.revision, d.based_on_version_id AS "basedOnVersionId", d.submitted_by AS "submittedBy",
                    d.submitted_at AS "submittedAt", d.review_note AS "reviewNote", d.approved_by AS "approvedBy",
                    d.publish_at AS "publishAt", d.updated_by AS "updatedBy", d.updated_at AS "updatedAt",
                    p.slug, p.published, p.current_version_id AS "currentVersionId", v.version AS "currentVersion"
             FROM builder_procedure_drafts d
             JOIN procedures p ON p.id = d.procedure_id
             LEFT JOIN procedure_versions v ON v.id = p.current_version_id
             WHERE ${where}
             ${lock ? sql`FOR UPDATE OF d` : sql``}`;
}

function withDraftDates(row: DraftRow): DraftRow {
  return {
    ...row,
    submittedAt: asDate(row.submittedAt),
    publishAt: asDate(row.publishAt),
    updatedAt: asDate(row.updatedAt)!,
    published: Boolean(row.published),
  };
}

export async function findDraft(db: Db, procedureId: string): Promise<DraftRow | null> {
  const [row] = await queryRows<DraftRow>(db, draftSql(sql`d.procedure_id = ${procedureId}::uuid`, false));
  return row ? withDraftDates(row) : null;
}

/** The working copy, locked until the end of the transaction. */
export async function lockDraft(tx: Db, procedureId: string): Promise<DraftRow | null> {
  const [row] = await queryRows<DraftRow>(tx, draftSql(sql`d.procedure_id = ${procedureId}::uuid`, true));
  return row ? withDraftDates(row) : null;
}

export async function insertDraft(
  tx: Db,
  values: { procedureId: string; departmentCode: string; definition: FormDefinition; metadata: BuilderMetadata; state: DraftState; basedOnVersionId: string | null; updatedBy: string | null },
): Promise<boolean> {
  const rows = await tx.insert(procedureDrafts).values(values).onConflictDoNothing({ target: procedureDrafts.procedureId }).returning({ id: procedureDrafts.procedureId });
  return rows.length === 1;
}

export type DraftChanges = Partial<{
  definition: FormDefinition;
  metadata: BuilderMetadata;
  state: DraftState;
  basedOnVersionId: string | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  reviewNote: string | null;
  approvedBy: string | null;
  publishAt: Date | null;
}>;

/** Saves changes when the copy is still at `revision`; the new revision, or null when it moved on. */
export async function updateDraft(tx: Db, procedureId: string, revision: number, changes: DraftChanges, actorId: string | null): Promise<number | null> {
  const rows = await tx
    .update(procedureDrafts)
    .set({ ...changes, revision: sql`${procedureDrafts.revision} + 1`, updatedBy: actorId, updatedAt: sql`now()` })
    .where(and(eq(procedureDrafts.procedureId, procedureId), eq(procedureDrafts.revision, revision)))
    .returning({ revision: procedureDrafts.revision });
  return rows[0]?.revision ?? null;
}

export type DraftListItem = {
  procedureId: string;
  slug: string;
  title: LocalizedText;
  departmentCode: string;
  state: DraftState;
  published: boolean;
  currentVersion: number | null;
  publishAt: Date | null;
  updatedAt: Date;
};

export type DraftListFilter = { departmentCodes: readonly string[]; search?: string; state?: DraftState; offset: number; limit: number };

function draftListWhere(filter: DraftListFilter): SQL {
  const parts: SQL[] = [filter.departmentCodes.length ? sql`d.department_code IN (${listOf(filter.departmentCodes)})` : sql`false`];
  if (filter.state) parts.push(sql`d.state = ${filter.state}`);
  if (filter.search) {
    const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      sql`(p.search_text LIKE ${like(normalizeForSearch(filter.search))} ESCAPE '\\' OR p.slug LIKE ${like(filter.search.toLowerCase())} ESCAPE '\\' OR d.metadata -> 'title' ->> 'ja' LIKE ${like(filter.search)} ESCAPE '\\')`,
    );
  }
  return sql.join(parts, sql` AND `);
}

/** Working copies of the departments, last changed first. */
export async function listDrafts(db: Db, filter: DraftListFilter): Promise<DraftListItem[]> {
  const rows = await queryRows<DraftListItem>(
    db,
    sql`SELECT d.procedure_id AS "procedureId", p.slug, d.metadata -> 'title' AS title, d.department_code AS "departmentCode",
               d.state, p.published, v.version AS "currentVersion", d.publish_at AS "publishAt", d.updated_at AS "updatedAt"
        FROM builder_procedure_drafts d
        JOIN procedures p ON p.id = d.procedure_id
        LEFT JOIN procedure_versions v ON v.id = p.current_version_id
        WHERE ${draftListWhere(filter)}
        ORDER BY d.updated_at DESC, d.procedure_id
        LIMIT ${filter.limit} OFFSET ${filter.offset}`,
  );
  return rows.map((r) => ({ ...r, published: Boolean(r.published), publishAt: asDate(r.publishAt), updatedAt: asDate(r.updatedAt)! }));
}

export async function countDrafts(db: Db, filter: Omit<DraftListFilter, "offset" | "limit">): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM builder_procedure_drafts d JOIN procedures p ON p.id = d.procedure_id
        WHERE ${draftListWhere({ ...filter, offset: 0, limit: 0 })}`,
  );
  return row?.n ?? 0;
}

/** Procedures of the departments that have no working copy yet (made by the catalogue import). */
export async function proceduresWithoutDraft(db: Db, departmentCodes: readonly string[], limit: number): Promise<Array<{ id: string; slug: string; title: LocalizedText }>> {
  if (departmentCodes.length === 0) return [];
  return queryRows(
    db,
    sql`SELECT p.id, p.slug, p.title FROM procedures p
        WHERE p.department_code IN (${listOf(departmentCodes)})
          AND NOT EXISTS (SELECT 1 FROM builder_procedure_drafts d WHERE d.procedure_id = p.id)
        ORDER BY p.reading, p.slug LIMIT ${limit}`,
  );
}

/** Published procedures of a department (calls to action on pages may lead to them). */
export async function publishedProceduresOf(db: Db, departmentCode: string): Promise<Array<{ slug: string; title: LocalizedText }>> {
  return queryRows(db, sql`SELECT slug, title FROM procedures WHERE published AND department_code = ${departmentCode} ORDER BY reading, slug LIMIT 500`);
}

/** Scheduled copies whose time has come, locked (a second scheduler skips them). */
export async function lockDueDrafts(tx: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`SELECT procedure_id AS id FROM builder_procedure_drafts
        WHERE state = 'scheduled' AND publish_at <= ${now.toISOString()}::timestamptz
        ORDER BY publish_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((r) => r.id);
}

export async function insertVersionLog(
  tx: Db,
  values: { versionId: string; procedureId: string; authoredBy: string | null; approvedBy: string | null; mode: "now" | "scheduled" | "system" },
): Promise<void> {
  await tx.insert(versionLog).values(values);
}

export type VersionLogRow = { versionId: string; authoredBy: string | null; approvedBy: string | null; mode: string; publishedAt: Date };

export async function listVersionLog(db: Db, procedureId: string): Promise<VersionLogRow[]> {
  return db
    .select({ versionId: versionLog.versionId, authoredBy: versionLog.authoredBy, approvedBy: versionLog.approvedBy, mode: versionLog.mode, publishedAt: versionLog.publishedAt })
    .from(versionLog)
    .where(eq(versionLog.procedureId, procedureId))
    .orderBy(desc(versionLog.publishedAt));
}

export type AuditTrailItem = { seq: number; at: string; actorId: string | null; action: string; data: Record<string, unknown> };

/** The audit records of one object, newest first (the change history the builder shows). */
export async function auditTrail(db: Db, objectType: string, objectId: string, limit = 50): Promise<AuditTrailItem[]> {
  const rows = await queryRows<Omit<AuditTrailItem, "seq" | "at"> & { seq: number | string; at: string | Date }>(
    db,
    sql`SELECT seq, at, actor_id AS "actorId", action, data FROM audit_log
        WHERE object_type = ${objectType} AND object_id = ${objectId}
        ORDER BY seq DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at: r.at instanceof Date ? r.at.toISOString() : String(r.at) }));
}

// ---------------------------------------------------------------------------------------------
// Case apps

export type CaseAppRow = { procedureId: string; departmentCode: string; config: CaseAppConfig; revision: number; updatedAt: Date };

// Every submission looks for its procedure's case app: prepared once per connection.
const FIND_CASE_APP = statement(
  "builder.find_case_app",
  `SELECT procedure_id AS "procedureId", department_code AS "departmentCode", config, revision, updated_at AS "updatedAt"
     FROM builder_case_apps WHERE procedure_id = $1 LIMIT 1`,
);

export async function findCaseApp(db: Db, procedureId: string): Promise<CaseAppRow | null> {
  const [row] = await runStatement<Omit<CaseAppRow, "updatedAt"> & { updatedAt: string }>(db, FIND_CASE_APP, [procedureId]);
  // As drizzle maps a timestamptz column (the text PostgreSQL sent, read by Date).
  return row ? { ...row, updatedAt: new Date(row.updatedAt) } : null;
}

/** Creates or replaces a case app when it is still at `revision` (0 = none yet); the new revision or null. */
export async function saveCaseApp(tx: Db, values: { procedureId: string; departmentCode: string; config: CaseAppConfig; revision: number; actorId: string | null }): Promise<number | null> {
  if (values.revision === 0) {
    const rows = await tx
      .insert(caseApps)
      .values({ procedureId: values.procedureId, departmentCode: values.departmentCode, config: values.config, updatedBy: values.actorId })
      .onConflictDoNothing({ target: caseApps.procedureId })
      .returning({ revision: caseApps.revision });
    return rows[0]?.revision ?? null;
  }
  const rows = await tx
    .update(caseApps)
    .set({ config: values.config, revision: sql`${caseApps.revision} + 1`, updatedBy: values.actorId, updatedAt: sql`now()` })
    .where(and(eq(caseApps.procedureId, values.procedureId), eq(caseApps.revision, values.revision)))
    .returning({ revision: caseApps.revision });
  return rows[0]?.revision ?? null;
}

// ---------------------------------------------------------------------------------------------
// Pages

export type PageRow = {
  id: string;
  slug: string;
  kind: "notice" | "info";
  departmentCode: string;
  draft: PageContent;
  published: PageContent | null;
  publishedAt: Date | null;
  revision: number;
  updatedAt: Date;
};

const pageColumns = {
  id: pages.id,
  slug: pages.slug,
  kind: pages.kind,
  departmentCode: pages.departmentCode,
  draft: pages.draft,
  published: pages.published,
  publishedAt: pages.publishedAt,
  revision: pages.revision,
  updatedAt: pages.updatedAt,
};

export async function insertPage(tx: Db, values: { slug: string; kind: "notice" | "info"; departmentCode: string; draft: PageContent; actorId: string | null }): Promise<string | null> {
  const rows = await tx
    .insert(pages)
    .values({ slug: values.slug, kind: values.kind, departmentCode: values.departmentCode, draft: values.draft, createdBy: values.actorId, updatedBy: values.actorId })
    .onConflictDoNothing({ target: pages.slug })
    .returning({ id: pages.id });
  return rows[0]?.id ?? null;
}

export async function findPage(db: Db, id: string): Promise<PageRow | null> {
  const [row] = await db.select(pageColumns).from(pages).where(eq(pages.id, id)).limit(1);
  return row ?? null;
}

/** A page, locked until the end of the transaction. */
export async function lockPage(tx: Db, id: string): Promise<PageRow | null> {
  const [row] = await tx.select(pageColumns).from(pages).where(eq(pages.id, id)).limit(1).for("update");
  return row ?? null;
}

export async function updatePage(
  tx: Db,
  id: string,
  revision: number,
  changes: Partial<{ draft: PageContent; published: PageContent | null; publishedAt: Date | null; publishedBy: string | null }>,
  actorId: string,
): Promise<number | null> {
  const rows = await tx
    .update(pages)
    .set({ ...changes, revision: sql`${pages.revision} + 1`, updatedBy: actorId, updatedAt: sql`now()` })
    .where(and(eq(pages.id, id), eq(pages.revision, revision)))
    .returning({ revision: pages.revision });
  return rows[0]?.revision ?? null;
}

export async function listPages(db: Db, departmentCodes: readonly string[]): Promise<PageRow[]> {
  if (departmentCodes.length === 0) return [];
  return db
    .select(pageColumns)
    .from(pages)
    .where(sql`${pages.departmentCode} IN (${listOf(departmentCodes)})`)
    .orderBy(desc(pages.updatedAt));
}

export async function insertPageHistory(tx: Db, values: { pageId: string; actorId: string | null; action: "created" | "saved" | "published" | "unpublished"; revision: number; content: PageContent }): Promise<void> {
  await tx.insert(pageHistory).values(values);
}

export type PageHistoryItem = { id: number; at: Date; actorId: string | null; action: string; revision: number; content: PageContent };

export async function listPageHistory(db: Db, pageId: string, limit = 50): Promise<PageHistoryItem[]> {
  return db
    .select({ id: pageHistory.id, at: pageHistory.at, actorId: pageHistory.actorId, action: pageHistory.action, revision: pageHistory.revision, content: pageHistory.content })
    .from(pageHistory)
    .where(eq(pageHistory.pageId, pageId))
    .orderBy(desc(pageHistory.id))
    .limit(limit);
}

export type PublishedPage = { id: string; slug: string; kind: "notice" | "info"; content: PageContent; publishedAt: Date };

export async function findPublishedPage(db: Db, slug: string): Promise<PublishedPage | null> {
  const [row] = await queryRows<PublishedPage & { publishedAt: Date | string }>(
    db,
    sql`SELECT id, slug, kind, published AS content, published_at AS "publishedAt" FROM builder_pages WHERE slug = ${slug} AND published IS NOT NULL`,
  );
  return row ? { ...row, publishedAt: asDate(row.publishedAt)! } : null;
}

/** The newest published notices, for the home page. */
export async function latestNotices(db: Db, limit: number): Promise<PublishedPage[]> {
  const rows = await queryRows<PublishedPage & { publishedAt: Date | string }>(
    db,
    sql`SELECT id, slug, kind, published AS content, published_at AS "publishedAt" FROM builder_pages
        WHERE kind = 'notice' AND published IS NOT NULL ORDER BY published_at DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, publishedAt: asDate(r.publishedAt)! }));
}

export async function insertAsset(tx: Db, values: { pageId: string; kind: "png" | "jpeg"; name: string; bytes: Buffer; sha256: string; uploadedBy: string }): Promise<string> {
  const [row] = await tx
    .insert(assets)
    .values({ pageId: values.pageId, kind: values.kind, name: values.name, size: values.bytes.length, sha256: values.sha256, bytes: values.bytes, uploadedBy: values.uploadedBy })
    .returning({ id: assets.id });
  return row!.id;
}

export type AssetRow = { id: string; pageId: string; kind: "png" | "jpeg"; name: string; bytes: Buffer };

export async function findAsset(db: Db, id: string): Promise<AssetRow | null> {
  const [row] = await queryRows<AssetRow & { bytes: Buffer | Uint8Array }>(db, sql`SELECT id, page_id AS "pageId", kind, name, bytes FROM builder_assets WHERE id = ${id}::uuid`);
  return row ? { ...row, bytes: Buffer.from(row.bytes) } : null;
}

export async function listAssets(db: Db, pageId: string): Promise<Array<{ id: string; name: string; kind: string }>> {
  return db.select({ id: assets.id, name: assets.name, kind: assets.kind }).from(assets).where(eq(assets.pageId, pageId)).orderBy(desc(assets.createdAt));
}
