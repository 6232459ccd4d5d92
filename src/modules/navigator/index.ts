/**
 * The navigator module's public face: 手続き判定 (life event → questions → the checklist of
 * procedures with deadlines, where, what to bring and why), the staff editor for its rules
 * (versioned, with a test harness), and the support-programme finder with its open data.
 *
 * Routes: /navigator…, /support-programmes…, /support-programmes.{json,csv,schema.json},
 * /api/navigator/events, /api/navigator/:event/result, /api/support-programmes,
 * /staff/navigator…, /staff/support-programmes… (see routes/*.ts).
 */
import type { AppDeps, Module } from "../../core/app-deps.ts";
import type { Db } from "../../core/db/database.ts";
import { createUser, upsertDepartments, userIdByEmail } from "../identity/index.ts";
import { importSupportProgrammes } from "./commands/import-support-programmes.ts";
import { loadCityConfig, type CityConfig } from "./config.ts";
import { DEMO_DEFINITIONS } from "./demo/definitions.ts";
import { DEMO_PROGRAMMES } from "./demo/programmes.ts";
import { countProgrammes, insertDefinition, maxVersion, upsertProgrammes } from "./queries.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerAssetRoutes } from "./routes/assets.ts";
import { registerFinderRoutes } from "./routes/finder.ts";
import { registerResidentRoutes } from "./routes/resident.ts";
import { registerStaffRoutes } from "./routes/staff.ts";
import fs from "node:fs";
import "./messages.ts";

export type { NavigatorDefinition, NavigatorQuestion, ChecklistItemDef, DeadlineRule, NavigatorAnswers } from "./definition.ts";
export type { Checklist, ChecklistItem, ChecklistGroup } from "./checklist.ts";
export type { SupportProgramme, Eligibility } from "./programmes/programme.ts";
export type { CityConfig } from "./config.ts";
export { computeChecklist } from "./checklist.ts";
export { computeDeadline, closedReason, nextOpenDay } from "./deadlines.ts";
export { computeResult } from "./commands/compute-result.ts";
export { validateDefinition, type DefinitionProblem } from "./validate-definition.ts";
export { importSupportProgrammes } from "./commands/import-support-programmes.ts";
export { rankProgrammes, filterProgrammes, checkCriteria } from "./programmes/rank.ts";
export { openDataDocument, programmesCsvUtf8, programmesCsvShiftJis } from "./programmes/open-data.ts";
export { loadCityConfig } from "./config.ts";
export { readNavigatorPrefill } from "./prefill.ts";
export { DEMO_DEFINITIONS } from "./demo/definitions.ts";
export { DEMO_PROGRAMMES } from "./demo/programmes.ts";

/** The department that owns the demo 手続き判定 definitions. */
export const NAVIGATOR_DEMO_DEPARTMENT = { code: "ict-strategy", name: { ja: "ICT戦略室", en: "ICT Strategy Office" }, kind: "bureau" as const };
const ECONOMY_DEPARTMENT = { code: "economy", name: { ja: "経済戦略局", en: "Economic Strategy Bureau" }, kind: "bureau" as const };

/** Demo account of the navigator (demo only — never use this password elsewhere). */
export const NAVIGATOR_DEMO_STAFF = {
  email: "kitahama.aoi@staff.example.jp",
  password: "machi-demo-2026",
  name: { family: "北浜", given: "葵" },
  furigana: { family: "キタハマ", given: "アオイ" },
} as const;

export type NavigatorDemoReport = { definitionsCreated: number; programmesCreated: number; staffCreated: boolean };

/**
 * Demo data (idempotent): the ICT戦略室 and 経済戦略局 departments, a manager of both
 * (NAVIGATOR_DEMO_STAFF), the nine published 手続き判定 definitions (events that have no version
 * yet), and the demo support programmes when the table is empty.
 */
export async function seedNavigatorDemo(db: Db): Promise<NavigatorDemoReport> {
  await upsertDepartments({ db, items: [NAVIGATOR_DEMO_DEPARTMENT, ECONOMY_DEPARTMENT] });
  const existing = await userIdByEmail(db, "staff", NAVIGATOR_DEMO_STAFF.email);
  if (!existing) {
    await createUser({
      db,
      kind: "staff",
      email: NAVIGATOR_DEMO_STAFF.email,
      password: NAVIGATOR_DEMO_STAFF.password,
      familyName: NAVIGATOR_DEMO_STAFF.name.family,
      givenName: NAVIGATOR_DEMO_STAFF.name.given,
      familyKana: NAVIGATOR_DEMO_STAFF.furigana.family,
      givenKana: NAVIGATOR_DEMO_STAFF.furigana.given,
      roles: [
        { departmentCode: NAVIGATOR_DEMO_DEPARTMENT.code, role: "manager" },
        { departmentCode: ECONOMY_DEPARTMENT.code, role: "manager" },
      ],
    });
  }
  let definitionsCreated = 0;
  for (const definition of DEMO_DEFINITIONS) {
    await db.transaction(async (tx) => {
      if ((await maxVersion(tx, definition.event)) > 0) return;
      await insertDefinition(tx, { event: definition.event, version: 1, status: "published", departmentCode: NAVIGATOR_DEMO_DEPARTMENT.code, definition, basedOn: null, userId: null });
      definitionsCreated++;
    });
  }
  let programmesCreated = 0;
  if ((await countProgrammes(db)) === 0) {
    await db.transaction(async (tx) => upsertProgrammes(tx, DEMO_PROGRAMMES));
    programmesCreated = DEMO_PROGRAMMES.length;
  }
  return { definitionsCreated, programmesCreated, staffCreated: !existing };
}

/** Imports SUPPORT_PROGRAMMES_CSV into an empty programme table (another city's start-up data). */
async function importConfiguredProgrammes(deps: AppDeps, city: CityConfig, log: { info: (message: string) => void; warn: (message: string) => void }): Promise<void> {
  if (!city.programmesCsv || (await countProgrammes(deps.db)) > 0) return;
  const result = await importSupportProgrammes({
    db: deps.db,
    actor: null,
    bytes: fs.readFileSync(city.programmesCsv),
    mode: "upsert",
    wards: new Set(city.wards.map((w) => w.code)),
    departmentCode: city.programmesDepartment,
  });
  if (result.ok) log.info(`navigator: imported ${result.imported} support programmes from ${city.programmesCsv}`);
  else log.warn(`navigator: SUPPORT_PROGRAMMES_CSV was not imported: ${result.problems.map((p) => `row ${p.row} ${p.column ?? ""} ${p.code} ${JSON.stringify(p.params ?? {})}`).join("; ")}`);
}

export function createNavigatorModule(options: { city?: CityConfig } = {}): Module {
  return {
    name: "navigator",
    routes(app, deps) {
      const city = options.city ?? loadCityConfig();
      registerAssetRoutes(app, city);
      registerResidentRoutes(app, deps, city);
      registerFinderRoutes(app, deps, city);
      registerApiRoutes(app, deps);
      registerStaffRoutes(app, deps, city);
      app.addHook("onReady", async () => {
        await importConfiguredProgrammes(deps, city, { info: (message) => app.log.info(message), warn: (message) => app.log.warn(message) });
      });
    },
  };
}

export const navigatorModule: Module = createNavigatorModule();
