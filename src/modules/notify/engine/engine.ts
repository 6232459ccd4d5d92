/**
 * The delivery engine of one process: fans out open alerts, and for every recipient channel runs
 * a few "lanes" that claim a batch (one alert, channel and language), render the message once per
 * alert and language, hand the batch to the channel adapter (which keeps to its provider's rate
 * limit) and record the outcome. A sweeper takes over batches whose lease ran out — a crashed
 * process's, or a LINE request waiting to be retried with its retry key — and sends them again
 * unchanged. Broadcast channels (X posts) run in a small loop of their own.
 *
 * Any number of processes may run an engine on the same database: claims use FOR UPDATE SKIP
 * LOCKED and fan-out pages lock the alert row. Give each process its share of the rate limits.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import type { AlertAreas } from "../areas/geo.ts";
import type { AlertMessage, BatchOutcome, ChannelAdapter, RecipientChannel } from "../channels/types.ts";
import type { XAdapter } from "../channels/x.ts";
import type { AlertLanguage } from "../languages.ts";
import type { Links } from "../links.ts";
import { renderAlert, type TemplateParams } from "../templates/render.ts";
import { backoffMs } from "./backoff.ts";
import { sendDueBroadcasts } from "./broadcasts.ts";
import { fanOutPage } from "./fanout.ts";
import { analyzeDeliveries, claimBatch, completeIfDone, expiredBatches, markFirstSent, openAlerts, queuedLanguages, reclaimBatch, recordResults, renewLeases, type ClaimedBatch, type OpenAlertRow, type Result } from "./queue.ts";
import { sleep } from "./token-bucket.ts";

export type NotifyEngineOptions = {
  db: Db;
  adapters: ChannelAdapter[];
  x?: XAdapter;
  links: Links;
  /** How long a claimed batch is ours before another process may take it over (default 30 s). */
  leaseMs?: number;
  /** Subscriptions per fan-out page (default 10,000). */
  fanoutPageSize?: number;
  /** How often to look for new alerts and work (default 250 ms). */
  pollMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  /** Delay before a retry (default: exponential backoff from 2 s, engine/backoff.ts). */
  backoff?: (attempt: number, retryAfterMs?: number) => number;
};

export type NotifyEngine = {
  stop(): Promise<void>;
  /** Look for work now. */
  wake(): void;
  /** Resolves when no alert is open any more (tests, benchmark). */
  whenIdle(timeoutMs?: number): Promise<void>;
};

type Group = { alertId: string; language: AlertLanguage };

/** An error for the log: the database's own message, never the query's parameters (addresses). */
function describe(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
  if (cause?.message) return `${cause.code ?? ""} ${cause.message}`.trim();
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);
}

/** How often accepted messages of a batch in progress are recorded (ms). */
const FLUSH_MS = 20;

