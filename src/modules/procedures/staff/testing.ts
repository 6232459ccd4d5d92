/**
 * Factories for the staff back office's integration tests: the app with the staff routes, two
 * departments, a small procedure with a form, residents' applications (with their draft and
 * 'submitted' event) and attached files, inserted directly with SQL.
 */
import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { App } from "../../../app.ts";
import { buildApp } from "../../../app.ts";
import { loadConfig } from "../../../core/config/config.ts";
import { queryRows, type Db } from "../../../core/db/database.ts";
import { MODULES } from "../../../modules.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";
import { createUser, upsertDepartments } from "../../identity/index.ts";
import type { Answers, FormDefinition } from "../forms/definition.ts";
import type { ApplicationStatus } from "../tables.ts";
import { registerStaffRoutes } from "./routes.ts";

export type StaffTestApp = App & { database: TestDatabase; stop(): Promise<void> };

/**
 * The whole app against a fresh database, with the staff routes registered even before the
 * procedures module registers them itself (then it is left to do so).
 */
export async function createStaffTestApp(): Promise<StaffTestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: database.url,
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    BASE_URL: "http://localhost:3000",
    WORKERS: "false",
  });
  const staffModule = {
    name: "staff-test",
    routes: (http: Parameters<typeof registerStaffRoutes>[0], deps: Parameters<typeof registerStaffRoutes>[1]) => {
      if (!http.hasRoute({ method: "GET", url: "/staff/cases/:id" })) registerStaffRoutes(http, deps);
    },
  };
  const app = await buildApp(config, database, { modules: [...MODULES, staffModule] });
  return {
    ...app,
    database,
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}

export const WARD = "ward-counter";
export const WELFARE = "welfare";

/** The form of the test procedure: three pages, a name, a phone number, a file and a text. */
export const TEST_FORM: FormDefinition = {
  pages: [
    {
      id: "applicant",
      title: { ja: "申請者", en: "Applicant" },
      questions: [
        { id: "full_name", type: "name", label: { ja: "氏名", en: "Full name" } },
        { id: "phone", type: "phone", label: { ja: "電話番号", en: "Phone number" } },
      ],
    },
    {
      id: "documents",
      title: { ja: "書類", en: "Documents" },
      questions: [{ id: "id_doc", type: "file", label: { ja: "本人確認書類", en: "Proof of identity" }, accept: ["pdf", "jpeg", "png"] }],
    },
    {
      id: "details",
      title: { ja: "申請の理由", en: "Reason" },
      questions: [{ id: "purpose", type: "textarea", label: { ja: "使いみち", en: "Purpose" } }],
    },
  ],
};

/** Departments, a category and one procedure per department. */
export async function seedOrganisation(db: Db): Promise<{ wardProcedure: string; welfareProcedure: string }> {
  await upsertDepartments({
    db,
    items: [
      { code: WARD, name: { ja: "区役所 窓口サービス課", en: "Ward Office Resident Services Division" }, kind: "ward" },
      { code: WELFARE, name: { ja: "福祉局", en: "Welfare Bureau" }, kind: "bureau" },
    ],
  });
  await db.execute(sql`INSERT INTO categories (code, name) VALUES ('certificates', ${JSON.stringify({ ja: "証明書", en: "Certificates" })}::jsonb) ON CONFLICT DO NOTHING`);
  const wardProcedure = await createProcedure(db, WARD, "residence-certificate", { ja: "住民票の写しの交付請求", en: "Copy of the residence record" });
  const welfareProcedure = await createProcedure(db, WELFARE, "care-certification", { ja: "要介護・要支援認定の申請", en: "Long-term care certification" });
  return { wardProcedure, welfareProcedure };
}

