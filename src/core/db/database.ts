/**
 * One database handle for both drivers: node-postgres for PostgreSQL (production, tests)
 * and PGlite (embedded default, data in ./data). Same schema, same migrations, same queries.
 */
import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";

/** A Drizzle database or transaction; commands and queries take it as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type Database = {
  kind: "postgres" | "pglite";
  db: Db;
  /** Runs a script of several SQL statements (migrations) in one transaction. */
  execScript(text: string): Promise<void>;
  /** Runs fn on one dedicated connection (for session-level locks). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type OpenOptions = {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.maxConnections ?? 20) : openPglite(options.dataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  // DATE columns stay ISO strings ("2026-11-26"), not JS Dates shifted by the time zone.
  pg.types.setTypeParser(1082, (value: string) => value);
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  const db = drizzle({ client: pool }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    async execScript(text) {
      const client = await pool.connect();
      try {
        await client.query(`BEGIN;\n${text}\n;COMMIT;`);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzle({ client }) as unknown as Db);
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create({ dataDir: path.join(dataDir, "pglite"), parsers: { 1082: (value: string) => value } });
    const db = drizzle({ client }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      async execScript(text) {
        await client.transaction(async (tx) => {
          await tx.exec(text);
        });
      },
      async withConnection(fn) {
        return fn(db);
      },
      async close() {
        await client.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Runs raw SQL and returns its rows (both drivers answer with `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
