/**
 * SQL of the integrations module. Every function takes the database or the caller's transaction
 * first.
 *
 * Applications, their history and files belong to the procedures module: this file only reads
 * them (the back-office API's list, detail and file download), with the department filter in
 * every query. Every change to an application goes through procedures' commands
 * (system-change-status.ts).
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { runStatement, statement } from "../../core/db/statements.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { DeliveryStatus, IntegrationEventType } from "./tables.ts";

/** A timestamptz as a Date (node-postgres answers raw queries with text, PGlite with Dates). */
export function asDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}

function asDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : asDate(value);
}

function listOf(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

function textArray(values: readonly string[]): SQL {
  return values.length === 0 ? sql`ARRAY[]::text[]` : sql`ARRAY[${listOf(values)}]::text[]`;
}

// ---------------------------------------------------------------------------------------------
// Events and their fan-out

/**
 * Writes an integration event for an application and one delivery per enabled subscription of
 * the application's department that wants this type, in one statement. `data` is merged with
 * the application's current reference, status, revision and procedure. Returns null when the
 * application does not exist.
 */
// Every submission and status change writes one: prepared once per connection.
const INSERT_EVENT_WITH_DELIVERIES = statement(
  "integrations.insert_event_with_deliveries",
  `WITH app AS (
     SELECT a.id, a.reference, a.department_code, a.status, a.revision, p.slug
     FROM applications a JOIN procedures p ON p.id = a.procedure_id
     WHERE a.id = $1::uuid
   ), ev AS (
     INSERT INTO integration_events (type, department_code, application_id, data)
     SELECT $2, app.department_code, app.id,
       $3::jsonb || jsonb_build_object('application', jsonb_build_object(
         'id', app.id, 'reference', app.reference, 'departmentCode', app.department_code,
         'procedure', app.slug, 'status', app.status, 'revision', app.revision))
     FROM app
     RETURNING id, department_code, type
   ), d AS (
     INSERT INTO webhook_deliveries (event_id, subscription_id)
     SELECT ev.id, s.id FROM ev
     JOIN webhook_subscriptions s ON s.enabled AND s.department_code = ev.department_code AND ev.type = ANY (s.event_types)
     RETURNING 1
   )
   SELECT (SELECT id FROM ev) AS "eventId", (SELECT count(*)::int FROM d) AS deliveries`,
);

export async function insertEventWithDeliveries(
  tx: Db,
  event: { applicationId: string; type: IntegrationEventType; data: Record<string, unknown> },
): Promise<{ eventId: string; deliveries: number } | null> {
  const [row] = await runStatement<{ eventId: string | null; deliveries: number }>(tx, INSERT_EVENT_WITH_DELIVERIES, [
    event.applicationId,
    event.type,
    JSON.stringify(event.data),
  ]);
  if (!row?.eventId) return null;
  return { eventId: row.eventId, deliveries: row.deliveries };
}

export type EventRow = { id: string; type: IntegrationEventType; departmentCode: string; applicationId: string; occurredAt: Date; data: Record<string, unknown> };

/** The events of an application, oldest first (tests and the staff view). */
export async function eventsOfApplication(db: Db, applicationId: string): Promise<EventRow[]> {
  const rows = await queryRows<EventRow>(
    db,
    sql`SELECT id, type, department_code AS "departmentCode", application_id AS "applicationId", occurred_at AS "occurredAt", data
        FROM integration_events WHERE application_id = ${applicationId}::uuid ORDER BY occurred_at, id`,
  );
  return rows.map((row) => ({ ...row, occurredAt: asDate(row.occurredAt) }));
}

// ---------------------------------------------------------------------------------------------
// Deliveries

/** A delivery claimed by a worker, with what it needs to send it. */
export type ClaimedDelivery = {
  id: number;
  /** Attempts including this one. */
  attempts: number;
  eventId: string;
  eventType: IntegrationEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
  subscriptionId: string;
  url: string;
  secretCiphertext: string;
};

/**
 * Claims up to `limit` due deliveries of enabled subscriptions (FOR UPDATE SKIP LOCKED, so
 * workers on several instances never take the same row) and leases them: the attempt is counted
 * and next_attempt_at moves `leaseSeconds` ahead, so a delivery whose worker died is taken again
 * after the lease. One statement, committed at once.
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const rows = await queryRows<ClaimedDelivery & { id: number | string }>(
    db,
    sql`WITH due AS (
          SELECT d.id FROM webhook_deliveries d
          JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.enabled
          ORDER BY d.next_attempt_at, d.id
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED
        )
        UPDATE webhook_deliveries d
        SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
        FROM due, webhook_subscriptions s, integration_events e
        WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
        RETURNING d.id, d.attempts, d.event_id AS "eventId", e.type AS "eventType", e.occurred_at AS "occurredAt", e.data,
          s.id AS "subscriptionId", s.url, s.secret_ciphertext AS "secretCiphertext"`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), occurredAt: asDate(row.occurredAt) }));
}

export type AttemptOutcome = {
  /** The delivery and the attempt it was claimed for. */
  id: number;
  attempts: number;
  statusCode: number | null;
  durationMs: number;
  /** null on success. */
  error: string | null;
  /** Seconds until the next attempt; null = no more attempts (dead). Ignored on success. */
  retryInSeconds: number | null;
};

