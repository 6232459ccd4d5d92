/**
 * `npm run bench` runs every benchmark in bench/*.bench.ts; `npm run bench -- NAME` runs one.
 * Each benchmark prints progress to stderr and ends with one JSON line {"bench":"NAME", ...}.
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(dir)
  .filter((name) => name.endsWith(".bench.ts"))
  .map((name) => name.replace(/\.bench\.ts$/, ""))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(", ")}; available: ${available.join(", ")}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  process.stderr.write(`\n== bench ${name} ==\n`);
  const result = spawnSync(process.execPath, [path.join(dir, `${name}.bench.ts`)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
