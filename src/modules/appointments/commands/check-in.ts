/**
 * Check-in at the counter: staff scan the QR code (or type its token); the booking must belong
 * to one of their offices (otherwise it is "not found": staff of another ward learn nothing
 * about it) and be for today. The visitor gets a 整理券 number at once; audited.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { findBookingByCheckInToken, findCounter, findOffice, findTicketOfBooking, markCheckedIn, type Booking, type Ticket } from "../queries.ts";
import { assertOfficeStaff, canHandleOffice } from "../policy.ts";
import { normalizeCheckInToken } from "../tokens.ts";
import { tokyoDay } from "../tokyo.ts";
import { issueTicketInTx } from "./issue-ticket.ts";

export async function checkIn(options: { db: Db; actor: Actor; officeCode: string; token: string; now: Date }): Promise<{ booking: Booking; ticket: Ticket; already: boolean }> {
  const office = await findOffice(options.db, options.officeCode);
  if (!office) throw new AppError("not_found", "appointments.office_not_found");
  const staff = assertOfficeStaff(options.actor, office);
  const token = normalizeCheckInToken(options.token);
  if (!token) throw new AppError("invalid_input", "appointments.checkin_token_invalid");
  return options.db.transaction(async (tx) => {
    const booking = await findBookingByCheckInToken(tx, token, { forUpdate: true });
    if (!booking || booking.officeCode !== office.code || !canHandleOffice(staff, office)) throw new AppError("not_found", "appointments.checkin_not_found");
    if (booking.status === "checked_in") {
      const ticket = await findTicketOfBooking(tx, booking.id);
      if (ticket) return { booking, ticket, already: true };
    }
    if (booking.status !== "confirmed" && booking.status !== "checked_in") throw new AppError("conflict", "appointments.checkin_not_confirmed");
    const today = tokyoDay(options.now);
    if (tokyoDay(booking.startsAt) !== today) throw new AppError("conflict", "appointments.checkin_not_today", { day: tokyoDay(booking.startsAt) });
    const counter = await findCounter(tx, booking.counterId);
    await markCheckedIn(tx, booking.id, staff.id);
    const ticket = await issueTicketInTx(tx, { office, counter: counter!, day: today, bookingId: booking.id, staffId: staff.id });
    await appendAudit(tx, {
      actorId: staff.id,
      actorLabel: `staff:${staff.email}`,
      action: "appointments.checked_in",
      objectType: "appt_booking",
      objectId: booking.id,
      departmentCode: office.departmentCode,
      data: { reference: booking.reference, ticket: ticket.label },
    });
    return { booking: { ...booking, status: "checked_in" as const }, ticket, already: false };
  });
}
