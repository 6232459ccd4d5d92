/**
 * Reading a programmes CSV (the export's columns) into programmes, with every problem of every
 * row reported at once by row (as a spreadsheet numbers them: the header is row 1) and column.
 * Pure: the command decides what to store, and stores nothing when there is any error.
 *
 * Encodings: UTF-8 with or without BOM, and Shift_JIS (CP932, Excel's "CSV") — detected when not
 * given: a BOM means UTF-8; bytes that are not valid UTF-8 are read as Shift_JIS.
 */
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { isValidIsoDate } from "../../../core/text/wareki.ts";
import { CSV_COLUMNS, REQUIRED_COLUMNS, type CsvColumn } from "./open-data.ts";
import {
  AUDIENCES,
  BODIES,
  INCOME_BANDS,
  INDUSTRIES,
  PROGRAMME_KINDS,
  PROGRAMME_STATUSES,
  type Eligibility,
  type Range,
  type SupportProgramme,
} from "./programme.ts";

export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type CsvEncoding = "utf-8" | "shift_jis";

export type ImportProblem = {
  /** Spreadsheet row (header = 1); 0 for the file as a whole. */
  row: number;
  column: CsvColumn | null;
  /** Message key under navigator.import.error.* */
  code: string;
  params?: Record<string, string | number>;
};

export type ParsedImport = { programmes: SupportProgramme[]; problems: ImportProblem[]; encoding: CsvEncoding };

/** Bytes → text, in the given encoding or the detected one. */
export function decodeCsv(bytes: Buffer, encoding?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === "shift_jis") return { text: iconv.decode(bytes, "Shift_JIS"), encoding };
  if (encoding === "utf-8" || hasBom) return { text: new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, ""), encoding: "utf-8" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(bytes, "Shift_JIS"), encoding: "shift_jis" };
  }
}

/** The export writes '=… as a guard against spreadsheet formulas; take it off again. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const MAX_TEXT = 4000;

type Cells = Partial<Record<CsvColumn, string>>;

/**
 * Parses and checks a CSV text. `wards` are the valid ward codes of this city.
 *
 * @example const { programmes, problems } = parseProgrammesCsv(text, { wards: new Set(["271021"]) });
 */
export function parseProgrammesCsv(text: string, options: { wards: ReadonlySet<string>; encoding?: CsvEncoding }): ParsedImport {
  const encoding = options.encoding ?? "utf-8";
  let records: Array<{ record: string[]; info: { records: number } }>;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    return { programmes: [], problems: [{ row: lines, column: null, code: "csv_syntax", params: { line: lines } }], encoding };
  }
  const [header, ...rows] = records;
  if (!header) return { programmes: [], problems: [{ row: 0, column: null, code: "no_rows" }], encoding };
  const names = header.record.map((h) => h.trim());
  const problems: ImportProblem[] = [];
  const unknown = names.filter((n) => n !== "" && !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) problems.push({ row: 1, column: null, code: "unknown_columns", params: { columns: unknown.join(", ") } });
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) problems.push({ row: 1, column: null, code: "missing_columns", params: { columns: missing.join(", ") } });
  const duplicated = names.filter((n, i) => n !== "" && names.indexOf(n) !== i);
  if (duplicated.length > 0) problems.push({ row: 1, column: null, code: "duplicate_columns", params: { columns: [...new Set(duplicated)].join(", ") } });
  if (problems.length > 0) return { programmes: [], problems, encoding };
  if (rows.length === 0) return { programmes: [], problems: [{ row: 0, column: null, code: "no_rows" }], encoding };
  if (rows.length > MAX_IMPORT_ROWS) return { programmes: [], problems: [{ row: 0, column: null, code: "too_many_rows", params: { max: MAX_IMPORT_ROWS } }], encoding };

  const programmes: SupportProgramme[] = [];
  const seenIds = new Map<string, number>();
  for (const { record, info } of rows) {
    const row = info.records;
    if (record.length > names.length) problems.push({ row, column: null, code: "extra_cells", params: { count: record.length, expected: names.length } });
    const cells: Cells = {};
    names.forEach((name, i) => {
      if ((CSV_COLUMNS as readonly string[]).includes(name)) cells[name as CsvColumn] = unguard((record[i] ?? "").trim());
    });
    const result = readRow(cells, row, options.wards);
    problems.push(...result.problems);
    const id = cells.id ?? "";
    const earlier = seenIds.get(id);
    if (id !== "" && earlier !== undefined) problems.push({ row, column: "id", code: "duplicate_id", params: { id, row: earlier } });
    else if (id !== "") seenIds.set(id, row);
    if (result.programme) programmes.push(result.programme);
  }
  return { programmes: problems.length > 0 ? [] : programmes, problems, encoding };
}

