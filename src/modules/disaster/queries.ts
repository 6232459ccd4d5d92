/**
 * SQL of the disaster module's own tables (migrations/0020_disaster.sql). Every function takes the
 * database or the caller's transaction first. Arrays travel as one bound parameter (`textArray`).
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { userIdByEmail } from "../identity/index.ts";

/** A text[] parameter (one bound array, never spliced into SQL). */
export function textArray(values: readonly string[]): SQL {
  return sql`${sql.param([...values])}::text[]`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

async function one<T>(db: Db, query: SQL): Promise<T | null> {
  const [row] = await queryRows<T>(db, query);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Chronology

export type ChronologyEntry = {
  id: number;
  incidentId: string | null;
  at: Date;
  actorLabel: string;
  type: string;
  summary: string;
  data: Record<string, unknown>;
};

export type NewChronology = {
  incidentId: string | null;
  actorId: string | null;
  actorLabel: string;
  type: string;
  /** Japanese text of the entry (kept for exports); the page renders `type` + `data` in the reader's language. */
  summary: string;
  data?: Record<string, unknown>;
};

export async function insertChronology(db: Db, entry: NewChronology): Promise<void> {
  await db.execute(sql`
    INSERT INTO disaster_chronology (incident_id, actor_id, actor_label, type, summary, data)
    VALUES (${entry.incidentId}, ${entry.actorId}, ${entry.actorLabel}, ${entry.type}, ${entry.summary}, ${JSON.stringify(entry.data ?? {})}::jsonb)`);
}

/** The incident's own entries and the city-wide ones while it was open, oldest first. */
export async function incidentChronology(db: Db, incident: { id: string; openedAt: Date; closedAt: Date | null }): Promise<ChronologyEntry[]> {
  const rows = await queryRows<ChronologyEntry & { id: string }>(db, sql`
    SELECT id, incident_id AS "incidentId", at, actor_label AS "actorLabel", type, summary, data
    FROM disaster_chronology
    WHERE incident_id = ${incident.id}
       OR (incident_id IS NULL AND at >= ${new Date(incident.openedAt).toISOString()}::timestamptz
           AND at <= coalesce(${incident.closedAt ? new Date(incident.closedAt).toISOString() : null}::timestamptz, now()))
    ORDER BY at, id`);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function recentChronology(db: Db, limit: number): Promise<ChronologyEntry[]> {
  const rows = await queryRows<ChronologyEntry & { id: string }>(db, sql`
    SELECT id, incident_id AS "incidentId", at, actor_label AS "actorLabel", type, summary, data
    FROM disaster_chronology ORDER BY at DESC, id DESC LIMIT ${limit}`);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

// ---------------------------------------------------------------------------------------------
// Incidents and tasks

export type Incident = {
  id: string;
  title: string;
  hazard: string;
  deploymentLevel: string;
  wards: string[];
  status: "open" | "closed";
  openedAt: Date;
  closedAt: Date | null;
  revision: number;
};

const INCIDENT_COLUMNS = sql`id, title, hazard, deployment_level AS "deploymentLevel", wards, status,
  opened_at AS "openedAt", closed_at AS "closedAt", revision`;

export async function insertIncident(db: Db, input: { title: string; hazard: string; deploymentLevel: string; wards: string[]; openedBy: string }): Promise<string> {
  const row = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_incidents (title, hazard, deployment_level, wards, opened_by)
    VALUES (${input.title}, ${input.hazard}, ${input.deploymentLevel}, ${textArray(input.wards)}, ${input.openedBy}) RETURNING id`);
  return row!.id;
}

export async function findIncident(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Incident | null> {
  if (!isUuid(id)) return null;
  return one<Incident>(db, sql`SELECT ${INCIDENT_COLUMNS} FROM disaster_incidents WHERE id = ${id} ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
}

export async function listIncidents(db: Db, options: { status?: "open" | "closed"; limit?: number } = {}): Promise<Incident[]> {
  return queryRows<Incident>(db, sql`
    SELECT ${INCIDENT_COLUMNS} FROM disaster_incidents
    ${options.status ? sql`WHERE status = ${options.status}` : sql``}
    ORDER BY status = 'open' DESC, opened_at DESC LIMIT ${options.limit ?? 50}`);
}

export async function updateIncident(db: Db, id: string, revision: number, changes: { deploymentLevel?: string; status?: "closed" }): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE disaster_incidents SET
      deployment_level = coalesce(${changes.deploymentLevel ?? null}, deployment_level),
      status = coalesce(${changes.status ?? null}, status),
      closed_at = CASE WHEN ${changes.status ?? null}::text = 'closed' THEN now() ELSE closed_at END,
      revision = revision + 1
    WHERE id = ${id} AND revision = ${revision} RETURNING id`);
  return rows.length === 1;
}

export type Task = { id: string; incidentId: string; title: string; assigneeId: string | null; assigneeName: string | null; status: "open" | "done"; createdAt: Date; doneAt: Date | null };

export async function insertTask(db: Db, input: { incidentId: string; title: string; assigneeId: string | null; createdBy: string }): Promise<string> {
  const row = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_tasks (incident_id, title, assignee_id, created_by)
    VALUES (${input.incidentId}, ${input.title}, ${input.assigneeId}, ${input.createdBy}) RETURNING id`);
  return row!.id;
}

export async function incidentTasks(db: Db, incidentId: string): Promise<Task[]> {
  return queryRows<Task>(db, sql`
    SELECT t.id, t.incident_id AS "incidentId", t.title, t.assignee_id AS "assigneeId",
      u.display_name AS "assigneeName",
      t.status, t.created_at AS "createdAt", t.done_at AS "doneAt"
    FROM disaster_tasks t LEFT JOIN identity_people u ON u.id = t.assignee_id
    WHERE t.incident_id = ${incidentId} ORDER BY t.status = 'done', t.created_at`);
}

export async function completeTask(db: Db, incidentId: string, taskId: string): Promise<Task | null> {
  if (!isUuid(taskId)) return null;
  const [row] = await queryRows<{ id: string }>(db, sql`
    UPDATE disaster_tasks SET status = 'done', done_at = now()
    WHERE id = ${taskId} AND incident_id = ${incidentId} AND status = 'open' RETURNING id`);
  if (!row) return null;
  return (await incidentTasks(db, incidentId)).find((task) => task.id === taskId) ?? null;
}

/** Staff who may be given a task (any staff account that is not disabled), by name. */
export async function staffDirectory(db: Db): Promise<Array<{ id: string; name: string }>> {
  return queryRows(db, sql`
    SELECT id, display_name AS name FROM identity_people
    WHERE kind = 'staff' AND active ORDER BY sort_key LIMIT 500`);
}

export async function isStaffUser(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await one(db, sql`SELECT 1 FROM identity_people WHERE id = ${id} AND kind = 'staff' AND active`)) !== null;
}

// ---------------------------------------------------------------------------------------------
// Alerts

export type AlertRow = {
  id: string;
  kind: "evacuation" | "jma" | "cap";
  template: string;
  level: number;
  wards: string[];
  params: Record<string, string | number>;
  incidentId: string | null;
  jmaEntryId: string | null;
  status: "draft" | "issued" | "dismissed";
  auto: boolean;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByName: string | null;
};

const ALERT_COLUMNS = sql`a.id, a.kind, a.template, a.level, a.wards, a.params, a.incident_id AS "incidentId",
  a.jma_entry_id AS "jmaEntryId", a.status, a.auto, a.created_at AS "createdAt", a.decided_at AS "decidedAt",
  u.display_name AS "decidedByName"`;

export async function insertAlert(
  db: Db,
  input: { kind: AlertRow["kind"]; template: string; level: number; wards: string[]; params: Record<string, string | number>; incidentId: string | null; jmaEntryId: string | null; status: "draft" | "issued"; auto: boolean; createdBy: string | null },
): Promise<string | null> {
  const row = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_alerts (kind, template, level, wards, params, incident_id, jma_entry_id, status, auto, created_by, decided_at)
    VALUES (${input.kind}, ${input.template}, ${input.level}, ${textArray(input.wards)}, ${JSON.stringify(input.params)}::jsonb,
      ${input.incidentId}, ${input.jmaEntryId}, ${input.status}, ${input.auto}, ${input.createdBy},
      ${input.status === "issued" ? sql`now()` : sql`NULL`})
    ON CONFLICT DO NOTHING RETURNING id`);
  return row?.id ?? null;
}

export async function findAlert(db: Db, id: string): Promise<AlertRow | null> {
  if (!isUuid(id)) return null;
  return one<AlertRow>(db, sql`SELECT ${ALERT_COLUMNS} FROM disaster_alerts a LEFT JOIN identity_people u ON u.id = a.decided_by WHERE a.id = ${id}`);
}

/** draft → issued or dismissed, once: false when it was not a draft any more. */
export async function decideAlert(db: Db, id: string, to: "issued" | "dismissed", actorId: string | null): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE disaster_alerts SET status = ${to}, decided_by = ${actorId}, decided_at = now()
    WHERE id = ${id} AND status = 'draft' RETURNING id`);
  return rows.length === 1;
}

