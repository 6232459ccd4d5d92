/**
 * Test databases: each test file gets a fresh PostgreSQL database (created from the server
 * in TEST_DATABASE_URL, default the local `test` database) with all migrations applied,
 * dropped again at the end, so test files never see each other's data.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../core/db/database.ts";
import { migrate } from "../core/db/migrate.ts";

export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type TestDatabase = Database & { url: string; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `machi_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "", maxConnections: 60 });
  await migrate(database);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close();
      const client = new pg.Client({ connectionString: TEST_SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
