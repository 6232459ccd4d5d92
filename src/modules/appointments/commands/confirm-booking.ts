/**
 * Booking without an account, step 2: the code from the e-mail is checked (5 attempts, 10
 * minutes), then one place is taken in the slot and the booking is confirmed — or, when the
 * slot filled up meanwhile, the person is told so (409 満席) and their confirmed address is
 * remembered, so that choosing another time needs no second code.
 */
import type { Db } from "../../../core/db/database.ts";
import { isAppError } from "../../../core/http/errors.ts";
import { findBooking, findBookingByManageHash, findCounter, markConfirmed, markEmailVerified, recordCodeAttempt, type Booking } from "../queries.ts";
import { CODE_MAX_ATTEMPTS, codeMatches, sha256 } from "../tokens.ts";
import { queueBookingEffects } from "./booking-effects.ts";
import { reservePlace } from "./reserve-place.ts";

export type ConfirmError = "not_found" | "closed" | "code_wrong" | "code_expired" | "code_locked" | "slot_full" | "slot_unavailable";
export type ConfirmResult = { ok: true; booking: Booking; already: boolean } | { ok: false; error: ConfirmError; attemptsLeft?: number; booking?: Booking };

export type ConfirmPendingOptions = {
  db: Db;
  manageToken: string;
  /** The typed code; null when the address was confirmed before (see startBooking's previousToken). */
  code: string | null;
  now: Date;
};

export async function confirmPending(options: ConfirmPendingOptions): Promise<ConfirmResult> {
  const { db, now } = options;
  return db.transaction(async (tx): Promise<ConfirmResult> => {
    const booking = await findBookingByManageHash(tx, sha256(options.manageToken), { forUpdate: true });
    if (!booking) return { ok: false, error: "not_found" };
    if (booking.status === "confirmed" || booking.status === "checked_in") return { ok: true, booking, already: true };
    if (booking.status !== "pending") return { ok: false, error: "closed", booking };
    if (!booking.emailVerifiedAt) {
      if (options.code === null) return { ok: false, error: "code_wrong", booking };
      if (booking.codeAttempts >= CODE_MAX_ATTEMPTS) return { ok: false, error: "code_locked", booking };
      if (!booking.codeExpiresAt || booking.codeExpiresAt.getTime() < now.getTime()) return { ok: false, error: "code_expired", booking };
      if (!codeMatches(options.code, booking.codeHash)) {
        await recordCodeAttempt(tx, booking.id);
        const attemptsLeft = CODE_MAX_ATTEMPTS - booking.codeAttempts - 1;
        return { ok: false, error: attemptsLeft <= 0 ? "code_locked" : "code_wrong", attemptsLeft, booking };
      }
      await markEmailVerified(tx, booking.id);
    }
    const counter = await findCounter(tx, booking.counterId);
    if (!counter) return { ok: false, error: "not_found" };
    try {
      // A savepoint: when the slot is full, the confirmed address is still kept.
      await tx.transaction(async (sp) => {
        await reservePlace(sp, counter, booking.startsAt, now);
        await markConfirmed(sp, booking.id);
        await queueBookingEffects(sp, booking, "confirmed", booking.version, now);
      });
    } catch (error) {
      if (isAppError(error) && error.reason === "appointments.slot_full") return { ok: false, error: "slot_full", booking };
      if (isAppError(error) && (error.reason === "appointments.slot_unknown" || error.reason === "appointments.slot_past")) return { ok: false, error: "slot_unavailable", booking };
      throw error;
    }
    return { ok: true, booking: (await findBooking(tx, booking.id))!, already: false };
  });
}
