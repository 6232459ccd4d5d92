/**
 * A department manager subscribes a back-office system to the department's application events.
 * A new signing secret is generated, stored encrypted (webhooks/secret-box.ts) and returned once,
 * to be shown to the manager and never again.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { IntegrationSettings } from "../config.ts";
import { canManageDepartment } from "../policy.ts";
import { insertSubscription } from "../queries.ts";
import { webhookUrlProblem, type SubscriptionInput } from "../schema.ts";
import { sealSecret } from "../webhooks/secret-box.ts";
import { generateWebhookSecret } from "../webhooks/signature.ts";
import { auditIntegration } from "./staff-support.ts";

export type CreateSubscriptionOptions = {
  db: Db;
  /** A manager of input.departmentCode. */
  actor: Actor;
  settings: Pick<IntegrationSettings, "secretKeys" | "allowHttpLocalhost">;
  input: SubscriptionInput;
};

/** Returns the new subscription's id and its signing secret (`whsec_…`), which is shown once. */
export async function createSubscription(options: CreateSubscriptionOptions): Promise<{ id: string; secret: string }> {
  const { actor, input } = options;
  if (!canManageDepartment(actor, input.departmentCode)) throw new AppError("forbidden", "integrations.managers_only");
  if (webhookUrlProblem(input.url, options.settings.allowHttpLocalhost)) throw new AppError("invalid_input", "integrations.url_refused");
  if (options.settings.secretKeys.length === 0) throw new AppError("unavailable", "integrations.secret_key_missing");
  const id = randomUUID();
  const secret = generateWebhookSecret();
  await options.db.transaction(async (tx) => {
    await insertSubscription(tx, {
      id,
      departmentCode: input.departmentCode,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      secretCiphertext: sealSecret(options.settings.secretKeys, id, secret),
      createdBy: actor.id,
    });
    await auditIntegration(tx, actor, {
      action: "webhook.subscription_created",
      objectType: "webhook_subscription",
      objectId: id,
      departmentCode: input.departmentCode,
      data: { host: new URL(input.url).host, eventTypes: input.eventTypes },
    });
  });
  return { id, secret };
}
