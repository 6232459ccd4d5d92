/**
 * Test helpers of the payments module: a test app with the demo catalogue and the demo fee
 * timings, whose payments module uses the sandbox and (optionally) Stripe against the local
 * fake; a way to run the module's jobs as the outbox worker would; and a resident who submits
 * 住民票の写し for 2 copies (600円) up to the payment page.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../../core/config/config.ts";
import { queryRows } from "../../core/db/database.ts";
import { runDueJobs } from "../../core/jobs/outbox.ts";
import { MAIL_TOPIC, mailJobHandler } from "../../core/mail/queue.ts";
import { seedDemo } from "../../demo/seed.ts";
import { MODULES } from "../../modules.ts";
import type { TestApp } from "../../testing/app.ts";
import { createTestDatabase } from "../../testing/database.ts";
import { signUpResident, type SignedInResident } from "../identity/testing.ts";
import { fillResidenceAsSelf, location, startResidence } from "../procedures/testing.ts";
import { seedPaymentsDemo } from "./index.ts";
import { createPaymentsModule } from "./module.ts";
import type { StripeFake } from "./providers/stripe-fake.ts";

export type PaymentsTestApp = TestApp & { runJobs(): Promise<number> };

export const TEST_SESSION_SECRET = "test-secret-test-secret-test-secret-0123";

/** A test app (own database) with the demo catalogue, accounts and fee timings. */
export async function createPaymentsTestApp(options: { stripe?: StripeFake; sandbox?: boolean } = {}): Promise<PaymentsTestApp> {
  const database = await createTestDatabase();
  await seedDemo(database.db, { cases: false, generatedProcedures: false, assurance: false });
  await seedPaymentsDemo(database.db);
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: database.url, SESSION_SECRET: TEST_SESSION_SECRET, BASE_URL: "http://localhost:3000", WORKERS: "false" });
  const env: Record<string, string> = { PAYMENTS_SANDBOX: options.sandbox === false ? "false" : "true", ...(options.stripe ? options.stripe.env() : {}) };
  const payments = createPaymentsModule({ env });
  const modules = MODULES.map((module) => (module.name === "payments" ? payments : module));
  const app = await buildApp(config, database, { modules });
  return {
    ...app,
    database,
    async runJobs() {
      return runDueJobs(database.db, { [MAIL_TOPIC]: mailJobHandler(app.deps.mailer), ...payments.jobs!(app.deps) });
    },
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}

/** Submits 住民票の写し (2 copies) as the resident; answers with the ids and the page it led to. */
export async function submitResidenceWithFee(resident: SignedInResident): Promise<{ applicationId: string; paymentId: string; next: string }> {
  const draftId = await startResidence(resident);
  await fillResidenceAsSelf(resident.browser, draftId);
  await resident.browser.get(`/drafts/${draftId}/check`);
  const submitted = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
  const next = location(submitted);
  const match = /^\/payments\/([0-9a-f-]{36})\?submitted=1$/.exec(next);
  assert.ok(match, `submit led to ${next}`);
  const [row] = await queryRows<{ applicationId: string }>(resident.browser.app.deps.db, sql`SELECT application_id AS "applicationId" FROM payments WHERE id = ${match[1]!}::uuid`);
  return { applicationId: row!.applicationId, paymentId: match[1]!, next };
}

/** A new resident with a submitted 住民票 (600円 due). */
export async function residentWithFee(app: TestApp): Promise<{ resident: SignedInResident; applicationId: string; paymentId: string }> {
  const resident = await signUpResident(app);
  const { applicationId, paymentId } = await submitResidenceWithFee(resident);
  return { resident, applicationId, paymentId };
}

export async function count(app: TestApp, table: string, where = sql`true`): Promise<number> {
  const [row] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`);
  return row!.n;
}

export async function paymentRow(app: TestApp, paymentId: string): Promise<{ status: string; amountYen: number; receiptNumber: string | null; refundedYen: number; attemptCount: number }> {
  const [row] = await queryRows<{ status: string; amountYen: number; receiptNumber: string | null; refundedYen: number; attemptCount: number }>(
    app.deps.db,
    sql`SELECT status, amount_yen AS "amountYen", receipt_number AS "receiptNumber", refunded_yen AS "refundedYen", attempt_count AS "attemptCount" FROM payments WHERE id = ${paymentId}::uuid`,
  );
  return row!;
}
