/**
 * Checks a procedure document in two steps, reporting every problem with the JSON path of the
 * part it concerns (e.g. `$.form.pages[2].questions[0].type`):
 *  1. the published JSON Schema (schemas/procedure.schema.json, 2020-12, validated with Ajv), so
 *     that Machi accepts exactly what the schema it publishes allows;
 *  2. only when the shape is right, the rules a schema cannot express: the form engine's
 *     validateDefinition (unique ids, conditions only on earlier questions, valid patterns, …).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Locale } from "../../../core/i18n/index.ts";
import type { FormDefinition } from "../forms/definition.ts";
import { validateDefinition } from "../forms/index.ts";
import { PROCEDURE_SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, type ProcedureDocument } from "./document.ts";
import { m } from "./messages.ts";

export type DocumentProblem = {
  /** JSON path in the document, e.g. $.form.pages[2].questions[0].type */
  path: string;
  /** Stable code: schema.<keyword>, form.<code> (form engine) or json.<code> */
  code: string;
  message: string;
};

export const PROCEDURE_SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../schemas/procedure.schema.json");

let compiled: ValidateFunction | undefined;

/** The published schema, compiled once. */
export function procedureSchemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(fs.readFileSync(PROCEDURE_SCHEMA_PATH, "utf8")) as object;
    // Strict about unknown keywords, except what the schema does on purpose: $defs/form has no type
    // (the form property also allows null), localizedText names ja and en and allows any other
    // language tag by pattern, and the if/then rules require properties declared beside them.
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowMatchingProperties: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Every problem of a parsed document; an empty list means it can be imported. */
export function validateProcedureDocument(value: unknown, locale: Locale = "ja"): DocumentProblem[] {
  const validate = procedureSchemaValidator();
  if (!validate(value)) return schemaProblems(validate.errors ?? [], value, locale);
  const document = value as ProcedureDocument;
  const problems: DocumentProblem[] = [];
  const seen = new Set<string>();
  document.lifeEvents.forEach((event, i) => {
    if (seen.has(event.code)) problems.push({ path: `$.lifeEvents[${i}].code`, code: "json.duplicateLifeEvent", message: m(locale, "json.duplicateLifeEvent", { code: event.code }) });
    seen.add(event.code);
  });
  if (document.form) problems.push(...formProblems(document.form, locale));
  return problems;
}

/** The form engine's own checks, with paths from the document's root. */
export function formProblems(form: FormDefinition, locale: Locale = "ja"): DocumentProblem[] {
  return validateDefinition(form, locale).map((problem) => ({
    path: problem.path.replace(/^\$/, "$.form"),
    code: `form.${problem.code}`,
    message: problem.message,
  }));
}

/** `/form/pages/2/title` → `$.form.pages[2].title` */
export function jsonPath(pointer: string, extra?: string): string {
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (extra !== undefined) segments.push(extra);
  return `$${segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("")}`;
}

const PATTERN_MESSAGES: Record<string, Parameters<typeof m>[1]> = {
  "^[a-z0-9]+(-[a-z0-9]+)*$": "schema.pattern.slug",
  "^[\\u3041-\\u3096\\u309D\\u309E\\u30FC ]*$": "schema.pattern.reading",
  "^[A-Za-z0-9][A-Za-z0-9_.-]*$": "schema.pattern.code",
  "^[A-Za-z][A-Za-z0-9_]*$": "schema.pattern.id",
  "^(today|[0-9]{4}-[0-9]{2}-[0-9]{2})$": "schema.pattern.date",
};

function schemaProblems(errors: ErrorObject[], value: unknown, locale: Locale): DocumentProblem[] {
  // A document of an unknown schema version: say that, not a hundred consequences of it.
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && version !== undefined && !SUPPORTED_SCHEMA_VERSIONS.includes(String(version))) {
    return [{ path: "$.schemaVersion", code: "schema.schemaVersion", message: m(locale, "schema.schemaVersion", { value: JSON.stringify(version), supported: SUPPORTED_SCHEMA_VERSIONS.join(", ") }) }];
  }
  const problems: DocumentProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // "if" only says that a "then" failed; the "then" error itself is reported.
    if (error.keyword === "if") continue;
    const problem = describe(error, locale);
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describe(error: ErrorObject, locale: Locale): DocumentProblem {
  const params = error.params as Record<string, unknown>;
  const code = `schema.${error.keyword}`;
  const at = (message: string, extra?: string) => ({ path: jsonPath(error.instancePath, extra), code, message });
  switch (error.keyword) {
    case "required":
      return at(m(locale, "schema.required"), String(params.missingProperty));
    case "additionalProperties":
      return at(m(locale, "schema.additionalProperties", { version: PROCEDURE_SCHEMA_VERSION }), String(params.additionalProperty));
    case "type": {
      const names = String(params.type).split(",").map((type) => typeName(type, locale));
      return at(m(locale, "schema.type", { type: names.join(locale === "ja" ? "か" : " or ") }));
    }
    case "enum":
      return at(m(locale, "schema.enum", { values: (params.allowedValues as unknown[]).map((v) => String(v)).join(", ") }));
    case "const":
      return at(m(locale, "schema.const", { value: JSON.stringify(params.allowedValue) }));
    case "pattern": {
      const key = PATTERN_MESSAGES[String(params.pattern)];
      return at(key ? m(locale, key) : m(locale, "schema.pattern", { pattern: String(params.pattern) }));
    }
    case "minLength":
    case "minItems":
    case "minProperties":
      return at(Number(params.limit) === 1 ? m(locale, "schema.empty") : m(locale, error.keyword === "minLength" ? "schema.minLength" : "schema.minItems", { limit: Number(params.limit) }));
    case "maxLength":
    case "maxItems":
    case "minimum":
    case "maximum":
      return at(m(locale, `schema.${error.keyword}`, { limit: Number(params.limit) }));
    default:
      return at(m(locale, "schema.other", { keyword: error.keyword }));
  }
}

const TYPE_NAMES = ["string", "object", "array", "integer", "number", "boolean", "null"];

function typeName(type: string, locale: Locale): string {
  return TYPE_NAMES.includes(type) ? m(locale, `type.${type}` as Parameters<typeof m>[1]) : type;
}
