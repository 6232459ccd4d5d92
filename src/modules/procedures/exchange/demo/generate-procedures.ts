/**
 * The generated part of the demo catalogue: with the 30 hand-written procedures of
 * demo/catalogue.ts it makes a catalogue of more than 1,500 — the size of a city's real one —
 * so that search, the staff inbox and exports are tried at scale.
 *
 * Realistic patterns, not random text: every ward office (24) × what ward offices offer
 * (ward-patterns.ts), and every bureau's permits, subsidies, notifications, registrations,
 * certificates and requests through their life cycle (bureau-schemes.ts). Titles, hiragana
 * readings and keywords are Japanese with English translations; forms have 2–6 pages built from
 * the form engine's question types. Every document says `demo: true` and its summary ends in
 * 「（デモ）」. Deterministic: the same documents every time, so seeding twice changes nothing.
 */
import type { LocalizedText } from "../../../../core/i18n/index.ts";
import { CATEGORIES, DEPARTMENTS, LIFE_EVENTS } from "../../demo/catalogue.ts";
import { PROCEDURE_SCHEMA_VERSION, type ProcedureDocument, type Reference } from "../document.ts";
import { BUREAUS, bureauProcedures, type BureauProcedure } from "./bureau-schemes.ts";
import { WARD_PATTERNS, type WardPattern } from "./ward-patterns.ts";

/** Readings of the 24 wards (department code ward-<code>). */
const WARD_READINGS: Record<string, string> = {
  kita: "きたく",
  miyakojima: "みやこじまく",
  fukushima: "ふくしまく",
  konohana: "このはなく",
  chuo: "ちゅうおうく",
  nishi: "にしく",
  minato: "みなとく",
  taisho: "たいしょうく",
  tennoji: "てんのうじく",
  naniwa: "なにわく",
  nishiyodogawa: "にしよどがわく",
  yodogawa: "よどがわく",
  higashiyodogawa: "ひがしよどがわく",
  higashinari: "ひがしなりく",
  ikuno: "いくのく",
  asahi: "あさひく",
  joto: "じょうとうく",
  tsurumi: "つるみく",
  abeno: "あべのく",
  suminoe: "すみのえく",
  sumiyoshi: "すみよしく",
  higashisumiyoshi: "ひがしすみよしく",
  hirano: "ひらのく",
  nishinari: "にしなりく",
};

const DEMO_MARK = { ja: "（デモ）", en: " (demo)" };

type Ward = { code: string; department: ProcedureDocument["department"]; ja: string; en: string; reading: string };

function wards(): Ward[] {
  return DEPARTMENTS.filter((d) => d.kind === "ward" && d.code.startsWith("ward-") && d.code !== "ward-counter").map((d) => {
    const code = d.code.slice("ward-".length);
    const reading = WARD_READINGS[code];
    if (!reading) throw new Error(`No reading for ward ${d.code}`);
    return {
      code,
      department: { code: d.code, name: d.name, kind: d.kind },
      ja: d.name.ja.replace(/役所$/, ""),
      en: (d.name.en ?? code).replace(/ Office$/, ""),
      reading,
    };
  });
}

function referenceTables() {
  const categories = new Map<string, Reference>(CATEGORIES.map((c) => [c.code, { code: c.code, name: c.name }]));
  const lifeEvents = new Map<string, Reference>(LIFE_EVENTS.map((e) => [e.code, { code: e.code, name: e.name }]));
  const departments = new Map<string, ProcedureDocument["department"]>(DEPARTMENTS.map((d) => [d.code, { code: d.code, name: d.name, kind: d.kind }]));
  const find = <T>(map: Map<string, T>, code: string, what: string): T => {
    const found = map.get(code);
    if (!found) throw new Error(`Demo generator: unknown ${what} "${code}"`);
    return found;
  };
  return {
    category: (code: string) => find(categories, code, "category"),
    lifeEvent: (code: string) => find(lifeEvents, code, "life event"),
    department: (code: string) => find(departments, code, "department"),
  };
}

function fill(text: LocalizedText, ward: Ward): LocalizedText {
  return { ja: text.ja.replaceAll("{ward}", ward.ja), en: (text.en ?? text.ja).replaceAll("{ward}", ward.en) };
}

function withDemoMark(text: LocalizedText): LocalizedText {
  return { ja: `${text.ja}${DEMO_MARK.ja}`, en: `${text.en ?? text.ja}${DEMO_MARK.en}` };
}

function unique(words: string[]): string[] {
  return [...new Set(words.filter((word) => word.trim() !== ""))];
}

function wardDocument(pattern: WardPattern, ward: Ward, index: number, refs: ReturnType<typeof referenceTables>): ProcedureDocument {
  const fee = pattern.fee(index);
  return {
    schemaVersion: PROCEDURE_SCHEMA_VERSION,
    slug: `${ward.code}-${pattern.slug}`,
    title: { ja: `${pattern.title.ja}（${ward.ja}）`, en: `${pattern.title.en} (${ward.en})` },
    reading: `${pattern.reading} ${ward.reading}`,
    summary: withDemoMark(fill(pattern.summary, ward)),
    department: ward.department,
    category: refs.category(pattern.category),
    lifeEvents: pattern.lifeEvents.map(refs.lifeEvent),
    keywords: unique([...pattern.keywords, ward.ja, ward.reading, `${ward.ja}役所`]),
    whoCanApply: fill(pattern.whoCanApply, ward),
    whatYouNeed: pattern.whatYouNeed.map((item) => fill(item, ward)),
    fee,
    processingTime: fill(pattern.processingTime, ward),
    channel: pattern.channel,
    ...(pattern.legalBasis ? { legalBasis: pattern.legalBasis } : {}),
    demo: true,
    form: pattern.form,
  };
}

function bureauDocument(procedure: BureauProcedure, departmentCode: string, refs: ReturnType<typeof referenceTables>): ProcedureDocument {
  const department = refs.department(departmentCode);
  return {
    schemaVersion: PROCEDURE_SCHEMA_VERSION,
    slug: procedure.slug,
    title: procedure.title,
    reading: procedure.reading,
    summary: withDemoMark(procedure.summary),
    department,
    category: refs.category(procedure.category),
    lifeEvents: procedure.lifeEvents.map(refs.lifeEvent),
    keywords: unique([...procedure.keywords, department.name.ja]),
    whoCanApply: procedure.whoCanApply,
    whatYouNeed: procedure.whatYouNeed,
    fee: procedure.fee,
    processingTime: procedure.processingTime,
    channel: procedure.channel,
    ...(procedure.legalBasis ? { legalBasis: procedure.legalBasis } : {}),
    demo: true,
    form: procedure.form,
  };
}

/** Builds the generated demo procedures (about 1,530), ordered by slug. */
export function buildDemoProcedures(): ProcedureDocument[] {
  const refs = referenceTables();
  const documents: ProcedureDocument[] = [];
  wards().forEach((ward, index) => {
    for (const pattern of WARD_PATTERNS) documents.push(wardDocument(pattern, ward, index, refs));
  });
  for (const bureau of BUREAUS) {
    for (const procedure of bureauProcedures(bureau)) documents.push(bureauDocument(procedure, bureau.code, refs));
  }
  return documents.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

let cached: ProcedureDocument[] | undefined;

/** The generated demo procedures, built once per process (treat as read-only). */
export function generateDemoProcedures(): ProcedureDocument[] {
  cached ??= buildDemoProcedures();
  return cached;
}
