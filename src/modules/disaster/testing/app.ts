/**
 * Test helpers of the disaster module: a test app whose disaster module uses an in-memory AlertIssuer,
 * the 危機管理室 and a ward office as departments, staff of each, and a way to run the module's jobs
 * (as the outbox worker would) in a test without WORKERS.
 */
import { buildApp } from "../../../app.ts";
import { loadConfig } from "../../../core/config/config.ts";
import { runDueJobs } from "../../../core/jobs/outbox.ts";
import { MAIL_TOPIC, mailJobHandler } from "../../../core/mail/queue.ts";
import { MODULES } from "../../../modules.ts";
import { createTestDatabase } from "../../../testing/database.ts";
import type { TestApp } from "../../../testing/app.ts";
import { upsertDepartments } from "../../identity/index.ts";
import { createStaff, signInStaff, type Browser } from "../../identity/testing.ts";
import { InMemoryAlertIssuer } from "../alerts/alert-issuer.ts";
import { createDisasterModule } from "../module.ts";
import { CRISIS_DEPARTMENT } from "../policy.ts";

export type DisasterTestApp = TestApp & { issuer: InMemoryAlertIssuer; runJobs(): Promise<number> };

export async function createDisasterTestApp(): Promise<DisasterTestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: database.url, SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    BASE_URL: "http://localhost:3000", WORKERS: "false",
  });
  const issuer = new InMemoryAlertIssuer();
  const disaster = createDisasterModule({ issuer, env: {} });
  const modules = MODULES.map((module) => (module.name === "disaster" ? disaster : module));
  const app = await buildApp(config, database, { modules });
  await upsertDepartments({
    db: database.db,
    items: [
      { code: CRISIS_DEPARTMENT, name: { ja: "危機管理室", en: "Crisis Management Office" }, kind: "bureau" },
      { code: "ward-kita", name: { ja: "北区役所", en: "Kita Ward Office" }, kind: "ward" },
      { code: "welfare", name: { ja: "福祉局", en: "Welfare Bureau" }, kind: "bureau" },
    ],
  });
  return {
    ...app,
    database,
    issuer,
    async runJobs() {
      return runDueJobs(database.db, { [MAIL_TOPIC]: mailJobHandler(app.deps.mailer), ...disaster.jobs!(app.deps) });
    },
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}

/** Signed-in staff: 危機管理室 manager, 北区役所 manager, or a clerk of another bureau. */
export async function signedInStaff(app: TestApp, kind: "crisis" | "kita-manager" | "welfare-clerk"): Promise<{ id: string; browser: Browser }> {
  const roles = kind === "crisis" ? [{ departmentCode: CRISIS_DEPARTMENT, role: "manager" as const }]
    : kind === "kita-manager" ? [{ departmentCode: "ward-kita", role: "manager" as const }]
    : [{ departmentCode: "welfare", role: "clerk" as const }];
  const staff = await createStaff(app, { roles });
  return { id: staff.id, browser: await signInStaff(app, staff.email, staff.password) };
}
