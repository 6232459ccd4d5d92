/**
 * Input of the integrations staff pages (webhook subscriptions, API clients) and of the back-office
 * API. Form problems are reported per field, all at once, as i18n keys of the 'integrations'
 * namespace (`errors.<key>`); commands check the same rules again.
 */
import { z } from "zod";
import { normalizeWidth } from "../../core/text/japanese.ts";
import { parseScope } from "./policy.ts";
import { EVENT_TYPES, type IntegrationEventType } from "./tables.ts";

export type FieldProblem = { field: string; key: string; params?: Record<string, string | number> };
export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

/** Form bodies hold strings (or arrays when a name repeats): take the first. */
const firstText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));
/** Every value of a repeated field (check boxes). */
const allTexts = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()).catch([]));

export const URL_MAX_LENGTH = 2000;
export const DESCRIPTION_MAX_LENGTH = 200;
export const CLIENT_NAME_MAX_LENGTH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function asBody(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Why a webhook URL is refused (an i18n key), or null. https:// is required; http:// only to this
 * machine (127.0.0.1, ::1, localhost) and only when allowed (tests, development). No user name or
 * password in the URL (secrets belong in the signing secret), no fragment.
 */
export function webhookUrlProblem(raw: string, allowHttpLocalhost: boolean): string | null {
  if (!raw) return "urlRequired";
  if (raw.length > URL_MAX_LENGTH) return "urlTooLong";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "urlInvalid";
  }
  if (url.username || url.password) return "urlCredentials";
  if (url.hash) return "urlFragment";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:") {
    if (!LOCAL_HOSTS.has(url.hostname)) return "urlHttps";
    return allowHttpLocalhost ? null : "urlHttps";
  }
  return "urlHttps";
}

export type SubscriptionInput = { departmentCode: string; url: string; eventTypes: IntegrationEventType[]; description: string };

/** The new-subscription form: department (one the manager manages), URL, event types, description. */
export function parseSubscriptionForm(input: unknown, options: { departments: readonly string[]; allowHttpLocalhost: boolean }): ParseResult<SubscriptionInput> {
  const body = asBody(input);
  const problems: FieldProblem[] = [];
  const departmentCode = firstText.parse(body.departmentCode).trim();
  if (!options.departments.includes(departmentCode)) problems.push({ field: "departmentCode", key: "departmentRequired" });
  const url = normalizeWidth(firstText.parse(body.url)).trim();
  const urlProblem = webhookUrlProblem(url, options.allowHttpLocalhost);
  if (urlProblem) problems.push({ field: "url", key: urlProblem, params: { max: URL_MAX_LENGTH } });
  const chosen = allTexts.parse(body.eventTypes);
  const eventTypes = EVENT_TYPES.filter((type) => chosen.includes(type));
  if (eventTypes.length === 0 || eventTypes.length !== new Set(chosen).size) problems.push({ field: "eventTypes", key: "eventTypesRequired" });
  const description = firstText.parse(body.description).trim();
  if ([...description].length > DESCRIPTION_MAX_LENGTH) problems.push({ field: "description", key: "descriptionTooLong", params: { max: DESCRIPTION_MAX_LENGTH } });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, data: { departmentCode, url, eventTypes, description } };
}

export type ClientInput = { name: string; scopes: string[] };

/** The new-client form: a name and scopes (only of departments the manager manages). */
export function parseClientForm(input: unknown, options: { departments: readonly string[] }): ParseResult<ClientInput> {
  const body = asBody(input);
  const problems: FieldProblem[] = [];
  const name = firstText.parse(body.name).trim();
  if (!name) problems.push({ field: "name", key: "nameRequired" });
  else if ([...name].length > CLIENT_NAME_MAX_LENGTH) problems.push({ field: "name", key: "nameTooLong", params: { max: CLIENT_NAME_MAX_LENGTH } });
  const scopes = [...new Set(allTexts.parse(body.scopes))];
  const valid = scopes.every((s) => {
    const scope = parseScope(s);
    return scope !== null && options.departments.includes(scope.departmentCode);
  });
  if (scopes.length === 0 || !valid) problems.push({ field: "scopes", key: "scopesRequired" });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, data: { name, scopes: scopes.sort() } };
}

/** Which deliveries a subscription page lists. */
export function parseDeliveryFilter(query: unknown): { status?: "pending" | "succeeded" | "dead"; before?: number } {
  const q = asBody(query);
  const status = firstText.parse(q.status);
  const before = Number(firstText.parse(q.before));
  return {
    ...(status === "pending" || status === "succeeded" || status === "dead" ? { status } : {}),
    ...(Number.isSafeInteger(before) && before > 0 ? { before } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Back-office API

/** The opaque cursor of the pull list: base64url of JSON {s, i}. */
export function encodeCursor(cursor: { submittedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify({ s: cursor.submittedAt, i: cursor.id }), "utf8").toString("base64url");
}

export function decodeCursor(text: string): { submittedAt: string; id: string } | null {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as { s?: unknown; i?: unknown };
    if (typeof value.s !== "string" || !isUuid(value.i) || Number.isNaN(Date.parse(value.s.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")))) return null;
    return { submittedAt: value.s, id: value.i };
  } catch {
    return null;
  }
}
