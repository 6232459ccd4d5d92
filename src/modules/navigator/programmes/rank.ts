/**
 * The finder: filters (who, kind, body, closed or not) and the short questionnaire that ranks
 * programmes by fit. Every criterion a programme has is checked against the answers and comes
 * out met, not met, or unknown (not answered), so the page can say which criteria matched and
 * which did not. Pure: the programmes and today's date are given.
 *
 * Ranking: programmes still open come before closed ones; then those with no unmet criterion;
 * then more met criteria, fewer unknown ones; then the nearest deadline; then the title.
 */
import {
  AUDIENCES,
  BODIES,
  INCOME_BANDS,
  INDUSTRIES,
  PROGRAMME_KINDS,
  effectiveStatus,
  type Audience,
  type Body,
  type EffectiveStatus,
  type IncomeBand,
  type Industry,
  type ProgrammeKind,
  type Range,
  type SupportProgramme,
} from "./programme.ts";

export type FinderFilters = {
  who?: Audience;
  kind?: ProgrammeKind;
  body?: Body;
  /** Show closed programmes too (history). */
  includeClosed?: boolean;
};

/** The questionnaire's answers; each optional. */
export type FinderProfile = {
  who?: Audience;
  industry?: Industry;
  employees?: number;
  salesDrop?: number;
  household?: number;
  income?: IncomeBand;
  age?: number;
  ward?: string;
};

export const CRITERIA = ["audience", "industry", "employees", "salesDrop", "household", "income", "age", "ward"] as const;
export type CriterionKey = (typeof CRITERIA)[number];

export type CriterionCheck =
  | { key: "audience"; outcome: Outcome; audiences: Audience[] }
  | { key: "industry"; outcome: Outcome; industries: Industry[] }
  | { key: "employees" | "household" | "age"; outcome: Outcome; range: Range }
  | { key: "salesDrop"; outcome: Outcome; min: number }
  | { key: "income"; outcome: Outcome; bands: IncomeBand[] }
  | { key: "ward"; outcome: Outcome; wards: string[] };

export type Outcome = "met" | "unmet" | "unknown";

export type RankedProgramme = {
  programme: SupportProgramme;
  status: EffectiveStatus;
  checks: CriterionCheck[];
  met: number;
  unmet: number;
  unknown: number;
};

function inRange(value: number, range: Range): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

function outcome<T>(answer: T | undefined, test: (answer: T) => boolean): Outcome {
  if (answer === undefined) return "unknown";
  return test(answer) ? "met" : "unmet";
}

/** Every criterion of a programme, checked against the answers. */
export function checkCriteria(programme: SupportProgramme, profile: FinderProfile): CriterionCheck[] {
  const e = programme.eligibility;
  const checks: CriterionCheck[] = [{ key: "audience", outcome: outcome(profile.who, (who) => programme.audiences.includes(who)), audiences: programme.audiences }];
  if (e.industries?.length) checks.push({ key: "industry", outcome: outcome(profile.industry, (v) => e.industries!.includes(v)), industries: e.industries });
  if (e.employees) checks.push({ key: "employees", outcome: outcome(profile.employees, (v) => inRange(v, e.employees!)), range: e.employees });
  if (e.salesDropPercent) checks.push({ key: "salesDrop", outcome: outcome(profile.salesDrop, (v) => v >= e.salesDropPercent!.min), min: e.salesDropPercent.min });
  if (e.householdSize) checks.push({ key: "household", outcome: outcome(profile.household, (v) => inRange(v, e.householdSize!)), range: e.householdSize });
  if (e.incomeBands?.length) checks.push({ key: "income", outcome: outcome(profile.income, (v) => e.incomeBands!.includes(v)), bands: e.incomeBands });
  if (e.age) checks.push({ key: "age", outcome: outcome(profile.age, (v) => inRange(v, e.age!)), range: e.age });
  if (e.wards?.length) checks.push({ key: "ward", outcome: outcome(profile.ward, (v) => e.wards!.includes(v)), wards: e.wards });
  return checks;
}

