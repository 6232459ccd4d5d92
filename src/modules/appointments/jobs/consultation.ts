/**
 * Job handlers for consultations: create the meeting with the provider (the consultation row
 * is locked meanwhile, so a retried job never creates a second meeting for a consultation that
 * already has one), then e-mail both sides an invitation (.ics METHOD:REQUEST with ORGANIZER and
 * ATTENDEEs); on cancellation, cancel the meeting and send METHOD:CANCEL.
 */
import type { Db } from "../../../core/db/database.ts";
import { isLocale, type Locale } from "../../../core/i18n/index.ts";
import type { Mailer } from "../../../core/mail/mailer.ts";
import { listDepartments } from "../../identity/index.ts";
import { buildCalendar } from "../ics.ts";
import { consultationMail } from "../mail.ts";
import type { MeetingProvider } from "../meetings/provider.ts";
import { findAvailability, findConsultation, setMeeting, type Consultation } from "../queries.ts";
import type { ConsultationPayload } from "./topics.ts";

export type ConsultationJobDeps = { db: Db; mailer: Mailer; provider: MeetingProvider; baseUrl: () => string; mailFrom: string };

async function departmentName(db: Db, code: string, locale: Locale): Promise<string> {
  const department = (await listDepartments(db)).find((d) => d.code === code);
  if (!department) return code;
  return locale === "en" ? department.nameEn : department.nameJa;
}

/** The address part of MAIL_FROM ("Machi <no-reply@…>" → no-reply@…). */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

async function sendInvitations(deps: ConsultationJobDeps, consultation: Consultation, cancelled: boolean): Promise<void> {
  const availability = await findAvailability(deps.db, consultation.availabilityId);
  if (!availability) return;
  const residentLocale: Locale = isLocale(consultation.locale) ? consultation.locale : "ja";
  const department = await departmentName(deps.db, consultation.departmentCode, residentLocale);
  const method = cancelled ? "CANCEL" : "REQUEST";
  const ics = buildCalendar({
    uid: `consultation-${consultation.id}@machi`,
    sequence: consultation.sequence,
    startsAt: consultation.startsAt,
    endsAt: consultation.endsAt,
    summary: residentLocale === "en" ? `Online consultation: ${department}` : `オンライン相談（${department}）`,
    location: consultation.joinUrl ?? "",
    description: consultation.reference,
    url: consultation.joinUrl ?? undefined,
    method,
    organizer: { name: department, email: addressOf(deps.mailFrom) },
    attendees: [
      { name: consultation.residentName, email: consultation.residentEmail },
      { name: availability.staffName, email: availability.staffEmail },
    ],
  });
  const attachment = { filename: "invite.ics", content: Buffer.from(ics, "utf8"), contentType: `text/calendar; charset=utf-8; method=${method}` };
  const base = deps.baseUrl();
  await deps.mailer.send({
    ...consultationMail({ locale: residentLocale, consultation, department, to: consultation.residentEmail, forStaff: false, cancelled, pageUrl: `${base}/consultations/mine/${consultation.id}` }),
    attachments: [attachment],
  });
  await deps.mailer.send({
    ...consultationMail({ locale: "ja", consultation, department: await departmentName(deps.db, consultation.departmentCode, "ja"), to: availability.staffEmail, forStaff: true, cancelled, pageUrl: `${base}/staff/appointments/consultations` }),
    attachments: [attachment],
  });
}

export function consultationMeetingHandler(deps: ConsultationJobDeps) {
  return async (raw: Record<string, unknown>): Promise<void> => {
    const { consultationId } = raw as unknown as ConsultationPayload;
    const consultation = await deps.db.transaction(async (tx) => {
      const current = await findConsultation(tx, consultationId, { forUpdate: true });
      if (!current || current.status !== "confirmed") return null;
      if (current.joinUrl) return current;
      const meeting = await deps.provider.createMeeting({
        consultationId: current.id,
        topic: `Machi ${current.reference}`,
        startsAt: current.startsAt,
        durationMinutes: Math.round((current.endsAt.getTime() - current.startsAt.getTime()) / 60_000),
        agenda: current.reference,
      });
      await setMeeting(tx, current.id, meeting);
      return (await findConsultation(tx, current.id))!;
    });
    if (consultation) await sendInvitations(deps, consultation, false);
  };
}

export function consultationCancelHandler(deps: ConsultationJobDeps) {
  return async (raw: Record<string, unknown>): Promise<void> => {
    const { consultationId } = raw as unknown as ConsultationPayload;
    const consultation = await findConsultation(deps.db, consultationId);
    if (!consultation || consultation.status !== "cancelled") return;
    if (consultation.meetingId && consultation.provider === deps.provider.name) await deps.provider.cancelMeeting(consultation.meetingId);
    await sendInvitations(deps, consultation, true);
  };
}
