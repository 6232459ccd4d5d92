/** 次の方: the counter's current number is marked served and the lowest waiting number is called. Audited. */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { callNextTicket, findCounter, findOffice, type Ticket } from "../queries.ts";
import { assertOfficeStaff } from "../policy.ts";
import { tokyoDay } from "../tokyo.ts";

export async function callNext(options: { db: Db; actor: Actor; officeCode: string; counterId: string; now: Date }): Promise<Ticket | null> {
  const office = await findOffice(options.db, options.officeCode);
  if (!office) throw new AppError("not_found", "appointments.office_not_found");
  const staff = assertOfficeStaff(options.actor, office);
  const counter = await findCounter(options.db, options.counterId);
  if (!counter || counter.officeCode !== office.code) throw new AppError("not_found", "appointments.counter_not_found");
  return options.db.transaction(async (tx) => {
    const ticket = await callNextTicket(tx, counter.id, tokyoDay(options.now), staff.id);
    await appendAudit(tx, {
      actorId: staff.id, actorLabel: `staff:${staff.email}`, action: "appointments.ticket_called", objectType: "appt_queue_ticket",
      objectId: ticket?.id ?? null, departmentCode: office.departmentCode, data: { counter: counter.code, label: ticket?.label ?? null },
    });
    return ticket;
  });
}
