/**
 * API keys of lifeline operators (electricity, gas, water, rail) and national systems (CAP).
 * A key is 32 random bytes shown once to the member of staff who creates it; only its SHA-256 is
 * stored, with an 8-character prefix to recognise it in lists. Keys are scoped to one lifeline or to
 * `national`, and can be revoked. Creating and revoking are 危機管理室 decisions, audited.
 */
import { createHash, randomBytes } from "node:crypto";
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertCanOperate, type ApiScope } from "../policy.ts";
import { findApiKeyByHash, insertApiKey, revokeApiKey, type ApiKeyRow } from "../queries.ts";
import { auditLabel } from "./support.ts";

export const API_SCOPES: readonly ApiScope[] = ["electricity", "gas", "water", "rail", "national"];
const KEY_PREFIX = "mdk_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Creates a key; returns it in clear text (the only time it exists outside the operator's system). */
export async function createApiKey(options: { db: Db; actor: Actor | null; label: string; scope: ApiScope }): Promise<{ id: string; key: string }> {
  if (options.actor) assertCanOperate(options.actor);
  const label = options.label.trim();
  if (label === "" || label.length > 100) throw new AppError("invalid_input", "disaster.label_required");
  if (!API_SCOPES.includes(options.scope)) throw new AppError("invalid_input", "disaster.scope_invalid");
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return options.db.transaction(async (tx) => {
    const id = await insertApiKey(tx, { label, scope: options.scope, keyPrefix: key.slice(0, KEY_PREFIX.length + 8), keyHash: hashApiKey(key), createdBy: options.actor?.id ?? null });
    await appendAudit(tx, {
      actorId: options.actor?.id ?? null, actorLabel: options.actor ? auditLabel(options.actor) : "cli:operator",
      action: "disaster.api_key_created", objectType: "disaster_api_key", objectId: id, data: { label, scope: options.scope },
    });
    return { id, key };
  });
}

export async function revokeKey(options: { db: Db; actor: Actor; keyId: string }): Promise<void> {
  assertCanOperate(options.actor);
  await options.db.transaction(async (tx) => {
    const key = await revokeApiKey(tx, options.keyId);
    if (!key) throw new AppError("not_found", "disaster.key_not_found");
    await appendAudit(tx, { actorId: options.actor.id, actorLabel: auditLabel(options.actor), action: "disaster.api_key_revoked", objectType: "disaster_api_key", objectId: key.id, data: { label: key.label, scope: key.scope } });
  });
}

/** The key of an `Authorization: Bearer …` header; AppError('unauthenticated') when missing, unknown or revoked. */
export async function authenticateApiKey(db: Db, authorization: string | undefined): Promise<ApiKeyRow> {
  const match = /^Bearer\s+(\S{10,200})$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthenticated", "disaster.api_key_missing");
  const key = await findApiKeyByHash(db, hashApiKey(match[1]!));
  if (!key) throw new AppError("unauthenticated", "disaster.api_key_invalid");
  return key;
}
