/**
 * Turns an entry of an application's history into an integration event, in the caller's
 * transaction: the procedures module calls this from `recordEvent` (history.ts), so every path that
 * changes a case (submit, staff and back-office status changes, correction requested and answered,
 * withdrawal) is covered exactly once and the event commits or rolls back with the change.
 *
 * The event is fanned out at once into one delivery per enabled webhook subscription of the
 * application's department that wants its type, and a wake-up job is queued in the outbox so the
 * delivery worker sends it right after the commit (workers also poll, so nothing waits for it).
 *
 * Events are thin on purpose: ids, reference, statuses and who acted (resident, staff, a back-office
 * client, the system) — never names, answers or messages. A receiver that needs more pulls the
 * application over the authenticated API.
 */
import type { Db } from "../../../core/db/database.ts";
import { enqueue } from "../../../core/jobs/outbox.ts";
import { insertEventWithDeliveries } from "../queries.ts";
import type { IntegrationEventType } from "../tables.ts";

/** Outbox topic whose job wakes the webhook delivery worker. Payload: { eventId }. */
export const DELIVER_TOPIC = "integrations.deliver";

const EVENT_TYPE_OF_HISTORY: Record<string, IntegrationEventType> = {
  submitted: "application.submitted",
  status_changed: "application.status_changed",
  correction_requested: "application.correction_requested",
  corrected: "application.corrected",
  withdrawn: "application.withdrawn",
};

/** A history entry as procedures' recordEvent receives it. */
export type ApplicationHistoryEntry = {
  applicationId: string;
  actorId: string | null;
  type: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  internal?: boolean;
  data?: Record<string, unknown>;
};

/** Who caused the event, without saying who they are. */
export function actorKindOf(entry: ApplicationHistoryEntry): "resident" | "staff" | "client" | "system" {
  if (typeof entry.data?.clientId === "string") return "client";
  if (entry.actorId === null) return "system";
  return ["submitted", "corrected", "withdrawn"].includes(entry.type) ? "resident" : "staff";
}

/**
 * Writes the event and its deliveries; returns null for history entries that are not events for
 * integrations (internal notes, assignments).
 *
 * @example await emitApplicationEvent(tx, { applicationId, actorId, type: "status_changed", fromStatus, toStatus })
 */
export async function emitApplicationEvent(tx: Db, entry: ApplicationHistoryEntry): Promise<{ eventId: string; deliveries: number } | null> {
  const type = EVENT_TYPE_OF_HISTORY[entry.type];
  if (!type || entry.internal) return null;
  const actor = actorKindOf(entry);
  const data: Record<string, unknown> = {
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    actor,
  };
  if (actor === "client") data.clientId = entry.data!.clientId;
  if (Array.isArray(entry.data?.questions)) data.questions = entry.data.questions.filter((q): q is string => typeof q === "string");
  const result = await insertEventWithDeliveries(tx, { applicationId: entry.applicationId, type, data });
  if (result && result.deliveries > 0) await enqueue(tx, DELIVER_TOPIC, { eventId: result.eventId }, `${DELIVER_TOPIC}:${result.eventId}`);
  return result;
}
