/**
 * E-mail as a side effect of a change: queued in the same transaction (outbox), sent by the
 * worker, retried with backoff, never twice for the same idempotency key.
 */
import type { Db } from "../db/database.ts";
import { enqueue, type JobHandler } from "../jobs/outbox.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

export const MAIL_TOPIC = "mail.send";

/** Queues a plain-text e-mail (attachments are not queued; send those directly). */
export async function enqueueMail(tx: Db, message: Omit<MailMessage, "attachments">, idempotencyKey: string): Promise<void> {
  await enqueue(tx, MAIL_TOPIC, { ...message }, `mail:${idempotencyKey}`);
}

export function mailJobHandler(mailer: Mailer): JobHandler {
  return async (payload) => {
    await mailer.send(payload as unknown as MailMessage);
  };
}
