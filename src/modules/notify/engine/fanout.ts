/**
 * The fan-out: turns one alert into one queued delivery per matching subscription and channel,
 * streaming over notify_subscriptions in keyset pages (id > cursor ORDER BY id LIMIT n) entirely
 * inside PostgreSQL (INSERT … SELECT): no recipient list is ever held in memory. Each page is one
 * transaction that inserts the page's deliveries AND moves the alert's checkpoint
 * (fanout_cursor), so a crash at any moment resumes at the first page not yet committed, and
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
import { RECIPIENT_CHANNELS } from "../channels/types.ts";
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

export type FanOutStep = { state: "busy" } | { state: "done" } | { state: "page"; queued: number; cursor: string };

/**
 * Fans out one page of subscriptions for an alert. "busy" when another worker holds the alert
 * (or it is no longer fanning out), "done" when the cursor passed the last subscription.
 */
export async function fanOutPage(db: Db, alertId: string, pageSize: number): Promise<FanOutStep> {
  return db.transaction(async (tx) => {
    const [alert] = await queryRows<{ areas: AlertAreas; channels: string[]; fanout_cursor: string }>(tx, sql`
      SELECT areas, channels, fanout_cursor FROM notify_alerts
      WHERE id = ${alertId}::uuid AND status = 'fanning_out' FOR UPDATE SKIP LOCKED`);
    if (!alert) return { state: "busy" };
    const [page] = await queryRows<{ last: string | null }>(tx, sql`
      SELECT max(id)::text AS last FROM (
        SELECT id FROM notify_subscriptions WHERE id > ${alert.fanout_cursor}::bigint ORDER BY id LIMIT ${pageSize}
      ) p`);
    if (!page?.last) {
      await tx.execute(sql`UPDATE notify_alerts SET status = 'sending', fanout_done_at = now() WHERE id = ${alertId}::uuid`);
      return { state: "done" };
    }
    const channels = alert.channels.filter((c) => (RECIPIENT_CHANNELS as readonly string[]).includes(c));
    const counts = channels.length === 0 ? [] : await queryRows<{ channel: string; n: string }>(tx, sql`
      WITH inserted AS (
        INSERT INTO notify_deliveries (alert_id, subscription_id, channel, language)
        SELECT ${alertId}::uuid, s.id, c.channel, s.language
        FROM notify_subscriptions s CROSS JOIN LATERAL unnest(s.channels) AS c(channel)
        WHERE s.id > ${alert.fanout_cursor}::bigint AND s.id <= ${page.last}::bigint
          AND s.status = 'active' AND c.channel = ANY(${textArray(channels)})
          AND ${areaCondition(alert.areas)}
        ON CONFLICT DO NOTHING
        RETURNING channel
      )
      SELECT channel, count(*)::text AS n FROM inserted GROUP BY channel`);
    const queued = counts.reduce((sum, row) => sum + Number(row.n), 0);
    await addCounts(tx, alertId, counts.map((row) => ({ channel: row.channel, status: "queued", n: Number(row.n) })));
    await tx.execute(sql`UPDATE notify_alerts SET fanout_cursor = ${page.last}::bigint, queued_count = queued_count + ${queued} WHERE id = ${alertId}::uuid`);
    return { state: "page", queued, cursor: page.last };
  });
}