/** The status an outcome leads to. */
export function outcomeStatus(outcome: Pick<AttemptOutcome, "error" | "retryInSeconds">): DeliveryStatus {
  return outcome.error === null ? "succeeded" : outcome.retryInSeconds === null ? "dead" : "pending";
}

/**
 * Records the outcomes of attempts in one statement, each only if its delivery is still at that
 * attempt (a lease that ran out and was taken by another worker is not overwritten). Returns the
 * ids that were recorded.
 */
export async function recordAttempts(db: Db, outcomes: readonly AttemptOutcome[]): Promise<Set<number>> {
  if (outcomes.length === 0) return new Set();
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.id}::bigint, ${o.attempts}::int, ${outcomeStatus(o)}::text, ${o.statusCode}::int, ${o.error?.slice(0, 1000) ?? null}::text,
          ${Math.round(o.durationMs)}::int, ${o.error === null ? null : o.retryInSeconds}::float8)`,
    ),
    sql`, `,
  );
  const rows = await queryRows<{ id: number | string }>(
    db,
    sql`UPDATE webhook_deliveries d
        SET status = v.status, last_status_code = v.code, last_error = v.error, last_duration_ms = v.duration,
          next_attempt_at = CASE WHEN v.retry IS NULL THEN now() ELSE now() + make_interval(secs => v.retry) END,
          delivered_at = CASE WHEN v.status = 'succeeded' THEN now() ELSE d.delivered_at END
        FROM (VALUES ${values}) AS v(id, attempts, status, code, error, duration, retry)
        WHERE d.id = v.id AND d.attempts = v.attempts AND d.status = 'pending'
        RETURNING d.id`,
  );
  return new Set(rows.map((row) => Number(row.id)));
}

export type DeliveryRow = {
  id: number;
  eventId: string;
  eventType: IntegrationEventType;
  applicationReference: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: Date | null;
  replays: number;
  createdAt: Date;
};

/** The newest deliveries of a subscription, optionally of one status. */
export async function listDeliveries(db: Db, subscriptionId: string, options: { status?: DeliveryStatus; limit: number; beforeId?: number }): Promise<DeliveryRow[]> {
  const rows = await queryRows<DeliveryRow & { id: number | string }>(
    db,
    sql`SELECT d.id, d.event_id AS "eventId", e.type AS "eventType", e.data->'application'->>'reference' AS "applicationReference",
          d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt",
          d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.last_duration_ms AS "lastDurationMs",
          d.delivered_at AS "deliveredAt", d.replays, d.created_at AS "createdAt"
        FROM webhook_deliveries d JOIN integration_events e ON e.id = d.event_id
        WHERE d.subscription_id = ${subscriptionId}::uuid
          ${options.status ? sql`AND d.status = ${options.status}` : sql``}
          ${options.beforeId ? sql`AND d.id < ${options.beforeId}` : sql``}
        ORDER BY d.id DESC LIMIT ${options.limit}`,
  );
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    nextAttemptAt: asDate(row.nextAttemptAt),
    lastAttemptAt: asDateOrNull(row.lastAttemptAt),
    deliveredAt: asDateOrNull(row.deliveredAt),
    createdAt: asDate(row.createdAt),
  }));
}

export async function countDeliveriesByStatus(db: Db, subscriptionId: string): Promise<Record<DeliveryStatus, number>> {
  const rows = await queryRows<{ status: DeliveryStatus; n: number }>(
    db,
    sql`SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = ${subscriptionId}::uuid GROUP BY status`,
  );
  const counts: Record<DeliveryStatus, number> = { pending: 0, succeeded: 0, dead: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Sends a finished (succeeded or dead) delivery again with a fresh schedule. */
export async function replayDeliveryRow(tx: Db, subscriptionId: string, deliveryId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`UPDATE webhook_deliveries
        SET status = 'pending', attempts = 0, next_attempt_at = now(), replays = replays + 1
        WHERE id = ${deliveryId} AND subscription_id = ${subscriptionId}::uuid AND status IN ('succeeded', 'dead')
        RETURNING id`,
  );
  return rows.length > 0;
}

/** Sends every dead delivery of a subscription again; returns how many. */
export async function replayDeadDeliveryRows(tx: Db, subscriptionId: string): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`UPDATE webhook_deliveries
        SET status = 'pending', attempts = 0, next_attempt_at = now(), replays = replays + 1
        WHERE subscription_id = ${subscriptionId}::uuid AND status = 'dead'
        RETURNING id`,
  );
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// Subscriptions

export type SubscriptionRow = {
  id: string;
  departmentCode: string;
  departmentName: LocalizedText;
  url: string;
  description: string;
  eventTypes: IntegrationEventType[];
  secretCiphertext: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const SUBSCRIPTION_COLUMNS = sql`s.id, s.department_code AS "departmentCode", jsonb_build_object('ja', d.name_ja, 'en', d.name_en) AS "departmentName",
  s.url, s.description, s.event_types AS "eventTypes", s.secret_ciphertext AS "secretCiphertext", s.enabled,
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

