/**
 * JSON API for lifeline operators and national systems, described in OpenAPI (tag `disaster`).
 * Authentication: `Authorization: Bearer <key>` with a key created by the 危機管理室 and scoped to one
 * lifeline (electricity, gas, water, rail) or to `national`. Unknown or revoked key → 401; a key of
 * another scope → 403. Rate-limited per key (and per address for requests without one).
 *
 *   POST /api/disaster/lifelines/:lifeline/outages                       report or update an outage
 *   POST /api/disaster/lifelines/:lifeline/outages/:externalId/recovery  report the recovery
 *   POST /api/disaster/cap                                               a CAP 1.2 alert (application/cap+xml)
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { authenticateApiKey } from "../commands/api-keys.ts";
import { reportOutage, reportRecovery } from "../commands/post-lifeline-status.ts";
import { receiveCap } from "../commands/receive-cap.ts";
import { LIFELINES, type Lifeline } from "../policy.ts";
import type { Outage } from "../queries.ts";
import { WARDS } from "../wards.ts";

export const API_RATE_LIMIT = { max: 120, timeWindow: 60_000 };

const wardCodes = WARDS.map((w) => w.code);
const AUTH = " Authenticate with `Authorization: Bearer <key>` (a key created by the 危機管理室, scoped to the lifeline or to `national`): unknown or revoked key → 401, another scope → 403.";
const errorSchema = { type: "object", properties: { error: { type: "string" }, message: { type: "string" }, details: { type: "object", additionalProperties: true } } };
const outageSchema = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    lifeline: { type: "string", enum: [...LIFELINES] },
    operator: { type: "string" },
    externalId: { type: "string" },
    wards: { type: "array", items: { type: "string" } },
    description: { type: "string" },
    households: { type: ["integer", "null"] },
    startedAt: { type: "string", format: "date-time" },
    recoveredAt: { type: ["string", "null"], format: "date-time" },
  },
};

function presentOutage(outage: Outage) {
  return {
    id: outage.id, lifeline: outage.lifeline, operator: outage.operator, externalId: outage.externalId, wards: outage.wards,
    description: outage.description, households: outage.households, startedAt: new Date(outage.startedAt).toISOString(),
    recoveredAt: outage.recoveredAt ? new Date(outage.recoveredAt).toISOString() : null,
  };
}

/** Rate-limit bucket: the key's hash when one is sent, else the client address. */
function keyOf(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  return auth ? `k:${createHash("sha256").update(auth).digest("base64url").slice(0, 16)}` : `ip:${request.ip}`;
}

function lifelineOf(request: FastifyRequest): Lifeline {
  const lifeline = (request.params as { lifeline: string }).lifeline;
  if (!(LIFELINES as readonly string[]).includes(lifeline)) throw new AppError("not_found", "disaster.lifeline_unknown");
  return lifeline as Lifeline;
}

function isoOrNow(value: unknown): string {
  if (typeof value !== "string" || value === "") return new Date().toISOString();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError("invalid_input", "disaster.datetime_invalid");
  return date.toISOString();
}

function checkGeometry(geometry: unknown): unknown {
  if (geometry === undefined || geometry === null) return null;
  const type = (geometry as { type?: unknown }).type;
  const coordinates = (geometry as { coordinates?: unknown }).coordinates;
  if (!["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"].includes(String(type)) || !Array.isArray(coordinates)) {
    throw new AppError("invalid_input", "disaster.geometry_invalid");
  }
  if (JSON.stringify(geometry).length > 1_000_000) throw new AppError("payload_too_large", "disaster.geometry_too_large");
  return { type, coordinates };
}

