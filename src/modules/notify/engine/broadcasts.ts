/**
 * Broadcast channels: one message per alert, channel and language. X posts are sent here with
 * the same claim–lease–record cycle as deliveries (a crashed 'sending' post is tried again after
 * its lease; X's duplicate-content refusal makes that safe). L-Alert XML and 緊急速報メール
 * drafts are generated when the alert is issued and kept for the operator ('draft' / 'refused').
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { X_LINK_PLACEHOLDER, type XAdapter } from "../channels/x.ts";
import { isAlertLanguage } from "../languages.ts";
import type { Links } from "../links.ts";
import { backoffMs, MAX_ATTEMPTS } from "./backoff.ts";

type BroadcastRow = { alert_id: string; channel: string; language: string; payload: string; attempts: number };

export async function sendDueBroadcasts(db: Db, x: XAdapter, links: Links, leaseMs: number): Promise<number> {
  const due = await queryRows<BroadcastRow>(db, sql`
    UPDATE notify_broadcasts b SET status = 'sending', attempts = b.attempts + 1, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    FROM (
      SELECT alert_id, channel, language FROM notify_broadcasts
      WHERE channel = 'x' AND ((status = 'queued' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until < now()))
      ORDER BY next_attempt_at LIMIT 5 FOR UPDATE SKIP LOCKED
    ) due
    WHERE b.alert_id = due.alert_id AND b.channel = due.channel AND b.language = due.language
    RETURNING b.alert_id, b.channel, b.language, b.payload, b.attempts`);
  for (const row of due) {
    const link = links.alertUrl(row.alert_id, isAlertLanguage(row.language) ? row.language : "ja");
    const outcome = await x.post(row.payload.replace(X_LINK_PLACEHOLDER, link));
    const where = sql`alert_id = ${row.alert_id}::uuid AND channel = ${row.channel} AND language = ${row.language} AND status = 'sending'`;
    if (outcome.kind === "sent") {
      await db.execute(sql`UPDATE notify_broadcasts SET status = 'sent', sent_at = now(), provider_message_id = ${outcome.providerMessageId ?? null}, lease_until = NULL, last_error = NULL WHERE ${where}`);
    } else if (outcome.kind === "retry" && row.attempts < MAX_ATTEMPTS) {
      const after = backoffMs(row.attempts, outcome.retryAfterMs);
      await db.execute(sql`UPDATE notify_broadcasts SET status = 'queued', next_attempt_at = now() + make_interval(secs => ${after / 1000}), lease_until = NULL, last_error = ${outcome.error} WHERE ${where}`);
    } else {
      await db.execute(sql`UPDATE notify_broadcasts SET status = 'failed', lease_until = NULL, last_error = ${"error" in outcome ? outcome.error : "failed"} WHERE ${where}`);
    }
  }
  return due.length;
}
