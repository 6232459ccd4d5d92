/**
 * Forward-only SQL migrations: files `migrations/NNNN_name.sql`, applied in name order,
 * each in its own transaction, recorded in `schema_migrations`. An advisory lock lets
 * several app instances start at once without applying a migration twice.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "./database.ts";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../migrations");
const LOCK_KEY = 727_100_4; // Osaka City's local government code, as a stable advisory-lock id

export type Migration = { version: string; file: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ""), file: path.join(dir, name) }));
}

/** Applies pending migrations; returns the versions applied. */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await database.execScript(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  return database.withConnection(async (db) => {
    await db.execute(sql`SELECT pg_advisory_lock(${LOCK_KEY})`);
    try {
      const done = new Set(await appliedVersions(database));
      const applied: string[] = [];
      for (const migration of listMigrations(dir)) {
        if (done.has(migration.version)) continue;
        const script = fs.readFileSync(migration.file, "utf8");
        const version = migration.version.replace(/'/g, "''");
        await database.execScript(`${script}\n;INSERT INTO schema_migrations (version) VALUES ('${version}');`);
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await db.execute(sql`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}

export async function appliedVersions(database: Database): Promise<string[]> {
  const rows = await queryRows<{ version: string }>(database.db, sql`SELECT version FROM schema_migrations ORDER BY version`);
  return rows.map((row) => row.version);
}

/** The newest applied migration, or null on an empty database. */
export async function currentVersion(database: Database): Promise<string | null> {
  const [row] = await queryRows<{ version: string | null }>(database.db, sql`SELECT max(version) AS version FROM schema_migrations`);
  return row?.version ?? null;
}
