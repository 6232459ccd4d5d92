/**
 * `machi` — the operator CLI. Each command opens the configured database itself; with the
 * embedded database that fails with a clear message while the server holds it.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, loadConfig } from "../core/config/config.ts";
import { DataDirBusyError } from "../core/db/data-dir-lock.ts";
import { openDatabase, type Database } from "../core/db/database.ts";
import { migrate } from "../core/db/migrate.ts";
import { runDisasterCli } from "../modules/disaster/cli.ts";
import { runProceduresCli } from "../modules/procedures/exchange/cli.ts";
import { seedDemoIfEmpty } from "../demo/seed.ts";
import { runDocumentsCli } from "../modules/documents/cli.ts";
import { runSignaturesCli } from "../modules/signatures/cli.ts";
import { runPaymentsCli } from "../modules/payments/cli.ts";
import { auditVerify } from "./commands/audit-verify.ts";
import { exportApplications } from "./commands/export.ts";
import { seedDemo } from "./commands/seed-demo.ts";
import { userCreate } from "./commands/user-create.ts";
import { processIo, type CliIo } from "./io.ts";
import { USAGE, UsageError } from "./usage.ts";

type Handler = (context: { args: string[]; io: CliIo; open: () => Promise<Database>; env: Record<string, string | undefined> }) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  migrate: async ({ args, io, open }) => {
    expectNoArgs(args);
    const database = await open();
    try {
      const applied = await migrate(database);
      io.stdout(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
      return 0;
    } finally {
      await database.close();
    }
  },
  "seed-demo": async ({ args, io, open }) => {
    expectNoArgs(args);
    return withMigrated(open, (database) => seedDemo(database.db, io));
  },
  user: async ({ args, io, open }) => {
    const [sub, ...rest] = args;
    if (sub !== "create") throw new UsageError(`unknown user command "${sub ?? ""}"`);
    return withMigrated(open, (database) => userCreate(database.db, parse(rest, userCreateOptions), io));
  },
  audit: async ({ args, io, open }) => {
    const [sub, ...rest] = args;
    if (sub !== "verify") throw new UsageError(`unknown audit command "${sub ?? ""}"`);
    expectNoArgs(rest);
    return withMigrated(open, (database) => auditVerify(database.db, io));
  },
  export: async ({ args, io, open, env }) => {
    const [what, ...rest] = args;
    if (what === "applications") {
      const options = parse(rest, { department: { type: "string" }, out: { type: "string" } });
      return withMigrated(open, (database) => exportApplications(database.db, options, io));
    }
    // The older spelling of `procedures export --all`.
    if (what === "procedures") return runProceduresCli(["export", "--all", ...rest.filter((arg) => arg !== "--all")], io, { open, env, seedDemoIfEmpty });
    throw new UsageError(`export what? "applications" or "procedures", not "${what ?? ""}"`);
  },
  disaster: async ({ args, io }) => runDisasterCli(args, io),
  procedures: async ({ args, io, open, env }) => runProceduresCli(args, io, { open, env, seedDemoIfEmpty }),
  signatures: async ({ args, io }) => runSignaturesCli(args, io),
  payments: async ({ args, io, open }) => runPaymentsCli(args, io, { open: async () => { const database = await open(); await migrate(database); return database; } }),
  documents: async ({ args, io, env }) => runDocumentsCli(args, io, env),
};

const userCreateOptions = {
  kind: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  family: { type: "string" },
  given: { type: "string" },
  "family-kana": { type: "string" },
  "given-kana": { type: "string" },
  department: { type: "string" },
  role: { type: "string" },
} as const;

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function expectNoArgs(args: string[]): void {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
}

async function withMigrated(open: () => Promise<Database>, fn: (database: Database) => Promise<number>): Promise<number> {
  const database = await open();
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[], io: CliIo = processIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...args] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler) {
    io.stderr(command && command !== "help" && command !== "--help" ? `machi: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return command === "help" || command === "--help" ? 0 : 2;
  }
  try {
    const open = async () => {
      const config = loadConfig(env);
      return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 4 });
    };
    return await handler({ args, io, open, env });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`machi: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DataDirBusyError) {
      io.stderr(`machi: ${error.message}\n`);
      return 1;
    }
    io.stderr(`machi: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
