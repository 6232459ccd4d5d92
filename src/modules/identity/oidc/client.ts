/**
 * OpenID Connect relying party with openid-client 6: discovery (cached per provider, retried after a
 * failure), the authorization code flow with PKCE (S256), state and nonce, and ID token validation
 * (issuer, audience, signature, expiry, nonce) by the library. Claims from the UserInfo endpoint
 * are merged in when the provider has one (many providers put only `sub` in the ID token).
 */
import * as client from "openid-client";
import type { OidcProviderConfig } from "./providers.ts";

export type OidcClaims = Record<string, unknown> & { sub: string };

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's discovered configuration (one discovery per provider and process). */
export function configurationFor(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = `${provider.name}|${provider.issuer}|${provider.clientId}`;
  let pending = configurations.get(key);
  if (!pending) {
    pending = client
      .discovery(
        new URL(provider.issuer),
        provider.clientId,
        provider.clientSecret ? { client_secret: provider.clientSecret } : {},
        provider.clientSecret ? client.ClientSecretBasic(provider.clientSecret) : client.None(),
        { execute: provider.allowHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        configurations.delete(key);
        throw error;
      });
    configurations.set(key, pending);
  }
  return pending;
}

export type AuthorizationRequest = { url: URL; state: string; nonce: string; codeVerifier: string };

/** Where to send the browser to sign in at the provider, with fresh state, nonce and PKCE verifier. */
export async function authorizationRequest(provider: OidcProviderConfig, redirectUri: string): Promise<AuthorizationRequest> {
  const config = await configurationFor(provider);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Exchanges the code of the callback URL for tokens and returns the validated ID token claims
 * merged with UserInfo (ID token values win). Throws on any error answer or failed check.
 */
export async function completeAuthorization(
  provider: OidcProviderConfig,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<OidcClaims> {
  const config = await configurationFor(provider);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("the provider sent no ID token");
  let userInfo: Record<string, unknown> = {};
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  }
  return { ...userInfo, ...idClaims, sub: idClaims.sub } as OidcClaims;
}
