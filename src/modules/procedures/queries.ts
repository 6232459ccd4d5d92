/**
 * SQL of the resident side of procedures: the catalogue, drafts, applications, their resident
 * timeline and files. Every function takes the database or the caller's transaction first.
 * Everything that reads a resident's data is scoped to that resident in the SQL itself
 * (user_id / owner_id), so a wrong caller still cannot read someone else's.
 */
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { Answers, FileAnswer, FormDefinition } from "./forms/definition.ts";
import {
  applicationEvents,
  applications,
  categories,
  drafts,
  lifeEvents,
  procedures,
  type ApplicationStatus,
  type ProcedureDetails,
} from "./tables.ts";
import { versionDefinition } from "./version-definitions.ts";
import { runStatement, statement } from "../../core/db/statements.ts";

// ---------------------------------------------------------------------------------------------
// Catalogue

export type Facet = { code: string; name: LocalizedText; count: number };

/** Life events with the number of published procedures for each, in their order. */
export async function listLifeEventFacets(db: Db): Promise<Facet[]> {
  return queryRows<Facet>(
    db,
    sql`SELECT e.code, e.name, count(p.id)::int AS count
        FROM life_events e
        LEFT JOIN procedures p ON p.published AND e.code = ANY (p.life_events)
        GROUP BY e.code, e.name, e.position
        ORDER BY e.position, e.code`,
  );
}

/** Categories with the number of published procedures in each, in their order. */
export async function listCategoryFacets(db: Db): Promise<Facet[]> {
  return queryRows<Facet>(
    db,
    sql`SELECT c.code, c.name, count(p.id)::int AS count
        FROM categories c
        LEFT JOIN procedures p ON p.published AND p.category_code = c.code
        GROUP BY c.code, c.name, c.position
        ORDER BY c.position, c.code`,
  );
}

/** Departments that own published procedures, with how many. */
export async function countProceduresByDepartment(db: Db): Promise<Array<{ code: string; count: number }>> {
  return queryRows(
    db,
    sql`SELECT department_code AS code, count(*)::int AS count FROM procedures WHERE published GROUP BY department_code`,
  );
}

export type CatalogueRow = {
  id: string;
  slug: string;
  title: LocalizedText;
  reading: string;
  summary: LocalizedText;
  keywords: string[];
  channel: "online" | "counter" | "both";
  departmentCode: string;
  categoryCode: string;
  lifeEvents: string[];
  feeYen: number | null;
};

/** `%term%` for LIKE, with \, % and _ escaped (used with ESCAPE '\'). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type CatalogueFilter = {
  /** Normalised search terms (normalizeForSearch); each must be found in search_text. */
  terms: string[];
  event?: string | undefined;
  category?: string | undefined;
  department?: string | undefined;
  limit: number;
};

/** Published procedures matching every term and filter, by reading (五十音順). */
export async function findCatalogueProcedures(db: Db, filter: CatalogueFilter): Promise<CatalogueRow[]> {
  const where: SQL[] = [sql`p.published`];
  for (const term of filter.terms) where.push(sql`p.search_text LIKE ${containsPattern(term)} ESCAPE '\\'`);
  if (filter.event) where.push(sql`${filter.event} = ANY (p.life_events)`);
  if (filter.category) where.push(sql`p.category_code = ${filter.category}`);
  if (filter.department) where.push(sql`p.department_code = ${filter.department}`);
  return queryRows<CatalogueRow>(
    db,
    sql`SELECT p.id, p.slug, p.title, p.reading, p.summary, p.keywords, p.channel,
               p.department_code AS "departmentCode", p.category_code AS "categoryCode",
               p.life_events AS "lifeEvents", p.fee_yen AS "feeYen"
        FROM procedures p
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY p.reading, p.slug
        LIMIT ${filter.limit}`,
  );
}

/**
 * The procedures residents use most: by applications in the last 90 days, topped up with the
 * given slugs (the city's own priorities) while there are few applications yet.
 */
