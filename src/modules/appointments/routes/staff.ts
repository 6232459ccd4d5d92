/**
 * Staff pages (department = the ward office, e.g. 'ward-kita'; staff of another ward get 403):
 *
 *   GET  /staff/appointments                                  my offices
 *   GET  /staff/appointments/:office?date=                    the day's bookings per counter; check-in form
 *   POST /staff/appointments/:office/check-in                 token (QR) → checked in + 整理券
 *   GET  /staff/appointments/:office/queue                    整理券 per counter
 *   POST /staff/appointments/:office/queue/issue | /call      walk-in number | call the next number
 *   GET  /staff/appointments/:office/exceptions   POST same   day exceptions; POST …/remove
 *   GET  /staff/appointments/consultations                    consultations of my departments, availability
 *   POST /staff/appointments/consultations/availability
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { requireStaff, staffDepartmentCodes } from "../../identity/index.ts";
import { callNext } from "../commands/call-next-ticket.ts";
import { checkIn } from "../commands/check-in.ts";
import { addAvailability } from "../commands/consultations.ts";
import { issueWalkInTicket } from "../commands/issue-ticket.ts";
import { setDayException } from "../commands/set-day-exception.ts";
import { m, sendPage, type FieldErrors } from "../views/common.ts";
import { officesOf, requireOfficeStaff } from "../policy.ts";
import { listAvailability, listBookingsOfDay, listConsultations, listCounters, listExceptions, listOffices, listOfferedServices, listTicketsOfDay, type Counter, type Office, type Ticket } from "../queries.ts";
import { parseAvailability, parseException } from "../schema.ts";
import { planDay, slotsOfDay } from "../schedule.ts";
import { addDays, isIsoDay, tokyoDay, tokyoInstant } from "../tokyo.ts";
import { staffConsultationsPage } from "../views/consultations.ts";
import { staffDayPage, staffExceptionsPage, staffHomePage, staffQueuePage, type QueueCounter } from "../views/staff.ts";
import { departmentNames, field, HIDDEN, loadOffice, query, redirect } from "./support.ts";

const NOTICES = new Set(["checkedIn", "alreadyCheckedIn", "issued", "called", "nobodyWaiting", "exceptionSaved", "exceptionRemoved", "availabilityAdded"]);

/** The per-counter state of a day's queue. */
export function queueState(counters: Counter[], tickets: Ticket[]): QueueCounter[] {
  return counters.map((counter) => {
    const mine = tickets.filter((t) => t.counterId === counter.id);
    const called = mine.filter((t) => t.status === "called").sort((a, b) => b.number - a.number);
    return { counter, current: called[0] ?? null, waiting: mine.filter((t) => t.status === "waiting").sort((a, b) => a.number - b.number) };
  });
}

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  function noticeText(request: { query: unknown; locale: "ja" | "en" }): string | undefined {
    const q = request.query as Record<string, unknown>;
    const key = typeof q.notice === "string" && NOTICES.has(q.notice) ? q.notice : null;
    if (!key) return undefined;
    const params: Record<string, string | number> = {};
    for (const name of ["ticket", "n"]) if (typeof q[name] === "string") params[name] = String(q[name]).slice(0, 20);
    return m(request.locale, `staff.notice.${key}`, params);
  }

  app.get("/staff/appointments", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const offices = officesOf(staff, await listOffices(db));
    return sendPage(reply, (ctx) => staffHomePage(ctx, { offices, consultations: staffDepartmentCodes(staff).length > 0 }));
  });

  // ------------------------------------------------------------------------------------------
  // Consultations (registered before /:office so that the static path wins)

  async function renderConsultations(request: Parameters<typeof requireStaff>[0], reply: Parameters<typeof sendPage>[0], values: Record<string, string>, errors: FieldErrors, status = 200) {
    const staff = requireStaff(request);
    const codes = staffDepartmentCodes(staff);
    const names = await departmentNames(db, request.locale);
    const now = new Date();
    const [availability, consultations] = await Promise.all([
      listAvailability(db, { departmentCodes: codes, from: now, to: tokyoInstant(addDays(tokyoDay(now), 120), "00:00") }),
      listConsultations(db, { departmentCodes: codes, from: now }),
    ]);
    const departments = codes.map((code) => ({ code, name: names.get(code) ?? code }));
    return sendPage(reply, (ctx) => staffConsultationsPage(ctx, { departments, availability, consultations, values, errors, message: noticeText(request) }), status);
  }

  app.get("/staff/appointments/consultations", HIDDEN, async (request, reply) => renderConsultations(request, reply, {}, {}));

  app.post("/staff/appointments/consultations/availability", HIDDEN, async (request, reply) => {
    const staff = requireStaff(request);
    const locale = request.locale;
    const values = Object.fromEntries(["department", "day", "from", "to", "slotMinutes"].map((name) => [name, field(request, name)]));
    const parsed = parseAvailability(request.body);
    if (!parsed.ok) return renderConsultations(request, reply, values, Object.fromEntries(parsed.problems.map((p) => [p.field, m(locale, p.key)])), 422);
    try {
      await addAvailability({ db, actor: staff, departmentCode: parsed.data.department, day: parsed.data.day, from: parsed.data.from, to: parsed.data.to, slotMinutes: parsed.data.slotMinutes, now: new Date() });
    } catch (error) {
      if (isAppError(error) && error.reason?.startsWith("appointments.availability_")) {
        return renderConsultations(request, reply, values, { day: m(locale, `errors.${error.reason.slice("appointments.".length)}`) }, error.status);
      }
      throw error;
    }
    return redirect(reply, "/staff/appointments/consultations?notice=availabilityAdded");
  });

  // ------------------------------------------------------------------------------------------
  // An office's day

  async function renderDay(request: Parameters<typeof requireStaff>[0], reply: Parameters<typeof sendPage>[0], office: Office, day: string, errors: FieldErrors, token: string, status = 200) {
    const counters = await listCounters(db, office.code);
    const from = tokyoInstant(day, "00:00");
    const to = tokyoInstant(addDays(day, 1), "00:00");
    const [bookings, exceptions, offered] = await Promise.all([
      listBookingsOfDay(db, office.code, from, to),
      listExceptions(db, counters.map((c) => c.id), day, day),
      listOfferedServices(db, [office.code]),
    ]);
    const services = new Map(offered.map((s) => [s.code, s]));
    const days = counters.map((counter) => {
      const exception = exceptions.find((e) => e.counterId === counter.id) ?? null;
      return { counter, plan: planDay(day, counter.rule, exception), slots: slotsOfDay(day, counter.rule, exception), bookings: bookings.filter((b) => b.counterId === counter.id) };
    });
    return sendPage(reply, (ctx) => staffDayPage(ctx, { office, day, counters: days, services, message: noticeText(request), errors, token }), status);
  }

  app.get("/staff/appointments/:office", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    requireOfficeStaff(request, office);
    const asked = query(request, "date");
    return renderDay(request, reply, office, isIsoDay(asked) ? asked : tokyoDay(new Date()), {}, "");
  });

  app.post("/staff/appointments/:office/check-in", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const staff = requireOfficeStaff(request, office);
    const token = field(request, "token");
    const today = tokyoDay(new Date());
    try {
      const result = await checkIn({ db, actor: staff, officeCode: office.code, token, now: new Date() });
      return redirect(reply, `/staff/appointments/${office.code}?notice=${result.already ? "alreadyCheckedIn" : "checkedIn"}&ticket=${encodeURIComponent(result.ticket.label)}`);
    } catch (error) {
      if (isAppError(error) && error.reason?.startsWith("appointments.checkin_")) {
        const key = error.reason.slice("appointments.".length);
        return renderDay(request, reply, office, today, { token: m(request.locale, `errors.${key}`) }, token, error.status);
      }
      throw error;
    }
  });

  // ------------------------------------------------------------------------------------------
  // 整理券

  app.get("/staff/appointments/:office/queue", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    requireOfficeStaff(request, office);
    const day = tokyoDay(new Date());
    const counters = await listCounters(db, office.code);
    const tickets = await listTicketsOfDay(db, office.code, day);
    return sendPage(reply, (ctx) => staffQueuePage(ctx, { office, day, counters: queueState(counters, tickets), message: noticeText(request) }));
  });

  app.post("/staff/appointments/:office/queue/issue", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const staff = requireOfficeStaff(request, office);
    const ticket = await issueWalkInTicket({ db, actor: staff, officeCode: office.code, counterId: field(request, "counter"), now: new Date() });
    return redirect(reply, `/staff/appointments/${office.code}/queue?notice=issued&ticket=${encodeURIComponent(ticket.label)}`);
  });

  app.post("/staff/appointments/:office/queue/call", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const staff = requireOfficeStaff(request, office);
    const ticket = await callNext({ db, actor: staff, officeCode: office.code, counterId: field(request, "counter"), now: new Date() });
    return redirect(reply, `/staff/appointments/${office.code}/queue?${ticket ? `notice=called&ticket=${encodeURIComponent(ticket.label)}` : "notice=nobodyWaiting"}`);
  });

  // ------------------------------------------------------------------------------------------
  // Day exceptions

  async function renderExceptions(request: Parameters<typeof requireStaff>[0], reply: Parameters<typeof sendPage>[0], office: Office, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const counters = await listCounters(db, office.code);
    const today = tokyoDay(new Date());
    const exceptions = await listExceptions(db, counters.map((c) => c.id), today, addDays(today, 365));
    return sendPage(reply, (ctx) => staffExceptionsPage(ctx, { office, counters, exceptions, values, errors, message: noticeText(request) }), status);
  }

  app.get("/staff/appointments/:office/exceptions", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    requireOfficeStaff(request, office);
    return renderExceptions(request, reply, office, {}, {});
  });

  app.post("/staff/appointments/:office/exceptions", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const staff = requireOfficeStaff(request, office);
    const locale = request.locale;
    const values = Object.fromEntries(["counter", "day", "mode", "opens", "closes", "capacity", "noteJa", "noteEn"].map((name) => [name, field(request, name)]));
    const parsed = parseException(request.body);
    if (!parsed.ok) return renderExceptions(request, reply, office, values, Object.fromEntries(parsed.problems.map((p) => [p.field, m(locale, p.key)])), 422);
    const e = parsed.data;
    const result = await setDayException({
      db, actor: staff, officeCode: office.code, counterId: e.counter, day: e.day,
      exception: { day: e.day, closed: e.mode === "closed", opens: e.mode === "open" ? e.opens : null, closes: e.mode === "open" ? e.closes : null, capacity: e.mode === "open" && e.capacity ? Number(e.capacity) : null, note: { ja: e.noteJa, en: e.noteEn } },
    });
    return redirect(reply, `/staff/appointments/${office.code}/exceptions?notice=exceptionSaved&n=${result.bookingsThatDay}`);
  });

  app.post("/staff/appointments/:office/exceptions/remove", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const staff = requireOfficeStaff(request, office);
    const day = field(request, "day");
    if (!isIsoDay(day)) throw new AppError("invalid_input", "appointments.day_invalid");
    await setDayException({ db, actor: staff, officeCode: office.code, counterId: field(request, "counter"), day, exception: null });
    return redirect(reply, `/staff/appointments/${office.code}/exceptions?notice=exceptionRemoved`);
  });
}
