/**
 * `machi procedures …`: exchange procedures between Machi installations and load a catalogue CSV.
 *
 *   export (--all | --slug S …) [--out FILE]   one JSON document per line (canonical JSON, by slug)
 *   import FILE [--dry-run]                     JSON Lines of documents, or the catalogue CSV
 *
 * Exit codes: 0 done; 1 the file was refused (every problem on stderr, nothing imported), could not
 * be read, or a slug is unknown; 2 bad usage. Messages are Japanese when the locale (LC_ALL,
 * LC_MESSAGES, LANG) is Japanese, English otherwise.
 *
 * On an empty database, `export` first loads the demo data when `npm start` would (SEED_DEMO,
 * default on for the embedded database), so that a fresh checkout exports the demo catalogue.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../../core/config/config.ts";
import type { Database, Db } from "../../../core/db/database.ts";
import { migrate } from "../../../core/db/migrate.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { formatCsvProblem } from "./catalogue-csv.ts";
import { exportProcedureDocuments } from "./commands/export-procedures.ts";
import { importCatalogueCsv } from "./commands/import-catalogue-csv.ts";
import { importProcedureDocuments, type ImportReport } from "./commands/import-procedures.ts";
import { documentLine } from "./document.ts";
import { m } from "./messages.ts";
import { countPublishedProcedures } from "./queries.ts";
import { formatLineProblem, readProcedureLines } from "./read-procedure-lines.ts";

export type ProceduresCliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress of long work (stderr). */
  progress?: (text: string) => void;
};

export type ProceduresCliContext = {
  /** Opens the configured database (DATABASE_URL or the embedded one). */
  open: () => Promise<Database>;
  env?: Record<string, string | undefined>;
  /** Loads the demo data into an empty database (src/demo/seed.ts), for `export` on a fresh install. */
  seedDemoIfEmpty?: (db: Db, options: { baseUrl?: string; onProgress?: (step: string) => void }) => Promise<boolean>;
};

export const PROCEDURES_CLI_USAGE = `Usage: machi procedures <command>

Commands:
  export --all [--out FILE]       every published procedure, one JSON document per line
  export --slug S [--slug S2 …] [--out FILE]
                                  the procedures with these slugs
  import FILE [--dry-run]         JSON Lines of procedure documents (schemas/procedure.schema.json)
                                  or the catalogue CSV (schemas/catalogue.csv.md; UTF-8 or Shift_JIS);
                                  all or nothing; --dry-run checks and reports without changing anything

Exit codes: 0 done, 1 refused or unreadable file (problems on stderr; nothing imported), 2 bad usage.
`;

const MAX_PROBLEMS_SHOWN = 200;

class UsageProblem extends Error {}

