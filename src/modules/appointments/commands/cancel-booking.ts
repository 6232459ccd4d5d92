/**
 * Cancels a confirmed booking (by its manage link, by the resident who owns it, or by the API's
 * cancel token): the place goes back to the slot and a cancellation (METHOD:CANCEL) is e-mailed.
 * The caller has already established who may cancel it.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { findBooking, markCancelled, releasePlace, type Booking } from "../queries.ts";
import { queueBookingEffects } from "./booking-effects.ts";

export async function cancelBooking(options: { db: Db; bookingId: string; now: Date }): Promise<Booking> {
  return options.db.transaction(async (tx) => {
    const booking = await findBooking(tx, options.bookingId, { forUpdate: true });
    if (!booking) throw new AppError("not_found", "appointments.booking_not_found");
    if (booking.status === "cancelled") return booking;
    if (booking.status === "checked_in") throw new AppError("conflict", "appointments.already_checked_in");
    if (booking.status !== "confirmed") throw new AppError("not_found", "appointments.booking_not_found");
    if (booking.startsAt.getTime() <= options.now.getTime()) throw new AppError("conflict", "appointments.already_started");
    await releasePlace(tx, booking.counterId, booking.startsAt);
    await markCancelled(tx, booking.id);
    await queueBookingEffects(tx, booking, "cancelled", booking.version, options.now);
    return (await findBooking(tx, booking.id))!;
  });
}
