/**
 * Japanese demo data: the Osaka City organisation, the procedures catalogue (the seed's three
 * procedures, 27 more written by hand and about 1,530 generated from the patterns of ward offices
 * and bureaus), demo staff and residents. Idempotent: running it twice changes nothing.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../core/db/database.ts";
import { upsertDepartments } from "../modules/identity/commands/upsert-departments.ts";
import { createUser, seedIdentityDemo, updateResidentProfile } from "../modules/identity/index.ts";
import { seedDemoCases } from "./demo-cases.ts";
import { seedAppointmentsDemo } from "../modules/appointments/index.ts";
import { seedNavigatorDemo } from "../modules/navigator/index.ts";
import { seedPaymentsDemo } from "../modules/payments/index.ts";
import { seedBuilderDemo } from "../modules/builder/index.ts";
import { DISASTER_DEMO_STAFF, seedDisasterDemo } from "../modules/disaster/index.ts";
import { importCatalogue } from "../modules/procedures/commands/import-catalogue.ts";
import { generateDemoProcedures, importProcedureDocuments } from "../modules/procedures/exchange/index.ts";
import { CATEGORIES, DEMO_RESIDENTS, DEMO_STAFF, DEPARTMENTS, LIFE_EVENTS, PROCEDURES } from "../modules/procedures/demo/catalogue.ts";

export type SeedReport = { departments: number; procedures: number; usersCreated: number; casesCreated: number };

export type SeedOptions = {
  /** Online payment of fees for the demo procedures (住民票の写し at submission …); default true. */
  payments?: boolean;
  /** Identity assurance each demo procedure requires (住民票の写し: passkey or signature); default true. */
  assurance?: boolean;
  /** Also create demo cases (applications at several stages); default true. Tests of an empty case store pass false. */
  cases?: boolean;
  /**
   * Also load the generated part of the demo catalogue (about 1,530 procedures of the 24 ward
   * offices and the bureaus, marked demo): default true, the demo IS a city-sized catalogue.
   * Tests that only need the 30 hand-written procedures pass false to stay fast.
   */
  generatedProcedures?: boolean;
  /** Public URL for links in the (unsent) demo e-mails. */
  baseUrl?: string;
  onProgress?: (step: string) => void;
};

export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedReport> {
  const onProgress = options.onProgress ?? (() => {});
  onProgress("departments");
  await upsertDepartments({ db, items: DEPARTMENTS });
  onProgress("catalogue");
  const catalogue = await importCatalogue({ db, categories: CATEGORIES, lifeEvents: LIFE_EVENTS, procedures: PROCEDURES });
  let generated = 0;
  if (options.generatedProcedures !== false) {
    onProgress("generated demo catalogue (ward offices and bureaus)");
    const items = generateDemoProcedures().map((document) => ({ document }));
    generated = (await importProcedureDocuments({ db, items })).total;
  }
  onProgress("demo users");
  let usersCreated = 0;
  for (const account of [...DEMO_STAFF, ...DEMO_RESIDENTS]) {
    const kind = account.departmentCode ? "staff" : "resident";
    const [existing] = await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE kind = ${kind} AND lower(email) = lower(${account.email})`);
    if (existing) continue;
    const id = await createUser({
      db,
      kind,
      email: account.email,
      password: account.password,
      familyName: account.name.family,
      givenName: account.name.given,
      familyKana: account.furigana.family,
      givenKana: account.furigana.given,
      roles: account.departmentCode ? [{ departmentCode: account.departmentCode, role: account.role ?? "clerk" }] : [],
    });
    if (kind === "resident") {
      await updateResidentProfile({
        db,
        userId: id,
        birthDate: account.birthDate ?? null,
        postalCode: account.address?.postalCode ?? null,
        address: account.address ? [account.address.address, account.address.building].filter(Boolean).join(" ") : null,
        phone: account.phone ?? null,
      });
    }
    usersCreated++;
  }
  onProgress("disaster demo (designated shelters, 危機管理室)");
  await seedDisasterDemo(db);
  onProgress("手続き判定 rules and support programmes");
  await seedNavigatorDemo(db);
  if (options.assurance !== false) {
    onProgress("identity assurance per procedure");
    await seedIdentityDemo(db);
  }
  onProgress("builder demo (notice page, case app)");
  await seedBuilderDemo(db);
  if (options.payments !== false) {
    onProgress("fees paid online (キャッシュレス)");
    await seedPaymentsDemo(db);
  }
  onProgress("counters and appointment slots (来庁予約)");
  await seedAppointmentsDemo(db);
  onProgress("demo cases");
  const casesCreated = options.cases === false ? 0 : await seedDemoCases(db, options.baseUrl ?? process.env.BASE_URL ?? "http://localhost:3000");
  return { departments: DEPARTMENTS.length, procedures: catalogue.procedures + generated, usersCreated, casesCreated };
}

/** Seeds only a database that has no procedures yet (first start of the demo). */
export async function seedDemoIfEmpty(db: Db, options: SeedOptions = {}): Promise<boolean> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM procedures`);
  if ((row?.count ?? 0) > 0) return false;
  await seedDemo(db, options);
  return true;
}

export function demoLoginsText(): string {
  const lines = ["  demo logins (demo only — never use these passwords elsewhere):"];
  for (const account of DEMO_RESIDENTS) lines.push(`    resident  ${account.email}  ${account.password}   → /auth/sign-in`);
  for (const account of DEMO_STAFF) lines.push(`    staff     ${account.email}  ${account.password}   (${account.departmentCode}, ${account.role ?? "clerk"}) → /staff/sign-in`);
  lines.push(`    staff     ${DISASTER_DEMO_STAFF.email}  ${DISASTER_DEMO_STAFF.password}   (危機管理室, manager) → /staff/sign-in`);
  return lines.join("\n");
}
