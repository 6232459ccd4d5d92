/**
 * What a back-office system reads over the API: the list of applications of the departments its
 * token may read (keyset pagination in submission order), one application with its answers, file
 * metadata and the resident's timeline, and a file. Reads of personal data (a non-empty list, an
 * application, a file) are audited with the client as actor (`client:<client_id>`).
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { BackOfficeClient } from "../oauth/bearer.ts";
import { canReadDepartment, readableDepartments } from "../policy.ts";
import {
  filesMetadata,
  findApplicationFile,
  findApplicationForApi,
  listApplicationsForApi,
  publicTimeline,
  type ApiApplicationDetail,
  type ApiApplicationSummary,
  type FileMeta,
  type FileWithBytes,
  type TimelineEntry,
} from "../queries.ts";
import { decodeCursor, encodeCursor, isUuid } from "../schema.ts";

async function auditRead(db: Db, client: BackOfficeClient, action: string, objectType: string, objectId: string | null, departmentCode: string | null, data: Record<string, unknown>) {
  await db.transaction(async (tx) => {
    await appendAudit(tx, { actorId: null, actorLabel: `client:${client.clientId}`, action, objectType, objectId, departmentCode, data });
  });
}

export type PullApplicationsOptions = {
  db: Db;
  client: BackOfficeClient;
  department?: string;
  status?: string;
  since?: string;
  cursor?: string;
  limit: number;
};

/** Throws 404 for a department the token may not read, 422 for a bad cursor or since. */
export async function pullApplications(options: PullApplicationsOptions): Promise<{ items: ApiApplicationSummary[]; nextCursor: string | null; hasMore: boolean }> {
  const { client } = options;
  let departments = readableDepartments(client.scopes);
  if (options.department !== undefined) {
    if (!canReadDepartment(client.scopes, options.department)) throw new AppError("not_found", "integrations.department_not_in_scope");
    departments = [options.department];
  }
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  if (options.cursor && !after) throw new AppError("invalid_input", "integrations.bad_cursor");
  if (options.since !== undefined && (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(options.since) || Number.isNaN(Date.parse(options.since)))) {
    throw new AppError("invalid_input", "integrations.bad_since");
  }
  const rows = await listApplicationsForApi(options.db, {
    departmentCodes: departments,
    ...(options.status ? { status: options.status } : {}),
    ...(options.since ? { since: options.since } : {}),
    after,
    limit: options.limit + 1,
  });
  const hasMore = rows.length > options.limit;
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  const nextCursor = last ? encodeCursor(last.cursor) : (options.cursor ?? null);
  if (items.length > 0) {
    await auditRead(options.db, client, "api.applications_listed", "application", null, departments.length === 1 ? departments[0]! : null, {
      count: items.length,
      departments,
    });
  }
  return { items, nextCursor, hasMore };
}

/** Where files appear in answers: any object with a fileId, under its top-level question id. */
export function fileReferences(answers: Record<string, unknown>): Array<{ questionId: string; fileId: string }> {
  const found: Array<{ questionId: string; fileId: string }> = [];
  const walk = (questionId: string, value: unknown) => {
    if (Array.isArray(value)) for (const item of value) walk(questionId, item);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (isUuid(record.fileId)) found.push({ questionId, fileId: record.fileId });
      else for (const inner of Object.values(record)) walk(questionId, inner);
    }
  };
  for (const [questionId, value] of Object.entries(answers)) walk(questionId, value);
  return found;
}

export type ApplicationForClient = ApiApplicationDetail & { files: Array<FileMeta & { questionId: string }>; timeline: TimelineEntry[] };

/** One application the token may read; otherwise the same 404 as an unknown id. */
export async function readApplication(options: { db: Db; client: BackOfficeClient; applicationId: string }): Promise<ApplicationForClient> {
  const application = isUuid(options.applicationId) ? await findApplicationForApi(options.db, options.applicationId) : null;
  if (!application || !canReadDepartment(options.client.scopes, application.departmentCode)) throw new AppError("not_found", "application.not_found");
  const references = fileReferences(application.answers);
  const [metas, timeline] = await Promise.all([
    filesMetadata(options.db, application.userId, [...new Set(references.map((r) => r.fileId))]),
    publicTimeline(options.db, application.id),
  ]);
  const byId = new Map(metas.map((m) => [m.id, m]));
  const files = references.flatMap((r) => {
    const meta = byId.get(r.fileId);
    return meta ? [{ ...meta, questionId: r.questionId }] : [];
  });
  await auditRead(options.db, options.client, "api.application_read", "application", application.id, application.departmentCode, {});
  return { ...application, files, timeline };
}

/** A file of an application the token may read; otherwise 404. */
export async function readApplicationFile(options: { db: Db; client: BackOfficeClient; applicationId: string; fileId: string }): Promise<FileWithBytes> {
  if (!isUuid(options.applicationId) || !isUuid(options.fileId)) throw new AppError("not_found", "file.not_found");
  const application = await findApplicationForApi(options.db, options.applicationId);
  if (!application || !canReadDepartment(options.client.scopes, application.departmentCode)) throw new AppError("not_found", "file.not_found");
  const file = await findApplicationFile(options.db, application.id, options.fileId);
  if (!file) throw new AppError("not_found", "file.not_found");
  await auditRead(options.db, options.client, "api.file_downloaded", "file", file.id, application.departmentCode, { applicationId: application.id, kind: file.kind, size: file.size });
  return file;
}
