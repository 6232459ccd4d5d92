/**
 * The support-programme finder and its open data (no sign-in):
 *
 *   GET /support-programmes                  list with filters; ranked with checks when answers are given
 *   GET /support-programmes/check            the short questionnaire (GET form → the list)
 *   GET /support-programmes/:id              one programme
 *   GET /support-programmes.json             every programme (schemas/support-programme.schema.json)
 *   GET /support-programmes.csv              the same as CSV, UTF-8 with BOM; ?encoding=shift_jis for Shift_JIS
 *   GET /support-programmes.schema.json      the JSON Schema (2020-12)
 *   GET /api/support-programmes              filters + answers → ranked programmes with their checks (JSON)
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import type { CityConfig } from "../config.ts";
import { openDataDocument, programmesCsvShiftJis, programmesCsvUtf8 } from "../programmes/open-data.ts";
import { effectiveStatus } from "../programmes/programme.ts";
import { filterProgrammes, hasProfile, rankProgrammes, readFinderQuery } from "../programmes/rank.ts";
import { findProgramme, listProgrammes } from "../queries.ts";
import { listProgrammesSchema, openDataCsvSchema, openDataJsonSchema } from "../programmes/api-schema.ts";
import { m } from "../views/format.ts";
import { checkPage, finderPage, finderQuery, programmePage } from "../views/finder.ts";

const HIDDEN = { schema: { hide: true } } as const;
export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../schemas/support-programme.schema.json");

function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

function typedValues(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["industry", "employees", "salesDrop", "household", "income", "age", "ward"]) {
    const v = query[key];
    const text = Array.isArray(v) ? v[0] : v;
    if (typeof text === "string") out[key] = text.slice(0, 50);
  }
  return out;
}

export function registerFinderRoutes(app: FastifyInstance, deps: AppDeps, city: CityConfig): void {
  const wardCodes = new Set(city.wards.map((w) => w.code));
  const schemaText = fs.readFileSync(SCHEMA_FILE, "utf8");

  app.get("/support-programmes", HIDDEN, async (request, reply) => {
    const query = queryOf(request);
    const { filters, profile, errors } = readFinderQuery(query, wardCodes);
    if (errors.length > 0) {
      const messages = errors.map((e) => ({ field: e.field, message: m(request.locale, `check.error.${e.field}.${e.code}`) }));
      return reply.page(checkPage(reply.pageContext(), { filters, profile, typed: typedValues(query), errors: messages, city }), 422);
    }
    const today = todayInJapan();
    const all = await listProgrammes(deps.db);
    const kept = filterProgrammes(all, filters, today);
    const ranking = hasProfile({ ...profile, who: undefined });
    const results = rankProgrammes(kept, profile, today);
    return reply.page(finderPage(reply.pageContext(), { filters, profile, ranking, results, total: all.length, city }));
  });

  app.get("/support-programmes/check", HIDDEN, async (request, reply) => {
    const query = queryOf(request);
    const { filters, profile } = readFinderQuery(query, wardCodes);
    return reply.page(checkPage(reply.pageContext(), { filters, profile, typed: typedValues(query), errors: [], city }));
  });

  app.get("/support-programmes.json", { schema: openDataJsonSchema }, async (_request, reply) => {
    const programmes = await listProgrammes(deps.db);
    const document = openDataDocument(programmes, city, deps.config.baseUrl);
    return reply
      .header("cache-control", "public, max-age=300")
      .header("access-control-allow-origin", "*")
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(document, null, 2));
  });

  app.get("/support-programmes.csv", { schema: openDataCsvSchema }, async (request, reply) => {
    const encoding = String(queryOf(request).encoding ?? "utf-8").toLowerCase().replace(/[-_]/g, "");
    const sjis = encoding === "shiftjis" || encoding === "sjis" || encoding === "cp932";
    const programmes = await listProgrammes(deps.db);
    const name = `support-programmes-${city.code}${sjis ? "-sjis" : ""}.csv`;
    return reply
      .header("cache-control", "public, max-age=300")
      .header("access-control-allow-origin", "*")
      .header("content-disposition", `attachment; filename="${name}"`)
      .type(`text/csv; charset=${sjis ? "Shift_JIS" : "utf-8"}`)
      .send(sjis ? programmesCsvShiftJis(programmes) : programmesCsvUtf8(programmes));
  });

  app.get("/support-programmes.schema.json", HIDDEN, async (_request, reply) => {
    return reply.header("cache-control", "public, max-age=3600").header("access-control-allow-origin", "*").type("application/schema+json").send(schemaText);
  });

  app.get("/support-programmes/:id", HIDDEN, async (request, reply) => {
    const { id } = request.params as { id: string };
    const programme = /^[a-z0-9][a-z0-9-]{0,80}$/.test(id) ? await findProgramme(deps.db, id) : null;
    if (!programme) throw new AppError("not_found", "navigator.programme_not_found");
    const { filters, profile } = readFinderQuery(queryOf(request), wardCodes);
    return reply.page(programmePage(reply.pageContext(), { programme, status: effectiveStatus(programme, todayInJapan()), backQuery: finderQuery(filters, profile), city }));
  });

  app.get("/api/support-programmes", { schema: listProgrammesSchema }, async (request, reply) => {
    const { filters, profile, errors } = readFinderQuery(queryOf(request), wardCodes);
    if (errors.length > 0) {
      return reply.code(422).send({ error: "navigator.finder_invalid", message: m(request.locale, "api.finderInvalid"), details: { errors } });
    }
    const today = todayInJapan();
    const results = rankProgrammes(filterProgrammes(await listProgrammes(deps.db), filters, today), profile, today);
    return {
      count: results.length,
      ranked: hasProfile({ ...profile, who: undefined }),
      programmes: results.map((r) => ({
        id: r.programme.id,
        title: r.programme.title,
        body: r.programme.body,
        kind: r.programme.kind,
        audiences: r.programme.audiences,
        status: r.status,
        deadline: r.programme.deadline,
        url: r.programme.url,
        pageUrl: `${deps.config.baseUrl}/support-programmes/${r.programme.id}`,
        met: r.met,
        unmet: r.unmet,
        unknown: r.unknown,
        checks: r.checks,
      })),
    };
  });
}
