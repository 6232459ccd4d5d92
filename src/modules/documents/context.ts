/**
 * What the documents module keeps per app: the seal, loaded on first use (see
 * signing/load-sealer.ts). Routes and jobs of the same app share it.
 */
import type { AppDeps } from "../../core/app-deps.ts";
import { lazySealer } from "./signing/load-sealer.ts";
import type { Sealer } from "./signing/sealer.ts";

export type DocumentsContext = { sealer: () => Promise<Sealer> };

const contexts = new WeakMap<AppDeps, DocumentsContext>();

/** Says which seal is used (subject, fingerprint, where from), never anything secret. */
export function describeSeal(sealer: Sealer): string {
  const { info } = sealer;
  return info.demo
    ? `documents: using the DEMO seal "${info.commonName}" (${info.source}, sha256 ${info.fingerprint.slice(0, 16)}…). Issued documents say they are demo samples. Configure SEAL_P12_PATH / SEAL_P12_BASE64 / SEAL_KEY_PATH for a real seal.`
    : `documents: seal "${info.commonName}" from ${info.source} (sha256 ${info.fingerprint.slice(0, 16)}…, valid to ${info.validTo}).`;
}

/** The app's documents context; `log` hears once which seal was loaded. */
export function documentsContext(deps: AppDeps, log?: (message: string) => void): DocumentsContext {
  let context = contexts.get(deps);
  if (!context) {
    const load = lazySealer({ env: process.env, dataDir: deps.config.dataDir, nodeEnv: deps.config.nodeEnv });
    let announced = false;
    context = {
      async sealer() {
        const sealer = await load();
        if (!announced) {
          announced = true;
          log?.(describeSeal(sealer));
        }
        return sealer;
      },
    };
    contexts.set(deps, context);
  }
  return context;
}
