/**
 * `machi payments …` — operator commands of the payments module.
 *
 *   reconcile --date YYYY-MM-DD [--out FILE]
 *       The day's reconciliation (Japan time) of every configured provider against our records,
 *       as CSV (UTF-8 with BOM; every row, with a `mismatch` column) on stdout or in FILE.
 *       Progress and a summary go to stderr.
 *       exit 0 everything matches · 1 mismatches found or a provider could not be read · 2 usage
 *
 * Providers come from the environment as for the server (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET,
 * STRIPE_API_BASE, PAYMENTS_SANDBOX); the database from DATABASE_URL / DATA_DIR.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../../core/config/config.ts";
import { openDatabase, type Database } from "../../core/db/database.ts";
import { migrate } from "../../core/db/migrate.ts";
import { reconcileDay, reconciliationCsv } from "./commands/reconcile-day.ts";
import { paymentsConfig } from "./config.ts";
import { buildPaymentsContext, type PaymentsContext } from "./context.ts";
import type { PaymentProvider } from "./providers/provider.ts";
import { SandboxProvider } from "./providers/sandbox.ts";
import { StripeProvider } from "./providers/stripe.ts";
import { parseDay } from "./schema.ts";

export type PaymentsCliIo = { stdout: (s: string) => void; stderr: (s: string) => void; progress?: (s: string) => void };

export type PaymentsCliOptions = {
  /** Opens the database (default: from DATABASE_URL / DATA_DIR, migrated). */
  open?: () => Promise<Database>;
  env?: Record<string, string | undefined>;
  /** Replaces the providers built from the environment (tests). */
  providers?: (database: Database) => PaymentProvider[];
};

export const PAYMENTS_CLI_USAGE = [
  "Usage: machi payments reconcile --date YYYY-MM-DD [--out FILE]",
  "",
  "  reconcile   Compare the day's payments and refunds (Japan time) with each provider's",
  "              transactions; CSV (UTF-8 with BOM) with a mismatch column on stdout or in FILE.",
  "              Exit 0 all match, 1 mismatches (or a provider could not be read), 2 bad usage.",
  "",
].join("\n");

function contextFrom(database: Database, env: Record<string, string | undefined>, io: PaymentsCliIo): PaymentsContext {
  const config = paymentsConfig(env, { nodeEnv: env.NODE_ENV ?? "development", sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString("hex") });
  for (const problem of config.problems) io.stderr(`payments: ${problem}\n`);
  const providers: PaymentProvider[] = [];
  if (config.stripe) providers.push(new StripeProvider(config.stripe));
  if (config.sandbox) providers.push(new SandboxProvider({ db: database.db, baseUrl: env.BASE_URL ?? "http://localhost:3000", webhookSecret: config.sandbox.webhookSecret }));
  return buildPaymentsContext(providers, config.problems);
}

/** Runs a payments subcommand; returns the exit code. */
export async function runPaymentsCli(args: string[], io: PaymentsCliIo, options: PaymentsCliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const [command, ...rest] = args;
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(PAYMENTS_CLI_USAGE);
    return 0;
  }
  if (command !== "reconcile") {
    io.stderr(`machi payments: ${command ? `unknown command "${command}"` : "missing command"}\n${PAYMENTS_CLI_USAGE}`);
    return 2;
  }
  let values: { date?: string; out?: string };
  try {
    values = parseArgs({ args: rest, options: { date: { type: "string" }, out: { type: "string" } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.stderr(`machi payments: ${(error as Error).message}\n${PAYMENTS_CLI_USAGE}`);
    return 2;
  }
  const day = parseDay(values.date ?? "");
  if (!day) {
    io.stderr(`machi payments: --date must be a date as YYYY-MM-DD (got "${values.date ?? ""}")\n${PAYMENTS_CLI_USAGE}`);
    return 2;
  }
  const open =
    options.open ??
    (async () => {
      const config = loadConfig(env);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 4 });
      await migrate(database);
      return database;
    });
  const database = await open();
  try {
    const context = options.providers ? buildPaymentsContext(options.providers(database)) : contextFrom(database, env, io);
    if (context.providers.size === 0) {
      io.stderr("machi payments: no payment provider is configured (set STRIPE_SECRET_KEY, or PAYMENTS_SANDBOX=true)\n");
      return 1;
    }
    const progress = io.progress ?? ((line: string) => io.stderr(`${line}\n`));
    const report = await reconcileDay({ db: database.db, context, day, onProgress: progress });
    const csv = reconciliationCsv(report.rows);
    if (values.out) await fs.writeFile(values.out, csv, "utf8");
    else io.stdout(csv);
    for (const provider of report.failedProviders) io.stderr(`payments: could not read the transactions of ${provider}\n`);
    io.stderr(`reconciled ${day}: ${report.rows.length} rows, ${report.mismatches} mismatches${values.out ? ` → ${values.out}` : ""}\n`);
    return report.mismatches === 0 && report.failedProviders.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}
