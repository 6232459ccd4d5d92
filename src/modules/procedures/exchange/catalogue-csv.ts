/**
 * The procedures catalogue as a city keeps it in Excel: one row per procedure, Japanese column
 * headers (schemas/catalogue.csv.md), UTF-8 with or without a BOM, or Shift_JIS (Windows-31J, what
 * Excel writes as "CSV"). Reading is pure: the departments, categories, life events and the
 * procedures already in the catalogue are passed in. Every problem is reported with its row (as
 * Excel numbers them: the header is row 1) and column, all at once.
 *
 * Rows carry catalogue fields only, never a form: a procedure keeps its current form (forms are
 * built in the builder or exchanged as JSON documents). A column missing from the file leaves that
 * field of existing procedures as it is; an empty cell clears it. An English column left empty
 * keeps the current translation as long as the Japanese text is unchanged.
 */
import iconv from "iconv-lite";
import { parse } from "csv-parse/sync";
import type { Locale, LocalizedText } from "../../../core/i18n/index.ts";
import { normalizeWidth, toHiragana } from "../../../core/text/japanese.ts";
import { PROCEDURE_SCHEMA_VERSION, type ProcedureDocument, type Reference } from "./document.ts";
import { m, type ExchangeMessageKey } from "./messages.ts";
import { validateProcedureDocument } from "./validate-document.ts";

/** The columns, by the field they fill. `required`: the header must have it and no cell may be empty. */
export const CATALOGUE_COLUMNS = {
  slug: { header: "手続きID", required: true },
  title: { header: "手続き名", required: true },
  titleEn: { header: "手続き名（英語）", required: false },
  reading: { header: "よみ", required: true },
  summary: { header: "概要", required: true },
  summaryEn: { header: "概要（英語）", required: false },
  department: { header: "担当部署コード", required: true },
  category: { header: "分類", required: true },
  lifeEvents: { header: "ライフイベント", required: false },
  whoCanApply: { header: "対象者", required: true },
  whoCanApplyEn: { header: "対象者（英語）", required: false },
  whatYouNeed: { header: "必要なもの", required: false },
  whatYouNeedEn: { header: "必要なもの（英語）", required: false },
  fee: { header: "手数料", required: false },
  feeUnit: { header: "手数料単位", required: false },
  feeNote: { header: "手数料備考", required: false },
  feeNoteEn: { header: "手数料備考（英語）", required: false },
  processingTime: { header: "処理期間", required: true },
  processingTimeEn: { header: "処理期間（英語）", required: false },
  channel: { header: "申請方法", required: true },
  legalBasis: { header: "根拠法令", required: false },
  legalBasisEn: { header: "根拠法令（英語）", required: false },
  keywords: { header: "キーワード", required: false },
} as const;

export type CatalogueField = keyof typeof CATALOGUE_COLUMNS;

export type CsvProblem = {
  /** Row as Excel shows it (header = 1); null for problems of the whole file */
  row: number | null;
  /** Column header; null for problems of a whole row or the file */
  column: string | null;
  code: string;
  message: string;
};

export type CatalogueReferences = {
  departments: Array<{ code: string; name: LocalizedText; kind: "ward" | "bureau" }>;
  categories: Reference[];
  lifeEvents: Reference[];
};

export type CatalogueRow = {
  row: number;
  document: ProcedureDocument;
  /** False when the slug is not in the catalogue yet. */
  exists: boolean;
};

/** `rows` is empty whenever there are problems (nothing of a file with problems is imported). */
export type ReadCatalogueResult = { rows: CatalogueRow[]; problems: CsvProblem[]; warnings: string[] };

/** UTF-8 (with or without BOM) or, when the bytes are not valid UTF-8, Shift_JIS (Windows-31J). */
export function decodeCatalogueCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "shift_jis" } | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString("utf8"), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buffer), encoding: "utf-8" };
  } catch {
    const text = iconv.decode(buffer, "cp932");
    // cp932 decodes almost anything; U+FFFD means bytes that are not Shift_JIS either.
    return text.includes("\uFFFD") ? null : { text, encoding: "shift_jis" };
  }
}

const normalizeHeader = (text: string) => normalizeWidth(text).replace(/\s+/g, "");

