import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { openDatabase, type Database } from "../core/db/database.ts";
import { migrate } from "../core/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

/**
 * Both drivers for the tests of a file: a fresh PostgreSQL database and an embedded PGlite one in a
 * temporary folder, both migrated before the tests and removed after them.
 *
 * @example for (const [name, database] of bothDrivers()) test(`${name}: …`, async () => { await database().db.execute(…); });
 */
export function bothDrivers(): Array<readonly [name: string, database: () => Database]> {
  let postgres: TestDatabase | undefined;
  let pglite: Database | undefined;
  let dataDir = "";
  before(async () => {
    postgres = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-pglite-"));
    pglite = await openDatabase({ databaseUrl: undefined, dataDir });
    await migrate(pglite);
  });
  after(async () => {
    await postgres?.drop();
    await pglite?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const started = (database: Database | undefined) => {
    if (!database) throw new Error("the test databases are created in before()");
    return database;
  };
  return [["PostgreSQL", () => started(postgres)], ["PGlite", () => started(pglite)]];
}
