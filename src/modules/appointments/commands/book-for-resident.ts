/**
 * Booking by a signed-in resident (web or JSON API): the account's address is already known,
 * so the place is taken and the booking confirmed in one transaction, without a code.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { assertResident } from "../../identity/index.ts";
import { insertBooking, type Booking, type Counter, type Office, type Service } from "../queries.ts";
import { newCheckInToken, newManageToken, sha256 } from "../tokens.ts";
import { queueBookingEffects } from "./booking-effects.ts";
import { reservePlace } from "./reserve-place.ts";

export type BookForResidentOptions = {
  db: Db;
  actor: Actor;
  office: Office;
  service: Service;
  counter: Counter;
  startsAt: Date;
  /** Name and phone to give at the counter; default the account's name. */
  name?: string;
  phone?: string | null;
  locale: Locale;
  source: "resident" | "api";
  now: Date;
};

export async function bookForResident(options: BookForResidentOptions): Promise<{ booking: Booking; manageToken: string; remaining: number }> {
  const actor = assertResident(options.actor);
  const manageToken = newManageToken();
  return options.db.transaction(async (tx) => {
    const place = await reservePlace(tx, options.counter, options.startsAt, options.now);
    const booking = await insertBooking(tx, {
      counterId: options.counter.id,
      officeCode: options.office.code,
      serviceCode: options.service.code,
      startsAt: place.startsAt,
      endsAt: place.endsAt,
      status: "confirmed",
      source: options.source,
      userId: actor.id,
      name: options.name?.trim() || actor.displayName,
      email: actor.email,
      phone: options.phone ?? null,
      locale: options.locale,
      codeHash: null,
      codeExpiresAt: null,
      manageTokenHash: sha256(manageToken),
      checkinToken: newCheckInToken(),
      emailVerified: true,
    });
    await queueBookingEffects(tx, booking, "confirmed", booking.version, options.now);
    return { booking, manageToken, remaining: place.remaining };
  });
}
