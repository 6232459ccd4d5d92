/**
 * The builder module's public face: staff build procedures (form + metadata, review and
 * publication, versions), case apps (the back office of a procedure without code) and pages
 * (notices and information pages) in the browser. Other modules import from here only.
 *
 * Routes: /staff/builder… (routes/procedures.ts, preview.ts, case-app.ts, pages.ts), and on the
 * resident site /pages/:slug, /pages/images/:id, /notices.
 * Jobs: `builder.publish_due` (scheduled publications), queued every minute by the module's timer
 * (one job per minute slot across all instances, idempotency key).
 *
 * For the procedures module (staff inbox, case page, submission):
 *   caseAppFor(db, procedureId)            the procedure's case app, or null (then the statuses' own machine)
 *   effectiveStage / nextStages / planStageMove / allowsCorrection / dueAt / slaState   using it
 *   caseAssigneeFor(db, procedureId, answers)   the assignment rules' assignee for a new application
 * For the home page: noticesFor(request) — the newest published notices as HTML (empty when none).
 * For bench/builder.bench.ts: publishDefinitionForBench(db, { procedureId, definition }).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps, Module } from "../../core/app-deps.ts";
import type { Db } from "../../core/db/database.ts";
import { enqueue } from "../../core/jobs/outbox.ts";
import { html, type SafeHtml } from "../../core/ui/html.ts";
import { assigneeFor, type CaseAppConfig } from "./case-app/config.ts";
import { publishDueProcedures } from "./commands/publish-procedure.ts";
import { findCaseApp, latestNotices } from "./queries.ts";
import { registerCaseAppRoutes } from "./routes/case-app.ts";
import { registerPageRoutes } from "./routes/pages.ts";
import { registerPreviewRoutes } from "./routes/preview.ts";
import { registerProcedureRoutes } from "./routes/procedures.ts";
import { noticesList } from "./views/pages.ts";
import "./messages.ts";

/** Outbox topic: publish the scheduled working copies whose time has come. Payload: {}. */
export const PUBLISH_DUE_TOPIC = "builder.publish_due";
const SCHEDULER_SLOT_MS = 60_000;

/** The database of each app the module was registered on (for noticesFor on the home page). */
const databases = new WeakMap<FastifyInstance, Db>();

export const builderModule: Module = {
  name: "builder",
  routes(app, deps) {
    databases.set(app, deps.db);
    registerProcedureRoutes(app, deps);
    registerPreviewRoutes(app, deps);
    registerCaseAppRoutes(app, deps);
    registerPageRoutes(app, deps);
    startScheduler(app, deps);
  },
  jobs: (deps) => ({
    async [PUBLISH_DUE_TOPIC]() {
      await publishDueProcedures({ db: deps.db });
    },
  }),
};

/** Queues the scheduler's job once a minute (and at start), when this instance runs workers. */
function startScheduler(app: FastifyInstance, deps: AppDeps): void {
  if (!deps.config.workers) return;
  const tick = async () => {
    const slot = Math.floor(Date.now() / SCHEDULER_SLOT_MS);
    await enqueue(deps.db, PUBLISH_DUE_TOPIC, {}, `${PUBLISH_DUE_TOPIC}:${slot}`);
    deps.wakeWorker();
  };
  const timer = setInterval(() => void tick().catch((error) => app.log.warn({ err: error }, "scheduled publication not queued")), SCHEDULER_SLOT_MS);
  timer.unref();
  app.addHook("onReady", async () => void tick().catch(() => {}));
  app.addHook("onClose", async () => clearInterval(timer));
}

// ---------------------------------------------------------------------------------------------
// Case apps, for the staff back office

export type CaseApp = { procedureId: string; config: CaseAppConfig; revision: number };

/**
 * The procedure's case app, or null when it has none (then the statuses' own machine applies).
 *
 * @example const app = await caseAppFor(db, theCase.procedureId); const stage = app && effectiveStage(app.config, theCase.status, theCase.stage);
 */
export async function caseAppFor(db: Db, procedureId: string): Promise<CaseApp | null> {
  const row = await findCaseApp(db, procedureId);
  return row ? { procedureId: row.procedureId, config: row.config, revision: row.revision } : null;
}

/** The assignee the procedure's assignment rules give a new application, or null. */
export async function caseAssigneeFor(db: Db, procedureId: string, answers: Readonly<Record<string, unknown>>): Promise<string | null> {
  const app = await findCaseApp(db, procedureId);
  return app ? assigneeFor(app.config, answers) : null;
}

export {
  effectiveStage,
  nextStages,
  planStageMove,
  allowsCorrection,
  dueAt,
  slaState,
  defaultCaseApp,
  validateCaseApp,
  type CaseAppConfig,
  type CaseStage,
  type CaseColumn,
  type CaseFilterKind,
  type StageMove,
} from "./case-app/config.ts";

// ---------------------------------------------------------------------------------------------
// Pages, for the home page

/**
 * The newest published notices as a section for the home page (nothing when there are none).
 *
 * @example ${await noticesFor(request)}
 */
export async function noticesFor(request: FastifyRequest, limit = 5): Promise<SafeHtml> {
  const db = databases.get(request.server);
  if (!db) return html``;
  return noticesList(request.locale, await latestNotices(db, limit), { heading: true });
}

// ---------------------------------------------------------------------------------------------
// Benchmark and demo

export { publishDefinitionForBench, publishDueProcedures } from "./commands/publish-procedure.ts";
export { createProcedure, starterDefinition } from "./commands/create-procedure.ts";
export { seedBuilderDemo } from "./demo.ts";
