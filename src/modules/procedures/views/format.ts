/**
 * Dates and times as residents read them, always in Japan time (Asia/Tokyo) whatever the
 * server's time zone: 「2026年11月26日 14:03」 / "26 November 2026, 14:03".
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { formatDate } from "../../../core/text/wareki.ts";

const PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function japanParts(at: Date): { iso: string; time: string } {
  const parts = Object.fromEntries(PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return { iso: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** 2026年11月26日 14:03 (ja) / 26 November 2026, 14:03 (en), in Japan time. */
export function formatDateTime(at: Date | string, locale: Locale): string {
  const { iso, time } = japanParts(new Date(at));
  return locale === "ja" ? `${formatDate(iso, "ja")} ${time}` : `${formatDate(iso, "en")}, ${time}`;
}

/** 2026年11月26日 (ja) / 26 November 2026 (en), in Japan time. */
export function formatDay(at: Date | string, locale: Locale): string {
  return formatDate(japanParts(new Date(at)).iso, locale);
}

/** ISO 8601 for <time datetime>. */
export function isoDateTime(at: Date | string): string {
  return new Date(at).toISOString();
}
