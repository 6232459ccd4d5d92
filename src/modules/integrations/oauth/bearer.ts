/**
 * Authenticating API requests by bearer token (RFC 6750): `Authorization: Bearer <token>`. A
 * missing, unknown, expired or revoked token is 401 with a WWW-Authenticate header that says why;
 * the token's client and scopes are kept for the request.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { findLiveToken } from "../queries.ts";
import { sha256Hex } from "./credentials.ts";

export type BackOfficeClient = { clientId: string; scopes: string[] };

const clients = new WeakMap<FastifyRequest, BackOfficeClient>();

/** The bearer token of a request, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(request.headers.authorization ?? "");
  return match ? match[1]! : null;
}

/** A preHandler for API routes: authenticates the token or answers 401. */
export function bearerAuth(db: Db) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (!token) {
      reply.header("www-authenticate", 'Bearer realm="machi"');
      throw new AppError("unauthenticated", "invalid_request");
    }
    const client = await findLiveToken(db, sha256Hex(token));
    if (!client) {
      reply.header("www-authenticate", 'Bearer realm="machi", error="invalid_token", error_description="The access token is unknown, expired or revoked"');
      throw new AppError("unauthenticated", "invalid_token");
    }
    clients.set(request, client);
  };
}

/** The authenticated client of a request that went through bearerAuth. */
export function requestClient(request: FastifyRequest): BackOfficeClient {
  const client = clients.get(request);
  if (!client) throw new AppError("unauthenticated", "invalid_token");
  return client;
}

/** 403 insufficient_scope (RFC 6750 §3.1), naming the scope that would be needed. */
export function insufficientScope(reply: FastifyReply, scope: string): AppError {
  reply.header("www-authenticate", `Bearer realm="machi", error="insufficient_scope", scope="${scope}"`);
  return new AppError("forbidden", "insufficient_scope", { scope });
}
