/**
 * Test helpers of the navigator: a test app with the demo catalogue (procedures) and the
 * navigator's demo data, without the rest of the demo (shelters, cases), so a test file starts fast.
 */
import { importCatalogue } from "../procedures/commands/import-catalogue.ts";
import { CATEGORIES, DEPARTMENTS, LIFE_EVENTS, PROCEDURES } from "../procedures/demo/catalogue.ts";
import { upsertDepartments } from "../identity/index.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import type { Db } from "../../core/db/database.ts";
import { seedNavigatorDemo } from "./index.ts";

/** The demo organisation and catalogue of procedures, then the navigator's demo data. */
export async function seedNavigatorTestData(db: Db): Promise<void> {
  await upsertDepartments({ db, items: DEPARTMENTS });
  await importCatalogue({ db, categories: CATEGORIES, lifeEvents: LIFE_EVENTS, procedures: PROCEDURES });
  await seedNavigatorDemo(db);
}

export async function createNavigatorTestApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const app = await createTestApp(options);
  await seedNavigatorTestData(app.deps.db);
  return app;
}
