/**
 * An application acknowledged to the resident survives kill -9 of the server right after the
 * reply: the real server (src/main.ts) runs as a child process on a test database, a resident
 * applies over HTTP, the process is killed with SIGKILL the moment the submit's 303 arrives,
 * and the application, its history and its receipt e-mail are all in the database; a new
 * server shows the same receipt.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { seedDemo } from "../../demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/database.ts";
import { DEMO_PASSWORD, DEMO_RESIDENTS } from "./demo/catalogue.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SECRET = "durability-secret-durability-secret-0123";

let database: TestDatabase;
const children: ChildProcess[] = [];

before(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { generatedProcedures: false, payments: false, assurance: false });
});
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database.drop();
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: base,
      SESSION_SECRET: SECRET,
      SEED_DEMO: "false",
      WORKERS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Machi is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
  child.removeAllListeners("exit");
  return { child, base };
}

/** A tiny cookie-keeping client over fetch. */
function client(base: string, jar = new Map<string, string>()) {
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  async function request(method: string, url: string, body?: NonNullable<Parameters<typeof fetch>[1]>["body"], headers: Record<string, string> = {}) {
    const response = await fetch(base + url, { method, body, headers: { cookie: cookie(), ...headers }, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: response.status, location: response.headers.get("location") ?? "", text: await response.text() };
  }
  const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  async function submit(url: string, fields: Record<string, string>, from = url) {
    const page = await request("GET", from);
    return request("POST", url, new URLSearchParams({ _csrf: token(page.text), ...fields }), { "content-type": "application/x-www-form-urlencoded" });
  }
  return { request, submit, token, jar };
}

test("an acknowledged application survives kill -9 right after the reply", { timeout: 120_000 }, async () => {
  const first = await startServer();
  const http = client(first.base);
  const resident = DEMO_RESIDENTS[0]!;
  assert.equal((await http.submit("/auth/sign-in", { email: resident.email, password: DEMO_PASSWORD })).status, 303);
  const started = await http.submit("/procedures/residence-certificate/start", {}, "/procedures/residence-certificate");
  const draftId = started.location.split("/")[2]!;
  const page = (id: string, fields: Record<string, string>) => http.submit(`/drafts/${draftId}/pages/${id}`, { _action: "continue", ...fields });
  await page("certificate", { certificate_type: "resident_record" });
  await page("requester", { requester_type: "self" });
  await page("requester_name", {
    "requester_name.family": "松本",
    "requester_name.given": "陽子",
    "requester_furigana.family": "マツモト",
    "requester_furigana.given": "ヨウコ",
    "requester_birth_date.era": "seireki",
    "requester_birth_date.year": "1988",
    "requester_birth_date.month": "6",
    "requester_birth_date.day": "14",
  });
  await page("requester_contact", { "requester_address.postalCode": "530-0041", "requester_address.address": "大阪市北区天神橋3丁目9-99", requester_phone: "090-0000-1234" });
  for (const [id, fields] of [["scope", { scope: "all" }], ["contents", {}], ["copies", { copies: "1" }], ["purpose", { purpose: "bank" }], ["delivery", { delivery: "registered" }]] as const) {
    assert.equal((await page(id, fields as Record<string, string>)).status, 303, id);
  }
  const identity = await http.request("GET", `/drafts/${draftId}/pages/identity`);
  const action = /<main[\s\S]*?<form method="post" action="([^"]+)"/.exec(identity.text)![1]!.replace(/&amp;/g, "&");
  const form = new FormData();
  form.set("_action", "continue");
  form.set("identity_document", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")], { type: "application/pdf" }), "id.pdf");
  assert.equal((await http.request("POST", action, form)).location, `/drafts/${draftId}/check`);
  const check = await http.request("GET", `/drafts/${draftId}/check`);

  const submitted = await http.request("POST", `/drafts/${draftId}/submit`, new URLSearchParams({ _csrf: http.token(check.text), declaration: "yes" }), {
    "content-type": "application/x-www-form-urlencoded",
  });
  first.child.kill("SIGKILL");
  assert.equal(submitted.status, 303);
  const applicationId = /^\/applications\/([0-9a-f-]{36})\/receipt$/.exec(submitted.location)?.[1];
  assert.ok(applicationId, submitted.location);
  await new Promise((resolve) => first.child.once("exit", resolve));

  const [row] = await queryRows<{ status: string; reference: string; events: number; mails: number; submitted: boolean }>(
    database.db,
    sql`SELECT a.status, a.reference,
               (SELECT count(*)::int FROM application_events e WHERE e.application_id = a.id) AS events,
               (SELECT count(*)::int FROM outbox o WHERE o.idempotency_key = 'mail:receipt:' || a.id) AS mails,
               (SELECT d.submitted_at IS NOT NULL FROM drafts d WHERE d.id = a.draft_id) AS submitted
        FROM applications a WHERE a.id = ${applicationId}`,
  );
  assert.ok(row, "the application is in the database");
  assert.equal(row.status, "received");
  assert.equal(row.events, 1);
  assert.equal(row.mails, 1, "the receipt e-mail is queued and will be sent by the next worker");
  assert.equal(row.submitted, true);

  // A new server (same database, same session secret) shows the same receipt to the same browser.
  const second = await startServer();
  const again = client(second.base, http.jar);
  const receipt = await again.request("GET", submitted.location);
  assert.equal(receipt.status, 200);
  assert.match(receipt.text, new RegExp(`<strong class="reference">${row.reference}</strong>`));
  second.child.kill("SIGKILL");
});