function subscriptionFrom(row: SubscriptionRow): SubscriptionRow {
  return { ...row, createdAt: asDate(row.createdAt), updatedAt: asDate(row.updatedAt) };
}

export async function insertSubscription(
  tx: Db,
  values: { id: string; departmentCode: string; url: string; description: string; eventTypes: readonly string[]; secretCiphertext: string; createdBy: string },
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO webhook_subscriptions (id, department_code, url, description, event_types, secret_ciphertext, created_by)
        VALUES (${values.id}::uuid, ${values.departmentCode}, ${values.url}, ${values.description}, ${textArray(values.eventTypes)},
          ${values.secretCiphertext}, ${values.createdBy}::uuid)`,
  );
}

export async function findSubscription(db: Db, id: string): Promise<SubscriptionRow | null> {
  const [row] = await queryRows<SubscriptionRow>(
    db,
    sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s JOIN identity_departments d ON d.code = s.department_code WHERE s.id = ${id}::uuid`,
  );
  return row ? subscriptionFrom(row) : null;
}

/** Subscriptions of the departments, with counts of dead deliveries. */
export async function listSubscriptions(db: Db, departmentCodes: readonly string[]): Promise<Array<SubscriptionRow & { dead: number; pending: number }>> {
  if (departmentCodes.length === 0) return [];
  const rows = await queryRows<SubscriptionRow & { dead: number; pending: number }>(
    db,
    sql`SELECT ${SUBSCRIPTION_COLUMNS},
          (SELECT count(*)::int FROM webhook_deliveries x WHERE x.subscription_id = s.id AND x.status = 'dead') AS dead,
          (SELECT count(*)::int FROM webhook_deliveries x WHERE x.subscription_id = s.id AND x.status = 'pending') AS pending
        FROM webhook_subscriptions s JOIN identity_departments d ON d.code = s.department_code
        WHERE s.department_code IN (${listOf(departmentCodes)})
        ORDER BY s.department_code, s.created_at`,
  );
  return rows.map((row) => ({ ...subscriptionFrom(row), dead: row.dead, pending: row.pending }));
}

