/**
 * What a resident can book: the plan of each day of a month and the slots of a day with the
 * places left, from the schedule (schedule.ts) and the places already taken (appt_slots).
 */
import type { Db } from "../../../core/db/database.ts";
import { listExceptions, listSlotUse, type Counter } from "../queries.ts";
import { planDay, slotsOfDay, type DayException, type DayPlan } from "../schedule.ts";
import { addDays, compactKey, daysOfMonth, fromCompactKey, tokyoDay, tokyoInstant } from "../tokyo.ts";

/** How far ahead residents may book, and how late (minutes before the start) at the latest. */
export const BOOKING_DAYS_AHEAD = 60;
export const MIN_LEAD_MINUTES = 30;

export type SlotView = { id: string; startsAt: Date; endsAt: Date; capacity: number; remaining: number; bookable: boolean };

/** A slot's public id: the counter and the Tokyo start time, "<counter uuid>.<YYYYMMDDHHMM>". */
export function slotId(counterId: string, startsAt: Date): string {
  return `${counterId}.${compactKey(startsAt)}`;
}

export function parseSlotId(value: unknown): { counterId: string; startsAt: Date } | null {
  if (typeof value !== "string") return null;
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{12})$/.exec(value);
  if (!match) return null;
  const startsAt = fromCompactKey(match[2]!);
  return startsAt ? { counterId: match[1]!, startsAt } : null;
}

/** The days residents may book on: from today to BOOKING_DAYS_AHEAD days ahead. */
export function bookingWindow(now: Date): { first: string; last: string } {
  const first = tokyoDay(now);
  return { first, last: addDays(first, BOOKING_DAYS_AHEAD) };
}

export function isBookableStart(startsAt: Date, now: Date): boolean {
  const { last } = bookingWindow(now);
  return startsAt.getTime() >= now.getTime() + MIN_LEAD_MINUTES * 60_000 && tokyoDay(startsAt) <= last;
}

async function exceptionOf(db: Db, counter: Counter, day: string): Promise<DayException | null> {
  const [exception] = await listExceptions(db, [counter.id], day, day);
  return exception ?? null;
}

/** The plan of a day and its slots with the places left. */
export async function daySlots(options: { db: Db; counter: Counter; day: string; now: Date }): Promise<{ plan: DayPlan; slots: SlotView[] }> {
  const { db, counter, day, now } = options;
  const exception = await exceptionOf(db, counter, day);
  const plan = planDay(day, counter.rule, exception);
  const planned = slotsOfDay(day, counter.rule, exception);
  const used = new Map((await listSlotUse(db, counter.id, tokyoInstant(day, "00:00"), tokyoInstant(addDays(day, 1), "00:00"))).map((s) => [new Date(s.startsAt).getTime(), s]));
  const slots = planned.map((slot) => {
    const use = used.get(slot.startsAt.getTime());
    const capacity = use ? use.capacity : slot.capacity;
    const remaining = Math.max(0, capacity - (use?.booked ?? 0));
    return { id: slotId(counter.id, slot.startsAt), startsAt: slot.startsAt, endsAt: slot.endsAt, capacity, remaining, bookable: remaining > 0 && isBookableStart(slot.startsAt, now) };
  });
  return { plan, slots };
}

export type CalendarDay = { day: string; plan: DayPlan; remaining: number; bookable: boolean; inWindow: boolean };

/** Every day of a month ("2026-06") with its plan and the places left that can still be booked. */
export async function monthCalendar(options: { db: Db; counter: Counter; month: string; now: Date }): Promise<CalendarDay[]> {
  const { db, counter, month, now } = options;
  const days = daysOfMonth(month);
  const exceptions = new Map((await listExceptions(db, [counter.id], days[0]!, days.at(-1)!)).map((e) => [e.day, e]));
  const used = await listSlotUse(db, counter.id, tokyoInstant(days[0]!, "00:00"), tokyoInstant(addDays(days.at(-1)!, 1), "00:00"));
  const usedByStart = new Map(used.map((s) => [new Date(s.startsAt).getTime(), s]));
  const window = bookingWindow(now);
  return days.map((day) => {
    const exception = exceptions.get(day) ?? null;
    const plan = planDay(day, counter.rule, exception);
    const inWindow = day >= window.first && day <= window.last;
    let remaining = 0;
    if (plan.open && inWindow) {
      for (const slot of slotsOfDay(day, counter.rule, exception)) {
        if (!isBookableStart(slot.startsAt, now)) continue;
        const use = usedByStart.get(slot.startsAt.getTime());
        remaining += Math.max(0, (use ? use.capacity : slot.capacity) - (use?.booked ?? 0));
      }
    }
    return { day, plan, remaining, bookable: remaining > 0, inWindow };
  });
}
