/**
 * Resident pages of 来庁予約 (GET show / POST save / 422 re-render / 303 redirect; no JavaScript):
 *
 *   GET  /appointments                                  ward offices
 *   GET  /appointments/:office                          services
 *   GET  /appointments/:office/:service?month=          calendar (an accessible table)
 *   GET  /appointments/:office/:service/:day            times with the places left in words
 *   GET  /appointments/book?service=&slot=[&from=]      your details (signed in: one button)
 *   POST /appointments/book                             → code e-mailed → /appointments/verify/:token
 *   GET  /appointments/verify/:token    POST same       the code → /appointments/manage/:token?done=1
 *   POST /appointments/verify/:token/resend
 *   GET  /appointments/mine                             a signed-in resident's bookings and consultations
 *   {base} = /appointments/manage/:token (whoever holds the link) or /appointments/mine/:id (the owner):
 *   GET  {base}   {base}/calendar.ics   {base}/cancel (+POST)   {base}/change[?month=]  {base}/change/:day
 *   GET  {base}/change/confirm?slot=    POST {base}/change
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { requireResident } from "../../identity/index.ts";
import { bookForResident } from "../commands/book-for-resident.ts";
import { cancelBooking } from "../commands/cancel-booking.ts";
import { changeBooking } from "../commands/change-booking.ts";
import { confirmPending } from "../commands/confirm-booking.ts";
import { bookingWindow, daySlots, monthCalendar } from "../commands/find-slots.ts";
import { resendCode } from "../commands/resend-code.ts";
import { startBooking } from "../commands/start-booking.ts";
import { bookingCalendar } from "../jobs/booking-mail.ts";
import { qrDataUri } from "../qr.ts";
import { findBookingByManageHash, listBookingsOfUser, listConsultations, listOffices, listOfferedServices, type Booking } from "../queries.ts";
import { parseBookingDetails, parseCode } from "../schema.ts";
import { isManageToken, sha256 } from "../tokens.ts";
import { addMonths, isIsoDay, tokyoDay } from "../tokyo.ts";
import {
  bookingPage,
  calendarPage,
  cancelPage,
  changeConfirmPage,
  dayPage,
  detailsPage,
  myPage,
  officesPage,
  problemPage,
  residentConfirmPage,
  servicesPage,
  slotFullPage,
  verifyPage,
  type Links,
} from "../views/booking.ts";
import { m, sendPage, type FieldErrors } from "../views/common.ts";
import { slotContext } from "./slot-context.ts";
import { bookingByToken, departmentNames, field, HIDDEN, LIMITS, loadContext, loadOffice, loadOfficeService, ownBooking, query, redirect } from "./support.ts";

const isMonth = (value: string | undefined): value is string => typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** The month shown: the one asked for, kept within this month … the month of the last bookable day. */
function monthToShow(asked: string | undefined, now: Date): { month: string; previous: string | null; next: string | null } {
  const window = bookingWindow(now);
  const first = window.first.slice(0, 7);
  const last = window.last.slice(0, 7);
  const month = isMonth(asked) && asked >= first && asked <= last ? asked : first;
  return { month, previous: month > first ? addMonths(month, -1) : null, next: month < last ? addMonths(month, 1) : null };
}

function problems(locale: Locale, list: Array<{ field: string; key: string }>): FieldErrors {
  return Object.fromEntries(list.map((p) => [p.field, m(locale, p.key)]));
}

function withFrom(url: string, from: string | undefined): string {
  return from && isManageToken(from) ? `${url}${url.includes("?") ? "&" : "?"}from=${encodeURIComponent(from)}` : url;
}

