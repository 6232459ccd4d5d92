/**
 * 整理券: a number for a counter's queue today — for a walk-in (staff press 「整理券を発行」) or a
 * checked-in booking. Numbers are per counter and day ("A-001", "A-002" …), allocated by one
 * upsert so that two issuers never get the same number. Audited.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { findCounter, findOffice, insertTicket, nextTicketNumber, type Counter, type Office, type Ticket } from "../queries.ts";
import { assertOfficeStaff } from "../policy.ts";
import { tokyoDay } from "../tokyo.ts";

export function ticketLabel(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(3, "0")}`;
}

export async function issueTicketInTx(tx: Db, o: { office: Office; counter: Counter; day: string; bookingId: string | null; staffId: string }): Promise<Ticket> {
  const number = await nextTicketNumber(tx, o.counter.id, o.day);
  return insertTicket(tx, { officeCode: o.office.code, counterId: o.counter.id, day: o.day, number, label: ticketLabel(o.counter.queuePrefix, number), bookingId: o.bookingId, issuedBy: o.staffId });
}

export async function issueWalkInTicket(options: { db: Db; actor: Actor; officeCode: string; counterId: string; now: Date }): Promise<Ticket> {
  const office = await findOffice(options.db, options.officeCode);
  if (!office) throw new AppError("not_found", "appointments.office_not_found");
  const staff = assertOfficeStaff(options.actor, office);
  const counter = await findCounter(options.db, options.counterId);
  if (!counter || counter.officeCode !== office.code) throw new AppError("not_found", "appointments.counter_not_found");
  return options.db.transaction(async (tx) => {
    const ticket = await issueTicketInTx(tx, { office, counter, day: tokyoDay(options.now), bookingId: null, staffId: staff.id });
    await appendAudit(tx, {
      actorId: staff.id, actorLabel: `staff:${staff.email}`, action: "appointments.ticket_issued", objectType: "appt_queue_ticket",
      objectId: ticket.id, departmentCode: office.departmentCode, data: { label: ticket.label, counter: counter.code, walkIn: true },
    });
    return ticket;
  });
}