/** A procedure with one version of TEST_FORM; returns its id. */
export async function createProcedure(db: Db, departmentCode: string, slug: string, title: { ja: string; en: string }): Promise<string> {
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
  const [procedure] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO procedures (slug, department_code, category_code, title, reading, summary, details, channel)
        VALUES (${slug}, ${departmentCode}, 'certificates', ${json(title)}, ${slug}, ${json(title)},
          ${json({ whoCanApply: title, whatYouNeed: [], fee: null, processingTime: title })}, 'online')
        RETURNING id`,
  );
  const [version] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO procedure_versions (procedure_id, version, definition) VALUES (${procedure!.id}::uuid, 1, ${json(TEST_FORM)}) RETURNING id`,
  );
  await db.execute(sql`UPDATE procedures SET current_version_id = ${version!.id}::uuid WHERE id = ${procedure!.id}::uuid`);
  return procedure!.id;
}

/** A resident account created directly (for applications); returns its id. */
export async function createResident(db: Db, options: { email?: string; locale?: "ja" | "en"; familyName?: string; givenName?: string } = {}): Promise<string> {
  return createUser({
    db,
    kind: "resident",
    email: options.email ?? `resident-${randomBytes(5).toString("hex")}@example.jp`,
    password: "resident-password-123",
    familyName: options.familyName ?? "大阪",
    givenName: options.givenName ?? "花子",
    familyKana: "オオサカ",
    givenKana: "ハナコ",
    locale: options.locale ?? "ja",
  });
}

/** A stored file owned by the resident; returns its id. */
export async function createFile(db: Db, ownerId: string, name = "本人確認書類.pdf"): Promise<{ fileId: string; name: string; size: number; kind: "pdf" }> {
  const bytes = Buffer.from(`%PDF-1.4\n% test ${randomBytes(4).toString("hex")}\n`);
  const sha = createHash("sha256").update(bytes).digest("hex");
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO files (owner_id, name, kind, size, sha256, bytes) VALUES (${ownerId}::uuid, ${name}, 'pdf', ${bytes.length}, ${sha}, ${bytes}) RETURNING id`,
  );
  return { fileId: row!.id, name, size: bytes.length, kind: "pdf" };
}

let referenceCounter = 0;

export type CaseSeed = {
  userId: string;
  procedureId: string;
  status?: ApplicationStatus;
  reference?: string;
  applicantName?: string;
  answers?: Answers;
  submittedAt?: string;
  assigneeId?: string | null;
};

/** An application (with its submitted draft and 'submitted' event); returns its id and reference. */
export async function createCase(db: Db, seed: CaseSeed): Promise<{ id: string; reference: string }> {
  const [procedure] = await queryRows<{ departmentCode: string; versionId: string }>(
    db,
    sql`SELECT department_code AS "departmentCode", current_version_id AS "versionId" FROM procedures WHERE id = ${seed.procedureId}::uuid`,
  );
  const answers: Answers = seed.answers ?? {
    full_name: { family: "大阪", given: "花子" },
    phone: "0612345678",
    purpose: "勤務先への提出",
  };
  const reference = seed.reference ?? `T${String(++referenceCounter).padStart(7, "0")}`;
  const [draft] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO drafts (user_id, procedure_version_id, answers, submitted_at)
        VALUES (${seed.userId}::uuid, ${procedure!.versionId}::uuid, ${JSON.stringify(answers)}::jsonb, now()) RETURNING id`,
  );
  const [application] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, applicant_name, answers, status, assignee_id, submitted_at, updated_at)
        VALUES (${reference}, ${draft!.id}::uuid, ${seed.userId}::uuid, ${seed.procedureId}::uuid, ${procedure!.versionId}::uuid, ${procedure!.departmentCode},
          ${seed.applicantName ?? "大阪 花子"}, ${JSON.stringify(answers)}::jsonb, ${seed.status ?? "received"}, ${seed.assigneeId ?? null}::uuid,
          coalesce(${seed.submittedAt ?? null}::timestamptz, now()), coalesce(${seed.submittedAt ?? null}::timestamptz, now()))
        RETURNING id`,
  );
  await db.execute(sql`INSERT INTO application_events (application_id, actor_id, type, to_status) VALUES (${application!.id}::uuid, ${seed.userId}::uuid, 'submitted', 'received')`);
  return { id: application!.id, reference };
}

/** The hidden revision of the first case form on a page. */
export function formRevision(html: string): string {
  const match = /name="revision" value="(\d+)"/.exec(html);
  if (!match) throw new Error("The page has no case form");
  return match[1]!;
}
