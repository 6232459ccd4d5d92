/**
 * The identity module's e-mails (sign-in link, password reset, address verification): plain
 * text in the person's language, saying how long the link works and what to do if they did
 * not ask. Sent straight through the mailer, in the background: the HTTP answer does not wait
 * for (or reveal, by its timing) a delivery that only happens when an account exists.
 */
import type { FastifyBaseLogger } from "fastify";
import { isLocale, t, type Locale } from "../../core/i18n/index.ts";
import { maskEmail, type MailMessage, type Mailer } from "../../core/mail/mailer.ts";
import "./messages.ts";

/** What a command needs to send mail. */
export type MailDeps = {
  mailer: Mailer;
  /** BASE_URL without a trailing slash, for the links. */
  baseUrl: string;
  log: Pick<FastifyBaseLogger, "info" | "warn">;
};

export const LOGIN_LINK_MINUTES = 15;
export const RESET_LINK_MINUTES = 30;
export const VERIFY_LINK_HOURS = 24;

export function mailLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : "ja";
}

function body(locale: Locale, parts: string[]): string {
  return `${[...parts, t(locale, "identity.mail.signature")].join("\n\n")}\n`;
}

export function signInLinkMail(locale: Locale, to: string, link: string): MailMessage {
  return {
    to,
    subject: t(locale, "identity.mail.linkSubject"),
    text: body(locale, [
      t(locale, "identity.mail.linkIntro"),
      link,
      t(locale, "identity.mail.linkValidity", { minutes: LOGIN_LINK_MINUTES }),
      t(locale, "identity.mail.notYou"),
    ]),
  };
}

export function passwordResetMail(locale: Locale, to: string, link: string): MailMessage {
  return {
    to,
    subject: t(locale, "identity.mail.resetSubject"),
    text: body(locale, [
      t(locale, "identity.mail.resetIntro"),
      link,
      t(locale, "identity.mail.resetValidity", { minutes: RESET_LINK_MINUTES }),
      t(locale, "identity.mail.resetNotYou"),
    ]),
  };
}

export function verificationMail(locale: Locale, to: string, name: string, link: string): MailMessage {
  return {
    to,
    subject: t(locale, "identity.mail.verifySubject"),
    text: body(locale, [
      t(locale, "identity.mail.verifyIntro", { name }),
      link,
      t(locale, "identity.mail.verifyValidity", { hours: VERIFY_LINK_HOURS }),
      t(locale, "identity.mail.notYou"),
    ]),
  };
}

/**
 * Sends without making the caller wait; a failure is logged (address masked, never the link).
 * Returns the delivery promise for callers (tests) that want to wait; it never rejects.
 */
export function sendInBackground(deps: MailDeps, message: MailMessage, kind: string): Promise<void> {
  return deps.mailer.send(message).then(
    () => deps.log.info({ mail: kind, to: maskEmail(message.to) }, "identity mail sent"),
    (error: unknown) =>
      deps.log.warn({ mail: kind, to: maskEmail(message.to), reason: error instanceof Error ? error.message : String(error) }, "identity mail could not be sent"),
  );
}
