/** Dates as Japanese documents print them: Japan time, 和暦 with 西暦 beside it. */
import type { Locale } from "../../../core/i18n/index.ts";
import { formatDate, formatDateJa, isoToWareki, todayInJapan } from "../../../core/text/wareki.ts";

const JAPAN_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The date (ISO) and time ("14:05") of an instant in Japan. */
export function japanDateTime(at: Date): { date: string; time: string } {
  return { date: todayInJapan(at), time: JAPAN_TIME.format(at) };
}

/** 令和8年11月26日（2026年11月26日）, or "26 November 2026 (令和8年)" in English. */
export function warekiAndSeireki(iso: string, locale: Locale): string {
  const wareki = isoToWareki(iso);
  if (locale === "ja") return wareki ? `${wareki.label}（${formatDateJa(iso)}）` : formatDateJa(iso);
  return wareki ? `${formatDate(iso, "en")} (${wareki.yearLabel})` : formatDate(iso, "en");
}

/** 令和8年11月26日（2026年11月26日）14時05分 / 26 November 2026 (令和8年), 14:05 JST. */
export function japanTimestamp(at: Date, locale: Locale): string {
  const { date, time } = japanDateTime(at);
  const [hour, minute] = time.split(":");
  return locale === "ja" ? `${warekiAndSeireki(date, locale)}${Number(hour)}時${minute}分` : `${warekiAndSeireki(date, locale)}, ${time} JST`;
}
