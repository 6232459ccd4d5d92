/** What the composition root hands to every module. */
import type { FastifyInstance } from "fastify";
import type { Config } from "./config/config.ts";
import type { Database, Db } from "./db/database.ts";
import type { JobHandler } from "./jobs/outbox.ts";
import type { Mailer } from "./mail/mailer.ts";

export type AppDeps = {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  /** Ask the outbox worker to look for new jobs now (after a commit that queued one). */
  wakeWorker: () => void;
};

export type Module = {
  name: string;
  /** Registers the module's routes. */
  routes?: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
  /** Background job handlers by topic. */
  jobs?: (deps: AppDeps) => Record<string, JobHandler>;
};