const READING = /^[\u3041-\u3096\u309D\u309E\u30FC ]+$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export async function readCatalogueCsv(options: {
  bytes: Uint8Array;
  references: CatalogueReferences;
  /** What the catalogue holds now for these slugs (see loadProcedureDocuments). */
  loadExisting: (slugs: string[]) => Promise<ReadonlyMap<string, ProcedureDocument>>;
  locale?: Locale;
}): Promise<ReadCatalogueResult> {
  const locale = options.locale ?? "ja";
  const problems: CsvProblem[] = [];
  const warnings: string[] = [];
  const fileProblem = (code: ExchangeMessageKey, params?: Record<string, string | number>): ReadCatalogueResult => ({
    rows: [],
    problems: [{ row: null, column: null, code: `csv.${code.replace(/^csv\./, "")}`, message: m(locale, code, params) }],
    warnings,
  });

  const decoded = decodeCatalogueCsv(options.bytes);
  if (!decoded) return fileProblem("csv.encoding");
  let records: string[][];
  try {
    records = parse(decoded.text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    return fileProblem("csv.parse", { reason: (error as Error).message });
  }
  const [header = [], ...body] = records;

  // Which column holds which field
  const fieldsByHeader = new Map<string, CatalogueField>(Object.entries(CATALOGUE_COLUMNS).map(([field, column]) => [normalizeHeader(column.header), field as CatalogueField]));
  const columnOf = new Map<CatalogueField, number>();
  const unknown: string[] = [];
  header.forEach((cell, index) => {
    const name = normalizeHeader(cell);
    if (name === "") return;
    const field = fieldsByHeader.get(name);
    if (!field) unknown.push(cell.trim());
    else if (columnOf.has(field)) problems.push({ row: 1, column: CATALOGUE_COLUMNS[field].header, code: "csv.duplicateColumn", message: m(locale, "csv.duplicateColumn", { column: CATALOGUE_COLUMNS[field].header }) });
    else columnOf.set(field, index);
  });
  const missing = Object.entries(CATALOGUE_COLUMNS).filter(([field, column]) => column.required && !columnOf.has(field as CatalogueField)).map(([, column]) => column.header);
  if (missing.length > 0) {
    problems.push({ row: 1, column: null, code: "csv.missingColumns", message: m(locale, "csv.missingColumns", { columns: missing.map((c) => `「${c}」`).join(locale === "ja" ? "、" : ", ") }) });
  }
  if (problems.length > 0) return { rows: [], problems, warnings };
  if (unknown.length > 0) warnings.push(m(locale, "csv.unknownColumns", { columns: unknown.map((c) => `「${c}」`).join(locale === "ja" ? "、" : ", ") }));

  const departments = new Map(options.references.departments.map((d) => [d.code, d]));
  const categoryByKey = new Map<string, Reference>();
  for (const c of options.references.categories) for (const key of [c.code, c.name.ja, c.name.en ?? ""]) if (key) categoryByKey.set(normalizeHeader(key).toLowerCase(), c);
  const eventByKey = new Map<string, Reference>();
  for (const e of options.references.lifeEvents) for (const key of [e.code, e.name.ja, e.name.en ?? ""]) if (key) eventByKey.set(normalizeHeader(key).toLowerCase(), e);

  const slugIndex = columnOf.get("slug")!;
  const slugOf = (cells: string[]) => normalizeWidth((cells[slugIndex] ?? "").trim()).toLowerCase();
  const existing = await options.loadExisting([...new Set(body.map(slugOf).filter((slug) => SLUG.test(slug)))]);

  const rows: CatalogueRow[] = [];
  const slugRows = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === "")) return;
    const rowProblems: CsvProblem[] = [];
    const problem = (field: CatalogueField, code: ExchangeMessageKey, params?: Record<string, string | number>) =>
      rowProblems.push({ row, column: CATALOGUE_COLUMNS[field].header, code, message: m(locale, code, params) });
    const has = (field: CatalogueField) => columnOf.has(field);
    const cell = (field: CatalogueField): string => {
      const index = columnOf.get(field);
      return index === undefined ? "" : (cells[index] ?? "").replace(/\r\n?/g, "\n").trim();
    };
    const required = (field: CatalogueField): string => {
      const value = cell(field);
      if (value === "") problem(field, "csv.required");
      return value;
    };

    const slug = normalizeWidth(required("slug")).toLowerCase();
    if (slug !== "" && !SLUG.test(slug)) problem("slug", "csv.slug", { value: slug });
    const before = existing.get(slug);
    const titleJa = required("title");
    const rawReading = required("reading");
    const reading = toHiragana(normalizeWidth(rawReading)).replace(/\s+/g, " ");
    if (rawReading !== "" && !READING.test(reading)) problem("reading", "csv.reading", { value: rawReading });
    const summaryJa = required("summary");
    const departmentCode = normalizeWidth(required("department"));
    const department = departments.get(departmentCode);
    if (departmentCode !== "" && !department) problem("department", "csv.department", { value: departmentCode });
    const categoryText = required("category");
    const category = categoryByKey.get(normalizeHeader(categoryText).toLowerCase());
    if (categoryText !== "" && !category) problem("category", "csv.category", { value: categoryText });
    const lifeEvents: Reference[] = [];
    if (has("lifeEvents")) {
      for (const name of splitList(cell("lifeEvents"))) {
        const event = eventByKey.get(normalizeHeader(name).toLowerCase());
        if (!event) problem("lifeEvents", "csv.lifeEvent", { value: name });
        else if (!lifeEvents.some((e) => e.code === event.code)) lifeEvents.push(event);
      }
    }
    const whoJa = required("whoCanApply");
    const timeJa = required("processingTime");
    const channel = parseChannel(required("channel"));
    if (channel === undefined) problem("channel", "csv.channel", { value: cell("channel") });

    const fee = parseFee(cell("fee"));
    if (fee === undefined) problem("fee", "csv.fee", { value: cell("fee") });
    const unitText = cell("feeUnit");
    const per = parseFeeUnit(unitText);
    if (per === undefined) problem("feeUnit", "csv.feeUnit", { value: unitText });
    const feeNoteJa = cell("feeNote");

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    const first = slugRows.get(slug);
    if (first !== undefined) {
      problems.push({ row, column: CATALOGUE_COLUMNS.slug.header, code: "csv.duplicateSlug", message: m(locale, "csv.duplicateSlug", { slug, row: first }) });
      return;
    }
    slugRows.set(slug, row);

    // Translations: the English column, or the current one while the Japanese text is unchanged.
    const text = (ja: string, enField: CatalogueField, current: LocalizedText | undefined): LocalizedText => {
      const en = cell(enField);
      if (en !== "") return { ja, en };
      return current && current.ja === ja && current.en ? { ja, en: current.en } : { ja };
    };
    let feeValue: ProcedureDocument["fee"];
    if (!has("fee") && !has("feeUnit") && !has("feeNote")) feeValue = before?.fee ?? null;
    else if (fee === null && feeNoteJa === "") {
      if (per) problem("feeUnit", "csv.feeUnitWithoutFee");
      feeValue = null;
    } else {
      const note = feeNoteJa === "" ? undefined : text(feeNoteJa, "feeNoteEn", before?.fee?.note);
      feeValue = { amountYen: fee ?? 0, ...(per ? { per } : {}), ...(note ? { note } : {}) };
    }
    const needsJa = has("whatYouNeed") ? splitList(cell("whatYouNeed")) : undefined;
    const needsEn = splitList(cell("whatYouNeedEn"));
    const whatYouNeed =
      needsJa === undefined
        ? (before?.whatYouNeed ?? [])
        : needsJa.map((ja, i) => (needsEn[i] ? { ja, en: needsEn[i]! } : (before?.whatYouNeed.find((item) => item.ja === ja && item.en) ?? { ja })));
    const legalJa = has("legalBasis") ? cell("legalBasis") : (before?.legalBasis?.ja ?? "");
    const legalBasis = legalJa === "" ? undefined : has("legalBasis") ? text(legalJa, "legalBasisEn", before?.legalBasis) : before?.legalBasis;

    const document: ProcedureDocument = {
      schemaVersion: PROCEDURE_SCHEMA_VERSION,
      slug,
      title: text(titleJa, "titleEn", before?.title),
      reading,
      summary: text(summaryJa, "summaryEn", before?.summary),
      department: { code: department!.code, name: department!.name, kind: department!.kind },
      category: category!,
      lifeEvents: has("lifeEvents") ? lifeEvents : (before?.lifeEvents ?? []),
      keywords: has("keywords") ? splitList(normalizeWidth(cell("keywords"))) : (before?.keywords ?? []),
      whoCanApply: text(whoJa, "whoCanApplyEn", before?.whoCanApply),
      whatYouNeed,
      fee: feeValue,
      processingTime: text(timeJa, "processingTimeEn", before?.processingTime),
      channel: channel!,
      ...(legalBasis ? { legalBasis } : {}),
      ...(before?.related ? { related: before.related } : {}),
      ...(before?.demo ? { demo: true as const } : {}),
      // Not imported (the form stays as it is); here only so that the document is complete.
      form: before?.form ?? null,
    };
    // The published schema is the last word (lengths, patterns); its paths name the columns.
    for (const found of validateProcedureDocument(document, locale)) {
      const field = FIELD_OF_PATH.find(([prefix]) => found.path === prefix || found.path.startsWith(`${prefix}.`) || found.path.startsWith(`${prefix}[`));
      rowProblems.push({ row, column: field ? CATALOGUE_COLUMNS[field[1]].header : null, code: found.code, message: `${found.path}: ${found.message}` });
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    if (!before && channel !== "counter") warnings.push(`${m(locale, "where.row", { row })}: ${m(locale, "csv.noForm", { slug })}`);
    rows.push({ row, document, exists: before !== undefined });
  });
  // All or nothing: rows only from a file without problems.
  return { rows: problems.length > 0 ? [] : rows, problems, warnings };
}

