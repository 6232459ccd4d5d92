/**
 * Moves a confirmed booking to another slot of the same service and office, in one transaction:
 * a place is taken in the new slot (409 満席 when there is none) and given back in the old one.
 * The two slot rows are always locked in time order, so two people swapping times cannot
 * deadlock. The version grows: the new .ics replaces the old event, the old reminder is void.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { findBooking, findCounterForService, moveBooking, releasePlace, type Booking } from "../queries.ts";
import { queueBookingEffects } from "./booking-effects.ts";
import { reservePlace } from "./reserve-place.ts";

export async function changeBooking(options: { db: Db; bookingId: string; startsAt: Date; now: Date }): Promise<Booking> {
  return options.db.transaction(async (tx) => {
    const booking = await findBooking(tx, options.bookingId, { forUpdate: true });
    if (!booking || booking.status !== "confirmed") throw new AppError("not_found", "appointments.booking_not_found");
    if (booking.startsAt.getTime() <= options.now.getTime()) throw new AppError("conflict", "appointments.already_started");
    if (booking.startsAt.getTime() === options.startsAt.getTime()) return booking;
    const counter = await findCounterForService(tx, booking.officeCode, booking.serviceCode);
    if (!counter) throw new AppError("not_found", "appointments.service_not_found");
    const releaseFirst = booking.counterId !== counter.id || booking.startsAt.getTime() < options.startsAt.getTime();
    if (releaseFirst) await releasePlace(tx, booking.counterId, booking.startsAt);
    const place = await reservePlace(tx, counter, options.startsAt, options.now);
    if (!releaseFirst) await releasePlace(tx, booking.counterId, booking.startsAt);
    const version = await moveBooking(tx, booking.id, counter.id, place.startsAt, place.endsAt);
    const moved = (await findBooking(tx, booking.id))!;
    await queueBookingEffects(tx, moved, "changed", version, options.now);
    return moved;
  });
}