export async function registerApiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (api) => {
    api.addContentTypeParser(["application/cap+xml", "application/xml", "text/xml"], { parseAs: "string", bodyLimit: 2 * 1024 * 1024 }, (_request, body, done) => done(null, body));
    const config = { skipCsrf: true, rateLimit: { ...API_RATE_LIMIT, keyGenerator: keyOf } };

    api.post("/api/disaster/lifelines/:lifeline/outages", {
      config,
      schema: {
        tags: ["disaster"],
        summary: "Report or update a lifeline outage",
        description: `Lifeline operators (electricity, gas, water, rail) report an outage. Posting the same externalId again updates it.${AUTH}`,
        params: { type: "object", required: ["lifeline"], properties: { lifeline: { type: "string", enum: [...LIFELINES] } } },
        body: {
          type: "object",
          required: ["externalId", "wards"],
          additionalProperties: false,
          properties: {
            externalId: { type: "string", minLength: 1, maxLength: 100, description: "The operator's own id of the outage" },
            wards: { type: "array", minItems: 1, maxItems: 24, uniqueItems: true, items: { type: "string", enum: wardCodes }, description: "Ward codes (全国地方公共団体コード, 6 digits)" },
            description: { type: "string", maxLength: 1000 },
            households: { type: "integer", minimum: 0, maximum: 10_000_000 },
            startedAt: { type: "string", format: "date-time" },
            geometry: { type: "object", description: "GeoJSON geometry (WGS 84) of the affected area", additionalProperties: true },
          },
        },
        response: { 200: outageSchema, 201: outageSchema, 401: errorSchema, 403: errorSchema, 422: errorSchema },
      },
    }, async (request, reply) => {
      const key = await authenticateApiKey(deps.db, request.headers.authorization);
      const lifeline = lifelineOf(request);
      const body = request.body as { externalId: string; wards: string[]; description?: string; households?: number; startedAt?: string; geometry?: unknown };
      const { outage, created } = await reportOutage({
        db: deps.db, key, lifeline,
        input: { externalId: body.externalId, wards: body.wards, description: body.description ?? "", households: body.households ?? null, startedAt: isoOrNow(body.startedAt), geometry: checkGeometry(body.geometry) },
      });
      return reply.code(created ? 201 : 200).send(presentOutage(outage));
    });

    api.post("/api/disaster/lifelines/:lifeline/outages/:externalId/recovery", {
      config,
      schema: {
        tags: ["disaster"],
        summary: "Report that a lifeline outage is over",
        description: `Optional JSON body { "recoveredAt": date-time }; now when absent.${AUTH}`,
        params: { type: "object", required: ["lifeline", "externalId"], properties: { lifeline: { type: "string", enum: [...LIFELINES] }, externalId: { type: "string", maxLength: 100 } } },
        response: { 200: outageSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const key = await authenticateApiKey(deps.db, request.headers.authorization);
      const lifeline = lifelineOf(request);
      const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as { recoveredAt?: unknown };
      const outage = await reportRecovery({ db: deps.db, key, lifeline, externalId: (request.params as { externalId: string }).externalId, recoveredAt: isoOrNow(body.recoveredAt) });
      return reply.send(presentOutage(outage));
    });

    api.post("/api/disaster/cap", {
      config,
      schema: {
        tags: ["disaster"],
        summary: "Receive a CAP 1.2 alert",
        description: `National systems post an OASIS CAP 1.2 alert (application/cap+xml). It is validated against the CAP 1.2 schema and rules; every problem is reported (422, details.problems). A resend of the same (sender, identifier, sent) answers 200 with the first id.${AUTH}`,
        consumes: ["application/cap+xml", "application/xml"],
        body: { type: "string", description: "CAP 1.2 XML" },
        response: {
          200: { type: "object", properties: { id: { type: "string" }, created: { type: "boolean" }, concernsCity: { type: "boolean" }, wards: { type: "array", items: { type: "string" } } } },
          201: { type: "object", properties: { id: { type: "string" }, created: { type: "boolean" }, concernsCity: { type: "boolean" }, wards: { type: "array", items: { type: "string" } } } },
          401: errorSchema, 403: errorSchema, 422: errorSchema,
        },
      },
    }, async (request, reply) => {
      const key = await authenticateApiKey(deps.db, request.headers.authorization);
      if (typeof request.body !== "string") throw new AppError("invalid_input", "disaster.cap_content_type");
      const result = await receiveCap({ db: deps.db, key, xml: request.body });
      return reply.code(result.created ? 201 : 200).send(result);
    });
  });
}
