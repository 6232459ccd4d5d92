/**
 * The append-only history of a case. Every change of an application writes one event in the
 * same transaction; the resident's timeline shows the non-internal ones, staff see all.
 */
import type { Db } from "../../core/db/database.ts";
import { runStatement, statement } from "../../core/db/statements.ts";
import { emitApplicationEvent } from "../integrations/index.ts";

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

// Every submission and status change writes one: a prepared statement, not a query builder chain.
const INSERT_EVENT = statement(
  "procedures.insert_application_event",
  `INSERT INTO application_events (application_id, actor_id, type, from_status, to_status, message, internal, data)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
);

export async function recordEvent(tx: Db, event: RecordEventOptions): Promise<void> {
  await runStatement(tx, INSERT_EVENT, [
    event.applicationId,
    event.actorId,
    event.type,
    event.fromStatus ?? null,
    event.toStatus ?? null,
    event.message ?? null,
    event.internal ?? false,
    JSON.stringify(event.data ?? {}),
  ]);
  await announceEvent(tx, event);
}

/**
 * Back-office systems hear of submissions, status changes, corrections and withdrawals
 * (integration event + webhook deliveries, committed with this change). recordEvent does this;
 * call it directly only for a history row written by another statement (the submit's insert).
 */
export async function announceEvent(tx: Db, event: RecordEventOptions): Promise<void> {
  await emitApplicationEvent(tx, event);
}
