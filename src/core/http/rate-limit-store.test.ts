import { test } from "node:test";
import assert from "node:assert/strict";
import Fastify, { type FastifyInstance } from "fastify";
import rateLimit from "@fastify/rate-limit";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/database.ts";
import { bothDrivers } from "../../testing/drivers.ts";
import { postgresRateLimitStore } from "./rate-limit-store.ts";

const DRIVERS = bothDrivers();

/** A server process as Machi registers the plugin: limits per route, counters in the database. */
async function serverProcess(database: Database): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(database.db) });
  app.post("/sign-in", { config: { rateLimit: { max: 3, timeWindow: 400 } } }, async () => ({ ok: true }));
  app.post("/other", { config: { rateLimit: { max: 3, timeWindow: 60_000 } } }, async () => ({ ok: true }));
  const perAddress = app.createRateLimit({ max: 2, timeWindow: 60_000, keyGenerator: () => "address:hash-of-hanako" });
  app.post("/link", async (request) => {
    await perAddress(request, { increment: false });
    const counted = await perAddress(request);
    return { exceeded: !counted.isAllowed && counted.isExceeded };
  });
  await app.ready();
  return app;
}

for (const [name, get] of DRIVERS) {
  test(`${name}: two server processes count against one limit per route, and a new window starts afresh`, async () => {
    const database = get();
    const [a, b] = [await serverProcess(database), await serverProcess(database)];
    try {
      const statuses: number[] = [];
      for (const app of [a, b, a, b]) statuses.push((await app.inject({ method: "POST", url: "/sign-in" })).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 429], "the 4th request is refused, whichever process gets it");
      const refused = await a.inject({ method: "POST", url: "/sign-in" });
      assert.equal(refused.statusCode, 429);
      assert.ok(Number(refused.headers["retry-after"]) >= 0);
      assert.equal((await b.inject({ method: "POST", url: "/other" })).statusCode, 200, "another route has its own count");
      await new Promise((resolve) => setTimeout(resolve, 450));
      assert.equal((await b.inject({ method: "POST", url: "/sign-in" })).statusCode, 200, "the window ended");

      const keys = await queryRows<{ key: string }>(database.db, sql`SELECT key FROM rate_limit_counters`);
      assert.ok(keys.length >= 2);
      assert.ok(keys.every((k) => /^[A-Za-z0-9_-]{43}$/.test(k.key) && !k.key.includes("127.0.0.1")), "keys are hashes, never an address");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  // Each request reads first, then counts: were reading counted, the second would be over the limit.
  test(`${name}: reading a limit does not count; counting does, across processes`, async () => {
    const database = get();
    const [a, b] = [await serverProcess(database), await serverProcess(database)];
    try {
      const first = (await a.inject({ method: "POST", url: "/link" })).json();
      const second = (await b.inject({ method: "POST", url: "/link" })).json();
      const third = (await a.inject({ method: "POST", url: "/link" })).json();
      assert.equal(first.exceeded, false);
      assert.equal(second.exceeded, false);
      assert.equal(third.exceeded, true, "the third request for the same address is over the limit of 2");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
}
