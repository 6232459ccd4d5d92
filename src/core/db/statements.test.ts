import { test } from "node:test";
import assert from "node:assert/strict";
import { DrizzleQueryError, sql } from "drizzle-orm";
import { bothDrivers } from "../../testing/drivers.ts";
import { queryRows } from "./database.ts";
import { runStatement, statement } from "./statements.ts";

const DRIVERS = bothDrivers();

const TYPES = statement(
  "test.types",
  `SELECT $1::int AS n, $2::jsonb AS doc, '2026-11-26 10:00:00.123456+00'::timestamptz AS at, '2026-11-26'::date AS day, $3::text AS text`,
);
const COUNT_OUTBOX = statement("test.count_outbox", `SELECT count(*)::int AS n FROM outbox WHERE topic = $1`);
const INSERT_OUTBOX = statement("test.insert_outbox", `INSERT INTO outbox (topic, payload) VALUES ($1, $2::jsonb) RETURNING id`);

test("a name stands for one text", () => {
  assert.deepEqual(statement("test.count_outbox", COUNT_OUTBOX.text), COUNT_OUTBOX);
  assert.throws(() => statement("test.count_outbox", "SELECT 1"), /declared twice/);
});

for (const [name, get] of DRIVERS) {
  test(`${name}: rows are those of queryRows (timestamps and dates as text, jsonb parsed), run again and again`, async () => {
    const { db } = get();
    const values = [7, JSON.stringify({ a: [1, "二"] }), "花子"];
    const [expected] = await queryRows(db, sql`SELECT ${7}::int AS n, ${values[1]}::jsonb AS doc, '2026-11-26 10:00:00.123456+00'::timestamptz AS at, '2026-11-26'::date AS day, ${"花子"}::text AS text`);
    for (let i = 0; i < 7; i++) assert.deepEqual(await runStatement(db, TYPES, values), [expected]);
    assert.equal(typeof (expected as { at: unknown }).at, "string");
  });

  test(`${name}: inside a transaction it sees and rolls back with the transaction`, async () => {
    const { db } = get();
    const topic = `statements-${name}`;
    await assert.rejects(
      db.transaction(async (tx) => {
        await runStatement(tx, INSERT_OUTBOX, [topic, JSON.stringify({ n: 1 })]);
        assert.deepEqual(await runStatement(tx, COUNT_OUTBOX, [topic]), [{ n: 1 }]);
        throw new Error("roll back");
      }),
      /roll back/,
    );
    assert.deepEqual(await runStatement(db, COUNT_OUTBOX, [topic]), [{ n: 0 }]);
  });

  test(`${name}: a failing statement throws DrizzleQueryError with the driver's error as cause`, async () => {
    const { db } = get();
    const error = await runStatement(db, TYPES, ["not a number", "{}", ""]).catch((e: unknown) => e);
    assert.ok(error instanceof DrizzleQueryError);
    assert.equal((error.cause as { code?: string }).code, "22P02");
  });
}
