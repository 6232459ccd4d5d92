/**
 * Append-only, hash-chained audit log of staff actions. Each record's hash covers the
 * previous record's hash and the record's own canonical JSON, so changing or deleting any
 * record breaks the chain at that point; `verifyAuditChain` finds the first break.
 * Appends are serialised by a transaction-scoped advisory lock so that seq has no gaps.
 */
import { createHash } from "node:crypto";
import { asc, desc, gt, sql } from "drizzle-orm";
import { bigint, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Db } from "../db/database.ts";

export const auditLog = pgTable("audit_log", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
  actorId: uuid("actor_id"),
  actorLabel: text("actor_label").notNull(),
  action: text("action").notNull(),
  objectType: text("object_type").notNull(),
  objectId: text("object_id"),
  departmentCode: text("department_code"),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

export type AuditEntry = {
  /** Who acted: a staff user id, or null for the system / operator CLI. */
  actorId: string | null;
  /** A human-readable actor for reports, e.g. "staff:kita.tanaka@…" or "cli:operator". Never personal data of residents. */
  actorLabel: string;
  /** Stable action name, e.g. "application.status_changed". */
  action: string;
  objectType: string;
  objectId?: string | null;
  departmentCode?: string | null;
  /** Facts about the action (ids, statuses, reasons); no resident personal data. */
  data?: Record<string, unknown>;
};

export const GENESIS_HASH = "0".repeat(64);
const AUDIT_LOCK_KEY = 727_100_5;

type AuditRecord = typeof auditLog.$inferSelect;

/** Canonical JSON with sorted keys, so the hash does not depend on key order in jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function hashRecord(record: Omit<AuditRecord, "hash">): string {
  const { prevHash, ...content } = record;
  return createHash("sha256").update(prevHash).update(canonicalJson(content)).digest("hex");
}

/** Appends an audit record inside the caller's transaction (so it commits with the action). */
export async function appendAudit(tx: Db, entry: AuditEntry, now: Date = new Date()): Promise<AuditRecord> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    departmentCode: entry.departmentCode ?? null,
    data: entry.data ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const record = { ...base, hash: hashRecord(base) };
  await tx.insert(auditLog).values(record);
  return record;
}

export type AuditVerification =
  | { ok: true; records: number; head: string }
  | { ok: false; records: number; brokenAt: number; reason: string };

/** Walks the whole chain in pages; reports the first record that does not fit. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(5000);
    if (page.length === 0) break;
    for (const record of page) {
      const normalised = { ...record, at: new Date(record.at).toISOString() };
      if (record.seq !== expectedSeq) {
        return { ok: false, records: checked, brokenAt: expectedSeq, reason: `record ${expectedSeq} is missing (next is ${record.seq})` };
      }
      if (record.prevHash !== prevHash) {
        return { ok: false, records: checked, brokenAt: record.seq, reason: `record ${record.seq} does not follow record ${record.seq - 1} (previous hash differs)` };
      }
      const { hash, ...content } = normalised;
      if (hashRecord(content) !== hash) {
        return { ok: false, records: checked, brokenAt: record.seq, reason: `record ${record.seq} was changed after it was written (hash differs)` };
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked);
  }
  return { ok: true, records: checked, head: prevHash };
}
