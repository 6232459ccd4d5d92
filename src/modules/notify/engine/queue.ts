/**
 * The SQL of the delivery queue (notify_deliveries). Each change of status writes its count
 * deltas (notify_delivery_counts) in the same transaction, so the staff page's figures are
 * always exactly the rows' statuses, crash or not.
 *
 * Life of a delivery:  queued ──claim──▶ sending ──▶ sent ──(receipt)──▶ delivered
 *                                          │  └──▶ queued again (retry after backoff) / failed
 *                                          └─ lease expired (crash, or a LINE retry) ─▶ the same
 *                                             batch is sent again with the same batch id
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import type { AlertLanguage } from "../languages.ts";
import type { Recipient, RecipientChannel } from "../channels/types.ts";
import { MAX_ATTEMPTS } from "./backoff.ts";

const bigintArray = (values: readonly string[]) => sql`${sql.param([...values])}::bigint[]`;
const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

export type CountDelta = { channel: string; status: string; n: number };

export async function addCounts(tx: Db, alertId: string, deltas: CountDelta[]): Promise<void> {
  const rows = deltas.filter((d) => d.n !== 0);
  if (rows.length === 0) return;
  await tx.execute(sql`INSERT INTO notify_delivery_counts (alert_id, channel, status, n)
    SELECT ${alertId}::uuid, c, s, n FROM unnest(${textArray(rows.map((r) => r.channel))}, ${textArray(rows.map((r) => r.status))}, ${sql.param(rows.map((r) => r.n))}::bigint[]) AS u(c, s, n)`);
}

export type ClaimedBatch = {
  batchId: string;
  alertId: string;
  channel: RecipientChannel;
  language: AlertLanguage;
  /** Highest attempt number in the batch (1 on the first try). */
  attempt: number;
  recipients: Array<Recipient & { active: boolean }>;
};

type ClaimRow = {
  subscription_id: string;
  attempts: number;
  email: string | null;
  line_user_id: string | null;
  push_endpoint: string | null;
  push_p256dh: string | null;
  push_auth: string | null;
  status: string;
};

function toBatch(batchId: string, alertId: string, channel: RecipientChannel, language: AlertLanguage, rows: ClaimRow[]): ClaimedBatch {
  return {
    batchId,
    alertId,
    channel,
    language,
    attempt: Math.max(...rows.map((r) => r.attempts)),
    recipients: rows.map((r) => ({
      subscriptionId: String(r.subscription_id),
      email: r.email,
      lineUserId: r.line_user_id,
      push: r.push_endpoint && r.push_p256dh && r.push_auth ? { endpoint: r.push_endpoint, p256dh: r.push_p256dh, auth: r.push_auth } : null,
      active: r.status === "active",
    })),
  };
}

/**
 * Claims up to `limit` queued deliveries of one alert, channel and language (FOR UPDATE SKIP
 * LOCKED, so instances never claim the same row) and marks them 'sending' under a new batch id
 * with a lease. Null when there is nothing due.
 */
export async function claimBatch(
  db: Db,
  options: { alertId: string; channel: RecipientChannel; language: AlertLanguage; limit: number; batchId: string; leaseMs: number },
): Promise<ClaimedBatch | null> {
  // One statement (its count deltas in a data-modifying CTE): atomic without a round trip for BEGIN/COMMIT.
  const rows = await queryRows<ClaimRow>(db, sql`
    WITH picked AS (
      SELECT subscription_id FROM notify_deliveries
      WHERE alert_id = ${options.alertId}::uuid AND channel = ${options.channel} AND language = ${options.language}
        AND status = 'queued' AND next_attempt_at <= now()
      ORDER BY next_attempt_at
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE notify_deliveries d
      SET status = 'sending', attempts = d.attempts + 1, batch_id = ${options.batchId}::uuid,
          lease_until = now() + make_interval(secs => ${options.leaseMs / 1000})
      FROM picked, notify_subscriptions s
      WHERE d.alert_id = ${options.alertId}::uuid AND d.channel = ${options.channel} AND d.subscription_id = picked.subscription_id
        AND s.id = picked.subscription_id
      RETURNING d.subscription_id, d.attempts, s.email, s.line_user_id, s.push_endpoint, s.push_p256dh, s.push_auth, s.status
    ), counted AS (
      INSERT INTO notify_delivery_counts (alert_id, channel, status, n)
      SELECT ${options.alertId}::uuid, ${options.channel}, v.status, v.n
      FROM (SELECT count(*) AS c FROM claimed) t, LATERAL (VALUES ('queued', -t.c), ('sending', t.c)) AS v(status, n)
      WHERE t.c > 0
    )
    SELECT * FROM claimed`);
  if (rows.length === 0) return null;
  return toBatch(options.batchId, options.alertId, options.channel, options.language, rows);
}

