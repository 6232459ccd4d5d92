/**
 * Staff pages of the disaster module (mobile first). Every handler: staff guard → parse → command →
 * 303 redirect (post/redirect/get), or the page again with 409 (stale) / 422 (refused input).
 *
 *   GET  /staff/disaster                               desk: drafts to confirm, open incidents, latest chronology
 *   GET  /staff/disaster/incidents                     incidents
 *   GET  /staff/disaster/incidents/new, POST …/new     open an incident (危機管理室)
 *   GET  /staff/disaster/incidents/:id                 incident: 配備体制, chronology, tasks, alerts
 *   POST /staff/disaster/incidents/:id/level|close     配備体制 / close (危機管理室)
 *   POST /staff/disaster/incidents/:id/notes           chronology note
 *   POST /staff/disaster/incidents/:id/tasks[/:taskId/done]
 *   GET  /staff/disaster/incidents/:id/evacuation, POST  evacuation order form → draft
 *   GET  /staff/disaster/alerts/:id                    preview in every language; confirm / dismiss
 *   POST /staff/disaster/alerts/:id/confirm|dismiss
 *   GET  /staff/disaster/intake, /staff/disaster/rules, POST /staff/disaster/rules[/:id/toggle]
 *   GET  /staff/disaster/shelters[/:id], POST /staff/disaster/shelters/:id
 *   GET  /staff/disaster/reports[/:id], GET …/:id/photo, POST …/:id/verify|resolve|reject|assign
 *   GET  /staff/disaster/settings, POST /staff/disaster/api-keys[/:id/revoke], /members, /hazard-zones
 *   GET  /staff/disaster/map, GET /staff/disaster/map/:layer.geojson
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { requireStaff } from "../../identity/index.ts";
import { EVACUATION_LEVELS, EVACUATION_REASONS, type EvacuationLevel, type EvacuationReason } from "../alerts/texts.ts";
import { API_SCOPES, createApiKey, revokeKey } from "../commands/api-keys.ts";
import { decideAlertDraft } from "../commands/confirm-alert.ts";
import { draftEvacuationOrder } from "../commands/draft-evacuation-order.ts";
import { importHazardZone, validateHazardGeoJson } from "../commands/import-hazard-zone.ts";
import { addAlertRule, toggleAlertRule } from "../commands/manage-alert-rules.ts";
import { addChronologyNote, addTask, changeDeploymentLevel, closeIncident, finishTask, openIncident } from "../commands/manage-incident.ts";
import { registerCommunityMember } from "../commands/register-community-member.ts";
import { reviewFieldReport, type ReviewAction } from "../commands/review-field-report.ts";
import { ACCESSIBILITY_ITEMS, SHELTER_STATUSES, SUPPLY_ITEMS, SUPPLY_LEVELS, updateShelter, type ShelterUpdate } from "../commands/update-shelter.ts";
import { isDeploymentLevel, isHazard, type DeploymentLevel } from "../deployment.ts";
import { canIssueEvacuation, canOperate, mayIssueSomeEvacuation, type ApiScope } from "../policy.ts";
import {
  allShelterPoints, fieldReportPhoto, findAlert, findEntry, findFieldReport, findIncident, findShelter, hazardZoneFeatures, incidentChronology,
  incidentTasks, isUuid, listAlerts, listApiKeys, listCapMessages, listCommunityMembers, listEntries, listFieldReports, listHazardZones,
  listIncidents, listOutages, listRules, recentChronology, recentWarningWards, staffDirectory, type AlertRow, type FieldReport, type Shelter,
} from "../queries.ts";
import { m } from "../views/common.ts";
import { alertPage, confirmMissingErrors, deskPage, evacuationFormPage, incidentListPage, incidentPage, newIncidentPage, type EvacuationFormValues, type IncidentFormValues } from "../views/incidents.ts";
import { intakePage, rulesPage, type RuleFormValues } from "../views/intake.ts";
import { reportPage, reportsPage } from "../views/field.ts";
import { settingsPage, staffMapPage, type SettingsView } from "../views/settings.ts";
import { shelterListPage, staffShelterPage, type ShelterEditState } from "../views/shelters.ts";
import { featureCollection, renderShelterList } from "./public.ts";
import { bodyOf, queryOf, sendPage, staffOnly, text, texts, wholeNumber } from "./support.ts";
import { WARDS } from "../wards.ts";

type Problem = { field: string; message: string };

function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? "";
}

function doneOf(request: FastifyRequest): string | undefined {
  const done = text(queryOf(request).done);
  return /^[a-z-]{1,30}$/.test(done) ? done : undefined;
}

async function loadIncident(deps: AppDeps, id: string) {
  const incident = await findIncident(deps.db, id);
  if (!incident) throw new AppError("not_found", "disaster.incident_not_found");
  return incident;
}

async function renderIncident(deps: AppDeps, reply: FastifyReply, staff: Actor, id: string, extra: { done?: string; conflict?: boolean; errors?: Problem[]; values?: { note?: string; task?: string } } = {}, status = 200) {
  const incident = await loadIncident(deps, id);
  const [chronology, tasks, alerts, directory] = await Promise.all([
    incidentChronology(deps.db, incident), incidentTasks(deps.db, incident.id), listAlerts(deps.db, { incidentId: incident.id }), staffDirectory(deps.db),
  ]);
  return sendPage(reply, (ctx) => incidentPage(ctx, {
    incident, chronology, tasks, alerts, staff: directory, canOperate: canOperate(staff), canIssue: mayIssueSomeEvacuation(staff),
    ...(extra.done ? { done: extra.done } : {}), ...(extra.conflict ? { conflict: true } : {}), ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.values ? { values: extra.values } : {}),
  }), status);
}

async function renderAlert(deps: AppDeps, reply: FastifyReply, staff: Actor, alert: AlertRow, extra: { done?: string; already?: boolean; errors?: Problem[] } = {}, status = 200) {
  const [incident, entry] = await Promise.all([
    alert.incidentId ? findIncident(deps.db, alert.incidentId) : Promise.resolve(null),
    alert.jmaEntryId ? findEntry(deps.db, alert.jmaEntryId) : Promise.resolve(null),
  ]);
  const canDecide = alert.kind === "evacuation" ? canIssueEvacuation(staff, alert.wards) : canOperate(staff);
  return sendPage(reply, (ctx) => alertPage(ctx, { alert, incident, entry, canDecide, ...extra }), status);
}

function parseShelterUpdate(body: Record<string, unknown>, locale: FastifyRequest["locale"]): { values: ShelterUpdate; errors: Problem[] } {
  const errors: Problem[] = [];
  const status = text(body.status);
  const occupancy = wholeNumber(text(body.occupancy));
  const capacity = wholeNumber(text(body.capacity));
  if (occupancy === null || Number.isNaN(occupancy)) errors.push({ field: "occupancy", message: m(locale, "errors.occupancy") });
  if (capacity !== null && Number.isNaN(capacity)) errors.push({ field: "capacity", message: m(locale, "errors.capacity") });
  const supplies: Record<string, string> = {};
  for (const item of SUPPLY_ITEMS) {
    const level = text(body[`supply.${item}`]);
    if ((SUPPLY_LEVELS as readonly string[]).includes(level)) supplies[item] = level;
  }
  const access = texts(body.access);
  const accessibility = Object.fromEntries(ACCESSIBILITY_ITEMS.map((item) => [item, access.includes(item)]));
  return {
    values: {
      status: (SHELTER_STATUSES as readonly string[]).includes(status) ? (status as ShelterUpdate["status"]) : "closed",
      occupancy: occupancy !== null && !Number.isNaN(occupancy) ? occupancy : 0,
      capacity: capacity !== null && !Number.isNaN(capacity) ? capacity : null,
      supplies,
      accessibility,
    },
    errors,
  };
}

async function settingsView(deps: AppDeps, staff: Actor, csrfToken: string, extra: Partial<SettingsView> = {}): Promise<SettingsView> {
  const [keys, members, zones] = await Promise.all([listApiKeys(deps.db), listCommunityMembers(deps.db), listHazardZones(deps.db)]);
  return { keys, members, zones, canOperate: canOperate(staff), csrfAction: `/staff/disaster/hazard-zones?_csrf=${encodeURIComponent(csrfToken)}`, ...extra };
}

function renderSettings(deps: AppDeps, reply: FastifyReply, staff: Actor, extra: Partial<SettingsView>, status = 200) {
  const ctx = reply.pageContext();
  return settingsView(deps, staff, ctx.csrfToken, extra).then((view) => sendPage(reply, (c) => settingsPage(c, view), status));
}

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const guarded = { preHandler: staffOnly, schema: { hide: true } };

  app.get("/staff/disaster", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const [incidents, drafts, recent] = await Promise.all([listIncidents(deps.db, { status: "open" }), listAlerts(deps.db, { status: "draft", limit: 20 }), recentChronology(deps.db, 20)]);
    return sendPage(reply, (ctx) => deskPage(ctx, { incidents, drafts, recent, canOperate: canOperate(staff) }));
  });

  // ------------------------------------------------------------------ incidents
  app.get("/staff/disaster/incidents", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const incidents = await listIncidents(deps.db, { limit: 100 });
    return sendPage(reply, (ctx) => incidentListPage(ctx, { incidents, canOperate: canOperate(staff) }));
  });

  app.get("/staff/disaster/incidents/new", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    if (!canOperate(staff)) throw new AppError("forbidden", "disaster.operator_only");
    return sendPage(reply, (ctx) => newIncidentPage(ctx, { title: "", hazard: "heavy-rain", deploymentLevel: "alert", wards: [] }));
  });

  app.post("/staff/disaster/incidents/new", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request);
    const values: IncidentFormValues = { title: text(body.title), hazard: text(body.hazard), deploymentLevel: text(body.deploymentLevel), wards: texts(body.wards) };
    const errors: Problem[] = [];
    if (values.title.trim() === "" || values.title.length > 200) errors.push({ field: "title", message: m(request.locale, "errors.title") });
    if (errors.length > 0 || !isHazard(values.hazard) || !isDeploymentLevel(values.deploymentLevel)) {
      if (errors.length === 0) errors.push({ field: "hazard", message: m(request.locale, "errors.incident") });
      return sendPage(reply, (ctx) => newIncidentPage(ctx, values, errors), 422);
    }
    const id = await openIncident({ db: deps.db, actor: staff, title: values.title, hazard: values.hazard, deploymentLevel: values.deploymentLevel, wards: values.wards.filter((w) => WARDS.some((x) => x.code === w)) });
    return reply.redirect(`/staff/disaster/incidents/${id}?done=opened`, 303);
  });

  app.get("/staff/disaster/incidents/:id", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const done = doneOf(request);
    return renderIncident(deps, reply, staff, param(request, "id"), done ? { done } : {});
  });

  /** Runs an incident command; a stale or closed incident re-renders with the conflict notice. */
  async function incidentAction(request: FastifyRequest, reply: FastifyReply, run: (staff: Actor, id: string) => Promise<string>) {
    const staff = requireStaff(request);
    const id = param(request, "id");
    await loadIncident(deps, id);
    try {
      const done = await run(staff, id);
      return reply.redirect(`/staff/disaster/incidents/${id}?done=${done}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === "conflict") return renderIncident(deps, reply, staff, id, { conflict: true }, 409);
      throw error;
    }
  }

  app.post("/staff/disaster/incidents/:id/level", guarded, async (request, reply) =>
    incidentAction(request, reply, async (staff, id) => {
      const body = bodyOf(request);
      const level = text(body.level);
      if (!isDeploymentLevel(level)) throw new AppError("invalid_input", "disaster.level_invalid");
      await changeDeploymentLevel({ db: deps.db, actor: staff, incidentId: id, revision: Number(text(body.revision)), level: level as DeploymentLevel });
      return "level";
    }));

  app.post("/staff/disaster/incidents/:id/close", guarded, async (request, reply) =>
    incidentAction(request, reply, async (staff, id) => {
      await closeIncident({ db: deps.db, actor: staff, incidentId: id, revision: Number(text(bodyOf(request).revision)) });
      return "closed";
    }));

  app.post("/staff/disaster/incidents/:id/notes", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const note = text(bodyOf(request).note);
    const id = param(request, "id");
    if (note.trim() === "" || note.length > 2000) {
      return renderIncident(deps, reply, staff, id, { errors: [{ field: "note", message: m(request.locale, "errors.note") }], values: { note } }, 422);
    }
    return incidentAction(request, reply, async (actor) => {
      await addChronologyNote({ db: deps.db, actor, incidentId: id, note });
      return "note";
    });
  });

  app.post("/staff/disaster/incidents/:id/tasks", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request);
    const title = text(body.task);
    const assignee = text(body.assignee);
    const id = param(request, "id");
    if (title.trim() === "" || title.length > 300) {
      return renderIncident(deps, reply, staff, id, { errors: [{ field: "task", message: m(request.locale, "errors.task") }], values: { task: title } }, 422);
    }
    return incidentAction(request, reply, async (actor) => {
      await addTask({ db: deps.db, actor, incidentId: id, title, assigneeId: isUuid(assignee) ? assignee : null });
      return "task";
    });
  });

  app.post("/staff/disaster/incidents/:id/tasks/:taskId/done", guarded, async (request, reply) =>
    incidentAction(request, reply, async (staff, id) => {
      await finishTask({ db: deps.db, actor: staff, incidentId: id, taskId: param(request, "taskId") });
      return "task-done";
    }));

  // ------------------------------------------------------------------ evacuation information
  app.get("/staff/disaster/incidents/:id/evacuation", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    if (!mayIssueSomeEvacuation(staff)) throw new AppError("forbidden", "disaster.evacuation_not_allowed");
    const incident = await loadIncident(deps, param(request, "id"));
    if (incident.status !== "open") return reply.redirect(`/staff/disaster/incidents/${incident.id}`, 303);
    return sendPage(reply, (ctx) => evacuationFormPage(ctx, incident, { wards: incident.wards, level: "", reason: incident.hazard === "tsunami" ? "tsunami" : incident.hazard === "landslide" ? "landslide" : "flood" }));
  });

  app.post("/staff/disaster/incidents/:id/evacuation", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    if (!mayIssueSomeEvacuation(staff)) throw new AppError("forbidden", "disaster.evacuation_not_allowed");
    const incident = await loadIncident(deps, param(request, "id"));
    const body = bodyOf(request);
    const values: EvacuationFormValues = { wards: texts(body.wards), level: text(body.level), reason: text(body.reason) };
    const locale = request.locale;
    const errors: Problem[] = [];
    const wards = values.wards.filter((w) => WARDS.some((x) => x.code === w));
    if (wards.length === 0) errors.push({ field: "wards", message: m(locale, "errors.wards") });
    else if (!canIssueEvacuation(staff, wards)) errors.push({ field: "wards", message: m(locale, "errors.wardsNotYours") });
    const level = Number(values.level);
    if (values.level === "" || !(EVACUATION_LEVELS as readonly number[]).includes(level)) errors.push({ field: "level", message: m(locale, "errors.level") });
    if (!(EVACUATION_REASONS as readonly string[]).includes(values.reason)) errors.push({ field: "reason", message: m(locale, "errors.reason") });
    if (errors.length > 0) return sendPage(reply, (ctx) => evacuationFormPage(ctx, incident, values, errors), 422);
    try {
      const alertId = await draftEvacuationOrder({ db: deps.db, actor: staff, incidentId: incident.id, wards, level: level as EvacuationLevel, reason: values.reason as EvacuationReason });
      return reply.redirect(`/staff/disaster/alerts/${alertId}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === "conflict") return renderIncident(deps, reply, staff, incident.id, { conflict: true }, 409);
      throw error;
    }
  });

  // ------------------------------------------------------------------ alerts
  async function loadAlert(request: FastifyRequest): Promise<AlertRow> {
    const alert = await findAlert(deps.db, param(request, "id"));
    if (!alert) throw new AppError("not_found", "disaster.alert_not_found");
    return alert;
  }

  app.get("/staff/disaster/alerts/:id", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const done = doneOf(request);
    return renderAlert(deps, reply, staff, await loadAlert(request), done ? { done } : {});
  });

  app.post("/staff/disaster/alerts/:id/confirm", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const alert = await loadAlert(request);
    if (alert.status === "draft" && text(bodyOf(request).confirmed) !== "yes") {
      return renderAlert(deps, reply, staff, alert, { errors: confirmMissingErrors(request.locale) }, 422);
    }
    const result = await decideAlertDraft({ db: deps.db, actor: staff, alertId: alert.id, decision: "issue" });
    if (!result.changed) return renderAlert(deps, reply, staff, result.alert, { already: true }, 409);
    deps.wakeWorker();
    return reply.redirect(`/staff/disaster/alerts/${alert.id}?done=issued`, 303);
  });

  app.post("/staff/disaster/alerts/:id/dismiss", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const alert = await loadAlert(request);
    const result = await decideAlertDraft({ db: deps.db, actor: staff, alertId: alert.id, decision: "dismiss" });
    if (!result.changed) return renderAlert(deps, reply, staff, result.alert, { already: true }, 409);
    return reply.redirect(`/staff/disaster/alerts/${alert.id}?done=dismissed`, 303);
  });

  // ------------------------------------------------------------------ intake and rules
  app.get("/staff/disaster/intake", guarded, async (request, reply) => {
    requireStaff(request);
    const onlyCity = text(queryOf(request).city) === "1";
    const [entries, cap] = await Promise.all([listEntries(deps.db, { limit: 100, onlyCity }), listCapMessages(deps.db, 20)]);
    return sendPage(reply, (ctx) => intakePage(ctx, { entries, onlyCity, cap }));
  });

  const emptyRule: RuleFormValues = { jmaKind: "earthquake-info", minLevel: "5", wards: [], template: "jma.earthquake", mode: "confirm", note: "" };
  app.get("/staff/disaster/rules", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const rules = await listRules(deps.db);
    const done = doneOf(request);
    return sendPage(reply, (ctx) => rulesPage(ctx, { rules, canOperate: canOperate(staff), values: emptyRule, errors: [], ...(done ? { done } : {}) }));
  });

  app.post("/staff/disaster/rules", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request);
    const values: RuleFormValues = { jmaKind: text(body.jmaKind), minLevel: text(body.minLevel), wards: texts(body.wards), template: text(body.template), mode: text(body.mode), note: text(body.note) };
    const minLevel = wholeNumber(values.minLevel);
    if (minLevel === null || Number.isNaN(minLevel) || minLevel < 1 || minLevel > 9) {
      const rules = await listRules(deps.db);
      return sendPage(reply, (ctx) => rulesPage(ctx, { rules, canOperate: canOperate(staff), values, errors: [{ field: "minLevel", message: m(request.locale, "errors.minLevel") }] }), 422);
    }
    await addAlertRule({ db: deps.db, actor: staff, rule: { jmaKind: values.jmaKind, minLevel, wards: values.wards, template: values.template, mode: values.mode === "auto" ? "auto" : "confirm", note: values.note } });
    return reply.redirect("/staff/disaster/rules?done=saved", 303);
  });

  app.post("/staff/disaster/rules/:id/toggle", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    await toggleAlertRule({ db: deps.db, actor: staff, ruleId: param(request, "id"), enabled: text(bodyOf(request).enabled) === "1" });
    return reply.redirect("/staff/disaster/rules?done=saved", 303);
  });

  // ------------------------------------------------------------------ shelters
  app.get("/staff/disaster/shelters", guarded, async (request, reply) => {
    requireStaff(request);
    const view = await renderShelterList(deps, request, true);
    return sendPage(reply, (ctx) => shelterListPage(ctx, view));
  });

  async function loadShelter(request: FastifyRequest): Promise<Shelter> {
    const shelter = await findShelter(deps.db, param(request, "id"));
    if (!shelter) throw new AppError("not_found", "disaster.shelter_not_found");
    return shelter;
  }

  app.get("/staff/disaster/shelters/:id", guarded, async (request, reply) => {
    requireStaff(request);
    const shelter = await loadShelter(request);
    return sendPage(reply, (ctx) => staffShelterPage(ctx, shelter, doneOf(request) === "saved" ? { values: { status: shelter.status, occupancy: shelter.occupancy, capacity: shelter.capacity, supplies: shelter.supplies, accessibility: shelter.accessibility }, errors: [], done: true } : null));
  });

  app.post("/staff/disaster/shelters/:id", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const shelter = await loadShelter(request);
    const body = bodyOf(request);
    const { values, errors } = parseShelterUpdate(body, request.locale);
    const revision = Number(text(body.revision));
    if (revision !== shelter.revision) return sendPage(reply, (ctx) => staffShelterPage(ctx, shelter, { values, errors, conflict: true } satisfies ShelterEditState), 409);
    if (errors.length > 0) return sendPage(reply, (ctx) => staffShelterPage(ctx, shelter, { values, errors }), 422);
    try {
      await updateShelter({ db: deps.db, actor: staff, shelterId: shelter.id, revision, update: values });
    } catch (error) {
      if (isAppError(error) && error.code === "conflict") {
        const latest = await loadShelter(request);
        return sendPage(reply, (ctx) => staffShelterPage(ctx, latest, { values, errors: [], conflict: true }), 409);
      }
      throw error;
    }
    return reply.redirect(`/staff/disaster/shelters/${shelter.id}?done=saved`, 303);
  });

  // ------------------------------------------------------------------ field reports
  app.get("/staff/disaster/reports", guarded, async (request, reply) => {
    requireStaff(request);
    const status = text(queryOf(request).status);
    const valid = ["received", "verified", "resolved", "rejected"].includes(status) ? (status as FieldReport["status"]) : undefined;
    const reports = await listFieldReports(deps.db, { ...(valid ? { status: valid } : {}), limit: 200 });
    return sendPage(reply, (ctx) => reportsPage(ctx, { reports, status: valid }));
  });

  async function loadReport(request: FastifyRequest): Promise<FieldReport> {
    const report = await findFieldReport(deps.db, param(request, "id"));
    if (!report) throw new AppError("not_found", "disaster.report_not_found");
    return report;
  }

  app.get("/staff/disaster/reports/:id", guarded, async (request, reply) => {
    requireStaff(request);
    const [report, staff] = await Promise.all([loadReport(request), staffDirectory(deps.db)]);
    const done = doneOf(request);
    return sendPage(reply, (ctx) => reportPage(ctx, { report, staff, ...(done ? { done } : {}) }));
  });

  app.get("/staff/disaster/reports/:id/photo", guarded, async (request, reply) => {
    requireStaff(request);
    const photo = await fieldReportPhoto(deps.db, param(request, "id"));
    if (!photo) throw new AppError("not_found", "disaster.report_not_found");
    return reply.header("cache-control", "private, no-store").header("x-content-type-options", "nosniff").type(photo.photoType === "png" ? "image/png" : "image/jpeg").send(photo.photo);
  });

  for (const action of ["verify", "resolve", "reject", "assign"] as const) {
    app.post(`/staff/disaster/reports/:id/${action}`, guarded, async (request, reply) => {
      const staff = requireStaff(request);
      const report = await loadReport(request);
      const body = bodyOf(request);
      const assignee = text(body.assignee);
      const review: ReviewAction = action === "assign" ? { action, assigneeId: isUuid(assignee) ? assignee : null } : { action };
      try {
        await reviewFieldReport({ db: deps.db, actor: staff, reportId: report.id, revision: Number(text(body.revision)), review });
      } catch (error) {
        if (isAppError(error) && error.code === "conflict") {
          const [latest, directory] = await Promise.all([loadReport(request), staffDirectory(deps.db)]);
          return sendPage(reply, (ctx) => reportPage(ctx, { report: latest, staff: directory, conflict: true }), 409);
        }
        throw error;
      }
      return reply.redirect(`/staff/disaster/reports/${report.id}?done=saved`, 303);
    });
  }

  // ------------------------------------------------------------------ settings
  app.get("/staff/disaster/settings", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const done = doneOf(request);
    return renderSettings(deps, reply, staff, done ? { done } : {});
  });

  app.post("/staff/disaster/api-keys", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    if (!canOperate(staff)) throw new AppError("forbidden", "disaster.operator_only");
    const body = bodyOf(request);
    const label = text(body.label);
    const scope = text(body.scope);
    if (label.trim() === "" || label.length > 100 || !API_SCOPES.includes(scope as ApiScope)) {
      return renderSettings(deps, reply, staff, { form: "key", values: { label, scope }, errors: [{ field: "label", message: m(request.locale, "errors.label") }] }, 422);
    }
    const created = await createApiKey({ db: deps.db, actor: staff, label, scope: scope as ApiScope });
    // The key is shown once, on this response (never in a URL, never stored in clear).
    return renderSettings(deps, reply, staff, { newKey: { label: label.trim(), key: created.key } }, 201);
  });

  app.post("/staff/disaster/api-keys/:id/revoke", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    await revokeKey({ db: deps.db, actor: staff, keyId: param(request, "id") });
    return reply.redirect("/staff/disaster/settings?done=revoked#keys", 303);
  });

  app.post("/staff/disaster/members", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    if (!canOperate(staff)) throw new AppError("forbidden", "disaster.operator_only");
    const body = bodyOf(request);
    const values = { email: text(body.email), organisation: text(body.organisation), ward: text(body.ward) };
    const errors: Problem[] = [];
    if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.push({ field: "email", message: m(request.locale, "errors.email") });
    if (values.organisation.trim() === "") errors.push({ field: "organisation", message: m(request.locale, "errors.organisation") });
    if (!WARDS.some((w) => w.code === values.ward)) errors.push({ field: "member-ward", message: m(request.locale, "errors.ward") });
    if (errors.length === 0) {
      try {
        await registerCommunityMember({ db: deps.db, actor: staff, email: values.email, organisation: values.organisation, wardCode: values.ward });
        return reply.redirect("/staff/disaster/settings?done=member#members", 303);
      } catch (error) {
        if (!isAppError(error) || error.reason !== "disaster.member_unknown") throw error;
        errors.push({ field: "email", message: m(request.locale, "errors.memberUnknown") });
      }
    }
    return renderSettings(deps, reply, staff, { form: "member", values, errors }, 422);
  });

  app.post("/staff/disaster/hazard-zones", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    if (!canOperate(staff)) throw new AppError("forbidden", "disaster.operator_only");
    const values: Record<string, string> = {};
    let file: Buffer | null = null;
    if (request.isMultipart()) {
      for await (const part of request.parts({ limits: { files: 1, fileSize: 20 * 1024 * 1024 } })) {
        if (part.type === "file") {
          const bytes = await part.toBuffer();
          if (part.fieldname === "file" && bytes.length > 0) file = bytes;
        } else values[part.fieldname] = String(part.value ?? "");
      }
    }
    const locale = request.locale;
    const errors: Problem[] = [];
    if ((values.name ?? "").trim() === "") errors.push({ field: "zone-name", message: m(locale, "errors.zoneName") });
    let geojson: unknown = undefined;
    if (!file) errors.push({ field: "zone-file", message: m(locale, "errors.zoneFile") });
    else {
      try {
        geojson = JSON.parse(file.toString("utf8"));
      } catch {
        errors.push({ field: "zone-file", message: m(locale, "zone.not_json") });
      }
    }
    const checked = geojson === undefined ? null : validateHazardGeoJson(geojson);
    if (checked && !checked.ok) errors.push({ field: "zone-file", message: m(locale, `zone.${checked.reason}`, { index: checked.index ?? 0 }) });
    if (errors.length > 0 || !checked || !checked.ok) return renderSettings(deps, reply, staff, { form: "zone", values, errors }, 422);
    await importHazardZone({ db: deps.db, actor: staff, name: values.name ?? "", hazard: values.hazard ?? "other", geojson: checked.geojson });
    return reply.redirect("/staff/disaster/settings?done=zone#zones", 303);
  });

  // ------------------------------------------------------------------ maps
  app.get("/staff/disaster/map", guarded, async (request, reply) => {
    requireStaff(request);
    const outages = await listOutages(deps.db, { activeOnly: true, limit: 100 });
    return sendPage(reply, (ctx) => staffMapPage(ctx, { outages }));
  });

  app.get("/staff/disaster/map/:layer", guarded, async (request, reply) => {
    requireStaff(request);
    const layer = param(request, "layer").replace(/\.geojson$/, "");
    let body: unknown;
    if (layer === "shelters") body = featureCollection(await allShelterPoints(deps.db, {}));
    else if (layer === "reports") {
      const reports = await listFieldReports(deps.db, { limit: 1000 });
      body = { type: "FeatureCollection", features: reports.filter((r) => r.lat !== null && r.lon !== null && r.status !== "resolved").map((r) => ({ type: "Feature", geometry: { type: "Point", coordinates: [r.lon, r.lat] }, properties: { id: r.id, category: r.category, severity: r.severity, status: r.status } })) };
    } else if (layer === "warnings") body = await warningFeatures(deps);
    else if (layer === "zones") {
      const zones = await hazardZoneFeatures(deps.db);
      body = { type: "FeatureCollection", features: zones.flatMap((z) => z.geojson.features.map((f) => ({ ...f, properties: { ...(f.properties as object), zone: z.name, hazard: z.hazard } }))) };
    } else if (layer === "outages") {
      const outages = await listOutages(deps.db, { activeOnly: true, limit: 500 });
      body = { type: "FeatureCollection", features: outages.flatMap((o) => outageFeatures(o)) };
    } else throw new AppError("not_found", "disaster.layer_not_found");
    return reply.header("cache-control", "no-store").type("application/geo+json").send(body);
  });
}

/** Ward boundaries are not available: warnings are shown at the ward office's shelters' centre (mean of the ward's shelters). */
async function warningFeatures(deps: AppDeps) {
  const [warnings, points] = await Promise.all([recentWarningWards(deps.db, 24), allShelterPoints(deps.db, { kind: "evacuation" })]);
  return {
    type: "FeatureCollection",
    features: warnings.flatMap((w) => {
      const inWard = points.filter((p) => p.wardCode === w.ward);
      if (inWard.length === 0) return [];
      const lon = inWard.reduce((s, p) => s + p.lon, 0) / inWard.length;
      const lat = inWard.reduce((s, p) => s + p.lat, 0) / inWard.length;
      return [{ type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: { ward: w.ward, level: w.level, kind: w.kind, title: w.title } }];
    }),
  };
}

function outageFeatures(outage: { id: string; lifeline: string; description: string; geometry: unknown }) {
  const geometry = outage.geometry as { type?: string } | null;
  if (!geometry || typeof geometry.type !== "string") return [];
  return [{ type: "Feature", geometry, properties: { id: outage.id, lifeline: outage.lifeline, description: outage.description } }];
}
