/**
 * The module's background jobs (outbox topics) and their typed payloads. Jobs are written in the
 * same transaction as the change that causes them; idempotency keys make a second write a no-op.
 */
import type { Db } from "../../../core/db/database.ts";
import { enqueue, outbox } from "../../../core/jobs/outbox.ts";

export const TOPICS = {
  /** Confirmation, change or cancellation e-mail of a counter booking, with its .ics file. */
  bookingMail: "appointments.booking-mail",
  /** The reminder the day before (run_at), sent once per booking version. */
  reminder: "appointments.reminder",
  /** Create the meeting of a consultation with the provider, then invite both sides. */
  consultationMeeting: "appointments.consultation-meeting",
  /** Cancel a consultation's meeting and send the cancellations. */
  consultationCancel: "appointments.consultation-cancel",
} as const;

export type BookingMailPayload = { bookingId: string; kind: "confirmed" | "changed" | "cancelled"; version: number };
export type ReminderPayload = { bookingId: string; version: number };
export type ConsultationPayload = { consultationId: string };

export async function enqueueBookingMail(tx: Db, payload: BookingMailPayload): Promise<void> {
  await enqueue(tx, TOPICS.bookingMail, payload, `appt-mail:${payload.bookingId}:${payload.kind}:${payload.version}`);
}

/**
 * Queues the reminder to run at `runAt`. The core `enqueue` always runs now, so this writes the
 * outbox row through its table definition with a run_at (same idempotency rule).
 */
export async function enqueueReminder(tx: Db, payload: ReminderPayload, runAt: Date): Promise<void> {
  await tx
    .insert(outbox)
    .values({ topic: TOPICS.reminder, payload, idempotencyKey: `appt-reminder:${payload.bookingId}:${payload.version}`, runAt })
    .onConflictDoNothing({ target: outbox.idempotencyKey });
}

export async function enqueueConsultationMeeting(tx: Db, payload: ConsultationPayload): Promise<void> {
  await enqueue(tx, TOPICS.consultationMeeting, payload, `appt-meeting:${payload.consultationId}`);
}

export async function enqueueConsultationCancel(tx: Db, payload: ConsultationPayload): Promise<void> {
  await enqueue(tx, TOPICS.consultationCancel, payload, `appt-meeting-cancel:${payload.consultationId}`);
}