export async function findPopularProcedures(db: Db, featuredSlugs: readonly string[], limit: number): Promise<CatalogueRow[]> {
  const featured = featuredSlugs.join(","); // slugs are url-safe: no commas
  return queryRows<CatalogueRow>(
    db,
    sql`SELECT p.id, p.slug, p.title, p.reading, p.summary, p.keywords, p.channel,
               p.department_code AS "departmentCode", p.category_code AS "categoryCode",
               p.life_events AS "lifeEvents", p.fee_yen AS "feeYen"
        FROM procedures p
        LEFT JOIN (SELECT procedure_id, count(*) AS n FROM applications
                   WHERE submitted_at > now() - interval '90 days' GROUP BY procedure_id) a ON a.procedure_id = p.id
        WHERE p.published AND p.channel <> 'counter'
          AND (a.n IS NOT NULL OR p.slug = ANY (string_to_array(${featured}, ',')))
        ORDER BY coalesce(a.n, 0) DESC, array_position(string_to_array(${featured}, ','), p.slug), p.reading
        LIMIT ${limit}`,
  );
}

export type ProcedureRow = CatalogueRow & {
  details: ProcedureDetails;
  currentVersionId: string | null;
};

/** A published procedure by its slug. */
export async function findProcedureBySlug(db: Db, slug: string): Promise<ProcedureRow | null> {
  const [row] = await db
    .select({
      id: procedures.id,
      slug: procedures.slug,
      title: procedures.title,
      reading: procedures.reading,
      summary: procedures.summary,
      keywords: procedures.keywords,
      channel: procedures.channel,
      departmentCode: procedures.departmentCode,
      categoryCode: procedures.categoryCode,
      lifeEvents: procedures.lifeEvents,
      feeYen: procedures.feeYen,
      details: procedures.details,
      currentVersionId: procedures.currentVersionId,
    })
    .from(procedures)
    .where(and(eq(procedures.slug, slug), eq(procedures.published, true)))
    .limit(1);
  return row ?? null;
}

/** Names of life events or categories by code. */
export async function lifeEventNames(db: Db): Promise<Map<string, LocalizedText>> {
  const rows = await db.select({ code: lifeEvents.code, name: lifeEvents.name }).from(lifeEvents);
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function categoryNames(db: Db): Promise<Map<string, LocalizedText>> {
  const rows = await db.select({ code: categories.code, name: categories.name }).from(categories);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The form definition of a procedure version (read once per process: versions never change). */
export async function findVersionDefinition(db: Db, versionId: string): Promise<FormDefinition | null> {
  return versionDefinition(db, versionId);
}

// ---------------------------------------------------------------------------------------------
// Drafts

/**
 * Serialises "start a draft" per resident and procedure for the rest of the transaction, so that
 * a double-clicked start button creates one draft.
 */
export async function lockDraftStart(tx: Db, userId: string, procedureId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`draft-start:${userId}:${procedureId}`}, 0))`);
}

/** The resident's newest unsubmitted draft of any version of a procedure. */
export async function findOpenDraft(tx: Db, userId: string, procedureId: string): Promise<{ id: string } | null> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT d.id FROM drafts d JOIN procedure_versions v ON v.id = d.procedure_version_id
        WHERE d.user_id = ${userId} AND v.procedure_id = ${procedureId} AND d.submitted_at IS NULL
        ORDER BY d.updated_at DESC LIMIT 1`,
  );
  return row ?? null;
}

export async function insertDraft(tx: Db, values: { userId: string; procedureVersionId: string; pending: DraftPending }): Promise<string> {
  const [row] = await tx
    .insert(drafts)
    .values({ userId: values.userId, procedureVersionId: values.procedureVersionId, answers: {}, pending: values.pending })
    .returning({ id: drafts.id });
  return row!.id;
}

/**
 * What a draft keeps besides its answers (drafts.pending):
 * - pages: what was typed on pages that did not validate yet (save and exit), by page id;
 * - prefill: suggested answers from the resident's profile, shown in empty fields until the
 *   resident confirms them by continuing (they are not answers until then).
 */
export type DraftPending = {
  pages?: Record<string, Record<string, string | string[] | undefined>>;
  prefill?: Answers;
};

export type DraftView = {
  id: string;
  userId: string;
  answers: Answers;
  pending: DraftPending;
  currentPage: string | null;
  updatedAt: Date;
  submittedAt: Date | null;
  procedureVersionId: string;
  definition: FormDefinition;
  procedureId: string;
  procedureSlug: string;
  procedureTitle: LocalizedText;
  departmentCode: string;
  processingTime: LocalizedText;
  /** The application made from this draft, once submitted. */
  applicationId: string | null;
};

