/** Loading what a request names (404 when it does not exist) and small request helpers. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { listDepartments } from "../../identity/index.ts";
import { residentOwnsBooking } from "../policy.ts";
import { findBooking, findBookingByManageHash, findCounterForService, findOffice, findService, type Booking, type Counter, type Office, type Service } from "../queries.ts";
import { isManageToken, sha256 } from "../tokens.ts";

export const HIDDEN = { schema: { hide: true } } as const;
const MINUTE = 60_000;
export const LIMITS = {
  /** Booking forms (details, code) per client IP. */
  bookPerIp: { max: 20, timeWindow: 15 * MINUTE },
  verifyPerIp: { max: 30, timeWindow: 15 * MINUTE },
  resendPerIp: { max: 5, timeWindow: 15 * MINUTE },
  /** JSON API writes per signed-in resident (or per IP without a session). */
  apiWrites: { max: 30, timeWindow: MINUTE },
} as const;

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;
}

export function field(request: FastifyRequest, name: string): string {
  const value = bodyOf(request)[name];
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "";
}

export function query(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

export async function loadOffice(db: Db, code: string): Promise<Office> {
  const office = await findOffice(db, code);
  if (!office) throw new AppError("not_found", "appointments.office_not_found");
  return office;
}

export async function loadOfficeService(db: Db, officeCode: string, serviceCode: string): Promise<{ office: Office; service: Service; counter: Counter }> {
  const office = await loadOffice(db, officeCode);
  const [service, counter] = await Promise.all([findService(db, serviceCode), findCounterForService(db, officeCode, serviceCode)]);
  if (!service || !counter) throw new AppError("not_found", "appointments.service_not_found");
  return { office, service, counter };
}

export async function loadContext(db: Db, booking: Booking): Promise<{ office: Office; service: Service }> {
  const [office, service] = await Promise.all([findOffice(db, booking.officeCode), findService(db, booking.serviceCode)]);
  if (!office || !service) throw new AppError("not_found", "appointments.booking_not_found");
  return { office, service };
}

export async function bookingByToken(db: Db, token: string): Promise<Booking> {
  if (!isManageToken(token)) throw new AppError("not_found", "appointments.booking_not_found");
  const booking = await findBookingByManageHash(db, sha256(token));
  if (!booking) throw new AppError("not_found", "appointments.booking_not_found");
  return booking;
}

/** A resident's own booking by id; anyone else's is "not found" (guessing ids learns nothing). */
export async function ownBooking(request: FastifyRequest, db: Db, id: string): Promise<Booking> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("not_found", "appointments.booking_not_found");
  const booking = await findBooking(db, id);
  if (!booking || !residentOwnsBooking(request.actor, booking)) throw new AppError("not_found", "appointments.booking_not_found");
  return booking;
}

export async function departmentNames(db: Db, locale: Locale): Promise<Map<string, string>> {
  return new Map((await listDepartments(db)).map((d) => [d.code, locale === "en" ? d.nameEn : d.nameJa]));
}

export function redirect(reply: FastifyReply, url: string): FastifyReply {
  return reply.redirect(url, 303);
}
