/**
 * Drizzle mirrors of migrations/0080_appointments.sql (the SQL is the source of truth; queries.ts
 * writes its SQL by hand and uses these for the row types).
 */
import { boolean, date, integer, pgTable, primaryKey, text, time, timestamp, uuid } from "drizzle-orm/pg-core";

export type BookingStatus = "pending" | "confirmed" | "checked_in" | "cancelled" | "expired";
export type BookingSource = "web" | "resident" | "api";
export type TicketStatus = "waiting" | "called" | "served" | "skipped";
export type ConsultationStatus = "confirmed" | "cancelled";

export const apptOffices = pgTable("appt_offices", {
  code: text("code").primaryKey(),
  departmentCode: text("department_code").notNull().unique(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  addressJa: text("address_ja").notNull(),
  addressEn: text("address_en").notNull(),
  position: integer("position").notNull().default(0),
});

export const apptServices = pgTable("appt_services", {
  code: text("code").primaryKey(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  descriptionJa: text("description_ja").notNull().default(""),
  descriptionEn: text("description_en").notNull().default(""),
  position: integer("position").notNull().default(0),
});

export const apptCounters = pgTable("appt_counters", {
  id: uuid("id").primaryKey().defaultRandom(),
  officeCode: text("office_code").notNull(),
  code: text("code").notNull(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  slotMinutes: integer("slot_minutes").notNull(),
  capacity: integer("capacity").notNull(),
  opens: time("opens").notNull(),
  closes: time("closes").notNull(),
  fourthSundayOpen: boolean("fourth_sunday_open").notNull().default(false),
  queuePrefix: text("queue_prefix").notNull().default("A"),
  position: integer("position").notNull().default(0),
});

export const apptCounterServices = pgTable("appt_counter_services", {
  counterId: uuid("counter_id").notNull(),
  officeCode: text("office_code").notNull(),
  serviceCode: text("service_code").notNull(),
}, (t) => [primaryKey({ columns: [t.counterId, t.serviceCode] })]);

export const apptDayExceptions = pgTable("appt_day_exceptions", {
  counterId: uuid("counter_id").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  closed: boolean("closed").notNull(),
  opens: time("opens"),
  closes: time("closes"),
  capacity: integer("capacity"),
  noteJa: text("note_ja").notNull().default(""),
  noteEn: text("note_en").notNull().default(""),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.counterId, t.day] })]);

export const apptSlots = pgTable("appt_slots", {
  counterId: uuid("counter_id").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  capacity: integer("capacity").notNull(),
  booked: integer("booked").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.counterId, t.startsAt] })]);

export const apptBookings = pgTable("appt_bookings", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull().unique(),
  counterId: uuid("counter_id").notNull(),
  officeCode: text("office_code").notNull(),
  serviceCode: text("service_code").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  status: text("status").$type<BookingStatus>().notNull(),
  source: text("source").$type<BookingSource>().notNull(),
  userId: uuid("user_id"),
  name: text("name").notNull(),
  email: text("email").notNull(),
  phone: text("phone"),
  locale: text("locale").notNull().default("ja"),
  codeHash: text("code_hash"),
  codeExpiresAt: timestamp("code_expires_at", { withTimezone: true }),
  codeAttempts: integer("code_attempts").notNull().default(0),
  codesSent: integer("codes_sent").notNull().default(0),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  checkinToken: text("checkin_token").notNull().unique(),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
  checkedInBy: uuid("checked_in_by"),
  reminderSentVersion: integer("reminder_sent_version"),
});

export const apptBookingTokens = pgTable("appt_booking_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  bookingId: uuid("booking_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apptQueueNumbers = pgTable("appt_queue_numbers", {
  counterId: uuid("counter_id").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  lastNumber: integer("last_number").notNull(),
}, (t) => [primaryKey({ columns: [t.counterId, t.day] })]);

export const apptQueueTickets = pgTable("appt_queue_tickets", {
  id: uuid("id").primaryKey().defaultRandom(),
  officeCode: text("office_code").notNull(),
  counterId: uuid("counter_id").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  number: integer("number").notNull(),
  label: text("label").notNull(),
  bookingId: uuid("booking_id"),
  status: text("status").$type<TicketStatus>().notNull(),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  issuedBy: uuid("issued_by"),
  calledAt: timestamp("called_at", { withTimezone: true }),
  calledBy: uuid("called_by"),
});

export const apptConsultAvailability = pgTable("appt_consult_availability", {
  id: uuid("id").primaryKey().defaultRandom(),
  departmentCode: text("department_code").notNull(),
  staffUserId: uuid("staff_user_id").notNull(),
  staffName: text("staff_name").notNull(),
  staffEmail: text("staff_email").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  slotMinutes: integer("slot_minutes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apptConsultations = pgTable("appt_consultations", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull().unique(),
  availabilityId: uuid("availability_id").notNull(),
  departmentCode: text("department_code").notNull(),
  staffUserId: uuid("staff_user_id").notNull(),
  userId: uuid("user_id").notNull(),
  residentName: text("resident_name").notNull(),
  residentEmail: text("resident_email").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  topic: text("topic").notNull(),
  status: text("status").$type<ConsultationStatus>().notNull(),
  locale: text("locale").notNull().default("ja"),
  provider: text("provider"),
  meetingId: text("meeting_id"),
  joinUrl: text("join_url"),
  hostUrl: text("host_url"),
  roomId: text("room_id").unique(),
  sequence: integer("sequence").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
});
