/**
 * The fan-out: turns one alert into one queued delivery per matching subscription and channel,
 * channel after channel (FANOUT_ORDER), streaming over notify_subscriptions in keyset pages
 * (id > cursor ORDER BY id LIMIT n) entirely inside PostgreSQL (INSERT … SELECT): no recipient
 * list is ever held in memory. Each page is one transaction that inserts the page's deliveries
 * AND moves the alert's checkpoint (fanout_channel, fanout_cursor), so a crash at any moment
 * resumes at the first page not yet committed, and
 * ON CONFLICT DO NOTHING on (alert, subscription, channel) makes a repeated page harmless.
 *
 * Matching (documented in README.md):
 *  - ward subscriptions: their wards meet the alert's wards, or the wards its polygon/circle touches;
 *  - point subscriptions: the ward of the point is one of the alert's wards, or the circle
 *    (point, radius) meets the alert's circle (haversine) or polygon (notify_circle_meets_polygon),
 *    after a bounding-box prefilter;
 *  - an alert for all 24 wards matches every active subscription.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { areaBounds, wardsTouching, type AlertAreas } from "../areas/geo.ts";
import { WARD_CODES } from "../areas/wards.ts";
import type { RecipientChannel } from "../channels/types.ts";
import { addCounts } from "./queue.ts";

/** The largest radius a subscription may have (metres); the bounding-box margin. */
export const MAX_SUBSCRIPTION_RADIUS_M = 5000;

const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

/** The SQL condition on notify_subscriptions `s` for "this subscription is in the alert's area". */
export function areaCondition(areas: AlertAreas): SQL {
  const explicit = [...new Set(areas.wards ?? [])];
  if (WARD_CODES.every((code) => explicit.includes(code))) return sql`TRUE`;
  const geometry = { ...(areas.polygon ? { polygon: areas.polygon } : {}), ...(areas.circle ? { circle: areas.circle } : {}) };
  const touched = [...new Set([...explicit, ...wardsTouching(geometry)])];
  const parts: SQL[] = [];
  if (touched.length > 0) parts.push(sql`s.wards && ${textArray(touched)}`);
  if (explicit.length > 0) parts.push(sql`s.point_ward = ANY(${textArray(explicit)})`);
  const box = areaBounds(geometry, MAX_SUBSCRIPTION_RADIUS_M);
  if (box) {
    const geo: SQL[] = [];
    if (areas.circle) {
      geo.push(sql`notify_distance_m(s.lat, s.lon, ${areas.circle.lat}::float8, ${areas.circle.lon}::float8) <= s.radius_m + ${areas.circle.radiusM}::float8`);
    }
    if (areas.polygon) {
      const lats = areas.polygon.map((p) => p[0]);
      const lons = areas.polygon.map((p) => p[1]);
      geo.push(sql`notify_circle_meets_polygon(s.lat, s.lon, s.radius_m::float8, ${sql.param(lats)}::float8[], ${sql.param(lons)}::float8[])`);
    }
    parts.push(sql`(s.lat BETWEEN ${box.minLat}::float8 AND ${box.maxLat}::float8 AND s.lon BETWEEN ${box.minLon}::float8 AND ${box.maxLon}::float8
      AND (${sql.join(geo, sql` OR `)}))`);
  }
  if (parts.length === 0) return sql`FALSE`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export type FanOutStep = { state: "busy" } | { state: "done" } | { state: "page"; queued: number; channel: RecipientChannel; cursor: string };

/**
 * The order in which an alert's channels are fanned out: the channel whose provider takes the
 * fewest recipients a second first (an SMTP relay, then Web Push, then LINE's 500-recipient
 * multicasts). Its queue is complete within seconds and it starts sending at once; its sending
 * time is what bounds the whole alert, and the faster channels catch up while it runs.
 */
export const FANOUT_ORDER: readonly RecipientChannel[] = ["email", "webpush", "line"];

/**
 * Fans out one page for an alert: up to `pageSize` matching subscriptions of the channel in
 * progress. "busy" when another worker holds the alert (or it is no longer fanning out), "done"
 * when the last channel's cursor passed the last subscription.
 *
 * The alert row is locked FOR NO KEY UPDATE, not FOR UPDATE: the senders' count rows reference the
 * alert (a foreign key takes FOR KEY SHARE), and FOR UPDATE would conflict with every one of them,
 * so the fan-out would find the alert "busy" whenever a batch was being recorded and stall.
 */
export async function fanOutPage(db: Db, alertId: string, pageSize: number): Promise<FanOutStep> {
  return db.transaction(async (tx) => {
    const [alert] = await queryRows<{ areas: AlertAreas; channels: string[]; fanout_cursor: string; fanout_channel: RecipientChannel | null }>(tx, sql`
      SELECT areas, channels, fanout_cursor, fanout_channel FROM notify_alerts
      WHERE id = ${alertId}::uuid AND status = 'fanning_out' FOR NO KEY UPDATE SKIP LOCKED`);
    if (!alert) return { state: "busy" };
    const order = FANOUT_ORDER.filter((c) => alert.channels.includes(c));
    const channel = alert.fanout_channel ?? order[0];
    if (!channel) return finish(tx, alertId);
    // Pages count matching subscriptions, not scanned ids, so a channel few people use (e-mail) is
    // queued in a handful of statements.
    const [page] = await queryRows<{ last: string | null; matched: number; queued: number }>(tx, sql`
      WITH page AS (
        SELECT s.id, s.language FROM notify_subscriptions s
        WHERE s.id > ${alert.fanout_cursor}::bigint AND s.status = 'active' AND ${channel} = ANY(s.channels)
          AND ${areaCondition(alert.areas)}
        ORDER BY s.id LIMIT ${pageSize}
      ), inserted AS (
        INSERT INTO notify_deliveries (alert_id, subscription_id, channel, language)
        SELECT ${alertId}::uuid, id, ${channel}, language FROM page
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT max(id) FROM page)::text AS last, (SELECT count(*) FROM page)::int AS matched, (SELECT count(*) FROM inserted)::int AS queued`);
    const { last, matched, queued } = page!;
    await addCounts(tx, alertId, [{ channel, status: "queued", n: queued }]);
    if (matched < pageSize) {
      const next = order[order.indexOf(channel) + 1];
      if (!next) return finish(tx, alertId, queued);
      await tx.execute(sql`UPDATE notify_alerts SET fanout_channel = ${next}, fanout_cursor = 0, queued_count = queued_count + ${queued} WHERE id = ${alertId}::uuid`);
      return { state: "page", queued, channel: next, cursor: "0" };
    }
    await tx.execute(sql`UPDATE notify_alerts SET fanout_channel = ${channel}, fanout_cursor = ${last}::bigint, queued_count = queued_count + ${queued} WHERE id = ${alertId}::uuid`);
    return { state: "page", queued, channel, cursor: last! };
  });
}

async function finish(tx: Db, alertId: string, queued = 0): Promise<FanOutStep> {
  await tx.execute(sql`UPDATE notify_alerts SET status = 'sending', fanout_done_at = now(), queued_count = queued_count + ${queued} WHERE id = ${alertId}::uuid`);
  return { state: "done" };
}
