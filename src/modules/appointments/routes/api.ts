/**
 * The JSON API of 来庁予約 (in /openapi.json, tag "appointments"), for other systems and the bench.
 *
 *   GET    /api/appointments/offices                           offices, their services and counters
 *   GET    /api/appointments/slots?office=&service=&date=      a day's slots with the places left
 *   POST   /api/appointments/bookings                          book a slot
 *   POST   /api/appointments/bookings/confirm                  confirm a pending booking with the e-mailed code
 *   DELETE /api/appointments/bookings/{token}                  cancel with the booking's cancel token
 *
 * Who may book: a signed-in resident (session cookie; the CSRF token in `X-CSRF-Token`, as every
 * cookie-authenticated write) books at once, 201. Without a session the body must carry name and
 * e-mail: the booking is pending (202), takes no place, and a 6-digit code is e-mailed; POST
 * …/confirm with the cancel token and the code then takes the place (201) — the same rules as the
 * web pages, so a script cannot book in someone else's name. A full slot answers 409
 * `appointments.slot_full` (「満席です」); the place count is guarded by one conditional UPDATE
 * (see commands/reserve-place.ts), never by a read-then-write.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { t } from "../../../core/i18n/index.ts";
import { bookForResident } from "../commands/book-for-resident.ts";
import { cancelBooking } from "../commands/cancel-booking.ts";
import { confirmPending } from "../commands/confirm-booking.ts";
import { daySlots } from "../commands/find-slots.ts";
import { startBooking } from "../commands/start-booking.ts";
import { listCounters, listOffices, listOfferedServices, type Booking } from "../queries.ts";
import { parseBookingDetails } from "../schema.ts";
import { isIsoDay } from "../tokyo.ts";
import { slotContext } from "./slot-context.ts";
import { bookingByToken, LIMITS, loadOfficeService } from "./support.ts";

const TAGS = ["appointments"];
const localized = { type: "object", required: ["ja", "en"], properties: { ja: { type: "string" }, en: { type: "string" } } } as const;
const errorSchema = { type: "object", required: ["error", "message"], properties: { error: { type: "string" }, message: { type: "string" }, details: { type: "object", additionalProperties: true } } } as const;
const bookingSchema = {
  type: "object",
  required: ["id", "reference", "status", "office", "service", "startsAt", "endsAt"],
  properties: {
    id: { type: "string", format: "uuid" },
    reference: { type: "string", description: "予約番号" },
    status: { type: "string", enum: ["pending", "confirmed", "checked_in", "cancelled", "expired"] },
    office: { type: "string" },
    service: { type: "string" },
    startsAt: { type: "string", format: "date-time" },
    endsAt: { type: "string", format: "date-time" },
    checkInCode: { type: "string", description: "What the QR code encodes; staff scan or type it at the counter" },
    cancelToken: { type: "string", description: "Cancel with DELETE /api/appointments/bookings/{cancelToken}; also the token of the web page /appointments/manage/{cancelToken}" },
    manageUrl: { type: "string", format: "uri" },
  },
} as const;

function present(booking: Booking, token: string | null, baseUrl: string) {
  return {
    id: booking.id,
    reference: booking.reference,
    status: booking.status,
    office: booking.officeCode,
    service: booking.serviceCode,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    ...(booking.status === "confirmed" || booking.status === "checked_in" ? { checkInCode: booking.checkinToken } : {}),
    ...(token ? { cancelToken: token, manageUrl: `${baseUrl}/appointments/manage/${token}` } : {}),
  };
}

/** Cookie-authenticated writes need the CSRF token, like forms; token-authenticated ones do not. */
function csrfIfSession(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (!request.actor) return done();
    if (request.headers["sec-fetch-site"] === "cross-site") return done(new AppError("csrf", "csrf.cross_site"));
    app.csrfProtection(request, reply, done);
  };
}

