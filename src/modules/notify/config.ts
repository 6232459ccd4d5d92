/**
 * The notify module's settings, from environment variables (read once when the app starts).
 * A channel without its settings is off: its deliveries stay queued until it is configured.
 *
 *   NOTIFY_SMTP_URL          SMTP relay for alert e-mail (default: SMTP_URL)
 *   NOTIFY_MAIL_FROM         sender address (default bousai@<BASE_URL host>)
 *   NOTIFY_SMTP_RATE         messages/second the relay allows (default 100)
 *   LINE_CHANNEL_ACCESS_TOKEN, LINE_CHANNEL_SECRET, NOTIFY_LINE_API (default https://api.line.me)
 *   X_USER_ACCESS_TOKEN, NOTIFY_X_API (default https://api.x.com)
 *   VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT (mailto: or https:)
 *   NOTIFY_WEBPUSH_RATE      messages/second per push service (default 10,000)
 *   NOTIFY_SENDER_INSTANCES  how many app instances send (each takes its share of every limit; default 1)
 *   NOTIFY_EMAIL_WEBHOOK_SECRET  HMAC key of the relay's delivery events
 */
import type { Config } from "../../core/config/config.ts";

export type NotifyConfig = {
  smtpUrl: string | undefined;
  mailFrom: string;
  smtpRate: number;
  line: { baseUrl: string; channelAccessToken: string; channelSecret: string } | null;
  lineChannelSecret: string | undefined;
  x: { baseUrl: string; userAccessToken: string } | null;
  vapid: { publicKey: string; privateKey: string; subject: string } | null;
  webPushRate: number;
  instances: number;
  /** HMAC key of the relay's delivery events (POST /api/notify/webhooks/email). */
  emailWebhookSecret: string | undefined;
};

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function loadNotifyConfig(config: Config, env: Record<string, string | undefined> = process.env): NotifyConfig {
  const instances = Math.max(1, Math.floor(positive(env.NOTIFY_SENDER_INSTANCES, 1)));
  const host = new URL(config.baseUrl).hostname;
  return {
    smtpUrl: env.NOTIFY_SMTP_URL || config.smtpUrl,
    mailFrom: env.NOTIFY_MAIL_FROM || `bousai@${host.includes(".") ? host : `${host}.invalid`}`,
    smtpRate: positive(env.NOTIFY_SMTP_RATE, 100) / instances,
    line: env.LINE_CHANNEL_ACCESS_TOKEN
      ? { baseUrl: env.NOTIFY_LINE_API || "https://api.line.me", channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN, channelSecret: env.LINE_CHANNEL_SECRET ?? "" }
      : null,
    lineChannelSecret: env.LINE_CHANNEL_SECRET || undefined,
    x: env.X_USER_ACCESS_TOKEN ? { baseUrl: env.NOTIFY_X_API || "https://api.x.com", userAccessToken: env.X_USER_ACCESS_TOKEN } : null,
    vapid:
      env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
        ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT || `mailto:bousai@${host}` }
        : null,
    webPushRate: positive(env.NOTIFY_WEBPUSH_RATE, 10_000) / instances,
    instances,
    emailWebhookSecret: env.NOTIFY_EMAIL_WEBHOOK_SECRET || undefined,
  };
}