function readRow(cells: Cells, row: number, wards: ReadonlySet<string>): { programme: SupportProgramme | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (column: CsvColumn, code: string, params?: Record<string, string | number>) => problems.push({ row, column, code, ...(params ? { params } : {}) });
  const text = (column: CsvColumn, required: boolean): string => {
    const value = cells[column] ?? "";
    if (required && value === "") problem(column, "required");
    if (value.length > MAX_TEXT) problem(column, "too_long", { max: MAX_TEXT });
    return value;
  };
  const localized = (ja: CsvColumn, en: CsvColumn, required: boolean) => {
    const jaText = text(ja, required);
    const enText = text(en, false);
    return enText ? { ja: jaText, en: enText } : { ja: jaText };
  };
  const choice = <T extends string>(column: CsvColumn, allowed: readonly T[]): T | null => {
    const value = text(column, true);
    if (value === "") return null;
    if (!(allowed as readonly string[]).includes(value)) {
      problem(column, "enum", { value, allowed: allowed.join(" | ") });
      return null;
    }
    return value as T;
  };
  const list = <T extends string>(column: CsvColumn, allowed: ReadonlySet<string> | readonly T[], required: boolean): T[] => {
    const values = text(column, required).split("|").map((v) => v.trim()).filter(Boolean);
    const set = allowed instanceof Set ? allowed : new Set<string>(allowed as readonly string[]);
    const bad = values.filter((v) => !set.has(v));
    if (bad.length > 0) problem(column, allowed instanceof Set ? "unknown_ward" : "list_enum", { values: bad.join(", "), ...(allowed instanceof Set ? {} : { allowed: [...set].join(" | ") }) });
    return [...new Set(values)] as T[];
  };
  const number = (column: CsvColumn, max: number): number | undefined => {
    const value = text(column, false).normalize("NFKC").replace(/,/g, "");
    if (value === "") return undefined;
    if (!/^\d+$/.test(value) || Number(value) > max) {
      problem(column, "number", { max });
      return undefined;
    }
    return Number(value);
  };
  const range = (minColumn: CsvColumn, maxColumn: CsvColumn, max: number): Range | undefined => {
    const min = number(minColumn, max);
    const top = number(maxColumn, max);
    if (min !== undefined && top !== undefined && min > top) problem(maxColumn, "range_order", { min, max: top });
    if (min === undefined && top === undefined) return undefined;
    return { ...(min !== undefined ? { min } : {}), ...(top !== undefined ? { max: top } : {}) };
  };
  const date = (column: CsvColumn): string | null => {
    const value = text(column, false).normalize("NFKC").replace(/\//g, "-");
    if (value === "") return null;
    const iso = /^\d{4}-\d{1,2}-\d{1,2}$/.test(value) ? value.replace(/-(\d)(?=-|$)/g, "-0$1") : value;
    if (!isValidIsoDate(iso)) {
      problem(column, "date", { value });
      return null;
    }
    return iso;
  };

  const id = text("id", true);
  if (id !== "" && !ID.test(id)) problem("id", "id_format");
  const body = choice("body", BODIES);
  const audiences = list("audiences", AUDIENCES, true);
  const kind = choice("kind", PROGRAMME_KINDS);
  const status = choice("status", PROGRAMME_STATUSES);
  const bodyName = localized("body_name_ja", "body_name_en", true);
  const title = localized("title_ja", "title_en", true);
  const summary = localized("summary_ja", "summary_en", true);
  const amountJa = text("amount_ja", false);
  const amountEn = text("amount_en", false);
  const contact = localized("contact_ja", "contact_en", true);
  const url = text("url", true);
  if (url !== "" && !/^https?:\/\/[^\s]+$/.test(url)) problem("url", "url");

  const eligibility: Eligibility = {};
  const industries = list("industries", INDUSTRIES, false);
  if (industries.length > 0) eligibility.industries = industries;
  const employees = range("employees_min", "employees_max", 1_000_000);
  if (employees) eligibility.employees = employees;
  const salesDrop = number("sales_drop_min", 100);
  if (salesDrop !== undefined) eligibility.salesDropPercent = { min: salesDrop };
  const household = range("household_min", "household_max", 30);
  if (household) eligibility.householdSize = household;
  const incomeBands = list("income_bands", INCOME_BANDS, false);
  if (incomeBands.length > 0) eligibility.incomeBands = incomeBands;
  const age = range("age_min", "age_max", 130);
  if (age) eligibility.age = age;
  const wardCodes = list<string>("wards", wards, false);
  if (wardCodes.length > 0) eligibility.wards = wardCodes;
  const conditionsJa = text("conditions_ja", false);
  const conditionsEn = text("conditions_en", false);
  if (conditionsJa) eligibility.notes = conditionsEn ? { ja: conditionsJa, en: conditionsEn } : { ja: conditionsJa };
  else if (conditionsEn) problem("conditions_ja", "required_with", { other: "conditions_en" });

  const opensOn = date("opens_on");
  const deadline = date("deadline");
  if (opensOn && deadline && opensOn > deadline) problem("deadline", "date_order");
  if (status === "open" && !deadline) problem("deadline", "deadline_required");
  const demoText = text("demo", false).toLowerCase();
  if (!["", "true", "false", "1", "0", "yes", "no"].includes(demoText)) problem("demo", "boolean");
  if (amountEn && !amountJa) problem("amount_ja", "required_with", { other: "amount_en" });

  if (problems.length > 0 || !body || !kind || !status) return { programme: null, problems };
  return {
    programme: {
      id,
      body,
      bodyName,
      audiences,
      kind,
      title,
      summary,
      amount: amountJa ? (amountEn ? { ja: amountJa, en: amountEn } : { ja: amountJa }) : null,
      eligibility,
      opensOn,
      deadline,
      status,
      url,
      contact,
      demo: ["true", "1", "yes"].includes(demoText),
    },
    problems,
  };
}
