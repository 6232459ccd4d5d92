/**
 * The module's e-mails, plain text in the person's language: the verification code, the
 * booking confirmation/change/cancellation (with an .ics file), the reminder, and the
 * consultation invitations. Links are absolute (BASE_URL).
 */
import { t, type Locale } from "../../core/i18n/index.ts";
import type { MailMessage } from "../../core/mail/mailer.ts";
import { formatWhen, pick } from "./format.ts";
import type { Booking, Consultation, Office, Service } from "./queries.ts";
import { CODE_MINUTES } from "./tokens.ts";
import "./messages.ts";

const m = (locale: Locale, key: string, params?: Record<string, string | number>) => t(locale, `appointments.${key}`, params);

function body(locale: Locale, parts: string[]): string {
  return `${[...parts, m(locale, "mail.signature")].join("\n\n")}\n`;
}

export function codeMail(o: { locale: Locale; to: string; code: string; office: Office; service: Service; startsAt: Date }): Omit<MailMessage, "attachments"> {
  return {
    to: o.to,
    subject: m(o.locale, "mail.codeSubject", { code: o.code }),
    text: body(o.locale, [
      m(o.locale, "mail.codeIntro", { office: pick(o.office.name, o.locale), service: pick(o.service.name, o.locale) }),
      m(o.locale, "mail.codeLine", { code: o.code }),
      m(o.locale, "mail.codeValidity", { minutes: CODE_MINUTES }),
      m(o.locale, "mail.notYou"),
    ]),
  };
}

export type BookingMailKind = "confirmed" | "changed" | "cancelled" | "reminder";

export function bookingMail(o: { locale: Locale; booking: Booking; office: Office; service: Service; manageUrl: string | null; kind: BookingMailKind }): Omit<MailMessage, "attachments"> {
  const { locale, booking, office, service } = o;
  const when = formatWhen(booking.startsAt, booking.endsAt, locale);
  const details = [
    `${m(locale, "mail.reference")}: ${booking.reference}`,
    `${m(locale, "mail.when")}: ${when}`,
    `${m(locale, "mail.where")}: ${pick(office.name, locale)}（${pick(office.address, locale)}）`,
    `${m(locale, "mail.what")}: ${pick(service.name, locale)}`,
    `${m(locale, "mail.checkInCode")}: ${booking.checkinToken}`,
  ].join("\n");
  const parts = [m(locale, `mail.${o.kind}Intro`, { name: booking.name }), details];
  if (o.kind !== "cancelled") parts.push(m(locale, "mail.bring"));
  if (o.manageUrl && o.kind !== "cancelled") parts.push(`${m(locale, "mail.manage")}\n${o.manageUrl}`);
  if (o.kind !== "reminder" && o.kind !== "cancelled") parts.push(m(locale, "mail.icsAttached"));
  return { to: booking.email, subject: m(locale, `mail.${o.kind}Subject`, { when }), text: body(locale, parts) };
}

export function consultationMail(o: { locale: Locale; consultation: Consultation; department: string; to: string; forStaff: boolean; cancelled: boolean; pageUrl: string }): Omit<MailMessage, "attachments"> {
  const { locale, consultation } = o;
  const when = formatWhen(consultation.startsAt, consultation.endsAt, locale);
  const link = o.forStaff ? consultation.hostUrl : consultation.joinUrl;
  const parts = [
    m(locale, o.cancelled ? "mail.consultationCancelledIntro" : o.forStaff ? "mail.consultationStaffIntro" : "mail.consultationIntro", { department: o.department }),
    [`${m(locale, "mail.reference")}: ${consultation.reference}`, `${m(locale, "mail.when")}: ${when}`, `${m(locale, "mail.department")}: ${o.department}`].join("\n"),
  ];
  if (!o.cancelled && link) parts.push(`${m(locale, "mail.meetingLink")}\n${link}`);
  if (o.forStaff && !o.cancelled) parts.push(`${m(locale, "mail.topic")}:\n${consultation.topic}`);
  parts.push(`${m(locale, "mail.details")}\n${o.pageUrl}`);
  return { to: o.to, subject: m(locale, o.cancelled ? "mail.consultationCancelledSubject" : "mail.consultationSubject", { when }), text: body(locale, parts) };
}