/** Runs a procedures subcommand; returns the exit code. */
export async function runProceduresCli(args: string[], io: ProceduresCliIo, context: ProceduresCliContext): Promise<number> {
  const env = context.env ?? process.env;
  const locale = localeOf(env);
  const [command, ...rest] = args;
  try {
    if (command === "help" || command === "--help" || command === "-h") {
      io.stdout(PROCEDURES_CLI_USAGE);
      return 0;
    }
    if (command === "export") {
      const options = parse(rest, { all: { type: "boolean" }, slug: { type: "string", multiple: true }, out: { type: "string" } }, false);
      const slugs = options.values.slug;
      if ((options.values.all === true) === (slugs !== undefined && slugs.length > 0)) throw new UsageProblem("export needs either --all or --slug S");
      return await withDatabase(context, (database) => exportCommand(database, { ...(slugs ? { slugs } : {}), ...(options.values.out ? { out: options.values.out } : {}) }, io, locale, env, context));
    }
    if (command === "import") {
      const options = parse(rest, { "dry-run": { type: "boolean" } }, true);
      if (options.positionals.length !== 1) throw new UsageProblem(options.positionals.length === 0 ? "import needs a FILE" : "import takes exactly one FILE");
      const file = options.positionals[0]!;
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        io.stderr(`machi procedures: ${m(locale, "file.unreadable", { reason: (error as Error).message })}\n`);
        return 1;
      }
      return await withDatabase(context, (database) => importCommand(database.db, { file, bytes, dryRun: options.values["dry-run"] === true }, io, locale));
    }
    throw new UsageProblem(command === undefined ? "missing command" : `unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageProblem) {
      io.stderr(`machi procedures: ${error.message}\n\n${PROCEDURES_CLI_USAGE}`);
      return 2;
    }
    throw error;
  }
}

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageProblem((error as Error).message);
  }
}

/** ja when the process locale is Japanese (LC_ALL, LC_MESSAGES, LANG), else en. */
export function localeOf(env: Record<string, string | undefined>): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^ja/i.test(value) ? "ja" : "en";
}

async function withDatabase(context: ProceduresCliContext, fn: (database: Database) => Promise<number>): Promise<number> {
  const database = await context.open();
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function exportCommand(
  database: Database,
  options: { slugs?: string[]; out?: string },
  io: ProceduresCliIo,
  locale: Locale,
  env: Record<string, string | undefined>,
  context: ProceduresCliContext,
): Promise<number> {
  const config = loadConfig(env);
  if (!options.slugs && config.seedDemo && context.seedDemoIfEmpty) {
    const seeded = await context.seedDemoIfEmpty(database.db, { baseUrl: config.baseUrl, onProgress: (step) => io.progress?.(`seeding ${step}…`) });
    if (seeded) {
      io.stderr(`${m(locale, "export.seeded", { procedures: await countPublishedProcedures(database.db) })}\n`);
    }
  }
  const target = sink(options.out, io);
  let count = 0;
  const found = new Set<string>();
  try {
    for await (const document of exportProcedureDocuments({ db: database.db, ...(options.slugs ? { slugs: options.slugs } : {}) })) {
      await target.write(`${documentLine(document)}\n`);
      found.add(document.slug);
      count++;
      if (count % 500 === 0) io.progress?.(`exported ${count}…`);
    }
  } finally {
    await target.close();
  }
  const missing = (options.slugs ?? []).filter((slug) => !found.has(slug));
  for (const slug of missing) io.stderr(`machi procedures: ${m(locale, "export.notFound", { slug })}\n`);
  io.stderr(`${m(locale, "export.summary", { count })}${options.out ? ` → ${options.out}` : ""}\n`);
  return missing.length > 0 ? 1 : 0;
}

function sink(out: string | undefined, io: ProceduresCliIo) {
  if (!out) return { write: async (chunk: string) => io.stdout(chunk), close: async () => {} };
  const stream = fs.createWriteStream(out);
  return {
    write: (chunk: string) => (stream.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => stream.once("drain", () => resolve()))),
    close: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}

function isCsv(file: string, bytes: Buffer): boolean {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".csv") return true;
  if ([".jsonl", ".ndjson", ".json"].includes(extension)) return false;
  const start = bytes.subarray(0, 64).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  return !start.startsWith("{");
}

async function importCommand(db: Db, options: { file: string; bytes: Buffer; dryRun: boolean }, io: ProceduresCliIo, locale: Locale): Promise<number> {
  const audit = { actorId: null, actorLabel: "cli:operator" };
  const onProgress = (written: number, total: number) => io.progress?.(`imported ${written}/${total}…`);
  let report: ImportReport;
  if (isCsv(options.file, options.bytes)) {
    const result = await importCatalogueCsv({ db, bytes: options.bytes, locale, dryRun: options.dryRun, audit, onProgress });
    for (const warning of result.warnings) io.stderr(`${warning}\n`);
    if (!result.ok) {
      const rows = new Set(result.problems.map((problem) => problem.row ?? 0));
      return refuse(result.problems.map((problem) => formatCsvProblem(problem, locale)), rows.size, io, locale, "import.refusedRows");
    }
    report = result.report;
  } else {
    const read = readProcedureLines(options.bytes.toString("utf8"), locale);
    if (read.problems.length === 0 && read.documents.length === 0) read.problems.push({ line: 1, path: "$", code: "file.empty", message: m(locale, "file.empty") });
    if (read.problems.length > 0) {
      const lines = new Set(read.problems.map((problem) => problem.line));
      return refuse(read.problems.map((problem) => formatLineProblem(problem, locale)), lines.size, io, locale, "import.refused");
    }
    report = await importProcedureDocuments({ db, items: read.documents.map(({ document }) => ({ document })), dryRun: options.dryRun, audit, onProgress });
  }
  io.stdout(`${m(locale, "import.summary", { total: report.total, created: report.created, updated: report.updated, unchanged: report.unchanged, versions: report.newVersions })}\n`);
  if (report.dryRun) io.stdout(`${m(locale, "import.dryRun")}\n`);
  return 0;
}

function refuse(lines: string[], lineCount: number, io: ProceduresCliIo, locale: Locale, summary: "import.refused" | "import.refusedRows"): number {
  for (const line of lines.slice(0, MAX_PROBLEMS_SHOWN)) io.stderr(`${line}\n`);
  if (lines.length > MAX_PROBLEMS_SHOWN) io.stderr(`${m(locale, "import.andMore", { count: lines.length - MAX_PROBLEMS_SHOWN })}\n`);
  io.stderr(`${m(locale, summary, { problems: lines.length, lines: lineCount })}\n`);
  return 1;
}
