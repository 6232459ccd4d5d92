/**
 * SQL of the staff back office. Every function takes the database or the caller's transaction
 * first. Department scoping is part of every query that lists cases, so a wrong caller still
 * cannot list another department's cases.
 *
 * Names of staff (assignees, authors of history entries), their roles and departments are read
 * through the identity module's published views (`identity_people`, `identity_staff_roles`,
 * `identity_departments`, ADR 0020) in the same query: listing 25 cases, or streaming a million
 * into a CSV, must not cost a second round trip per page for display names.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { normalizeHyphens, normalizeWidth } from "../../../core/text/japanese.ts";
import type { Answers, FormDefinition } from "../forms/definition.ts";
import { applications, type ApplicationStatus } from "../tables.ts";

// ---------------------------------------------------------------------------------------------
// Filters

/** What an inbox or an export shows. */
export type CaseFilter = {
  /** The departments whose cases to include; null = every department (operator CLI only). */
  departmentCodes: readonly string[] | null;
  status?: ApplicationStatus;
  procedureId?: string;
  /** "none" = unassigned, otherwise a staff user id. */
  assignee?: "none" | string;
  /** 受付番号 (or part of it) or applicant name (or part of it). */
  search?: string;
  /**
   * A case app's stage (builder): the cases at `stage` of status `status` (set status too).
   * `orDefault`: the stage is the first one of its status, so cases with no stored stage, or a
   * stored stage of another status (`otherStages`), are at it as well.
   */
  stage?: { id: string; orDefault: boolean; otherStages: readonly string[] };
  /** Answers of a top-level question (case app filters): equal to, or containing, the value. */
  answer?: { question: string; value: string };
  /** Open cases submitted before this time (case app SLA: overdue). */
  submittedBefore?: Date;
};

/**
 * A timestamptz as a Date. Raw queries answer with text ("2026-11-26 06:35:32.375322+00") on
 * node-postgres under Drizzle, and with Date objects on PGlite.
 */
export function asDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}

function asDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : asDate(value);
}

