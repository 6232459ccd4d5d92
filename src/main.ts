/**
 * `npm start`: validates the configuration, opens the database (embedded PGlite in ./data
 * unless DATABASE_URL is set), applies migrations, seeds Japanese demo data into an empty
 * embedded database, serves HTTP and runs the background workers. With WEB_CONCURRENCY=N
 * (PostgreSQL only) the primary prepares the database and forks N worker processes that
 * share the port — the same stateless instances a load balancer would spread requests over.
 */
import cluster from "node:cluster";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./core/config/config.ts";
import { embeddedSessionSecret } from "./core/config/embedded-secret.ts";
import { DataDirBusyError } from "./core/db/data-dir-lock.ts";
import { openDatabase } from "./core/db/database.ts";
import { migrate } from "./core/db/migrate.ts";
import { demoLoginsText, seedDemoIfEmpty } from "./demo/seed.ts";

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.sessionSecretGenerated && !config.databaseUrl) {
    config.sessionSecret = embeddedSessionSecret(config.dataDir);
    config.sessionSecretGenerated = false;
  }
  if (cluster.isWorker) return serveWorker(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(database);
  // The embedded database has one connection: fill an empty demo database before anything else
  // (workers, requests) uses it. It takes a few seconds on first start.
  if (config.seedDemo) process.stdout.write("Loading Japanese demo data on first start…\n");
  const seeded = config.seedDemo ? await seedDemoIfEmpty(database.db, { baseUrl: config.baseUrl }) : false;
  if (config.webConcurrency > 1) {
    await database.close();
    for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
    cluster.on("exit", (worker, code, signal) => {
      if (!stopping) process.stderr.write(`worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
      if (!stopping) cluster.fork();
    });
    let stopping = false;
    const stopAll = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.on("SIGINT", stopAll);
    process.on("SIGTERM", stopAll);
    process.stdout.write(`\nMachi is running at ${config.baseUrl}/ with ${config.webConcurrency} worker processes; migrations applied now: ${applied.length}\n\n`);
    return;
  }
  const app = await buildApp(config, database);
  await app.http.listen({ port: config.port, host: config.host });

  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}`;
  const lines = [
    "",
    `Machi is running at ${config.baseUrl}/`,
    `  database: ${where}; migrations applied now: ${applied.length}`,
    config.smtpUrl ? `  mail: SMTP ${new URL(config.smtpUrl).host}` : "  mail: SMTP_URL is unset — e-mails (sign-in links, receipts) are printed to this log",
  ];
  if (config.seedDemo) lines.push(seeded ? "  demo data: seeded now" : "  demo data: present", demoLoginsText());
  if (config.sessionSecretGenerated) lines.push("  note: SESSION_SECRET is unset; a random one is used, so sessions end when the server restarts.");
  process.stdout.write(`${lines.join("\n")}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.http.log.info(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** A cluster worker: the database is already migrated and seeded by the primary. */
async function serveWorker(config: ReturnType<typeof loadConfig>): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp(config, database);
  await app.http.listen({ port: config.port, host: config.host });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirBusyError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Machi could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
