/**
 * Applications submitted end to end over HTTP against real PostgreSQL, 50 concurrent clients.
 *
 * The server runs in its own process (`src/main.ts`, as in production) on a fresh database with
 * the demo catalogue. Each client is a signed-in resident who fills in 住民票の写し交付請求 page by
 * page over HTTP (including a PDF upload), then all clients submit at once: the submit request
 * authenticates, checks CSRF, re-validates every answer, and in one transaction creates the
 * application, its history event and the receipt e-mail in the outbox. Figures: submissions/s and
 * submit latency p50/p95; page-save latency while filling in; pgbench's TPC-B-like TPS on the same
 * server in the same run, and their ratio; the bytes a form page transfers.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import Fastify from "fastify";
import cookie from "@fastify/cookie";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/core/db/database.ts";
import { createSession } from "../src/modules/identity/sessions.ts";
import { createTestDatabase, TEST_SERVER_URL } from "../src/testing/database.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { csrfToken, HttpClient } from "./http-client.ts";
import { percentile, progress, report, round, waitForHealth } from "./lib.ts";
import { runPgbench } from "./pgbench.ts";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DRAFTS_PER_CLIENT = Number(process.env.BENCH_DRAFTS ?? 8);
/** Server processes (node:cluster); one per core by default, as deployed. */
const WEB_CONCURRENCY = Number(process.env.BENCH_WEB_CONCURRENCY ?? 2);
const SECRET = "bench-secret-bench-secret-bench-secret-0000";
const root = path.resolve(import.meta.dirname, "..");

const PAGES: Array<[string, Record<string, string>]> = [
  ["certificate", { certificate_type: "resident_record" }],
  ["requester", { requester_type: "self" }],
  [
    "requester_name",
    {
      "requester_name.family": "大阪",
      "requester_name.given": "花子",
      "requester_furigana.family": "オオサカ",
      "requester_furigana.given": "ハナコ",
      "requester_birth_date.era": "showa",
      "requester_birth_date.year": "60",
      "requester_birth_date.month": "4",
      "requester_birth_date.day": "1",
    },
  ],
  ["requester_contact", { "requester_address.postalCode": "5300001", "requester_address.address": "大阪市北区梅田1-1-1", "requester_address.building": "", requester_phone: "0662088181" }],
  ["scope", { scope: "all" }],
  ["contents", {}],
  ["copies", { copies: "1" }],
  ["purpose", { purpose: "employment", submit_to: "" }],
  ["delivery", { delivery: "registered" }],
];
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1");

