/** Sends a new e-mail code for a pending booking (at most 3 codes per booking). */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isLocale } from "../../../core/i18n/index.ts";
import { enqueueMail } from "../../../core/mail/queue.ts";
import { codeMail } from "../mail.ts";
import { findBookingByManageHash, findOffice, findService, setNewCode } from "../queries.ts";
import { CODE_MINUTES, CODES_MAX_SENT, newEmailCode, sha256 } from "../tokens.ts";

export async function resendCode(options: { db: Db; manageToken: string; now: Date }): Promise<void> {
  await options.db.transaction(async (tx) => {
    const booking = await findBookingByManageHash(tx, sha256(options.manageToken), { forUpdate: true });
    if (!booking || booking.status !== "pending") throw new AppError("not_found", "appointments.booking_not_found");
    if (booking.codesSent >= CODES_MAX_SENT) throw new AppError("rate_limited", "appointments.too_many_codes");
    const [office, service] = await Promise.all([findOffice(tx, booking.officeCode), findService(tx, booking.serviceCode)]);
    const code = newEmailCode();
    await setNewCode(tx, booking.id, sha256(code), new Date(options.now.getTime() + CODE_MINUTES * 60_000));
    const locale = isLocale(booking.locale) ? booking.locale : "ja";
    await enqueueMail(tx, codeMail({ locale, to: booking.email, code, office: office!, service: service!, startsAt: booking.startsAt }), `appt-code:${booking.id}:${booking.codesSent + 1}`);
  });
}
