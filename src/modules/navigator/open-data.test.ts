/** Open data (JSON valid against the published schema, CSV with BOM, Shift_JIS) and the CSV import (all or nothing). */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import iconv from "iconv-lite";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createStaff, signInStaff, type Browser } from "../identity/testing.ts";
import type { TestApp } from "../../testing/app.ts";
import { decodeCsv, parseProgrammesCsv } from "./programmes/csv-import.ts";
import { CSV_COLUMNS, programmesCsvText, toShiftJisSafe } from "./programmes/open-data.ts";
import { DEMO_PROGRAMMES } from "./demo/programmes.ts";
import { SCHEMA_FILE } from "./routes/finder.ts";
import { createNavigatorTestApp } from "./testing.ts";

let app: TestApp;
let staff: Browser;
before(async () => {
  app = await createNavigatorTestApp();
  const account = await createStaff(app, { roles: [{ departmentCode: "economy", role: "clerk" }] });
  staff = await signInStaff(app, account.email, account.password);
});
after(async () => {
  await app.stop();
});

const WARDS = new Set(["271161", "271276"]);

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
}

test("GET /support-programmes.json is valid against schemas/support-programme.schema.json (JSON Schema 2020-12)", async () => {
  const response = await app.http.inject({ url: "/support-programmes.json" });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers["content-type"]), /^application\/json/);
  assert.equal(response.headers["access-control-allow-origin"], "*");
  const document = response.json();
  const validate = validator();
  assert.equal(validate(document), true, JSON.stringify(validate.errors, null, 2));
  assert.equal(document.count, DEMO_PROGRAMMES.length);
  assert.equal(document.publisher.code, "271004");
  assert.equal(document.$schema, "http://localhost:3000/support-programmes.schema.json");
  // The schema is served where the document says.
  const schema = await app.http.inject({ url: "/support-programmes.schema.json" });
  assert.equal(schema.json().$schema, "https://json-schema.org/draft/2020-12/schema");
  // A broken document is caught by the schema (it is not vacuous).
  document.programmes[0].kind = "gift";
  delete document.programmes[1].title;
  assert.equal(validate(document), false);
  assert.deepEqual(validate.errors!.map((e) => e.instancePath).sort(), ["/programmes/0/kind", "/programmes/1"]);
});

test("GET /support-programmes.csv: UTF-8 with BOM, CRLF, the documented columns; Shift_JIS on request", async () => {
  const response = await app.http.inject({ url: "/support-programmes.csv" });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers["content-type"], "text/csv; charset=utf-8");
  assert.match(String(response.headers["content-disposition"]), /attachment; filename="support-programmes-271004.csv"/);
  const bytes = response.rawPayload;
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  assert.equal(text.split("\r\n")[0], CSV_COLUMNS.join(","));
  assert.match(text, /雇用調整助成金/);

  const sjis = await app.http.inject({ url: "/support-programmes.csv?encoding=shift_jis" });
  assert.equal(sjis.headers["content-type"], "text/csv; charset=Shift_JIS");
  assert.notDeepEqual([...sjis.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const decoded = iconv.decode(sjis.rawPayload, "Shift_JIS");
  assert.match(decoded, /雇用調整助成金/);
  assert.match(decoded, /補助率1\/2～4\/5/, "〜 (WAVE DASH) becomes ～, which Shift_JIS has");
  assert.equal(toShiftJisSafe("〜—é"), "～―e");
});

test("the export imports again unchanged (round trip), UTF-8 or Shift_JIS", () => {
  const text = programmesCsvText(DEMO_PROGRAMMES);
  const { programmes, problems } = parseProgrammesCsv(text, { wards: WARDS });
  assert.deepEqual(problems, []);
  assert.deepEqual(programmes, DEMO_PROGRAMMES.map(({ updatedAt: _u, ...p }) => p));
  const sjisBytes = iconv.encode(toShiftJisSafe(text), "Shift_JIS");
  const decoded = decodeCsv(sjisBytes);
  assert.equal(decoded.encoding, "shift_jis", "detected");
  assert.equal(parseProgrammesCsv(decoded.text, { wards: WARDS }).problems.length, 0);
  assert.equal(decodeCsv(Buffer.from(`\uFEFF${text}`)).encoding, "utf-8");
});

const HEADER = CSV_COLUMNS.join(",");
function row(values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  const base: Record<string, string> = {
    id: "test-programme", body: "city", body_name_ja: "テスト市", audiences: "resident", kind: "benefit",
    title_ja: "テスト給付", summary_ja: "テストです", status: "ongoing", url: "https://example.jp/", contact_ja: "区役所", demo: "true",
  };
  const merged = { ...base, ...values };
  return CSV_COLUMNS.map((c) => {
    const v = merged[c] ?? "";
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
}

test("import errors are reported per row and column, all at once", () => {
  const csv = [
    HEADER,
    row({ id: "ok-one" }),
    row({ id: "Bad Id", body: "galaxy", audiences: "resident|martians", url: "ftp://x", employees_min: "50", employees_max: "10", deadline: "2026-02-30", status: "open" }),
    row({ id: "ok-one", opens_on: "2026/4/1", deadline: "2026/3/1" }),
    row({ id: "ward-test", wards: "271161|999999", title_ja: "" }),
  ].join("\r\n");
  const { programmes, problems } = parseProgrammesCsv(csv, { wards: WARDS });
  assert.deepEqual(programmes, [], "nothing is imported when any row has a problem");
  assert.deepEqual(problems.map((p) => `${p.row} ${p.column} ${p.code}`), [
    "3 id id_format",
    "3 body enum",
    "3 audiences list_enum",
    "3 url url",
    "3 employees_max range_order",
    "3 deadline date",
    "3 deadline deadline_required",
    "4 deadline date_order",
    "4 id duplicate_id",
    "5 title_ja required",
    "5 wards unknown_ward",
  ]);
  assert.deepEqual(problems.find((p) => p.code === "duplicate_id")?.params, { id: "ok-one", row: 2 });
});

test("file-level problems: columns missing or unknown, bad quoting, no rows", () => {
  const missing = parseProgrammesCsv("id,title_ja,colour\r\nx,y,red\r\n", { wards: WARDS });
  assert.deepEqual(missing.problems.map((p) => p.code), ["unknown_columns", "missing_columns"]);
  const quotes = parseProgrammesCsv(`${HEADER}\r\n"unterminated,x\r\n`, { wards: WARDS });
  assert.equal(quotes.problems[0]?.code, "csv_syntax");
  assert.equal(parseProgrammesCsv(`${HEADER}\r\n`, { wards: WARDS }).problems[0]?.code, "no_rows");
});

async function upload(browser: Browser, csv: Buffer, fields: Record<string, string> = {}) {
  // The token from any page with a form of this browser (the import form's action carries it).
  await browser.get("/staff/navigator");
  const action = `/staff/support-programmes/import?_csrf=${encodeURIComponent(browser.csrfToken!)}`;
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(csv)], { type: "text/csv" }), "programmes.csv");
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return browser.request({
    method: "POST",
    url: action,
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type")! },
  });
}