async function main(): Promise<void> {
  const database = await createTestDatabase();
  // The benchmark measures the plain submission path: the demo catalogue without online fees,
  // assurance requirements or the 1,500 generated procedures (the server skips seeding a filled database).
  await seedDemo(database.db, { cases: false, generatedProcedures: false, payments: false, assurance: false });
  const port = 5100 + Math.floor(Math.random() * 500);
  const baseUrl = `http://127.0.0.1:${port}`;
  progress(`starting server on ${baseUrl} (fresh database, demo catalogue)…`);
  const server = spawn(process.execPath, [path.join(root, "src/main.ts")], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), BASE_URL: baseUrl, SESSION_SECRET: SECRET, SEED_DEMO: "true", LOG_LEVEL: "error", NODE_ENV: "production", WEB_CONCURRENCY: String(WEB_CONCURRENCY) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(baseUrl);
    const signer = Fastify();
    await signer.register(cookie, { secret: SECRET });
    await signer.ready();

    // A resident has one open draft per procedure (start resumes it), so each application
    // belongs to its own resident; 50 workers act for them concurrently.
    const residents = CLIENTS * DRAFTS_PER_CLIENT;
    progress(`signing in ${residents} residents…`);
    const clients: HttpClient[] = [];
    for (let i = 0; i < residents; i++) {
      const [user] = await queryRows<{ id: string }>(
        database.db,
        sql`INSERT INTO users (kind, email, family_name, given_name, family_kana, given_kana) VALUES ('resident', ${`bench${i}@example.jp`}, '大阪', '花子', 'オオサカ', 'ハナコ') RETURNING id`,
      );
      const session = await createSession(database.db, { id: user!.id, kind: "resident" });
      clients.push(new HttpClient(baseUrl, { machi_session: signer.signCookie(session.token) }));
    }

    progress(`filling in ${CLIENTS * DRAFTS_PER_CLIENT} applications page by page…`);
    const pageSaveMs: number[] = [];
    let formPageBytes = 0;
    const drafts: Array<{ client: HttpClient; draftId: string; token: string }> = [];
    const fillQueue = clients.map((client, index) => ({ client, index }));
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let next = fillQueue.shift(); next; next = fillQueue.shift()) {
          const { client, index } = next;
          const n = 0;
          const procedure = await client.get("/procedures/residence-certificate");
          let token = csrfToken(procedure.body);
          const started = await client.postForm("/procedures/residence-certificate/start", { _csrf: token });
          const draftId = /\/drafts\/([0-9a-f-]{36})/.exec(started.location ?? "")?.[1];
          if (!draftId) throw new Error(`start failed: ${started.status}`);
          for (const [pageId, fields] of PAGES) {
            const page = await client.get(`/drafts/${draftId}/pages/${pageId}`);
            if (index === 0 && n === 0 && pageId === "requester_name") formPageBytes = page.bytes;
            token = csrfToken(page.body);
            const t0 = performance.now();
            const saved = await client.postForm(`/drafts/${draftId}/pages/${pageId}`, { _csrf: token, _action: "continue", ...fields });
            pageSaveMs.push(performance.now() - t0);
            if (saved.status !== 303) throw new Error(`page ${pageId}: ${saved.status} ${saved.body.slice(0, 500)}`);
          }
          const form = new FormData();
          form.set("_action", "continue");
          form.set("identity_document", new Blob([PDF], { type: "application/pdf" }), "id.pdf");
          const upload = await client.postMultipart(`/drafts/${draftId}/pages/identity?_csrf=${encodeURIComponent(token)}`, form);
          if (upload.status !== 303) throw new Error(`upload: ${upload.status} ${upload.body.slice(0, 500)}`);
          const check = await client.get(`/drafts/${draftId}/check`);
          drafts.push({ client, draftId, token: csrfToken(check.body) });
        }
      }),
    );
    const css = await fetch(`${baseUrl}/static/machi.css`);
    const cssBytes = (await css.arrayBuffer()).byteLength;

    progress(`submitting ${drafts.length} applications with ${CLIENTS} concurrent clients…`);
    const submitMs: number[] = [];
    const queue = [...drafts];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const t0 = performance.now();
          const response = await job.client.postForm(`/drafts/${job.draftId}/submit`, { _csrf: job.token, declaration: "yes" });
          submitMs.push(performance.now() - t0);
          if (response.status !== 303 || !/\/receipt$/.test(response.location ?? "")) throw new Error(`submit: ${response.status} ${response.body.slice(0, 300)}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM applications`);
    if (count!.n !== drafts.length) throw new Error(`expected ${drafts.length} applications, found ${count!.n}`);

    progress("running pgbench (TPC-B-like, 50 clients, 15 s) on the same server…");
    const pgbench = await runPgbench(TEST_SERVER_URL, { clients: CLIENTS, seconds: 15 });
    submitMs.sort((a, b) => a - b);
    pageSaveMs.sort((a, b) => a - b);
    const submissionsPerSecond = drafts.length / seconds;
    report("submissions", {
      clients: CLIENTS,
      server_processes: WEB_CONCURRENCY,
      applications: drafts.length,
      submissions_per_s: round(submissionsPerSecond, 1),
      submit_p50_ms: percentile(submitMs, 50),
      submit_p95_ms: percentile(submitMs, 95),
      page_save_p50_ms: percentile(pageSaveMs, 50),
      page_save_p95_ms: percentile(pageSaveMs, 95),
      pgbench_tps: round(pgbench.tps, 1),
      ratio_to_pgbench: round(submissionsPerSecond / pgbench.tps, 3),
      form_page_html_bytes: formPageBytes,
      form_page_total_bytes: formPageBytes + cssBytes,
      form_page_javascript_bytes: 0,
    });
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await database.drop();
  }
}

await main();
