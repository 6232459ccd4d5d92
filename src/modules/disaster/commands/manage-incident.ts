/**
 * Incidents: open one (危機管理室), change its 配備体制, close it; anyone on the desk may add notes to
 * the chronology, add tasks and mark them done. Every change is a chronology entry; decisions are
 * audited. Changes to the incident carry the revision the page showed (optimistic concurrency).
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isDeploymentLevel, isHazard, type DeploymentLevel, type Hazard } from "../deployment.ts";
import { assertCanOperate, isStaff } from "../policy.ts";
import { completeTask, findIncident, insertIncident, insertTask, isStaffUser, updateIncident, type Incident } from "../queries.ts";
import { isWardCode } from "../wards.ts";
import { auditLabel, chronologyLabel, recordChronology } from "./support.ts";

function assertDesk(actor: Actor): void {
  if (!isStaff(actor)) throw new AppError("forbidden", "disaster.staff_only");
}

async function openIncidentOrFail(tx: Db, id: string): Promise<Incident> {
  const incident = await findIncident(tx, id, { forUpdate: true });
  if (!incident) throw new AppError("not_found", "disaster.incident_not_found");
  return incident;
}

export type OpenIncidentOptions = { db: Db; actor: Actor; title: string; hazard: Hazard; deploymentLevel: DeploymentLevel; wards: string[] };

export async function openIncident(options: OpenIncidentOptions): Promise<string> {
  const { actor } = options;
  assertCanOperate(actor);
  const title = options.title.trim();
  if (title === "" || title.length > 200) throw new AppError("invalid_input", "disaster.title_required");
  if (!isHazard(options.hazard) || !isDeploymentLevel(options.deploymentLevel) || !options.wards.every(isWardCode)) throw new AppError("invalid_input", "disaster.incident_invalid");
  return options.db.transaction(async (tx) => {
    const id = await insertIncident(tx, { title, hazard: options.hazard, deploymentLevel: options.deploymentLevel, wards: options.wards, openedBy: actor.id });
    await recordChronology(tx, {
      incidentId: id, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "incident.opened",
      summary: `災害対応を開始：${title}`, data: { title, hazard: options.hazard, deploymentLevel: options.deploymentLevel },
    });
    await appendAudit(tx, { actorId: actor.id, actorLabel: auditLabel(actor), action: "disaster.incident_opened", objectType: "disaster_incident", objectId: id, data: { hazard: options.hazard, deploymentLevel: options.deploymentLevel, wards: options.wards } });
    return id;
  });
}

export async function changeDeploymentLevel(options: { db: Db; actor: Actor; incidentId: string; revision: number; level: DeploymentLevel }): Promise<void> {
  const { actor } = options;
  assertCanOperate(actor);
  if (!isDeploymentLevel(options.level)) throw new AppError("invalid_input", "disaster.level_invalid");
  await options.db.transaction(async (tx) => {
    const incident = await openIncidentOrFail(tx, options.incidentId);
    if (incident.status !== "open") throw new AppError("conflict", "disaster.incident_closed");
    if (!(await updateIncident(tx, incident.id, options.revision, { deploymentLevel: options.level }))) throw new AppError("conflict", "disaster.stale_incident");
    await recordChronology(tx, {
      incidentId: incident.id, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "incident.level",
      summary: `配備体制を変更：${incident.deploymentLevel} → ${options.level}`, data: { from: incident.deploymentLevel, to: options.level },
    });
    await appendAudit(tx, { actorId: actor.id, actorLabel: auditLabel(actor), action: "disaster.deployment_changed", objectType: "disaster_incident", objectId: incident.id, data: { from: incident.deploymentLevel, to: options.level } });
  });
}

export async function closeIncident(options: { db: Db; actor: Actor; incidentId: string; revision: number }): Promise<void> {
  const { actor } = options;
  assertCanOperate(actor);
  await options.db.transaction(async (tx) => {
    const incident = await openIncidentOrFail(tx, options.incidentId);
    if (incident.status !== "open") throw new AppError("conflict", "disaster.incident_closed");
    if (!(await updateIncident(tx, incident.id, options.revision, { status: "closed" }))) throw new AppError("conflict", "disaster.stale_incident");
    await recordChronology(tx, { incidentId: incident.id, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "incident.closed", summary: "災害対応を終了", data: {} });
    await appendAudit(tx, { actorId: actor.id, actorLabel: auditLabel(actor), action: "disaster.incident_closed", objectType: "disaster_incident", objectId: incident.id, data: {} });
  });
}

export async function addChronologyNote(options: { db: Db; actor: Actor; incidentId: string; note: string }): Promise<void> {
  const { actor } = options;
  assertDesk(actor);
  const note = options.note.trim();
  if (note === "" || note.length > 2000) throw new AppError("invalid_input", "disaster.note_required");
  await options.db.transaction(async (tx) => {
    const incident = await openIncidentOrFail(tx, options.incidentId);
    await recordChronology(tx, { incidentId: incident.id, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "note", summary: note, data: { note } });
  });
}

export async function addTask(options: { db: Db; actor: Actor; incidentId: string; title: string; assigneeId: string | null }): Promise<string> {
  const { actor } = options;
  assertDesk(actor);
  const title = options.title.trim();
  if (title === "" || title.length > 300) throw new AppError("invalid_input", "disaster.task_required");
  return options.db.transaction(async (tx) => {
    const incident = await openIncidentOrFail(tx, options.incidentId);
    if (incident.status !== "open") throw new AppError("conflict", "disaster.incident_closed");
    if (options.assigneeId && !(await isStaffUser(tx, options.assigneeId))) throw new AppError("invalid_input", "disaster.assignee_invalid");
    const id = await insertTask(tx, { incidentId: incident.id, title, assigneeId: options.assigneeId, createdBy: actor.id });
    await recordChronology(tx, { incidentId: incident.id, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "task.added", summary: `タスク追加：${title}`, data: { taskId: id, title, assigneeId: options.assigneeId } });
    return id;
  });
}

export async function finishTask(options: { db: Db; actor: Actor; incidentId: string; taskId: string }): Promise<void> {
  const { actor } = options;
  assertDesk(actor);
  await options.db.transaction(async (tx) => {
    const incident = await openIncidentOrFail(tx, options.incidentId);
    const task = await completeTask(tx, incident.id, options.taskId);
    if (!task) throw new AppError("conflict", "disaster.task_not_open");
    await recordChronology(tx, { incidentId: incident.id, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "task.done", summary: `タスク完了：${task.title}`, data: { taskId: task.id, title: task.title } });
  });
}
