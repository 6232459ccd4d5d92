/**
 * SQL of the appointments module, for its own tables (appt_*) only. Every function takes the
 * database or the caller's transaction first.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import type { LocalizedPair } from "./types.ts";
import type { CounterRule, DayException } from "./schedule.ts";
import type { BookingSource, BookingStatus, ConsultationStatus, TicketStatus } from "./tables.ts";

/** Timestamps come back from raw SQL as strings (drizzle's driver setting): make them Dates. */
function withDates<T extends Record<string, unknown>>(row: T, keys: readonly (keyof T)[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const key of keys) {
    const value = row[key];
    if (value !== null && value !== undefined && !(value instanceof Date)) out[key as string] = new Date(value as string);
  }
  return out as T;
}
const BOOKING_DATES = ["startsAt", "endsAt", "codeExpiresAt", "createdAt", "confirmedAt", "cancelledAt", "checkedInAt", "emailVerifiedAt"] as const;
const booking = (row: Booking): Booking => withDates(row, BOOKING_DATES);
const TICKET_DATES = ["issuedAt", "calledAt"] as const;
const ticket = (row: Ticket): Ticket => withDates(row, TICKET_DATES);
const availability = (row: Availability): Availability => withDates(row, ["startsAt", "endsAt"] as const);
const consultation = (row: Consultation): Consultation => withDates(row, ["startsAt", "endsAt", "createdAt"] as const);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and forms: anything that is not a uuid names nothing (instead of a cast error). */
export const isUuid = (value: string): boolean => UUID.test(value);

// ---------------------------------------------------------------------------------------------
// Offices, services, counters

export type Office = { code: string; departmentCode: string; name: LocalizedPair; address: LocalizedPair };
export type Service = { code: string; name: LocalizedPair; description: LocalizedPair };
export type Counter = { id: string; officeCode: string; code: string; name: LocalizedPair; rule: CounterRule; queuePrefix: string };
export type OfferedService = Service & { counterId: string };

type OfficeRow = { code: string; departmentCode: string; nameJa: string; nameEn: string; addressJa: string; addressEn: string };
const office = (r: OfficeRow): Office => ({ code: r.code, departmentCode: r.departmentCode, name: { ja: r.nameJa, en: r.nameEn }, address: { ja: r.addressJa, en: r.addressEn } });
const OFFICE_COLUMNS = sql`code, department_code AS "departmentCode", name_ja AS "nameJa", name_en AS "nameEn", address_ja AS "addressJa", address_en AS "addressEn"`;

export async function listOffices(db: Db): Promise<Office[]> {
  return (await queryRows<OfficeRow>(db, sql`SELECT ${OFFICE_COLUMNS} FROM appt_offices ORDER BY position, code`)).map(office);
}

export async function findOffice(db: Db, code: string): Promise<Office | null> {
  const [row] = await queryRows<OfficeRow>(db, sql`SELECT ${OFFICE_COLUMNS} FROM appt_offices WHERE code = ${code}`);
  return row ? office(row) : null;
}

type ServiceRow = { code: string; nameJa: string; nameEn: string; descriptionJa: string; descriptionEn: string; counterId?: string; officeCode?: string };
const service = (r: ServiceRow): Service => ({ code: r.code, name: { ja: r.nameJa, en: r.nameEn }, description: { ja: r.descriptionJa, en: r.descriptionEn } });

export async function findService(db: Db, code: string): Promise<Service | null> {
  const [row] = await queryRows<ServiceRow>(db, sql`SELECT code, name_ja AS "nameJa", name_en AS "nameEn", description_ja AS "descriptionJa", description_en AS "descriptionEn" FROM appt_services WHERE code = ${code}`);
  return row ? service(row) : null;
}

