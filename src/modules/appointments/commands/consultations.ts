/**
 * Web consultations (オンライン相談): staff of a department say when they are available; a
 * signed-in resident books one slot with the department; the meeting link comes from the
 * provider in a background job, then both sides get an invitation (.ics METHOD:REQUEST).
 *
 * One resident per staff member and time: the booking tries the staff available at that time
 * one after the other, and a unique index decides between concurrent bookings.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { assertResident, assertStaff, canHandleDepartment } from "../../identity/index.ts";
import { enqueueConsultationCancel, enqueueConsultationMeeting } from "../jobs/topics.ts";
import { canSeeConsultation } from "../policy.ts";
import {
  bookedConsultationStarts,
  findConsultation,
  insertAvailability,
  insertConsultation,
  listAvailability,
  markConsultationCancelled,
  overlappingAvailability,
  type Availability,
  type Consultation,
} from "../queries.ts";
import { addDays, tokyoDay, tokyoInstant } from "../tokyo.ts";
import { MIN_LEAD_MINUTES } from "./find-slots.ts";

export const CONSULTATION_DAYS_AHEAD = 30;

export type ConsultationSlot = { startsAt: Date; endsAt: Date; free: number };

function slotsOf(a: Availability): Array<{ startsAt: Date; endsAt: Date }> {
  const out: Array<{ startsAt: Date; endsAt: Date }> = [];
  const step = a.slotMinutes * 60_000;
  for (let t = a.startsAt.getTime(); t + step <= a.endsAt.getTime(); t += step) out.push({ startsAt: new Date(t), endsAt: new Date(t + step) });
  return out;
}

/** The free times of a department in the coming days (each time counts the staff still free then). */
export async function consultationSlots(options: { db: Db; departmentCode: string; now: Date }): Promise<ConsultationSlot[]> {
  const { db, now } = options;
  const to = tokyoInstant(addDays(tokyoDay(now), CONSULTATION_DAYS_AHEAD + 1), "00:00");
  const windows = await listAvailability(db, { departmentCodes: [options.departmentCode], from: now, to });
  const booked = new Set((await bookedConsultationStarts(db, windows.map((w) => w.id))).map((b) => `${b.staffUserId}@${new Date(b.startsAt).getTime()}`));
  const byTime = new Map<number, ConsultationSlot>();
  for (const window of windows) {
    for (const slot of slotsOf(window)) {
      if (slot.startsAt.getTime() < now.getTime() + MIN_LEAD_MINUTES * 60_000) continue;
      const key = slot.startsAt.getTime();
      const entry = byTime.get(key) ?? { ...slot, free: 0 };
      if (!booked.has(`${window.staffUserId}@${key}`)) entry.free++;
      byTime.set(key, entry);
    }
  }
  return [...byTime.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Departments that have consultation times in the coming days. */
export async function departmentsWithConsultations(db: Db, now: Date): Promise<string[]> {
  const to = tokyoInstant(addDays(tokyoDay(now), CONSULTATION_DAYS_AHEAD + 1), "00:00");
  return [...new Set((await listAvailability(db, { from: now, to })).map((a) => a.departmentCode))];
}

export async function addAvailability(options: { db: Db; actor: Actor; departmentCode: string; day: string; from: string; to: string; slotMinutes: number; now: Date }): Promise<Availability> {
  const staff = assertStaff(options.actor);
  if (!canHandleDepartment(staff, options.departmentCode)) throw new AppError("forbidden", "appointments.other_department");
  const startsAt = tokyoInstant(options.day, options.from);
  const endsAt = tokyoInstant(options.day, options.to);
  if (startsAt.getTime() <= options.now.getTime()) throw new AppError("invalid_input", "appointments.availability_past");
  if (options.day > addDays(tokyoDay(options.now), 90)) throw new AppError("invalid_input", "appointments.availability_too_far");
  if (endsAt.getTime() - startsAt.getTime() < options.slotMinutes * 60_000) throw new AppError("invalid_input", "appointments.availability_too_short");
  return options.db.transaction(async (tx) => {
    if ((await overlappingAvailability(tx, staff.id, startsAt, endsAt)) > 0) throw new AppError("conflict", "appointments.availability_overlaps");
    const availability = await insertAvailability(tx, {
      departmentCode: options.departmentCode, staffUserId: staff.id, staffName: staff.displayName, staffEmail: staff.email, startsAt, endsAt, slotMinutes: options.slotMinutes,
    });
    await appendAudit(tx, {
      actorId: staff.id, actorLabel: `staff:${staff.email}`, action: "appointments.availability_added", objectType: "appt_consult_availability",
      objectId: availability.id, departmentCode: options.departmentCode, data: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), slotMinutes: options.slotMinutes },
    });
    return availability;
  });
}

export async function bookConsultation(options: { db: Db; actor: Actor; departmentCode: string; startsAt: Date; topic: string; locale: Locale; now: Date }): Promise<Consultation> {
  const resident = assertResident(options.actor);
  if (options.startsAt.getTime() < options.now.getTime() + MIN_LEAD_MINUTES * 60_000) throw new AppError("invalid_input", "appointments.slot_past");
  const windows = (await listAvailability(options.db, { departmentCodes: [options.departmentCode], from: options.startsAt, to: new Date(options.startsAt.getTime() + 1) }))
    .filter((w) => slotsOf(w).some((s) => s.startsAt.getTime() === options.startsAt.getTime()));
  if (windows.length === 0) throw new AppError("invalid_input", "appointments.slot_unknown");
  return options.db.transaction(async (tx) => {
    for (const window of windows) {
      const slot = slotsOf(window).find((s) => s.startsAt.getTime() === options.startsAt.getTime())!;
      const consultation = await insertConsultation(tx, {
        availability: window, userId: resident.id, residentName: resident.displayName, residentEmail: resident.email,
        startsAt: slot.startsAt, endsAt: slot.endsAt, topic: options.topic, locale: options.locale,
      });
      if (consultation) {
        await enqueueConsultationMeeting(tx, { consultationId: consultation.id });
        return consultation;
      }
    }
    throw new AppError("conflict", "appointments.slot_full");
  });
}

export async function cancelConsultation(options: { db: Db; actor: Actor; consultationId: string; now: Date }): Promise<Consultation> {
  return options.db.transaction(async (tx) => {
    const consultation = await findConsultation(tx, options.consultationId, { forUpdate: true });
    if (!consultation || !canSeeConsultation(options.actor, consultation)) throw new AppError("not_found", "appointments.consultation_not_found");
    if (consultation.status === "cancelled") return consultation;
    if (consultation.startsAt.getTime() <= options.now.getTime()) throw new AppError("conflict", "appointments.already_started");
    await markConsultationCancelled(tx, consultation.id);
    await enqueueConsultationCancel(tx, { consultationId: consultation.id });
    if (options.actor.kind === "staff") {
      await appendAudit(tx, {
        actorId: options.actor.id, actorLabel: `staff:${options.actor.email}`, action: "appointments.consultation_cancelled", objectType: "appt_consultation",
        objectId: consultation.id, departmentCode: consultation.departmentCode, data: { reference: consultation.reference },
      });
    }
    return (await findConsultation(tx, consultation.id))!;
  });
}
