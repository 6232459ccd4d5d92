import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { currentVersion, listMigrations } from "../db/migrate.ts";

export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get(
    "/healthz",
    {
      schema: {
        summary: "Health of this instance",
        tags: ["operations"],
        response: {
          200: healthSchema,
          503: healthSchema,
        },
      },
    },
    async (_request, reply) => {
      const expected = listMigrations().at(-1)?.version ?? null;
      try {
        await database.db.execute(sql`SELECT 1`);
        const version = await currentVersion(database);
        const upToDate = version === expected;
        return reply.code(upToDate ? 200 : 503).send({
          status: upToDate ? "ok" : "degraded",
          database: { reachable: true, kind: database.kind },
          migration: { current: version, expected },
        });
      } catch {
        return reply.code(503).send({ status: "error", database: { reachable: false, kind: database.kind }, migration: { current: null, expected } });
      }
    },
  );

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}

const healthSchema = {
  type: "object",
  required: ["status", "database", "migration"],
  properties: {
    status: { type: "string", enum: ["ok", "degraded", "error"] },
    database: {
      type: "object",
      properties: { reachable: { type: "boolean" }, kind: { type: "string", enum: ["postgres", "pglite"] } },
    },
    migration: {
      type: "object",
      properties: { current: { type: ["string", "null"] }, expected: { type: ["string", "null"] } },
    },
  },
} as const;
