/**
 * Web consultations, resident side:
 *   GET  /consultations                         departments with times
 *   GET  /consultations/:department             free times (next 30 days)
 *   GET  /consultations/:department/book?at=    what it is about (sign-in needed)   POST same → /consultations/mine/:id?done=1
 *   GET  /consultations/mine/:id                the consultation (its owner; staff of the department)
 *   POST /consultations/mine/:id/cancel
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { requireResident } from "../../identity/index.ts";
import { bookConsultation, cancelConsultation, consultationSlots, departmentsWithConsultations } from "../commands/consultations.ts";
import { canSeeConsultation } from "../policy.ts";
import { findConsultation } from "../queries.ts";
import { parseConsultation } from "../schema.ts";
import { fromCompactKey } from "../tokyo.ts";
import { problemPage } from "../views/booking.ts";
import { m, sendPage } from "../views/common.ts";
import { consultBookPage, consultDepartmentsPage, consultSlotsPage, consultationPage } from "../views/consultations.ts";
import { departmentNames, field, HIDDEN, query, redirect } from "./support.ts";

export function registerConsultationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get("/consultations", HIDDEN, async (request, reply) => {
    const names = await departmentNames(db, request.locale);
    const codes = await departmentsWithConsultations(db, new Date());
    const departments = codes.map((code) => ({ code, name: names.get(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, "ja"));
    return sendPage(reply, (ctx) => consultDepartmentsPage(ctx, departments));
  });

  app.get("/consultations/mine/:id", HIDDEN, async (request, reply) => {
    const consultation = await findConsultation(db, (request.params as { id: string }).id);
    if (!request.actor) requireResident(request);
    if (!consultation || !canSeeConsultation(request.actor, consultation)) throw new AppError("not_found", "appointments.consultation_not_found");
    const names = await departmentNames(db, request.locale);
    const message = query(request, "notice") === "cancelled" ? m(request.locale, "consult.cancelled") : undefined;
    return sendPage(reply, (ctx) => consultationPage(ctx, { consultation, department: names.get(consultation.departmentCode) ?? consultation.departmentCode, justBooked: query(request, "done") === "1", message }));
  });

  app.post("/consultations/mine/:id/cancel", HIDDEN, async (request, reply) => {
    const actor = requireResident(request);
    const consultation = await cancelConsultation({ db, actor, consultationId: (request.params as { id: string }).id, now: new Date() });
    deps.wakeWorker();
    return redirect(reply, `/consultations/mine/${consultation.id}?notice=cancelled`);
  });

  async function department(request: { params: unknown; locale: "ja" | "en" }) {
    const { department: code } = request.params as { department: string };
    const names = await departmentNames(db, request.locale);
    if (!names.has(code)) throw new AppError("not_found", "appointments.department_not_found");
    return { code, name: names.get(code)! };
  }

  app.get("/consultations/:department", HIDDEN, async (request, reply) => {
    const dept = await department(request);
    const slots = await consultationSlots({ db, departmentCode: dept.code, now: new Date() });
    return sendPage(reply, (ctx) => consultSlotsPage(ctx, { department: dept, slots }));
  });

  async function chosenSlot(code: string, at: string | undefined) {
    const startsAt = at ? fromCompactKey(at) : null;
    if (!startsAt) return null;
    const slot = (await consultationSlots({ db, departmentCode: code, now: new Date() })).find((s) => s.startsAt.getTime() === startsAt.getTime());
    return slot ?? null;
  }

  app.get("/consultations/:department/book", HIDDEN, async (request, reply) => {
    requireResident(request);
    const dept = await department(request);
    const at = query(request, "at");
    const slot = await chosenSlot(dept.code, at);
    if (!slot || slot.free === 0) return redirect(reply, `/consultations/${dept.code}`);
    return sendPage(reply, (ctx) => consultBookPage(ctx, { department: dept, at: at!, startsAt: slot.startsAt, endsAt: slot.endsAt, topic: "", errors: {} }));
  });

  app.post("/consultations/:department/book", HIDDEN, async (request, reply) => {
    const actor = requireResident(request);
    const dept = await department(request);
    const at = field(request, "at");
    const slot = await chosenSlot(dept.code, at);
    if (!slot) return redirect(reply, `/consultations/${dept.code}`);
    const parsed = parseConsultation(request.body);
    if (!parsed.ok) {
      const errors = Object.fromEntries(parsed.problems.map((p) => [p.field, m(request.locale, p.key)]));
      return sendPage(reply, (ctx) => consultBookPage(ctx, { department: dept, at, startsAt: slot.startsAt, endsAt: slot.endsAt, topic: field(request, "topic"), errors }), 422);
    }
    try {
      const consultation = await bookConsultation({ db, actor, departmentCode: dept.code, startsAt: slot.startsAt, topic: parsed.data.topic, locale: request.locale, now: new Date() });
      deps.wakeWorker();
      return redirect(reply, `/consultations/mine/${consultation.id}?done=1`);
    } catch (error) {
      if (isAppError(error) && error.reason === "appointments.slot_full") {
        return sendPage(reply, (ctx) => problemPage(ctx, { title: m(ctx.locale, "full.title"), body: m(ctx.locale, "full.body"), link: { href: `/consultations/${dept.code}`, label: m(ctx.locale, "full.otherTime") } }), 409);
      }
      throw error;
    }
  });
}