/** The services an office offers, each with the counter that takes it (several offices at once when codes are given). */
export async function listOfferedServices(db: Db, officeCodes: string[]): Promise<Array<OfferedService & { officeCode: string }>> {
  if (officeCodes.length === 0) return [];
  const rows = await queryRows<Required<ServiceRow>>(db, sql`
    SELECT s.code, s.name_ja AS "nameJa", s.name_en AS "nameEn", s.description_ja AS "descriptionJa", s.description_en AS "descriptionEn",
      cs.counter_id AS "counterId", cs.office_code AS "officeCode"
    FROM appt_counter_services cs JOIN appt_services s ON s.code = cs.service_code
    WHERE cs.office_code IN (${sql.join(officeCodes.map((c) => sql`${c}`), sql`, `)})
    ORDER BY s.position, s.code`);
  return rows.map((r) => ({ ...service(r), counterId: r.counterId, officeCode: r.officeCode }));
}

type CounterRow = { id: string; officeCode: string; code: string; nameJa: string; nameEn: string; slotMinutes: number; capacity: number; opens: string; closes: string; fourthSundayOpen: boolean; queuePrefix: string };
const counter = (r: CounterRow): Counter => ({
  id: r.id,
  officeCode: r.officeCode,
  code: r.code,
  name: { ja: r.nameJa, en: r.nameEn },
  rule: { slotMinutes: r.slotMinutes, capacity: r.capacity, opens: r.opens.slice(0, 5), closes: r.closes.slice(0, 5), fourthSundayOpen: r.fourthSundayOpen },
  queuePrefix: r.queuePrefix,
});
const COUNTER_COLUMNS = sql`c.id, c.office_code AS "officeCode", c.code, c.name_ja AS "nameJa", c.name_en AS "nameEn", c.slot_minutes AS "slotMinutes",
  c.capacity, c.opens::text AS opens, c.closes::text AS closes, c.fourth_sunday_open AS "fourthSundayOpen", c.queue_prefix AS "queuePrefix"`;

export async function findCounter(db: Db, id: string): Promise<Counter | null> {
  if (!isUuid(id)) return null;
  const [row] = await queryRows<CounterRow>(db, sql`SELECT ${COUNTER_COLUMNS} FROM appt_counters c WHERE c.id = ${id}::uuid`);
  return row ? counter(row) : null;
}

export async function findCounterForService(db: Db, officeCode: string, serviceCode: string): Promise<Counter | null> {
  const [row] = await queryRows<CounterRow>(db, sql`
    SELECT ${COUNTER_COLUMNS} FROM appt_counters c JOIN appt_counter_services cs ON cs.counter_id = c.id
    WHERE cs.office_code = ${officeCode} AND cs.service_code = ${serviceCode}`);
  return row ? counter(row) : null;
}

export async function listCounters(db: Db, officeCode: string): Promise<Counter[]> {
  return (await queryRows<CounterRow>(db, sql`SELECT ${COUNTER_COLUMNS} FROM appt_counters c WHERE c.office_code = ${officeCode} ORDER BY c.position, c.code`)).map(counter);
}

// ---------------------------------------------------------------------------------------------
// Day exceptions

type ExceptionRow = { counterId: string; day: string; closed: boolean; opens: string | null; closes: string | null; capacity: number | null; noteJa: string; noteEn: string };

export async function listExceptions(db: Db, counterIds: string[], fromDay: string, toDay: string): Promise<Array<DayException & { counterId: string }>> {
  if (counterIds.length === 0) return [];
  const rows = await queryRows<ExceptionRow>(db, sql`
    SELECT counter_id AS "counterId", day, closed, opens::text AS opens, closes::text AS closes, capacity, note_ja AS "noteJa", note_en AS "noteEn"
    FROM appt_day_exceptions
    WHERE counter_id IN (${sql.join(counterIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND day BETWEEN ${fromDay}::date AND ${toDay}::date
    ORDER BY day`);
  return rows.map((r) => ({
    counterId: r.counterId,
    day: r.day,
    closed: r.closed,
    opens: r.opens?.slice(0, 5) ?? null,
    closes: r.closes?.slice(0, 5) ?? null,
    capacity: r.capacity,
    note: { ja: r.noteJa, en: r.noteEn },
  }));
}