export async function listAlerts(db: Db, options: { status?: AlertRow["status"]; incidentId?: string; limit?: number }): Promise<AlertRow[]> {
  return queryRows<AlertRow>(db, sql`
    SELECT ${ALERT_COLUMNS} FROM disaster_alerts a LEFT JOIN identity_people u ON u.id = a.decided_by
    WHERE true ${options.status ? sql`AND a.status = ${options.status}` : sql``}
      ${options.incidentId ? sql`AND a.incident_id = ${options.incidentId}` : sql``}
    ORDER BY a.created_at DESC LIMIT ${options.limit ?? 50}`);
}

/** Issued evacuation information still in force per ward: the latest issued evacuation alert of each ward. */
export async function currentEvacuationLevels(db: Db): Promise<Map<string, { level: number; at: Date }>> {
  const rows = await queryRows<{ ward: string; level: number; at: Date }>(db, sql`
    SELECT DISTINCT ON (ward) ward, level, decided_at AS at
    FROM disaster_alerts, unnest(wards) AS ward
    WHERE kind = 'evacuation' AND status = 'issued'
    ORDER BY ward, decided_at DESC`);
  return new Map(rows.filter((r) => r.level > 0).map((r) => [r.ward, { level: r.level, at: r.at }]));
}

// ---------------------------------------------------------------------------------------------
// Alert rules

