/**
 * A token bucket: `rate` tokens a second, at most `burst` saved up. `take(n)` waits until n
 * tokens are there (waiters are served in order), `pauseFor(ms)` empties the bucket and stops
 * refilling for a while — what a provider's 429 with Retry-After asks for.
 *
 * One bucket per channel per process. With several app instances sending, give each instance
 * its share of the provider's limit (NOTIFY_SENDER_INSTANCES, see config.ts).
 */
export class TokenBucket {
  readonly rate: number;
  readonly burst: number;
  #tokens: number;
  #last: number;
  #pausedUntil = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(rate: number, burst: number = Math.max(1, rate / 10)) {
    if (!(rate > 0)) throw new Error("A token bucket needs a positive rate");
    this.rate = rate;
    this.burst = Math.max(1, burst);
    this.#tokens = this.burst;
    this.#last = performance.now();
  }

  #refill(now: number): void {
    if (now < this.#pausedUntil) {
      this.#last = now;
      return;
    }
    const from = Math.max(this.#last, this.#pausedUntil);
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - from) / 1000) * this.rate);
    this.#last = now;
  }

  /** Waits until `n` tokens are available and takes them. */
  take(n = 1): Promise<void> {
    const turn = this.#queue.then(() => this.#takeNow(n));
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #takeNow(n: number): Promise<void> {
    const need = Math.min(n, this.burst);
    for (;;) {
      const now = performance.now();
      this.#refill(now);
      if (now >= this.#pausedUntil && this.#tokens >= need) {
        // A request bigger than the burst borrows: the bucket goes negative and later takes wait longer.
        this.#tokens -= n;
        return;
      }
      const waitPause = Math.max(0, this.#pausedUntil - now);
      const waitTokens = ((need - this.#tokens) / this.rate) * 1000;
      await sleep(Math.max(1, waitPause, waitTokens));
    }
  }

  /** Gives back tokens taken for work that did not happen. */
  refund(n: number): void {
    this.#tokens = Math.min(this.burst, this.#tokens + n);
  }

  /** No tokens for `ms` milliseconds (a 429's Retry-After), and an empty bucket after that. */
  pauseFor(ms: number): void {
    const until = performance.now() + ms;
    if (until > this.#pausedUntil) this.#pausedUntil = until;
    this.#tokens = 0;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