/** The draft's row and procedure; the form definition comes from versionDefinition (unchanging per version). */
function draftViewText(lock: boolean): string {
  return `SELECT d.id, d.user_id AS "userId", d.answers, d.pending, d.current_page AS "currentPage",
                 d.updated_at AS "updatedAt", d.submitted_at AS "submittedAt",
                 d.procedure_version_id AS "procedureVersionId",
                 p.id AS "procedureId", p.slug AS "procedureSlug", p.title AS "procedureTitle",
                 p.department_code AS "departmentCode", p.details -> 'processingTime' AS "processingTime",
                 a.id AS "applicationId"
          FROM drafts d
          JOIN procedure_versions v ON v.id = d.procedure_version_id
          JOIN procedures p ON p.id = v.procedure_id
          LEFT JOIN applications a ON a.draft_id = d.id
          WHERE d.id = $1 AND d.user_id = $2
          ${lock ? "FOR UPDATE OF d" : ""}`;
}
// Every draft request reads its draft: prepared once per connection.
const FIND_DRAFT = statement("procedures.find_draft", draftViewText(false));
const LOCK_DRAFT = statement("procedures.lock_draft", draftViewText(true));

async function withDefinition(db: Db, row: Omit<DraftView, "definition"> | undefined): Promise<DraftView | null> {
  if (!row) return null;
  const definition = await versionDefinition(db, row.procedureVersionId);
  if (!definition) throw new Error(`procedure version ${row.procedureVersionId} has no definition`);
  return { ...row, definition };
}

/** A draft of this resident with its form definition and procedure; null when not theirs. */
export async function findDraftForUser(db: Db, draftId: string, userId: string): Promise<DraftView | null> {
  const [row] = await runStatement<Omit<DraftView, "definition">>(db, FIND_DRAFT, [draftId, userId]);
  return withDefinition(db, row);
}

/** The same, locking the draft row until the end of the transaction. */
export async function lockDraftForUser(tx: Db, draftId: string, userId: string): Promise<DraftView | null> {
  const [row] = await runStatement<Omit<DraftView, "definition">>(tx, LOCK_DRAFT, [draftId, userId]);
  return withDefinition(tx, row);
}

export async function updateDraft(
  tx: Db,
  draftId: string,
  values: { answers: Answers; pending: DraftPending; currentPage: string | null },
): Promise<void> {
  await tx
    .update(drafts)
    .set({ answers: values.answers, pending: values.pending, currentPage: values.currentPage, updatedAt: sql`now()` })
    .where(eq(drafts.id, draftId));
}

