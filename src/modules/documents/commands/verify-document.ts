/**
 * Public verification of issued documents: by verification code (was it issued, what kind, when,
 * revoked?) and, optionally, by comparing an uploaded PDF's SHA-256 with the stored one.
 * Never returns personal data: the result has no name, address or application.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import { findIssuedByCode } from "../queries.ts";
import type { DocumentKind } from "../tables.ts";
import { normalizeVerificationCode } from "./issue-document.ts";

export type Verification =
  | { found: false; code: string }
  | { found: true; code: string; kind: DocumentKind; issuedAt: Date; revokedAt: Date | null; demo: boolean; sha256: string };

/** What /verify may tell anybody about a code (null when the code is not well formed). */
export async function verifyCode(db: Db, input: string): Promise<Verification | null> {
  const code = normalizeVerificationCode(input);
  if (!code) return null;
  const doc = await findIssuedByCode(db, code);
  if (!doc) return { found: false, code };
  return { found: true, code, kind: doc.kind, issuedAt: doc.issuedAt, revokedAt: doc.revokedAt, demo: doc.demo, sha256: doc.sha256 };
}

/** True when the bytes are exactly the issued document of the verification. */
export function sameDocument(verification: Verification, bytes: Uint8Array): boolean {
  return verification.found && createHash("sha256").update(bytes).digest("hex") === verification.sha256;
}