export async function upsertException(tx: Db, counterId: string, e: DayException, staffId: string | null): Promise<void> {
  await tx.execute(sql`
    INSERT INTO appt_day_exceptions (counter_id, day, closed, opens, closes, capacity, note_ja, note_en, updated_by, updated_at)
    VALUES (${counterId}::uuid, ${e.day}::date, ${e.closed}, ${e.opens}::time, ${e.closes}::time, ${e.capacity}, ${e.note.ja}, ${e.note.en}, ${staffId}::uuid, now())
    ON CONFLICT (counter_id, day) DO UPDATE SET closed = excluded.closed, opens = excluded.opens, closes = excluded.closes,
      capacity = excluded.capacity, note_ja = excluded.note_ja, note_en = excluded.note_en, updated_by = excluded.updated_by, updated_at = now()`);
}

export async function deleteException(tx: Db, counterId: string, day: string): Promise<boolean> {
  const rows = await queryRows<{ day: string }>(tx, sql`DELETE FROM appt_day_exceptions WHERE counter_id = ${counterId}::uuid AND day = ${day}::date RETURNING day`);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Slots: the capacity guarantee lives in takePlace

export type SlotUse = { startsAt: Date; capacity: number; booked: number };

export async function listSlotUse(db: Db, counterId: string, from: Date, to: Date): Promise<SlotUse[]> {
  return queryRows<SlotUse>(db, sql`
    SELECT starts_at AS "startsAt", capacity, booked FROM appt_slots
    WHERE counter_id = ${counterId}::uuid AND starts_at >= ${from.toISOString()}::timestamptz AND starts_at < ${to.toISOString()}::timestamptz`);
}

/** Creates the slot row on its first booking; a concurrent creator waits for the first and does nothing. */
export async function ensureSlot(tx: Db, counterId: string, startsAt: Date, endsAt: Date, capacity: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO appt_slots (counter_id, starts_at, ends_at, capacity)
    VALUES (${counterId}::uuid, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, ${capacity})
    ON CONFLICT (counter_id, starts_at) DO NOTHING`);
}

/**
 * Takes one place in a slot, or returns null when it is full. One statement: concurrent
 * takers queue on the row lock and each re-checks `booked < capacity` on the row as the
 * previous one left it (PostgreSQL re-evaluates the WHERE after the wait), so the count
 * never passes the capacity.
 */
export async function takePlace(tx: Db, counterId: string, startsAt: Date): Promise<{ remaining: number } | null> {
  const [row] = await queryRows<{ remaining: number }>(tx, sql`
    UPDATE appt_slots SET booked = booked + 1
    WHERE counter_id = ${counterId}::uuid AND starts_at = ${startsAt.toISOString()}::timestamptz AND booked < capacity
    RETURNING capacity - booked AS remaining`);
  return row ?? null;
}

export async function releasePlace(tx: Db, counterId: string, startsAt: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE appt_slots SET booked = booked - 1
    WHERE counter_id = ${counterId}::uuid AND starts_at = ${startsAt.toISOString()}::timestamptz AND booked > 0`);
}

/** A new capacity for the materialised slots of a day; never below what is already booked. */
export async function setSlotCapacity(tx: Db, counterId: string, from: Date, to: Date, capacity: number): Promise<void> {
  await tx.execute(sql`
    UPDATE appt_slots SET capacity = GREATEST(booked, ${capacity})
    WHERE counter_id = ${counterId}::uuid AND starts_at >= ${from.toISOString()}::timestamptz AND starts_at < ${to.toISOString()}::timestamptz`);
}

// ---------------------------------------------------------------------------------------------
// Bookings

export type Booking = {
  id: string;
  reference: string;
  counterId: string;
  officeCode: string;
  serviceCode: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  source: BookingSource;
  userId: string | null;
  name: string;
  email: string;
  phone: string | null;
  locale: string;
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
  codesSent: number;
  version: number;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
  reminderSentVersion: number | null;
  emailVerifiedAt: Date | null;
  checkinToken: string;
};

const BOOKING_COLUMNS = sql`id, reference, counter_id AS "counterId", office_code AS "officeCode", service_code AS "serviceCode",
  starts_at AS "startsAt", ends_at AS "endsAt", status, source, user_id AS "userId", name, email, phone, locale,
  code_hash AS "codeHash", code_expires_at AS "codeExpiresAt", code_attempts AS "codeAttempts", codes_sent AS "codesSent",
  version, created_at AS "createdAt", confirmed_at AS "confirmedAt", cancelled_at AS "cancelledAt", checked_in_at AS "checkedInAt",
  reminder_sent_version AS "reminderSentVersion", email_verified_at AS "emailVerifiedAt", checkin_token AS "checkinToken"`;

