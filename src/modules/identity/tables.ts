import { date, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const departments = pgTable("departments", {
  code: text("code").primaryKey(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind").$type<"ward" | "bureau">().notNull(),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").$type<"resident" | "staff">().notNull(),
  email: text("email").notNull(),
  passwordHash: text("password_hash"),
  familyName: text("family_name").notNull().default(""),
  givenName: text("given_name").notNull().default(""),
  familyKana: text("family_kana").notNull().default(""),
  givenKana: text("given_kana").notNull().default(""),
  birthDate: date("birth_date"),
  phone: text("phone"),
  postalCode: text("postal_code"),
  address: text("address"),
  locale: text("locale").notNull().default("ja"),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  /** 1 self-asserted / e-mail, 2 passkey, IdP acr 2 or in person, 3 JPKI-level (migrations/0070). */
  assuranceLevel: smallint("assurance_level").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const staffRoles = pgTable(
  "staff_roles",
  {
    userId: uuid("user_id").notNull(),
    departmentCode: text("department_code").notNull(),
    role: text("role").$type<"clerk" | "manager">().notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.departmentCode] })],
);

export const sessions = pgTable("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  authMethod: text("auth_method").$type<"password" | "link" | "passkey" | "oidc">().notNull().default("password"),
  authLevel: smallint("auth_level").$type<1 | 2 | 3>().notNull().default(1),
});

export const oneTimeTokens = pgTable("one_time_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  purpose: text("purpose").$type<"login" | "reset" | "verify">().notNull(),
  userId: uuid("user_id").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
