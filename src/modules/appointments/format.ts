/** Dates and times as people read them: 「2026年6月1日（月）」「9:00〜9:30」, "Monday 1 June 2026", "9:00–9:30". */
import type { Locale } from "../../core/i18n/index.ts";
import { tokyoDay, tokyoTime, weekday } from "./tokyo.ts";
import type { LocalizedPair } from "./types.ts";

const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"];
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function weekdayName(day: string, locale: Locale, short = false): string {
  const index = weekday(day);
  if (locale === "en") return short ? WEEKDAYS_EN[index]!.slice(0, 3) : WEEKDAYS_EN[index]!;
  return WEEKDAYS_JA[index]!;
}

export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  if (locale === "en") return `${weekdayName(day, locale)} ${d} ${MONTHS_EN[m - 1]} ${y}`;
  return `${y}年${m}月${d}日（${weekdayName(day, locale)}）`;
}

export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return locale === "en" ? `${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月`;
}

/** "9:00" (no leading zero, as on Japanese notices). */
export function formatTime(instant: Date): string {
  return tokyoTime(instant).replace(/^0/, "");
}

export function formatRange(startsAt: Date, endsAt: Date, locale: Locale): string {
  return `${formatTime(startsAt)}${locale === "en" ? "–" : "〜"}${formatTime(endsAt)}`;
}

/** 「2026年6月1日（月）9:00〜9:30」 */
export function formatWhen(startsAt: Date, endsAt: Date, locale: Locale): string {
  return `${formatDay(tokyoDay(startsAt), locale)} ${formatRange(startsAt, endsAt, locale)}`;
}

export function pick(text: LocalizedPair, locale: Locale): string {
  return locale === "en" ? text.en : text.ja;
}
