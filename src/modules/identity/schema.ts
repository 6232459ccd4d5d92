/**
 * Input schemas for the identity forms. Values are normalised the way residents type them
 * (full-width letters and digits, hiragana in furigana, hyphens of every kind) before they
 * are checked; every field's first problem is reported, mapped to the field, so that the
 * error summary lists all of them at once. Messages are i18n keys in the 'identity' namespace.
 */
import { z } from "zod";
import { isKatakana, normalizePhone, normalizePostalCode, normalizeWidth, toKatakana } from "../../core/text/japanese.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.ts";

/** A problem with one field: the field's name (also its id) and an i18n key. */
export type FieldProblem = { field: string; key: string };

export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

const NAME_MAX = 50;
const ADDRESS_MAX = 200;
const EMAIL_MAX = 254;

/** Parameters interpolated into every identity error message. */
export const MESSAGE_PARAMS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, nameMax: NAME_MAX, addressMax: ADDRESS_MAX } as const;

/** Form bodies hold strings (or arrays when a name repeats, or nothing): take the first string. */
const formText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));

/** Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ｊｐ → taro@example.jp */
export function normalizeEmail(text: string): string {
  return normalizeWidth(text).trim().toLowerCase();
}

/** Width variants folded, surrounding spaces removed; the characters of a name are kept. */
export function normalizeName(text: string): string {
  return normalizeWidth(text).trim().replace(/\s+/g, " ");
}

/** Furigana in full-width katakana: やまだ, ﾔﾏﾀﾞ and ヤマダ all become ヤマダ. */
export function normalizeKana(text: string): string {
  return toKatakana(normalizeName(text));
}

const email = formText
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, { error: "errors.email_required" })
      .max(EMAIL_MAX, { error: "errors.email_invalid" })
      .pipe(z.email({ error: "errors.email_invalid" })),
  );

const currentPassword = formText.pipe(
  z.string().min(1, { error: "errors.password_required" }).max(PASSWORD_MAX_LENGTH, { error: "errors.password_too_long" }),
);

const newPassword = formText.pipe(
  z
    .string()
    .min(1, { error: "errors.new_password_required" })
    .min(PASSWORD_MIN_LENGTH, { error: "errors.password_too_short" })
    .max(PASSWORD_MAX_LENGTH, { error: "errors.password_too_long" }),
);

function name(prefix: "family_name" | "given_name") {
  return formText
    .transform(normalizeName)
    .pipe(z.string().min(1, { error: `errors.${prefix}_required` }).max(NAME_MAX, { error: `errors.${prefix}_too_long` }));
}

function kana(prefix: "family_kana" | "given_kana") {
  return formText.transform(normalizeKana).pipe(
    z
      .string()
      .min(1, { error: `errors.${prefix}_required` })
      .max(NAME_MAX, { error: `errors.${prefix}_too_long` })
      .refine(isKatakana, { error: `errors.${prefix}_invalid` }),
  );
}

function optionalKana(prefix: "family_kana" | "given_kana") {
  return formText.transform(normalizeKana).pipe(
    z
      .string()
      .max(NAME_MAX, { error: `errors.${prefix}_too_long` })
      .refine((value) => value === "" || isKatakana(value), { error: `errors.${prefix}_invalid` }),
  );
}

/**
 * The `next` parameter: a path on this site, percent-encoded so that it can go into a Location
 * header, or undefined (never an open redirect).
 *
 * @example safeNextPath("/procedures/住民票?x=1") // "/procedures/%E4%BD%8F%E6%B0%91%E7%A5%A8?x=1"
 * @example safeNextPath("//evil.example/") // undefined
 */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2000) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  // Control characters and backslashes can turn a path into another host in some browsers.
  if (/[\u0000-\u001F\u007F\\]/.test(value)) return undefined;
  const base = "http://machi.invalid";
  const url = new URL(value, base);
  if (url.origin !== base) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

export const SignUpInput = z.object({
  email,
  password: newPassword,
  familyName: name("family_name"),
  givenName: name("given_name"),
  familyKana: kana("family_kana"),
  givenKana: kana("given_kana"),
});
export type SignUpInput = z.infer<typeof SignUpInput>;

/**
 * An account made by an operator or a seed: like sign-up, but フリガナ may be left empty
 * (staff accounts, imports that lack it); when given it must be katakana or hiragana.
 */