function withDates<T extends { submittedAt: Date | string; updatedAt: Date | string }>(row: T): T & { submittedAt: Date; updatedAt: Date } {
  return { ...row, submittedAt: asDate(row.submittedAt), updatedAt: asDate(row.updatedAt) };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listOf(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

/** The WHERE clause of a filter over `applications a`. */
function filterSql(filter: CaseFilter): SQL {
  const parts: SQL[] = [];
  if (filter.departmentCodes !== null) {
    // An empty list matches nothing (never "everything").
    parts.push(filter.departmentCodes.length > 0 ? sql`a.department_code IN (${listOf(filter.departmentCodes)})` : sql`false`);
  }
  if (filter.status) parts.push(sql`a.status = ${filter.status}`);
  if (filter.procedureId) parts.push(sql`a.procedure_id = ${filter.procedureId}::uuid`);
  if (filter.stage) {
    const { id, orDefault, otherStages } = filter.stage;
    if (!orDefault) parts.push(sql`a.stage = ${id}`);
    else if (otherStages.length > 0) parts.push(sql`(a.stage IS NULL OR a.stage NOT IN (${listOf(otherStages)}))`);
  }
  if (filter.answer) {
    const { question, value } = filter.answer;
    parts.push(sql`(a.answers ->> ${question} = ${value} OR a.answers -> ${question} @> ${JSON.stringify([value])}::jsonb)`);
  }
  if (filter.submittedBefore) {
    parts.push(sql`a.submitted_at < ${filter.submittedBefore.toISOString()}::timestamptz AND a.status NOT IN ('approved', 'rejected', 'withdrawn')`);
  }
  if (filter.assignee === "none") parts.push(sql`a.assignee_id IS NULL`);
  else if (filter.assignee) parts.push(sql`a.assignee_id = ${filter.assignee}::uuid`);
  const search = filter.search ? normalizeWidth(filter.search).trim() : "";
  if (search) {
    const reference = normalizeHyphens(search).replace(/\s+/g, "").toUpperCase();
    const name = search.replace(/[\s\u3000]+/g, "");
    parts.push(
      sql`(upper(a.reference) LIKE ${likePattern(reference)} ESCAPE '\\' OR translate(a.applicant_name, ${" \u3000"}, '') ILIKE ${likePattern(name)} ESCAPE '\\')`,
    );
  }
  return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`true`;
}

// ---------------------------------------------------------------------------------------------
// Home and inbox

export type StatusCount = { departmentCode: string; status: ApplicationStatus; count: number };

/** Number of cases per department and status, for the given departments. */
export async function countCasesByStatus(db: Db, departmentCodes: readonly string[]): Promise<StatusCount[]> {
  if (departmentCodes.length === 0) return [];
  return queryRows<StatusCount>(
    db,
    sql`SELECT a.department_code AS "departmentCode", a.status, count(*)::int AS count
        FROM applications a
        WHERE a.department_code IN (${listOf(departmentCodes)})
        GROUP BY a.department_code, a.status`,
  );
}

export type DepartmentName = { code: string; name: LocalizedText };

export async function departmentNames(db: Db, codes: readonly string[]): Promise<DepartmentName[]> {
  if (codes.length === 0) return [];
  const rows = await queryRows<{ code: string; nameJa: string; nameEn: string }>(
    db,
    sql`SELECT code, name_ja AS "nameJa", name_en AS "nameEn" FROM identity_departments WHERE code IN (${listOf(codes)}) ORDER BY code`,
  );
  return rows.map((row) => ({ code: row.code, name: { ja: row.nameJa, en: row.nameEn } }));
}

export type ProcedureChoice = { id: string; title: LocalizedText };

/** The procedures of a department, for the inbox filter. */
export async function departmentProcedures(db: Db, departmentCode: string): Promise<ProcedureChoice[]> {
  return queryRows<ProcedureChoice>(
    db,
    sql`SELECT id, title FROM procedures WHERE department_code = ${departmentCode} ORDER BY reading, slug`,
  );
}

export type Colleague = { id: string; name: string };

/** The departments an enabled staff account holds a role in (empty for anyone else). */
export async function staffDepartmentCodesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`SELECT r.department_code AS code FROM identity_staff_roles r JOIN identity_people u ON u.id = r.user_id
        WHERE r.user_id = ${userId}::uuid AND u.kind = 'staff' AND u.active
        ORDER BY r.department_code`,
  );
  return rows.map((row) => row.code);
}

export type InboxRow = {
  id: string;
  reference: string;
  departmentCode: string;
  procedureTitle: LocalizedText;
  applicantName: string;
  status: ApplicationStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  submittedAt: Date;
  updatedAt: Date;
  /** The case app's stored stage (builder), null when none. */
  stage: string | null;
};

const INBOX_COLUMNS = sql`a.id, a.reference, a.department_code AS "departmentCode", p.title AS "procedureTitle",
  a.applicant_name AS "applicantName", a.status, a.assignee_id AS "assigneeId", a.stage,
  s.display_name AS "assigneeName",
  a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt"`;

const INBOX_FROM = sql`applications a
  JOIN procedures p ON p.id = a.procedure_id
  LEFT JOIN identity_people s ON s.id = a.assignee_id`;

/** One page of cases, newest first (submitted_at DESC, id DESC: a total, index-friendly order). */
export async function listCases(db: Db, filter: CaseFilter, page: { offset: number; limit: number }): Promise<InboxRow[]> {
  const rows = await queryRows<InboxRow>(
    db,
    sql`SELECT ${INBOX_COLUMNS} FROM ${INBOX_FROM}
        WHERE ${filterSql(filter)}
        ORDER BY a.submitted_at DESC, a.id DESC
        LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  return rows.map(withDates);
}

export async function countCases(db: Db, filter: CaseFilter): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM applications a WHERE ${filterSql(filter)}`);
  return row?.count ?? 0;
}

/** Where the previous page of a keyset walk ended: the text form keeps microseconds. */
export type CaseCursor = { submittedAt: string; id: string };

export type ExportRow = InboxRow & { cursor: CaseCursor };

/**
 * The next page of a keyset walk over the cases of a filter, newest first. Unlike OFFSET, each
 * page costs the same however deep the walk goes (exports of a million rows).
 */