export function registerResidentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get("/appointments", HIDDEN, async (_request, reply) => {
    const offices = await listOffices(db);
    return sendPage(reply, (ctx) => officesPage(ctx, offices));
  });

  app.get("/appointments/mine", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const bookings = await listBookingsOfUser(db, resident.id);
    const rows = await Promise.all(bookings.map(async (booking) => ({ booking, ...(await loadContext(db, booking)) })));
    const names = await departmentNames(db, request.locale);
    const consultations = (await listConsultations(db, { userId: resident.id })).map((c) => ({
      id: c.id, reference: c.reference, startsAt: c.startsAt, endsAt: c.endsAt, department: names.get(c.departmentCode) ?? c.departmentCode, status: c.status,
    }));
    return sendPage(reply, (ctx) => myPage(ctx, { bookings: rows, consultations }));
  });

  app.get("/appointments/book", HIDDEN, async (request, reply) => {
    const now = new Date();
    const context = await slotContext(db, query(request, "service"), query(request, "slot"), now);
    if (!context) throw new AppError("not_found", "appointments.slot_unknown");
    const from = query(request, "from");
    if ("past" in context) return redirect(reply, withFrom(`/appointments/${context.office.code}/${context.service.code}/${context.day}`, from));
    const back = withFrom(`/appointments/${context.office.code}/${context.service.code}/${tokyoDay(context.slot.startsAt)}`, from);
    const actor = request.actor;
    if (actor?.kind === "resident") {
      return sendPage(reply, (ctx) => residentConfirmPage(ctx, { ...context, slot: context.slot, name: actor.displayName, email: actor.email, back }));
    }
    let values = { name: "", email: "", phone: "" };
    if (from && isManageToken(from)) {
      const previous = await findBookingByManageHash(db, sha256(from));
      if (previous && previous.status === "pending") values = { name: previous.name, email: previous.email, phone: previous.phone ?? "" };
    }
    return sendPage(reply, (ctx) => detailsPage(ctx, { ...context, slot: context.slot, values, errors: {}, from: from && isManageToken(from) ? from : null, back }));
  });

  app.post("/appointments/book", { ...HIDDEN, config: { rateLimit: LIMITS.bookPerIp } }, async (request, reply) => {
    const now = new Date();
    const locale = request.locale;
    const serviceCode = field(request, "service") || undefined;
    const context = await slotContext(db, serviceCode, field(request, "slot") || undefined, now);
    if (!context) throw new AppError("not_found", "appointments.slot_unknown");
    const from = field(request, "from") || undefined;
    if ("past" in context) return redirect(reply, withFrom(`/appointments/${context.office.code}/${context.service.code}/${context.day}`, from));
    const day = tokyoDay(context.slot.startsAt);
    const full = () => sendPage(reply, (ctx) => slotFullPage(ctx, { office: context.office, service: context.service, day, from: from && isManageToken(from) ? from : null }), 409);

    if (request.actor?.kind === "resident") {
      try {
        const { booking } = await bookForResident({ db, actor: request.actor, ...context, startsAt: context.slot.startsAt, locale, source: "resident", now });
        deps.wakeWorker();
        return redirect(reply, `/appointments/mine/${booking.id}?done=1`);
      } catch (error) {
        if (isAppError(error) && error.reason === "appointments.slot_full") return full();
        throw error;
      }
    }

    const parsed = parseBookingDetails(request.body);
    if (!parsed.ok) {
      const values = { name: field(request, "name"), email: field(request, "email"), phone: field(request, "phone") };
      const back = withFrom(`/appointments/${context.office.code}/${context.service.code}/${day}`, from);
      return sendPage(reply, (ctx) => detailsPage(ctx, { ...context, slot: context.slot, values, errors: problems(locale, parsed.problems), from: from && isManageToken(from) ? from : null, back }), 422);
    }
    try {
      const result = await startBooking({ db, ...context, startsAt: context.slot.startsAt, details: parsed.data, locale, now, previousToken: from && isManageToken(from) ? from : null });
      deps.wakeWorker();
      if (result.kind === "confirmed") return redirect(reply, `/appointments/manage/${result.manageToken}?done=1`);
      return redirect(reply, `/appointments/verify/${result.manageToken}`);
    } catch (error) {
      if (isAppError(error) && error.reason === "appointments.slot_full") return full();
      throw error;
    }
  });

  // ------------------------------------------------------------------------------------------
  // The e-mailed code

  async function pendingOrRedirect(reply: FastifyReply, token: string): Promise<Booking | null> {
    const booking = await bookingByToken(db, token);
    if (booking.status === "confirmed" || booking.status === "checked_in" || booking.status === "cancelled") {
      await redirect(reply, `/appointments/manage/${token}`);
      return null;
    }
    return booking;
  }

  app.get("/appointments/verify/:token", HIDDEN, async (request, reply) => {
    const { token } = request.params as { token: string };
    const booking = await pendingOrRedirect(reply, token);
    if (!booking) return reply;
    const { office, service } = await loadContext(db, booking);
    const message = query(request, "resent") ? m(request.locale, "verify.resent") : undefined;
    return sendPage(reply, (ctx) => verifyPage(ctx, { token, booking, office, service, errors: {}, message, value: "" }));
  });

  app.post("/appointments/verify/:token", { ...HIDDEN, config: { rateLimit: LIMITS.verifyPerIp } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const locale = request.locale;
    const booking = await pendingOrRedirect(reply, token);
    if (!booking) return reply;
    const { office, service } = await loadContext(db, booking);
    const rerender = (errors: FieldErrors, status = 422) =>
      sendPage(reply, (ctx) => verifyPage(ctx, { token, booking, office, service, errors, value: field(request, "code") }), status);
    const parsed = parseCode(request.body);
    if (!parsed.ok) return rerender(problems(locale, parsed.problems));
    const result = await confirmPending({ db, manageToken: token, code: parsed.data.code, now: new Date() });
    if (result.ok) {
      deps.wakeWorker();
      return redirect(reply, `/appointments/manage/${token}?done=1`);
    }
    switch (result.error) {
      case "code_wrong":
        return rerender({ code: m(locale, "verify.wrong", { n: result.attemptsLeft ?? 0 }) });
      case "code_expired":
        return rerender({ code: m(locale, "verify.expired") });
      case "code_locked":
        return rerender({ code: m(locale, "verify.locked") }, 429);
      case "slot_full":
      case "slot_unavailable":
        return sendPage(reply, (ctx) => slotFullPage(ctx, { office, service, day: tokyoDay(booking.startsAt), from: token }), 409);
      default:
        throw new AppError("not_found", "appointments.booking_not_found");
    }
  });

  app.post("/appointments/verify/:token/resend", { ...HIDDEN, config: { rateLimit: LIMITS.resendPerIp } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const booking = await pendingOrRedirect(reply, token);
    if (!booking) return reply;
    try {
      await resendCode({ db, manageToken: token, now: new Date() });
    } catch (error) {
      if (isAppError(error) && error.reason === "appointments.too_many_codes") {
        const { office, service } = await loadContext(db, booking);
        return sendPage(reply, (ctx) => verifyPage(ctx, { token, booking, office, service, errors: { code: m(request.locale, "verify.tooManyCodes") }, value: "" }), 429);
      }
      throw error;
    }
    deps.wakeWorker();
    return redirect(reply, `/appointments/verify/${token}?resent=1`);
  });

  // ------------------------------------------------------------------------------------------
  // A booking: by its link, or the owner's own

  type Access = { booking: Booking; base: string };
  const accessors: Array<[string, (request: FastifyRequest) => Promise<Access>]> = [
    ["/appointments/manage/:key", async (request) => {
      const { key } = request.params as { key: string };
      return { booking: await bookingByToken(db, key), base: `/appointments/manage/${key}` };
    }],
    ["/appointments/mine/:key", async (request) => {
      requireResident(request);
      const { key } = request.params as { key: string };
      return { booking: await ownBooking(request, db, key), base: `/appointments/mine/${key}` };
    }],
  ];

  for (const [prefix, access] of accessors) {
    app.get(prefix, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      if (booking.status === "pending" && base.startsWith("/appointments/manage/")) return redirect(reply, base.replace("/manage/", "/verify/"));
      if (booking.status === "pending" || booking.status === "expired") throw new AppError("not_found", "appointments.booking_not_found");
      const { office, service } = await loadContext(db, booking);
      const qr = await qrDataUri(booking.checkinToken);
      const notice = query(request, "notice");
      const message = notice === "changed" ? m(request.locale, "manage.changed") : notice === "cancelled" ? m(request.locale, "manage.cancelled") : undefined;
      return sendPage(reply, (ctx) => bookingPage(ctx, { booking, office, service, qr, base, justBooked: query(request, "done") === "1", message }));
    });

    app.get(`${prefix}/calendar.ics`, HIDDEN, async (request, reply) => {
      const { booking } = await access(request);
      if (booking.status !== "confirmed" && booking.status !== "checked_in") throw new AppError("not_found", "appointments.booking_not_found");
      const { office, service } = await loadContext(db, booking);
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", 'attachment; filename="appointment.ics"')
        .header("cache-control", "no-store")
        .send(bookingCalendar(booking, office, service, request.locale, "PUBLISH"));
    });

    app.get(`${prefix}/cancel`, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      if (booking.status !== "confirmed") return redirect(reply, base);
      const { office, service } = await loadContext(db, booking);
      return sendPage(reply, (ctx) => cancelPage(ctx, { booking, office, service, base }));
    });

    app.post(`${prefix}/cancel`, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      await cancelBooking({ db, bookingId: booking.id, now: new Date() });
      deps.wakeWorker();
      return redirect(reply, `${base}?notice=cancelled`);
    });

    const changeLinks = (base: string, booking: Booking): Links => ({
      back: base,
      month: (month) => `${base}/change?month=${month}`,
      day: (day) => `${base}/change/${day}`,
      slot: (slot) => `${base}/change/confirm?slot=${encodeURIComponent(slot.id)}&service=${encodeURIComponent(booking.serviceCode)}`,
    });

    app.get(`${prefix}/change`, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      if (booking.status !== "confirmed") return redirect(reply, base);
      const { office, service, counter } = await loadOfficeService(db, booking.officeCode, booking.serviceCode);
      const now = new Date();
      const { month, previous, next } = monthToShow(query(request, "month") ?? tokyoDay(booking.startsAt).slice(0, 7), now);
      const days = await monthCalendar({ db, counter, month, now });
      return sendPage(reply, (ctx) => calendarPage(ctx, { office, service, month, days, previous, next, links: changeLinks(base, booking), heading: m(ctx.locale, "change.dayTitle") }));
    });

    app.get(`${prefix}/change/confirm`, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      if (booking.status !== "confirmed") return redirect(reply, base);
      const context = await slotContext(db, booking.serviceCode, query(request, "slot"), new Date());
      if (!context || "past" in context || context.office.code !== booking.officeCode) return redirect(reply, `${base}/change`);
      return sendPage(reply, (ctx) => changeConfirmPage(ctx, { booking, slot: context.slot, base }));
    });

    app.get(`${prefix}/change/:day`, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      const { day } = request.params as { day: string };
      if (booking.status !== "confirmed") return redirect(reply, base);
      if (!isIsoDay(day)) throw new AppError("not_found", "appointments.day_invalid");
      const { office, service, counter } = await loadOfficeService(db, booking.officeCode, booking.serviceCode);
      const { plan, slots } = await daySlots({ db, counter, day, now: new Date() });
      return sendPage(reply, (ctx) => dayPage(ctx, { office, service, day, plan, slots, links: changeLinks(base, booking), heading: m(ctx.locale, "change.timeTitle") }));
    });

    app.post(`${prefix}/change`, HIDDEN, async (request, reply) => {
      const { booking, base } = await access(request);
      const now = new Date();
      const context = await slotContext(db, booking.serviceCode, field(request, "slot") || undefined, now);
      if (!context || "past" in context || context.office.code !== booking.officeCode) return redirect(reply, `${base}/change`);
      try {
        await changeBooking({ db, bookingId: booking.id, startsAt: context.slot.startsAt, now });
      } catch (error) {
        if (isAppError(error) && error.reason === "appointments.slot_full") {
          return sendPage(reply, (ctx) => problemPage(ctx, { title: m(ctx.locale, "full.title"), body: m(ctx.locale, "full.changeBody"), link: { href: `${base}/change`, label: m(ctx.locale, "full.otherTime") } }), 409);
        }
        throw error;
      }
      deps.wakeWorker();
      return redirect(reply, `${base}?notice=changed`);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Choosing office → service → day → time (registered last: the parametric routes)

  app.get("/appointments/:office", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const services = await listOfferedServices(db, [office.code]);
    return sendPage(reply, (ctx) => servicesPage(ctx, office, services));
  });

  app.get("/appointments/:office/:service", HIDDEN, async (request, reply) => {
    const params = request.params as { office: string; service: string };
    const { office, service, counter } = await loadOfficeService(db, params.office, params.service);
    const now = new Date();
    const { month, previous, next } = monthToShow(query(request, "month"), now);
    const days = await monthCalendar({ db, counter, month, now });
    const from = query(request, "from");
    const base = `/appointments/${office.code}/${service.code}`;
    const keep = from && isManageToken(from) ? `from=${encodeURIComponent(from)}` : "";
    const links: Links = {
      back: `/appointments/${office.code}`,
      month: (mo) => `${base}?month=${mo}${keep ? `&${keep}` : ""}`,
      day: (day) => `${base}/${day}${keep ? `?${keep}` : ""}`,
      slot: () => base,
    };
    return sendPage(reply, (ctx) => calendarPage(ctx, { office, service, month, days, previous, next, links }));
  });

  app.get("/appointments/:office/:service/:day", HIDDEN, async (request, reply) => {
    const params = request.params as { office: string; service: string; day: string };
    if (!isIsoDay(params.day)) throw new AppError("not_found", "appointments.day_invalid");
    const { office, service, counter } = await loadOfficeService(db, params.office, params.service);
    const { plan, slots } = await daySlots({ db, counter, day: params.day, now: new Date() });
    const from = query(request, "from");
    const base = `/appointments/${office.code}/${service.code}`;
    const links: Links = {
      back: base,
      month: (mo) => withFrom(`${base}?month=${mo}`, from),
      day: (day) => withFrom(`${base}/${day}`, from),
      slot: (slot) => withFrom(`/appointments/book?service=${encodeURIComponent(service.code)}&slot=${encodeURIComponent(slot.id)}`, from),
    };
    return sendPage(reply, (ctx) => dayPage(ctx, { office, service, day: params.day, plan, slots, links }));
  });
}