export type AlertRule = { id: string; jmaKind: string; minLevel: number; wards: string[]; template: string; mode: "auto" | "confirm"; enabled: boolean; note: string; updatedAt: Date };

export async function listRules(db: Db): Promise<AlertRule[]> {
  return queryRows<AlertRule>(db, sql`
    SELECT id, jma_kind AS "jmaKind", min_level AS "minLevel", wards, template, mode, enabled, note, updated_at AS "updatedAt"
    FROM disaster_alert_rules ORDER BY jma_kind, min_level`);
}

export async function insertRule(db: Db, rule: Omit<AlertRule, "id" | "updatedAt">, actorId: string): Promise<string> {
  const row = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_alert_rules (jma_kind, min_level, wards, template, mode, enabled, note, updated_by)
    VALUES (${rule.jmaKind}, ${rule.minLevel}, ${textArray(rule.wards)}, ${rule.template}, ${rule.mode}, ${rule.enabled}, ${rule.note}, ${actorId})
    RETURNING id`);
  return row!.id;
}

export async function setRuleEnabled(db: Db, id: string, enabled: boolean, actorId: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await queryRows(db, sql`UPDATE disaster_alert_rules SET enabled = ${enabled}, updated_by = ${actorId}, updated_at = now() WHERE id = ${id} RETURNING id`);
  return rows.length === 1;
}

// ---------------------------------------------------------------------------------------------
// JMA entries

export type JmaEntryRow = {
  entryId: string;
  feedUrl: string;
  link: string;
  atomTitle: string;
  status: "recorded" | "rejected" | "failed";
  attempts: number;
  reason: string | null;
  kind: string | null;
  headTitle: string | null;
  reportTime: string | null;
  infoType: string | null;
  jmaStatus: string | null;
  concernsCity: boolean;
  wards: string[];
  level: number;
  firstSeenAt: Date;
};

const ENTRY_COLUMNS = sql`entry_id AS "entryId", feed_url AS "feedUrl", link, atom_title AS "atomTitle", status, attempts, reason, kind,
  head_title AS "headTitle", report_time AS "reportTime", info_type AS "infoType", jma_status AS "jmaStatus",
  concerns_city AS "concernsCity", wards, level, first_seen_at AS "firstSeenAt"`;

/** Entry ids already recorded or rejected, or failed too often: these are not fetched again. */
export async function settledEntryIds(db: Db, ids: readonly string[], maxAttempts: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ entryId: string }>(db, sql`
    SELECT entry_id AS "entryId" FROM disaster_jma_entries
    WHERE entry_id = ANY(${textArray(ids)})
      AND (status <> 'failed' OR attempts >= ${maxAttempts})`);
  return new Set(rows.map((r) => r.entryId));
}

export type EntryRecord = {
  entryId: string;
  feedUrl: string;
  link: string;
  atomTitle: string;
  atomUpdated: string;
  status: JmaEntryRow["status"];
  reason: string | null;
  kind?: string;
  headTitle?: string;
  reportTime?: string;
  infoType?: string;
  jmaStatus?: string;
  concernsCity?: boolean;
  wards?: string[];
  level?: number;
  summary?: unknown;
};

/** Inserts or (for an earlier transient failure) updates an entry; false when someone else recorded it first. */
export async function upsertEntry(db: Db, entry: EntryRecord): Promise<boolean> {
  const rows = await queryRows(db, sql`
    INSERT INTO disaster_jma_entries (entry_id, feed_url, link, atom_title, atom_updated, status, reason, kind, head_title, report_time,
      info_type, jma_status, concerns_city, wards, level, summary)
    VALUES (${entry.entryId}, ${entry.feedUrl}, ${entry.link}, ${entry.atomTitle}, ${entry.atomUpdated}, ${entry.status}, ${entry.reason},
      ${entry.kind ?? null}, ${entry.headTitle ?? null}, ${entry.reportTime ?? null}, ${entry.infoType ?? null}, ${entry.jmaStatus ?? null},
      ${entry.concernsCity ?? false}, ${textArray(entry.wards ?? [])}, ${entry.level ?? 0},
      ${entry.summary === undefined ? null : JSON.stringify(entry.summary)}::jsonb)
    ON CONFLICT (entry_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, kind = excluded.kind,
      head_title = excluded.head_title, report_time = excluded.report_time, info_type = excluded.info_type,
      jma_status = excluded.jma_status, concerns_city = excluded.concerns_city, wards = excluded.wards,
      level = excluded.level, summary = excluded.summary, attempts = disaster_jma_entries.attempts + 1, updated_at = now()
    WHERE disaster_jma_entries.status = 'failed'
    RETURNING entry_id`);
  return rows.length === 1;
}

export async function listEntries(db: Db, options: { limit: number; onlyCity?: boolean }): Promise<JmaEntryRow[]> {
  return queryRows<JmaEntryRow>(db, sql`
    SELECT ${ENTRY_COLUMNS} FROM disaster_jma_entries
    ${options.onlyCity ? sql`WHERE concerns_city` : sql``}
    ORDER BY first_seen_at DESC LIMIT ${options.limit}`);
}

export async function findEntry(db: Db, entryId: string): Promise<(JmaEntryRow & { summary: unknown }) | null> {
  return one(db, sql`SELECT ${ENTRY_COLUMNS}, summary FROM disaster_jma_entries WHERE entry_id = ${entryId}`);
}

/** Wards under JMA items of level ≥ 1 recorded in the last `hours`, with the highest level and its kind. */
export async function recentWarningWards(db: Db, hours: number): Promise<Array<{ ward: string; level: number; kind: string; title: string }>> {
  return queryRows(db, sql`
    SELECT DISTINCT ON (ward) ward, level, kind, head_title AS title
    FROM disaster_jma_entries, unnest(wards) AS ward
    WHERE status = 'recorded' AND concerns_city AND level > 0 AND first_seen_at > now() - make_interval(hours => ${hours})
    ORDER BY ward, level DESC, first_seen_at DESC`);
}

// ---------------------------------------------------------------------------------------------
// Shelters

export type ShelterKind = "evacuation" | "emergency";
export type ShelterStatus = "closed" | "open" | "full";

export type Shelter = {
  id: string;
  kind: ShelterKind;
  sourceId: string;
  name: string;
  address: string;
  wardCode: string | null;
  lat: number;
  lon: number;
  hazards: string[];
  accepts: string | null;
  capacity: number | null;
  status: ShelterStatus;
  occupancy: number;
  supplies: Record<string, string>;
  accessibility: Record<string, boolean>;
  demo: boolean;
  revision: number;
  updatedAt: Date;
};

const SHELTER_COLUMNS = sql`id, kind, source_id AS "sourceId", name, address, ward_code AS "wardCode", lat, lon, hazards, accepts,
  capacity, status, occupancy, supplies, accessibility, demo, revision, updated_at AS "updatedAt"`;

export type ShelterImport = { kind: ShelterKind; sourceId: string; name: string; address: string; wardCode: string | null; lat: number; lon: number; hazards: string[]; accepts: string | null };

/** Inserts or refreshes the official facts of shelters (live state is never overwritten); returns how many were new. */
export async function upsertShelters(db: Db, items: readonly ShelterImport[]): Promise<number> {
  if (items.length === 0) return 0;
  const before = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM disaster_shelters`);
  await queryRows(db, sql`
    INSERT INTO disaster_shelters (kind, source_id, name, address, ward_code, lat, lon, hazards, accepts)
    SELECT x.kind, x.source_id, x.name, x.address, x.ward_code, x.lat, x.lon, ARRAY(SELECT jsonb_array_elements_text(x.hazards)), x.accepts
    FROM jsonb_to_recordset(${JSON.stringify(items.map((i) => ({ kind: i.kind, source_id: i.sourceId, name: i.name, address: i.address, ward_code: i.wardCode, lat: i.lat, lon: i.lon, hazards: i.hazards, accepts: i.accepts })))}::jsonb)
      AS x(kind text, source_id text, name text, address text, ward_code text, lat double precision, lon double precision, hazards jsonb, accepts text)
    ON CONFLICT (kind, source_id) DO UPDATE SET name = excluded.name, address = excluded.address, ward_code = excluded.ward_code,
      lat = excluded.lat, lon = excluded.lon, hazards = excluded.hazards, accepts = excluded.accepts`);
  const afterCount = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM disaster_shelters`);
  return (afterCount?.n ?? 0) - (before?.n ?? 0);
}

export type ShelterFilter = { ward?: string; kind?: ShelterKind; openOnly?: boolean; hazard?: string };

function shelterWhere(filter: ShelterFilter): SQL {
  return sql`WHERE true
    ${filter.ward ? sql`AND ward_code = ${filter.ward}` : sql``}
    ${filter.kind ? sql`AND kind = ${filter.kind}` : sql``}
    ${filter.openOnly ? sql`AND status <> 'closed'` : sql``}
    ${filter.hazard ? sql`AND ${filter.hazard} = ANY(hazards)` : sql``}`;
}

export async function listShelters(db: Db, filter: ShelterFilter, page: { offset: number; limit: number }): Promise<Shelter[]> {
  return queryRows<Shelter>(db, sql`
    SELECT ${SHELTER_COLUMNS} FROM disaster_shelters ${shelterWhere(filter)}
    ORDER BY status = 'closed', name, id OFFSET ${page.offset} LIMIT ${page.limit}`);
}

export async function countShelters(db: Db, filter: ShelterFilter): Promise<number> {
  const row = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM disaster_shelters ${shelterWhere(filter)}`);
  return row?.n ?? 0;
}

