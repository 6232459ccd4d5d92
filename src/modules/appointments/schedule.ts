/**
 * When a counter is open and which slots it offers on a day — pure functions, no database.
 *
 * The rule, in order (the first that applies decides):
 * 1. a per-day exception set by staff (closed, other hours, other capacity);
 * 2. 年末年始 (12/29–1/3): closed;
 * 3. the fourth Sunday of the month, for counters that open then (休日開庁): open, usual hours;
 * 4. Saturday and Sunday: closed;
 * 5. a national holiday (国民の祝日, 振替休日, 国民の休日): closed;
 * 6. otherwise open, weekday hours (Osaka ward offices: 9:00–17:30).
 */
import { holidayOn, isYearEndClosure } from "./holidays.ts";
import { minutesOf, timeOf, tokyoInstant, weekday } from "./tokyo.ts";

export type CounterRule = {
  slotMinutes: number;
  capacity: number;
  /** "09:00" */
  opens: string;
  /** "17:30" */
  closes: string;
  fourthSundayOpen: boolean;
};

export type DayException = {
  day: string;
  closed: boolean;
  opens: string | null;
  closes: string | null;
  capacity: number | null;
  note: { ja: string; en: string };
};

export type ClosedReason = "exception" | "year_end" | "weekend" | "holiday";

export type DayPlan =
  | { open: true; opens: string; closes: string; capacity: number; special: "exception" | "fourth_sunday" | null; note: { ja: string; en: string } | null }
  | { open: false; reason: ClosedReason; holiday: { ja: string; en: string } | null; note: { ja: string; en: string } | null };

/** True when the day is the fourth Sunday of its month (第4日曜日: the 22nd to the 28th). */
export function isFourthSunday(day: string): boolean {
  const date = Number(day.slice(8, 10));
  return weekday(day) === 0 && date >= 22 && date <= 28;
}

export function planDay(day: string, rule: CounterRule, exception: DayException | null): DayPlan {
  const holiday = holidayOn(day);
  if (exception) {
    if (exception.closed) return { open: false, reason: "exception", holiday, note: exception.note };
    return {
      open: true,
      opens: hhmm(exception.opens ?? rule.opens),
      closes: hhmm(exception.closes ?? rule.closes),
      capacity: exception.capacity ?? rule.capacity,
      special: "exception",
      note: exception.note,
    };
  }
  if (isYearEndClosure(day)) return { open: false, reason: "year_end", holiday, note: null };
  if (rule.fourthSundayOpen && isFourthSunday(day)) {
    return { open: true, opens: hhmm(rule.opens), closes: hhmm(rule.closes), capacity: rule.capacity, special: "fourth_sunday", note: null };
  }
  const dow = weekday(day);
  if (dow === 0 || dow === 6) return { open: false, reason: "weekend", holiday, note: null };
  if (holiday) return { open: false, reason: "holiday", holiday, note: null };
  return { open: true, opens: hhmm(rule.opens), closes: hhmm(rule.closes), capacity: rule.capacity, special: null, note: null };
}

export type PlannedSlot = { startsAt: Date; endsAt: Date; capacity: number };

/** The slots of a day: from opening, every slotMinutes, the last one ending by closing time. */
export function slotsOfDay(day: string, rule: CounterRule, exception: DayException | null): PlannedSlot[] {
  const plan = planDay(day, rule, exception);
  if (!plan.open) return [];
  const slots: PlannedSlot[] = [];
  const end = minutesOf(plan.closes);
  for (let start = minutesOf(plan.opens); start + rule.slotMinutes <= end; start += rule.slotMinutes) {
    slots.push({ startsAt: tokyoInstant(day, timeOf(start)), endsAt: tokyoInstant(day, timeOf(start + rule.slotMinutes)), capacity: plan.capacity });
  }
  return slots;
}

/** "09:00:00" (PostgreSQL time) → "09:00". */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}