export async function markDraftSubmitted(tx: Db, draftId: string, answers: Answers): Promise<void> {
  await tx.update(drafts).set({ answers, pending: {}, submittedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(drafts.id, draftId));
}

const MARK_SUBMITTED_IF_UNCHANGED = statement(
  "procedures.mark_draft_submitted_if_unchanged",
  `UPDATE drafts SET answers = $1::jsonb, pending = '{}'::jsonb, submitted_at = now(), updated_at = now()
    WHERE id = $2 AND user_id = $3 AND submitted_at IS NULL AND updated_at = $4::timestamptz
    RETURNING id`,
);

/**
 * Marks the resident's draft submitted with these answers, only if it is unsubmitted and still as
 * read at `updatedAt` (its updated_at exactly as read); true when it did (the row is then locked
 * until the end of the transaction).
 */
export async function markDraftSubmittedIfUnchanged(
  tx: Db,
  draft: { draftId: string; userId: string; updatedAt: Date | string; answers: Answers },
): Promise<boolean> {
  // Raw reads keep timestamps as PostgreSQL wrote them (microseconds); a Date has only milliseconds
  // and then never matches — the caller's locking path still answers.
  const updatedAt = draft.updatedAt instanceof Date ? draft.updatedAt.toISOString() : draft.updatedAt;
  const rows = await runStatement(tx, MARK_SUBMITTED_IF_UNCHANGED, [JSON.stringify(draft.answers), draft.draftId, draft.userId, updatedAt]);
  return rows.length === 1;
}

export type DraftListItem = { id: string; procedureTitle: LocalizedText; procedureSlug: string; updatedAt: Date };

/** The resident's drafts in progress, last saved first. */
export async function listOpenDrafts(db: Db, userId: string): Promise<DraftListItem[]> {
  return queryRows<DraftListItem>(
    db,
    sql`SELECT d.id, p.title AS "procedureTitle", p.slug AS "procedureSlug", d.updated_at AS "updatedAt"
        FROM drafts d
        JOIN procedure_versions v ON v.id = d.procedure_version_id
        JOIN procedures p ON p.id = v.procedure_id
        WHERE d.user_id = ${userId} AND d.submitted_at IS NULL
        ORDER BY d.updated_at DESC`,
  );
}

// ---------------------------------------------------------------------------------------------
// Applications

const INSERT_SUBMITTED_APPLICATION = statement(
  "procedures.insert_submitted_application",
  `WITH app AS (
     INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, applicant_name, answers, status)
     VALUES ((SELECT $1::text || CASE WHEN s.n < 1000000 THEN lpad(s.n::text, 6, '0') ELSE s.n::text END
                FROM (SELECT nextval('application_reference_seq') AS n) AS s),
             $2, $3, $4, $5, $6, $7, $8::jsonb, 'received')
     RETURNING id, reference, submitted_at
   ), submitted AS (
     INSERT INTO application_events (application_id, actor_id, type, from_status, to_status, message, internal, data)
     SELECT app.id, $3, 'submitted', NULL, 'received', NULL, false, '{}'::jsonb FROM app
   )
   SELECT id, reference, submitted_at AS "submittedAt" FROM app`,
);

/**
 * Inserts a received application with its 受付番号 — `YYYYMMDD-` (the given day) and the next
 * number of application_reference_seq, at least 6 digits (20261126-000042) — and its history
 * entry 'submitted' by the resident (the row recordEvent writes for it), in one statement. The
 * caller announces the event to integrations (announceEvent in history.ts).
 */
export async function insertSubmittedApplication(
  tx: Db,
  values: {
    /** The day of the 受付番号, "YYYY-MM-DD" (Japan time). */
    referenceDate: string;
    draftId: string;
    userId: string;
    procedureId: string;
    procedureVersionId: string;
    departmentCode: string;
    applicantName: string;
    answers: Answers;
  },
): Promise<{ id: string; reference: string; submittedAt: Date }> {
  const [row] = await runStatement<{ id: string; reference: string; submittedAt: string }>(tx, INSERT_SUBMITTED_APPLICATION, [
    `${values.referenceDate.replace(/-/g, "")}-`,
    values.draftId,
    values.userId,
    values.procedureId,
    values.procedureVersionId,
    values.departmentCode,
    values.applicantName,
    JSON.stringify(values.answers),
  ]);
  // As drizzle maps a timestamptz column (the text PostgreSQL sent, read by Date).
  return { id: row!.id, reference: row!.reference, submittedAt: new Date(row!.submittedAt) };
}

export type ApplicationView = {
  id: string;
  userId: string;
  reference: string;
  status: ApplicationStatus;
  answers: Answers;
  correctionQuestions: string[];
  correctionMessage: string | null;
  revision: number;
  submittedAt: Date;
  updatedAt: Date;
  definition: FormDefinition;
  procedureSlug: string;
  procedureTitle: LocalizedText;
  departmentCode: string;
  processingTime: LocalizedText;
};

function applicationViewSql(where: SQL, lock: boolean): SQL {
  return sql`SELECT a.id, a.user_id AS "userId", a.reference, a.status, a.answers,
                    a.correction_questions AS "correctionQuestions", a.correction_message AS "correctionMessage",
                    a.revision, a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt",
                    v.definition, p.slug AS "procedureSlug", p.title AS "procedureTitle",
                    a.department_code AS "departmentCode", p.details -> 'processingTime' AS "processingTime"
             FROM applications a
             JOIN procedure_versions v ON v.id = a.procedure_version_id
             JOIN procedures p ON p.id = a.procedure_id
             WHERE ${where}
             ${lock ? sql`FOR UPDATE OF a` : sql``}`;
}

/** An application of this resident with its form definition; null when not theirs. */
export async function findApplicationForUser(db: Db, applicationId: string, userId: string): Promise<ApplicationView | null> {
  const [row] = await queryRows<ApplicationView>(db, applicationViewSql(sql`a.id = ${applicationId} AND a.user_id = ${userId}`, false));
  return row ?? null;
}

/** The same, locking the application row until the end of the transaction. */
export async function lockApplicationForUser(tx: Db, applicationId: string, userId: string): Promise<ApplicationView | null> {
  const [row] = await queryRows<ApplicationView>(tx, applicationViewSql(sql`a.id = ${applicationId} AND a.user_id = ${userId}`, true));
  return row ?? null;
}

/** The application made from a draft (there is at most one). */
export async function findApplicationIdByDraft(tx: Db, draftId: string): Promise<string | null> {
  const [row] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.draftId, draftId)).limit(1);
  return row?.id ?? null;
}

