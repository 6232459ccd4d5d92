import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import { seedDemo } from "../../../demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";
import { formatCsvProblem, parseChannel, parseFee, parseFeeUnit, readCatalogueCsv, type CatalogueReferences } from "./catalogue-csv.ts";
import { loadProcedureDocuments } from "./commands/export-procedures.ts";
import { importCatalogueCsv } from "./commands/import-catalogue-csv.ts";
import type { ProcedureDocument } from "./document.ts";

const HEADER = ["手続きID", "手続き名", "よみ", "概要", "担当部署コード", "分類", "ライフイベント", "対象者", "必要なもの", "手数料", "手数料単位", "処理期間", "申請方法", "根拠法令", "キーワード"];

function csv(rows: string[][], header = HEADER): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);

const HALL = ["kita-hall-booking", "区民ホールの使用申請（北区）", "クミンホールノシヨウシンセイ", "北区の区民ホールを使用するための申請です。", "ward-kita", "くらし", "引越し；事業", "個人または団体", "団体の名簿;代表者の連絡先", "１，２００円", "1件", "3開庁日以内", "両方", "地方自治法第244条", "ホール；貸室"];

const references: CatalogueReferences = {
  departments: [{ code: "ward-kita", name: { ja: "北区役所", en: "Kita Ward Office" }, kind: "ward" }],
  categories: [{ code: "living", name: { ja: "くらし", en: "Everyday life" } }],
  lifeEvents: [
    { code: "moving", name: { ja: "引越し", en: "Moving house" } },
    { code: "business", name: { ja: "事業", en: "Running a business" } },
  ],
};

async function read(bytes: Uint8Array, existing: ProcedureDocument[] = []) {
  return readCatalogueCsv({ bytes, references, locale: "en", loadExisting: async () => new Map(existing.map((d) => [d.slug, d])) });
}

describe("reading the catalogue CSV", () => {
  it("reads a row as Excel writes it (UTF-8 with BOM), normalising widths, kana and lists", async () => {
    const result = await read(utf8Bom(csv([HALL])));
    assert.deepEqual(result.problems, []);
    const [row] = result.rows;
    assert.equal(row!.row, 2);
    const document = row!.document;
    assert.equal(document.reading, "くみんほーるのしようしんせい");
    assert.deepEqual(document.fee, { amountYen: 1200, per: "item" });
    assert.deepEqual(document.lifeEvents.map((e) => e.code), ["moving", "business"]);
    assert.deepEqual(document.whatYouNeed, [{ ja: "団体の名簿" }, { ja: "代表者の連絡先" }]);
    assert.deepEqual(document.keywords, ["ホール", "貸室"]);
    assert.equal(document.channel, "both");
    assert.equal(document.department.code, "ward-kita");
    assert.equal(document.category.code, "living");
    assert.equal(document.form, null);
  });

  it("reads Shift_JIS (what Excel saves as CSV) as well", async () => {
    const result = await read(iconv.encode(csv([HALL]), "cp932"));
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows[0]!.document.title.ja, "区民ホールの使用申請（北区）");
  });

  it("reports every bad cell with its row and column, and no rows", async () => {
    const bad = [...HALL];
    bad[0] = "Kita Hall!";
    bad[4] = "ward-nowhere";
    bad[9] = "三百円";
    bad[12] = "郵送";
    const noFeeButUnit = [...HALL];
    noFeeButUnit[0] = "kita-room";
    noFeeButUnit[9] = "無料";
    const duplicate = [...HALL];
    const empty = ["kita-empty", "", "", "", "ward-kita", "くらし", "", "", "", "", "", "", "オンライン", "", ""];
    const result = await read(utf8Bom(csv([HALL, bad, noFeeButUnit, duplicate, empty])));
    assert.deepEqual(result.rows, []);
    const lines = result.problems.map((p) => formatCsvProblem(p, "en"));
    assert.ok(lines.includes('row 3, column 手続きID: may contain only lower-case letters, digits and hyphens (e.g. kita-hall-booking): "kita hall!"'), lines.join("\n"));
    assert.ok(lines.includes('row 3, column 担当部署コード: there is no department with the code "ward-nowhere"'), lines.join("\n"));
    assert.ok(lines.includes('row 3, column 手数料: "三百円" is not an amount in yen (e.g. 300, 300円, 無料)'), lines.join("\n"));
    assert.ok(lines.includes('row 3, column 申請方法: must be オンライン (online), 窓口 (counter) or 両方 (both): "郵送"'), lines.join("\n"));
    assert.ok(lines.includes("row 4, column 手数料単位: leave the fee unit empty when there is no fee"), lines.join("\n"));
    assert.ok(lines.includes('row 5, column 手続きID: slug "kita-hall-booking" is also on row 2'), lines.join("\n"));
    for (const column of ["手続き名", "よみ", "概要", "対象者", "処理期間"]) assert.ok(lines.includes(`row 6, column ${column}: is empty`), column);
    assert.equal(formatCsvProblem(result.problems[0]!, "ja").startsWith("3行目、列「"), true);
  });

  it("refuses a file without the required columns, naming them", async () => {
    const result = await read(utf8Bom(csv([["x", "y"]], ["手続きID", "手続き名"])));
    assert.equal(result.problems.length, 1);
    assert.match(formatCsvProblem(result.problems[0]!, "en"), /^row 1: the header row has no column 「よみ」, 「概要」, 「担当部署コード」/);
  });

  it("keeps translations, fields of missing columns and the form of a procedure already in the catalogue", async () => {
    const existing: ProcedureDocument = {
      schemaVersion: "1.0",
      slug: "kita-hall-booking",
      title: { ja: "区民ホールの使用申請（北区）", en: "Booking the hall (Kita Ward)" },
      reading: "くみんほーる",
      summary: { ja: "古い概要", en: "Old summary" },
      department: { code: "ward-kita", name: { ja: "北区役所" }, kind: "ward" },
      category: { code: "living", name: { ja: "くらし" } },
      lifeEvents: [],
      keywords: [],
      whoCanApply: { ja: "個人または団体", en: "Individuals or groups" },
      whatYouNeed: [{ ja: "団体の名簿", en: "List of members" }],
      fee: null,
      processingTime: { ja: "3開庁日以内", en: "Within 3 working days" },
      channel: "both",
      form: { pages: [{ id: "p", title: { ja: "ページ" }, questions: [{ id: "q", type: "text", label: { ja: "質問" } }] }] },
    };
    const header = HEADER.filter((h) => h !== "キーワード");
    const result = await read(utf8Bom(csv([HALL.slice(0, -1)], header)), [{ ...existing, keywords: ["残る"] }]);
    assert.deepEqual(result.problems, []);
    const document = result.rows[0]!.document;
    assert.deepEqual(document.title, { ja: "区民ホールの使用申請（北区）", en: "Booking the hall (Kita Ward)" }, "unchanged Japanese keeps its English");
    assert.deepEqual(document.summary, { ja: "北区の区民ホールを使用するための申請です。" }, "changed Japanese drops the old English");
    assert.deepEqual(document.whatYouNeed[0], { ja: "団体の名簿", en: "List of members" });
    assert.deepEqual(document.keywords, ["残る"], "a column not in the file leaves the field as it is");
    assert.equal(result.rows[0]!.exists, true);
  });

  it("parses fees, units and channels as people type them", () => {
    assert.equal(parseFee("300"), 300);
    assert.equal(parseFee("￥1,200"), 1200);
    assert.equal(parseFee("３００円"), 300);
    assert.equal(parseFee("無料"), null);
    assert.equal(parseFee(""), null);
    assert.equal(parseFee("約300円"), undefined);
    assert.equal(parseFeeUnit("1通につき"), "copy");
    assert.equal(parseFeeUnit("１件"), "item");
    assert.equal(parseFeeUnit(""), null);
    assert.equal(parseFeeUnit("1回"), undefined);
    assert.equal(parseChannel("オンライン"), "online");
    assert.equal(parseChannel(" 窓口 "), "counter");
    assert.equal(parseChannel("オンライン・窓口"), "both");
    assert.equal(parseChannel("FAX"), undefined);
  });
});

