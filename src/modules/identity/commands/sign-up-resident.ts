/**
 * A resident creates an account: the account, a session (they are signed in straight away)
 * and a verification e-mail with a one-time link.
 */
import type { Db } from "../../../core/db/database.ts";
import { isAppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { sendInBackground, type MailDeps } from "../mail.ts";
import type { SignUpInput } from "../schema.ts";
import { createSession } from "../sessions.ts";
import { createUser } from "./create-user.ts";
import { prepareVerificationEmail } from "./send-verification-email.ts";

export type SignUpResidentOptions = {
  db: Db;
  mail: MailDeps;
  /** Validated sign-up form. */
  input: SignUpInput;
  /** The language the person used; their e-mails will be in it. */
  locale: Locale;
};

export type SignUpResult =
  | { ok: true; userId: string; session: { token: string; expiresAt: Date } }
  /** The address is taken: said plainly, without saying more (e.g. since when, or by whom). */
  | { ok: false; problem: "email_taken" };

export async function signUpResident(options: SignUpResidentOptions): Promise<SignUpResult> {
  try {
    const created = await options.db.transaction(async (tx) => {
      const userId = await createUser({ db: tx, kind: "resident", ...options.input, locale: options.locale });
      const session = await createSession(tx, { id: userId, kind: "resident" });
      const message = await prepareVerificationEmail({ db: tx, mail: options.mail, userId });
      return { userId, session, message };
    });
    // Sent only once committed: a link in a mailbox must point at a row that exists.
    if (created.message) void sendInBackground(options.mail, created.message, "verify");
    return { ok: true, userId: created.userId, session: created.session };
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") return { ok: false, problem: "email_taken" };
    throw error;
  }
}
