/** SQL for the notify module's own tables (the delivery queue's is in engine/queue.ts). */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import type { AlertAreas } from "./areas/geo.ts";
import type { Channel, RecipientChannel } from "./channels/types.ts";
import type { AlertSeverity, StoredCapOptions } from "./formats/cap.ts";
import type { AlertLanguage } from "./languages.ts";
import type { TemplateParams } from "./templates/render.ts";

const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

// ------------------------------------------------------------------------------------------
// Subscriptions

export type SubscriptionRow = {
  id: string;
  userId: string | null;
  status: "pending" | "active" | "cancelled";
  language: AlertLanguage;
  wards: string[];
  lat: number | null;
  lon: number | null;
  radiusM: number | null;
  pointWard: string | null;
  channels: RecipientChannel[];
  email: string | null;
  pushEndpoint: string | null;
  lineUserId: string | null;
  createdAt: string;
};

const SUBSCRIPTION_COLUMNS = sql`id::text AS id, user_id AS "userId", status, language, wards, lat, lon, radius_m AS "radiusM", point_ward AS "pointWard",
  channels, email, push_endpoint AS "pushEndpoint", line_user_id AS "lineUserId", created_at::text AS "createdAt"`;

export type NewSubscription = {
  userId: string | null;
  status: "pending" | "active";
  language: AlertLanguage;
  wards: string[];
  point: { lat: number; lon: number; radiusM: number; ward: string } | null;
  channels: RecipientChannel[];
  email: string | null;
  push: { endpoint: string; p256dh: string; auth: string } | null;
  lineUserId: string | null;
};

export async function insertSubscription(db: Db, s: NewSubscription): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`
    INSERT INTO notify_subscriptions (user_id, status, language, wards, lat, lon, radius_m, point_ward, channels, email, push_endpoint, push_p256dh, push_auth, line_user_id, confirmed_at)
    VALUES (${s.userId}::uuid, ${s.status}, ${s.language}, ${textArray(s.wards)}, ${s.point?.lat ?? null}::float8, ${s.point?.lon ?? null}::float8,
      ${s.point?.radiusM ?? null}::int, ${s.point?.ward ?? null}, ${textArray(s.channels)}, ${s.email}, ${s.push?.endpoint ?? null},
      ${s.push?.p256dh ?? null}, ${s.push?.auth ?? null}, ${s.lineUserId}, ${s.status === "active" ? sql`now()` : sql`NULL`})
    RETURNING id::text AS id`);
  return row!.id;
}

export async function findSubscription(db: Db, id: string): Promise<SubscriptionRow | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const [row] = await queryRows<SubscriptionRow>(db, sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM notify_subscriptions WHERE id = ${id}::bigint`);
  return row ?? null;
}

export async function subscriptionsOfUser(db: Db, userId: string): Promise<SubscriptionRow[]> {
  return queryRows<SubscriptionRow>(db, sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM notify_subscriptions WHERE user_id = ${userId}::uuid AND status <> 'cancelled' ORDER BY id`);
}

export async function activateSubscription(db: Db, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE notify_subscriptions SET status = 'active', confirmed_at = now() WHERE id = ${id}::bigint AND status = 'pending' RETURNING id::text AS id`);
  return rows.length > 0;
}

export async function cancelSubscriptionRow(db: Db, id: string, reason: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE notify_subscriptions SET status = 'cancelled', cancelled_at = now(), cancel_reason = ${reason}
    WHERE id = ${id}::bigint AND status <> 'cancelled' RETURNING id::text AS id`);
  return rows.length > 0;
}

export async function cancelByPushEndpoint(db: Db, endpoint: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE notify_subscriptions SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'browser'
    WHERE push_endpoint = ${endpoint} AND status <> 'cancelled' RETURNING id::text AS id`);
  return rows.length;
}

export async function cancelByLineUser(db: Db, lineUserId: string, reason: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE notify_subscriptions SET status = 'cancelled', cancelled_at = now(), cancel_reason = ${reason}
    WHERE line_user_id = ${lineUserId} AND status <> 'cancelled' RETURNING id::text AS id`);
  return rows.length;
}

export async function findActiveByLineUser(db: Db, lineUserId: string): Promise<SubscriptionRow | null> {
  const [row] = await queryRows<SubscriptionRow>(db, sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM notify_subscriptions WHERE line_user_id = ${lineUserId} AND status <> 'cancelled'`);
  return row ?? null;
}

export async function findActiveByPushEndpoint(db: Db, endpoint: string): Promise<SubscriptionRow | null> {
  const [row] = await queryRows<SubscriptionRow>(db, sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM notify_subscriptions WHERE push_endpoint = ${endpoint} AND status <> 'cancelled'`);
  return row ?? null;
}

// ------------------------------------------------------------------------------------------
// Alerts

export type AlertRow = {
  id: string;
  kind: string;
  severity: AlertSeverity;
  templateKey: string;
  params: TemplateParams;
  areas: AlertAreas;
  cap: StoredCapOptions;
  channels: Channel[];
  issuedBy: string;
  issuedAt: string;
  status: "fanning_out" | "sending" | "done";
  queuedCount: number;
  fanoutDoneAt: string | null;
  firstSentAt: string | null;
  completedAt: string | null;
};