test("the staff import: a bad file imports nothing and lists every problem; a good one replaces by id", async () => {
  const before = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM support_programmes`);
  const bad = await upload(staff, Buffer.from(`\uFEFF${[HEADER, row({ id: "new-one" }), row({ id: "second", kind: "gift" })].join("\r\n")}`));
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /取り込めませんでした（問題1件）/);
  assert.match(bad.body, /<td>3<\/td><td><code class="nav-code">kind<\/code><\/td><td>「gift」は使えません/);
  const unchanged = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM support_programmes`);
  assert.equal(unchanged[0]!.n, before[0]!.n, "not even the good row was imported");

  const sjis = iconv.encode([HEADER, row({ id: "new-one", title_ja: "新しい給付（シフトJIS）" }), row({ id: "jizokuka-kyufukin", title_ja: "持続化給付金（更新）", body: "national", audiences: "business", status: "closed" })].join("\r\n"), "Shift_JIS");
  const good = await upload(staff, sjis, { encoding: "auto", mode: "upsert" });
  assert.equal(good.statusCode, 303);
  assert.equal(good.headers.location, "/staff/support-programmes?imported=2&removed=0");
  const done = await staff.get(good.headers.location as string);
  assert.match(done.body, /2件の制度を取り込みました/);
  const [updated] = await queryRows<{ title: { ja: string } }>(app.deps.db, sql`SELECT title FROM support_programmes WHERE id = 'jizokuka-kyufukin'`);
  assert.equal(updated!.title.ja, "持続化給付金（更新）");
  const page = await app.http.inject({ url: "/support-programmes/new-one" });
  assert.match(page.body, /新しい給付（シフトJIS）/);
  const audit = await queryRows<{ data: Record<string, unknown> }>(app.deps.db, sql`SELECT data FROM audit_log WHERE action = 'navigator.programmes_imported'`);
  assert.deepEqual(audit.map((a) => a.data), [{ imported: 2, removed: 0, mode: "upsert", encoding: "shift_jis" }]);

  const replaced = await upload(staff, Buffer.from([HEADER, row({ id: "only-one" })].join("\r\n")), { mode: "replace" });
  assert.equal(replaced.headers.location, `/staff/support-programmes?imported=1&removed=${before[0]!.n + 1}`);
  const [count] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM support_programmes`);
  assert.equal(count!.n, 1);
});

test("without a file: 422; staff of other departments and residents may not import", async () => {
  const page = await staff.get("/staff/support-programmes");
  const action = /action="(\/staff\/support-programmes\/import\?_csrf=[^"]+)"/.exec(page.body)![1]!.replace(/&amp;/g, "&");
  const form = new FormData();
  form.append("mode", "upsert");
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const empty = await staff.request({ method: "POST", url: action, payload: Buffer.from(await request.arrayBuffer()), headers: { "content-type": request.headers.get("content-type")! } });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /CSVファイルを選んでください/);
  const other = await createStaff(app, { roles: [{ departmentCode: "welfare", role: "manager" }] });
  const otherBrowser = await signInStaff(app, other.email, other.password);
  assert.equal((await otherBrowser.get("/staff/support-programmes")).statusCode, 403);
  const refused = await upload(otherBrowser, Buffer.from([HEADER, row({ id: "sneaky" })].join("\r\n")));
  assert.equal(refused.statusCode, 403);
  const [sneaky] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM support_programmes WHERE id = 'sneaky'`);
  assert.equal(sneaky!.n, 0);
});
