/**
 * What the integrations module keeps per app: its settings (environment, read once) and the
 * webhook delivery worker of this instance. Routes and jobs of the same app share it.
 */
import type { AppDeps } from "../../core/app-deps.ts";
import { loadIntegrationSettings, type IntegrationSettings } from "./config.ts";
import type { DeliveryWorker } from "./webhooks/worker.ts";

export type IntegrationsContext = { settings: IntegrationSettings; worker: DeliveryWorker | null };

const contexts = new WeakMap<AppDeps, IntegrationsContext>();

export function integrationsContext(deps: AppDeps): IntegrationsContext {
  let context = contexts.get(deps);
  if (!context) {
    context = { settings: loadIntegrationSettings(deps.config), worker: null };
    contexts.set(deps, context);
  }
  return context;
}
