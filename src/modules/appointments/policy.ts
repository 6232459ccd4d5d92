/**
 * Who may do what with appointments.
 * - A ward office's counters, bookings, queue and day exceptions are handled by the staff of the
 *   office's department (e.g. 'ward-kita'); staff of another ward see nothing of them (404 for
 *   objects found by token, 403 for pages named by office).
 * - A booking is changed or cancelled by whoever holds its manage link, or by the resident whose
 *   account made it.
 * - A consultation is seen by its resident and by the staff of its department.
 */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../core/http/actor.ts";
import { AppError } from "../../core/http/errors.ts";
import { assertStaff, canHandleDepartment, staffDepartmentCodes } from "../identity/index.ts";
import type { Booking, Consultation, Office } from "./queries.ts";

export function canHandleOffice(actor: Actor | null | undefined, office: Pick<Office, "departmentCode">): boolean {
  return canHandleDepartment(actor, office.departmentCode);
}

/** Staff of the office; throws 'unauthenticated' or 'forbidden'. */
export function assertOfficeStaff(actor: Actor | null | undefined, office: Pick<Office, "departmentCode">): Actor {
  const staff = assertStaff(actor);
  if (!canHandleOffice(staff, office)) throw new AppError("forbidden", "appointments.other_office");
  return staff;
}

export function requireOfficeStaff(request: FastifyRequest, office: Pick<Office, "departmentCode">): Actor {
  return assertOfficeStaff(request.actor, office);
}

/** The offices (of those given) a staff member handles. */
export function officesOf<T extends Pick<Office, "departmentCode">>(actor: Actor | null | undefined, offices: T[]): T[] {
  const codes = staffDepartmentCodes(actor);
  return offices.filter((o) => codes.includes(o.departmentCode));
}

export function residentOwnsBooking(actor: Actor | null | undefined, booking: Pick<Booking, "userId">): boolean {
  return actor?.kind === "resident" && booking.userId !== null && booking.userId === actor.id;
}

export function canSeeConsultation(actor: Actor | null | undefined, consultation: Pick<Consultation, "userId" | "departmentCode">): boolean {
  if (actor?.kind === "resident") return actor.id === consultation.userId;
  return canHandleDepartment(actor, consultation.departmentCode);
}
