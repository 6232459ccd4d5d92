/**
 * SQL of the signature step: the signature a resident uploaded for a draft (draft_signatures,
 * migrations/0071_signature_step.sql), one per draft, replaced by a new upload.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { runStatement, statement } from "../../../core/db/statements.ts";
import type { SignerIdentity } from "../verify-cms.ts";

export type DraftSignature = { draftId: string; userId: string; receivedAt: Date; contentSha256: string; signature: Uint8Array; signer: SignerIdentity };

export async function upsertDraftSignature(db: Db, row: DraftSignature): Promise<void> {
  await db.execute(
    sql`INSERT INTO draft_signatures (draft_id, user_id, received_at, content_sha256, signature, signer)
        VALUES (${row.draftId}, ${row.userId}, ${row.receivedAt.toISOString()}, ${row.contentSha256},
                decode(${Buffer.from(row.signature).toString("base64")}, 'base64'), ${JSON.stringify(row.signer)}::jsonb)
        ON CONFLICT (draft_id) DO UPDATE SET user_id = EXCLUDED.user_id, received_at = EXCLUDED.received_at,
          content_sha256 = EXCLUDED.content_sha256, signature = EXCLUDED.signature, signer = EXCLUDED.signer`,
  );
}

// Every submit asks for the draft's signature: prepared once per connection.
const FIND_DRAFT_SIGNATURE = statement(
  "signatures.find_draft_signature",
  "SELECT draft_id, user_id, received_at, content_sha256, signature, signer FROM draft_signatures WHERE draft_id = $1 AND user_id = $2",
);

/** The resident's signature on their draft, or null. */
export async function findDraftSignature(db: Db, draftId: string, userId: string): Promise<DraftSignature | null> {
  const [row] = await runStatement<{ draft_id: string; user_id: string; received_at: Date | string; content_sha256: string; signature: Uint8Array | string; signer: SignerIdentity }>(
    db,
    FIND_DRAFT_SIGNATURE,
    [draftId, userId],
  );
  if (!row) return null;
  const signature = typeof row.signature === "string" ? new Uint8Array(Buffer.from(row.signature.replace(/^\\x/, ""), "hex")) : new Uint8Array(row.signature);
  return { draftId: row.draft_id, userId: row.user_id, receivedAt: new Date(row.received_at), contentSha256: row.content_sha256, signature, signer: row.signer };
}

export async function deleteDraftSignature(db: Db, draftId: string): Promise<void> {
  await db.execute(sql`DELETE FROM draft_signatures WHERE draft_id = ${draftId}`);
}