/** Changes an application's status (and answers) when its revision is still `revision`; false otherwise. */
export async function updateApplicationByResident(
  tx: Db,
  applicationId: string,
  userId: string,
  revision: number,
  changes: { status: ApplicationStatus; answers?: Answers; clearCorrection?: boolean },
): Promise<boolean> {
  const rows = await tx
    .update(applications)
    .set({
      status: changes.status,
      ...(changes.answers ? { answers: changes.answers } : {}),
      ...(changes.clearCorrection ? { correctionQuestions: [] } : {}),
      revision: sql`${applications.revision} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(applications.id, applicationId), eq(applications.userId, userId), eq(applications.revision, revision)))
    .returning({ id: applications.id });
  return rows.length === 1;
}

export type ApplicationListItem = {
  id: string;
  reference: string;
  status: ApplicationStatus;
  procedureTitle: LocalizedText;
  submittedAt: Date;
  updatedAt: Date;
};

/** The resident's applications, newest first. */
export async function listApplicationsForUser(db: Db, userId: string): Promise<ApplicationListItem[]> {
  return db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      procedureTitle: procedures.title,
      submittedAt: applications.submittedAt,
      updatedAt: applications.updatedAt,
    })
    .from(applications)
    .innerJoin(procedures, eq(procedures.id, applications.procedureId))
    .where(eq(applications.userId, userId))
    .orderBy(desc(applications.submittedAt));
}

export type ResidentEvent = {
  id: number;
  at: Date;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  message: string | null;
};

/** The events of an application a resident may see (never internal ones), oldest first. */
export async function listResidentEvents(db: Db, applicationId: string): Promise<ResidentEvent[]> {
  return db
    .select({
      id: applicationEvents.id,
      at: applicationEvents.at,
      type: applicationEvents.type,
      fromStatus: applicationEvents.fromStatus,
      toStatus: applicationEvents.toStatus,
      message: applicationEvents.message,
    })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.internal, false)))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}

// ---------------------------------------------------------------------------------------------
// Files (the files table is shared with the staff back office, which reads files of its cases)

export async function insertFile(
  tx: Db,
  values: { ownerId: string; name: string; kind: FileAnswer["kind"]; bytes: Buffer; sha256: string },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO files (owner_id, name, kind, size, sha256, bytes)
        VALUES (${values.ownerId}, ${values.name}, ${values.kind}, ${values.bytes.length}, ${values.sha256}, ${values.bytes})
        RETURNING id`,
  );
  return row!.id;
}

export type StoredFile = { id: string; ownerId: string; name: string; kind: FileAnswer["kind"]; size: number };

/** Metadata of the resident's own files among these ids (others' are left out). */
export async function findOwnedFiles(db: Db, ownerId: string, fileIds: string[]): Promise<StoredFile[]> {
  if (fileIds.length === 0) return [];
  return queryRows<StoredFile>(
    db,
    sql`SELECT id, owner_id AS "ownerId", name, kind, size FROM files
        WHERE owner_id = ${ownerId} AND id IN (${sql.join(fileIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
}

/** One of the resident's files with its bytes; null when missing or someone else's. */
export async function findOwnedFileWithBytes(db: Db, fileId: string, ownerId: string): Promise<(StoredFile & { bytes: Buffer }) | null> {
  const [row] = await queryRows<StoredFile & { bytes: Buffer | Uint8Array }>(
    db,
    sql`SELECT id, owner_id AS "ownerId", name, kind, size, bytes FROM files WHERE id = ${fileId} AND owner_id = ${ownerId}`,
  );
  if (!row) return null;
  return { ...row, bytes: Buffer.from(row.bytes) };
}
