/** An alert's delivery progress: counts per channel and status, broadcasts, and the key times. */
import type { Db } from "../../../core/db/database.ts";
import { RECIPIENT_CHANNELS, type RecipientChannel } from "../channels/types.ts";
import { broadcastsOf, deliveryCounts, findAlert, type AlertRow } from "../queries.ts";

export const DELIVERY_STATUSES = ["queued", "sending", "sent", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type ChannelStats = Record<DeliveryStatus, number> & { total: number; /** sent + delivered + failed */ finished: number };

export type DeliveryStats = {
  alert: Pick<AlertRow, "id" | "kind" | "severity" | "templateKey" | "areas" | "issuedAt" | "status" | "fanoutDoneAt" | "firstSentAt" | "completedAt" | "issuedBy">;
  /** Deliveries queued so far (grows while the fan-out runs). */
  queued: number;
  fanoutDone: boolean;
  channels: Record<RecipientChannel, ChannelStats>;
  totals: ChannelStats;
  broadcasts: Array<{ channel: "x" | "lalert" | "etws"; language: string; status: string; attempts: number; providerMessageId: string | null; lastError: string | null }>;
};

function empty(): ChannelStats {
  return { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, total: 0, finished: 0 };
}

/** Null when there is no such alert. */
export async function deliveryStats(db: Db, alertId: string): Promise<DeliveryStats | null> {
  const alert = await findAlert(db, alertId);
  if (!alert) return null;
  const [counts, broadcasts] = await Promise.all([deliveryCounts(db, alertId), broadcastsOf(db, alertId)]);
  const channels = Object.fromEntries(RECIPIENT_CHANNELS.map((c) => [c, empty()])) as Record<RecipientChannel, ChannelStats>;
  const totals = empty();
  for (const row of counts) {
    const stats = channels[row.channel];
    const status = row.status as DeliveryStatus;
    if (!stats || !(DELIVERY_STATUSES as readonly string[]).includes(status)) continue;
    stats[status] += row.n;
    totals[status] += row.n;
  }
  for (const stats of [...Object.values(channels), totals]) {
    stats.total = stats.queued + stats.sending + stats.sent + stats.delivered + stats.failed;
    stats.finished = stats.sent + stats.delivered + stats.failed;
  }
  return {
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      templateKey: alert.templateKey,
      areas: alert.areas,
      issuedAt: alert.issuedAt,
      status: alert.status,
      fanoutDoneAt: alert.fanoutDoneAt,
      firstSentAt: alert.firstSentAt,
      completedAt: alert.completedAt,
      issuedBy: alert.issuedBy,
    },
    queued: alert.queuedCount,
    fanoutDone: alert.fanoutDoneAt !== null,
    channels,
    totals,
    broadcasts: broadcasts.map((b) => ({ channel: b.channel, language: b.language, status: b.status, attempts: b.attempts, providerMessageId: b.providerMessageId, lastError: b.lastError })),
  };
}
