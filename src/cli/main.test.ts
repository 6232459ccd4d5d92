import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { appendAudit } from "../core/audit/audit.ts";
import { queryRows } from "../core/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { runCli } from "./main.ts";

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), progress: () => {} } };
}

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.drop();
});

test("no command, unknown commands and bad arguments print usage and exit 2", async () => {
  for (const argv of [[], ["frobnicate"], ["user", "delete"], ["audit", "verify", "--now"], ["user", "create", "--bogus"], ["export", "everything"]]) {
    const { out, io } = capture();
    assert.equal(await runCli(argv, io, { DATABASE_URL: database.url }), 2, argv.join(" "));
    assert.match(out.stderr, /Usage: machi <command>/);
  }
});

test("a bad DATABASE_URL is reported clearly with exit 1", async () => {
  const { out, io } = capture();
  assert.equal(await runCli(["migrate"], io, { DATABASE_URL: "mysql://nope" }), 1);
  assert.match(out.stderr, /DATABASE_URL must start with postgres:/);
});

test("seed-demo, user create and audit verify; audit verify fails after a record is altered or deleted", async () => {
  const env = { DATABASE_URL: database.url };
  let { out, io } = capture();
  assert.equal(await runCli(["seed-demo"], io, env), 0, out.stderr);
  assert.match(out.stdout, /procedures/);
  assert.match(out.stdout, /[1-9]\d* new cases/, "demo cases are created through the audited staff commands");

  ({ out, io } = capture());
  const args = ["user", "create", "--kind", "staff", "--email", "cli.staff@example.jp", "--password", "a-long-password-1", "--family", "市役", "--given", "太郎", "--department", "welfare"];
  assert.equal(await runCli(args, io, env), 0, out.stderr);
  ({ out, io } = capture());
  assert.equal(await runCli(args, io, env), 1, "a second user with the same e-mail is refused");

  for (let i = 0; i < 3; i++) {
    await database.db.transaction((tx) => appendAudit(tx, { actorId: null, actorLabel: "test", action: "test.action", objectType: "test", data: { i } }));
  }
  ({ out, io } = capture());
  assert.equal(await runCli(["audit", "verify"], io, env), 0, out.stdout + out.stderr);
  assert.match(out.stdout, /intact/);

  // Appends only: the database itself refuses changes…
  await assert.rejects(database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 2`), (error: Error) => /append-only/.test(String(error.cause)));
  // …so a tamperer must first disable the trigger (as a superuser could); verify still notices.
  const [original] = await queryRows<{ data: string }>(database.db, sql`SELECT data::text AS data FROM audit_log WHERE seq = 2`);
  await database.execScript("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET data = '{\"i\": 42}' WHERE seq = 2");
  ({ out, io } = capture());
  assert.equal(await runCli(["audit", "verify"], io, env), 1);
  assert.match(out.stdout, /BROKEN at record 2/);

  await database.db.execute(sql`UPDATE audit_log SET data = ${original!.data}::jsonb WHERE seq = 2`);
  ({ out, io } = capture());
  assert.equal(await runCli(["audit", "verify"], io, env), 0, "restoring the record restores the chain");
  await database.execScript("DELETE FROM audit_log WHERE seq = 2");
  ({ out, io } = capture());
  assert.equal(await runCli(["audit", "verify"], io, env), 1);
  assert.match(out.stdout, /record 2 is missing/);
});

test("export procedures prints one JSON line per published procedure", async () => {
  const { out, io } = capture();
  assert.equal(await runCli(["export", "procedures"], io, { DATABASE_URL: database.url }), 0);
  const lines = out.stdout.trim().split("\n").map((line) => JSON.parse(line) as { slug: string });
  assert.ok(lines.length >= 26);
  assert.ok(lines.some((p) => p.slug === "residence-certificate"));
});

test("disaster commands are wired", async () => {
  const { out, io } = capture();
  assert.equal(await runCli(["disaster"], io, {}), 2);
  assert.match(out.stderr, /jma-parse/);
});
