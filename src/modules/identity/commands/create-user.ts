/**
 * Creates a resident or staff account (operator CLI, resident sign-up, test factories).
 * The input is normalised and checked like the sign-up form (フリガナ may be empty here);
 * staff may get roles per department.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { StaffRole } from "../../../core/http/actor.ts";
import { hashPassword } from "../password.ts";
import { ForeignKeyViolation, UniqueViolation, emailInUse, insertStaffRoles, insertUser, type UserKind } from "../queries.ts";
import { CreateUserInput, parseForm } from "../schema.ts";

export type CreateUserOptions = {
  /** The database or the caller's transaction. */
  db: Db;
  kind: UserKind;
  /** Any width and case; stored trimmed and in lower case. */
  email: string;
  /** At least PASSWORD_MIN_LENGTH characters; only its scrypt hash is stored. */
  password: string;
  /** 氏名: 姓 */
  familyName: string;
  /** 氏名: 名 */
  givenName: string;
  /** フリガナ (セイ); hiragana and half-width katakana become katakana; may be empty. */
  familyKana: string;
  /** フリガナ (メイ); may be empty. */
  givenKana: string;
  /** Staff only: roles per department (department codes must exist). */
  roles?: StaffRole[];
  /** Language of the e-mails this person receives; Japanese by default. */
  locale?: "ja" | "en";
};

/**
 * Creates the account and returns its id.
 * Throws AppError('conflict', 'identity.email_taken') when an account of the same kind uses the
 * address, and AppError('invalid_input', …) for bad input, with `details.problems` per field.
 */
export async function createUser(options: CreateUserOptions): Promise<string> {
  const parsed = parseForm(CreateUserInput, {
    email: options.email,
    password: options.password,
    familyName: options.familyName,
    givenName: options.givenName,
    familyKana: options.familyKana,
    givenKana: options.givenKana,
  });
  if (!parsed.ok) throw new AppError("invalid_input", "identity.invalid_user", { problems: parsed.problems });
  const roles = options.roles ?? [];
  if (options.kind === "resident" && roles.length > 0) throw new AppError("invalid_input", "identity.resident_roles");
  if (roles.some((role) => role.role !== "clerk" && role.role !== "manager")) throw new AppError("invalid_input", "identity.unknown_role");
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  try {
    return await options.db.transaction(async (tx) => {
      if (await emailInUse(tx, options.kind, input.email)) throw new AppError("conflict", "identity.email_taken");
      const id = await insertUser(tx, {
        kind: options.kind,
        email: input.email,
        passwordHash,
        familyName: input.familyName,
        givenName: input.givenName,
        familyKana: input.familyKana,
        givenKana: input.givenKana,
        locale: options.locale ?? "ja",
      });
      await insertStaffRoles(tx, id, roles);
      return id;
    });
  } catch (error) {
    // Two sign-ups racing with one address: the unique index decides.
    if (error instanceof UniqueViolation) throw new AppError("conflict", "identity.email_taken");
    if (error instanceof ForeignKeyViolation) throw new AppError("invalid_input", "identity.unknown_department");
    throw error;
  }
}
