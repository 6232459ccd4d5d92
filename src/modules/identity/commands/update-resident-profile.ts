/**
 * Changes a resident's profile (氏名, フリガナ, 生年月日, 郵便番号, 住所, 電話). Only the fields
 * given change. Values are normalised like the profile form (郵便番号 "530-0041" → "5300041",
 * 電話 "090-0000-1234" → "09000001234"); a value that cannot be read is refused.
 * Who may change whose profile is decided by the caller (the route: the signed-in resident,
 * their own profile only; the demo seed); a staff account is never changed here.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { normalizePhone, normalizePostalCode } from "../../../core/text/japanese.ts";
import { updateResidentProfile as updateRow } from "../queries.ts";
import { normalizeKana, normalizeName, parseBirthDate, type ProfileInput } from "../schema.ts";

export type UpdateResidentProfileOptions = {
  /** The database or the caller's transaction. */
  db: Db;
  /** The resident whose profile changes. */
  userId: string;
} & Partial<ProfileInput>;

export async function updateResidentProfile(options: UpdateResidentProfileOptions): Promise<void> {
  const { db, userId, ...fields } = options;
  const changes: Partial<ProfileInput> = {};
  const problems: string[] = [];
  if (fields.familyName !== undefined) changes.familyName = normalizeName(fields.familyName);
  if (fields.givenName !== undefined) changes.givenName = normalizeName(fields.givenName);
  if (fields.familyKana !== undefined) changes.familyKana = normalizeKana(fields.familyKana);
  if (fields.givenKana !== undefined) changes.givenKana = normalizeKana(fields.givenKana);
  if (fields.birthDate !== undefined) {
    if (fields.birthDate === null) changes.birthDate = null;
    else {
      const [year = "", month = "", day = ""] = fields.birthDate.split("-");
      const parsed = parseBirthDate(year, month, day, new Date());
      if (typeof parsed === "string") changes.birthDate = parsed;
      else problems.push("birthDate");
    }
  }
  if (fields.postalCode !== undefined) {
    changes.postalCode = fields.postalCode === null ? null : normalizePostalCode(fields.postalCode);
    if (fields.postalCode !== null && changes.postalCode === null) problems.push("postalCode");
  }
  if (fields.phone !== undefined) {
    changes.phone = fields.phone === null ? null : normalizePhone(fields.phone);
    if (fields.phone !== null && changes.phone === null) problems.push("phone");
  }
  if (fields.address !== undefined) changes.address = fields.address === null ? null : normalizeName(fields.address) || null;
  if (problems.length > 0) throw new AppError("invalid_input", "identity.invalid_profile", { fields: problems });
  if (Object.keys(changes).length === 0) return;
  await updateRow(db, userId, changes);
}
