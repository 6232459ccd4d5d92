/**
 * Sending e-mail. With SMTP_URL set, a real SMTP exchange through nodemailer; without it
 * (the demo on a laptop), messages are written to the log so that sign-in links can be
 * followed, and kept in memory for the operator's /dev view.
 */
import nodemailer from "nodemailer";

export type MailMessage = { to: string; subject: string; text: string; html?: string; attachments?: Array<{ filename: string; content: Buffer; contentType: string }> };

export type Mailer = {
  send(message: MailMessage): Promise<void>;
  /** Messages sent while SMTP_URL is unset (newest last). */
  readonly outboxForDemo: MailMessage[];
};

export function createMailer(options: { smtpUrl: string | undefined; from: string; log: (message: string) => void }): Mailer {
  const demoBox: MailMessage[] = [];
  if (!options.smtpUrl) {
    return {
      outboxForDemo: demoBox,
      async send(message) {
        demoBox.push(message);
        if (demoBox.length > 100) demoBox.shift();
        options.log(`[mail not sent: SMTP_URL is unset] to=${maskEmail(message.to)} subject=${message.subject}\n${message.text}`);
      },
    };
  }
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A local relay without TLS (tests, on-premises relays) is allowed when asked for explicitly.
    ignoreTLS: url.searchParams.get("tls") === "off",
    tls: { rejectUnauthorized: url.searchParams.get("tls") !== "insecure" },
  });
  return {
    outboxForDemo: demoBox,
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}

/** taro.yamada@example.jp → t***@example.jp (for logs). */
export function maskEmail(email: string): string {
  const at = email.indexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}
