/**
 * A webhook from a provider: verified by its signature (and freshness), recorded once per
 * provider event id (UNIQUE (provider, event_id)), applied in the same transaction. A second
 * delivery of the same event finds the row and changes nothing; two deliveries at the same
 * moment meet at the unique index, and the second waits for the first to commit and then finds
 * it. If applying fails, nothing is recorded and the provider's retry applies it later.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { PaymentsContext } from "../context.ts";
import { WebhookSignatureError } from "../providers/provider.ts";
import { findAttemptForProvider, lockAttempt, lockPayment, recordWebhookEvent, setWebhookOutcome } from "../queries.ts";
import { applyCharge } from "./apply-charge.ts";

export type ReceiveWebhookOptions = {
  db: Db;
  context: PaymentsContext;
  provider: string;
  rawBody: Buffer | string;
  headers: Record<string, string | string[] | undefined>;
  baseUrl: string;
};

export type ReceiveWebhookResult = { duplicate: boolean; outcome: "applied" | "unmatched" | "ignored"; eventId: string };

/** Throws AppError invalid_input ('payments.webhook_signature', with the reason) for a bad signature. */
export async function receiveWebhook(options: ReceiveWebhookOptions): Promise<ReceiveWebhookResult> {
  const provider = options.context.provider(options.provider);
  if (!provider) throw new AppError("not_found", "payments.unknown_provider");
  let event;
  try {
    event = provider.verifyWebhook(options.rawBody, options.headers);
  } catch (error) {
    if (error instanceof WebhookSignatureError) throw new AppError("invalid_input", "payments.webhook_signature", { reason: error.reason });
    if (error instanceof SyntaxError) throw new AppError("invalid_input", "payments.webhook_body");
    throw error;
  }
  return options.db.transaction(async (tx) => {
    const fresh = await recordWebhookEvent(tx, { provider: provider.name, eventId: event.id, type: event.type, outcome: "ignored", payload: event.payload });
    if (!fresh) return { duplicate: true, outcome: "ignored" as const, eventId: event.id };
    let outcome: ReceiveWebhookResult["outcome"] = event.updates.length > 0 ? "unmatched" : "ignored";
    for (const update of event.updates) {
      const found = await findAttemptForProvider(tx, provider.name, { chargeId: update.providerChargeId, ...(update.paymentRef ? { paymentRef: update.paymentRef } : {}), ...(update.metadata?.attempt_key ? { attemptKey: update.metadata.attempt_key } : {}) });
      if (!found) continue;
      const payment = await lockPayment(tx, found.paymentId);
      const attempt = await lockAttempt(tx, found.id);
      if (!payment || !attempt) continue;
      await applyCharge(tx, { payment, attempt, charge: update, source: "webhook", actorId: null, baseUrl: options.baseUrl, eventId: event.id });
      outcome = "applied";
    }
    if (outcome !== "ignored") await setWebhookOutcome(tx, provider.name, event.id, outcome);
    return { duplicate: false, outcome, eventId: event.id };
  });
}
