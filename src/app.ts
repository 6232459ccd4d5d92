/**
 * Composition root: builds config-driven dependencies, the HTTP server with every module's
 * routes, and the outbox worker. `main.ts` starts it; tests build it against a test database.
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps, Module } from "./core/app-deps.ts";
import type { Config } from "./core/config/config.ts";
import type { Database } from "./core/db/database.ts";
import { registerHealth } from "./core/http/health.ts";
import { postgresRateLimitStore } from "./core/http/rate-limit-store.ts";
import { createHttpServer } from "./core/http/server.ts";
import { startWorker, type JobHandler, type Worker } from "./core/jobs/outbox.ts";
import { createMailer, type Mailer } from "./core/mail/mailer.ts";
import { MAIL_TOPIC, mailJobHandler } from "./core/mail/queue.ts";
import { sessionResolver } from "./modules/identity/sessions.ts";
import { MODULES } from "./modules.ts";

export type App = { http: FastifyInstance; deps: AppDeps; worker: Worker | null; close(): Promise<void> };

export async function buildApp(config: Config, database: Database, options: { mailer?: Mailer; modules?: Module[] } = {}): Promise<App> {
  const http = await createHttpServer({
    sessionSecret: config.sessionSecret,
    baseUrl: config.baseUrl,
    logLevel: config.logLevel,
    maxUploadBytes: config.maxUploadBytes,
    resolveActor: sessionResolver(database.db),
    secureCookies: config.baseUrl.startsWith("https:"),
    rateLimitStore: postgresRateLimitStore(database.db),
  });
  const mailer = options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: (m) => http.log.info(m) });
  let worker: Worker | null = null;
  const deps: AppDeps = { config, database, db: database.db, mailer, wakeWorker: () => worker?.wake() };
  const modules = options.modules ?? MODULES;

  registerHealth(http, database);
  for (const module of modules) await module.routes?.(http, deps);

  const handlers: Record<string, JobHandler> = { [MAIL_TOPIC]: mailJobHandler(mailer) };
  for (const module of modules) Object.assign(handlers, module.jobs?.(deps));
  if (config.workers) {
    worker = startWorker(database.db, handlers, {
      onError: (error, job) => http.log.warn({ err: error, job }, "job failed; will retry"),
    });
  }
  await http.ready();
  return {
    http,
    deps,
    worker,
    async close() {
      await worker?.stop();
      await http.close();
    },
  };
}