export function startNotifyEngine(options: NotifyEngineOptions): NotifyEngine {
  const { db, links } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 250;
  const pageSize = options.fanoutPageSize ?? 10_000;
  const log = options.log ?? (() => {});
  const backoff = options.backoff ?? ((attempt: number, retryAfterMs?: number) => backoffMs(attempt, retryAfterMs));
  let stopped = false;
  let alerts = new Map<string, OpenAlertRow>();
  const groups = new Map<RecipientChannel, Group[]>();
  const reclaims = new Map<RecipientChannel, Array<{ batchId: string; alertId: string; language: AlertLanguage }>>();
  const fanouts = new Set<string>();
  const messages = new Map<string, AlertMessage>();
  const waiters = new Set<() => void>();
  const tasks: Promise<void>[] = [];
  let lastSweep = 0;
  let lastRenewal = 0;
  /** Batches this process is sending now: their leases are renewed while they last. */
  const inFlight = new Set<string>();
  const firstSentMarked = new Set<string>();
  async function record(batch: ClaimedBatch, results: Result[], cancel: string[] = []): Promise<void> {
    const { sent } = await recordResults(db, batch, results, cancel);
    if (sent > 0 && !firstSentMarked.has(batch.alertId)) {
      firstSentMarked.add(batch.alertId);
      await markFirstSent(db, batch.alertId);
    }
  }
  let lastCompletion = 0;

  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });

  function messageFor(alert: OpenAlertRow, language: AlertLanguage): AlertMessage {
    const key = `${alert.id}|${language}`;
    let message = messages.get(key);
    if (!message) {
      const areas = alert.areas as AlertAreas;
      const text = renderAlert({ templateKey: alert.template_key, language, params: alert.params as TemplateParams, wards: areas.wards ?? [], issuedAt: alert.issued_at });
      message = { alertId: alert.id, language, title: text.title, body: text.body, url: links.alertUrl(alert.id, language), issuedAt: alert.issued_at, severity: alert.severity };
      messages.set(key, message);
    }
    return message;
  }

  async function runFanOut(alertId: string): Promise<void> {
    fanouts.add(alertId);
    try {
      let pages = 0;
      for (;;) {
        if (stopped) return;
        const step = await fanOutPage(db, alertId, pageSize);
        // Fresh statistics once the alert's first deliveries exist and again at the end: without
        // them PostgreSQL takes a new alert for a handful of rows and scans where it should look up.
        if ((step.state === "page" && ++pages === 1) || step.state === "done") await analyzeDeliveries(db);
        if (step.state !== "page") return;
        wakeAll();
      }
    } catch (error) {
      log("notify fan-out page failed; will resume from the checkpoint", { alertId, error: describe(error) });
    } finally {
      fanouts.delete(alertId);
    }
  }

  async function refresh(): Promise<void> {
    const rows = await openAlerts(db);
    alerts = new Map(rows.map((row) => [row.id, row]));
    for (const key of [...messages.keys()]) if (!alerts.has(key.split("|")[0]!)) messages.delete(key);
    for (const row of rows) if (row.status === "fanning_out" && !fanouts.has(row.id)) void runFanOut(row.id);
    for (const adapter of options.adapters) {
      const list: Group[] = [];
      for (const row of rows) {
        if (!row.channels.includes(adapter.channel)) continue;
        for (const language of await queuedLanguages(db, row.id, adapter.channel)) list.push({ alertId: row.id, language });
      }
      groups.set(adapter.channel, list);
    }
    const now = Date.now();
    if (now - lastRenewal >= leaseMs / 3) {
      lastRenewal = now;
      await renewLeases(db, [...inFlight], leaseMs);
    }
    if (now - lastSweep >= Math.min(leaseMs / 4, 2000)) {
      lastSweep = now;
      for (const batch of await expiredBatches(db, 200)) {
        if (inFlight.has(batch.batchId)) continue;
        const queue = reclaims.get(batch.channel) ?? [];
        if (!queue.some((b) => b.batchId === batch.batchId)) queue.push(batch);
        reclaims.set(batch.channel, queue);
      }
    }
    if (now - lastCompletion >= 1000) {
      lastCompletion = now;
      for (const row of rows) {
        if (row.status === "sending" && (await completeIfDone(db, row.id, { waitForPosts: options.x !== undefined }))) log("notify alert complete", { alertId: row.id });
      }
    }
    if (rows.length > 0) wakeAll();
  }

  function toResults(batch: ClaimedBatch, outcome: BatchOutcome, skipped: string[]): { results: Result[]; cancel: string[] } {
    const ids = batch.recipients.filter((r) => r.active).map((r) => r.subscriptionId);
    const results: Result[] = [];
    if (skipped.length > 0) results.push({ kind: "failed", ids: skipped, error: skipped.map(() => "unsubscribed before sending") });
    const cancel: string[] = [];
    if (outcome.kind === "all-sent") results.push({ kind: "sent", ids, providerMessageIds: ids.map(() => outcome.providerMessageId ?? null) });
    else if (outcome.kind === "all-failed") results.push({ kind: "failed", ids, error: ids.map(() => outcome.error) });
    else if (outcome.kind === "retry-batch") results.push({ kind: "retry-batch", ids, error: outcome.error, afterMs: backoff(batch.attempt, outcome.retryAfterMs) });
    else {
      const sent: string[] = [];
      const sentIds: Array<string | null> = [];
      const retry: string[] = [];
      const retryAfter: number[] = [];
      let retryError = "";
      const failed: string[] = [];
      const failedErrors: string[] = [];
      outcome.outcomes.forEach((o, i) => {
        const id = ids[i]!;
        if (o.kind === "sent") {
          sent.push(id);
          sentIds.push(o.providerMessageId ?? null);
        } else if (o.kind === "retry") {
          retry.push(id);
          retryAfter.push(backoff(batch.attempt, o.retryAfterMs));
          retryError ||= o.error;
        } else {
          failed.push(id);
          failedErrors.push(o.error);
          if (o.kind === "gone") cancel.push(id);
        }
      });
      results.push({ kind: "sent", ids: sent, providerMessageIds: sentIds });
      if (retry.length > 0) results.push({ kind: "retry", ids: retry, error: retryError, afterMs: retryAfter });
      if (failed.length > 0) results.push({ kind: "failed", ids: failed, error: failedErrors });
    }
    return { results, cancel };
  }

  async function sendBatch(adapter: ChannelAdapter, batch: ClaimedBatch): Promise<void> {
    inFlight.add(batch.batchId);
    try {
      await sendClaimed(adapter, batch);
    } finally {
      inFlight.delete(batch.batchId);
    }
  }

  async function sendClaimed(adapter: ChannelAdapter, batch: ClaimedBatch): Promise<void> {
    let alert = alerts.get(batch.alertId);
    if (!alert) {
      await refresh();
      alert = alerts.get(batch.alertId);
    }
    const skipped = batch.recipients.filter((r) => !r.active).map((r) => r.subscriptionId);
    const active = batch.recipients.filter((r) => r.active);
    let outcome: BatchOutcome;
    if (!alert) outcome = { kind: "retry-batch", error: "alert not loaded" };
    else if (active.length === 0) outcome = { kind: "each", outcomes: [] };
    else {
      // Per-recipient channels: record each accepted message within FLUSH_MS, not at the end of the batch.
      let pending: Array<{ id: string; pm: string | null }> = [];
      let flushing: Promise<void> = Promise.resolve();
      const flush = () => {
        if (pending.length === 0) return;
        const items = pending;
        pending = [];
        flushing = flushing
          .then(() => record(batch, [{ kind: "sent", ids: items.map((x) => x.id), providerMessageIds: items.map((x) => x.pm) }]))
          .catch((error: unknown) => log("notify progress record failed (the batch end records it)", { error: describe(error) }));
      };
      const timer = adapter.retriesWholeBatch ? undefined : setInterval(flush, FLUSH_MS);
      try {
        outcome = await adapter.send({
          batchId: batch.batchId,
          message: messageFor(alert, batch.language),
          recipients: active,
          attempt: batch.attempt,
          ...(adapter.retriesWholeBatch ? {} : { onSent: (i: number, pm?: string) => void pending.push({ id: active[i]!.subscriptionId, pm: pm ?? null }) }),
        });
      } catch (error) {
        const text = `adapter error: ${error instanceof Error ? error.message : String(error)}`;
        outcome = adapter.retriesWholeBatch ? { kind: "retry-batch", error: text } : { kind: "each", outcomes: active.map(() => ({ kind: "retry", error: text })) };
      } finally {
        clearInterval(timer);
        flush();
        await flushing;
      }
    }
    const { results, cancel } = toResults(batch, outcome, skipped);
    // Rows recorded already are no longer 'sending' under this batch: recording them again changes nothing.
    await record(batch, results, cancel);
  }

  async function lane(adapter: ChannelAdapter, index: number): Promise<void> {
    let turn = index;
    while (!stopped) {
      try {
        const reclaim = reclaims.get(adapter.channel)?.shift();
        if (reclaim) {
          const batch = await reclaimBatch(db, { ...reclaim, channel: adapter.channel, leaseMs });
          if (batch) await sendBatch(adapter, batch);
          continue;
        }
        const list = groups.get(adapter.channel) ?? [];
        if (list.length === 0) {
          await nap(pollMs);
          continue;
        }
        const group = list[turn++ % list.length]!;
        const batch = await claimBatch(db, { ...group, channel: adapter.channel, limit: adapter.batchSize, batchId: randomUUID(), leaseMs });
        if (!batch) {
          // Nothing due in this group now; drop it until the next refresh finds it again.
          const at = list.indexOf(group);
          if (at >= 0) list.splice(at, 1);
          continue;
        }
        await sendBatch(adapter, batch);
      } catch (error) {
        log("notify lane error; retrying", { channel: adapter.channel, error: describe(error) });
        await nap(1000);
      }
    }
  }

  async function control(): Promise<void> {
    while (!stopped) {
      try {
        await refresh();
        if (options.x) await sendDueBroadcasts(db, options.x, links, leaseMs);
      } catch (error) {
        log("notify refresh failed", { error: describe(error) });
      }
      await sleep(pollMs);
    }
  }

  tasks.push(control());
  for (const adapter of options.adapters) for (let i = 0; i < adapter.concurrency; i++) tasks.push(lane(adapter, i));

  return {
    async stop() {
      stopped = true;
      wakeAll();
      await Promise.allSettled(tasks);
      // Fan-out pages in flight finish their own transaction.
      while (fanouts.size > 0) await sleep(20);
      for (const adapter of options.adapters) await adapter.close?.();
    },
    wake: wakeAll,
    async whenIdle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rows = await openAlerts(db);
        if (rows.length === 0) return;
        if (Date.now() > deadline) throw new Error(`notify engine still busy after ${timeoutMs} ms (${rows.length} open alerts)`);
        await sleep(100);
      }
    },
  };
}

