/**
 * Staff set or remove a day's exception for a counter (closed, other hours, other capacity).
 * Bookings already made stay valid — closing a day with bookings reports how many there are so
 * that staff can contact those people; a lower capacity never goes below the places taken. Audited.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { deleteException, findCounter, findOffice, listBookingsOfDay, setSlotCapacity, upsertException } from "../queries.ts";
import { assertOfficeStaff } from "../policy.ts";
import type { DayException } from "../schedule.ts";
import { addDays, tokyoInstant } from "../tokyo.ts";

export type SetDayExceptionOptions = {
  db: Db;
  actor: Actor;
  officeCode: string;
  counterId: string;
  /** The exception, or null to go back to the rule for that day. */
  exception: DayException | null;
  day: string;
};

export async function setDayException(options: SetDayExceptionOptions): Promise<{ bookingsThatDay: number }> {
  const office = await findOffice(options.db, options.officeCode);
  if (!office) throw new AppError("not_found", "appointments.office_not_found");
  const staff = assertOfficeStaff(options.actor, office);
  const counter = await findCounter(options.db, options.counterId);
  if (!counter || counter.officeCode !== office.code) throw new AppError("not_found", "appointments.counter_not_found");
  const from = tokyoInstant(options.day, "00:00");
  const to = tokyoInstant(addDays(options.day, 1), "00:00");
  return options.db.transaction(async (tx) => {
    if (options.exception) await upsertException(tx, counter.id, options.exception, staff.id);
    else await deleteException(tx, counter.id, options.day);
    await setSlotCapacity(tx, counter.id, from, to, options.exception && !options.exception.closed ? (options.exception.capacity ?? counter.rule.capacity) : counter.rule.capacity);
    const bookings = (await listBookingsOfDay(tx, office.code, from, to)).filter((b) => b.counterId === counter.id);
    await appendAudit(tx, {
      actorId: staff.id, actorLabel: `staff:${staff.email}`, action: options.exception ? "appointments.exception_set" : "appointments.exception_removed",
      objectType: "appt_counter", objectId: counter.id, departmentCode: office.departmentCode,
      data: { day: options.day, closed: options.exception?.closed ?? null, opens: options.exception?.opens ?? null, closes: options.exception?.closes ?? null, capacity: options.exception?.capacity ?? null },
    });
    return { bookingsThatDay: bookings.length };
  });
}
