/**
 * `machi procedures export|import` through the real CLI entry (runCli): on an empty database
 * export loads the demo first and prints 1,500 or more lines; import into another database gives
 * the same lines back; a bad line is refused with its number and JSON path and nothing is imported.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { runCli } from "../../../cli/main.ts";
import { queryRows } from "../../../core/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), progress: () => {} } };
}

let source: TestDatabase;
let target: TestDatabase;
let dir: string;

before(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-procedures-cli-"));
});
after(async () => {
  await Promise.all([source?.drop(), target?.drop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function procedureCount(database: TestDatabase): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM procedures`);
  return row!.n;
}

test("bad usage exits 2 with the usage", async () => {
  for (const argv of [["procedures"], ["procedures", "frobnicate"], ["procedures", "export"], ["procedures", "export", "--all", "--slug", "x"], ["procedures", "import"], ["procedures", "import", "a", "b"], ["procedures", "import", "a", "--force"]]) {
    const { out, io } = capture();
    assert.equal(await runCli(argv, io, { DATABASE_URL: target.url }), 2, argv.join(" "));
    assert.match(out.stderr, /Usage: machi procedures/, argv.join(" "));
  }
});

test("export --all on an empty database loads the demo first (SEED_DEMO) and prints 1,500 or more lines; import into another database gives them back", async () => {
  let { out, io } = capture();
  assert.equal(await runCli(["procedures", "export", "--all"], io, { DATABASE_URL: source.url, SEED_DEMO: "true" }), 0, out.stderr);
  const lines = out.stdout.trimEnd().split("\n");
  assert.ok(lines.length >= 1500, String(lines.length));
  assert.match(out.stderr, /loaded the demo data/);
  const file = path.join(dir, "catalogue.jsonl");
  fs.writeFileSync(file, out.stdout);

  ({ out, io } = capture());
  assert.equal(await runCli(["procedures", "import", file, "--dry-run"], io, { DATABASE_URL: target.url }), 0, out.stderr);
  assert.match(out.stdout, new RegExp(`${lines.length} procedures: ${lines.length} new`));
  assert.equal(await procedureCount(target), 0, "a dry run imports nothing");

  ({ out, io } = capture());
  assert.equal(await runCli(["procedures", "import", file], io, { DATABASE_URL: target.url }), 0, out.stderr);
  ({ out, io } = capture());
  assert.equal(await runCli(["procedures", "export", "--all", "--out", path.join(dir, "again.jsonl")], io, { DATABASE_URL: target.url }), 0, out.stderr);
  assert.equal(fs.readFileSync(path.join(dir, "again.jsonl"), "utf8"), fs.readFileSync(file, "utf8"));

  ({ out, io } = capture());
  assert.equal(await runCli(["export", "procedures"], io, { DATABASE_URL: target.url }), 0, "the older spelling still works");
  assert.equal(out.stdout, fs.readFileSync(file, "utf8"));
});

test("export --slug prints those procedures; an unknown slug exits 1", async () => {
  let { out, io } = capture();
  assert.equal(await runCli(["procedures", "export", "--slug", "residence-certificate", "--slug", "dog-registration"], io, { DATABASE_URL: target.url }), 0, out.stderr);
  assert.deepEqual(out.stdout.trimEnd().split("\n").map((line) => (JSON.parse(line) as { slug: string }).slug), ["dog-registration", "residence-certificate"]);
  ({ out, io } = capture());
  assert.equal(await runCli(["procedures", "export", "--slug", "no-such-procedure"], io, { DATABASE_URL: target.url }), 1);
  assert.match(out.stderr, /no procedure with the slug "no-such-procedure"/);
});

test("a file with a bad line is refused with the line number and JSON path, and nothing from it is imported", async () => {
  const lines = fs.readFileSync(path.join(dir, "catalogue.jsonl"), "utf8").trimEnd().split("\n").slice(0, 4);
  const renamed = lines.map((line) => line.replace(/"slug":"([^"]+)"/, '"slug":"copy-$1"'));
  const broken = JSON.parse(renamed[2]!) as { form: { pages: Array<{ questions: Array<{ type: string }> }> } | null; channel: string };
  broken.form = { pages: [{ ...(broken.form?.pages[0] ?? { id: "p", title: { ja: "ページ" } }), questions: [{ id: "q", type: "txet", label: { ja: "質問" } } as never] }] } as never;
  renamed[2] = JSON.stringify(broken);
  const file = path.join(dir, "bad.jsonl");
  fs.writeFileSync(file, `${renamed.join("\n")}\n`);
  const before = await procedureCount(target);
  const { out, io } = capture();
  assert.equal(await runCli(["procedures", "import", file], io, { DATABASE_URL: target.url }), 1);
  assert.match(out.stderr, /^line 3: \$\.form\.pages\[0\]\.questions\[0\]\.type: must be one of text, textarea/m);
  assert.match(out.stderr, /nothing was imported: 1 problem\(s\) on 1 line\(s\)/);
  assert.equal(await procedureCount(target), before);
});

test("import reads the catalogue CSV; an unreadable file exits 1", async () => {
  const csv = "\uFEFF手続きID,手続き名,よみ,概要,担当部署コード,分類,対象者,処理期間,申請方法\r\nkita-new-room,新しい会議室の使用申請（北区）,あたらしいかいぎしつ,新しい会議室です。,ward-kita,living,どなたでも,3日,窓口\r\n";
  const file = path.join(dir, "catalogue.csv");
  fs.writeFileSync(file, csv);
  let { out, io } = capture();
  assert.equal(await runCli(["procedures", "import", file], io, { DATABASE_URL: target.url, LANG: "ja_JP.UTF-8" }), 0, out.stderr);
  assert.match(out.stdout, /1件の手続き：新規 1件/);
  ({ out, io } = capture());
  assert.equal(await runCli(["procedures", "import", path.join(dir, "missing.jsonl")], io, { DATABASE_URL: target.url }), 1);
  assert.match(out.stderr, /cannot read the file/);
});
