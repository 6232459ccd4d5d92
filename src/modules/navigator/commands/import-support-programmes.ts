/**
 * Imports support programmes from a CSV (the open-data export's columns): every row is checked
 * first and, if any row has a problem, nothing is stored and every problem is reported with its
 * row and column. Otherwise, in one transaction, the rows replace the programmes with the same id
 * (mode "upsert") or the whole table (mode "replace": programmes not in the file are removed).
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { decodeCsv, parseProgrammesCsv, type CsvEncoding, type ImportProblem } from "../programmes/csv-import.ts";
import { deleteProgrammesExcept, upsertProgrammes } from "../queries.ts";
import { auditNavigator } from "./support.ts";

export type ImportSupportProgrammesOptions = {
  db: Db;
  /** The staff member importing (checked by the caller with assertProgrammeManager), or null for the start-up import. */
  actor: Actor | null;
  bytes: Buffer;
  /** Default: detected (UTF-8 with/without BOM, else Shift_JIS). */
  encoding?: CsvEncoding;
  mode: "upsert" | "replace";
  /** The city's ward codes (for the wards column). */
  wards: ReadonlySet<string>;
  /** The department recorded in the audit log. */
  departmentCode: string;
};

export type ImportSupportProgrammesResult =
  | { ok: true; imported: number; removed: number; encoding: CsvEncoding }
  | { ok: false; problems: ImportProblem[]; encoding: CsvEncoding };

export async function importSupportProgrammes(options: ImportSupportProgrammesOptions): Promise<ImportSupportProgrammesResult> {
  const { text, encoding } = decodeCsv(options.bytes, options.encoding);
  const parsed = parseProgrammesCsv(text, { wards: options.wards, encoding });
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems, encoding };
  return options.db.transaction(async (tx) => {
    await upsertProgrammes(tx, parsed.programmes);
    const removed = options.mode === "replace" ? await deleteProgrammesExcept(tx, parsed.programmes.map((p) => p.id)) : 0;
    await auditNavigator(tx, options.actor, "navigator.programmes_imported", "support_programmes", options.mode, options.departmentCode, {
      imported: parsed.programmes.length,
      removed,
      mode: options.mode,
      encoding,
    });
    return { ok: true, imported: parsed.programmes.length, removed, encoding };
  });
}
