/**
 * Imports procedure documents that have already been validated (readProcedureLines, or the
 * catalogue CSV): all of them in one transaction, or none.
 *
 * For each document, by slug:
 *  - a new procedure is created (published), with its form as version 1;
 *  - an existing procedure takes the document's catalogue fields, and when the form differs from
 *    its current one, the form is published as the next version (drafts stay pinned to theirs);
 *    a document without a form (null) takes the online form off;
 *  - a procedure that already looks exactly like the document is left alone, so importing the
 *    same file twice changes nothing.
 * Departments, categories and life events the target database lacks are created under the names
 * the document carries; existing ones keep their own names (a city's organisation chart wins).
 *
 * Bulk writes go in batches of a few hundred rows per statement: the demo's 1,500 procedures are
 * seeded in seconds even on PGlite.
 */
import type { Db } from "../../../../core/db/database.ts";
import { appendAudit } from "../../../../core/audit/audit.ts";
import { listDepartments, upsertDepartments } from "../../../identity/index.ts";
import { searchTextFor } from "../../commands/import-catalogue.ts";
import { formFingerprint, procedureFingerprint, type ProcedureDocument, type Reference } from "../document.ts";
import {
  clearCurrentForms,
  insertMissingCategories,
  insertMissingLifeEvents,
  publishFormVersions,
  upsertProcedures,
  type ProcedureRowInput,
} from "../queries.ts";
import { loadProcedureDocuments } from "./export-procedures.ts";

export type ImportItem = {
  document: ProcedureDocument;
  /** Leave the procedure's form as it is (catalogue CSV rows carry no form). */
  keepForm?: boolean;
};

export type ImportProceduresOptions = {
  /** The database; everything happens in one transaction of it. */
  db: Db;
  /** Valid documents (see validateProcedureDocument), each slug once. */
  items: readonly ImportItem[];
  /** Work out the report, then roll back: nothing changes. */
  dryRun?: boolean;
  /** Who imports, for the audit log; without it (demo seeding) no audit record is written. */
  audit?: { actorId: string | null; actorLabel: string };
  /** Called after each batch with the number of procedures written so far. */
  onProgress?: (written: number, total: number) => void;
  /** Procedures per statement (default 250). */
  batchSize?: number;
};

export type ImportReport = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Forms published as a new version. */
  newVersions: number;
  dryRun: boolean;
};

class DryRunRollback extends Error {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    super("dry run");
    this.report = report;
  }
}

export async function importProcedureDocuments(options: ImportProceduresOptions): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 250;
  try {
    return await options.db.transaction(async (tx) => {
      await createMissingReferences(tx, options.items.map((item) => item.document));

      const slugs = options.items.map((item) => item.document.slug);
      const existing = new Map<string, ProcedureDocument>();
      for (let i = 0; i < slugs.length; i += 1000) {
        for (const document of await loadProcedureDocuments({ db: tx, slugs: slugs.slice(i, i + 1000), pageSize: 1000 })) {
          existing.set(document.slug, document);
        }
      }

      const report: ImportReport = { total: options.items.length, created: 0, updated: 0, unchanged: 0, newVersions: 0, dryRun: options.dryRun === true };
      const rows: ProcedureRowInput[] = [];
      const forms: Array<{ slug: string; definition: NonNullable<ProcedureDocument["form"]> }> = [];
      const formless: string[] = [];
      const created: string[] = [];
      const updated: string[] = [];
      for (const { document, keepForm } of options.items) {
        const before = existing.get(document.slug);
        const fieldsChanged = !before || procedureFingerprint(before) !== procedureFingerprint(document);
        const formChanged = !keepForm && formFingerprint(before?.form) !== formFingerprint(document.form);
        if (!fieldsChanged && !formChanged) {
          report.unchanged++;
          continue;
        }
        (before ? updated : created).push(document.slug);
        if (fieldsChanged) rows.push(rowOf(document));
        if (formChanged && document.form) forms.push({ slug: document.slug, definition: document.form });
        if (formChanged && !document.form) formless.push(document.slug);
      }
      report.created = created.length;
      report.updated = updated.length;
      report.newVersions = forms.length;

      for (let i = 0; i < rows.length; i += batchSize) {
        await upsertProcedures(tx, rows.slice(i, i + batchSize));
        options.onProgress?.(Math.min(i + batchSize, rows.length), rows.length);
      }
      for (let i = 0; i < forms.length; i += batchSize) await publishFormVersions(tx, forms.slice(i, i + batchSize));
      await clearCurrentForms(tx, formless);

      if (options.audit && (created.length > 0 || updated.length > 0)) {
        await appendAudit(tx, {
          actorId: options.audit.actorId,
          actorLabel: options.audit.actorLabel,
          action: "procedures.imported",
          objectType: "procedure",
          data: { created, updated, newVersions: report.newVersions },
        });
      }
      if (options.dryRun) throw new DryRunRollback(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

function rowOf(document: ProcedureDocument): ProcedureRowInput {
  return {
    slug: document.slug,
    department_code: document.department.code,
    category_code: document.category.code,
    life_events: document.lifeEvents.map((event) => event.code),
    title: document.title,
    reading: document.reading,
    summary: document.summary,
    details: {
      whoCanApply: document.whoCanApply,
      whatYouNeed: document.whatYouNeed,
      fee: document.fee,
      processingTime: document.processingTime,
      ...(document.legalBasis ? { legalBasis: document.legalBasis } : {}),
      ...(document.related && document.related.length > 0 ? { related: document.related } : {}),
    },
    keywords: document.keywords,
    search_text: searchTextFor(document),
    channel: document.channel,
    fee_yen: document.fee?.amountYen ?? null,
    demo: document.demo === true,
  };
}

/** Departments, categories and life events the documents refer to and the database lacks. */
async function createMissingReferences(tx: Db, documents: readonly ProcedureDocument[]): Promise<void> {
  const known = new Set((await listDepartments(tx)).map((d) => d.code));
  const departments = new Map<string, ProcedureDocument["department"]>();
  const categories = new Map<string, Reference>();
  const lifeEvents = new Map<string, Reference>();
  for (const document of documents) {
    if (!known.has(document.department.code) && !departments.has(document.department.code)) departments.set(document.department.code, document.department);
    if (!categories.has(document.category.code)) categories.set(document.category.code, document.category);
    for (const event of document.lifeEvents) if (!lifeEvents.has(event.code)) lifeEvents.set(event.code, event);
  }
  await upsertDepartments({ db: tx, items: [...departments.values()] });
  await insertMissingCategories(tx, [...categories.values()]);
  await insertMissingLifeEvents(tx, [...lifeEvents.values()]);
}
