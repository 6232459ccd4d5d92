/**
 * The embedded path: `npm start` without DATABASE_URL runs on PGlite in DATA_DIR with the
 * same migrations and demo data, and the CLI refuses to open the database while the server
 * holds it (instead of corrupting it).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../src/cli/main.ts";

const root = path.resolve(import.meta.dirname, "..");
let dataDir: string;
let server: ChildProcess;
let port: number;
let output = "";

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-embedded-"));
  port = 4300 + Math.floor(Math.random() * 500);
  server = spawn(process.execPath, [path.join(root, "src/main.ts")], {
    env: { ...process.env, DATABASE_URL: "", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // The logins are printed right after the server starts listening.
  const printedBy = Date.now() + 10_000;
  while (!/demo logins/.test(output)) {
    if (Date.now() > printedBy || server.exitCode !== null) throw new Error(`the demo logins were not printed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

after(async () => {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("serves health on PGlite with the latest migration", async () => {
  const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string; database: { kind: string } };
  assert.equal(body.status, "ok");
  assert.equal(body.database.kind, "pglite");
});

test("prints the URL and demo logins on start", () => {
  assert.match(output, new RegExp(`http://localhost:${port}/`));
  assert.match(output, /demo logins/);
  assert.match(output, /@example\.jp/);
});

test("the home page is Japanese and the catalogue with 住民票の写し交付請求 is one link away", async () => {
  const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  assert.match(home, /<html lang="ja">/);
  assert.match(home, /href="\/procedures"/);
  const catalogue = await (await fetch(`http://127.0.0.1:${port}/procedures`)).text();
  assert.match(catalogue, /住民票の写し交付請求/);
});

test("the CLI refuses to open the embedded database while the server holds it", async () => {
  let stderr = "";
  const code = await runCli(["audit", "verify"], { stdout: () => {}, stderr: (t) => (stderr += t), progress: () => {} }, { DATA_DIR: dataDir });
  assert.equal(code, 1);
  assert.match(stderr, /in use by another Machi process \(pid \d+\)/);
});