export type NewBooking = {
  counterId: string;
  officeCode: string;
  serviceCode: string;
  startsAt: Date;
  endsAt: Date;
  status: "pending" | "confirmed";
  source: BookingSource;
  userId: string | null;
  name: string;
  email: string;
  phone: string | null;
  locale: string;
  codeHash: string | null;
  codeExpiresAt: Date | null;
  manageTokenHash: string;
  checkinToken: string;
  emailVerified: boolean;
};

/** Inserts a booking; its 予約番号 is the Tokyo date and a sequence number ("260601-000123"). */
export async function insertBooking(tx: Db, b: NewBooking): Promise<Booking> {
  const [row] = await queryRows<Booking>(tx, sql`
    INSERT INTO appt_bookings (reference, counter_id, office_code, service_code, starts_at, ends_at, status, source, user_id, name, email, phone, locale,
      code_hash, code_expires_at, codes_sent, checkin_token, email_verified_at, confirmed_at)
    VALUES (to_char(now() AT TIME ZONE 'Asia/Tokyo', 'YYMMDD') || '-' || lpad(nextval('appt_booking_seq')::text, 6, '0'),
      ${b.counterId}::uuid, ${b.officeCode}, ${b.serviceCode}, ${b.startsAt.toISOString()}::timestamptz, ${b.endsAt.toISOString()}::timestamptz,
      ${b.status}, ${b.source}, ${b.userId}::uuid, ${b.name}, ${b.email}, ${b.phone}, ${b.locale},
      ${b.codeHash}, ${b.codeExpiresAt?.toISOString() ?? null}::timestamptz, ${b.codeHash ? 1 : 0}, ${b.checkinToken},
      ${b.emailVerified ? sql`now()` : sql`NULL`}, ${b.status === "confirmed" ? sql`now()` : sql`NULL`})
    RETURNING ${BOOKING_COLUMNS}`);
  await addManageToken(tx, row!.id, b.manageTokenHash);
  return booking(row!);
}

/** Another change/cancel link for a booking (each e-mail carries its own). */
export async function addManageToken(tx: Db, bookingId: string, tokenHash: string): Promise<void> {
  await tx.execute(sql`INSERT INTO appt_booking_tokens (token_hash, booking_id) VALUES (${tokenHash}, ${bookingId}::uuid) ON CONFLICT DO NOTHING`);
}

export async function findBooking(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Booking | null> {
  if (!isUuid(id)) return null;
  const [row] = await queryRows<Booking>(db, sql`SELECT ${BOOKING_COLUMNS} FROM appt_bookings WHERE id = ${id}::uuid ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row ? booking(row) : null;
}

export async function findBookingByManageHash(db: Db, hash: string, options: { forUpdate?: boolean } = {}): Promise<Booking | null> {
  const [row] = await queryRows<Booking>(db, sql`
    SELECT ${BOOKING_COLUMNS} FROM appt_bookings
    WHERE id = (SELECT booking_id FROM appt_booking_tokens WHERE token_hash = ${hash}) ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row ? booking(row) : null;
}

export async function findBookingByCheckInToken(db: Db, token: string, options: { forUpdate?: boolean } = {}): Promise<Booking | null> {
  const [row] = await queryRows<Booking>(db, sql`SELECT ${BOOKING_COLUMNS} FROM appt_bookings WHERE checkin_token = ${token} ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row ? booking(row) : null;
}

export async function recordCodeAttempt(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET code_attempts = code_attempts + 1 WHERE id = ${id}::uuid`);
}

export async function setNewCode(tx: Db, id: string, codeHash: string, expiresAt: Date): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET code_hash = ${codeHash}, code_expires_at = ${expiresAt.toISOString()}::timestamptz,
    code_attempts = 0, codes_sent = codes_sent + 1 WHERE id = ${id}::uuid`);
}

export async function markEmailVerified(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET email_verified_at = COALESCE(email_verified_at, now()), code_hash = NULL WHERE id = ${id}::uuid`);
}

