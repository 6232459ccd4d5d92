/** What a slot id names, checked: the counter, its office, the service it offers there, and the planned slot. */
import type { Db } from "../../../core/db/database.ts";
import { isAppError } from "../../../core/http/errors.ts";
import { parseSlotId } from "../commands/find-slots.ts";
import { plannedSlot } from "../commands/reserve-place.ts";
import { findCounter, findCounterForService, findOffice, findService, type Counter, type Office, type Service } from "../queries.ts";

export type SlotContext = { office: Office; service: Service; counter: Counter; slot: { id: string; startsAt: Date; endsAt: Date; capacity: number } };

/**
 * null when the id is malformed, names no counter, the counter does not take the service, or
 * the time is not one of the counter's slots; `{ past: true }` when it is too late to book it.
 */
export async function slotContext(db: Db, serviceCode: string | undefined, rawSlot: string | undefined, now: Date): Promise<SlotContext | { past: true; office: Office; service: Service; day: string } | null> {
  const parsed = parseSlotId(rawSlot);
  if (!parsed || !serviceCode) return null;
  const counter = await findCounter(db, parsed.counterId);
  if (!counter) return null;
  const [office, service, serving] = await Promise.all([findOffice(db, counter.officeCode), findService(db, serviceCode), findCounterForService(db, counter.officeCode, serviceCode)]);
  if (!office || !service || serving?.id !== counter.id) return null;
  try {
    const slot = await plannedSlot(db, counter, parsed.startsAt, now);
    return { office, service, counter, slot: { id: rawSlot!, ...slot } };
  } catch (error) {
    if (isAppError(error) && error.reason === "appointments.slot_past") {
      const day = new Date(parsed.startsAt.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
      return { past: true, office, service, day };
    }
    if (isAppError(error)) return null;
    throw error;
  }
}
