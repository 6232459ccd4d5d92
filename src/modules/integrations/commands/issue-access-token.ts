/**
 * The token endpoint's use case (OAuth 2.0 client credentials grant, RFC 6749 §4.4): authenticate
 * the client, check the grant type, decide the scopes and store a new opaque access token (only
 * its SHA-256). Scopes asked for must all be among the client's allowed scopes (else
 * invalid_scope); none asked for means all of them. A narrower token is the safer one to hand to
 * a part of a back-office system that only reads.
 */
import type { Db } from "../../../core/db/database.ts";
import type { IntegrationSettings } from "../config.ts";
import { newAccessToken, secretMatches, sha256Hex } from "../oauth/credentials.ts";
import { OAuthError } from "../oauth/errors.ts";
import type { TokenRequest } from "../oauth/token-request.ts";
import { findClient, insertToken } from "../queries.ts";

export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; scope: string };

export type IssueAccessTokenOptions = {
  db: Db;
  settings: Pick<IntegrationSettings, "tokenTtlSeconds">;
  request: TokenRequest;
};

export async function issueAccessToken(options: IssueAccessTokenOptions): Promise<TokenResponse> {
  const { request } = options;
  const client = await findClient(options.db, request.clientId);
  // Unknown client, wrong secret and revoked client get the same answer.
  if (!client || client.revokedAt !== null || !secretMatches(request.clientSecret, client.secretHash)) {
    throw new OAuthError("invalid_client", "Client authentication failed.", { basic: request.basic });
  }
  if (request.grantType !== "client_credentials") {
    throw new OAuthError("unsupported_grant_type", "Only the client_credentials grant is supported.", { basic: request.basic });
  }
  let scopes = client.scopes;
  if (request.scope !== null) {
    const asked = [...new Set(request.scope.split(" ").filter(Boolean))];
    if (asked.length === 0) throw new OAuthError("invalid_scope", "scope is empty.");
    const unknown = asked.filter((s) => !client.scopes.includes(s));
    if (unknown.length > 0) throw new OAuthError("invalid_scope", `This client may not ask for: ${unknown.join(" ")}`);
    scopes = asked;
  }
  const token = newAccessToken();
  await options.db.transaction(async (tx) => {
    await insertToken(tx, { tokenHash: sha256Hex(token), clientId: client.clientId, scopes, ttlSeconds: options.settings.tokenTtlSeconds });
  });
  return { access_token: token, token_type: "Bearer", expires_in: options.settings.tokenTtlSeconds, scope: scopes.join(" ") };
}