/** Batches whose lease ran out (a crashed sender, or a LINE request waiting for its retry). */
export async function expiredBatches(db: Db, limit: number): Promise<Array<{ batchId: string; alertId: string; channel: RecipientChannel; language: AlertLanguage }>> {
  const rows = await queryRows<{ batch_id: string; alert_id: string; channel: RecipientChannel; language: AlertLanguage }>(db, sql`
    SELECT DISTINCT batch_id, alert_id, channel, language FROM notify_deliveries
    WHERE status = 'sending' AND lease_until < now()
    LIMIT ${limit}`);
  return rows.map((r) => ({ batchId: r.batch_id, alertId: r.alert_id, channel: r.channel, language: r.language }));
}

/** Extends the lease of batches this process is still sending (a heartbeat). */
export async function renewLeases(db: Db, batchIds: string[], leaseMs: number): Promise<void> {
  if (batchIds.length === 0) return;
  // SKIP LOCKED: a row being recorded right now needs no renewal, and waiting for it could deadlock.
  await db.execute(sql`UPDATE notify_deliveries d SET lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    FROM (SELECT alert_id, subscription_id, channel FROM notify_deliveries
          WHERE status = 'sending' AND batch_id = ANY(${sql.param(batchIds)}::uuid[])
          ORDER BY alert_id, subscription_id, channel FOR UPDATE SKIP LOCKED) r
    WHERE d.alert_id = r.alert_id AND d.subscription_id = r.subscription_id AND d.channel = r.channel`);
}

/** Takes over an expired batch: the same rows, the same batch id, a new lease. Null if someone else did. */
export async function reclaimBatch(
  db: Db,
  options: { batchId: string; alertId: string; channel: RecipientChannel; language: AlertLanguage; leaseMs: number },
): Promise<ClaimedBatch | null> {
  const rows = await queryRows<ClaimRow>(db, sql`
    UPDATE notify_deliveries d
    SET attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ${options.leaseMs / 1000})
    FROM notify_subscriptions s
    WHERE d.alert_id = ${options.alertId}::uuid AND d.channel = ${options.channel} AND d.batch_id = ${options.batchId}::uuid
      AND d.status = 'sending' AND d.lease_until < now() AND s.id = d.subscription_id
    RETURNING d.subscription_id, d.attempts, s.email, s.line_user_id, s.push_endpoint, s.push_p256dh, s.push_auth, s.status`);
  if (rows.length === 0) return null;
  return toBatch(options.batchId, options.alertId, options.channel, options.language, rows);
}

export type Result =
  | { kind: "sent"; ids: string[]; providerMessageIds?: Array<string | null> }
  | { kind: "retry"; ids: string[]; error: string; afterMs: number[] }
  | { kind: "failed"; ids: string[]; error: string[] }
  /** Keep the batch as it is and send it again when the lease runs out (LINE). */
  | { kind: "retry-batch"; ids: string[]; error: string; afterMs: number };

/**
 * Records what happened to a batch: statuses with their count deltas, cancelled subscriptions
 * (push endpoints that are gone). Only rows still 'sending' under this batch id change (a batch
 * taken over after its lease expired is not ours any more), so recording twice is harmless.
 */
