/**
 * A store for @fastify/rate-limit in PostgreSQL (and PGlite): one fixed window per key, counted by
 * one UPSERT, so every server process (node:cluster workers, several machines) counts against the
 * same limit — with the plugin's in-memory store each process kept its own, which multiplied every
 * limit by the number of processes. Keys are stored as SHA-256 hashes: no IP address or e-mail
 * address lands in the table. Expired windows are deleted now and then by the store itself.
 *
 * Implements the plugin's documented custom-store contract: incr, read (for `increment: false`)
 * and child (one key space per route). The plugin's continueExceeding / exponentialBackoff options
 * are not supported (Machi does not use them).
 */
import { createHash } from "node:crypto";
import type { FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../db/database.ts";

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;
type RouteOptions = { routeInfo?: { method?: string | string[]; url?: string } };

/** Every this many increments, windows that ended more than an hour ago are deleted. */
const SWEEP_EVERY = 500;

export function postgresRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let increments = 0;
  const hash = (key: string) => createHash("sha256").update(key).digest("base64url");

  async function sweep(): Promise<void> {
    await db.execute(sql`DELETE FROM rate_limit_counters WHERE reset_at < now() - interval '1 hour'`);
  }

  return class PostgresRateLimitStore {
    readonly prefix: string;

    constructor(_globalOptions?: unknown, prefix = "") {
      this.prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      if (++increments % SWEEP_EVERY === 0) void sweep().catch(() => {});
      queryRows<{ hits: number; ttl: number }>(db, sql`
        INSERT INTO rate_limit_counters (key, hits, reset_at) VALUES (${hash(this.prefix + key)}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN rate_limit_counters.reset_at <= now() THEN 1 ELSE rate_limit_counters.hits + 1 END,
          reset_at = CASE WHEN rate_limit_counters.reset_at <= now() THEN excluded.reset_at ELSE rate_limit_counters.reset_at END
        RETURNING hits, ceil(extract(epoch FROM reset_at - now()) * 1000)::float8 AS ttl`)
        .then(([row]) => callback(null, { current: row!.hits, ttl: Math.max(0, row!.ttl) }))
        .catch((error: Error) => callback(error));
    }

    /** The window's state without counting (the plugin's `{ increment: false }`). */
    read(key: string, callback: Callback): void {
      queryRows<{ hits: number; ttl: number }>(db, sql`
        SELECT hits, ceil(extract(epoch FROM reset_at - now()) * 1000)::float8 AS ttl
        FROM rate_limit_counters WHERE key = ${hash(this.prefix + key)} AND reset_at > now()`)
        .then(([row]) => callback(null, row ? { current: row.hits, ttl: Math.max(0, row.ttl) } : { current: 0, ttl: 0 }))
        .catch((error: Error) => callback(error));
    }

    // At run time the plugin passes its merged route parameters with `routeInfo` (its typings say otherwise).
    child(routeOptions: object): PostgresRateLimitStore {
      const { routeInfo } = routeOptions as RouteOptions;
      const route = routeInfo?.method ? `${String(routeInfo.method)} ${routeInfo.url}|` : "";
      return new PostgresRateLimitStore(undefined, this.prefix + route);
    }
  };
}
