/**
 * Booking without an account, step 1: the person's details are kept in a pending booking and a
 * 6-digit code is e-mailed to the address. A pending booking takes no place (so nobody can
 * block a slot with addresses they do not own); the place is taken when the code is confirmed.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { enqueueMail } from "../../../core/mail/queue.ts";
import { codeMail } from "../mail.ts";
import { findBookingByManageHash, insertBooking, repointPending, type Booking, type Counter, type Office, type Service } from "../queries.ts";
import type { BookingDetails } from "../schema.ts";
import { CODE_MINUTES, newCheckInToken, newEmailCode, newManageToken, sha256 } from "../tokens.ts";
import { confirmPending, type ConfirmResult } from "./confirm-booking.ts";
import { plannedSlot } from "./reserve-place.ts";

export type StartBookingOptions = {
  db: Db;
  office: Office;
  service: Service;
  counter: Counter;
  startsAt: Date;
  details: BookingDetails;
  locale: Locale;
  now: Date;
  /**
   * The manage token of an earlier pending booking of this person whose slot filled up: when its
   * address was already confirmed with the code, the new slot is booked at once with it.
   */
  previousToken?: string | null;
};

export type StartBookingResult =
  | { kind: "code_sent"; booking: Booking; manageToken: string }
  | { kind: "confirmed"; result: Extract<ConfirmResult, { ok: true }>; manageToken: string };

export async function startBooking(options: StartBookingOptions): Promise<StartBookingResult> {
  const { db, office, service, counter, startsAt, details, locale, now } = options;
  const slot = await plannedSlot(db, counter, startsAt, now);

  if (options.previousToken) {
    const previous = await findBookingByManageHash(db, sha256(options.previousToken));
    if (previous && previous.status === "pending" && previous.emailVerifiedAt && previous.email === details.email && previous.serviceCode === service.code) {
      await db.transaction(async (tx) => repointPending(tx, previous.id, counter.id, slot.startsAt, slot.endsAt, { name: details.name, phone: details.phone }));
      const result = await confirmPending({ db, manageToken: options.previousToken, code: null, now });
      if (result.ok) return { kind: "confirmed", result, manageToken: options.previousToken };
      if (result.error === "slot_full") throw new AppError("conflict", "appointments.slot_full");
    }
  }

  const manageToken = newManageToken();
  const code = newEmailCode();
  const booking = await db.transaction(async (tx) => {
    const created = await insertBooking(tx, {
      counterId: counter.id,
      officeCode: office.code,
      serviceCode: service.code,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: "pending",
      source: "web",
      userId: null,
      name: details.name,
      email: details.email,
      phone: details.phone,
      locale,
      codeHash: sha256(code),
      codeExpiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      manageTokenHash: sha256(manageToken),
      checkinToken: newCheckInToken(),
      emailVerified: false,
    });
    await enqueueMail(tx, codeMail({ locale, to: details.email, code, office, service, startsAt: slot.startsAt }), `appt-code:${created.id}:1`);
    return created;
  });
  return { kind: "code_sent", booking, manageToken };
}
