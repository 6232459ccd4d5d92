/**
 * Public pages without sign-in:
 *   GET /queue/:office   the numbers being called (「お呼び出し中の番号」), large, per counter. It
 *                        reloads itself every 15 s with the HTTP `Refresh` header (no JavaScript;
 *                        a `<meta http-equiv="refresh">` would fail the WCAG 2.2.1 check of axe),
 *                        and ?refresh=off shows it without reloading.
 *   GET /rooms/:roomId   a self-hosted consultation room (the video itself is out of scope).
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { findConsultationByRoom, listCounters, listTicketsOfDay } from "../queries.ts";
import { tokyoDay } from "../tokyo.ts";
import { sendPage } from "../views/common.ts";
import { roomPage } from "../views/consultations.ts";
import { queueDisplayPage } from "../views/staff.ts";
import { queueState } from "./staff.ts";
import { departmentNames, HIDDEN, loadOffice, query } from "./support.ts";

export const QUEUE_REFRESH_SECONDS = 15;

export function registerPublicRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  app.get("/queue/:office", HIDDEN, async (request, reply) => {
    const office = await loadOffice(db, (request.params as { office: string }).office);
    const now = new Date();
    const counters = await listCounters(db, office.code);
    const tickets = await listTicketsOfDay(db, office.code, tokyoDay(now));
    const refresh = query(request, "refresh") !== "off";
    if (refresh) reply.header("refresh", String(QUEUE_REFRESH_SECONDS));
    return sendPage(reply, (ctx) => queueDisplayPage(ctx, { office, counters: queueState(counters, tickets), refresh, updatedAt: now }));
  });

  app.get("/rooms/:roomId", HIDDEN, async (request, reply) => {
    const { roomId } = request.params as { roomId: string };
    const consultation = /^[A-Za-z0-9_-]{22}$/.test(roomId) ? await findConsultationByRoom(db, roomId) : null;
    if (!consultation) throw new AppError("not_found", "appointments.room_not_found");
    const names = await departmentNames(db, request.locale);
    reply.header("x-robots-tag", "noindex");
    return sendPage(reply, (ctx) => roomPage(ctx, { consultation, department: names.get(consultation.departmentCode) ?? consultation.departmentCode, host: query(request, "host") === "1" }));
  });
}
