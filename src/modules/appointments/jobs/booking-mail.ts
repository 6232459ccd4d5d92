/**
 * Job handlers for counter bookings: the confirmation/change/cancellation e-mail with its .ics
 * file (sent straight through the mailer because the mail outbox does not carry attachments;
 * the job itself is the durable, retried unit), and the reminder the day before (idempotent: a
 * booking version gets one reminder, a changed or cancelled booking none for its old time).
 */
import type { Db } from "../../../core/db/database.ts";
import { isLocale, type Locale } from "../../../core/i18n/index.ts";
import { enqueueMail } from "../../../core/mail/queue.ts";
import type { Mailer } from "../../../core/mail/mailer.ts";
import { pick } from "../format.ts";
import { buildCalendar } from "../ics.ts";
import { bookingMail } from "../mail.ts";
import { addManageToken, claimReminder, findBooking, findOffice, findService, type Booking } from "../queries.ts";
import { newManageToken, sha256 } from "../tokens.ts";
import type { BookingMailPayload, ReminderPayload } from "./topics.ts";

export type MailJobDeps = { db: Db; mailer: Mailer; baseUrl: () => string };

function localeOf(booking: Booking): Locale {
  return isLocale(booking.locale) ? booking.locale : "ja";
}

/** A fresh change/cancel link for an e-mail (only its hash is stored). */
async function manageUrl(deps: MailJobDeps, bookingId: string): Promise<string> {
  const token = newManageToken();
  await addManageToken(deps.db, bookingId, sha256(token));
  return `${deps.baseUrl()}/appointments/manage/${token}`;
}

export function bookingCalendar(booking: Booking, office: { name: { ja: string; en: string }; address: { ja: string; en: string } }, service: { name: { ja: string; en: string } }, locale: Locale, method: "PUBLISH" | "CANCEL", url?: string): string {
  return buildCalendar({
    uid: `booking-${booking.id}@machi`,
    sequence: booking.version - 1 + (method === "CANCEL" ? 1 : 0),
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    summary: `${pick(service.name, locale)}（${pick(office.name, locale)}）`,
    location: `${pick(office.name, locale)} ${pick(office.address, locale)}`,
    description: `${booking.reference} / ${booking.checkinToken}`,
    url,
    method,
  });
}

export function bookingMailHandler(deps: MailJobDeps) {
  return async (raw: Record<string, unknown>): Promise<void> => {
    const payload = raw as unknown as BookingMailPayload;
    const booking = await findBooking(deps.db, payload.bookingId);
    if (!booking) return;
    // A newer change makes this message stale: its own job sends the current one.
    if (payload.kind !== "cancelled" && (booking.version !== payload.version || booking.status === "cancelled")) return;
    const [office, service] = await Promise.all([findOffice(deps.db, booking.officeCode), findService(deps.db, booking.serviceCode)]);
    if (!office || !service) return;
    const locale = localeOf(booking);
    const url = payload.kind === "cancelled" ? null : await manageUrl(deps, booking.id);
    const message = bookingMail({ locale, booking, office, service, manageUrl: url, kind: payload.kind });
    const method = payload.kind === "cancelled" ? "CANCEL" : "PUBLISH";
    const ics = bookingCalendar(booking, office, service, locale, method, url ?? undefined);
    await deps.mailer.send({
      ...message,
      attachments: [{ filename: "appointment.ics", content: Buffer.from(ics, "utf8"), contentType: `text/calendar; charset=utf-8; method=${method}` }],
    });
  };
}

export function reminderHandler(deps: MailJobDeps) {
  return async (raw: Record<string, unknown>): Promise<void> => {
    const payload = raw as unknown as ReminderPayload;
    const booking = await findBooking(deps.db, payload.bookingId);
    if (!booking || booking.status !== "confirmed" || booking.version !== payload.version) return;
    const [office, service] = await Promise.all([findOffice(deps.db, booking.officeCode), findService(deps.db, booking.serviceCode)]);
    if (!office || !service) return;
    const url = await manageUrl(deps, booking.id);
    await deps.db.transaction(async (tx) => {
      if (!(await claimReminder(tx, booking.id, payload.version))) return;
      await enqueueMail(tx, bookingMail({ locale: localeOf(booking), booking, office, service, manageUrl: url, kind: "reminder" }), `appt-reminder-mail:${booking.id}:${payload.version}`);
    });
  };
}
