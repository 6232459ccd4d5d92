/**
 * The procedure document: one procedure of the catalogue with its online form, as cities exchange
 * them (JSON Lines, one document per line). Its JSON Schema is schemas/procedure.schema.json
 * (2020-12); `schemaVersion` says which version of it a document follows. A minor version only
 * adds optional properties; this Machi reads every version in SUPPORTED_SCHEMA_VERSIONS.
 *
 * Lines are written as canonical JSON (object keys sorted, no spaces, as RFC 8785 JCS does for
 * the values we use), so that two exports of the same catalogue are byte-identical whatever order
 * PostgreSQL keeps jsonb keys in, and a diff shows only real changes.
 */
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { canonicalJson } from "../../../core/audit/audit.ts";
import type { FormDefinition } from "../forms/definition.ts";
import type { ProcedureDetails } from "../tables.ts";

export const PROCEDURE_SCHEMA_VERSION = "1.0";
export const SUPPORTED_SCHEMA_VERSIONS: readonly string[] = ["1.0"];
export const PROCEDURE_SCHEMA_ID = "https://machi.example.jp/schemas/procedure/1.0/procedure.schema.json";

/** A department, category or life event by code, with the name to create it under when missing. */
export type Reference = { code: string; name: LocalizedText };

export type ProcedureDocument = {
  schemaVersion: typeof PROCEDURE_SCHEMA_VERSION;
  /** url-safe identifier; importing an existing slug updates that procedure. */
  slug: string;
  title: LocalizedText;
  /** hiragana reading of the Japanese title */
  reading: string;
  summary: LocalizedText;
  department: Reference & { kind: "ward" | "bureau" };
  category: Reference;
  lifeEvents: Reference[];
  keywords: string[];
  whoCanApply: LocalizedText;
  whatYouNeed: LocalizedText[];
  fee: ProcedureDetails["fee"];
  processingTime: LocalizedText;
  channel: "online" | "counter" | "both";
  legalBasis?: LocalizedText;
  /** Slugs of related procedures, shown as links on the procedure page. */
  related?: string[];
  /** Present (true) on made-up demo content only. */
  demo?: true;
  /** The online form, or null when the procedure has none. */
  form: FormDefinition | null;
};

/** A document as one line of a JSON Lines file (canonical JSON, no newline). */
export function documentLine(document: ProcedureDocument): string {
  return canonicalJson(document);
}

/** The procedure fields of a document without the names of what it refers to (for "did it change?"). */
export function procedureFingerprint(document: ProcedureDocument): string {
  return canonicalJson({
    ...document,
    department: document.department.code,
    category: document.category.code,
    lifeEvents: document.lifeEvents.map((event) => event.code),
    form: null,
  });
}

/** The form of a document as canonical JSON ("null" without one), to compare with a stored version. */
export function formFingerprint(form: FormDefinition | null | undefined): string {
  return canonicalJson(form ?? null);
}