export const CreateUserInput = z.object({
  email,
  password: newPassword,
  familyName: name("family_name"),
  givenName: name("given_name"),
  familyKana: optionalKana("family_kana"),
  givenKana: optionalKana("given_kana"),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const SignInInput = z.object({ email, password: currentPassword });
export type SignInInput = z.infer<typeof SignInInput>;

/** Requests for a sign-in link or a password reset. */
export const EmailInput = z.object({ email });
export type EmailInput = z.infer<typeof EmailInput>;

export const NewPasswordInput = z.object({ password: newPassword });
export type NewPasswordInput = z.infer<typeof NewPasswordInput>;

const optionalDigits = formText.transform((value) => normalizeWidth(value).trim());

/**
 * The resident's profile fields. 郵便番号 and 電話 are stored as digits only; empty optional
 * fields become null. 生年月日 (three boxes, 西暦) is checked by `parseProfileForm`, so that its
 * problem is reported together with every other field's.
 */
export const ProfileFields = z.object({
  familyName: name("family_name"),
  givenName: name("given_name"),
  familyKana: kana("family_kana"),
  givenKana: kana("given_kana"),
  birthYear: optionalDigits,
  birthMonth: optionalDigits,
  birthDay: optionalDigits,
  postalCode: formText.transform((value, ctx) => {
    if (value.trim() === "") return null;
    const digits = normalizePostalCode(value);
    if (digits === null) ctx.addIssue({ code: "custom", message: "errors.postal_code_invalid" });
    return digits;
  }),
  address: formText
    .transform(normalizeName)
    .pipe(z.string().max(ADDRESS_MAX, { error: "errors.address_too_long" }))
    .transform((value) => (value === "" ? null : value)),
  phone: formText.transform((value, ctx) => {
    if (value.trim() === "") return null;
    const digits = normalizePhone(value);
    if (digits === null) ctx.addIssue({ code: "custom", message: "errors.phone_invalid" });
    return digits;
  }),
});

export type ProfileInput = {
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  /** ISO date (YYYY-MM-DD) or null. */
  birthDate: string | null;
  postalCode: string | null;
  address: string | null;
  phone: string | null;
};

const PROFILE_FIELD_ORDER = Object.keys(ProfileFields.shape);

/** Parses the profile form: every field's first problem, in form order. */
export function parseProfileForm(body: unknown, today: Date = new Date()): ParseResult<ProfileInput> {
  const fields = parseForm(ProfileFields, body);
  const boxes = z.object({ birthYear: optionalDigits, birthMonth: optionalDigits, birthDay: optionalDigits }).parse(body ?? {});
  const birthDate = parseBirthDate(boxes.birthYear, boxes.birthMonth, boxes.birthDay, today);
  const dateProblem = typeof birthDate === "object" && birthDate !== null ? birthDate : null;
  if (fields.ok && !dateProblem) {
    const { birthYear: _y, birthMonth: _m, birthDay: _d, ...rest } = fields.data;
    return { ok: true, data: { ...rest, birthDate: birthDate as string | null } };
  }
  const problems = [...(fields.ok ? [] : fields.problems), ...(dateProblem ? [dateProblem] : [])];
  problems.sort((a, b) => PROFILE_FIELD_ORDER.indexOf(a.field) - PROFILE_FIELD_ORDER.indexOf(b.field));
  return { ok: false, problems };
}

/**
 * Three boxes → an ISO date, null when all are empty, or the problem (with the box to point at).
 * Exported for tests.
 */
export function parseBirthDate(year: string, month: string, day: string, today: Date): string | null | { field: string; key: string } {
  const boxes = [
    ["birthYear", year],
    ["birthMonth", month],
    ["birthDay", day],
  ] as const;
  if (boxes.every(([, value]) => value === "")) return null;
  const empty = boxes.find(([, value]) => value === "");
  if (empty) return { field: empty[0], key: "errors.birth_date_incomplete" };
  const notNumber = boxes.find(([, value]) => !/^\d{1,4}$/.test(value));
  if (notNumber) return { field: notNumber[0], key: "errors.birth_date_invalid" };
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (year.length !== 4 || y < 1900) return { field: "birthYear", key: "errors.birth_date_invalid" };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { field: m < 1 || m > 12 ? "birthMonth" : "birthDay", key: "errors.birth_date_invalid" };
  const iso = date.toISOString().slice(0, 10);
  // Compared with Japan's calendar day: a person born today in Osaka is not "in the future".
  const todayInJapan = new Date(today.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
  if (iso > todayInJapan) return { field: "birthYear", key: "errors.birth_date_future" };
  return iso;
}

/**
 * Runs a schema over a form body and reports the first problem of each field, in form order.
 *
 * @example parseForm(SignInInput, request.body) // { ok: false, problems: [{ field: "email", key: "errors.email_required" }] }
 */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): ParseResult<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (problems.some((problem) => problem.field === field)) continue;
    problems.push({ field, key: issue.message.startsWith("errors.") ? issue.message : "errors.invalid" });
  }
  return { ok: false, problems };
}
