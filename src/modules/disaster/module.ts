/**
 * The disaster module's Module: routes, the job handlers (`disaster.issue_alert`, `disaster.poll_jma`)
 * and the JMA poll timer. The AlertIssuer is injected (createDisasterModule({ issuer })), so tests and
 * other deployments can hand alerts to something else than the default.
 *
 * Configuration (environment, read once at start):
 *   JMA_FEED_URLS     comma-separated Atom feed URLs (e.g. https://www.data.jma.go.jp/developer/xml/feed/extra.xml,
 *                     …/eqvol.xml, …/regular.xml). Unset: no polling.
 *   JMA_POLL_SECONDS  seconds between polls (default 60, at least 15).
 * Each poll is a job with an idempotency key per time slot, so with several instances running the
 * timer, one poll runs per slot.
 */
import type { AppDeps, Module } from "../../core/app-deps.ts";
import { enqueue } from "../../core/jobs/outbox.ts";
import type { AlertIssuer } from "./alerts/alert-issuer.ts";
import { defaultAlertIssuer } from "./alerts/default-issuer.ts";
import { ISSUE_ALERT_TOPIC } from "./commands/confirm-alert.ts";
import { deliverAlert } from "./commands/deliver-alert.ts";
import { pollJmaFeeds } from "./commands/poll-jma-feeds.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerFieldRoutes } from "./routes/field.ts";
import { registerPublicRoutes } from "./routes/public.ts";
import { registerStaffRoutes } from "./routes/staff.ts";
import "./messages.ts";

export const POLL_JMA_TOPIC = "disaster.poll_jma";

export type JmaPollConfig = { feedUrls: string[]; intervalSeconds: number; problems: string[] };

export function jmaPollConfig(env: Record<string, string | undefined> = process.env): JmaPollConfig {
  const problems: string[] = [];
  const feedUrls = (env.JMA_FEED_URLS ?? "").split(",").map((s) => s.trim()).filter(Boolean).filter((url) => {
    try {
      const ok = ["http:", "https:"].includes(new URL(url).protocol);
      if (!ok) problems.push(`JMA_FEED_URLS: ${url} is not an http(s) URL`);
      return ok;
    } catch {
      problems.push(`JMA_FEED_URLS: "${url}" is not a URL`);
      return false;
    }
  });
  const raw = env.JMA_POLL_SECONDS;
  let intervalSeconds = 60;
  if (raw) {
    if (/^\d+$/.test(raw) && Number(raw) >= 15 && Number(raw) <= 3600) intervalSeconds = Number(raw);
    else problems.push(`JMA_POLL_SECONDS must be a whole number from 15 to 3600; got "${raw}"`);
  }
  return { feedUrls, intervalSeconds, problems };
}

export type DisasterModuleOptions = {
  /** Where issued alerts go; default: notify when wired, else the logging in-memory issuer. */
  issuer?: AlertIssuer;
  env?: Record<string, string | undefined>;
};

export function createDisasterModule(options: DisasterModuleOptions = {}): Module {
  const poll = jmaPollConfig(options.env ?? process.env);
  let issuer: AlertIssuer | undefined = options.issuer;
  const issuerFor = (deps: AppDeps) => (issuer ??= defaultAlertIssuer(deps));
  return {
    name: "disaster",
    async routes(app, deps) {
      await registerPublicRoutes(app, deps);
      registerStaffRoutes(app, deps);
      registerFieldRoutes(app, deps);
      await registerApiRoutes(app, deps);
      for (const problem of poll.problems) app.log.warn(problem);
      if (deps.config.workers && poll.feedUrls.length > 0) {
        const slotMs = poll.intervalSeconds * 1000;
        const tick = async () => {
          const slot = Math.floor(Date.now() / slotMs);
          await enqueue(deps.db, POLL_JMA_TOPIC, {}, `${POLL_JMA_TOPIC}:${slot}`);
          deps.wakeWorker();
        };
        const timer = setInterval(() => void tick().catch((error) => app.log.warn({ err: error }, "JMA poll not queued")), slotMs);
        timer.unref();
        app.addHook("onReady", async () => void tick().catch(() => {}));
        app.addHook("onClose", async () => clearInterval(timer));
      }
    },
    jobs(deps) {
      return {
        [ISSUE_ALERT_TOPIC]: (payload) => deliverAlert({ db: deps.db, issuer: issuerFor(deps), payload }),
        [POLL_JMA_TOPIC]: async () => {
          await pollJmaFeeds({
            db: deps.db,
            feedUrls: poll.feedUrls,
            log: { info: (fields, message) => console.log(JSON.stringify({ level: "info", module: "disaster", msg: message, ...fields })), warn: (fields, message) => console.warn(JSON.stringify({ level: "warn", module: "disaster", msg: message, ...fields })) },
          });
          deps.wakeWorker();
        },
      };
    },
  };
}

export const disasterModule: Module = createDisasterModule();