/** Points a pending booking at another slot (after the first one filled up). */
export async function repointPending(tx: Db, id: string, counterId: string, startsAt: Date, endsAt: Date, details: { name: string; phone: string | null }): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET counter_id = ${counterId}::uuid, starts_at = ${startsAt.toISOString()}::timestamptz,
    ends_at = ${endsAt.toISOString()}::timestamptz, name = ${details.name}, phone = ${details.phone} WHERE id = ${id}::uuid AND status = 'pending'`);
}

export async function markConfirmed(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET status = 'confirmed', confirmed_at = now(), code_hash = NULL WHERE id = ${id}::uuid`);
}

export async function markExpired(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET status = 'expired', code_hash = NULL WHERE id = ${id}::uuid AND status = 'pending'`);
}

export async function markCancelled(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET status = 'cancelled', cancelled_at = now() WHERE id = ${id}::uuid`);
}

export async function moveBooking(tx: Db, id: string, counterId: string, startsAt: Date, endsAt: Date): Promise<number> {
  const [row] = await queryRows<{ version: number }>(tx, sql`
    UPDATE appt_bookings SET counter_id = ${counterId}::uuid, starts_at = ${startsAt.toISOString()}::timestamptz, ends_at = ${endsAt.toISOString()}::timestamptz,
      version = version + 1 WHERE id = ${id}::uuid RETURNING version`);
  return row!.version;
}

export async function markCheckedIn(tx: Db, id: string, staffId: string): Promise<void> {
  await tx.execute(sql`UPDATE appt_bookings SET status = 'checked_in', checked_in_at = now(), checked_in_by = ${staffId}::uuid WHERE id = ${id}::uuid`);
}

/** Marks the reminder of this version as sent; false when it already was (or the booking moved on). */
export async function claimReminder(tx: Db, id: string, version: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE appt_bookings SET reminder_sent_version = ${version}
    WHERE id = ${id}::uuid AND version = ${version} AND status = 'confirmed' AND (reminder_sent_version IS NULL OR reminder_sent_version <> ${version})
    RETURNING id`);
  return rows.length > 0;
}

export async function listBookingsOfDay(db: Db, officeCode: string, from: Date, to: Date): Promise<Booking[]> {
  return (await queryRows<Booking>(db, sql`
    SELECT ${BOOKING_COLUMNS} FROM appt_bookings
    WHERE office_code = ${officeCode} AND starts_at >= ${from.toISOString()}::timestamptz AND starts_at < ${to.toISOString()}::timestamptz
      AND status IN ('confirmed', 'checked_in')
    ORDER BY starts_at, reference`)).map(booking);
}

export async function listBookingsOfUser(db: Db, userId: string): Promise<Booking[]> {
  return (await queryRows<Booking>(db, sql`
    SELECT ${BOOKING_COLUMNS} FROM appt_bookings WHERE user_id = ${userId}::uuid AND status <> 'pending' AND status <> 'expired'
    ORDER BY starts_at DESC LIMIT 100`)).map(booking);
}

export async function countConfirmedInSlot(db: Db, counterId: string, startsAt: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM appt_bookings WHERE counter_id = ${counterId}::uuid AND starts_at = ${startsAt.toISOString()}::timestamptz
      AND status IN ('confirmed', 'checked_in')`);
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// 整理券 (queue tickets)

export type Ticket = { id: string; officeCode: string; counterId: string; day: string; number: number; label: string; bookingId: string | null; status: TicketStatus; issuedAt: Date; calledAt: Date | null };
const TICKET_COLUMNS = sql`id, office_code AS "officeCode", counter_id AS "counterId", day, number, label, booking_id AS "bookingId", status, issued_at AS "issuedAt", called_at AS "calledAt"`;