const FIELD_OF_PATH: Array<[string, CatalogueField]> = [
  ["$.slug", "slug"],
  ["$.title", "title"],
  ["$.reading", "reading"],
  ["$.summary", "summary"],
  ["$.department", "department"],
  ["$.category", "category"],
  ["$.lifeEvents", "lifeEvents"],
  ["$.keywords", "keywords"],
  ["$.whoCanApply", "whoCanApply"],
  ["$.whatYouNeed", "whatYouNeed"],
  ["$.fee", "fee"],
  ["$.processingTime", "processingTime"],
  ["$.channel", "channel"],
  ["$.legalBasis", "legalBasis"],
];

/** A cell holding a list: items separated by ; ；or line breaks. */
function splitList(text: string): string[] {
  return text
    .split(/[;；\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** オンライン / 窓口 / 両方 (also English, and オンライン・窓口) → the channel; undefined when unknown. */
export function parseChannel(text: string): "online" | "counter" | "both" | undefined {
  const value = normalizeWidth(text).replace(/\s+/g, "").toLowerCase();
  if (value === "") return undefined;
  if (["オンライン", "online", "電子申請", "web"].includes(value)) return "online";
  if (["窓口", "counter", "来庁"].includes(value)) return "counter";
  if (["両方", "both", "オンライン・窓口", "窓口・オンライン", "オンライン/窓口", "窓口/オンライン", "オンラインと窓口"].includes(value)) return "both";
  return undefined;
}

/** 300 / 300円 / ¥1,200 / １，２００円 → yen; empty, なし, 無料 → null (no fee); undefined when unreadable. */
export function parseFee(text: string): number | null | undefined {
  const value = normalizeWidth(text).replace(/[\s,，]/g, "").replace(/^[¥￥]/, "").replace(/円$/, "");
  if (["", "なし", "無", "無料", "不要", "-", "ー", "―"].includes(value)) return null;
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** 1通 / 通 / 1件 / 件 (and copy / item) → the unit; "" → null; undefined when unknown. */
export function parseFeeUnit(text: string): "copy" | "item" | null | undefined {
  const value = normalizeWidth(text).replace(/\s+/g, "").replace(/につき$/, "").replace(/^1/, "").toLowerCase();
  if (value === "") return null;
  if (["通", "copy", "枚"].includes(value)) return "copy";
  if (["件", "item", "点", "個"].includes(value)) return "item";
  return undefined;
}

/** `row 5, column 手数料: …` / `5行目、列「手数料」：…` */
export function formatCsvProblem(problem: CsvProblem, locale: Locale = "ja"): string {
  const where = [problem.row === null ? null : m(locale, "where.row", { row: problem.row }), problem.column === null ? null : m(locale, "where.column", { column: problem.column })]
    .filter((part) => part !== null)
    .join(locale === "ja" ? "、" : ", ");
  return where === "" ? problem.message : `${where}${locale === "ja" ? "：" : ": "}${problem.message}`;
}
