/**
 * Starts a sign-in at an outside OpenID Connect provider: a fresh state, nonce and PKCE verifier
 * are stored (single use, 10 minutes) and the browser is sent to the provider. The caller puts the
 * state in a signed cookie, so that only the browser that started the sign-in can finish it.
 */
import type { Db } from "../../../core/db/database.ts";
import { authorizationRequest } from "../oidc/client.ts";
import type { OidcProviderConfig } from "../oidc/providers.ts";
import { insertLoginState } from "../oidc/queries.ts";

export const OIDC_STATE_TTL_MS = 10 * 60 * 1000;

/** Where the provider sends the browser back. */
export function oidcCallbackUrl(baseUrl: string, provider: OidcProviderConfig): string {
  return `${baseUrl}/auth/oidc/${provider.name}/callback`;
}

export async function startOidcSignIn(options: {
  db: Db;
  provider: OidcProviderConfig;
  baseUrl: string;
  /** A same-site path to go to afterwards. */
  nextPath: string | null;
}): Promise<{ url: string; state: string }> {
  const request = await authorizationRequest(options.provider, oidcCallbackUrl(options.baseUrl, options.provider));
  await insertLoginState(options.db, {
    state: request.state,
    provider: options.provider.name,
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    nextPath: options.nextPath,
    expiresAt: new Date(Date.now() + OIDC_STATE_TTL_MS),
  });
  return { url: request.url.href, state: request.state };
}
