/**
 * The identity module's public face: residents and staff, sign-in (password, one-time link),
 * sign-up, password reset, sessions, the resident's profile, and the rules other modules use
 * to decide who may do what. Other modules import from here only.
 *
 * Routes: /auth/sign-in, /auth/sign-up, /auth/sign-out, /auth/link[/sent|/:token],
 * /auth/reset[/sent|/:token], /auth/verify/:token, /my/profile[/edit|/verification],
 * /staff/sign-in, /staff/account; passkeys: /auth/passkey/{options,verify},
 * /my/passkeys/…, /staff/account/passkeys/…; outside providers: /auth/oidc/:provider[/callback].
 *
 * Assurance (docs/decisions/0013-identity-assurance.md): every account has a level (1–3), every
 * sign-in proves one, a request counts at the lower; procedures ask `checkProcedureAssurance`
 * before starting and submitting and show `sendAssuranceRequired` when it says no.
 */
import type { Module } from "../../core/app-deps.ts";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { AppError } from "../../core/http/errors.ts";
import { DEMO_REQUIREMENTS, type ProcedureRequirement } from "./assurance/levels.ts";
import { findProcedureRequirement, upsertProcedureRequirement } from "./assurance/queries.ts";
import { findResidentProfile } from "./queries.ts";
import { identityRoutes } from "./routes.ts";

export const identityModule: Module = { name: "identity", routes: identityRoutes };

export {
  assertResident,
  assertStaff,
  canHandleDepartment,
  hasDepartmentRole,
  requireDepartmentStaff,
  requireResident,
  requireStaff,
  staffDepartmentCodes,
} from "./policy.ts";
export { createUser, type CreateUserOptions } from "./commands/create-user.ts";
export { updateResidentProfile, type UpdateResidentProfileOptions } from "./commands/update-resident-profile.ts";
export { upsertDepartments, type DepartmentInput } from "./commands/upsert-departments.ts";
export { listDepartments, type Department } from "./queries.ts";
export { departmentsByCode } from "./departments-cache.ts";
export { PASSWORD_MIN_LENGTH } from "./password.ts";
export { assuranceForRequest, checkProcedureAssurance, sendAssuranceRequired, type CheckProcedureAssuranceOptions } from "./assurance/gate.ts";
export { decideProcedureAssurance, signatureStepFor, type AssuranceDecision, type AssuranceWay, type RequestAssurance, type SignatureStep } from "./assurance/policy.ts";
export {
  DEFAULT_REQUIREMENT,
  DEMO_REQUIREMENTS,
  SIGNATURE_LEVEL,
  levelFromAcr,
  type AssuranceLevel,
  type AssuranceMethod,
  type ProcedureRequirement,
  type SignatureRule,
} from "./assurance/levels.ts";
export { raiseAssuranceLevel, type RaiseAssuranceLevelOptions } from "./commands/raise-assurance-level.ts";
export { listAssuranceEvents, listProcedureRequirements, type AssuranceEvent } from "./assurance/queries.ts";
export { normalizeEmail, normalizeKana } from "./schema.ts";

/** What a resident registered about themselves, for prefilling application forms. */
export type ResidentProfile = {
  /** 氏名 */
  name: { family: string; given: string };
  /** フリガナ, full-width katakana */
  furigana: { family: string; given: string };
  /** 生年月日, ISO "YYYY-MM-DD", or null when not given */
  birthDate: string | null;
  /** 郵便番号, 7 digits without hyphen ("5300001"), or null */
  postalCode: string | null;
  /** 住所 as typed, or null */
  address: string | null;
  /** 電話, digits only ("0662088181"), or null */
  phone: string | null;
  email: string;
  /** True once the person has proved the address (verification or sign-in link). */
  emailVerified: boolean;
};

/**
 * The resident's profile. Throws AppError('not_found') when the id is not a resident's.
 *
 * @example const profile = await getResidentProfile(db, requireResident(request).id);
 */
export async function getResidentProfile(db: Db, userId: string): Promise<ResidentProfile> {
  const row = await findResidentProfile(db, userId);
  if (!row) throw new AppError("not_found", "identity.resident_not_found");
  return {
    name: { family: row.familyName, given: row.givenName },
    furigana: { family: row.familyKana, given: row.givenKana },
    birthDate: row.birthDate,
    postalCode: row.postalCode,
    address: row.address,
    phone: row.phone,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
  };
}

/**
 * The id of the account of this kind with this e-mail address (any letter case), or null. Other
 * modules read people's names through the `identity_people` view (ADR 0020) and find accounts here.
 *
 * @example const staffId = await userIdByEmail(db, "staff", "dojima@city.osaka.example");
 */
export async function userIdByEmail(db: Db, kind: "resident" | "staff", email: string, options: { activeOnly?: boolean } = {}): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(db, sql`
    SELECT id FROM users WHERE kind = ${kind} AND lower(email) = lower(${email}) AND (${!options.activeOnly} OR disabled_at IS NULL) LIMIT 1`);
  return row?.id ?? null;
}

/** Enabled staff holding a role in the department, by the reading of their names (assignment choices). */
export async function departmentStaff(db: Db, departmentCode: string): Promise<Array<{ id: string; name: string }>> {
  return queryRows(db, sql`
    SELECT u.id, u.display_name AS name
    FROM identity_staff_roles r JOIN identity_people u ON u.id = r.user_id
    WHERE r.department_code = ${departmentCode} AND u.kind = 'staff' AND u.active
    ORDER BY u.sort_key, u.email`);
}

/** The names to show for people by id (authors of history entries, assignees); unknown ids are left out. */
export async function staffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(db, sql`
    SELECT id, display_name AS name FROM identity_people WHERE id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** What a procedure requires (level 1 and no signature when nothing is configured). */
export async function procedureRequirement(db: Db, procedureSlug: string): Promise<ProcedureRequirement> {
  return findProcedureRequirement(db, procedureSlug);
}

/** Sets what a procedure requires (catalogue administration, demo seeding). */
export async function setProcedureRequirement(db: Db, procedureSlug: string, requirement: ProcedureRequirement): Promise<void> {
  await upsertProcedureRequirement(db, procedureSlug, requirement);
}

/**
 * Demo data of the identity module: the assurance each demo procedure requires (DEMO_REQUIREMENTS:
 * 住民票の写し level 2 or a JPKI signature, 転出届 a JPKI signature). Idempotent.
 */
export async function seedIdentityDemo(db: Db): Promise<{ requirements: number }> {
  for (const [slug, requirement] of Object.entries(DEMO_REQUIREMENTS)) await upsertProcedureRequirement(db, slug, requirement);
  return { requirements: Object.keys(DEMO_REQUIREMENTS).length };
}
