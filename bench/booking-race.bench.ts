/**
 * The last places of a slot, fought over: 500 signed-in residents send POST /api/appointments/bookings
 * for the same slot of capacity 3 at the same moment, over real HTTP, against a server process
 * (`src/main.ts` with WEB_CONCURRENCY=2, as deployed) on real PostgreSQL. Exactly 3 must succeed
 * and every other attempt must get 409 appointments.slot_full (満席); the database is checked
 * afterwards. Figures: wall time of the race, latency p50/p95/max, successes and refusals.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Fastify from "fastify";
import cookie from "@fastify/cookie";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/core/db/database.ts";
import { hashToken, newToken } from "../src/modules/identity/sessions.ts";
import { seedAppointmentsDemo } from "../src/modules/appointments/index.ts";
import { createTestDatabase } from "../src/testing/database.ts";
import { percentile, progress, report, round, waitForHealth } from "./lib.ts";

const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 500);
const WEB_CONCURRENCY = Number(process.env.BENCH_WEB_CONCURRENCY ?? 2);
const SECRET = "bench-secret-bench-secret-bench-secret-0000";
const root = path.resolve(import.meta.dirname, "..");

type Client = { cookie: string; csrf: string };

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const port = 5600 + Math.floor(Math.random() * 400);
  const baseUrl = `http://127.0.0.1:${port}`;
  progress(`starting server on ${baseUrl} (fresh database, ${WEB_CONCURRENCY} processes)…`);
  const server = spawn(process.execPath, [path.join(root, "src/main.ts")], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), BASE_URL: baseUrl, SESSION_SECRET: SECRET, SEED_DEMO: "false", LOG_LEVEL: "error", NODE_ENV: "production", WEB_CONCURRENCY: String(WEB_CONCURRENCY), WORKERS: "false" },
    // BENCH_SERVER_LOG=file keeps the server's log (pino, stdout) for a failed run.
    stdio: ["ignore", process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, "w") : "ignore", "inherit"],
  });
  try {
    await waitForHealth(baseUrl);
    await seedAppointmentsDemo(database.db);

    // The first bookable slot of 北区役所 住民票 (capacity 3), found through the API like a client would.
    let slot: { id: string; capacity: number; startsAt: string } | undefined;
    for (let i = 2; i < 40 && !slot; i++) {
      const day = new Date(Date.now() + i * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 10);
      const body = (await (await fetch(`${baseUrl}/api/appointments/slots?office=kita&service=residence-certificate&date=${day}`)).json()) as { slots: Array<{ id: string; capacity: number; startsAt: string; bookable: boolean }> };
      slot = body.slots.find((s) => s.bookable);
    }
    if (!slot) throw new Error("no bookable slot found");
    progress(`slot ${slot.startsAt} (capacity ${slot.capacity}); signing in ${ATTEMPTS} residents…`);

    const signer = Fastify();
    await signer.register(cookie, { secret: SECRET });
    await signer.ready();
    const users = await queryRows<{ id: string }>(database.db, sql`
      INSERT INTO users (kind, email, family_name, given_name, family_kana, given_kana)
      SELECT 'resident', 'race' || n || '@example.jp', '大阪', '花子', 'オオサカ', 'ハナコ' FROM generate_series(1, ${ATTEMPTS}) AS n
      RETURNING id`);
    // Sessions as identity's createSession makes them (random token, SHA-256 stored), in one
    // statement: PostgreSQL's connections (max_connections) are shared with the server under test.
    const tokens = users.map(() => newToken());
    await database.db.execute(sql`
      INSERT INTO sessions (token_hash, user_id, expires_at)
      SELECT h, u::uuid, now() + interval '30 days'
      FROM jsonb_to_recordset(${JSON.stringify(tokens.map((token, i) => ({ h: hashToken(token), u: users[i]!.id })))}::jsonb) AS t(h text, u text)`);
    const clients: Client[] = [];
    const queue = tokens.map((token) => ({ token }));
    await Promise.all(Array.from({ length: 20 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const sessionCookie = `machi_session=${signer.signCookie(next.token)}`;
        const page = await fetch(`${baseUrl}/appointments`, { headers: { cookie: sessionCookie } });
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
        const csrfCookie = page.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("machi_csrf="));
        if (!csrf || !csrfCookie) throw new Error(`no CSRF token for a signed-in resident: ${page.status} ${csrf} ${csrfCookie} ${page.headers.getSetCookie()}`);
        clients.push({ cookie: `${sessionCookie}; ${csrfCookie}`, csrf });
      }
    }));

    progress(`${ATTEMPTS} concurrent booking attempts…`);
    const body = JSON.stringify({ service: "residence-certificate", slot: slot.id });
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let wrongRefusals = 0;
    const started = performance.now();
    await Promise.all(clients.map(async (client) => {
      const t0 = performance.now();
      const response = await fetch(`${baseUrl}/api/appointments/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: client.cookie, "x-csrf-token": client.csrf, origin: baseUrl },
        body,
      });
      const answer = (await response.json()) as { error?: string };
      latencies.push(performance.now() - t0);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 409 && answer.error !== "appointments.slot_full") wrongRefusals++;
    }));
    const totalMs = performance.now() - started;

    const [row] = await queryRows<{ booked: number; capacity: number; bookings: number }>(database.db, sql`
      SELECT s.booked, s.capacity,
        (SELECT count(*)::int FROM appt_bookings b WHERE b.counter_id = s.counter_id AND b.starts_at = s.starts_at AND b.status = 'confirmed') AS bookings
      FROM appt_slots s WHERE s.counter_id = ${slot.id.split(".")[0]}::uuid AND s.starts_at = ${slot.startsAt}::timestamptz`);
    latencies.sort((a, b) => a - b);
    const succeeded = statuses.get(201) ?? 0;
    const full = statuses.get(409) ?? 0;
    const figures = {
      capacity: slot.capacity,
      booked: row?.bookings ?? 0,
      attempts: ATTEMPTS,
      succeeded,
      rejected_full: full - wrongRefusals,
      other_responses: ATTEMPTS - succeeded - full + wrongRefusals,
      slot_row_booked: row?.booked ?? 0,
      server_processes: WEB_CONCURRENCY,
      total_ms: round(totalMs, 1),
      p50_ms: percentile(latencies, 50),
      p95_ms: percentile(latencies, 95),
      max_ms: round(latencies.at(-1) ?? NaN, 1),
      database: "postgresql",
    };
    const correct = figures.booked === slot.capacity && succeeded === slot.capacity && figures.slot_row_booked === slot.capacity && figures.other_responses === 0;
    report("booking-race", { ...figures, ok: correct });
    if (!correct) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await database.drop();
  }
}

await main();
