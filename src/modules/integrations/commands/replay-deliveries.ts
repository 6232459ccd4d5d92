/**
 * A manager sends deliveries again: one finished delivery (dead, or succeeded but lost by the
 * receiver), or every dead delivery of a subscription (after the receiver was fixed). A replay
 * starts a fresh retry schedule and keeps the event's id, so a receiver that already processed it
 * recognises the duplicate.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { subscriptionOrNotFound } from "../policy.ts";
import { findSubscription, replayDeadDeliveryRows, replayDeliveryRow } from "../queries.ts";
import { isUuid } from "../schema.ts";
import { auditIntegration } from "./staff-support.ts";

type Options = { db: Db; actor: Actor; subscriptionId: string };

async function load(options: Options) {
  if (!isUuid(options.subscriptionId)) throw new AppError("not_found", "integrations.subscription_not_found");
  return subscriptionOrNotFound(options.actor, await findSubscription(options.db, options.subscriptionId));
}

/** Throws 404 for an unknown delivery and 409 for one that is still pending. */
export async function replayDelivery(options: Options & { deliveryId: number }): Promise<void> {
  const subscription = await load(options);
  await options.db.transaction(async (tx) => {
    if (!(await replayDeliveryRow(tx, subscription.id, options.deliveryId))) throw new AppError("conflict", "integrations.delivery_not_replayable");
    await auditIntegration(tx, options.actor, {
      action: "webhook.delivery_replayed",
      objectType: "webhook_delivery",
      objectId: String(options.deliveryId),
      departmentCode: subscription.departmentCode,
      data: { subscriptionId: subscription.id },
    });
  });
}

/** Returns how many dead deliveries were queued again. */
export async function replayDeadDeliveries(options: Options): Promise<{ replayed: number }> {
  const subscription = await load(options);
  return options.db.transaction(async (tx) => {
    const replayed = await replayDeadDeliveryRows(tx, subscription.id);
    if (replayed > 0) {
      await auditIntegration(tx, options.actor, {
        action: "webhook.dead_deliveries_replayed",
        objectType: "webhook_subscription",
        objectId: subscription.id,
        departmentCode: subscription.departmentCode,
        data: { replayed },
      });
    }
    return { replayed };
  });
}