/** The next number of a counter's day; concurrent issuers each get their own (one upsert). */
export async function nextTicketNumber(tx: Db, counterId: string, day: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`
    INSERT INTO appt_queue_numbers (counter_id, day, last_number) VALUES (${counterId}::uuid, ${day}::date, 1)
    ON CONFLICT (counter_id, day) DO UPDATE SET last_number = appt_queue_numbers.last_number + 1
    RETURNING last_number AS n`);
  return row!.n;
}

export async function insertTicket(tx: Db, t: { officeCode: string; counterId: string; day: string; number: number; label: string; bookingId: string | null; issuedBy: string | null }): Promise<Ticket> {
  const [row] = await queryRows<Ticket>(tx, sql`
    INSERT INTO appt_queue_tickets (office_code, counter_id, day, number, label, booking_id, status, issued_by)
    VALUES (${t.officeCode}, ${t.counterId}::uuid, ${t.day}::date, ${t.number}, ${t.label}, ${t.bookingId}::uuid, 'waiting', ${t.issuedBy}::uuid)
    RETURNING ${TICKET_COLUMNS}`);
  return ticket(row!);
}

export async function findTicketOfBooking(db: Db, bookingId: string): Promise<Ticket | null> {
  const [row] = await queryRows<Ticket>(db, sql`SELECT ${TICKET_COLUMNS} FROM appt_queue_tickets WHERE booking_id = ${bookingId}::uuid`);
  return row ? ticket(row) : null;
}

/** Marks the counter's called numbers as served and calls the lowest waiting number. */
export async function callNextTicket(tx: Db, counterId: string, day: string, staffId: string): Promise<Ticket | null> {
  await tx.execute(sql`UPDATE appt_queue_tickets SET status = 'served' WHERE counter_id = ${counterId}::uuid AND day = ${day}::date AND status = 'called'`);
  const [row] = await queryRows<Ticket>(tx, sql`
    UPDATE appt_queue_tickets SET status = 'called', called_at = now(), called_by = ${staffId}::uuid
    WHERE id = (SELECT id FROM appt_queue_tickets WHERE counter_id = ${counterId}::uuid AND day = ${day}::date AND status = 'waiting'
                ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING ${TICKET_COLUMNS}`);
  return row ? ticket(row) : null;
}

export async function listTicketsOfDay(db: Db, officeCode: string, day: string): Promise<Ticket[]> {
  return (await queryRows<Ticket>(db, sql`SELECT ${TICKET_COLUMNS} FROM appt_queue_tickets WHERE office_code = ${officeCode} AND day = ${day}::date ORDER BY counter_id, number`)).map(ticket);
}

// ---------------------------------------------------------------------------------------------
// Web consultations

export type Availability = { id: string; departmentCode: string; staffUserId: string; staffName: string; staffEmail: string; startsAt: Date; endsAt: Date; slotMinutes: number };
const AVAILABILITY_COLUMNS = sql`id, department_code AS "departmentCode", staff_user_id AS "staffUserId", staff_name AS "staffName", staff_email AS "staffEmail",
  starts_at AS "startsAt", ends_at AS "endsAt", slot_minutes AS "slotMinutes"`;

export async function insertAvailability(tx: Db, a: Omit<Availability, "id">): Promise<Availability> {
  const [row] = await queryRows<Availability>(tx, sql`
    INSERT INTO appt_consult_availability (department_code, staff_user_id, staff_name, staff_email, starts_at, ends_at, slot_minutes)
    VALUES (${a.departmentCode}, ${a.staffUserId}::uuid, ${a.staffName}, ${a.staffEmail}, ${a.startsAt.toISOString()}::timestamptz, ${a.endsAt.toISOString()}::timestamptz, ${a.slotMinutes})
    RETURNING ${AVAILABILITY_COLUMNS}`);
  return availability(row!);
}

