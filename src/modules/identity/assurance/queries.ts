/**
 * SQL for assurance: the account's level, the session's sign-in level, level changes
 * (assurance_events) and what procedures require (procedure_assurance_requirements).
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { runStatement, statement } from "../../../core/db/statements.ts";
import { clampLevel, DEFAULT_REQUIREMENT, type AssuranceLevel, type AssuranceMethod, type ProcedureRequirement, type SignatureRule } from "./levels.ts";

export type SessionAssuranceRow = {
  accountLevel: AssuranceLevel;
  sessionLevel: AssuranceLevel;
  sessionMethod: "password" | "link" | "passkey" | "oidc";
  hasPasskey: boolean;
};

/** The account and sign-in levels of a session (by its token hash), or null when it is gone. */
export async function findSessionAssurance(db: Db, sessionTokenHash: string): Promise<SessionAssuranceRow | null> {
  const [row] = await queryRows<{ account_level: number; auth_level: number; auth_method: SessionAssuranceRow["sessionMethod"]; has_passkey: boolean }>(
    db,
    sql`SELECT u.assurance_level AS account_level, s.auth_level, s.auth_method,
               EXISTS (SELECT 1 FROM passkey_credentials c WHERE c.user_id = u.id) AS has_passkey
          FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ${sessionTokenHash}`,
  );
  if (!row) return null;
  return { accountLevel: clampLevel(row.account_level), sessionLevel: clampLevel(row.auth_level), sessionMethod: row.auth_method, hasPasskey: row.has_passkey };
}

export async function findAccountLevel(db: Db, userId: string): Promise<AssuranceLevel | null> {
  const [row] = await queryRows<{ level: number }>(db, sql`SELECT assurance_level AS level FROM users WHERE id = ${userId}`);
  return row ? clampLevel(row.level) : null;
}

/**
 * Raises the account to `level` if it is lower, with an event saying how; returns the level
 * before, or null when nothing changed (already at or above, or no such account).
 */
export async function raiseAccountLevel(
  db: Db,
  change: { userId: string; level: AssuranceLevel; method: AssuranceMethod; detail: Record<string, unknown> },
): Promise<AssuranceLevel | null> {
  const [row] = await queryRows<{ from_level: number }>(
    db,
    sql`WITH before AS (SELECT id, assurance_level FROM users WHERE id = ${change.userId} FOR UPDATE),
             raised AS (UPDATE users u SET assurance_level = ${change.level}
                          FROM before b WHERE u.id = b.id AND b.assurance_level < ${change.level}
                        RETURNING b.assurance_level AS from_level)
        INSERT INTO assurance_events (user_id, from_level, to_level, method, detail)
        SELECT ${change.userId}, from_level, ${change.level}, ${change.method}, ${JSON.stringify(change.detail)}::jsonb FROM raised
        RETURNING from_level`,
  );
  return row ? clampLevel(row.from_level) : null;
}

export type AssuranceEvent = { at: Date; fromLevel: AssuranceLevel; toLevel: AssuranceLevel; method: AssuranceMethod };

/** How the account reached its level, oldest first. */
export async function listAssuranceEvents(db: Db, userId: string): Promise<AssuranceEvent[]> {
  const rows = await queryRows<{ at: Date | string; from_level: number; to_level: number; method: AssuranceMethod }>(
    db,
    sql`SELECT at, from_level, to_level, method FROM assurance_events WHERE user_id = ${userId} ORDER BY at, id`,
  );
  return rows.map((r) => ({ at: new Date(r.at), fromLevel: clampLevel(r.from_level), toLevel: clampLevel(r.to_level), method: r.method }));
}

/** What a procedure requires (DEFAULT_REQUIREMENT when it has no row). */
export async function findProcedureRequirement(db: Db, procedureSlug: string): Promise<ProcedureRequirement> {
  const [row] = await queryRows<{ required_level: number; signature: SignatureRule }>(
    db,
    sql`SELECT required_level, signature FROM procedure_assurance_requirements WHERE procedure_slug = ${procedureSlug}`,
  );
  return row ? { requiredLevel: clampLevel(row.required_level), signature: row.signature } : DEFAULT_REQUIREMENT;
}

/**
 * What a procedure requires and the session's levels, in one round trip (the start and submit
 * checks need both): the same rows as findProcedureRequirement and findSessionAssurance.
 */
const REQUIREMENT_AND_SESSION_ASSURANCE = statement(
  "identity.requirement_and_session_assurance",
  `SELECT r.required_level, r.signature, s.account_level, s.auth_level, s.auth_method, s.has_passkey
     FROM (SELECT 1) AS one
     LEFT JOIN procedure_assurance_requirements r ON r.procedure_slug = $1
     LEFT JOIN LATERAL (
       SELECT u.assurance_level AS account_level, s.auth_level, s.auth_method,
              EXISTS (SELECT 1 FROM passkey_credentials c WHERE c.user_id = u.id) AS has_passkey
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $2) s ON true`,
);

export async function findRequirementAndSessionAssurance(
  db: Db,
  procedureSlug: string,
  sessionTokenHash: string,
): Promise<{ requirement: ProcedureRequirement; session: SessionAssuranceRow | null }> {
  const [row] = await runStatement<{
    required_level: number | null;
    signature: SignatureRule | null;
    account_level: number | null;
    auth_level: number | null;
    auth_method: SessionAssuranceRow["sessionMethod"] | null;
    has_passkey: boolean | null;
  }>(db, REQUIREMENT_AND_SESSION_ASSURANCE, [procedureSlug, sessionTokenHash]);
  const requirement = row?.required_level != null ? { requiredLevel: clampLevel(row.required_level), signature: row.signature! } : DEFAULT_REQUIREMENT;
  const session =
    row?.account_level != null
      ? { accountLevel: clampLevel(row.account_level), sessionLevel: clampLevel(row.auth_level!), sessionMethod: row.auth_method!, hasPasskey: row.has_passkey! }
      : null;
  return { requirement, session };
}

export async function upsertProcedureRequirement(db: Db, procedureSlug: string, requirement: ProcedureRequirement): Promise<void> {
  await db.execute(
    sql`INSERT INTO procedure_assurance_requirements (procedure_slug, required_level, signature)
        VALUES (${procedureSlug}, ${requirement.requiredLevel}, ${requirement.signature})
        ON CONFLICT (procedure_slug) DO UPDATE SET required_level = EXCLUDED.required_level, signature = EXCLUDED.signature, updated_at = now()`,
  );
}

/** Every configured requirement, by slug. */
export async function listProcedureRequirements(db: Db): Promise<Array<ProcedureRequirement & { procedureSlug: string }>> {
  const rows = await queryRows<{ procedure_slug: string; required_level: number; signature: SignatureRule }>(
    db,
    sql`SELECT procedure_slug, required_level, signature FROM procedure_assurance_requirements ORDER BY procedure_slug`,
  );
  return rows.map((r) => ({ procedureSlug: r.procedure_slug, requiredLevel: clampLevel(r.required_level), signature: r.signature }));
}
