/** Sends (again) the link that confirms a resident's e-mail address. */
import type { Db } from "../../../core/db/database.ts";
import type { MailMessage } from "../../../core/mail/mailer.ts";
import { findResidentProfile } from "../queries.ts";
import { VERIFY_LINK_HOURS, mailLocale, sendInBackground, verificationMail, type MailDeps } from "../mail.ts";
import { issueLink } from "../tokens.ts";

export type SendVerificationEmailOptions = {
  /** The database or the caller's transaction. */
  db: Db;
  mail: MailDeps;
  /** A resident's id. */
  userId: string;
};

/**
 * Issues a verification link in the caller's transaction and returns the e-mail to send once
 * it has committed; null when the address is already confirmed or the user is no resident.
 */
export async function prepareVerificationEmail(options: SendVerificationEmailOptions): Promise<MailMessage | null> {
  const profile = await findResidentProfile(options.db, options.userId);
  if (!profile || profile.emailVerifiedAt) return null;
  const { link } = await issueLink(options.db, {
    userId: options.userId,
    purpose: "verify",
    validForMs: VERIFY_LINK_HOURS * 3600 * 1000,
    baseUrl: options.mail.baseUrl,
  });
  const name = `${profile.familyName} ${profile.givenName}`.trim();
  return verificationMail(mailLocale(profile.locale), profile.email, name, link);
}

/** Issues a link and sends it; false (nothing sent) when there is nothing to confirm. */
export async function sendVerificationEmail(options: SendVerificationEmailOptions): Promise<boolean> {
  const message = await prepareVerificationEmail(options);
  if (!message) return false;
  void sendInBackground(options.mail, message, "verify");
  return true;
}
