import fs from "node:fs";
import type { Db } from "../../core/db/database.ts";
import { UTF8_BOM } from "../../core/csv.ts";
import { exportCatalogue } from "../../modules/procedures/commands/export-catalogue.ts";
import { streamApplicationsCsv } from "../../modules/procedures/staff/export-csv.ts";
import type { CliIo } from "../io.ts";

/** Writes to --out FILE, or to stdout. */
function sink(out: string | undefined, io: CliIo) {
  if (!out) return { write: (chunk: string) => io.stdout(chunk), close: async () => {} };
  const stream = fs.createWriteStream(out);
  return {
    write: (chunk: string) =>
      stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once("drain", () => resolve())),
    close: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}

export async function exportApplications(db: Db, options: { department?: string; out?: string }, io: CliIo): Promise<number> {
  const target = sink(options.out, io);
  await target.write(UTF8_BOM);
  const rows = await streamApplicationsCsv({
    db,
    departmentCodes: options.department ? [options.department] : null,
    write: target.write,
    onProgress: (count) => io.progress(`exported ${count} applications…`),
  });
  await target.close();
  io.stderr(`exported ${rows} applications${options.out ? ` to ${options.out}` : ""}\n`);
  return 0;
}

export async function exportProcedures(db: Db, options: { out?: string }, io: CliIo): Promise<number> {
  const target = sink(options.out, io);
  let count = 0;
  for await (const procedure of exportCatalogue({ db })) {
    await target.write(`${JSON.stringify(procedure)}\n`);
    count++;
  }
  await target.close();
  io.stderr(`exported ${count} procedures${options.out ? ` to ${options.out}` : ""}\n`);
  return 0;
}
