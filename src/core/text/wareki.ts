/**
 * Japanese era (和暦) dates. An era begins on its official start date and ends the day before the
 * next one begins, so 平成1年1月7日 does not exist (it is 昭和64年1月7日).
 * Dates before 明治6年 (1873) were lunisolar; like most systems we treat them as Gregorian.
 */

export type EraKey = "meiji" | "taisho" | "showa" | "heisei" | "reiwa";

export type Era = {
  key: EraKey;
  /** 令和 */
  name: string;
  /** Reiwa */
  romaji: string;
  /** First day, ISO. */
  start: string;
  /** Last day, ISO; undefined for the current era. */
  end: string | undefined;
  /** Last valid year number in this era; undefined for the current era. */
  maxYear: number | undefined;
};

const ERA_STARTS: Array<[EraKey, string, string, string]> = [
  ["meiji", "明治", "Meiji", "1868-10-23"],
  ["taisho", "大正", "Taisho", "1912-07-30"],
  ["showa", "昭和", "Showa", "1926-12-25"],
  ["heisei", "平成", "Heisei", "1989-01-08"],
  ["reiwa", "令和", "Reiwa", "2019-05-01"],
];

/** The eras, oldest first. */
export const ERAS: readonly Era[] = ERA_STARTS.map(([key, name, romaji, start], i) => {
  const next = ERA_STARTS[i + 1];
  const end = next ? addDays(next[3], -1) : undefined;
  const maxYear = end ? Number(end.slice(0, 4)) - Number(start.slice(0, 4)) + 1 : undefined;
  return { key, name, romaji, start, end, maxYear };
});

/**
 * Finds an era by its kanji name (令和), romaji key (reiwa, Reiwa) or initial (R).
 */
export function findEra(name: string): Era | undefined {
  const key = name.trim().toLowerCase();
  return ERAS.find((era) => era.name === name.trim() || era.key === key || era.key[0] === key);
}

export type WarekiError =
  | "unknown_era"
  /** Not a real date (2月30日) or not whole numbers. */
  | "invalid_date"
  /** The era has no such year (平成32年, 令和0年). */
  | "year_out_of_range"
  /** A real date that falls before the era began (平成1年1月7日). */
  | "before_era_start"
  /** A real date after the era ended (平成31年5月1日). */
  | "after_era_end";

export type WarekiResult =
  | { ok: true; iso: string }
  | {
      ok: false;
      error: WarekiError;
      era?: Era;
      /** For before_era_start / after_era_end: the Gregorian date that was meant, to suggest the right era. */
      iso?: string;
    };

/**
 * 和暦 → ISO date.
 *
 * @example warekiToIso("令和", 8, 11, 26) // { ok: true, iso: "2026-11-26" }
 * @example warekiToIso("heisei", 1, 1, 7) // { ok: false, error: "before_era_start", ... }
 */
export function warekiToIso(era: string, year: number, month: number, day: number): WarekiResult {
  const found = findEra(era);
  if (!found) return { ok: false, error: "unknown_era" };
  if (![year, month, day].every(Number.isInteger)) return { ok: false, error: "invalid_date", era: found };
  if (year < 1 || (found.maxYear !== undefined && year > found.maxYear)) {
    return { ok: false, error: "year_out_of_range", era: found };
  }
  const iso = gregorianToIso(Number(found.start.slice(0, 4)) + year - 1, month, day);
  if (!iso) return { ok: false, error: "invalid_date", era: found };
  if (iso < found.start) return { ok: false, error: "before_era_start", era: found, iso };
  if (found.end && iso > found.end) return { ok: false, error: "after_era_end", era: found, iso };
  return { ok: true, iso };
}

export type WarekiDate = {
  era: EraKey;
  /** 令和 */
  eraName: string;
  year: number;
  month: number;
  day: number;
  /** 令和8年11月26日, with 元年 for the first year */
  label: string;
  /** 令和8年 / 令和元年 */
  yearLabel: string;
};

/**
 * ISO date → 和暦, or null for an invalid date or one before 明治.
 *
 * @example isoToWareki("2019-05-01")?.label // "令和元年5月1日"
 */
export function isoToWareki(iso: string): WarekiDate | null {
  const parts = parseIso(iso);
  if (!parts) return null;
  const era = [...ERAS].reverse().find((e) => e.start <= iso);
  if (!era) return null;
  const year = parts.year - Number(era.start.slice(0, 4)) + 1;
  const yearLabel = `${era.name}${year === 1 ? "元" : year}年`;
  return {
    era: era.key,
    eraName: era.name,
    year,
    month: parts.month,
    day: parts.day,
    yearLabel,
    label: `${yearLabel}${parts.month}月${parts.day}日`,
  };
}

/** ISO date → 2026年11月26日 (the input is returned unchanged when it is not a valid date). */
export function formatDateJa(iso: string): string {
  const parts = parseIso(iso);
  return parts ? `${parts.year}年${parts.month}月${parts.day}日` : iso;
}

const MONTHS_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** ISO date → 2026年11月26日 in Japanese, 26 November 2026 in English. */
export function formatDate(iso: string, locale: "ja" | "en"): string {
  if (locale === "ja") return formatDateJa(iso);
  const parts = parseIso(iso);
  return parts ? `${parts.day} ${MONTHS_EN[parts.month - 1]} ${parts.year}` : iso;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A Gregorian date as ISO yyyy-mm-dd, or null when it does not exist (years 1–9999). */
export function gregorianToIso(year: number, month: number, day: number): string | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Splits a valid ISO yyyy-mm-dd date into numbers; null when invalid. */
export function parseIso(iso: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return gregorianToIso(year, month, day) ? { year, month, day } : null;
}

export function isValidIsoDate(iso: string): boolean {
  return parseIso(iso) !== null;
}

const JAPAN_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Japan (Asia/Tokyo) as ISO, whatever the server's time zone. */
export function todayInJapan(now: Date = new Date()): string {
  return JAPAN_DATE.format(now);
}

/** Adds days to an ISO date (UTC arithmetic, so no time-zone surprises). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
