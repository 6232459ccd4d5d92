/**
 * `npm run bench -- webhooks`: webhook delivery throughput to a local receiver, end to end over
 * real PostgreSQL. N subscriptions of one department × M application events: each event is written
 * in its own transaction (integration event + N deliveries + the outbox wake-up, as procedures'
 * history does), the delivery worker claims deliveries with FOR UPDATE SKIP LOCKED, signs them
 * (Standard Webhooks) and POSTs them to a node:http receiver in a child process that verifies every
 * signature.
 *
 * Figures: deliveries per second from the first event to the last receipt (events are written as
 * fast as the producers can, so a backlog builds and the latency of this phase includes queueing);
 * latency from the event (its timestamp, the transaction's time) to its receipt, p50/p95/p99/max,
 * both in that burst and in a paced phase below capacity (BENCH_PACED_RATE events per second, the
 * latency a receiver sees in normal operation); signature failures and duplicates (both should be
 * 0); and a yardstick: the same receiver hit by signed POSTs straight from memory at the same
 * concurrency (no database), with the ratio between the two.
 *
 * Env: BENCH_SUBSCRIPTIONS (default 10), BENCH_EVENTS (default 2000), BENCH_CONCURRENCY (in-flight
 * deliveries, default 32), BENCH_PRODUCERS (parallel event writers, default 4), BENCH_PACED_RATE
 * (events per second in the paced phase, default 10), BENCH_PACED_EVENTS (default 100).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/core/db/database.ts";
import type { Actor } from "../src/core/http/actor.ts";
import { createUser } from "../src/modules/identity/index.ts";
import { createSubscription } from "../src/modules/integrations/commands/create-subscription.ts";
import { emitApplicationEvent } from "../src/modules/integrations/commands/emit-application-event.ts";
import { loadIntegrationSettings } from "../src/modules/integrations/config.ts";
import { verifyWebhook, webhookHeaders } from "../src/modules/integrations/webhooks/signature.ts";
import { startDeliveryWorker } from "../src/modules/integrations/webhooks/worker.ts";
import { createResident, seedOrganisation, WARD } from "../src/modules/procedures/staff/testing.ts";
import { createTestDatabase } from "../src/testing/database.ts";
import { percentile, progress, report, round } from "./lib.ts";

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 4);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 10);
const PACED_EVENTS = Number(process.env.BENCH_PACED_EVENTS ?? 100);

type Stats = { received: number; badSignatures: number; duplicates: number; latenciesMs: number[]; lastAt: number };

// ---------------------------------------------------------------------------------------------
// The receiver (child process): verifies each signature with its subscription's secret.

async function runReceiver(): Promise<void> {
  const secrets = new Map<string, string>();
  const seen = new Set<string>();
  const stats: Stats = { received: 0, badSignatures: 0, duplicates: 0, latenciesMs: [], lastAt: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "GET" && req.url === "/stats") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
        return;
      }
      if (req.method === "PUT" && req.url === "/secrets") {
        for (const [path, secret] of Object.entries(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>)) secrets.set(path, secret);
        res.writeHead(204).end();
        return;
      }
      if (req.method === "POST" && req.url === "/reset") {
        Object.assign(stats, { received: 0, badSignatures: 0, duplicates: 0, latenciesMs: [], lastAt: 0 });
        seen.clear();
        res.writeHead(204).end();
        return;
      }
      const now = Date.now();
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = secrets.get(req.url ?? "");
      try {
        if (!secret) throw new Error("unknown path");
        const { id } = verifyWebhook({ secret, headers: req.headers, body });
        const key = `${req.url}|${id}`;
        if (seen.has(key)) stats.duplicates++;
        seen.add(key);
        stats.received++;
        stats.lastAt = now;
        stats.latenciesMs.push(now - Date.parse((JSON.parse(body) as { timestamp: string }).timestamp));
        res.writeHead(204).end();
      } catch {
        stats.badSignatures++;
        res.writeHead(401).end();
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

// ---------------------------------------------------------------------------------------------
// The bench

async function main(): Promise<void> {
  progress(`webhooks: ${SUBSCRIPTIONS} subscriptions × ${EVENTS} events = ${SUBSCRIPTIONS * EVENTS} deliveries; ${CONCURRENCY} in flight`);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "receiver"], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("\n")) resolve((JSON.parse(buffer.split("\n")[0]!) as { port: number }).port);
    });
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  const receiverBase = `http://127.0.0.1:${port}`;
  const stats = async () => (await (await fetch(`${receiverBase}/stats`)).json()) as Stats;

  const database = await createTestDatabase();
  const db = database.db;
  try {
    const { wardProcedure } = await seedOrganisation(db);
    const residentId = await createResident(db);
    await db.execute(sql`
      WITH v AS (SELECT current_version_id AS id FROM procedures WHERE id = ${wardProcedure}::uuid),
      d AS (INSERT INTO drafts (user_id, procedure_version_id, submitted_at) SELECT ${residentId}::uuid, v.id, now() FROM generate_series(1, ${EVENTS}), v RETURNING id),
      n AS (SELECT id, row_number() OVER (ORDER BY id) AS i FROM d)
      INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, applicant_name, answers, status)
      SELECT 'BENCH' || lpad(n.i::text, 7, '0'), n.id, ${residentId}::uuid, ${wardProcedure}::uuid, v.id, ${WARD}, '市民 ' || n.i, '{}'::jsonb, 'received' FROM n, v`);
    const applicationIds = (await queryRows<{ id: string }>(db, sql`SELECT id FROM applications ORDER BY reference`)).map((r) => r.id);

    const settings = { ...loadIntegrationSettings({ nodeEnv: "test", sessionSecret: "bench-secret-bench-secret-bench-secret" }, {}), concurrency: CONCURRENCY, pollMs: 100 };
    const managerId = await createUser({ db, kind: "staff", email: "bench-manager@example.jp", password: "bench-password-123", familyName: "計測", givenName: "管理", familyKana: "", givenKana: "", roles: [{ departmentCode: WARD, role: "manager" }] });
    const manager: Actor = { id: managerId, kind: "staff", email: "bench-manager@example.jp", displayName: "計測 管理", roles: [{ departmentCode: WARD, role: "manager" }], sessionTokenHash: "" };
    const secrets: Record<string, string> = {};
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const path = `/hooks/${i}`;
      const { secret } = await createSubscription({
        db,
        actor: manager,
        settings,
        input: { departmentCode: WARD, url: `${receiverBase}${path}`, eventTypes: ["application.status_changed"], description: `bench ${i}` },
      });
      secrets[path] = secret;
    }
    await fetch(`${receiverBase}/secrets`, { method: "PUT", body: JSON.stringify(secrets) });

    const worker = startDeliveryWorker({ db, settings, onError: (error) => progress(`worker error: ${String(error)}`) });
    const total = SUBSCRIPTIONS * EVENTS;
    const started = performance.now();
    let emitted = 0;
    const producer = async (offset: number) => {
      for (let i = offset; i < applicationIds.length; i += PRODUCERS) {
        await db.transaction(async (tx) => {
          await emitApplicationEvent(tx, { applicationId: applicationIds[i]!, actorId: null, type: "status_changed", fromStatus: "received", toStatus: "reviewing" });
        });
        emitted++;
        worker.wake();
      }
    };
    const producing = Promise.all(Array.from({ length: PRODUCERS }, (_, i) => producer(i)));
    const ticker = setInterval(() => {
      void stats().then((s) => progress(`  events ${emitted}/${EVENTS}, delivered ${s.received}/${total}`));
    }, 2000);
    await producing;
    const emittedSeconds = (performance.now() - started) / 1000;
    let final: Stats;
    for (;;) {
      final = await stats();
      if (final.received >= total) break;
      if (performance.now() - started > 15 * 60_000) throw new Error(`only ${final.received} of ${total} deliveries arrived`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(ticker);

    // Paced: events below capacity, one every 1/PACED_RATE s; the latency of normal operation.
    progress(`  paced: ${PACED_EVENTS} events at ${PACED_RATE}/s`);
    await fetch(`${receiverBase}/reset`, { method: "POST" });
    for (let i = 0; i < PACED_EVENTS; i++) {
      const tick = performance.now();
      await db.transaction(async (tx) => {
        await emitApplicationEvent(tx, { applicationId: applicationIds[i % applicationIds.length]!, actorId: null, type: "status_changed", fromStatus: "reviewing", toStatus: "approved" });
      });
      worker.wake();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / PACED_RATE - (performance.now() - tick))));
    }
    let paced: Stats;
    for (;;) {
      paced = await stats();
      if (paced.received >= PACED_EVENTS * SUBSCRIPTIONS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await worker.stop();
    const [pending] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status <> 'succeeded'`);

    // Yardstick: the same number of signed POSTs (a quarter, at least 2000) from memory, same concurrency.
    const rawCount = Math.max(2000, Math.floor(total / 4));
    await fetch(`${receiverBase}/reset`, { method: "POST" });
    const paths = Object.keys(secrets);
    const rawStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < rawCount) {
          const n = next++;
          const path = paths[n % paths.length]!;
          const body = JSON.stringify({ id: `raw-${n}`, type: "application.status_changed", timestamp: new Date().toISOString(), data: { n } });
          const response = await fetch(`${receiverBase}${path}`, {
            method: "POST",
            headers: webhookHeaders({ secret: secrets[path]!, id: `raw-${n}`, timestamp: Math.floor(Date.now() / 1000), body }),
            body,
          });
          await response.body?.cancel();
        }
      }),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    const rawPerSecond = rawCount / rawSeconds;

    const latencies = final.latenciesMs.sort((a, b) => a - b);
    const pacedLatencies = paced.latenciesMs.sort((a, b) => a - b);
    const perSecond = total / seconds;
    report("webhooks", {
      subscriptions: SUBSCRIPTIONS,
      events: EVENTS,
      deliveries: total,
      concurrency: CONCURRENCY,
      producers: PRODUCERS,
      seconds: round(seconds),
      eventsWrittenPerSecond: round(EVENTS / emittedSeconds, 1),
      deliveriesPerSecond: round(perSecond, 1),
      burstLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: round(latencies.at(-1) ?? NaN) },
      paced: {
        eventsPerSecond: PACED_RATE,
        deliveries: paced.received,
        latencyMs: { p50: percentile(pacedLatencies, 50), p95: percentile(pacedLatencies, 95), p99: percentile(pacedLatencies, 99), max: round(pacedLatencies.at(-1) ?? NaN) },
      },
      badSignatures: final.badSignatures + paced.badSignatures,
      duplicates: final.duplicates + paced.duplicates,
      notSucceeded: pending!.n,
      yardstick: { signedPostsPerSecondWithoutDatabase: round(rawPerSecond, 1), ratio: round(perSecond / rawPerSecond, 3) },
    });
  } finally {
    child.stdin!.end();
    await database.drop();
  }
}

if (process.argv[2] === "receiver") {
  void runReceiver();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
