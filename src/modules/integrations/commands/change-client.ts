/**
 * A manager revokes a client (its tokens stop working at once; it cannot get new ones) or gives it
 * a new secret (returned once; the old secret and the tokens issued with it stop working).
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { newClientSecret, sha256Hex, isClientId } from "../oauth/credentials.ts";
import { clientOrNotFound } from "../policy.ts";
import { findClient, replaceClientSecret, revokeClientRow } from "../queries.ts";
import { auditIntegration } from "./staff-support.ts";

type Options = { db: Db; actor: Actor; clientId: string };

async function load(options: Options) {
  if (!isClientId(options.clientId)) throw new AppError("not_found", "integrations.client_not_found");
  return clientOrNotFound(options.actor, await findClient(options.db, options.clientId));
}

export async function revokeClient(options: Options): Promise<void> {
  const client = await load(options);
  if (client.revokedAt) return;
  await options.db.transaction(async (tx) => {
    await revokeClientRow(tx, client.clientId);
    await auditIntegration(tx, options.actor, {
      action: "oauth.client_revoked",
      objectType: "oauth_client",
      objectId: client.clientId,
      departmentCode: client.departmentCodes.length === 1 ? client.departmentCodes[0]! : null,
    });
  });
}

export async function rotateClientSecret(options: Options): Promise<{ clientSecret: string }> {
  const client = await load(options);
  if (client.revokedAt) throw new AppError("conflict", "integrations.client_revoked");
  const clientSecret = newClientSecret();
  await options.db.transaction(async (tx) => {
    await replaceClientSecret(tx, client.clientId, sha256Hex(clientSecret));
    await auditIntegration(tx, options.actor, {
      action: "oauth.client_secret_rotated",
      objectType: "oauth_client",
      objectId: client.clientId,
      departmentCode: client.departmentCodes.length === 1 ? client.departmentCodes[0]! : null,
    });
  });
  return { clientSecret };
}