const ALERT_COLUMNS = sql`id::text AS id, kind, severity, template_key AS "templateKey", params, areas, cap, channels, issued_by AS "issuedBy",
  to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "issuedAt", status, queued_count::float8 AS "queuedCount",
  to_char(fanout_done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "fanoutDoneAt",
  to_char(first_sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstSentAt",
  to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "completedAt"`;

export type NewAlert = {
  id: string;
  kind: string;
  severity: AlertSeverity;
  templateKey: string;
  params: TemplateParams;
  areas: AlertAreas;
  cap: StoredCapOptions;
  channels: Channel[];
  issuedBy: string;
  issuedAt: string;
};

/** Inserts the alert; false when an alert with this id exists already (idempotent issue). */
export async function insertAlert(db: Db, alert: NewAlert): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`
    INSERT INTO notify_alerts (id, kind, severity, template_key, params, areas, cap, channels, issued_by, issued_at)
    VALUES (${alert.id}::uuid, ${alert.kind}, ${alert.severity}, ${alert.templateKey}, ${JSON.stringify(alert.params)}::jsonb,
      ${JSON.stringify(alert.areas)}::jsonb, ${JSON.stringify(alert.cap)}::jsonb, ${textArray(alert.channels)}, ${alert.issuedBy}, ${alert.issuedAt}::timestamptz)
    ON CONFLICT (id) DO NOTHING RETURNING id::text AS id`);
  return rows.length > 0;
}

export async function findAlert(db: Db, id: string): Promise<AlertRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await queryRows<AlertRow>(db, sql`SELECT ${ALERT_COLUMNS} FROM notify_alerts WHERE id = ${id}::uuid`);
  return row ?? null;
}

export async function issuedTimes(db: Db, ids: string[]): Promise<Array<{ id: string; issuedAt: string }>> {
  if (ids.length === 0) return [];
  return queryRows(db, sql`SELECT id::text AS id, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "issuedAt"
    FROM notify_alerts WHERE id::text = ANY(${textArray(ids)})`);
}

export async function recentAlerts(db: Db, limit: number): Promise<AlertRow[]> {
  return queryRows<AlertRow>(db, sql`SELECT ${ALERT_COLUMNS} FROM notify_alerts ORDER BY issued_at DESC, id LIMIT ${limit}`);
}

export async function insertBroadcast(
  db: Db,
  row: { alertId: string; channel: "x" | "lalert" | "etws"; language: string; status: "queued" | "draft" | "refused"; payload: string; note?: string },
): Promise<void> {
  await db.execute(sql`INSERT INTO notify_broadcasts (alert_id, channel, language, status, payload, last_error)
    VALUES (${row.alertId}::uuid, ${row.channel}, ${row.language}, ${row.status}, ${row.payload}, ${row.note ?? null})
    ON CONFLICT DO NOTHING`);
}

export type BroadcastRow = {
  channel: "x" | "lalert" | "etws";
  language: string;
  status: string;
  attempts: number;
  payload: string;
  providerMessageId: string | null;
  lastError: string | null;
};

export async function broadcastsOf(db: Db, alertId: string): Promise<BroadcastRow[]> {
  return queryRows<BroadcastRow>(db, sql`SELECT channel, language, status, attempts, payload, provider_message_id AS "providerMessageId", last_error AS "lastError"
    FROM notify_broadcasts WHERE alert_id = ${alertId}::uuid ORDER BY channel, language`);
}

/** Counts by channel and status (sums of the deltas). */
export async function deliveryCounts(db: Db, alertId: string): Promise<Array<{ channel: RecipientChannel; status: string; n: number }>> {
  return queryRows(db, sql`SELECT channel, status, sum(n)::float8 AS n FROM notify_delivery_counts WHERE alert_id = ${alertId}::uuid GROUP BY channel, status`);
}

/** Marks an e-mail delivery delivered (or failed on a bounce) from the relay's event. */
export async function markEmailEvent(db: Db, alertId: string, subscriptionId: string, event: "delivered" | "bounced", detail: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const to = event === "delivered" ? "delivered" : "failed";
    const rows = await queryRows<{ old: string }>(tx, sql`
      UPDATE notify_deliveries d SET status = ${to}, delivered_at = CASE WHEN ${to} = 'delivered' THEN now() ELSE d.delivered_at END,
        last_error = CASE WHEN ${to} = 'failed' THEN ${detail.slice(0, 500)} ELSE d.last_error END
      FROM (SELECT status AS old FROM notify_deliveries WHERE alert_id = ${alertId}::uuid AND subscription_id = ${subscriptionId}::bigint AND channel = 'email' FOR UPDATE) o
      WHERE d.alert_id = ${alertId}::uuid AND d.subscription_id = ${subscriptionId}::bigint AND d.channel = 'email' AND d.status = 'sent'
      RETURNING o.old`);
    if (rows.length === 0) return false;
    await tx.execute(sql`INSERT INTO notify_delivery_counts (alert_id, channel, status, n) VALUES
      (${alertId}::uuid, 'email', 'sent', -1), (${alertId}::uuid, 'email', ${to}, 1)`);
    return true;
  });
}
