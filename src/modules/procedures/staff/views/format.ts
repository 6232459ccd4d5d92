/**
 * Small pieces the staff pages and the CSV share: status in words (never colour alone), dates and
 * times in Japan time, multi-line text.
 */
import { t, type Locale } from "../../../../core/i18n/index.ts";
import { html, raw, type SafeHtml } from "../../../../core/ui/html.ts";
import type { ApplicationStatus } from "../../tables.ts";
import "../messages.ts";

/** 受付 / 審査中 / 補正依頼中 / 完了 / 却下 / 取下げ (or English). */
export function statusWord(locale: Locale, status: ApplicationStatus | string): string {
  return t(locale, `staff.status.${status}`);
}

/** The status as a tag: the word carries the meaning, the colour only repeats it. */
export function statusTag(locale: Locale, status: ApplicationStatus): SafeHtml {
  return html`<strong class="status status--${status}">${statusWord(locale, status)}</strong>`;
}

const JAPAN_PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type JapanParts = { year: string; month: string; day: string; hour: string; minute: string };

function japanParts(date: Date): JapanParts {
  const parts: Record<string, string> = {};
  for (const part of JAPAN_PARTS.formatToParts(date)) parts[part.type] = part.value;
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** 2026/11/26 14:05 in Japan time, as the CSV writes it (Excel reads it as a date and time). */
export function formatCsvDateTime(date: Date | string | null): string {
  if (date === null) return "";
  const p = japanParts(new Date(date));
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
}

/** 2026年11月26日 14:05 (ja) or 26 November 2026, 14:05 (en), in Japan time. */
export function formatDateTime(date: Date | string, locale: Locale): string {
  const p = japanParts(new Date(date));
  if (locale === "ja") return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
  return `${Number(p.day)} ${MONTHS_EN[Number(p.month) - 1]} ${p.year}, ${p.hour}:${p.minute}`;
}

/** A <time> element with the machine-readable instant and the date in words. */
export function timeTag(date: Date | string, locale: Locale): SafeHtml {
  return html`<time datetime="${new Date(date).toISOString()}">${formatDateTime(date, locale)}</time>`;
}

/** Text as typed, escaped, with its line breaks kept. */
export function multiline(text: string): SafeHtml {
  const lines = text.split(/\r\n|\r|\n/);
  return html`${lines.map((line, i) => html`${i > 0 ? raw("<br>") : ""}${line}`)}`;
}
