/**
 * Procedure exchange: one procedure as one JSON document (schemas/procedure.schema.json, versioned
 * by `schemaVersion`), JSON Lines files of them, the catalogue CSV cities keep in Excel, and the
 * generated demo catalogue. See docs/decisions/0018-procedure-exchange.md.
 *
 * CLI: `machi procedures export (--all | --slug S) [--out FILE]`, `machi procedures import FILE
 * [--dry-run]` (cli.ts).
 */
export {
  PROCEDURE_SCHEMA_ID,
  PROCEDURE_SCHEMA_VERSION,
  SUPPORTED_SCHEMA_VERSIONS,
  documentLine,
  type ProcedureDocument,
  type Reference,
} from "./document.ts";
export { validateProcedureDocument, procedureSchemaValidator, PROCEDURE_SCHEMA_PATH, type DocumentProblem } from "./validate-document.ts";
export { readProcedureLines, formatLineProblem, type LineProblem, type ReadLinesResult } from "./read-procedure-lines.ts";
export { exportProcedureDocuments, loadProcedureDocuments, type ExportProceduresOptions } from "./commands/export-procedures.ts";
export { importProcedureDocuments, type ImportItem, type ImportProceduresOptions, type ImportReport } from "./commands/import-procedures.ts";
export { generateDemoProcedures } from "./demo/generate-procedures.ts";
export {
  readCatalogueCsv,
  decodeCatalogueCsv,
  formatCsvProblem,
  parseChannel,
  parseFee,
  parseFeeUnit,
  CATALOGUE_COLUMNS,
  type CsvProblem,
  type CatalogueRow,
  type ReadCatalogueResult,
} from "./catalogue-csv.ts";
export { importCatalogueCsv, type ImportCatalogueCsvOptions, type ImportCatalogueCsvResult } from "./commands/import-catalogue-csv.ts";