export async function recordResults(
  db: Db,
  batch: Pick<ClaimedBatch, "batchId" | "alertId" | "channel">,
  results: Result[],
  cancelSubscriptions: string[] = [],
): Promise<{ sent: number }> {
  // The ids go into the primary-key condition (= ANY) so that PostgreSQL looks rows up by key
  // instead of scanning every delivery of the alert and channel.
  const key = (ids: string[]) =>
    sql`d.alert_id = ${batch.alertId}::uuid AND d.channel = ${batch.channel} AND d.subscription_id = ANY(${bigintArray(ids)}) AND d.batch_id = ${batch.batchId}::uuid AND d.status = 'sending'`;
  // Each change is one statement with its count deltas (data-modifying CTE): atomic, one round trip.
  const counted = (update: SQL) => sql`
    WITH changed AS (${update}),
    tally AS (SELECT status, count(*) AS n FROM changed WHERE status <> 'sending' GROUP BY status),
    counted AS (
      INSERT INTO notify_delivery_counts (alert_id, channel, status, n)
      SELECT ${batch.alertId}::uuid, ${batch.channel}, status, n FROM tally
      UNION ALL SELECT ${batch.alertId}::uuid, ${batch.channel}, 'sending', -sum(n) FROM tally HAVING sum(n) > 0
    )
    SELECT status, n::int AS n FROM tally`;
  let sent = 0;
  for (const result of results) {
    if (result.ids.length === 0) continue;
    let update: SQL;
    if (result.kind === "sent") {
      const providerIds = result.providerMessageIds ?? result.ids.map(() => null);
      update = sql`
        UPDATE notify_deliveries d SET status = 'sent', sent_at = now(), provider_message_id = u.pm, lease_until = NULL, last_error = NULL
        FROM unnest(${bigintArray(result.ids)}, ${sql.param(providerIds)}::text[]) AS u(id, pm)
        WHERE d.subscription_id = u.id AND ${key(result.ids)}
        RETURNING d.status`;
    } else if (result.kind === "retry") {
      update = sql`
        UPDATE notify_deliveries d
        SET status = CASE WHEN d.attempts >= ${MAX_ATTEMPTS_SQL} THEN 'failed' ELSE 'queued' END,
            next_attempt_at = now() + make_interval(secs => u.after / 1000.0), last_error = ${result.error.slice(0, 500)},
            lease_until = NULL, batch_id = NULL
        FROM unnest(${bigintArray(result.ids)}, ${sql.param(result.afterMs)}::bigint[]) AS u(id, after)
        WHERE d.subscription_id = u.id AND ${key(result.ids)}
        RETURNING d.status`;
    } else if (result.kind === "failed") {
      update = sql`
        UPDATE notify_deliveries d SET status = 'failed', last_error = left(u.err, 500), lease_until = NULL
        FROM unnest(${bigintArray(result.ids)}, ${textArray(result.error)}) AS u(id, err)
        WHERE d.subscription_id = u.id AND ${key(result.ids)}
        RETURNING d.status`;
    } else {
      update = sql`
        UPDATE notify_deliveries d SET
          status = CASE WHEN d.attempts >= ${MAX_ATTEMPTS_SQL} THEN 'failed' ELSE 'sending' END,
          lease_until = CASE WHEN d.attempts >= ${MAX_ATTEMPTS_SQL} THEN NULL ELSE now() + make_interval(secs => ${result.afterMs / 1000}) END,
          last_error = ${result.error.slice(0, 500)}
        WHERE ${key(result.ids)}
        RETURNING d.status`;
    }
    const tally = await queryRows<{ status: string; n: number }>(db, counted(update));
    sent += tally.find((t) => t.status === "sent")?.n ?? 0;
  }
  if (cancelSubscriptions.length > 0) {
    await db.execute(sql`UPDATE notify_subscriptions SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'push_gone'
      WHERE id = ANY(${bigintArray(cancelSubscriptions)}) AND status <> 'cancelled'`);
  }
  return { sent };
}

/** Records when an alert's first message went out (once). */
export async function markFirstSent(db: Db, alertId: string): Promise<void> {
  await db.execute(sql`UPDATE notify_alerts SET first_sent_at = now() WHERE id = ${alertId}::uuid AND first_sent_at IS NULL`);
}

const MAX_ATTEMPTS_SQL: SQL = sql.raw(String(MAX_ATTEMPTS));

/** Refreshes the planner's statistics of the queue (a new alert adds millions of rows at once). */
export async function analyzeDeliveries(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE notify_deliveries`);
}

/** Open alerts (fanning out or sending), oldest first. */
export type OpenAlertRow = {
  id: string;
  template_key: string;
  params: Record<string, unknown>;
  areas: Record<string, unknown>;
  channels: string[];
  issued_at: string;
  severity: string;
  status: "fanning_out" | "sending";
};

export async function openAlerts(db: Db): Promise<OpenAlertRow[]> {
  return queryRows<OpenAlertRow>(db, sql`
    SELECT id, template_key, params, areas, channels, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS issued_at, severity, status
    FROM notify_alerts WHERE status <> 'done' ORDER BY issued_at, id`);
}

/** Languages with deliveries still queued for an alert and channel. */
export async function queuedLanguages(db: Db, alertId: string, channel: RecipientChannel): Promise<AlertLanguage[]> {
  // A loose index scan would be faster; 11 probes of the queue index are cheap enough.
  const rows = await queryRows<{ language: AlertLanguage }>(db, sql`
    SELECT l.language FROM unnest(ARRAY['ja','ja-x-easy','en','zh-Hans','zh-Hant','ko','vi','ne','tl','pt','es']) AS l(language)
    WHERE EXISTS (SELECT 1 FROM notify_deliveries d WHERE d.alert_id = ${alertId}::uuid AND d.channel = ${channel}
      AND d.language = l.language AND d.status = 'queued')`);
  return rows.map((r) => r.language);
}

/** Marks an alert done when its fan-out is over and nothing is queued or in flight. */
export async function completeIfDone(db: Db, alertId: string, options: { waitForPosts: boolean }): Promise<boolean> {
  // Without an X account configured, queued posts wait for one and do not hold the alert open.
  const rows = await queryRows<{ id: string }>(db, sql`
    UPDATE notify_alerts a SET status = 'done', completed_at = now()
    WHERE a.id = ${alertId}::uuid AND a.status = 'sending'
      AND (NOT ${options.waitForPosts} OR NOT EXISTS (SELECT 1 FROM notify_broadcasts b WHERE b.alert_id = a.id AND b.status IN ('queued', 'sending')))
      AND COALESCE((SELECT sum(n) FROM notify_delivery_counts c WHERE c.alert_id = a.id AND c.status IN ('queued', 'sending')), 0) = 0
    RETURNING a.id`);
  return rows.length > 0;
}
