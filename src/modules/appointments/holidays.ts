/**
 * Japanese public holidays (国民の祝日, 振替休日, 国民の休日) and the city offices' year-end closure
 * (年末年始, 12/29–1/3). The holidays come from @holiday-jp/holiday_jp, which ships the Cabinet
 * Office's list and its computed continuation through 2050 (春分・秋分 by the standard formula);
 * see docs/decisions/0014-appointments.md. Lookups are by ISO day string, so no time zone is involved.
 */
import holidayJp from "@holiday-jp/holiday_jp";
import type { Locale } from "../../core/i18n/index.ts";

type HolidayEntry = { name: string; name_en: string };
const HOLIDAYS = holidayJp.holidays as unknown as Record<string, HolidayEntry | undefined>;

/** The holiday on a day ("2026-05-06" → 振替休日), or null. */
export function holidayOn(day: string): { ja: string; en: string } | null {
  const entry = HOLIDAYS[day];
  if (!entry) return null;
  // The package names substitute holidays "憲法記念日 振替休日"; we call them what the law does.
  const ja = entry.name.endsWith("振替休日") ? "振替休日" : entry.name === "休日" ? "国民の休日" : entry.name;
  return { ja, en: entry.name_en };
}

export function holidayName(day: string, locale: Locale): string | null {
  const holiday = holidayOn(day);
  return holiday ? (locale === "en" ? holiday.en : holiday.ja) : null;
}

/** 年末年始: the city's offices are closed from 29 December to 3 January. */
export function isYearEndClosure(day: string): boolean {
  const monthDay = day.slice(5);
  return monthDay >= "12-29" || monthDay <= "01-03";
}

/** The last year the holiday data covers (the package's list ends there). */
export const HOLIDAY_DATA_UNTIL = Math.max(...Object.keys(HOLIDAYS).map((day) => Number(day.slice(0, 4))));