export async function updateSubscription(tx: Db, id: string, changes: { enabled?: boolean; secretCiphertext?: string }): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (changes.enabled !== undefined) sets.push(sql`enabled = ${changes.enabled}`);
  if (changes.secretCiphertext !== undefined) sets.push(sql`secret_ciphertext = ${changes.secretCiphertext}`);
  await tx.execute(sql`UPDATE webhook_subscriptions SET ${sql.join(sets, sql`, `)} WHERE id = ${id}::uuid`);
}

// ---------------------------------------------------------------------------------------------
// OAuth clients and tokens

export type ClientRow = {
  clientId: string;
  name: string;
  secretHash: string;
  scopes: string[];
  departmentCodes: string[];
  createdAt: Date;
  secretRotatedAt: Date | null;
  lastTokenAt: Date | null;
  revokedAt: Date | null;
};

const CLIENT_COLUMNS = sql`client_id AS "clientId", name, secret_hash AS "secretHash", scopes, department_codes AS "departmentCodes",
  created_at AS "createdAt", secret_rotated_at AS "secretRotatedAt", last_token_at AS "lastTokenAt", revoked_at AS "revokedAt"`;

function clientFrom(row: ClientRow): ClientRow {
  return {
    ...row,
    createdAt: asDate(row.createdAt),
    secretRotatedAt: asDateOrNull(row.secretRotatedAt),
    lastTokenAt: asDateOrNull(row.lastTokenAt),
    revokedAt: asDateOrNull(row.revokedAt),
  };
}