export async function casesAfter(db: Db, filter: CaseFilter, after: CaseCursor | null, limit: number): Promise<ExportRow[]> {
  const keyset = after ? sql`AND (a.submitted_at, a.id) < (${after.submittedAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const rows = await queryRows<InboxRow & { cursorAt: string }>(
    db,
    sql`SELECT ${INBOX_COLUMNS}, a.submitted_at::text AS "cursorAt" FROM ${INBOX_FROM}
        WHERE ${filterSql(filter)} ${keyset}
        ORDER BY a.submitted_at DESC, a.id DESC
        LIMIT ${limit}`,
  );
  return rows.map(({ cursorAt, ...row }) => ({ ...withDates(row), cursor: { submittedAt: String(cursorAt), id: row.id } }));
}

// ---------------------------------------------------------------------------------------------
// One case

export type CaseDetail = {
  id: string;
  reference: string;
  departmentCode: string;
  departmentName: LocalizedText;
  procedureId: string;
  procedureTitle: LocalizedText;
  definition: FormDefinition;
  userId: string;
  applicantName: string;
  answers: Answers;
  status: ApplicationStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  correctionQuestions: string[];
  correctionMessage: string | null;
  revision: number;
  submittedAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  /** The case app's stored stage (builder), null when none. */
  stage: string | null;
};

/** A case with everything its page shows, or null. Callers check the department (policy.ts). */
export async function findCase(db: Db, id: string): Promise<CaseDetail | null> {
  const [row] = await queryRows<Omit<CaseDetail, "departmentName"> & { nameJa: string; nameEn: string }>(
    db,
    sql`SELECT a.id, a.reference, a.department_code AS "departmentCode", d.name_ja AS "nameJa", d.name_en AS "nameEn",
          a.procedure_id AS "procedureId", p.title AS "procedureTitle", v.definition,
          a.user_id AS "userId", a.applicant_name AS "applicantName", a.answers, a.status,
          a.assignee_id AS "assigneeId",
          s.display_name AS "assigneeName",
          a.correction_questions AS "correctionQuestions", a.correction_message AS "correctionMessage",
          a.revision, a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt", a.decided_at AS "decidedAt", a.stage
        FROM applications a
        JOIN procedures p ON p.id = a.procedure_id
        JOIN procedure_versions v ON v.id = a.procedure_version_id
        JOIN identity_departments d ON d.code = a.department_code
        LEFT JOIN identity_people s ON s.id = a.assignee_id
        WHERE a.id = ${id}::uuid`,
  );
  if (!row) return null;
  const { nameJa, nameEn, ...rest } = row;
  return { ...withDates(rest), decidedAt: asDateOrNull(rest.decidedAt), departmentName: { ja: nameJa, en: nameEn } };
}

/** What a command needs of a case, with the row locked until the transaction ends. */
export type LockedCase = {
  id: string;
  reference: string;
  departmentCode: string;
  userId: string;
  procedureTitle: LocalizedText;
  definition: FormDefinition;
  answers: Answers;
  status: ApplicationStatus;
  assigneeId: string | null;
  revision: number;
  procedureId: string;
  stage: string | null;
};

/**
 * Loads and locks a case (SELECT … FOR UPDATE OF a): a second staff member's command waits for
 * the first one's transaction and then sees its new revision.
 */
export async function lockCase(tx: Db, id: string): Promise<LockedCase | null> {
  const [row] = await queryRows<LockedCase>(
    tx,
    sql`SELECT a.id, a.reference, a.department_code AS "departmentCode", a.user_id AS "userId",
          p.title AS "procedureTitle", v.definition, a.answers, a.status, a.assignee_id AS "assigneeId", a.revision,
          a.procedure_id AS "procedureId", a.stage
        FROM applications a
        JOIN procedures p ON p.id = a.procedure_id
        JOIN procedure_versions v ON v.id = a.procedure_version_id
        WHERE a.id = ${id}::uuid
        FOR UPDATE OF a`,
  );
  return row ?? null;
}

export type CaseChanges = Partial<{
  status: ApplicationStatus;
  assigneeId: string | null;
  correctionQuestions: string[];
  correctionMessage: string | null;
  decided: boolean;
  /** The case app's stage (builder); null = the first stage of the status. */
  stage: string | null;
}>;

/**
 * Applies changes if the case is still at `revision`, incrementing it. Returns the new revision,
 * or null when the revision moved on (another member of staff changed the case first).
 */
export async function updateCaseAtRevision(tx: Db, id: string, revision: number, changes: CaseChanges): Promise<number | null> {
  const { decided, ...columns } = changes;
  const [row] = await tx
    .update(applications)
    .set({
      ...columns,
      ...(decided ? { decidedAt: sql`now()` } : {}),
      revision: sql`${applications.revision} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(applications.id, id), eq(applications.revision, revision)))
    .returning({ revision: applications.revision });
  return row?.revision ?? null;
}

