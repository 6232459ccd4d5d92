/**
 * Chooses the seal: the key configured in the environment (see file-key.ts), or else the demo
 * seal in DATA_DIR. In production the demo seal is refused unless SEAL_ALLOW_DEMO=true, so a
 * forgotten configuration cannot issue documents that look official.
 */
import { demoSealKey } from "./demo-seal.ts";
import { SealConfigError, sealKeyFromEnv, type SealEnv } from "./file-key.ts";
import { createSealer, type Sealer } from "./sealer.ts";

export type LoadSealerOptions = {
  env: SealEnv;
  /** DATA_DIR, where the demo seal is kept. */
  dataDir: string;
  nodeEnv: "production" | "development" | "test";
};

export async function loadSealer(options: LoadSealerOptions): Promise<Sealer> {
  const configured = sealKeyFromEnv(options.env);
  if (configured) return createSealer(configured.key, { source: configured.source, demo: false });
  if (options.nodeEnv === "production" && options.env.SEAL_ALLOW_DEMO !== "true") {
    throw new SealConfigError(
      "No seal key is configured (SEAL_P12_PATH, SEAL_P12_BASE64 or SEAL_KEY_PATH + SEAL_CERT_PATH). Set one, or SEAL_ALLOW_DEMO=true to issue clearly marked demo documents.",
    );
  }
  const demo = demoSealKey(options.dataDir);
  return createSealer(demo.key, { source: `demo:${demo.file}`, demo: true });
}

/**
 * A Sealer loaded on first use and then shared (loading may generate the demo seal, which takes
 * a moment). A failed load is not cached, so fixing the files and retrying works.
 */
export function lazySealer(options: LoadSealerOptions): () => Promise<Sealer> {
  let loading: Promise<Sealer> | null = null;
  return () => {
    loading ??= loadSealer(options).catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
