/**
 * When to try a failed webhook delivery again. The schedule (IntegrationSettings.retrySchedule,
 * default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) gives the wait before each retry; each wait
 * is spread by ±20 % (jitter) so that deliveries that failed together (a receiver restarting) do
 * not all come back at the same second. After the last retry the delivery is dead.
 */

/** Attempts in all: the first one plus one per scheduled retry. */
export function maxAttempts(schedule: readonly number[]): number {
  return schedule.length + 1;
}

/**
 * Seconds to wait after `attemptsMade` failed attempts, or null when none is left (dead).
 *
 * @example retryDelaySeconds([5, 300], 1) // ≈ 5 (4 … 6)
 */
export function retryDelaySeconds(schedule: readonly number[], attemptsMade: number, random: () => number = Math.random): number | null {
  const base = schedule[attemptsMade - 1];
  if (base === undefined || attemptsMade < 1) return null;
  return base * (0.8 + 0.4 * random());
}
