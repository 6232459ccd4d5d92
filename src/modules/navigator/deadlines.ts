/**
 * Deadlines of procedures, counted from an answered date the way Japanese law counts periods.
 *
 * - 民法第140条 (the default): the first day is not counted — 転入届 "within 14 days" of moving on
 *   4月1日 ends on 4月15日.
 * - 戸籍法第43条: notifications under the Family Register Act count the first day — 出生届 "within
 *   14 days" of a birth on 4月1日 ends on 4月14日 (`countFirstDay`).
 * - 地方自治法第4条の2第4項: when the last day of a period for something handed in to the city falls
 *   on a day the offices are closed (土曜・日曜・国民の祝日・12月29日〜1月3日), the period ends on the
 *   next open day (`rollOver`, on by default).
 * National holidays come from @holiday-jp/holiday_jp (the Cabinet Office list, as data).
 */
import holidayJp from "@holiday-jp/holiday_jp";
import { addDays, daysInMonth, formatDate, gregorianToIso, isoToWareki, parseIso } from "../../core/text/wareki.ts";
import type { Locale } from "../../core/i18n/index.ts";
import type { DeadlineRule } from "./definition.ts";

const HOLIDAYS = holidayJp.holidays as unknown as Record<string, { name: string; name_en: string } | undefined>;

export type ClosedReason = "saturday" | "sunday" | "holiday" | "new_year";

/** Why the city offices are closed on a day, or null when they are open. */
export function closedReason(iso: string): ClosedReason | null {
  const parts = parseIso(iso);
  if (!parts) return null;
  if ((parts.month === 12 && parts.day >= 29) || (parts.month === 1 && parts.day <= 3)) return "new_year";
  if (HOLIDAYS[iso]) return "holiday";
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (weekday === 0) return "sunday";
  if (weekday === 6) return "saturday";
  return null;
}

/** The name of a national holiday (祝日), or undefined. */
export function holidayName(iso: string, locale: Locale): string | undefined {
  const holiday = HOLIDAYS[iso];
  if (!holiday) return undefined;
  return locale === "ja" ? holiday.name : holiday.name_en;
}

/** The first day on or after `iso` when the city offices are open. */
export function nextOpenDay(iso: string): string {
  let day = iso;
  for (let i = 0; i < 30 && closedReason(day) !== null; i++) day = addDays(day, 1);
  return day;
}

export type Deadline = {
  /** The last day, ISO. */
  date: string;
  /** The last day before moving off a closed day (equal to date when it did not move). */
  statutoryDate: string;
  /** Why statutoryDate was moved, when it was. */
  movedBecause: ClosedReason | null;
};

/**
 * The last day of a period of `count` months from `fromIso` (民法第143条): the day before the day
 * that corresponds to the first day counted, or the end of the month when that month has no such day.
 */
function endOfMonths(fromIso: string, months: number, countFirstDay: boolean): string | null {
  const parts = parseIso(fromIso);
  if (!parts) return null;
  const monthIndex = parts.month - 1 + months;
  const year = parts.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const last = daysInMonth(year, month);
  // From the last day of a month, counting starts at the beginning of the next: the period ends at a month's end.
  if (!countFirstDay && parts.day === daysInMonth(parts.year, parts.month)) return gregorianToIso(year, month, last);
  if (parts.day > last) return gregorianToIso(year, month, last);
  const corresponding = gregorianToIso(year, month, parts.day)!;
  // Counting from the day after (the default), the period ends on the corresponding day itself.
  return countFirstDay ? addDays(corresponding, -1) : corresponding;
}

/**
 * The last day of a period counted from `fromIso`.
 *
 * @example computeDeadline("2026-04-01", { count: 14 })?.date // "2026-04-15" (転入届, 民法第140条)
 * @example computeDeadline("2026-04-01", { count: 14, countFirstDay: true })?.date // "2026-04-14" (出生届, 戸籍法第43条)
 * @example computeDeadline("2026-01-10", { count: 3, unit: "months" })?.date // "2026-04-10" (相続放棄, 民法第915条)
 */
export function computeDeadline(fromIso: string, rule: Pick<DeadlineRule, "count" | "unit" | "countFirstDay" | "rollOver">): Deadline | null {
  if (!parseIso(fromIso)) return null;
  const countFirstDay = rule.countFirstDay === true;
  const statutoryDate =
    rule.unit === "months" ? endOfMonths(fromIso, rule.count, countFirstDay) : addDays(fromIso, countFirstDay ? rule.count - 1 : rule.count);
  if (!statutoryDate) return null;
  const movedBecause = rule.rollOver === false ? null : closedReason(statutoryDate);
  const date = movedBecause ? nextOpenDay(statutoryDate) : statutoryDate;
  return { date, statutoryDate, movedBecause };
}

/** Whole days from today to an ISO date (negative when it has passed). */
export function daysUntil(iso: string, today: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** 「2026年4月15日（令和8年4月15日）」 / "15 April 2026 (Reiwa 8)": both calendars, as on city forms. */
export function formatBothCalendars(iso: string, locale: Locale): string {
  const wareki = isoToWareki(iso);
  if (!wareki) return formatDate(iso, locale);
  if (locale === "ja") return `${formatDate(iso, "ja")}（${wareki.label}）`;
  const romaji = { meiji: "Meiji", taisho: "Taisho", showa: "Showa", heisei: "Heisei", reiwa: "Reiwa" }[wareki.era];
  return `${formatDate(iso, "en")} (${romaji} ${wareki.year})`;
}
