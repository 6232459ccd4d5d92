/**
 * A manager switches a subscription off or on, or replaces its signing secret (the new one is
 * returned once). While a subscription is off, its pending deliveries wait; new events are not
 * queued for it.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { IntegrationSettings } from "../config.ts";
import { subscriptionOrNotFound } from "../policy.ts";
import { findSubscription, updateSubscription } from "../queries.ts";
import { isUuid } from "../schema.ts";
import { sealSecret } from "../webhooks/secret-box.ts";
import { generateWebhookSecret } from "../webhooks/signature.ts";
import { auditIntegration } from "./staff-support.ts";

type Options = { db: Db; actor: Actor; subscriptionId: string };

async function load(options: Options) {
  if (!isUuid(options.subscriptionId)) throw new AppError("not_found", "integrations.subscription_not_found");
  return subscriptionOrNotFound(options.actor, await findSubscription(options.db, options.subscriptionId));
}

export async function setSubscriptionEnabled(options: Options & { enabled: boolean }): Promise<void> {
  const subscription = await load(options);
  if (subscription.enabled === options.enabled) return;
  await options.db.transaction(async (tx) => {
    await updateSubscription(tx, subscription.id, { enabled: options.enabled });
    await auditIntegration(tx, options.actor, {
      action: options.enabled ? "webhook.subscription_enabled" : "webhook.subscription_disabled",
      objectType: "webhook_subscription",
      objectId: subscription.id,
      departmentCode: subscription.departmentCode,
    });
  });
}

/** Returns the new signing secret (`whsec_…`), shown once; the old one stops at once. */
export async function rotateSubscriptionSecret(options: Options & { settings: Pick<IntegrationSettings, "secretKeys"> }): Promise<{ secret: string }> {
  const subscription = await load(options);
  if (options.settings.secretKeys.length === 0) throw new AppError("unavailable", "integrations.secret_key_missing");
  const secret = generateWebhookSecret();
  await options.db.transaction(async (tx) => {
    await updateSubscription(tx, subscription.id, { secretCiphertext: sealSecret(options.settings.secretKeys, subscription.id, secret) });
    await auditIntegration(tx, options.actor, {
      action: "webhook.secret_rotated",
      objectType: "webhook_subscription",
      objectId: subscription.id,
      departmentCode: subscription.departmentCode,
    });
  });
  return { secret };
}
