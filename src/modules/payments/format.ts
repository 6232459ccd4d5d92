/** Amounts and dates as residents read them (Japan time, 和暦 not needed on payment pages). */
import { t, type Locale } from "../../core/i18n/index.ts";
import "./messages.ts";

/** 600 → 「600円」 / "¥600"; 16000 → 「16,000円」. */
export function formatYen(amountYen: number, locale: Locale): string {
  return t(locale, "payments.yen", { amount: amountYen.toLocaleString(locale === "ja" ? "ja-JP" : "en-US") });
}

const dateTimeFormats = {
  ja: new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "numeric", minute: "2-digit" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" }),
};
const dateFormats = {
  ja: new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric", weekday: "short" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric", weekday: "short" }),
};

/** 「2026年11月26日(木) 14:05」 in Japan time. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return dateTimeFormats[locale].format(new Date(value));
}

/** 「2026年12月3日(木)」 in Japan time. */
export function formatDay(value: Date | string, locale: Locale): string {
  return dateFormats[locale].format(new Date(value));
}

/** ISO 8601 for <time datetime>. */
export function isoDateTime(value: Date | string): string {
  return new Date(value).toISOString();
}

/** 「2026-11-26 14:05:09」 Japan time, for CSV. */
export function csvDateTime(value: Date | string | null): string {
  if (!value) return "";
  const japan = new Date(new Date(value).getTime() + 9 * 3600 * 1000).toISOString();
  return `${japan.slice(0, 10)} ${japan.slice(11, 19)}`;
}
