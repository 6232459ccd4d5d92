/**
 * A resident asks for a password reset link (valid 30 minutes, single use). As with sign-in
 * links, the answer never tells whether an account exists.
 */
import type { Db } from "../../../core/db/database.ts";
import { RESET_LINK_MINUTES, mailLocale, passwordResetMail, sendInBackground, type MailDeps } from "../mail.ts";
import { findUserByEmail } from "../queries.ts";
import { issueLink } from "../tokens.ts";

export type RequestPasswordResetOptions = {
  db: Db;
  mail: MailDeps;
  /** Normalised e-mail (schema.ts). */
  email: string;
};

/** Returns whether a link was sent, for tests and logs only: never show it to the requester. */
export async function requestPasswordReset(options: RequestPasswordResetOptions): Promise<boolean> {
  const user = await findUserByEmail(options.db, "resident", options.email);
  if (!user) return false;
  const { link } = await issueLink(options.db, {
    userId: user.id,
    purpose: "reset",
    validForMs: RESET_LINK_MINUTES * 60 * 1000,
    baseUrl: options.mail.baseUrl,
  });
  void sendInBackground(options.mail, passwordResetMail(mailLocale(user.locale), user.email, link), "password-reset");
  return true;
}
