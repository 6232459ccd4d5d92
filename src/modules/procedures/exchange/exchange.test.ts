/**
 * Export and import of procedure documents against real PostgreSQL: the demo catalogue (with the
 * generated 1,500) exports valid documents, a fresh database imports them and exports the same
 * lines, and a file with any bad line changes nothing.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import Ajv2020 from "ajv/dist/2020.js";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { seedDemo } from "../../../demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";
import { loadProcedureDocuments } from "./commands/export-procedures.ts";
import { importProcedureDocuments } from "./commands/import-procedures.ts";
import { documentLine, type ProcedureDocument } from "./document.ts";
import { readProcedureLines } from "./read-procedure-lines.ts";
import { PROCEDURE_SCHEMA_PATH } from "./validate-document.ts";

let source: TestDatabase;
let target: TestDatabase;
let exported: string[];

before(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemo(source.db, { cases: false });
  exported = (await loadProcedureDocuments({ db: source.db })).map(documentLine);
});
after(async () => {
  await Promise.all([source?.drop(), target?.drop()]);
});

async function count(db: Db, table: string, where = "true"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${sql.raw(where)}`);
  return row!.n;
}

function documents(lines: string[]): ProcedureDocument[] {
  return lines.map((line) => JSON.parse(line) as ProcedureDocument);
}

describe("export", () => {
  it("gives one canonical line per published procedure of the demo (1,500 or more), each valid against the published schema", async () => {
    assert.ok(exported.length >= 1500, String(exported.length));
    assert.equal(exported.length, await count(source.db, "procedures", "published"));
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(PROCEDURE_SCHEMA_PATH, "utf8")) as object);
    for (const line of exported) assert.ok(validate(JSON.parse(line)), `${line.slice(0, 80)}: ${JSON.stringify(validate.errors)}`);
    const slugs = documents(exported).map((d) => d.slug);
    assert.deepEqual(slugs, [...slugs].sort(), "ordered by slug");
    assert.ok(documents(exported).some((d) => d.slug === "residence-certificate" && d.form && !d.demo));
    assert.ok(documents(exported).some((d) => d.demo === true && /デモ/.test(d.summary.ja)));
  });
});

describe("import", () => {
  it("takes the exported lines into an empty database, and exporting again gives the same lines", async () => {
    const read = readProcedureLines(exported.join("\n"));
    assert.deepEqual(read.problems, []);
    const report = await importProcedureDocuments({ db: target.db, items: read.documents.map(({ document }) => ({ document })) });
    assert.equal(report.created, exported.length);
    assert.equal(report.newVersions, documents(exported).filter((d) => d.form).length);
    const again = (await loadProcedureDocuments({ db: target.db })).map(documentLine);
    assert.deepEqual([...again].sort(), [...exported].sort());
    // Departments, categories and life events came with the documents.
    assert.ok((await count(target.db, "departments")) >= 30);
  });

  it("changes nothing when the same documents come again", async () => {
    const versions = await count(target.db, "procedure_versions");
    const report = await importProcedureDocuments({ db: target.db, items: documents(exported).map((document) => ({ document })) });
    assert.deepEqual([report.created, report.updated, report.newVersions], [0, 0, 0]);
    assert.equal(report.unchanged, exported.length);
    assert.equal(await count(target.db, "procedure_versions"), versions);
  });

  it("publishes a changed form as the next version, keeps the old one for pinned drafts, and takes the form off with null", async () => {
    const [document] = documents(exported.filter((line) => line.includes('"slug":"residence-certificate"')));
    const changed = structuredClone(document!);
    changed.form!.pages[0]!.title = { ja: "証明書の種類を選んでください", en: "Choose the certificate" };
    changed.title = { ...changed.title, en: "Copy of the residence record" };
    let report = await importProcedureDocuments({ db: target.db, items: [{ document: changed }], audit: { actorId: null, actorLabel: "test" } });
    assert.deepEqual([report.updated, report.newVersions], [1, 1]);
    const [row] = await queryRows<{ versions: number; current: number }>(
      target.db,
      sql`SELECT (SELECT count(*)::int FROM procedure_versions v WHERE v.procedure_id = p.id) AS versions,
                 (SELECT v.version FROM procedure_versions v WHERE v.id = p.current_version_id) AS current
          FROM procedures p WHERE p.slug = 'residence-certificate'`,
    );
    assert.deepEqual(row, { versions: 2, current: 2 });
    const [audit] = await queryRows<{ action: string; data: { updated: string[] } }>(target.db, sql`SELECT action, data FROM audit_log ORDER BY seq DESC LIMIT 1`);
    assert.equal(audit!.action, "procedures.imported");
    assert.deepEqual(audit!.data.updated, ["residence-certificate"]);

    report = await importProcedureDocuments({ db: target.db, items: [{ document: { ...changed, form: null, channel: "counter" } }] });
    assert.deepEqual([report.updated, report.newVersions], [1, 0]);
    const [cleared] = await queryRows<{ current: string | null }>(target.db, sql`SELECT current_version_id AS current FROM procedures WHERE slug = 'residence-certificate'`);
    assert.equal(cleared!.current, null);
    assert.equal(await count(target.db, "procedure_versions", "procedure_id = (SELECT id FROM procedures WHERE slug = 'residence-certificate')"), 2);
  });

  it("creates a department another city does not have, and keeps the names of those it has", async () => {
    const [document] = documents(exported.slice(0, 1));
    const shared: ProcedureDocument = {
      ...document!,
      slug: "sakai-shared-procedure",
      department: { code: "sakai-kita-ward", name: { ja: "堺市北区役所", en: "Sakai Kita Ward Office" }, kind: "ward" },
      category: { code: document!.category.code, name: { ja: "別の名前", en: "Another name" } },
    };
    await importProcedureDocuments({ db: target.db, items: [{ document: shared }] });
    const [department] = await queryRows<{ name: string }>(target.db, sql`SELECT name_ja AS name FROM departments WHERE code = 'sakai-kita-ward'`);
    assert.equal(department!.name, "堺市北区役所");
    const [category] = await queryRows<{ name: { ja: string } }>(target.db, sql`SELECT name FROM categories WHERE code = ${document!.category.code}`);
    assert.equal(category!.name.ja, document!.category.name.ja);
  });

  it("with --dry-run reports what would change and changes nothing", async () => {
    const before = await Promise.all([count(target.db, "procedures"), count(target.db, "procedure_versions"), count(target.db, "audit_log")]);
    const fresh = documents(exported.slice(0, 3)).map((document, i) => ({ document: { ...document, slug: `dry-run-${i}` } }));
    const report = await importProcedureDocuments({ db: target.db, items: fresh, dryRun: true, audit: { actorId: null, actorLabel: "test" } });
    assert.deepEqual([report.created, report.dryRun], [3, true]);
    assert.deepEqual(await Promise.all([count(target.db, "procedures"), count(target.db, "procedure_versions"), count(target.db, "audit_log")]), before);
  });

  it("reports a bad line of an exported file by its number and the JSON path of the problem", () => {
    const lines = exported.slice(0, 5);
    lines[3] = lines[3]!.replace('"type":"name"', '"type":"nmae"');
    const read = readProcedureLines(lines.join("\n"), "en");
    assert.equal(read.problems.length, 1);
    assert.equal(read.problems[0]!.line, 4);
    assert.match(read.problems[0]!.path, /^\$\.form\.pages\[\d+\]\.questions\[\d+\]\.type$/);
    assert.equal(read.documents.length, 4);
  });
});
