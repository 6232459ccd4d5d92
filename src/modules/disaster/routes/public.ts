/**
 * Public pages (no sign-in): the shelter list by ward with filters, one shelter, the shelter map
 * (MapLibre GL served from this server, local style), the shelters as GeoJSON, and issued alerts
 * as CAP 1.2 documents.
 *
 *   GET /shelters                      list (ward, kind, hazard, open only; 50 per page) — no JS, < 100 KB
 *   GET /shelters/:id                  one shelter
 *   GET /shelters/map                  map page (progressive enhancement; the list is the fallback)
 *   GET /shelters.geojson              points with status (kind, open filters)
 *   GET /disaster/alerts/:id/cap.xml   an issued alert as CAP 1.2
 *   GET /vendor/maplibre-gl/*          MapLibre GL JS from node_modules (no outside CDN)
 */
import { createRequire } from "node:module";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { buildCap } from "../cap/build-cap.ts";
import { SHELTER_HAZARDS } from "../commands/import-shelters.ts";
import { allShelterPoints, countShelters, currentEvacuationLevels, findAlert, findShelter, listShelters, shelterCountsByWard, type ShelterFilter } from "../queries.ts";
import { shelterListPage, shelterMapPage, shelterPage, SHELTER_PAGE_SIZE } from "../views/shelters.ts";
import { isWardCode } from "../wards.ts";
import { queryOf, sendPage, text } from "./support.ts";

export function parseShelterFilter(request: FastifyRequest): { filter: ShelterFilter; page: number } {
  const query = queryOf(request);
  const ward = text(query.ward);
  const kind = text(query.kind);
  const hazard = text(query.hazard);
  const page = Math.min(1000, Math.max(1, Number.parseInt(text(query.page), 10) || 1));
  return {
    filter: {
      ...(isWardCode(ward) ? { ward } : {}),
      ...(kind === "evacuation" || kind === "emergency" ? { kind } : {}),
      ...(SHELTER_HAZARDS.includes(hazard) ? { hazard } : {}),
      ...(text(query.open) === "1" ? { openOnly: true } : {}),
    },
    page,
  };
}

export async function renderShelterList(deps: AppDeps, request: FastifyRequest, staff: boolean) {
  const { filter, page } = parseShelterFilter(request);
  const listing = Boolean(filter.ward || filter.openOnly || filter.hazard);
  const [total, shelters, counts, evacuation] = await Promise.all([
    listing ? countShelters(deps.db, filter) : Promise.resolve(0),
    listing ? listShelters(deps.db, filter, { offset: (page - 1) * SHELTER_PAGE_SIZE, limit: SHELTER_PAGE_SIZE }) : Promise.resolve([]),
    listing ? Promise.resolve([]) : shelterCountsByWard(deps.db),
    staff ? Promise.resolve(new Map()) : currentEvacuationLevels(deps.db),
  ]);
  return { filter, page, total, shelters, counts, evacuation, staff };
}

export async function registerPublicRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const hidden = { schema: { hide: true } };
  const maplibreDist = path.dirname(createRequire(import.meta.url).resolve("maplibre-gl/dist/maplibre-gl.mjs"));
  await app.register(fastifyStatic, {
    root: maplibreDist,
    prefix: "/vendor/maplibre-gl/",
    decorateReply: false,
    maxAge: "7d",
    allowedPath: (pathName) => ["/maplibre-gl.mjs", "/maplibre-gl-worker.mjs", "/maplibre-gl.css"].includes(pathName),
  });

  app.get("/shelters", hidden, async (request, reply) => {
    const view = await renderShelterList(deps, request, false);
    return sendPage(reply, (c) => shelterListPage(c, view));
  });

  app.get("/shelters/map", hidden, async (request, reply) => {
    const { filter } = parseShelterFilter(request);
    const focus = text(queryOf(request).focus);
    return sendPage(reply, (ctx) => shelterMapPage(ctx, { filter, focus: /^[0-9a-f-]{36}$/.test(focus) ? focus : null }));
  });

  app.get("/shelters.geojson", hidden, async (request, reply) => {
    const { filter } = parseShelterFilter(request);
    const points = await allShelterPoints(deps.db, { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.openOnly ? { openOnly: true } : {}) });
    return reply.header("cache-control", "public, max-age=60").type("application/geo+json").send(featureCollection(points));
  });

  app.get("/shelters/:id", hidden, async (request, reply) => {
    const shelter = await findShelter(deps.db, (request.params as { id: string }).id);
    if (!shelter) throw new AppError("not_found", "disaster.shelter_not_found");
    return sendPage(reply, (ctx) => shelterPage(ctx, shelter));
  });

  app.get("/disaster/alerts/:id/cap.xml", hidden, async (request, reply) => {
    const alert = await findAlert(deps.db, (request.params as { id: string }).id);
    if (!alert || alert.status !== "issued") throw new AppError("not_found", "disaster.alert_not_found");
    return reply.type("application/cap+xml; charset=utf-8").send(buildCap(alert, { web: `${deps.config.baseUrl}/shelters` }));
  });
}

export function featureCollection(points: Array<{ id: string; kind: string; name: string; lat: number; lon: number; status: string }>) {
  return {
    type: "FeatureCollection",
    features: points.map((p) => ({ type: "Feature", geometry: { type: "Point", coordinates: [p.lon, p.lat] }, properties: { id: p.id, name: p.name, kind: p.kind, status: p.status } })),
  };
}
