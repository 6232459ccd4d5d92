/**
 * The webhook delivery worker of one app instance: keeps up to `concurrency` deliveries in flight,
 * claiming more as each finishes (FOR UPDATE SKIP LOCKED, so any number of instances share the
 * work), looks for due deliveries every `pollMs`, and can be woken at once (the outbox job that
 * emitApplicationEvent queues does that right after a commit).
 *
 * Outcomes are recorded in batches (one UPDATE for up to 64 attempts, at most 5 ms later): a
 * claimed delivery stays leased until then, so no other worker takes it meanwhile, and a crash
 * before the write only means the delivery is sent again after its lease (at least once).
 */
import type { DeliverOptions } from "./deliver.ts";
import { attemptDelivery, leaseSeconds } from "./deliver.ts";
import { claimDueDeliveries, recordAttempts, type AttemptOutcome } from "../queries.ts";

const FLUSH_SIZE = 64;
const FLUSH_MS = 5;

export type DeliveryWorker = {
  /** Look for due deliveries now. */
  wake(): void;
  /** Stops claiming and waits for the deliveries in flight. */
  stop(): Promise<void>;
  /** Deliveries attempted since start. */
  readonly attempted: number;
};

export function startDeliveryWorker(options: DeliverOptions & { onError?: (error: unknown) => void }): DeliveryWorker {
  const { settings } = options;
  let stopped = false;
  let inFlight = 0;
  let attempted = 0;
  let pumping = false;
  let again = false;
  const running = new Set<Promise<void>>();
  const outcomes: AttemptOutcome[] = [];
  let flushing: Promise<void> | null = null;
  let flushTimer: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    while (flushing) await flushing;
    if (outcomes.length === 0) return;
    const batch = outcomes.splice(0, outcomes.length);
    flushing = recordAttempts(options.db, batch)
      .then(() => undefined, (error: unknown) => options.onError?.(error))
      .finally(() => {
        flushing = null;
      });
    await flushing;
  }

  function record(outcome: AttemptOutcome): void {
    outcomes.push(outcome);
    if (outcomes.length >= FLUSH_SIZE) void flush();
    else flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!stopped && inFlight < settings.concurrency) {
          const batch = await claimDueDeliveries(options.db, settings.concurrency - inFlight, leaseSeconds(settings));
          if (batch.length === 0) break;
          for (const delivery of batch) {
            inFlight++;
            const job: Promise<void> = attemptDelivery(delivery, options)
              .then(record, (error: unknown) => options.onError?.(error))
              .finally(() => {
                inFlight--;
                attempted++;
                running.delete(job);
                if (!stopped) kick();
              });
            running.add(job);
          }
        }
      } while (again && !stopped);
    } catch (error) {
      options.onError?.(error);
    } finally {
      pumping = false;
    }
  }

  function kick(): void {
    void pump();
  }

  const timer = setInterval(kick, settings.pollMs);
  timer.unref();
  kick();

  return {
    wake: kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running.size > 0) await Promise.allSettled([...running]);
      await flush();
    },
    get attempted() {
      return attempted;
    },
  };
}
