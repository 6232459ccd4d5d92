/**
 * Input schemas of the resident side of procedures: zod for what routes read from URLs and
 * forms (answers of form pages are validated by the form engine, not here), and JSON Schema
 * for the catalogue's JSON API (Fastify validates with it and /openapi.json publishes it).
 */
import { z } from "zod";

/** UUIDs as PostgreSQL writes them. Anything else in a URL is an id that does not exist (404). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

const Code = z.string().trim().max(60).regex(/^[a-z0-9][a-z0-9_-]*$/);

function firstString(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** GET /procedures and /api/procedures: search words and browse filters, each optional. */
export const CatalogueQuery = z.object({
  q: z.preprocess(firstString, z.string().max(200).optional()).transform((value) => value?.trim() ?? ""),
  event: z.preprocess(firstString, Code.optional().catch(undefined)),
  category: z.preprocess(firstString, Code.optional().catch(undefined)),
  department: z.preprocess(firstString, Code.optional().catch(undefined)),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

/** Reads the catalogue query; a malformed value is ignored rather than refused. */
export function parseCatalogueQuery(query: unknown): CatalogueQuery {
  const parsed = CatalogueQuery.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const raw = (query ?? {}) as Record<string, unknown>;
  const q = typeof raw.q === "string" ? raw.q.slice(0, 200).trim() : "";
  return { q, event: undefined, category: undefined, department: undefined };
}

/** Page ids and question ids of form definitions: letters, digits and underscore. */
export const PageId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,80}$/);

/** The hidden revision of the withdraw and correction forms (optimistic concurrency). */
export const RevisionInput = z.object({
  revision: z.preprocess(firstString, z.coerce.number().int().min(1).max(1_000_000_000)),
});

/** `?return=check`: the page was opened from check your answers. */
export function returnsToCheck(query: unknown): boolean {
  return (query as Record<string, unknown> | undefined)?.return === "check";
}

// ---------------------------------------------------------------------------------------------
// JSON API (OpenAPI)

const localizedText = {
  type: "object",
  description: "Text in Japanese (always) and other languages",
  properties: { ja: { type: "string" }, en: { type: "string" } },
  required: ["ja"],
} as const;

const channel = {
  type: "string",
  enum: ["online", "counter", "both"],
  description: "online: apply online; counter: at a counter only; both: either",
} as const;

const procedureSummary = {
  type: "object",
  properties: {
    slug: { type: "string" },
    title: localizedText,
    summary: localizedText,
    channel,
    departmentCode: { type: "string" },
    categoryCode: { type: "string" },
    lifeEvents: { type: "array", items: { type: "string" } },
    feeYen: { type: ["integer", "null"] },
    url: { type: "string", description: "The procedure page for people" },
  },
  required: ["slug", "title", "summary", "channel", "departmentCode", "categoryCode", "lifeEvents", "feeYen", "url"],
} as const;

const errorResponse = {
  type: "object",
  properties: { error: { type: "string" }, message: { type: "string" } },
  required: ["error", "message"],
} as const;

export const listProceduresSchema = {
  tags: ["procedures"],
  summary: "Search and browse the procedures catalogue",
  description:
    "Every word of `q` must match the title, reading or keywords of a procedure (full-width and half-width, hiragana and katakana are treated alike). Procedures whose title matches come first. `event`, `category` and `department` narrow the list.",
  querystring: {
    type: "object",
    properties: {
      q: { type: "string", maxLength: 200, description: "Search words, e.g. じゅうみんひょう" },
      event: { type: "string", maxLength: 60, description: "Life event code, e.g. moving" },
      category: { type: "string", maxLength: 60, description: "Category code, e.g. family-register" },
      department: { type: "string", maxLength: 60, description: "Department code, e.g. ward-counter" },
      lang: { type: "string", enum: ["ja", "en"] },
    },
  },
  response: {
    200: {
      type: "object",
      properties: { count: { type: "integer" }, procedures: { type: "array", items: procedureSummary } },
      required: ["count", "procedures"],
    },
  },
} as const;

export const getProcedureSchema = {
  tags: ["procedures"],
  summary: "One procedure of the catalogue",
  params: {
    type: "object",
    properties: { slug: { type: "string", maxLength: 100 } },
    required: ["slug"],
  },
  response: {
    200: {
      type: "object",
      properties: {
        ...procedureSummary.properties,
        department: {
          type: "object",
          properties: { code: { type: "string" }, name: localizedText },
          required: ["code", "name"],
        },
        whoCanApply: localizedText,
        whatYouNeed: { type: "array", items: localizedText },
        fee: {
          type: ["object", "null"],
          properties: {
            amountYen: { type: "integer" },
            per: { type: "string", enum: ["copy", "item"] },
            note: localizedText,
          },
          required: ["amountYen"],
        },
        processingTime: localizedText,
        legalBasis: localizedText,
        onlineApplication: { type: "boolean", description: "Whether an online form is available now" },
      },
      required: [...procedureSummary.required, "department", "whoCanApply", "whatYouNeed", "fee", "processingTime", "onlineApplication"],
    },
    404: errorResponse,
  },
} as const;
