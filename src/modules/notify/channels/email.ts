/**
 * E-mail adapter: SMTP through a pool of connections (nodemailer, pool: true) to the city's
 * relay. Each alert e-mail is plain text in the recipient's language with a personal
 * unsubscribe link, List-Unsubscribe + List-Unsubscribe-Post (RFC 8058 one-click) and a
 * Message-ID made of alert and subscription, <{alertId}.{subscriptionId}@{domain}>, so that the
 * relay's delivery events (webhook) find the delivery again.
 *
 * Replies: 250 sent; 4xx (e.g. 421/451 rate limited, 452 insufficient storage) retry with
 * backoff and pause the channel briefly; 5xx (550 unknown mailbox …) failed; connection errors retry.
 * Rate: what the relay allows (NOTIFY_SMTP_RATE, messages/second); SMTP has no standard way to
 * publish it. Duplicates: SMTP has no retry key. A crash between the relay's 250 and our commit
 * re-sends that message once (at most one message per open connection at the moment of the crash),
 * with the same Message-ID, which lets mail systems that dedupe by Message-ID drop the copy.
 */
import nodemailer from "nodemailer";
import { CHROME } from "../templates/chrome.ts";
import { fillLink } from "../templates/render.ts";
import { TokenBucket } from "../engine/token-bucket.ts";
import type { Links } from "../links.ts";
import type { AlertMessage, BatchOutcome, ChannelAdapter, SendBatch, SendOutcome } from "./types.ts";

export type EmailAdapterOptions = {
  /** smtp://host:port[?tls=off] */
  smtpUrl: string;
  /** The envelope and header sender address, e.g. bousai@city.osaka.example. */
  fromAddress: string;
  links: Links;
  /** Messages per second (this process's share of the relay's limit). */
  ratePerSecond?: number;
  maxConnections?: number;
  batchSize?: number;
  concurrency?: number;
};

/** RFC 2047 encoded-words (UTF-8, base64), each at most 75 characters. */
export function encodeHeaderWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = "";
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString("base64")}?=`).join("\r\n ");
}

function base64Lines(text: string): string {
  return (Buffer.from(text, "utf8").toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

export function messageIdFor(alertId: string, subscriptionId: string, fromAddress: string): string {
  const domain = fromAddress.split("@")[1] ?? "machi.invalid";
  return `<${alertId}.${subscriptionId}@${domain}>`;
}

/** Reads a Message-ID of ours back into its alert and subscription, or null. */
export function parseMessageId(messageId: string): { alertId: string; subscriptionId: string } | null {
  const match = /^<?([0-9a-f-]{36})\.(\d{1,19})@[^>]+>?$/i.exec(messageId.trim());
  return match ? { alertId: match[1]!.toLowerCase(), subscriptionId: match[2]! } : null;
}

/** The plain-text body: title, body, the alert page, why you get it, how to stop. */
export function emailText(message: AlertMessage, unsubscribeUrl: string): string {
  const chrome = CHROME[message.language];
  return [message.title, message.body, fillLink(chrome.details, message.url), `--\n${chrome.sender}\n${chrome.why}\n${fillLink(chrome.unsubscribe, unsubscribeUrl)}`].join("\n\n") + "\n";
}

/** The whole message (RFC 5322), ready for DATA. */
export function buildAlertEmail(message: AlertMessage, options: { to: string; from: string; messageId: string; unsubscribeUrl: string; date?: Date }): string {
  const chrome = CHROME[message.language];
  const headers = [
    `From: ${encodeHeaderWords(chrome.sender)} <${options.from}>`,
    `To: <${options.to}>`,
    `Subject: ${encodeHeaderWords(message.title)}`,
    `Date: ${(options.date ?? new Date()).toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: ${options.messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    `Content-Language: ${message.language}`,
    `List-Unsubscribe: <${options.unsubscribeUrl}>`,
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    "Auto-Submitted: auto-generated",
    `Importance: ${message.severity === "minor" ? "normal" : "high"}`,
  ];
  return `${headers.join("\r\n")}\r\n\r\n${base64Lines(emailText(message, options.unsubscribeUrl))}\r\n`;
}

export function createEmailAdapter(options: EmailAdapterOptions): ChannelAdapter {
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 8,
    maxMessages: Infinity,
    host: url.hostname,
    port: Number(url.port || 25),
    secure: url.protocol === "smtps:",
    ignoreTLS: url.searchParams.get("tls") === "off",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
  });
  const bucket = new TokenBucket(options.ratePerSecond ?? 100, Math.max(1, (options.ratePerSecond ?? 100) / 20));

  async function sendOne(message: AlertMessage, subscriptionId: string, to: string): Promise<SendOutcome> {
    await bucket.take(1);
    const messageId = messageIdFor(message.alertId, subscriptionId, options.fromAddress);
    const raw = buildAlertEmail(message, { to, from: options.fromAddress, messageId, unsubscribeUrl: options.links.unsubscribeUrl(subscriptionId) });
    try {
      await transport.sendMail({ envelope: { from: options.fromAddress, to: [to] }, raw });
      return { kind: "sent", providerMessageId: messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const text = `${code ?? ""} ${(error as { response?: string }).response ?? (error instanceof Error ? error.message : String(error))}`.trim().slice(0, 300);
      if (code !== undefined && code >= 500) return { kind: "failed", error: text };
      if (code === 421 || code === 450 || code === 451 || code === 452) bucket.pauseFor(1000);
      return { kind: "retry", error: text };
    }
  }

  return {
    channel: "email",
    batchSize: options.batchSize ?? 100,
    concurrency: options.concurrency ?? 4,
    retriesWholeBatch: false,
    async send(batch: SendBatch): Promise<BatchOutcome> {
      const outcomes = await Promise.all(
        batch.recipients.map(async (r, i) => {
          if (!r.email) return { kind: "failed", error: "no e-mail address" } satisfies SendOutcome;
          const outcome = await sendOne(batch.message, r.subscriptionId, r.email);
          if (outcome.kind === "sent") batch.onSent?.(i, outcome.providerMessageId);
          return outcome;
        }),
      );
      return { kind: "each", outcomes };
    },
    async close() {
      transport.close();
    },
  };
}
