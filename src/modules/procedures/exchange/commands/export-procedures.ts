/**
 * Procedures as exchange documents, ordered by slug: every published procedure, or the given
 * slugs (published or not). Reads in keyset pages, so a catalogue of any size streams.
 */
import type { Db } from "../../../../core/db/database.ts";
import { PROCEDURE_SCHEMA_VERSION, type ProcedureDocument } from "../document.ts";
import { findStoredProcedures, type StoredProcedure } from "../queries.ts";

export type ExportProceduresOptions = {
  db: Db;
  /** Only these procedures; default every published one. */
  slugs?: readonly string[];
  /** Rows per query (default 500). */
  pageSize?: number;
};

export async function* exportProcedureDocuments(options: ExportProceduresOptions): AsyncGenerator<ProcedureDocument> {
  const limit = options.pageSize ?? 500;
  let after: string | undefined;
  for (;;) {
    const rows = await findStoredProcedures(options.db, { ...(options.slugs ? { slugs: options.slugs } : {}), ...(after === undefined ? {} : { after }), limit });
    for (const row of rows) yield toDocument(row);
    if (rows.length < limit) return;
    after = rows[rows.length - 1]!.slug;
  }
}

/** Every document at once (tests, and comparing with what is stored before an import). */
export async function loadProcedureDocuments(options: ExportProceduresOptions): Promise<ProcedureDocument[]> {
  const documents: ProcedureDocument[] = [];
  for await (const document of exportProcedureDocuments(options)) documents.push(document);
  return documents;
}

export function toDocument(row: StoredProcedure): ProcedureDocument {
  const details = row.details;
  return {
    schemaVersion: PROCEDURE_SCHEMA_VERSION,
    slug: row.slug,
    title: row.title,
    reading: row.reading,
    summary: row.summary,
    department: { code: row.departmentCode, name: { ja: row.departmentNameJa, en: row.departmentNameEn }, kind: row.departmentKind },
    category: { code: row.categoryCode, name: row.categoryName },
    lifeEvents: row.lifeEvents,
    keywords: row.keywords,
    whoCanApply: details.whoCanApply,
    whatYouNeed: details.whatYouNeed ?? [],
    fee: details.fee ?? null,
    processingTime: details.processingTime,
    channel: row.channel,
    ...(details.legalBasis ? { legalBasis: details.legalBasis } : {}),
    ...(details.related && details.related.length > 0 ? { related: details.related } : {}),
    ...(row.demo ? { demo: true as const } : {}),
    form: row.definition ?? null,
  };
}
