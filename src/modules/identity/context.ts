/**
 * What the identity module keeps per app: the WebAuthn relying party (from BASE_URL) and the outside
 * OpenID Connect providers (from the environment, read once; bad settings are logged and the
 * provider left out, so that sign-in by password keeps working).
 */
import type { AppDeps } from "../../core/app-deps.ts";
import { oidcProvidersFromEnv, type OidcProviderConfig } from "./oidc/providers.ts";
import { relyingParty, type RelyingParty } from "./passkeys/relying-party.ts";

export type IdentityContext = {
  /** From BASE_URL at the time of the request (tests and the e2e server set it after start). */
  readonly rp: RelyingParty;
  providers: OidcProviderConfig[];
  /** Problems found in the OIDC settings (for the log). */
  providerProblems: string[];
  provider(name: string): OidcProviderConfig | undefined;
  providersFor(audience: "resident" | "staff"): OidcProviderConfig[];
  /** The provider residents use to reach level 3 (the national ID): the one named "national", else the first resident provider. */
  nationalProvider(): OidcProviderConfig | undefined;
};

const contexts = new WeakMap<AppDeps, IdentityContext>();

export function identityContext(deps: AppDeps, env: Record<string, string | undefined> = process.env): IdentityContext {
  let context = contexts.get(deps);
  if (!context) {
    const { providers, problems } = oidcProvidersFromEnv(env);
    context = {
      get rp() {
        return relyingParty(deps.config.baseUrl);
      },
      providers,
      providerProblems: problems,
      provider: (name) => providers.find((p) => p.name === name),
      providersFor: (audience) => providers.filter((p) => p.audience === audience),
      nationalProvider: () => providers.find((p) => p.name === "national" && p.audience === "resident") ?? providers.find((p) => p.audience === "resident"),
    };
    contexts.set(deps, context);
  }
  return context;
}
