/**
 * The integrations module's public face: links to back-office systems (業務システムとのシステム間連携).
 *
 * - Application events: procedures' history calls `emitApplicationEvent(tx, entry)` for every entry;
 *   submissions, status changes, correction requests and answers, and withdrawals become integration
 *   events in the same transaction, fanned out to the department's webhook subscriptions.
 * - Outbound webhooks (Standard Webhooks signatures), retried with backoff and jitter, dead-lettered,
 *   resent from the staff pages (/staff/integrations, department managers).
 * - OAuth 2.0 client credentials (POST /oauth/token) and the back-office API (/api/v1/applications…),
 *   described in /openapi.json under the tag `back-office`.
 * - Shift_JIS (CP932) encoding for CSV exports (`ShiftJisEncoder`).
 *
 * See docs/api/back-office.md (how a vendor connects) and docs/decisions/0016-back-office-integration.md.
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps, Module } from "../../core/app-deps.ts";
import { DELIVER_TOPIC } from "./commands/emit-application-event.ts";
import { integrationsContext } from "./context.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerOAuthRoutes } from "./routes/oauth.ts";
import { registerStaffRoutes } from "./routes/staff.ts";
import { startDeliveryWorker } from "./webhooks/worker.ts";
import "./messages.ts";

async function integrationsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const context = integrationsContext(deps);
  for (const problem of context.settings.problems) app.log.warn(`integrations: ${problem}`);
  if (context.settings.secretKeyDerived && deps.config.nodeEnv !== "test") {
    app.log.warn("integrations: WEBHOOK_SECRET_KEY is unset; webhook secrets are encrypted with a key derived from SESSION_SECRET (development only).");
  }
  registerStaffRoutes(app, deps);
  registerOAuthRoutes(app, deps);
  registerApiRoutes(app, deps);
  if (deps.config.workers) {
    app.addHook("onReady", async () => {
      context.worker ??= startDeliveryWorker({
        db: deps.db,
        settings: context.settings,
        onError: (error) => app.log.warn({ err: error }, "integrations: webhook delivery failed unexpectedly"),
      });
    });
    app.addHook("onClose", async () => {
      await context.worker?.stop();
      context.worker = null;
    });
  }
}

export const integrationsModule: Module = {
  name: "integrations",
  routes: integrationsRoutes,
  jobs: (deps) => ({
    // Queued with each event that has deliveries: send them now rather than at the next poll.
    async [DELIVER_TOPIC]() {
      integrationsContext(deps).worker?.wake();
    },
  }),
};

export { emitApplicationEvent, actorKindOf, DELIVER_TOPIC, type ApplicationHistoryEntry } from "./commands/emit-application-event.ts";
export { ShiftJisEncoder, toShiftJisText, isShiftJisMappable, REPLACEMENT_CHARACTER, SHIFT_JIS_CHARSET } from "./shift-jis.ts";
export { signWebhook, verifyWebhook, webhookHeaders, generateWebhookSecret, WebhookVerificationError } from "./webhooks/signature.ts";
export { deliverDueWebhooks, eventBody } from "./webhooks/deliver.ts";
export { startDeliveryWorker, type DeliveryWorker } from "./webhooks/worker.ts";
export { loadIntegrationSettings, DEFAULT_RETRY_SCHEDULE, type IntegrationSettings } from "./config.ts";
export { EVENT_TYPES, type IntegrationEventType } from "./tables.ts";
