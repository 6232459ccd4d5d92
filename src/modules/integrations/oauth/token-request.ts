/**
 * Reading a token request (RFC 6749 §4.4.2 and §2.3.1): an application/x-www-form-urlencoded body
 * with grant_type and an optional scope; the client authenticates either with HTTP Basic
 * (client_id and client_secret form-urlencoded, joined by ":", base64) or with client_id and
 * client_secret in the body — not both, and no parameter twice.
 */
import { OAuthError } from "./errors.ts";

export type TokenRequest = {
  clientId: string;
  clientSecret: string;
  grantType: string;
  /** Space-delimited scopes asked for, or null (then every scope the client is allowed). */
  scope: string | null;
  /** Whether the client used HTTP Basic. */
  basic: boolean;
};

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

function basicCredentials(header: string): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function single(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new OAuthError("invalid_request", `The parameter ${name} must be given once.`);
  return value;
}

export function parseTokenRequest(input: { contentType: string | undefined; authorization: string | undefined; body: unknown }): TokenRequest {
  const mediaType = (input.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const usesBasic = typeof input.authorization === "string" && /^Basic\s/i.test(input.authorization);
  if (mediaType !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "The request body must be application/x-www-form-urlencoded.", { basic: usesBasic });
  }
  const body = (typeof input.body === "object" && input.body !== null ? input.body : {}) as Record<string, unknown>;
  const grantType = single(body, "grant_type");
  const scope = single(body, "scope");
  const bodyId = single(body, "client_id");
  const bodySecret = single(body, "client_secret");
  let clientId: string | undefined;
  let clientSecret: string | undefined;
  if (usesBasic) {
    if (bodySecret !== undefined) throw new OAuthError("invalid_request", "Use one way to authenticate the client: HTTP Basic or client_secret in the body, not both.", { basic: true });
    const credentials = basicCredentials(input.authorization!);
    if (!credentials) throw new OAuthError("invalid_client", "The Authorization header is not valid HTTP Basic credentials.", { basic: true });
    if (bodyId !== undefined && bodyId !== credentials.clientId) throw new OAuthError("invalid_request", "client_id in the body differs from the HTTP Basic credentials.", { basic: true });
    ({ clientId, clientSecret } = credentials);
  } else {
    clientId = bodyId;
    clientSecret = bodySecret;
    if (!clientId || clientSecret === undefined) throw new OAuthError("invalid_client", "Client authentication is required (HTTP Basic, or client_id and client_secret in the body).");
  }
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.", { basic: usesBasic });
  return { clientId, clientSecret, grantType, scope: scope === undefined ? null : scope, basic: usesBasic };
}