export type CaseEvent = {
  id: number;
  at: Date;
  actorId: string | null;
  actorKind: "resident" | "staff" | null;
  actorName: string | null;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  message: string | null;
  internal: boolean;
  data: Record<string, unknown>;
};

/** The full history of a case, internal entries included, oldest first. */
export async function caseEvents(db: Db, applicationId: string): Promise<CaseEvent[]> {
  const rows = await queryRows<CaseEvent & { id: number | string }>(
    db,
    sql`SELECT e.id, e.at, e.actor_id AS "actorId", u.kind AS "actorKind",
          u.display_name AS "actorName",
          e.type, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.message, e.internal, e.data
        FROM application_events e LEFT JOIN identity_people u ON u.id = e.actor_id
        WHERE e.application_id = ${applicationId}::uuid
        ORDER BY e.id`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), at: asDate(row.at) }));
}

/** Where and in which language to write to the applicant. */
export async function applicantContact(db: Db, userId: string): Promise<{ email: string; locale: string } | null> {
  const [row] = await queryRows<{ email: string; locale: string }>(
    db,
    sql`SELECT email, locale FROM identity_people WHERE id = ${userId}::uuid AND active`,
  );
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Files

/** `bytes` is a Buffer on node-postgres and a Uint8Array on PGlite. */
export type StaffFile = { id: string; name: string; kind: "pdf" | "jpeg" | "png"; size: number; bytes: Uint8Array; applicationId: string; departmentCode: string };

/**
 * A file, if an application of one of the departments refers to it in its answers and was made by
 * the file's owner. Otherwise null, whether the file exists or not.
 */
export async function findCaseFile(db: Db, fileId: string, departmentCodes: readonly string[]): Promise<StaffFile | null> {
  if (departmentCodes.length === 0) return null;
  const [row] = await queryRows<StaffFile>(
    db,
    sql`SELECT f.id, f.name, f.kind, f.size, f.bytes, a.id AS "applicationId", a.department_code AS "departmentCode"
        FROM files f
        JOIN applications a ON a.user_id = f.owner_id
        WHERE f.id = ${fileId}::uuid
          AND a.department_code IN (${listOf(departmentCodes)})
          AND jsonb_path_exists(a.answers, ${"$.** ? (@.fileId == $id)"}::jsonpath, jsonb_build_object('id', ${fileId}::text))
        ORDER BY a.submitted_at
        LIMIT 1`,
  );
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Case apps (builder): answers shown as inbox columns, assignment on submission

/** The answers of some cases (for a case app's answer columns), by case id. */
export async function answersOfCases(db: Db, ids: readonly string[]): Promise<Map<string, Answers>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; answers: Answers }>(db, sql`SELECT id, answers FROM applications WHERE id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((row) => [row.id, row.answers]));
}

/**
 * Assigns a just-submitted case to a colleague chosen by the case app's rules, if they still hold
 * a role in the case's department and are enabled; true when assigned.
 */
export async function assignSubmittedCase(tx: Db, applicationId: string, assigneeId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE applications a SET assignee_id = ${assigneeId}::uuid
        WHERE a.id = ${applicationId}::uuid AND a.assignee_id IS NULL
          AND EXISTS (SELECT 1 FROM identity_staff_roles r JOIN identity_people u ON u.id = r.user_id
                      WHERE r.user_id = ${assigneeId}::uuid AND r.department_code = a.department_code AND u.kind = 'staff' AND u.active)
        RETURNING a.id`,
  );
  return rows.length === 1;
}
