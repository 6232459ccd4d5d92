/**
 * Support programmes as open data: one JSON document (schemas/support-programme.schema.json,
 * JSON Schema 2020-12) and one CSV with the same fields flattened (UTF-8 with BOM for Excel, or
 * Shift_JIS on request). The CSV's columns are also the import format, so a city can export,
 * edit in a spreadsheet and import again. docs/support-programmes.md documents every column.
 */
import iconv from "iconv-lite";
import { UTF8_BOM, csvRow } from "../../../core/csv.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import type { CityConfig } from "../config.ts";
import { programmeFields, type ProgrammeFields, type SupportProgramme } from "./programme.ts";

export const OPEN_DATA_SCHEMA_VERSION = "1.0";
export const SCHEMA_PATH = "/support-programmes.schema.json";

export type OpenDataDocument = {
  $schema: string;
  schemaVersion: string;
  publisher: { name: LocalizedText; code: string };
  license: string;
  generatedAt: string;
  count: number;
  programmes: Array<ProgrammeFields & { updatedAt: string | null; pageUrl: string }>;
};

/** The JSON document of every programme. */
export function openDataDocument(programmes: readonly SupportProgramme[], city: CityConfig, baseUrl: string, now: Date = new Date()): OpenDataDocument {
  return {
    $schema: `${baseUrl}${SCHEMA_PATH}`,
    schemaVersion: OPEN_DATA_SCHEMA_VERSION,
    publisher: { name: city.name, code: city.code },
    license: city.openDataLicense,
    generatedAt: now.toISOString(),
    count: programmes.length,
    programmes: programmes.map((p) => ({
      ...programmeFields(p),
      updatedAt: p.updatedAt ?? null,
      pageUrl: `${baseUrl}/support-programmes/${p.id}`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The columns, in order (export and import). Lists are separated by "|". */
export const CSV_COLUMNS = [
  "id",
  "body",
  "body_name_ja",
  "body_name_en",
  "audiences",
  "kind",
  "title_ja",
  "title_en",
  "summary_ja",
  "summary_en",
  "amount_ja",
  "amount_en",
  "industries",
  "employees_min",
  "employees_max",
  "sales_drop_min",
  "household_min",
  "household_max",
  "income_bands",
  "age_min",
  "age_max",
  "wards",
  "conditions_ja",
  "conditions_en",
  "opens_on",
  "deadline",
  "status",
  "url",
  "contact_ja",
  "contact_en",
  "demo",
  "updated_at",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns an import must have (updated_at and the English columns may be left out). */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["id", "body", "body_name_ja", "audiences", "kind", "title_ja", "summary_ja", "status", "url", "contact_ja"];

function num(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}

export function programmeToCsvValues(p: SupportProgramme): Record<CsvColumn, string> {
  const e = p.eligibility;
  return {
    id: p.id,
    body: p.body,
    body_name_ja: p.bodyName.ja,
    body_name_en: p.bodyName.en ?? "",
    audiences: p.audiences.join("|"),
    kind: p.kind,
    title_ja: p.title.ja,
    title_en: p.title.en ?? "",
    summary_ja: p.summary.ja,
    summary_en: p.summary.en ?? "",
    amount_ja: p.amount?.ja ?? "",
    amount_en: p.amount?.en ?? "",
    industries: (e.industries ?? []).join("|"),
    employees_min: num(e.employees?.min),
    employees_max: num(e.employees?.max),
    sales_drop_min: num(e.salesDropPercent?.min),
    household_min: num(e.householdSize?.min),
    household_max: num(e.householdSize?.max),
    income_bands: (e.incomeBands ?? []).join("|"),
    age_min: num(e.age?.min),
    age_max: num(e.age?.max),
    wards: (e.wards ?? []).join("|"),
    conditions_ja: e.notes?.ja ?? "",
    conditions_en: e.notes?.en ?? "",
    opens_on: p.opensOn ?? "",
    deadline: p.deadline ?? "",
    status: p.status,
    url: p.url,
    contact_ja: p.contact.ja,
    contact_en: p.contact.en ?? "",
    demo: p.demo ? "true" : "false",
    updated_at: p.updatedAt ?? "",
  };
}

/** The CSV text (CRLF, RFC 4180 quoting, formula-like cells neutralised), without a BOM. */
export function programmesCsvText(programmes: readonly SupportProgramme[]): string {
  let out = csvRow(CSV_COLUMNS);
  for (const p of programmes) {
    const values = programmeToCsvValues(p);
    out += csvRow(CSV_COLUMNS.map((c) => values[c]));
  }
  return out;
}

/** UTF-8 with a byte-order mark, as Excel in Japan expects. */
export function programmesCsvUtf8(programmes: readonly SupportProgramme[]): Buffer {
  return Buffer.from(UTF8_BOM + programmesCsvText(programmes), "utf8");
}

/**
 * Characters Shift_JIS (as Windows and Excel use it, CP932) cannot hold, replaced by the ones it
 * has: 〜 WAVE DASH → ～, — EM DASH → ―, – EN DASH → -, accented Latin letters → without accents.
 * Anything left becomes "?" (iconv-lite's replacement).
 */
const SJIS_SUBSTITUTES: Record<string, string> = { "\u301C": "\uFF5E", "\u2014": "\u2015", "\u2013": "-", "\u2212": "\uFF0D", "\u00A0": " " };
const sjisOk = new Map<string, boolean>();

export function toShiftJisSafe(text: string): string {
  let out = "";
  for (const char of text) {
    const mapped = SJIS_SUBSTITUTES[char] ?? char;
    let ok = sjisOk.get(mapped);
    if (ok === undefined) {
      ok = iconv.decode(iconv.encode(mapped, "Shift_JIS"), "Shift_JIS") === mapped;
      sjisOk.set(mapped, ok);
    }
    out += ok ? mapped : mapped.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  return out;
}

export function programmesCsvShiftJis(programmes: readonly SupportProgramme[]): Buffer {
  return iconv.encode(toShiftJisSafe(programmesCsvText(programmes)), "Shift_JIS");
}
