/**
 * What follows a confirmed, changed or cancelled booking, queued in the same transaction: the
 * e-mail with its .ics file and, for a booking still ahead, the reminder the day before.
 */
import type { Db } from "../../../core/db/database.ts";
import { enqueueBookingMail, enqueueReminder } from "../jobs/topics.ts";
import type { Booking } from "../queries.ts";
import { addDays, tokyoDay, tokyoInstant } from "../tokyo.ts";

/** Reminders go out at 10:00 (Tokyo) the day before the visit. */
export const REMINDER_TIME = "10:00";

/** When the reminder of a visit at `startsAt` is sent, or null when that moment has passed. */
export function reminderTime(startsAt: Date, now: Date): Date | null {
  const at = tokyoInstant(addDays(tokyoDay(startsAt), -1), REMINDER_TIME);
  return at.getTime() > now.getTime() ? at : null;
}

export async function queueBookingEffects(tx: Db, booking: Pick<Booking, "id" | "startsAt">, kind: "confirmed" | "changed" | "cancelled", version: number, now: Date): Promise<void> {
  await enqueueBookingMail(tx, { bookingId: booking.id, kind, version });
  if (kind === "cancelled") return;
  const at = reminderTime(booking.startsAt, now);
  if (at) await enqueueReminder(tx, { bookingId: booking.id, version }, at);
}
