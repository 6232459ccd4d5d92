/**
 * A resident asks for a passwordless sign-in link. The caller answers the same whether or not
 * an account exists; the e-mail goes out in the background so that timing does not tell either.
 */
import type { Db } from "../../../core/db/database.ts";
import { LOGIN_LINK_MINUTES, mailLocale, sendInBackground, signInLinkMail, type MailDeps } from "../mail.ts";
import { findUserByEmail } from "../queries.ts";
import { issueLink } from "../tokens.ts";

export type RequestSignInLinkOptions = {
  db: Db;
  mail: MailDeps;
  /** Normalised e-mail (schema.ts). */
  email: string;
};

/** Returns whether a link was sent, for tests and logs only: never show it to the requester. */
export async function requestSignInLink(options: RequestSignInLinkOptions): Promise<boolean> {
  const user = await findUserByEmail(options.db, "resident", options.email);
  if (!user) return false;
  const { link } = await issueLink(options.db, {
    userId: user.id,
    purpose: "login",
    validForMs: LOGIN_LINK_MINUTES * 60 * 1000,
    baseUrl: options.mail.baseUrl,
  });
  void sendInBackground(options.mail, signInLinkMail(mailLocale(user.locale), user.email, link), "login-link");
  return true;
}
