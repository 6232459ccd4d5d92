import type { Db } from "../../core/db/database.ts";
import { seedDemo as seed } from "../../demo/seed.ts";
import type { CliIo } from "../io.ts";

export async function seedDemo(db: Db, io: CliIo): Promise<number> {
  const report = await seed(db, { onProgress: (step) => io.progress(`seeding ${step}…`) });
  io.stdout(`demo data: ${report.departments} departments, ${report.procedures} procedures, ${report.usersCreated} new users, ${report.casesCreated} new cases\n`);
  return 0;
}
