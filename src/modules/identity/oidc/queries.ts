/**
 * SQL for OpenID Connect sign-in: the started sign-ins (oidc_login_states, single use, keyed by the
 * SHA-256 of the state) and linked outside accounts (external_identities).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";

export function stateHash(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

export async function insertLoginState(
  db: Db,
  row: { state: string; provider: string; codeVerifier: string; nonce: string; nextPath: string | null; expiresAt: Date },
): Promise<void> {
  await db.execute(sql`DELETE FROM oidc_login_states WHERE expires_at < now() - interval '1 hour'`);
  await db.execute(
    sql`INSERT INTO oidc_login_states (state_hash, provider, code_verifier, nonce, next_path, expires_at)
        VALUES (${stateHash(row.state)}, ${row.provider}, ${row.codeVerifier}, ${row.nonce}, ${row.nextPath}, ${row.expiresAt.toISOString()})`,
  );
}

/** Uses a started sign-in up (atomically); null when unknown, used, expired or of another provider. */
export async function consumeLoginState(db: Db, state: string, provider: string): Promise<{ codeVerifier: string; nonce: string; nextPath: string | null } | null> {
  const [row] = await queryRows<{ code_verifier: string; nonce: string; next_path: string | null }>(
    db,
    sql`UPDATE oidc_login_states SET used_at = now()
         WHERE state_hash = ${stateHash(state)} AND provider = ${provider} AND used_at IS NULL AND expires_at > now()
        RETURNING code_verifier, nonce, next_path`,
  );
  return row ? { codeVerifier: row.code_verifier, nonce: row.nonce, nextPath: row.next_path } : null;
}

/** The enabled account of this kind linked to the provider's subject, or null. */
export async function findLinkedUser(db: Db, provider: string, subject: string, kind: "resident" | "staff"): Promise<{ id: string } | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT u.id FROM external_identities e JOIN users u ON u.id = e.user_id
         WHERE e.provider = ${provider} AND e.subject = ${subject} AND u.kind = ${kind} AND u.disabled_at IS NULL`,
  );
  return row ?? null;
}

/** True when the provider's subject is linked to any account (even another kind or a disabled one). */
export async function subjectIsLinked(db: Db, provider: string, subject: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`SELECT 1 AS one FROM external_identities WHERE provider = ${provider} AND subject = ${subject}`);
  return rows.length > 0;
}

/** Links (or, when already linked to this account, touches) an outside account. */
export async function linkExternalIdentity(db: Db, provider: string, subject: string, userId: string): Promise<void> {
  await db.execute(
    sql`INSERT INTO external_identities (provider, subject, user_id, last_sign_in_at) VALUES (${provider}, ${subject}, ${userId}, now())
        ON CONFLICT (provider, subject) DO UPDATE SET last_sign_in_at = now() WHERE external_identities.user_id = EXCLUDED.user_id`,
  );
}

/** The providers an account is linked to. */
export async function listLinkedProviders(db: Db, userId: string): Promise<Array<{ provider: string; createdAt: Date; lastSignInAt: Date | null }>> {
  const rows = await queryRows<{ provider: string; created_at: Date | string; last_sign_in_at: Date | string | null }>(
    db,
    sql`SELECT provider, created_at, last_sign_in_at FROM external_identities WHERE user_id = ${userId} ORDER BY created_at`,
  );
  return rows.map((r) => ({ provider: r.provider, createdAt: new Date(r.created_at), lastSignInAt: r.last_sign_in_at === null ? null : new Date(r.last_sign_in_at) }));
}

/** Fills profile fields the resident left empty with what the provider vouches for (never overwrites). */
export async function fillEmptyProfile(
  db: Db,
  userId: string,
  profile: { birthDate: string | null; postalCode: string | null; address: string | null; familyKana: string; givenKana: string; emailVerified: boolean },
): Promise<void> {
  await db.execute(
    sql`UPDATE users SET
          birth_date = COALESCE(birth_date, ${profile.birthDate}::date),
          postal_code = COALESCE(postal_code, ${profile.postalCode}),
          address = COALESCE(address, ${profile.address}),
          family_kana = CASE WHEN family_kana = '' THEN ${profile.familyKana} ELSE family_kana END,
          given_kana = CASE WHEN given_kana = '' THEN ${profile.givenKana} ELSE given_kana END,
          email_verified_at = CASE WHEN ${profile.emailVerified} AND email_verified_at IS NULL THEN now() ELSE email_verified_at END
        WHERE id = ${userId}`,
  );
}
