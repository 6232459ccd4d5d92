/** Per app: the signature trust, loaded on first use (it may generate the demo JPKI) and then shared. */
import type { AppDeps } from "../../../core/app-deps.ts";
import { loadSignatureTrust, type SignatureTrustConfig } from "./trust.ts";

const contexts = new WeakMap<AppDeps, { trust: () => SignatureTrustConfig }>();

export function signatureStepContext(deps: AppDeps): { trust: () => SignatureTrustConfig } {
  let context = contexts.get(deps);
  if (!context) {
    let loaded: SignatureTrustConfig | null = null;
    context = {
      trust() {
        // A failure is not kept: fixing the files and retrying works.
        loaded ??= loadSignatureTrust({ env: process.env, dataDir: deps.config.dataDir, nodeEnv: deps.config.nodeEnv });
        return loaded;
      },
    };
    contexts.set(deps, context);
  }
  return context;
}