export async function insertClient(
  tx: Db,
  values: { clientId: string; name: string; secretHash: string; scopes: readonly string[]; departmentCodes: readonly string[]; createdBy: string },
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO oauth_clients (client_id, name, secret_hash, scopes, department_codes, created_by)
        VALUES (${values.clientId}, ${values.name}, ${values.secretHash}, ${textArray(values.scopes)}, ${textArray(values.departmentCodes)}, ${values.createdBy}::uuid)`,
  );
}

export async function findClient(db: Db, clientId: string): Promise<ClientRow | null> {
  const [row] = await queryRows<ClientRow>(db, sql`SELECT ${CLIENT_COLUMNS} FROM oauth_clients WHERE client_id = ${clientId}`);
  return row ? clientFrom(row) : null;
}

/** Clients with a scope in any of the departments (the caller filters what it may manage). */
export async function listClients(db: Db, departmentCodes: readonly string[]): Promise<ClientRow[]> {
  if (departmentCodes.length === 0) return [];
  const rows = await queryRows<ClientRow>(
    db,
    sql`SELECT ${CLIENT_COLUMNS} FROM oauth_clients WHERE department_codes && ${textArray(departmentCodes)} ORDER BY revoked_at IS NOT NULL, name, client_id`,
  );
  return rows.map(clientFrom);
}

/** Revokes a client and every token it holds. */
export async function revokeClientRow(tx: Db, clientId: string): Promise<void> {
  await tx.execute(sql`UPDATE oauth_clients SET revoked_at = coalesce(revoked_at, now()) WHERE client_id = ${clientId}`);
  await tx.execute(sql`DELETE FROM oauth_tokens WHERE client_id = ${clientId}`);
}

/** Replaces a client's secret; tokens issued with the old one stop working. */
export async function replaceClientSecret(tx: Db, clientId: string, secretHash: string): Promise<void> {
  await tx.execute(sql`UPDATE oauth_clients SET secret_hash = ${secretHash}, secret_rotated_at = now() WHERE client_id = ${clientId}`);
  await tx.execute(sql`DELETE FROM oauth_tokens WHERE client_id = ${clientId}`);
}

/** Stores a new token (its hash) and forgets the client's expired ones. */
export async function insertToken(tx: Db, values: { tokenHash: string; clientId: string; scopes: readonly string[]; ttlSeconds: number }): Promise<void> {
  await tx.execute(sql`DELETE FROM oauth_tokens WHERE client_id = ${values.clientId} AND expires_at < now()`);
  await tx.execute(
    sql`INSERT INTO oauth_tokens (token_hash, client_id, scopes, expires_at)
        VALUES (${values.tokenHash}, ${values.clientId}, ${textArray(values.scopes)}, now() + make_interval(secs => ${values.ttlSeconds}))`,
  );
  await tx.execute(sql`UPDATE oauth_clients SET last_token_at = now() WHERE client_id = ${values.clientId}`);
}

/** A live token of a client that is not revoked, or null. */
export async function findLiveToken(db: Db, tokenHash: string): Promise<{ clientId: string; scopes: string[] } | null> {
  const [row] = await queryRows<{ clientId: string; scopes: string[] }>(
    db,
    sql`SELECT t.client_id AS "clientId", t.scopes FROM oauth_tokens t JOIN oauth_clients c ON c.client_id = t.client_id
        WHERE t.token_hash = ${tokenHash} AND t.expires_at > now() AND c.revoked_at IS NULL`,
  );
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Applications, read for the back-office API (procedures' tables, read only)

/** Keyset position in the pull list: submitted_at as text (microseconds kept) and id. */
export type ApplicationCursor = { submittedAt: string; id: string };

export type ApiApplicationSummary = {
  id: string;
  reference: string;
  departmentCode: string;
  procedure: string;
  procedureTitle: LocalizedText;
  applicantName: string;
  status: string;
  revision: number;
  submittedAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  cursor: ApplicationCursor;
};

const SUMMARY_COLUMNS = sql`a.id, a.reference, a.department_code AS "departmentCode", p.slug AS procedure, p.title AS "procedureTitle",
  a.applicant_name AS "applicantName", a.status, a.revision, a.submitted_at AS "submittedAt", a.updated_at AS "updatedAt",
  a.decided_at AS "decidedAt", a.submitted_at::text AS "cursorAt"`;

function summaryFrom(row: ApiApplicationSummary & { cursorAt: string }): ApiApplicationSummary {
  const { cursorAt, ...rest } = row;
  return {
    ...rest,
    submittedAt: asDate(rest.submittedAt),
    updatedAt: asDate(rest.updatedAt),
    decidedAt: asDateOrNull(rest.decidedAt),
    cursor: { submittedAt: String(cursorAt), id: rest.id },
  };
}

/**
 * Applications of the departments in submission order (oldest first), after the cursor: a
 * back-office system pages through new applications and keeps the last cursor for next time.
 */
export async function listApplicationsForApi(
  db: Db,
  filter: { departmentCodes: readonly string[]; status?: string; since?: string; after?: ApplicationCursor | null; limit: number },
): Promise<ApiApplicationSummary[]> {
  if (filter.departmentCodes.length === 0) return [];
  const rows = await queryRows<ApiApplicationSummary & { cursorAt: string }>(
    db,
    sql`SELECT ${SUMMARY_COLUMNS}
        FROM applications a JOIN procedures p ON p.id = a.procedure_id
        WHERE a.department_code IN (${listOf(filter.departmentCodes)})
          ${filter.status ? sql`AND a.status = ${filter.status}` : sql``}
          ${filter.since ? sql`AND a.submitted_at >= ${filter.since}::timestamptz` : sql``}
          ${filter.after ? sql`AND (a.submitted_at, a.id) > (${filter.after.submittedAt}::timestamptz, ${filter.after.id}::uuid)` : sql``}
        ORDER BY a.submitted_at, a.id
        LIMIT ${filter.limit}`,
  );
  return rows.map(summaryFrom);
}

export type ApiApplicationDetail = ApiApplicationSummary & {
  userId: string;
  answers: Record<string, unknown>;
  correctionQuestions: string[];
  correctionMessage: string | null;
};

/** One application (any department: the caller checks the scope). */
export async function findApplicationForApi(db: Db, id: string): Promise<ApiApplicationDetail | null> {
  const [row] = await queryRows<ApiApplicationDetail & { cursorAt: string }>(
    db,
    sql`SELECT ${SUMMARY_COLUMNS}, a.user_id AS "userId", a.answers, a.correction_questions AS "correctionQuestions",
          a.correction_message AS "correctionMessage"
        FROM applications a JOIN procedures p ON p.id = a.procedure_id
        WHERE a.id = ${id}::uuid`,
  );
  if (!row) return null;
  const { userId, answers, correctionQuestions, correctionMessage } = row;
  return { ...summaryFrom(row), userId, answers, correctionQuestions, correctionMessage };
}

export type TimelineEntry = { at: Date; type: string; fromStatus: string | null; toStatus: string | null; message: string | null };

/** What the resident's timeline shows (no internal entries), oldest first. */
export async function publicTimeline(db: Db, applicationId: string): Promise<TimelineEntry[]> {
  const rows = await queryRows<TimelineEntry>(
    db,
    sql`SELECT at, type, from_status AS "fromStatus", to_status AS "toStatus", message
        FROM application_events WHERE application_id = ${applicationId}::uuid AND NOT internal ORDER BY id`,
  );
  return rows.map((row) => ({ ...row, at: asDate(row.at) }));
}

export type FileMeta = { id: string; name: string; kind: string; size: number; sha256: string };

/** Metadata of files owned by the applicant (the ids come from the application's answers). */
export async function filesMetadata(db: Db, ownerId: string, fileIds: readonly string[]): Promise<FileMeta[]> {
  if (fileIds.length === 0) return [];
  return queryRows<FileMeta>(
    db,
    sql`SELECT id, name, kind, size, sha256 FROM files
        WHERE owner_id = ${ownerId}::uuid AND id IN (${sql.join(
          fileIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
}

/** `bytes` is a Buffer on node-postgres and a Uint8Array on PGlite. */
export type FileWithBytes = FileMeta & { bytes: Uint8Array };

/** A file the application's answers refer to and its applicant owns, or null. */
export async function findApplicationFile(db: Db, applicationId: string, fileId: string): Promise<FileWithBytes | null> {
  const [row] = await queryRows<FileWithBytes>(
    db,
    sql`SELECT f.id, f.name, f.kind, f.size, f.sha256, f.bytes
        FROM applications a JOIN files f ON f.owner_id = a.user_id
        WHERE a.id = ${applicationId}::uuid AND f.id = ${fileId}::uuid
          AND jsonb_path_exists(a.answers, ${"$.** ? (@.fileId == $id)"}::jsonpath, jsonb_build_object('id', ${fileId}::text))`,
  );
  return row ?? null;
}

/** The department of an application, or null (for the scope check before a command). */
export async function applicationDepartment(db: Db, id: string): Promise<string | null> {
  const [row] = await queryRows<{ departmentCode: string }>(db, sql`SELECT department_code AS "departmentCode" FROM applications WHERE id = ${id}::uuid`);
  return row?.departmentCode ?? null;
}
