#!/usr/bin/env node
// Operator CLI entry. Machi runs on Node.js 24 (TypeScript run directly); when an older
// `node` is first on PATH, re-run this command with the project's own Node 24.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "src/cli/main.ts");
const major = Number(process.versions.node.split(".")[0]);
if (major >= 24) {
  const { runCli } = await import(entry);
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  const node24 = path.join(root, "node_modules/node/bin/node");
  const result = spawnSync(node24, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.error) {
    process.stderr.write(`machi needs Node.js 24: run \`npm ci\` first (it installs node@24 into node_modules).\n`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