export async function shelterCountsByWard(db: Db): Promise<Array<{ wardCode: string | null; total: number; open: number }>> {
  return queryRows(db, sql`
    SELECT ward_code AS "wardCode", count(*)::int AS total, count(*) FILTER (WHERE status <> 'closed')::int AS open
    FROM disaster_shelters GROUP BY ward_code`);
}

export async function findShelter(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Shelter | null> {
  if (!isUuid(id)) return null;
  return one<Shelter>(db, sql`SELECT ${SHELTER_COLUMNS} FROM disaster_shelters WHERE id = ${id} ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
}

export async function updateShelterState(
  db: Db,
  id: string,
  revision: number,
  state: { status: ShelterStatus; occupancy: number; capacity: number | null; supplies: Record<string, string>; accessibility: Record<string, boolean> },
  actorId: string,
): Promise<boolean> {
  const rows = await queryRows(db, sql`
    UPDATE disaster_shelters SET status = ${state.status}, occupancy = ${state.occupancy}, capacity = ${state.capacity},
      supplies = ${JSON.stringify(state.supplies)}::jsonb, accessibility = ${JSON.stringify(state.accessibility)}::jsonb,
      demo = false, revision = revision + 1, updated_by = ${actorId}, updated_at = now()
    WHERE id = ${id} AND revision = ${revision} RETURNING id`);
  return rows.length === 1;
}

/** Demo values for shelters that have none yet (marked demo = true so pages can say so). */
export async function fillDemoShelterState(db: Db): Promise<number> {
  const rows = await queryRows(db, sql`
    UPDATE disaster_shelters SET
      capacity = CASE WHEN kind = 'evacuation' THEN 100 + (abs(hashtext(source_id)) % 9) * 50 ELSE NULL END,
      accessibility = jsonb_build_object('wheelchair', abs(hashtext(source_id)) % 3 <> 0, 'accessibleToilet', abs(hashtext(source_id)) % 4 <> 0,
        'elevator', abs(hashtext(source_id)) % 5 = 0, 'welfareSpace', accepts IS NOT NULL),
      supplies = CASE WHEN kind = 'evacuation' THEN jsonb_build_object('water', 'ok', 'food', 'ok', 'blankets', 'low') ELSE '{}'::jsonb END,
      demo = true
    WHERE revision = 1 AND NOT demo AND updated_by IS NULL RETURNING id`);
  return rows.length;
}

export async function allShelterPoints(db: Db, filter: ShelterFilter): Promise<Array<Pick<Shelter, "id" | "kind" | "name" | "lat" | "lon" | "status" | "wardCode">>> {
  return queryRows(db, sql`SELECT id, kind, name, lat, lon, status, ward_code AS "wardCode" FROM disaster_shelters ${shelterWhere(filter)} ORDER BY name`);
}

// ---------------------------------------------------------------------------------------------
// 自主防災組織 members

export async function isCommunityMember(db: Db, userId: string): Promise<boolean> {
  return (await one(db, sql`SELECT 1 FROM disaster_community_members WHERE user_id = ${userId}`)) !== null;
}

export async function residentIdByEmail(db: Db, email: string): Promise<string | null> {
  return userIdByEmail(db, "resident", email, { activeOnly: true });
}

export async function upsertCommunityMember(db: Db, input: { userId: string; organisation: string; wardCode: string; addedBy: string | null }): Promise<void> {
  await db.execute(sql`
    INSERT INTO disaster_community_members (user_id, organisation, ward_code, added_by)
    VALUES (${input.userId}, ${input.organisation}, ${input.wardCode}, ${input.addedBy})
    ON CONFLICT (user_id) DO UPDATE SET organisation = excluded.organisation, ward_code = excluded.ward_code`);
}

export async function listCommunityMembers(db: Db): Promise<Array<{ userId: string; name: string; email: string; organisation: string; wardCode: string; addedAt: Date }>> {
  return queryRows(db, sql`
    SELECT m.user_id AS "userId", u.display_name AS name, u.email, m.organisation, m.ward_code AS "wardCode", m.added_at AS "addedAt"
    FROM disaster_community_members m JOIN identity_people u ON u.id = m.user_id ORDER BY m.ward_code, m.organisation, u.sort_key`);
}

// ---------------------------------------------------------------------------------------------
// Field reports

export type FieldReport = {
  id: string;
  idempotencyKey: string;
  reporterId: string;
  reporterName: string;
  category: string;
  severity: string;
  description: string;
  lat: number | null;
  lon: number | null;
  locationSource: "form" | "photo" | "none";
  wardCode: string | null;
  hasPhoto: boolean;
  status: "received" | "verified" | "resolved" | "rejected";
  assigneeId: string | null;
  assigneeName: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
};

const REPORT_COLUMNS = sql`r.id, r.idempotency_key AS "idempotencyKey", r.reporter_id AS "reporterId",
  ru.display_name AS "reporterName", r.category, r.severity, r.description, r.lat, r.lon,
  r.location_source AS "locationSource", r.ward_code AS "wardCode", r.photo IS NOT NULL AS "hasPhoto", r.status,
  r.assignee_id AS "assigneeId", au.display_name AS "assigneeName",
  r.revision, r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;
const REPORT_FROM = sql`disaster_field_reports r JOIN identity_people ru ON ru.id = r.reporter_id LEFT JOIN identity_people au ON au.id = r.assignee_id`;

export type NewFieldReport = {
  idempotencyKey: string;
  reporterId: string;
  category: string;
  severity: string;
  description: string;
  lat: number | null;
  lon: number | null;
  locationSource: FieldReport["locationSource"];
  wardCode: string | null;
  photo: Buffer | null;
  photoType: "jpeg" | "png" | null;
};

/** Inserts the report unless its idempotency key is known; returns the id and whether it is new. */
export async function insertFieldReport(db: Db, report: NewFieldReport): Promise<{ id: string; created: boolean; reporterId: string }> {
  const inserted = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_field_reports (idempotency_key, reporter_id, category, severity, description, lat, lon, location_source, ward_code, photo, photo_type)
    VALUES (${report.idempotencyKey}, ${report.reporterId}, ${report.category}, ${report.severity}, ${report.description},
      ${report.lat}, ${report.lon}, ${report.locationSource}, ${report.wardCode}, ${report.photo}, ${report.photoType})
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`);
  if (inserted) return { id: inserted.id, created: true, reporterId: report.reporterId };
  const existing = await one<{ id: string; reporterId: string }>(db, sql`SELECT id, reporter_id AS "reporterId" FROM disaster_field_reports WHERE idempotency_key = ${report.idempotencyKey}`);
  return { id: existing!.id, created: false, reporterId: existing!.reporterId };
}

export async function findFieldReport(db: Db, id: string): Promise<FieldReport | null> {
  if (!isUuid(id)) return null;
  return one<FieldReport>(db, sql`SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM} WHERE r.id = ${id}`);
}

export async function listFieldReports(db: Db, options: { status?: FieldReport["status"]; limit: number }): Promise<FieldReport[]> {
  return queryRows<FieldReport>(db, sql`
    SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM}
    ${options.status ? sql`WHERE r.status = ${options.status}` : sql`WHERE r.status <> 'rejected'`}
    ORDER BY r.status = 'resolved', r.created_at DESC LIMIT ${options.limit}`);
}

export async function fieldReportPhoto(db: Db, id: string): Promise<{ photo: Buffer; photoType: "jpeg" | "png" } | null> {
  if (!isUuid(id)) return null;
  return one(db, sql`SELECT photo, photo_type AS "photoType" FROM disaster_field_reports WHERE id = ${id} AND photo IS NOT NULL`);
}

export async function updateFieldReport(db: Db, id: string, revision: number, changes: { status?: FieldReport["status"]; assigneeId?: string | null }): Promise<boolean> {
  const rows = await queryRows(db, sql`
    UPDATE disaster_field_reports SET
      status = coalesce(${changes.status ?? null}, status),
      assignee_id = ${changes.assigneeId === undefined ? sql`assignee_id` : sql`${changes.assigneeId}`},
      revision = revision + 1, updated_at = now()
    WHERE id = ${id} AND revision = ${revision} RETURNING id`);
  return rows.length === 1;
}

// ---------------------------------------------------------------------------------------------
// API keys, lifeline outages, CAP messages

export type ApiKeyRow = { id: string; label: string; scope: "electricity" | "gas" | "water" | "rail" | "national"; keyPrefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export async function insertApiKey(db: Db, input: { label: string; scope: ApiKeyRow["scope"]; keyPrefix: string; keyHash: string; createdBy: string | null }): Promise<string> {
  const row = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_api_keys (label, scope, key_prefix, key_hash, created_by)
    VALUES (${input.label}, ${input.scope}, ${input.keyPrefix}, ${input.keyHash}, ${input.createdBy}) RETURNING id`);
  return row!.id;
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | null> {
  return one<ApiKeyRow>(db, sql`
    UPDATE disaster_api_keys SET last_used_at = now() WHERE key_hash = ${keyHash} AND revoked_at IS NULL
    RETURNING id, label, scope, key_prefix AS "keyPrefix", created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`);
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return queryRows<ApiKeyRow>(db, sql`
    SELECT id, label, scope, key_prefix AS "keyPrefix", created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
    FROM disaster_api_keys ORDER BY revoked_at IS NOT NULL, created_at DESC`);
}

export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyRow | null> {
  if (!isUuid(id)) return null;
  return one<ApiKeyRow>(db, sql`
    UPDATE disaster_api_keys SET revoked_at = now() WHERE id = ${id} AND revoked_at IS NULL
    RETURNING id, label, scope, key_prefix AS "keyPrefix", created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`);
}

export type Outage = { id: string; lifeline: string; operator: string; externalId: string; wards: string[]; description: string; households: number | null; geometry: unknown; startedAt: Date; recoveredAt: Date | null; updatedAt: Date };

const OUTAGE_COLUMNS = sql`o.id, o.lifeline, k.label AS operator, o.external_id AS "externalId", o.wards, o.description, o.households, o.geometry,
  o.started_at AS "startedAt", o.recovered_at AS "recoveredAt", o.updated_at AS "updatedAt"`;

export async function upsertOutage(
  db: Db,
  input: { apiKeyId: string; lifeline: string; externalId: string; wards: string[]; description: string; households: number | null; geometry: unknown; startedAt: string },
): Promise<{ id: string; created: boolean }> {
  const row = await one<{ id: string; created: boolean }>(db, sql`
    INSERT INTO disaster_lifeline_outages (api_key_id, lifeline, external_id, wards, description, households, geometry, started_at)
    VALUES (${input.apiKeyId}, ${input.lifeline}, ${input.externalId}, ${textArray(input.wards)}, ${input.description}, ${input.households},
      ${input.geometry === null || input.geometry === undefined ? null : JSON.stringify(input.geometry)}::jsonb, ${input.startedAt}::timestamptz)
    ON CONFLICT (api_key_id, external_id) DO UPDATE SET wards = excluded.wards, description = excluded.description,
      households = excluded.households, geometry = excluded.geometry, started_at = excluded.started_at, recovered_at = NULL, updated_at = now()
    RETURNING id, (xmax = 0) AS created`);
  return row!;
}

export async function recoverOutage(db: Db, input: { apiKeyId: string; externalId: string; recoveredAt: string }): Promise<Outage | null> {
  const row = await one<{ id: string }>(db, sql`
    UPDATE disaster_lifeline_outages SET recovered_at = ${input.recoveredAt}::timestamptz, updated_at = now()
    WHERE api_key_id = ${input.apiKeyId} AND external_id = ${input.externalId} RETURNING id`);
  return row ? findOutage(db, row.id) : null;
}

export async function findOutage(db: Db, id: string): Promise<Outage | null> {
  return one<Outage>(db, sql`SELECT ${OUTAGE_COLUMNS} FROM disaster_lifeline_outages o JOIN disaster_api_keys k ON k.id = o.api_key_id WHERE o.id = ${id}`);
}

export async function listOutages(db: Db, options: { activeOnly: boolean; limit: number }): Promise<Outage[]> {
  return queryRows<Outage>(db, sql`
    SELECT ${OUTAGE_COLUMNS} FROM disaster_lifeline_outages o JOIN disaster_api_keys k ON k.id = o.api_key_id
    ${options.activeOnly ? sql`WHERE o.recovered_at IS NULL` : sql``}
    ORDER BY o.recovered_at IS NOT NULL, o.started_at DESC LIMIT ${options.limit}`);
}

export async function insertCapMessage(
  db: Db,
  input: { apiKeyId: string; sender: string; identifier: string; sent: string; msgType: string; headline: string; xml: string },
): Promise<{ id: string; created: boolean }> {
  const inserted = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_cap_messages (api_key_id, sender, identifier, sent, msg_type, headline, xml)
    VALUES (${input.apiKeyId}, ${input.sender}, ${input.identifier}, ${input.sent}, ${input.msgType}, ${input.headline}, ${input.xml})
    ON CONFLICT (sender, identifier, sent) DO NOTHING RETURNING id`);
  if (inserted) return { id: inserted.id, created: true };
  const existing = await one<{ id: string }>(db, sql`SELECT id FROM disaster_cap_messages WHERE sender = ${input.sender} AND identifier = ${input.identifier} AND sent = ${input.sent}`);
  return { id: existing!.id, created: false };
}

export async function listCapMessages(db: Db, limit: number): Promise<Array<{ id: string; sender: string; identifier: string; sent: string; msgType: string; headline: string; receivedAt: Date }>> {
  return queryRows(db, sql`
    SELECT id, sender, identifier, sent, msg_type AS "msgType", headline, received_at AS "receivedAt"
    FROM disaster_cap_messages ORDER BY received_at DESC LIMIT ${limit}`);
}

// ---------------------------------------------------------------------------------------------
// Hazard zones

export type HazardZone = { id: string; name: string; hazard: string; featureCount: number; createdAt: Date };

export async function insertHazardZone(db: Db, input: { name: string; hazard: string; geojson: unknown; featureCount: number; uploadedBy: string }): Promise<string> {
  const row = await one<{ id: string }>(db, sql`
    INSERT INTO disaster_hazard_zones (name, hazard, geojson, feature_count, uploaded_by)
    VALUES (${input.name}, ${input.hazard}, ${JSON.stringify(input.geojson)}::jsonb, ${input.featureCount}, ${input.uploadedBy}) RETURNING id`);
  return row!.id;
}

export async function listHazardZones(db: Db): Promise<HazardZone[]> {
  return queryRows<HazardZone>(db, sql`
    SELECT id, name, hazard, feature_count AS "featureCount", created_at AS "createdAt" FROM disaster_hazard_zones ORDER BY created_at DESC`);
}

export async function hazardZoneFeatures(db: Db): Promise<Array<{ id: string; name: string; hazard: string; geojson: { features: Array<Record<string, unknown>> } }>> {
  return queryRows(db, sql`SELECT id, name, hazard, geojson FROM disaster_hazard_zones ORDER BY created_at`);
}
