/** OpenAPI descriptions of the support-programme endpoints (tag "navigator"). */
import { AUDIENCES, BODIES, INCOME_BANDS, INDUSTRIES, PROGRAMME_KINDS } from "./programme.ts";

const localizedText = {
  type: "object",
  properties: { ja: { type: "string" }, en: { type: "string" } },
  required: ["ja"],
} as const;

const finderQuery = {
  type: "object",
  properties: {
    who: { type: "string", enum: [...AUDIENCES], description: "resident (個人・世帯) or business (事業者); also a filter" },
    kind: { type: "string", enum: [...PROGRAMME_KINDS] },
    body: { type: "string", enum: [...BODIES], description: "national (国), prefecture (府), city (市)" },
    closed: { type: "string", enum: ["1"], description: "Include closed programmes" },
    industry: { type: "string", enum: [...INDUSTRIES] },
    employees: { type: "string", maxLength: 10, description: "Number of employees" },
    salesDrop: { type: "string", maxLength: 5, description: "Drop in sales, percent (vs. the same period a year earlier)" },
    household: { type: "string", maxLength: 5, description: "People in the household" },
    income: { type: "string", enum: [...INCOME_BANDS], description: "Household income band (万円 a year)" },
    age: { type: "string", maxLength: 5 },
    ward: { type: "string", maxLength: 6, description: "Ward code (全国地方公共団体コード)" },
    lang: { type: "string", enum: ["ja", "en"] },
  },
} as const;

export const listProgrammesSchema = {
  tags: ["navigator"],
  summary: "Support programmes ranked by fit",
  description:
    "Filters the programmes of 国, the prefecture and the city, and — when answers are given — ranks them by fit: each criterion of each programme comes out met, unmet or unknown (not answered). Closed programmes are left out unless closed=1.",
  querystring: finderQuery,
  response: {
    200: {
      type: "object",
      properties: {
        count: { type: "integer" },
        ranked: { type: "boolean" },
        programmes: {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: { type: "string" },
              title: localizedText,
              body: { type: "string", enum: [...BODIES] },
              kind: { type: "string", enum: [...PROGRAMME_KINDS] },
              audiences: { type: "array", items: { type: "string", enum: [...AUDIENCES] } },
              status: { type: "string", enum: ["ongoing", "open", "upcoming", "closed"] },
              deadline: { type: ["string", "null"], format: "date" },
              url: { type: "string" },
              pageUrl: { type: "string" },
              met: { type: "integer" },
              unmet: { type: "integer" },
              unknown: { type: "integer" },
              checks: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: true,
                  properties: { key: { type: "string" }, outcome: { type: "string", enum: ["met", "unmet", "unknown"] } },
                  required: ["key", "outcome"],
                },
              },
            },
            required: ["id", "title", "body", "kind", "audiences", "status", "deadline", "url", "pageUrl", "met", "unmet", "unknown", "checks"],
          },
        },
      },
      required: ["count", "ranked", "programmes"],
    },
    422: {
      type: "object",
      properties: { error: { type: "string" }, message: { type: "string" }, details: { type: "object", additionalProperties: true } },
      required: ["error", "message"],
    },
  },
} as const;

export const openDataJsonSchema = {
  tags: ["navigator"],
  summary: "Open data: every support programme as JSON",
  description:
    "One document with every programme, as described by /support-programmes.schema.json (JSON Schema 2020-12, also in the repository as schemas/support-programme.schema.json). Licence in `license`. CORS open.",
} as const;

export const openDataCsvSchema = {
  tags: ["navigator"],
  summary: "Open data: every support programme as CSV",
  description:
    "The same fields as the JSON, one row per programme, lists separated by |. UTF-8 with a byte-order mark (opens in Excel); `encoding=shift_jis` for Shift_JIS (CP932). The columns are also the import format (docs/support-programmes.md).",
  querystring: { type: "object", properties: { encoding: { type: "string", enum: ["utf-8", "shift_jis"] } } },
} as const;