/** The programmes the filters keep (who, kind, body; closed ones only when asked). */
export function filterProgrammes(programmes: readonly SupportProgramme[], filters: FinderFilters, today: string): SupportProgramme[] {
  return programmes.filter(
    (p) =>
      (!filters.who || p.audiences.includes(filters.who)) &&
      (!filters.kind || p.kind === filters.kind) &&
      (!filters.body || p.body === filters.body) &&
      (filters.includeClosed || effectiveStatus(p, today) !== "closed"),
  );
}

/** Programmes with their checks, best fit first (see the ranking rule above). */
export function rankProgrammes(programmes: readonly SupportProgramme[], profile: FinderProfile, today: string): RankedProgramme[] {
  const ranked = programmes.map((programme): RankedProgramme => {
    const checks = checkCriteria(programme, profile);
    const count = (o: Outcome) => checks.filter((c) => c.outcome === o).length;
    return { programme, status: effectiveStatus(programme, today), checks, met: count("met"), unmet: count("unmet"), unknown: count("unknown") };
  });
  return ranked.sort((a, b) => {
    const closed = Number(a.status === "closed") - Number(b.status === "closed");
    if (closed !== 0) return closed;
    const fits = Number(a.unmet > 0) - Number(b.unmet > 0);
    if (fits !== 0) return fits;
    if (a.unmet !== b.unmet) return a.unmet - b.unmet;
    if (a.met !== b.met) return b.met - a.met;
    if (a.unknown !== b.unknown) return a.unknown - b.unknown;
    const da = a.programme.deadline;
    const db = b.programme.deadline;
    if (da && db && da !== db) return da < db ? -1 : 1;
    if (da && !db) return -1;
    if (!da && db) return 1;
    return a.programme.title.ja.localeCompare(b.programme.title.ja, "ja");
  });
}

/** Whether the person answered anything (then the list is ranked and the checks shown). */
export function hasProfile(profile: FinderProfile): boolean {
  return Object.values(profile).some((v) => v !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Reading the finder's query (GET form): bad values are reported, not guessed.

export type FinderQuery = { filters: FinderFilters; profile: FinderProfile; errors: Array<{ field: string; code: string }> };

function first(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" ? v.trim() : "";
}

function oneOfValues<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A whole number typed with full-width digits or commas; null when not one. */
function wholeNumber(text: string): number | null {
  const normalized = text.normalize("NFKC").replace(/[,，\s]/g, "").replace(/[%％人歳]$/u, "");
  return /^\d{1,7}$/.test(normalized) ? Number(normalized) : null;
}

const NUMBER_FIELDS: Array<{ field: "employees" | "salesDrop" | "household" | "age"; max: number }> = [
  { field: "employees", max: 1_000_000 },
  { field: "salesDrop", max: 100 },
  { field: "household", max: 30 },
  { field: "age", max: 130 },
];

/** Reads filters and answers from the query; `wards` are the valid ward codes. */
export function readFinderQuery(query: Record<string, unknown>, wards: ReadonlySet<string>): FinderQuery {
  const errors: FinderQuery["errors"] = [];
  const profile: FinderProfile = {};
  const filters: FinderFilters = {};
  const who = oneOfValues(first(query.who), AUDIENCES);
  if (who) {
    filters.who = who;
    profile.who = who;
  }
  const kind = oneOfValues(first(query.kind), PROGRAMME_KINDS);
  if (kind) filters.kind = kind;
  const body = oneOfValues(first(query.body), BODIES);
  if (body) filters.body = body;
  if (first(query.closed) === "1") filters.includeClosed = true;

  const industry = first(query.industry);
  if (industry) {
    const value = oneOfValues(industry, INDUSTRIES);
    if (value) profile.industry = value;
    else errors.push({ field: "industry", code: "choice" });
  }
  const income = first(query.income);
  if (income) {
    const value = oneOfValues(income, INCOME_BANDS);
    if (value) profile.income = value;
    else errors.push({ field: "income", code: "choice" });
  }
  const ward = first(query.ward);
  if (ward) {
    if (wards.has(ward)) profile.ward = ward;
    else errors.push({ field: "ward", code: "choice" });
  }
  for (const { field, max } of NUMBER_FIELDS) {
    const text = first(query[field]);
    if (!text) continue;
    const value = wholeNumber(text);
    if (value === null) errors.push({ field, code: "number" });
    else if (value > max || (field === "household" && value < 1)) errors.push({ field, code: "range" });
    else profile[field] = value;
  }
  return { filters, profile, errors };
}
