/**
 * A support programme (支援制度) of 国, the prefecture or the city: what it gives, to whom, until
 * when, where to ask — and its eligibility criteria as data, so the finder can say which criteria
 * a person meets. The open-data schema (schemas/support-programme.schema.json) describes the same
 * shape; docs/support-programmes.md explains each field.
 */
import type { LocalizedText } from "../../../core/i18n/index.ts";

export const BODIES = ["national", "prefecture", "city"] as const;
export type Body = (typeof BODIES)[number];

export const AUDIENCES = ["resident", "business"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const PROGRAMME_KINDS = ["subsidy", "loan", "benefit", "tax_relief", "other"] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

/** ongoing: 随時; open: until the deadline; closed: ended (kept as history). */
export const PROGRAMME_STATUSES = ["ongoing", "open", "closed"] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

/** Business types of the finder (a simplification of 日本標準産業分類's divisions). */
export const INDUSTRIES = ["food", "retail", "accommodation", "service", "manufacturing", "construction", "transport", "medical_welfare", "agriculture", "other"] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Household income bands (年収, 万円). */
export const INCOME_BANDS = ["under200", "200to400", "400to600", "600to800", "over800"] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];

export type Range = { min?: number; max?: number };

/** Eligibility criteria; a criterion that is absent does not restrict. */
export type Eligibility = {
  /** Business types (businesses). */
  industries?: Industry[];
  /** Number of employees (businesses). */
  employees?: Range;
  /** Drop in sales compared with the same period of the previous year, in percent (businesses). */
  salesDropPercent?: { min: number };
  /** People in the household (residents). */
  householdSize?: Range;
  /** Household income bands (residents). */
  incomeBands?: IncomeBand[];
  /** Age of the person applying (residents) or of the owner (sole proprietors). */
  age?: Range;
  /** Ward codes (全国地方公共団体コード) where it applies; absent = everywhere. */
  wards?: string[];
  /** Conditions in words that the finder cannot check. */
  notes?: LocalizedText;
};

export type SupportProgramme = {
  /** Stable id (lower case, digits, hyphens), used in URLs and in the CSV. */
  id: string;
  body: Body;
  /** The organisation, e.g. 厚生労働省, 大阪府, 大阪市 こども青少年局. */
  bodyName: LocalizedText;
  audiences: Audience[];
  kind: ProgrammeKind;
  title: LocalizedText;
  summary: LocalizedText;
  /** What it gives, in words (e.g. 上限200万円). */
  amount: LocalizedText | null;
  eligibility: Eligibility;
  /** First day of applications, ISO, or null. */
  opensOn: string | null;
  /** Last day of applications, ISO, or null (ongoing). */
  deadline: string | null;
  status: ProgrammeStatus;
  /** The official page. */
  url: string;
  /** Where to ask. */
  contact: LocalizedText;
  /** Invented or unverified details (demo data). */
  demo: boolean;
  /** ISO timestamp of the last change. */
  updatedAt?: string;
};

/** What a city says about a programme: every field but the time of the last change (stored and published alike). */
export type ProgrammeFields = Omit<SupportProgramme, "updatedAt">;

/**
 * The fields of a programme, named one by one so that nothing else an object carries (a parsed
 * row, a query result) reaches the database or the open data.
 */
export function programmeFields(p: ProgrammeFields): ProgrammeFields {
  return {
    id: p.id,
    body: p.body,
    bodyName: p.bodyName,
    audiences: p.audiences,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    amount: p.amount,
    eligibility: p.eligibility,
    opensOn: p.opensOn,
    deadline: p.deadline,
    status: p.status,
    url: p.url,
    contact: p.contact,
    demo: p.demo,
  };
}

/** The status a person sees today: open programmes past their deadline are closed, those not yet open are upcoming. */
export type EffectiveStatus = "ongoing" | "open" | "upcoming" | "closed";

export function effectiveStatus(programme: Pick<SupportProgramme, "status" | "opensOn" | "deadline">, today: string): EffectiveStatus {
  if (programme.status === "closed") return "closed";
  if (programme.deadline && programme.deadline < today) return "closed";
  if (programme.opensOn && programme.opensOn > today) return "upcoming";
  return programme.status;
}
