/**
 * The append-only history of a case. Every change of an application writes one event in the
 * same transaction; the resident's timeline shows the non-internal ones, staff see all.
 */
import type { Db } from "../../core/db/database.ts";
import { emitApplicationEvent } from "../integrations/index.ts";
import { applicationEvents } from "./tables.ts";

export type ApplicationEventType =
  | "submitted"
  | "status_changed"
  | "assigned"
  | "correction_requested"
  | "corrected"
  | "note"
  | "withdrawn"
  | "stage_changed";

export type RecordEventOptions = {
  applicationId: string;
  actorId: string | null;
  type: ApplicationEventType;
  fromStatus?: string | null;
  toStatus?: string | null;
  /** Shown to the resident unless internal (reasons, correction messages). */
  message?: string | null;
  /** Internal notes and assignments are for staff only. */
  internal?: boolean;
  data?: Record<string, unknown>;
};

export async function recordEvent(tx: Db, event: RecordEventOptions): Promise<void> {
  await tx.insert(applicationEvents).values({
    applicationId: event.applicationId,
    actorId: event.actorId,
    type: event.type,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    message: event.message ?? null,
    internal: event.internal ?? false,
    data: event.data ?? {},
  });
  // Back-office systems hear of submissions, status changes, corrections and withdrawals
  // (integration event + webhook deliveries, committed with this change).
  await emitApplicationEvent(tx, event);
}