describe("importing the catalogue CSV", () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, { cases: false, generatedProcedures: false });
  });
  after(async () => {
    await database?.drop();
  });

  it("creates and updates procedures in one go; existing forms stay; a bad row imports nothing", async () => {
    const [current] = await loadProcedureDocuments({ db: database.db, slugs: ["residence-certificate"] });
    const residence = [
      "residence-certificate", current!.title.ja, current!.reading, "住民票の写しを請求できます（CSVで更新）。", current!.department.code, current!.category.code,
      current!.lifeEvents.map((e) => e.name.ja).join(";"), current!.whoCanApply.ja, current!.whatYouNeed.map((n) => n.ja).join(";"), "300", "1通", current!.processingTime.ja, "両方", current!.legalBasis!.ja, current!.keywords.join(";"),
    ];
    const bad = [...HALL];
    bad[0] = "kita-other-hall";
    bad[5] = "存在しない分類";
    const countBefore = (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM procedures`))[0]!.n;
    const refused = await importCatalogueCsv({ db: database.db, bytes: utf8Bom(csv([HALL, residence, bad])), locale: "en" });
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && refused.problems.map((p) => [p.row, p.column]), [[4, "分類"]]);
    assert.equal((await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM procedures`))[0]!.n, countBefore);

    const result = await importCatalogueCsv({ db: database.db, bytes: iconv.encode(csv([HALL, residence]), "cp932"), locale: "en", audit: { actorId: null, actorLabel: "test" } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual([result.report.created, result.report.updated, result.report.newVersions], [1, 1, 0]);
    assert.match(result.warnings.join("\n"), /row 2: kita-hall-booking: no application form yet/);
    const [updated] = await loadProcedureDocuments({ db: database.db, slugs: ["residence-certificate"] });
    assert.equal(updated!.summary.ja, "住民票の写しを請求できます（CSVで更新）。");
    assert.deepEqual(updated!.form, current!.form, "the form is not touched by the CSV");
    assert.deepEqual(updated!.title, current!.title, "the English title is kept");
  });
});
