/** Confirms a resident's e-mail address with the link from the verification e-mail. */
import type { Db } from "../../../core/db/database.ts";
import { markEmailVerified } from "../queries.ts";
import { useLink } from "../tokens.ts";

export type VerifyEmailOptions = {
  db: Db;
  /** The token from the link (not its hash). */
  token: string;
};

/** False when the link no longer works. */
export async function verifyEmail(options: VerifyEmailOptions): Promise<boolean> {
  return options.db.transaction(async (tx) => {
    const userId = await useLink(tx, options.token, "verify");
    if (!userId) return false;
    await markEmailVerified(tx, userId);
    return true;
  });
}
