/**
 * Transactional outbox and job queue in PostgreSQL. A side effect (an e-mail, a webhook) is
 * written in the same transaction as the change that causes it, then delivered at least once
 * by a worker; the idempotency key makes a second write of the same effect a no-op.
 * Workers on any number of instances share the queue with FOR UPDATE SKIP LOCKED.
 */
import { sql } from "drizzle-orm";
import { bigserial, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Db } from "../db/database.ts";
import { runStatement, statement } from "../db/statements.ts";

export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  topic: text("topic").notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  idempotencyKey: text("idempotency_key").unique(),
  status: text("status").$type<"pending" | "done" | "dead">().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
  lastError: text("last_error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  doneAt: timestamp("done_at", { withTimezone: true }),
});

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

// The worker runs these for every job (a receipt e-mail per submission): prepared once per connection.
const CLAIM = statement(
  "outbox.claim",
  `UPDATE outbox SET run_at = now() + make_interval(secs => $1)
    WHERE id = (
      SELECT id FROM outbox
      WHERE status = 'pending' AND run_at <= now()
      ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, topic, payload, attempts`,
);
const MARK_DONE = statement("outbox.mark_done", "UPDATE outbox SET status = 'done', attempts = attempts + 1, done_at = now() WHERE id = $1");

const MAX_ATTEMPTS = 8;
/** How long a claimed job is hidden from other workers while its handler runs. */
const LEASE_SECONDS = 300;

/** Queues a job in the caller's transaction. */
// Every submission queues its receipt here: a prepared statement, not a query builder chain.
const ENQUEUE = statement(
  "outbox.enqueue",
  "INSERT INTO outbox (topic, payload, idempotency_key) VALUES ($1, $2::jsonb, $3) ON CONFLICT (idempotency_key) DO NOTHING",
);

export async function enqueue(tx: Db, topic: string, payload: Record<string, unknown>, idempotencyKey?: string): Promise<void> {
  await runStatement(tx, ENQUEUE, [topic, JSON.stringify(payload), idempotencyKey ?? null]);
}

/** Seconds to wait before attempt n+1: 2, 4, 8 … capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** attempts);
}

export type Worker = { stop(): Promise<void>; wake(): void };

type WorkerOptions = { intervalMs?: number; onError?: (error: unknown, job: { id: number; topic: string }) => void };

/**
 * Runs every due job once, in this call, without a timer: for tests and one-shot CLI runs, where a
 * background poll would race the caller for the same jobs.
 */
export function runDueJobs(db: Db, handlers: Record<string, JobHandler>, options: WorkerOptions = {}): Promise<number> {
  return createRunner(db, handlers, options, () => false)();
}

function createRunner(db: Db, handlers: Record<string, JobHandler>, options: WorkerOptions, isStopped: () => boolean): () => Promise<number> {
  type ClaimedJob = { id: number | string; topic: string; payload: Record<string, unknown>; attempts: number };

  /**
   * Claims one due job with a lease: one statement moves its run_at past the lease, so other
   * workers skip it while this one runs the handler OUTSIDE any transaction (the embedded database
   * has a single connection, and handlers use it too). If this process dies mid-job, the lease
   * expires and the job runs again: at least once, deduplicated by the handlers' idempotency keys.
   * (One UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) instead of BEGIN, SELECT, UPDATE,
   * COMMIT: the same lock and lease in one round trip.)
   */
  async function claim(): Promise<ClaimedJob | undefined> {
    const [job] = await runStatement<ClaimedJob>(db, CLAIM, [LEASE_SECONDS]);
    return job;
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const id = Number(job.id);
    const handler = handlers[job.topic];
    try {
      if (!handler) throw new Error(`No handler for topic ${job.topic}`);
      await handler(job.payload);
      await runStatement(db, MARK_DONE, [id]);
    } catch (error) {
      options.onError?.(error, { id, topic: job.topic });
      const attempts = job.attempts + 1;
      const status = attempts >= MAX_ATTEMPTS ? "dead" : "pending";
      const message = error instanceof Error ? error.message : String(error);
      await db.execute(sql`
        UPDATE outbox SET status = ${status}, attempts = ${attempts}, last_error = ${message.slice(0, 1000)},
          run_at = now() + make_interval(secs => ${backoffSeconds(attempts)})
        WHERE id = ${id}`);
    }
    return true;
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (!isStopped() && (await runOne())) count++;
    return count;
  }

  return drain;
}

/**
 * Polls every intervalMs and drains at once on wake(). A wake-up while draining starts another
 * drain beside it (a slow handler, e.g. an SMTP send, does not hold up the others) up to
 * `parallel` drains; beyond that it is remembered and served when a drain ends. Only one poll
 * timer exists at a time, however often wake() is called.
 */
export function startWorker(db: Db, handlers: Record<string, JobHandler>, options: WorkerOptions & { parallel?: number } = {}): Worker {
  const parallel = options.parallel ?? 4;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wokenWhileFull = false;
  const running = new Set<Promise<unknown>>();
  const drain = createRunner(db, handlers, options, () => stopped);

  function startDrain(): void {
    const run: Promise<unknown> = drain()
      .catch((error) => options.onError?.(error, { id: 0, topic: "(poll)" }))
      .finally(() => {
        running.delete(run);
        if (stopped) return;
        if (wokenWhileFull) {
          wokenWhileFull = false;
          startDrain();
        } else if (running.size === 0) {
          schedulePoll(options.intervalMs ?? 1000);
        }
      });
    running.add(run);
  }

  function schedulePoll(delay: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped && running.size === 0) startDrain();
    }, delay);
  }
  schedulePoll(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(running);
    },
    wake() {
      if (stopped) return;
      if (running.size >= parallel) {
        wokenWhileFull = true;
        return;
      }
      clearTimeout(timer);
      timer = undefined;
      startDrain();
    },
  };
}
