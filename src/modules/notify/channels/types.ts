/**
 * The facade every recipient channel implements (e-mail, Web Push, LINE). The engine claims a
 * batch of deliveries of one alert, channel and language, and hands it to the adapter with the
 * message already rendered; the adapter honours its provider's rate limit (its own token bucket)
 * and says what happened to each recipient — or, for providers with a retry key (LINE), that the
 * whole request must be sent again unchanged.
 */
import type { AlertLanguage } from "../languages.ts";

export const RECIPIENT_CHANNELS = ["email", "webpush", "line"] as const;
export type RecipientChannel = (typeof RECIPIENT_CHANNELS)[number];

export const BROADCAST_CHANNELS = ["x", "lalert", "etws"] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];

export type Channel = RecipientChannel | BroadcastChannel;
export const ALL_CHANNELS: readonly Channel[] = [...RECIPIENT_CHANNELS, ...BROADCAST_CHANNELS];

export type Recipient = {
  /** notify_subscriptions.id, as a decimal string (bigint). */
  subscriptionId: string;
  email: string | null;
  lineUserId: string | null;
  push: { endpoint: string; p256dh: string; auth: string } | null;
};

export type AlertMessage = {
  alertId: string;
  language: AlertLanguage;
  title: string;
  body: string;
  /** The public page of the alert in this language. */
  url: string;
  /** Issue time (ISO), for e-mail Date headers and ordering. */
  issuedAt: string;
  severity: string;
};

export type SendOutcome =
  | { kind: "sent"; providerMessageId?: string }
  | { kind: "retry"; error: string; retryAfterMs?: number }
  | { kind: "failed"; error: string }
  /** The address no longer exists (Web Push 404/410): the subscription is cancelled. */
  | { kind: "gone"; error: string };

export type BatchOutcome =
  | { kind: "each"; outcomes: SendOutcome[] }
  /** Send the same request again later (same recipients, same retry key). */
  | { kind: "retry-batch"; error: string; retryAfterMs?: number }
  /** The request was accepted (now or by an earlier attempt with the same retry key). */
  | { kind: "all-sent"; providerMessageId?: string }
  | { kind: "all-failed"; error: string };

export type SendBatch = {
  /** Stable id of this request; LINE sends it as X-Line-Retry-Key. The same on every retry. */
  batchId: string;
  message: AlertMessage;
  recipients: Recipient[];
  /** 1 on the first try. */
  attempt: number;
  /**
   * Per-recipient adapters call this as soon as one recipient's message is accepted, so the engine
   * can record it within milliseconds: after a crash only messages accepted in that short window
   * can be sent again (there is no retry key in SMTP or Web Push).
   */
  onSent?: (recipientIndex: number, providerMessageId?: string) => void;
};

export interface ChannelAdapter {
  readonly channel: RecipientChannel;
  /** Recipients per claimed batch (LINE: up to 500, one multicast). */
  readonly batchSize: number;
  /** Batches this process sends at once. */
  readonly concurrency: number;
  /** True when a failed request must be retried as the same batch (the provider dedupes by a retry key). */
  readonly retriesWholeBatch: boolean;
  send(batch: SendBatch): Promise<BatchOutcome>;
  close?(): Promise<void>;
}
