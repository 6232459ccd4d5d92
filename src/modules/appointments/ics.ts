/**
 * iCalendar (RFC 5545) files for bookings and consultations, written with ical-generator:
 * CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, text escaped.
 * Times are in UTC ("…Z"), which every calendar shows in the reader's own zone, so no VTIMEZONE
 * is needed. A counter booking is sent as METHOD:PUBLISH (an event to add), a consultation as
 * METHOD:REQUEST with ORGANIZER and ATTENDEEs (an invitation); cancellations as METHOD:CANCEL.
 * The UID stays the same across changes and SEQUENCE grows, so calendars update the event.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export type CalendarEventInput = {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  url?: string;
  method: "PUBLISH" | "REQUEST" | "CANCEL";
  organizer?: { name: string; email: string };
  attendees?: Array<{ name: string; email: string }>;
  stamp?: Date;
};

export const ICS_PRODID = "-//Machi//Appointments//JA";

export function buildCalendar(input: CalendarEventInput): string {
  const calendar = ical({ prodId: ICS_PRODID, method: ICalCalendarMethod[input.method] });
  const event = calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp ?? new Date(),
    start: input.startsAt,
    end: input.endsAt,
    summary: input.summary,
    location: input.location,
    description: input.description,
    status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (input.url) event.url(input.url);
  if (input.organizer) event.organizer({ name: input.organizer.name, email: input.organizer.email });
  for (const attendee of input.attendees ?? []) {
    event.createAttendee({ name: attendee.name, email: attendee.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: input.method === "REQUEST" });
  }
  // RFC 5545 ends every content line with CRLF, the last one too.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
