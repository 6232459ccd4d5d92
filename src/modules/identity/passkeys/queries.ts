/**
 * SQL for passkeys: WebAuthn credentials (passkey_credentials) and the single-use challenges of
 * the ceremonies (webauthn_challenges). Credential ids are base64url strings.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";

export type ChallengePurpose = "register" | "authenticate";
export type Area = "resident" | "staff";

export async function insertChallenge(
  db: Db,
  row: { challenge: string; purpose: ChallengePurpose; userId: string | null; area: Area; expiresAt: Date },
): Promise<string> {
  const [inserted] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webauthn_challenges (challenge, purpose, user_id, area, expires_at)
        VALUES (${row.challenge}, ${row.purpose}, ${row.userId}, ${row.area}, ${row.expiresAt.toISOString()})
        RETURNING id`,
  );
  return inserted!.id;
}

/**
 * Uses a challenge up, atomically: of two requests racing with one challenge only one gets it.
 * Null when unknown, used, expired or of another purpose. Old rows are swept on the way.
 */
export async function consumeChallenge(db: Db, id: string, purpose: ChallengePurpose): Promise<{ challenge: string; userId: string | null; area: Area } | null> {
  await db.execute(sql`DELETE FROM webauthn_challenges WHERE expires_at < now() - interval '1 hour'`);
  const [row] = await queryRows<{ challenge: string; user_id: string | null; area: Area }>(
    db,
    sql`UPDATE webauthn_challenges SET used_at = now()
         WHERE id = ${id} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
        RETURNING challenge, user_id, area`,
  );
  return row ? { challenge: row.challenge, userId: row.user_id, area: row.area } : null;
}

export type StoredPasskey = {
  id: string;
  userId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  label: string;
  deviceType: "singleDevice" | "multiDevice";
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
};

type PasskeyRow = {
  id: string;
  user_id: string;
  public_key: Uint8Array | string;
  counter: string | number;
  transports: string[] | null;
  label: string;
  device_type: "singleDevice" | "multiDevice";
  backed_up: boolean;
  created_at: Date | string;
  last_used_at: Date | string | null;
};

function bytesOf(value: Uint8Array | string): Uint8Array {
  if (typeof value !== "string") return new Uint8Array(value);
  // node-postgres returns bytea as Buffer; a text form "\x…" only if a driver does not parse it.
  return new Uint8Array(Buffer.from(value.replace(/^\\x/, ""), "hex"));
}

function toPasskey(row: PasskeyRow): StoredPasskey {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: bytesOf(row.public_key),
    counter: Number(row.counter),
    transports: row.transports ?? [],
    label: row.label,
    deviceType: row.device_type,
    backedUp: row.backed_up,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}

const COLUMNS = sql`id, user_id, public_key, counter, transports, label, device_type, backed_up, created_at, last_used_at`;

export async function insertPasskey(
  db: Db,
  row: { id: string; userId: string; publicKey: Uint8Array; counter: number; transports: string[]; deviceType: "singleDevice" | "multiDevice"; backedUp: boolean; label: string },
): Promise<void> {
  await db.execute(
    sql`INSERT INTO passkey_credentials (id, user_id, public_key, counter, transports, device_type, backed_up, label)
        VALUES (${row.id}, ${row.userId}, decode(${Buffer.from(row.publicKey).toString("base64")}, 'base64'), ${row.counter},
                ${`{${row.transports.map((t) => `"${t.replace(/[^a-z0-9-]/gi, "")}"`).join(",")}}`}::text[], ${row.deviceType}, ${row.backedUp}, ${row.label})`,
  );
}

/** The passkey with this credential id whose account is enabled and of this kind, or null. */
export async function findPasskeyForSignIn(db: Db, credentialId: string, area: Area): Promise<StoredPasskey | null> {
  const [row] = await queryRows<PasskeyRow>(
    db,
    sql`SELECT c.id, c.user_id, c.public_key, c.counter, c.transports, c.label, c.device_type, c.backed_up, c.created_at, c.last_used_at
          FROM passkey_credentials c JOIN users u ON u.id = c.user_id
         WHERE c.id = ${credentialId} AND u.kind = ${area} AND u.disabled_at IS NULL`,
  );
  return row ? toPasskey(row) : null;
}

export async function listPasskeys(db: Db, userId: string): Promise<StoredPasskey[]> {
  const rows = await queryRows<PasskeyRow>(db, sql`SELECT ${COLUMNS} FROM passkey_credentials WHERE user_id = ${userId} ORDER BY created_at, id`);
  return rows.map(toPasskey);
}

/**
 * Records a use: the new signature counter must be above the stored one (a cloned authenticator
 * shows up as a counter that goes back), except for authenticators that keep it at 0. Atomic, so
 * two sign-ins racing with the same counter cannot both pass. False when refused.
 */
export async function recordPasskeyUse(db: Db, credentialId: string, newCounter: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE passkey_credentials SET counter = ${newCounter}, last_used_at = now()
         WHERE id = ${credentialId} AND (counter < ${newCounter} OR (counter = 0 AND ${newCounter} = 0))
        RETURNING id`,
  );
  return rows.length === 1;
}

/** Deletes one of the person's own passkeys; false when it is not theirs (or gone). */
export async function deletePasskey(db: Db, userId: string, credentialId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`DELETE FROM passkey_credentials WHERE id = ${credentialId} AND user_id = ${userId} RETURNING id`);
  return rows.length === 1;
}

/** Marks the current session as signed in with a passkey (after registering one in it). */
export async function upgradeSession(db: Db, sessionTokenHash: string, auth: { method: "passkey" | "oidc"; level: 1 | 2 | 3 }): Promise<void> {
  await db.execute(
    sql`UPDATE sessions SET auth_method = ${auth.method}, auth_level = GREATEST(auth_level, ${auth.level}) WHERE token_hash = ${sessionTokenHash}`,
  );
}
