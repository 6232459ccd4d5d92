/**
 * Cases as CSV for Excel (core/csv.ts: CRLF, RFC 4180 quoting, formula cells defused): a header
 * row in Japanese, then one row per case, newest first. Streamed page by page with keyset
 * pagination, so a million cases never sit in memory and each page costs the same.
 *
 * The UTF-8 byte-order mark is written by the caller before the first chunk (the HTTP route and
 * the operator CLI both do), or by this function when asked with `bom: true`.
 */
import { UTF8_BOM, csvRow } from "../../../core/csv.ts";
import type { Db } from "../../../core/db/database.ts";
import { localize, t } from "../../../core/i18n/index.ts";
import { casesAfter, type CaseCursor, type CaseFilter } from "./queries.ts";
import { formatCsvDateTime, statusWord } from "./views/format.ts";
import "./messages.ts";

/** Rows fetched per query. */
const PAGE_SIZE = 1000;

export const CSV_COLUMNS = ["reference", "procedure", "applicant", "status", "assignee", "submitted", "updated"] as const;

export type StreamApplicationsCsvOptions = {
  db: Db;
  /** The departments whose cases to export; null = every department (operator CLI only). */
  departmentCodes: string[] | null;
  /** Receives each chunk (the header row, then a page of rows); awaited, for backpressure. */
  write: (chunk: string) => void | Promise<void>;
  /** Called after each page with the number of rows written so far. */
  onProgress?: (rows: number) => void;
  /** Further filters, as in the inbox. */
  filter?: Omit<CaseFilter, "departmentCodes">;
  /** Write the UTF-8 byte-order mark first (default false: the caller writes it). */
  bom?: boolean;
};

/**
 * Writes the CSV and resolves with the number of case rows written.
 *
 * @example
 * await write(UTF8_BOM);
 * const rows = await streamApplicationsCsv({ db, departmentCodes: ["welfare"], write });
 */
export async function streamApplicationsCsv(options: StreamApplicationsCsvOptions): Promise<number> {
  const filter: CaseFilter = { ...options.filter, departmentCodes: options.departmentCodes };
  const header = csvRow(CSV_COLUMNS.map((column) => t("ja", `staff.csv.${column}`)));
  await options.write(options.bom ? UTF8_BOM + header : header);
  let written = 0;
  let cursor: CaseCursor | null = null;
  for (;;) {
    const rows = await casesAfter(options.db, filter, cursor, PAGE_SIZE);
    if (rows.length === 0) break;
    let chunk = "";
    for (const row of rows) {
      chunk += csvRow([
        row.reference,
        localize(row.procedureTitle, "ja"),
        row.applicantName,
        statusWord("ja", row.status),
        row.assigneeName ?? "",
        formatCsvDateTime(row.submittedAt),
        formatCsvDateTime(row.updatedAt),
      ]);
    }
    await options.write(chunk);
    written += rows.length;
    options.onProgress?.(written);
    if (rows.length < PAGE_SIZE) break;
    cursor = rows[rows.length - 1]!.cursor;
  }
  return written;
}