export async function overlappingAvailability(db: Db, staffUserId: string, from: Date, to: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM appt_consult_availability
    WHERE staff_user_id = ${staffUserId}::uuid AND starts_at < ${to.toISOString()}::timestamptz AND ends_at > ${from.toISOString()}::timestamptz`);
  return row?.n ?? 0;
}

export async function findAvailability(db: Db, id: string): Promise<Availability | null> {
  if (!isUuid(id)) return null;
  const [row] = await queryRows<Availability>(db, sql`SELECT ${AVAILABILITY_COLUMNS} FROM appt_consult_availability WHERE id = ${id}::uuid`);
  return row ? availability(row) : null;
}

export async function listAvailability(db: Db, options: { departmentCodes?: string[]; from: Date; to: Date }): Promise<Availability[]> {
  const codes = options.departmentCodes;
  if (codes && codes.length === 0) return [];
  return (await queryRows<Availability>(db, sql`
    SELECT ${AVAILABILITY_COLUMNS} FROM appt_consult_availability
    WHERE ends_at > ${options.from.toISOString()}::timestamptz AND starts_at < ${options.to.toISOString()}::timestamptz
      ${codes ? sql`AND department_code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql``}
    ORDER BY starts_at, staff_name`)).map(availability);
}

export type Consultation = {
  id: string;
  reference: string;
  availabilityId: string;
  departmentCode: string;
  staffUserId: string;
  userId: string;
  residentName: string;
  residentEmail: string;
  startsAt: Date;
  endsAt: Date;
  topic: string;
  status: ConsultationStatus;
  locale: string;
  provider: string | null;
  meetingId: string | null;
  joinUrl: string | null;
  hostUrl: string | null;
  roomId: string | null;
  sequence: number;
  createdAt: Date;
};
const CONSULTATION_COLUMNS = sql`id, reference, availability_id AS "availabilityId", department_code AS "departmentCode", staff_user_id AS "staffUserId",
  user_id AS "userId", resident_name AS "residentName", resident_email AS "residentEmail", starts_at AS "startsAt", ends_at AS "endsAt", topic, status, locale,
  provider, meeting_id AS "meetingId", join_url AS "joinUrl", host_url AS "hostUrl", room_id AS "roomId", sequence, created_at AS "createdAt"`;

/** Books a consultation slot; null when the staff member already has someone at that time (the unique index decides). */
export async function insertConsultation(tx: Db, c: { availability: Availability; userId: string; residentName: string; residentEmail: string; startsAt: Date; endsAt: Date; topic: string; locale: string }): Promise<Consultation | null> {
  const [row] = await queryRows<Consultation>(tx, sql`
    INSERT INTO appt_consultations (reference, availability_id, department_code, staff_user_id, user_id, resident_name, resident_email, starts_at, ends_at, topic, status, locale)
    VALUES ('C' || to_char(now() AT TIME ZONE 'Asia/Tokyo', 'YYMMDD') || '-' || lpad(nextval('appt_booking_seq')::text, 6, '0'),
      ${c.availability.id}::uuid, ${c.availability.departmentCode}, ${c.availability.staffUserId}::uuid, ${c.userId}::uuid, ${c.residentName}, ${c.residentEmail},
      ${c.startsAt.toISOString()}::timestamptz, ${c.endsAt.toISOString()}::timestamptz, ${c.topic}, 'confirmed', ${c.locale})
    ON CONFLICT (staff_user_id, starts_at) WHERE status = 'confirmed' DO NOTHING
    RETURNING ${CONSULTATION_COLUMNS}`);
  return row ? consultation(row) : null;
}

