import { test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/database.ts";
import { bothDrivers } from "../../testing/drivers.ts";
import { enqueue, startWorker } from "./outbox.ts";

const DRIVERS = bothDrivers();

for (const [name, get] of DRIVERS) {
  test(`${name}: a job runs once per idempotency key, and its handler may use the database`, async () => {
    const database = get();
    await database.db.transaction(async (tx) => {
      await enqueue(tx, "test.echo", { n: 1 }, `echo-${name}`);
      await enqueue(tx, "test.echo", { n: 2 }, `echo-${name}`); // same key: ignored
    });
    const seen: number[] = [];
    const worker = startWorker(database.db, {
      "test.echo": async (payload) => {
        // A handler reads the database while the job is claimed (this deadlocked PGlite when
        // handlers ran inside the claim transaction).
        const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM outbox`);
        assert.ok(row!.n >= 1);
        seen.push(Number(payload.n));
      },
    }, { intervalMs: 50 });
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    assert.deepEqual(seen, [1]);
    const [job] = await queryRows<{ status: string; attempts: number }>(database.db, sql`SELECT status, attempts FROM outbox WHERE idempotency_key = ${`echo-${name}`}`);
    assert.deepEqual(job, { status: "done", attempts: 1 });
  });

  test(`${name}: a burst of wake-ups drains every job once, with at most \`parallel\` handlers at a time`, async () => {
    const database = get();
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 12; i++) await enqueue(tx, "test.slow", { n: i }, `slow-${name}-${i}`);
    });
    const seen: number[] = [];
    let active = 0;
    let most = 0;
    const worker = startWorker(database.db, {
      "test.slow": async (payload) => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 20));
        seen.push(Number(payload.n));
        active--;
      },
    }, { intervalMs: 5000, parallel: 3 });
    for (let i = 0; i < 30; i++) worker.wake();
    for (let i = 0; i < 100 && seen.length < 12; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    assert.deepEqual([...seen].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.ok(most <= 3, `at most 3 handlers ran at once (saw ${most})`);
    if (name === "PostgreSQL") assert.ok(most >= 2, `wake-ups drained in parallel (saw ${most})`);
  });

  test(`${name}: a failing job is retried later with backoff and keeps its error`, async () => {
    const database = get();
    await enqueue(database.db, "test.fail", {}, `fail-${name}`);
    const worker = startWorker(database.db, { "test.fail": async () => { throw new Error("provider said no"); } }, { intervalMs: 50 });
    let job: { status: string; attempts: number; last_error: string | null; later: boolean } | undefined;
    for (let i = 0; i < 100; i++) {
      [job] = await queryRows<typeof job & {}>(database.db, sql`SELECT status, attempts, last_error, run_at > now() AS later FROM outbox WHERE idempotency_key = ${`fail-${name}`}`);
      if (job?.attempts) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await worker.stop();
    assert.equal(job?.status, "pending");
    assert.equal(job?.attempts, 1);
    assert.equal(job?.last_error, "provider said no");
    assert.equal(job?.later, true, "the next attempt waits (backoff)");
  });
}
