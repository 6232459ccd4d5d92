/**
 * SQL for the identity module's own tables (users, staff_roles, one_time_tokens, departments).
 * Every function takes the database or the caller's transaction first. Database errors are
 * re-thrown without their parameters, which would carry e-mail addresses and hashes into logs.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../core/db/database.ts";
import { departments, oneTimeTokens, staffRoles, users } from "./tables.ts";

export type UserKind = "resident" | "staff";
export type TokenPurpose = "login" | "reset" | "verify";

/** What sign-in needs to know about an account. */
export type UserForSignIn = {
  id: string;
  kind: UserKind;
  email: string;
  passwordHash: string | null;
  locale: string;
  familyName: string;
  givenName: string;
};

/** The PostgreSQL error code of a failed query (drizzle wraps the driver's error). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export class UniqueViolation extends Error {}
export class ForeignKeyViolation extends Error {}

async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === "23505") throw new UniqueViolation(`${what}: unique violation`);
    if (code === "23503") throw new ForeignKeyViolation(`${what}: foreign key violation`);
    throw new Error(`${what} failed${code ? ` (PostgreSQL ${code})` : ""}`);
  }
}

/** The columns of UserForSignIn. */
const SIGN_IN_COLUMNS = {
  id: users.id,
  kind: users.kind,
  email: users.email,
  passwordHash: users.passwordHash,
  locale: users.locale,
  familyName: users.familyName,
  givenName: users.givenName,
};

/** An enabled account of this kind by e-mail (case-insensitive), or null. */
export async function findUserByEmail(db: Db, kind: UserKind, email: string): Promise<UserForSignIn | null> {
  const [row] = await guarded("find user by email", () =>
    db
      .select(SIGN_IN_COLUMNS)
      .from(users)
      .where(and(eq(users.kind, kind), sql`lower(${users.email}) = lower(${email})`, isNull(users.disabledAt)))
      .limit(1),
  );
  return row ?? null;
}

/** An enabled account by id, or null. */
export async function findUserById(db: Db, id: string): Promise<UserForSignIn | null> {
  const [row] = await db
    .select(SIGN_IN_COLUMNS)
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

/** True when any account of this kind uses the e-mail address (disabled ones too). */
export async function emailInUse(db: Db, kind: UserKind, email: string): Promise<boolean> {
  const rows = await guarded("check email", () =>
    db.select({ id: users.id }).from(users).where(and(eq(users.kind, kind), sql`lower(${users.email}) = lower(${email})`)).limit(1),
  );
  return rows.length > 0;
}

export type NewUser = {
  kind: UserKind;
  email: string;
  passwordHash: string | null;
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  locale: string;
};

/** Inserts an account; throws UniqueViolation when the e-mail is taken for this kind. */
export async function insertUser(db: Db, user: NewUser): Promise<string> {
  const [row] = await guarded("insert user", () => db.insert(users).values(user).returning({ id: users.id }));
  return row!.id;
}

/** Gives a staff member roles; throws ForeignKeyViolation for an unknown department. */
export async function insertStaffRoles(db: Db, userId: string, roles: Array<{ departmentCode: string; role: "clerk" | "manager" }>): Promise<void> {
  if (roles.length === 0) return;
  await guarded("insert staff roles", () => db.insert(staffRoles).values(roles.map((role) => ({ userId, ...role }))));
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function markEmailVerified(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ emailVerifiedAt: sql`now()` }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

export async function insertOneTimeToken(db: Db, token: { tokenHash: string; purpose: TokenPurpose; userId: string; expiresAt: Date }): Promise<void> {
  await db.insert(oneTimeTokens).values(token);
}

/** The user a token belongs to, if it is unused and unexpired (does not use it up). */
export async function findUsableToken(db: Db, tokenHash: string, purpose: TokenPurpose): Promise<{ userId: string } | null> {
  const [row] = await db
    .select({ userId: oneTimeTokens.userId })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Uses a token up, atomically: of two requests racing with the same token, only one gets the
 * user id back. Null when the token is unknown, used, expired or of another purpose.
 */
export async function consumeToken(db: Db, tokenHash: string, purpose: TokenPurpose): Promise<{ userId: string } | null> {
  const [row] = await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  return row ?? null;
}

/** Marks every unused token of a purpose as used (after a password change, the old reset links die). */
export async function voidTokens(db: Db, userId: string, purpose: TokenPurpose): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}

export type ProfileRow = {
  email: string;
  emailVerifiedAt: Date | null;
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  birthDate: string | null;
  postalCode: string | null;
  address: string | null;
  phone: string | null;
  locale: string;
};

export async function findResidentProfile(db: Db, userId: string): Promise<ProfileRow | null> {
  const [row] = await db
    .select({
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      familyName: users.familyName,
      givenName: users.givenName,
      familyKana: users.familyKana,
      givenKana: users.givenKana,
      birthDate: users.birthDate,
      postalCode: users.postalCode,
      address: users.address,
      phone: users.phone,
      locale: users.locale,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, "resident")))
    .limit(1);
  return row ?? null;
}

export async function updateResidentProfile(
  db: Db,
  userId: string,
  profile: Partial<Pick<ProfileRow, "familyName" | "givenName" | "familyKana" | "givenKana" | "birthDate" | "postalCode" | "address" | "phone">>,
): Promise<void> {
  await guarded("update profile", () => db.update(users).set(profile).where(and(eq(users.id, userId), eq(users.kind, "resident"))));
}

export type Department = { code: string; nameJa: string; nameEn: string; kind: "ward" | "bureau" };

/** Every department (wards and bureaus), by code. */
export async function listDepartments(db: Db): Promise<Department[]> {
  return db.select().from(departments).orderBy(asc(departments.code));
}