export async function findConsultation(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Consultation | null> {
  if (!isUuid(id)) return null;
  const [row] = await queryRows<Consultation>(db, sql`SELECT ${CONSULTATION_COLUMNS} FROM appt_consultations WHERE id = ${id}::uuid ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row ? consultation(row) : null;
}

export async function findConsultationByRoom(db: Db, roomId: string): Promise<Consultation | null> {
  const [row] = await queryRows<Consultation>(db, sql`SELECT ${CONSULTATION_COLUMNS} FROM appt_consultations WHERE room_id = ${roomId}`);
  return row ? consultation(row) : null;
}

export async function listConsultations(db: Db, options: { userId?: string; departmentCodes?: string[]; from?: Date }): Promise<Consultation[]> {
  if (options.departmentCodes && options.departmentCodes.length === 0) return [];
  return (await queryRows<Consultation>(db, sql`
    SELECT ${CONSULTATION_COLUMNS} FROM appt_consultations WHERE true
      ${options.userId ? sql`AND user_id = ${options.userId}::uuid` : sql``}
      ${options.departmentCodes ? sql`AND department_code IN (${sql.join(options.departmentCodes.map((c) => sql`${c}`), sql`, `)})` : sql``}
      ${options.from ? sql`AND ends_at >= ${options.from.toISOString()}::timestamptz` : sql``}
    ORDER BY starts_at LIMIT 200`)).map(consultation);
}

export async function bookedConsultationStarts(db: Db, availabilityIds: string[]): Promise<Array<{ staffUserId: string; startsAt: Date }>> {
  if (availabilityIds.length === 0) return [];
  return queryRows(db, sql`
    SELECT staff_user_id AS "staffUserId", starts_at AS "startsAt" FROM appt_consultations
    WHERE status = 'confirmed' AND availability_id IN (${sql.join(availabilityIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
}

export async function setMeeting(tx: Db, id: string, m: { provider: string; meetingId: string; joinUrl: string; hostUrl: string; roomId: string | null }): Promise<void> {
  await tx.execute(sql`UPDATE appt_consultations SET provider = ${m.provider}, meeting_id = ${m.meetingId}, join_url = ${m.joinUrl}, host_url = ${m.hostUrl},
    room_id = ${m.roomId} WHERE id = ${id}::uuid`);
}

export async function markConsultationCancelled(tx: Db, id: string): Promise<number> {
  const [row] = await queryRows<{ sequence: number }>(tx, sql`
    UPDATE appt_consultations SET status = 'cancelled', cancelled_at = now(), sequence = sequence + 1 WHERE id = ${id}::uuid RETURNING sequence`);
  return row!.sequence;
}

// ---------------------------------------------------------------------------------------------
// Demo data

export async function upsertOffice(tx: Db, o: Office & { position: number }): Promise<void> {
  await tx.execute(sql`
    INSERT INTO appt_offices (code, department_code, name_ja, name_en, address_ja, address_en, position)
    VALUES (${o.code}, ${o.departmentCode}, ${o.name.ja}, ${o.name.en}, ${o.address.ja}, ${o.address.en}, ${o.position})
    ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, name_en = excluded.name_en, address_ja = excluded.address_ja, address_en = excluded.address_en, position = excluded.position`);
}

export async function upsertService(tx: Db, s: Service & { position: number }): Promise<void> {
  await tx.execute(sql`
    INSERT INTO appt_services (code, name_ja, name_en, description_ja, description_en, position)
    VALUES (${s.code}, ${s.name.ja}, ${s.name.en}, ${s.description.ja}, ${s.description.en}, ${s.position})
    ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, name_en = excluded.name_en, description_ja = excluded.description_ja,
      description_en = excluded.description_en, position = excluded.position`);
}

export async function upsertCounter(tx: Db, c: Omit<Counter, "id"> & { position: number; services: string[] }): Promise<string> {
  const [row] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO appt_counters (office_code, code, name_ja, name_en, slot_minutes, capacity, opens, closes, fourth_sunday_open, queue_prefix, position)
    VALUES (${c.officeCode}, ${c.code}, ${c.name.ja}, ${c.name.en}, ${c.rule.slotMinutes}, ${c.rule.capacity}, ${c.rule.opens}::time, ${c.rule.closes}::time,
      ${c.rule.fourthSundayOpen}, ${c.queuePrefix}, ${c.position})
    ON CONFLICT (office_code, code) DO UPDATE SET name_ja = excluded.name_ja, name_en = excluded.name_en, slot_minutes = excluded.slot_minutes,
      capacity = excluded.capacity, opens = excluded.opens, closes = excluded.closes, fourth_sunday_open = excluded.fourth_sunday_open,
      queue_prefix = excluded.queue_prefix, position = excluded.position
    RETURNING id`);
  const id = row!.id;
  for (const serviceCode of c.services) {
    await tx.execute(sql`
      INSERT INTO appt_counter_services (counter_id, office_code, service_code) VALUES (${id}::uuid, ${c.officeCode}, ${serviceCode})
      ON CONFLICT (office_code, service_code) DO NOTHING`);
  }
  return id;
}
