import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";
import { issueAlert } from "../commands/issue-alert.ts";
import { evacuationOrder, lineUserId, seedSubscription, SYSTEM_ACTOR } from "../testing.ts";
import { fanOutPage, type FanOutStep } from "./fanout.ts";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.drop();
});

async function queuedByChannel(alertId: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ channel: string; n: number }>(db.db, sql`
    SELECT channel, count(*)::int AS n FROM notify_deliveries WHERE alert_id = ${alertId}::uuid GROUP BY channel ORDER BY channel`);
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
}

test("the fan-out queues e-mail first, then Web Push, then LINE, in pages of matching subscriptions, and finishes once", async () => {
  // Ten LINE subscribers, two of them with e-mail too, one Web Push; the e-mail ones come last by id.
  for (let i = 0; i < 8; i++) await seedSubscription(db.db, { channels: ["line"], lineUserId: lineUserId() });
  await seedSubscription(db.db, { channels: ["webpush"], push: { endpoint: "https://push.example/1", p256dh: "p", auth: "a" } });
  for (let i = 0; i < 2; i++) await seedSubscription(db.db, { channels: ["line", "email"], lineUserId: lineUserId(), email: `r${i}@example.jp` });
  await seedSubscription(db.db, { channels: ["email"], email: "gone@example.jp", status: "cancelled" });
  const alert = evacuationOrder({ channels: ["line", "webpush", "email"] });
  await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR });

  const steps: FanOutStep[] = [];
  const snapshots: Array<Record<string, number>> = [];
  for (let i = 0; i < 10; i++) {
    const step = await fanOutPage(db.db, alert.id, 4);
    steps.push(step);
    snapshots.push(await queuedByChannel(alert.id));
    if (step.state === "done") break;
  }
  // e-mail: 2 matches < page size → its pass ends at once; Web Push likewise; LINE: 4 + 4 + 2.
  assert.deepEqual(snapshots[0], { email: 2 }, "every e-mail delivery is queued before any other channel");
  assert.deepEqual(snapshots[1], { email: 2, webpush: 1 });
  assert.deepEqual(snapshots[2], { email: 2, webpush: 1, line: 4 });
  assert.deepEqual(snapshots.at(-1), { email: 2, webpush: 1, line: 10 });
  // The last, partial LINE page ends the fan-out in the same transaction.
  assert.deepEqual(steps.map((s) => s.state), ["page", "page", "page", "page", "done"]);
  assert.equal(await fanOutPage(db.db, alert.id, 4).then((s) => s.state), "busy", "a finished fan-out is not started again");

  const [row] = await queryRows<{ status: string; queued: number }>(db.db, sql`SELECT status, queued_count::int AS queued FROM notify_alerts WHERE id = ${alert.id}::uuid`);
  assert.deepEqual(row, { status: "sending", queued: 13 });
  const [counts] = await queryRows<{ n: number }>(db.db, sql`SELECT sum(n)::int AS n FROM notify_delivery_counts WHERE alert_id = ${alert.id}::uuid AND status = 'queued'`);
  assert.equal(counts!.n, 13, "the staff page's counts match the rows");
});

test("a page repeated after a crash (checkpoint not committed) queues nobody twice", async () => {
  const alert = evacuationOrder({ channels: ["line"] });
  await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR });
  await fanOutPage(db.db, alert.id, 4);
  // Roll the checkpoint back as if the page's commit had been lost after the rows were written elsewhere.
  await db.db.execute(sql`UPDATE notify_alerts SET fanout_cursor = 0, fanout_channel = NULL WHERE id = ${alert.id}::uuid`);
  for (let i = 0; i < 10 && (await fanOutPage(db.db, alert.id, 4)).state !== "done"; i++);
  const [{ n, distinct }] = (await queryRows<{ n: number; distinct: number }>(db.db, sql`
    SELECT count(*)::int AS n, count(DISTINCT subscription_id)::int AS distinct FROM notify_deliveries WHERE alert_id = ${alert.id}::uuid`)) as [{ n: number; distinct: number }];
  assert.equal(n, 10);
  assert.equal(distinct, 10);
});
