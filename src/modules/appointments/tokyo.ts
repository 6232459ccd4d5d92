/**
 * Dates and times in Asia/Tokyo. Japan has had no daylight saving time since 1951, so local
 * time is always UTC+9 and the arithmetic here is exact. Days are ISO strings ("2026-06-01"),
 * times of day "HH:MM"; instants are Date objects.
 */
const OFFSET_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written "YYYY-MM-DD". */
export function isIsoDay(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The instant of a local date and time in Tokyo. */
export function tokyoInstant(day: string, time: string): Date {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hours, minutes) - OFFSET_MS);
}

/** The Tokyo calendar day of an instant. */
export function tokyoDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Tokyo time of day of an instant, "HH:MM". */
export function tokyoTime(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function addDays(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight of "HH:MM" (or "HH:MM:SS" as PostgreSQL returns `time`). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "2026-06" → the days of that month. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  return date.toISOString().slice(0, 7);
}

/** A compact local key "YYYYMMDDHHMM" of an instant (used in slot ids). */
export function compactKey(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace(/[-T:]/g, "");
}

/** The instant of a compact key, or null when it is not one. */
export function fromCompactKey(key: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(key);
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  if (!isIsoDay(day) || Number(match[4]) > 23 || Number(match[5]) > 59) return null;
  return tokyoInstant(day, `${match[4]}:${match[5]}`);
}
