/**
 * A department manager registers a back-office system as an OAuth 2.0 client with scopes of the
 * departments they manage. The client secret is generated here and returned once; only its
 * SHA-256 is kept.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { newClientId, newClientSecret, sha256Hex } from "../oauth/credentials.ts";
import { canManageDepartment, departmentsOfScopes, parseScope } from "../policy.ts";
import { insertClient } from "../queries.ts";
import type { ClientInput } from "../schema.ts";
import { auditIntegration } from "./staff-support.ts";

export type RegisterClientOptions = { db: Db; actor: Actor; input: ClientInput };

export async function registerClient(options: RegisterClientOptions): Promise<{ clientId: string; clientSecret: string }> {
  const { actor, input } = options;
  if (input.scopes.length === 0 || input.scopes.some((s) => parseScope(s) === null)) throw new AppError("invalid_input", "integrations.scopes_invalid");
  const departmentCodes = departmentsOfScopes(input.scopes);
  if (!departmentCodes.every((code) => canManageDepartment(actor, code))) throw new AppError("forbidden", "integrations.managers_only");
  const clientId = newClientId();
  const clientSecret = newClientSecret();
  await options.db.transaction(async (tx) => {
    await insertClient(tx, { clientId, name: input.name, secretHash: sha256Hex(clientSecret), scopes: input.scopes, departmentCodes, createdBy: actor.id });
    await auditIntegration(tx, actor, {
      action: "oauth.client_registered",
      objectType: "oauth_client",
      objectId: clientId,
      departmentCode: departmentCodes.length === 1 ? departmentCodes[0]! : null,
      data: { scopes: input.scopes, departmentCodes },
    });
  });
  return { clientId, clientSecret };
}
