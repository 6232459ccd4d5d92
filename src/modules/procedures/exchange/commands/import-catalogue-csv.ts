/**
 * Imports the catalogue CSV (catalogue-csv.ts): reads it against the departments, categories and
 * life events in the database, and when no row has a problem, imports every row in one
 * transaction (forms stay as they are). With any problem nothing is imported.
 */
import type { Db } from "../../../../core/db/database.ts";
import type { Locale } from "../../../../core/i18n/index.ts";
import { listDepartments } from "../../../identity/index.ts";
import { readCatalogueCsv, type CsvProblem } from "../catalogue-csv.ts";
import type { ProcedureDocument } from "../document.ts";
import { findCatalogueReferences } from "../queries.ts";
import { loadProcedureDocuments } from "./export-procedures.ts";
import { importProcedureDocuments, type ImportProceduresOptions, type ImportReport } from "./import-procedures.ts";

export type ImportCatalogueCsvOptions = Pick<ImportProceduresOptions, "db" | "dryRun" | "audit" | "onProgress"> & {
  bytes: Uint8Array;
  locale?: Locale;
};

export type ImportCatalogueCsvResult =
  | { ok: true; report: ImportReport; warnings: string[] }
  | { ok: false; problems: CsvProblem[]; warnings: string[] };

export async function importCatalogueCsv(options: ImportCatalogueCsvOptions): Promise<ImportCatalogueCsvResult> {
  const read = await readCatalogueCsv({
    bytes: options.bytes,
    locale: options.locale ?? "ja",
    references: await loadReferences(options.db),
    loadExisting: async (slugs) => {
      const found = new Map<string, ProcedureDocument>();
      for (let i = 0; i < slugs.length; i += 1000) {
        for (const document of await loadProcedureDocuments({ db: options.db, slugs: slugs.slice(i, i + 1000), pageSize: 1000 })) found.set(document.slug, document);
      }
      return found;
    },
  });
  if (read.problems.length > 0) return { ok: false, problems: read.problems, warnings: read.warnings };
  const report = await importProcedureDocuments({
    db: options.db,
    items: read.rows.map((row) => ({ document: row.document, keepForm: true })),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ok: true, report, warnings: read.warnings };
}

async function loadReferences(db: Db) {
  const [departments, references] = await Promise.all([listDepartments(db), findCatalogueReferences(db)]);
  return {
    departments: departments.map((d) => ({ code: d.code, name: { ja: d.nameJa, en: d.nameEn }, kind: d.kind })),
    categories: references.categories,
    lifeEvents: references.lifeEvents,
  };
}
