/**
 * Input of the documents pages, checked with zod. Problems are reported per field, all at once,
 * as keys of the 'documents' namespace with their parameters.
 */
import { z } from "zod";
import { formatPhone, formatPostalCode, normalizePhone, normalizePostalCode, normalizeWidth, toKatakana } from "../../core/text/japanese.ts";
import { isValidIsoDate } from "../../core/text/wareki.ts";
import type { PageSize } from "./tables.ts";

export type FieldProblem = { field: string; key: string; params?: Record<string, string | number> };
export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

/** What a form field can print. */
export const FIELD_SOURCES = [
  "name",
  "name_family",
  "name_given",
  "furigana",
  "postal_code",
  "address",
  "birth_date_wareki",
  "birth_date_seireki",
  "phone",
  "today_wareki",
  "today_seireki",
] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

export const MAX_FORM_PAGES = 20;
export const MAX_TITLE_LENGTH = 100;

const firstText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));

export function asBody(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A number typed by a person: full-width digits and a comma as decimal point are fine. */
function numberOf(value: unknown): number | null {
  const text = normalizeWidth(firstText.parse(value)).trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

export type FieldInput = { page: number; x: number; y: number; fontSize: number; maxWidth: number; source: FieldSource };

/** A printed field's position (points), size and source, checked against the form's pages. */
export function parseFieldForm(input: unknown, pages: PageSize[], prefix = ""): ParseResult<FieldInput> {
  const body = asBody(input);
  const problems: FieldProblem[] = [];
  const field = (name: string) => `${prefix}${name}`;
  const page = numberOf(body.page);
  const validPage = page !== null && Number.isInteger(page) && page >= 1 && page <= pages.length;
  if (!validPage) problems.push({ field: field("page"), key: "staff.errors.page", params: { pages: pages.length } });
  const size = validPage ? pages[page - 1]! : { width: Math.max(...pages.map((p) => p.width)), height: Math.max(...pages.map((p) => p.height)) };
  const x = numberOf(body.x);
  if (x === null || x < 0 || x > size.width) problems.push({ field: field("x"), key: "staff.errors.x", params: { max: Math.floor(size.width) } });
  const y = numberOf(body.y);
  if (y === null || y < 0 || y > size.height) problems.push({ field: field("y"), key: "staff.errors.y", params: { max: Math.floor(size.height) } });
  const fontSize = numberOf(body.fontSize);
  if (fontSize === null || fontSize < 6 || fontSize > 36) problems.push({ field: field("fontSize"), key: "staff.errors.size" });
  const maxWidthText = firstText.parse(body.maxWidth).trim();
  const maxWidth = maxWidthText === "" ? 0 : numberOf(maxWidthText);
  if (maxWidth === null || maxWidth < 0 || maxWidth > size.width) problems.push({ field: field("maxWidth"), key: "staff.errors.maxWidth", params: { max: Math.floor(size.width) } });
  const source = firstText.parse(body.source);
  if (!(FIELD_SOURCES as readonly string[]).includes(source)) problems.push({ field: field("source"), key: "staff.errors.source" });
  if (problems.length > 0) return { ok: false, problems };
  const round = (n: number) => Math.round(n * 10) / 10;
  return { ok: true, data: { page: page!, x: round(x!), y: round(y!), fontSize: round(fontSize!), maxWidth: round(maxWidth!), source: source as FieldSource } };
}

export type UploadFields = { title: string; departmentCode: string };

export function parseUploadFields(input: unknown, departments: string[]): ParseResult<UploadFields> {
  const body = asBody(input);
  const problems: FieldProblem[] = [];
  const title = normalizeWidth(firstText.parse(body.title)).trim();
  if (title === "" || [...title].length > MAX_TITLE_LENGTH) problems.push({ field: "title", key: "staff.errors.title" });
  const departmentCode = firstText.parse(body.departmentCode);
  if (!departments.includes(departmentCode)) problems.push({ field: "departmentCode", key: "staff.errors.department" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: { title, departmentCode } };
}

/** What staff type at the counter for a visitor; every field is optional. */
export type CounterValues = {
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  postalCode: string | null;
  address: string;
  birthDate: string | null;
  phone: string | null;
};

export const COUNTER_FIELDS = ["name_family", "name_given", "furigana_family", "furigana_given", "postal_code", "address", "birth_date", "phone"] as const;

export function parseCounterForm(input: unknown, labelOf: (field: string) => string): ParseResult<CounterValues> & { raw: Record<string, string> } {
  const body = asBody(input);
  const raw: Record<string, string> = {};
  for (const name of COUNTER_FIELDS) raw[name] = firstText.parse(body[name]).slice(0, 1000);
  const problems: FieldProblem[] = [];
  for (const name of COUNTER_FIELDS) {
    if ([...raw[name]!].length > 200) problems.push({ field: name, key: "fill.errors.tooLong", params: { label: labelOf(name) } });
  }
  const birth = normalizeWidth(raw.birth_date!).trim().replace(/[/.年月]/g, "-").replace(/日$/, "");
  const birthIso = birth === "" ? null : /^\d{4}-\d{1,2}-\d{1,2}$/.test(birth) ? birth.replace(/-(\d)(?=-|$)/g, "-0$1") : "invalid";
  if (birthIso !== null && !isValidIsoDate(birthIso)) problems.push({ field: "birth_date", key: "fill.errors.birth_date" });
  if (problems.length > 0) return { ok: false, problems, raw };
  const postal = normalizePostalCode(raw.postal_code!);
  const phone = normalizePhone(raw.phone!);
  return {
    ok: true,
    raw,
    data: {
      familyName: raw.name_family!.trim(),
      givenName: raw.name_given!.trim(),
      familyKana: toKatakana(normalizeWidth(raw.furigana_family!).trim()),
      givenKana: toKatakana(normalizeWidth(raw.furigana_given!).trim()),
      postalCode: postal ? formatPostalCode(postal) : raw.postal_code!.trim() || null,
      address: raw.address!.trim(),
      birthDate: birthIso,
      phone: phone ? formatPhone(phone) : raw.phone!.trim() || null,
    },
  };
}