export async function registerApiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db } = deps;
  await app.register(async (api) => {
    // Module errors get their own message (「満席です」…); anything else goes to the app's handler.
    api.setErrorHandler((error, request, reply) => {
      if (isAppError(error) && error.reason?.startsWith("appointments.")) {
        const key = `appointments.errors.${error.reason.slice("appointments.".length)}`;
        let message: string;
        try {
          message = t(request.locale, key);
        } catch {
          throw error;
        }
        return reply.code(error.status).send({ error: error.reason, message, ...(error.details ? { details: error.details } : {}) });
      }
      throw error;
    });

    api.get("/api/appointments/offices", {
      schema: {
        tags: TAGS,
        summary: "Ward offices that take counter appointments",
        response: {
          200: {
            type: "object",
            required: ["offices"],
            properties: {
              offices: {
                type: "array",
                items: {
                  type: "object",
                  required: ["code", "name", "address", "services", "counters"],
                  properties: {
                    code: { type: "string" },
                    name: localized,
                    address: localized,
                    services: { type: "array", items: { type: "object", required: ["code", "name", "counter"], properties: { code: { type: "string" }, name: localized, counter: { type: "string", format: "uuid" } } } },
                    counters: {
                      type: "array",
                      items: {
                        type: "object",
                        required: ["id", "name", "slotMinutes", "capacity", "opens", "closes"],
                        properties: { id: { type: "string", format: "uuid" }, name: localized, slotMinutes: { type: "integer" }, capacity: { type: "integer" }, opens: { type: "string" }, closes: { type: "string" }, fourthSundayOpen: { type: "boolean" } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    }, async () => {
      const offices = await listOffices(db);
      const services = await listOfferedServices(db, offices.map((o) => o.code));
      const counters = await Promise.all(offices.map((o) => listCounters(db, o.code)));
      return {
        offices: offices.map((office, i) => ({
          code: office.code,
          name: office.name,
          address: office.address,
          services: services.filter((s) => s.officeCode === office.code).map((s) => ({ code: s.code, name: s.name, counter: s.counterId })),
          counters: counters[i]!.map((c) => ({ id: c.id, name: c.name, slotMinutes: c.rule.slotMinutes, capacity: c.rule.capacity, opens: c.rule.opens, closes: c.rule.closes, fourthSundayOpen: c.rule.fourthSundayOpen })),
        })),
      };
    });

    api.get("/api/appointments/slots", {
      schema: {
        tags: TAGS,
        summary: "A day's slots for a service at an office, with the places left",
        querystring: {
          type: "object",
          required: ["office", "service", "date"],
          properties: { office: { type: "string" }, service: { type: "string" }, date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Tokyo calendar day" } },
        },
        response: {
          200: {
            type: "object",
            required: ["office", "service", "date", "open", "slots"],
            properties: {
              office: { type: "string" },
              service: { type: "string" },
              date: { type: "string" },
              open: { type: "boolean" },
              closedReason: { type: "string", enum: ["exception", "year_end", "weekend", "holiday"] },
              holiday: localized,
              slots: {
                type: "array",
                items: {
                  type: "object",
                  required: ["id", "startsAt", "endsAt", "capacity", "remaining", "bookable"],
                  properties: { id: { type: "string" }, startsAt: { type: "string", format: "date-time" }, endsAt: { type: "string", format: "date-time" }, capacity: { type: "integer" }, remaining: { type: "integer" }, bookable: { type: "boolean" } },
                },
              },
            },
          },
          404: errorSchema,
          422: errorSchema,
        },
      },
    }, async (request) => {
      const q = request.query as { office: string; service: string; date: string };
      if (!isIsoDay(q.date)) throw new AppError("invalid_input", "appointments.day_invalid");
      const { office, service, counter } = await loadOfficeService(db, q.office, q.service);
      const { plan, slots } = await daySlots({ db, counter, day: q.date, now: new Date() });
      return {
        office: office.code,
        service: service.code,
        date: q.date,
        open: plan.open,
        ...(!plan.open ? { closedReason: plan.reason, ...(plan.holiday ? { holiday: plan.holiday } : {}) } : {}),
        slots: slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), capacity: s.capacity, remaining: s.remaining, bookable: s.bookable })),
      };
    });

    const writeConfig = {
      skipCsrf: true,
      rateLimit: { ...LIMITS.apiWrites, keyGenerator: (request: FastifyRequest) => (request.actor ? `appt-api:u:${request.actor.id}` : `appt-api:ip:${request.ip}`) },
    };

    api.post("/api/appointments/bookings", {
      config: writeConfig,
      preHandler: csrfIfSession(api),
      schema: {
        tags: TAGS,
        summary: "Book a slot",
        description:
          "Signed in as a resident (session cookie + X-CSRF-Token): booked at once (201). Without a session, `name` and `email` are required: the booking is pending (202) until POST /api/appointments/bookings/confirm with the code e-mailed to that address. A full slot answers 409 appointments.slot_full.",
        body: {
          type: "object",
          required: ["service", "slot"],
          additionalProperties: false,
          properties: {
            service: { type: "string", description: "Service code, e.g. residence-certificate" },
            slot: { type: "string", description: "A slot id from GET /api/appointments/slots" },
            name: { type: "string", maxLength: 100 },
            email: { type: "string", maxLength: 254 },
            phone: { type: "string", maxLength: 30 },
            locale: { type: "string", enum: ["ja", "en"] },
            _csrf: { type: "string" },
          },
        },
        response: { 201: bookingSchema, 202: bookingSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema, 429: errorSchema },
      },
    }, async (request, reply) => {
      const body = request.body as { service: string; slot: string; name?: string; email?: string; phone?: string; locale?: "ja" | "en" };
      const now = new Date();
      const locale = body.locale ?? request.locale;
      const context = await slotContext(db, body.service, body.slot, now);
      if (!context) throw new AppError("not_found", "appointments.slot_unknown");
      if ("past" in context) throw new AppError("invalid_input", "appointments.slot_past");
      if (request.actor) {
        const result = await bookForResident({ db, actor: request.actor, ...context, startsAt: context.slot.startsAt, name: body.name, locale, source: "api", now });
        deps.wakeWorker();
        return reply.code(201).send(present(result.booking, result.manageToken, deps.config.baseUrl));
      }
      const parsed = parseBookingDetails({ name: body.name ?? "", email: body.email ?? "", phone: body.phone ?? "" });
      if (!parsed.ok) throw new AppError("invalid_input", "appointments.details_invalid", { fields: Object.fromEntries(parsed.problems.map((p) => [p.field, t(locale, `appointments.${p.key}`)])) });
      const result = await startBooking({ db, ...context, startsAt: context.slot.startsAt, details: parsed.data, locale, now });
      deps.wakeWorker();
      if (result.kind === "confirmed") return reply.code(201).send(present(result.result.booking, result.manageToken, deps.config.baseUrl));
      return reply.code(202).send(present(result.booking, result.manageToken, deps.config.baseUrl));
    });

    api.post("/api/appointments/bookings/confirm", {
      config: { skipCsrf: true, rateLimit: LIMITS.verifyPerIp },
      schema: {
        tags: TAGS,
        summary: "Confirm a pending booking with the e-mailed code",
        body: { type: "object", required: ["token", "code"], additionalProperties: false, properties: { token: { type: "string" }, code: { type: "string" } } },
        response: { 201: bookingSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema, 429: errorSchema },
      },
    }, async (request, reply) => {
      const body = request.body as { token: string; code: string };
      await bookingByToken(db, body.token);
      const result = await confirmPending({ db, manageToken: body.token, code: body.code, now: new Date() });
      if (result.ok) {
        deps.wakeWorker();
        return reply.code(201).send(present(result.booking, body.token, deps.config.baseUrl));
      }
      const status = { code_wrong: ["invalid_input", 422], code_expired: ["invalid_input", 422], code_locked: ["rate_limited", 429], slot_full: ["conflict", 409], slot_unavailable: ["conflict", 409], closed: ["not_found", 404], not_found: ["not_found", 404] } as const;
      const [code] = status[result.error];
      throw new AppError(code, `appointments.${result.error}`, result.attemptsLeft !== undefined ? { attemptsLeft: result.attemptsLeft } : undefined);
    });

    api.delete("/api/appointments/bookings/:token", {
      config: { skipCsrf: true, rateLimit: LIMITS.verifyPerIp },
      schema: {
        tags: TAGS,
        summary: "Cancel a booking with its cancel token",
        params: { type: "object", required: ["token"], properties: { token: { type: "string" } } },
        response: { 200: bookingSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) => {
      const booking = await bookingByToken(db, (request.params as { token: string }).token);
      const cancelled = await cancelBooking({ db, bookingId: booking.id, now: new Date() });
      deps.wakeWorker();
      return present(cancelled, null, deps.config.baseUrl);
    });

  });
}
