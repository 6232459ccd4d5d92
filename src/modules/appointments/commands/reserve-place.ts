/**
 * Takes one place in a slot inside the caller's transaction, or throws 409 満席. This is the
 * capacity guarantee: the slot must exist in the counter's schedule for that day and be
 * bookable, and the place is taken by one conditional UPDATE (queries.ts `takePlace`), so
 * however many people try at once, no more than `capacity` succeed.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { ensureSlot, listExceptions, takePlace, type Counter } from "../queries.ts";
import { slotsOfDay } from "../schedule.ts";
import { tokyoDay } from "../tokyo.ts";
import { isBookableStart } from "./find-slots.ts";

export type ReservedPlace = { startsAt: Date; endsAt: Date; remaining: number };

/** The planned slot of the counter starting at `startsAt`; AppError('invalid_input') when there is none or it is too late. */
export async function plannedSlot(db: Db, counter: Counter, startsAt: Date, now: Date): Promise<{ startsAt: Date; endsAt: Date; capacity: number }> {
  const day = tokyoDay(startsAt);
  const [exception] = await listExceptions(db, [counter.id], day, day);
  const slot = slotsOfDay(day, counter.rule, exception ?? null).find((s) => s.startsAt.getTime() === startsAt.getTime());
  if (!slot) throw new AppError("invalid_input", "appointments.slot_unknown");
  if (!isBookableStart(slot.startsAt, now)) throw new AppError("invalid_input", "appointments.slot_past");
  return slot;
}

export async function reservePlace(tx: Db, counter: Counter, startsAt: Date, now: Date): Promise<ReservedPlace> {
  const slot = await plannedSlot(tx, counter, startsAt, now);
  await ensureSlot(tx, counter.id, slot.startsAt, slot.endsAt, slot.capacity);
  const taken = await takePlace(tx, counter.id, slot.startsAt);
  if (!taken) throw new AppError("conflict", "appointments.slot_full");
  return { startsAt: slot.startsAt, endsAt: slot.endsAt, remaining: taken.remaining };
}
