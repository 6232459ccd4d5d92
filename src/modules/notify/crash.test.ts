/**
 * "A crash in the middle of a city-wide alert resumes on restart: nobody is skipped, nobody gets
 * it twice." The engine runs in a child process that is killed with SIGKILL twice — once during
 * the fan-out, once while sending — and started again; the fakes run here and count what each
 * recipient received.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import webpush from "web-push";
import { queryRows } from "../../core/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/database.ts";
import { generateUserAgentKeys } from "./channels/webpush-crypto.ts";
import { issueAlert } from "./commands/issue-alert.ts";
import { startLineFake, type LineFake } from "./fakes/line-fake.ts";
import { startSmtpSink, type FastSmtpSink } from "./fakes/smtp-sink.ts";
import { startWebPushFake, type WebPushFake } from "./fakes/webpush-fake.ts";
import { evacuationOrder, LINE_TOKEN, statusesOf, SYSTEM_ACTOR, TEST_SECRET } from "./testing.ts";

const LINE_USERS = 20_000;
const EMAILS = 1_500;
const PUSHES = 1_500;
const SMTP_CONNECTIONS = 4;

let db: TestDatabase;
let line: LineFake;
let smtp: FastSmtpSink;
let push: WebPushFake;
let child: ChildProcess | undefined;

before(async () => {
  db = await createTestDatabase();
  [line, smtp, push] = await Promise.all([
    startLineFake({ channelAccessToken: LINE_TOKEN, requestsPerSecond: 20 }),
    startSmtpSink(),
    startWebPushFake({ acceptAnyEndpoint: true, keepBodies: false }),
  ]);
  const ua = generateUserAgentKeys();
  await db.db.execute(sql`
    INSERT INTO notify_subscriptions (status, language, wards, channels, line_user_id, confirmed_at)
    SELECT 'active', (ARRAY['ja','en','vi','ko'])[1 + i % 4], ARRAY[(ARRAY['271276','271284','271021'])[1 + i % 3]], ARRAY['line'],
      'U' || lpad(to_hex(i), 32, '0'), now()
    FROM generate_series(1, ${LINE_USERS}) AS i`);
  await db.db.execute(sql`
    INSERT INTO notify_subscriptions (status, language, wards, channels, email, confirmed_at)
    SELECT 'active', 'ja', ARRAY['271233'], ARRAY['email'], 'resident' || i || '@example.jp', now() FROM generate_series(1, ${EMAILS}) AS i`);
  await db.db.execute(sql`
    INSERT INTO notify_subscriptions (status, language, wards, channels, push_endpoint, push_p256dh, push_auth, confirmed_at)
    SELECT 'active', 'en', ARRAY['271250'], ARRAY['webpush'], ${push.url} || '/push/p' || i, ${ua.p256dh}, ${ua.auth}, now() FROM generate_series(1, ${PUSHES}) AS i`);
});
after(async () => {
  child?.kill("SIGKILL");
  await Promise.all([line.close(), smtp.close(), push.close()]);
  await db.drop();
});

function startChild(): ChildProcess {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "crash-child.ts");
  const proc = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      LINK_SECRET: TEST_SECRET,
      VAPID: JSON.stringify({ ...webpush.generateVAPIDKeys(), subject: "mailto:bousai@city.osaka.example" }),
      LINE_URL: line.url,
      LINE_TOKEN,
      LINE_RPS: "19",
      SMTP_URL: smtp.url,
      SMTP_RATE: "500",
      PUSH_RATE: "500",
      PAGE_SIZE: "250",
      LEASE_MS: "1000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return proc;
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function kill(proc: ChildProcess): Promise<void> {
  proc.kill("SIGKILL");
  await once(proc, "exit");
}

async function alertRow(id: string) {
  const [row] = await queryRows<{ fanout_cursor: string; status: string; queued_count: string }>(db.db, sql`SELECT fanout_cursor::text, status, queued_count::text FROM notify_alerts WHERE id = ${id}::uuid`);
  return row!;
}

test("killed twice with SIGKILL (during fan-out, then while sending), the alert still reaches everyone exactly once", { timeout: 150_000 }, async () => {
  const alert = evacuationOrder({ channels: ["line", "email", "webpush"] });
  await issueAlert({ db: db.db, alert, actor: SYSTEM_ACTOR });

  child = startChild();
  await waitFor("the fan-out to be under way", async () => Number((await alertRow(alert.id)).fanout_cursor) > 4_000);
  const first = await alertRow(alert.id);
  assert.equal(first.status, "fanning_out", "the first kill lands during the fan-out");
  await kill(child);
  const atFirstKill = Number((await alertRow(alert.id)).fanout_cursor);

  child = startChild();
  const t0 = Date.now();
  await waitFor("sending to be under way", () => line.stats.recipients >= 8_000);
  process.stderr.write(`second run: ${Date.now() - t0} ms to 8,000 LINE; smtp ${smtp.stats.accepted}; push ${push.stats.accepted}\n`);
  await kill(child);
  const [inFlight] = await queryRows<{ n: number }>(db.db, sql`SELECT count(*)::int AS n FROM notify_deliveries WHERE alert_id = ${alert.id}::uuid AND status = 'sending'`);
  const sentAtSecondKill = line.stats.recipients;
  assert.ok(sentAtSecondKill < LINE_USERS, "the second kill lands while LINE messages are still going out");

  const t1 = Date.now();
  child = startChild();
  await waitFor("the alert to complete", async () => (await alertRow(alert.id)).status === "done", 120_000);
  process.stderr.write(`third run: ${Date.now() - t1} ms to complete\n`);
  await kill(child);
  child = undefined;

  // Nobody skipped: every subscriber has exactly one delivery, and it was sent.
  assert.ok(atFirstKill < LINE_USERS + EMAILS + PUSHES);
  assert.deepEqual(await statusesOf(db.db, alert.id), { sent: LINE_USERS + EMAILS + PUSHES });
  // LINE (retry key): nobody got it twice.
  assert.equal(line.received.size, LINE_USERS);
  assert.equal(line.stats.duplicates, 0, "no LINE user received the alert twice");
  assert.ok([...line.received.values()].every((n) => n === 1));
  // Web Push (Topic): every browser shows it once.
  const pushStats = (await (await fetch(`${push.url}/_fake/stats`)).json()) as { shown: number; subscriptions: number };
  assert.equal(pushStats.subscriptions, PUSHES);
  assert.equal(pushStats.shown, PUSHES);
  // E-mail (no retry key in SMTP): everyone got it; a copy is possible only for messages in flight at a kill.
  assert.equal(smtp.byMessageId.size, EMAILS);
  assert.ok(smtp.stats.duplicates <= 2 * SMTP_CONNECTIONS * 2, `e-mail duplicates (${smtp.stats.duplicates}) stay within the messages in flight at the kills`);
  process.stderr.write(
    `crash test: first kill at fan-out cursor ${atFirstKill}; second kill with ${sentAtSecondKill} LINE recipients sent and ${inFlight!.n} deliveries in flight; ` +
      `LINE 409 (already accepted) answers ${line.stats.conflicts}; e-mail duplicates ${smtp.stats.duplicates}\n`,
  );
});
