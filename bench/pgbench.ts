/**
 * pgbench's built-in TPC-B-like workload on the same PostgreSQL server, as the yardstick
 * the application benchmarks are compared with (same machine, same run).
 */
import { execFileSync } from "node:child_process";
import pg from "pg";

export type PgbenchResult = { tps: number; clients: number; seconds: number; scale: number };

export async function runPgbench(serverUrl: string, options: { clients: number; seconds: number; scale?: number }): Promise<PgbenchResult> {
  const scale = options.scale ?? 10;
  const name = `machi_pgbench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  const connection = ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres")];
  try {
    execFileSync("pgbench", [...connection, "-i", "-q", "-s", String(scale), name], { stdio: ["ignore", "ignore", "pipe"] });
    const output = execFileSync(
      "pgbench",
      [...connection, "-n", "-c", String(options.clients), "-j", "2", "-T", String(options.seconds), name],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output) ?? /tps = ([\d.]+)/.exec(output);
    if (!match) throw new Error(`could not read pgbench output:\n${output}`);
    return { tps: Number(match[1]), clients: options.clients, seconds: options.seconds, scale };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
