/**
 * Factories for the builder's integration tests: the whole app against a fresh database with the
 * demo organisation and catalogue categories (no demo procedures: fast), staff of two departments
 * with their Actor for calling commands directly, and a small valid form with a conditional page
 * and a calculated fee.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../../core/http/actor.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { createUser, upsertDepartments } from "../identity/index.ts";
import { createStaff, signInStaff, type Browser } from "../identity/testing.ts";
import { importCatalogue } from "../procedures/commands/import-catalogue.ts";
import { CATEGORIES, DEPARTMENTS, LIFE_EVENTS } from "../procedures/demo/catalogue.ts";
import type { FormDefinition } from "../procedures/forms/definition.ts";
import { createProcedure } from "./commands/create-procedure.ts";

export const WARD = "ward-counter";
export const WELFARE = "welfare";

export type StaffMember = { id: string; email: string; password: string; actor: Actor; browser(): Promise<Browser> };

async function staffMember(app: TestApp, role: "clerk" | "manager", departmentCode: string, familyName: string): Promise<StaffMember> {
  const created = await createStaff(app, { roles: [{ departmentCode, role }], familyName, givenName: role === "manager" ? "管理" : "作成" });
  const actor: Actor = { id: created.id, kind: "staff", email: created.email, displayName: familyName, roles: [{ departmentCode, role }], sessionTokenHash: "" };
  return { ...created, actor, browser: () => signInStaff(app, created.email, created.password) };
}

export type BuilderTestApp = {
  app: TestApp;
  /** A clerk of the ward counter: drafts. */
  author: StaffMember;
  /** A manager of the ward counter: reviews. */
  reviewer: StaffMember;
  /** Another manager of the ward counter (four eyes when the first one authored). */
  reviewer2: StaffMember;
  /** A manager of another department. */
  otherReviewer: StaffMember;
};

export async function createBuilderTestApp(options: { env?: Record<string, string> } = {}): Promise<BuilderTestApp> {
  const app = await createTestApp(options);
  await upsertDepartments({ db: app.deps.db, items: DEPARTMENTS });
  await importCatalogue({ db: app.deps.db, categories: CATEGORIES, lifeEvents: LIFE_EVENTS, procedures: [] });
  return {
    app,
    author: await staffMember(app, "clerk", WARD, "作成"),
    reviewer: await staffMember(app, "manager", WARD, "審査"),
    reviewer2: await staffMember(app, "manager", WARD, "副審"),
    otherReviewer: await staffMember(app, "manager", WELFARE, "福祉"),
  };
}

/** A fresh url-safe slug. */
export function uniqueSlug(prefix = "proc"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Creates a procedure in the builder as `author`; returns its id. */
export async function newProcedure(t: BuilderTestApp, slug = uniqueSlug()): Promise<string> {
  const { procedureId } = await createProcedure({
    db: t.app.deps.db,
    actor: t.author.actor,
    departmentCode: WARD,
    slug,
    title: { ja: "犬の登録", en: "Dog registration" },
    reading: "いぬのとうろく",
    summary: { ja: "犬を飼い始めたら30日以内に登録します。" },
    categoryCode: CATEGORIES[0]!.code,
    whoCanApply: { ja: "大阪市で犬を飼う方" },
    processingTime: { ja: "約1週間" },
  });
  return procedureId;
}

/**
 * A form with a conditional page (only for delivery by post) and a calculated fee
 * (copies × 300円 + postage).
 */
export const FEE_FORM: FormDefinition = {
  pages: [
    {
      id: "applicant",
      title: { ja: "申請する方", en: "About you" },
      questions: [{ id: "applicant_name", type: "name", label: { ja: "氏名", en: "Full name" }, prefill: "name" }],
    },
    {
      id: "order",
      title: { ja: "通数と受け取り方法", en: "Copies and delivery" },
      questions: [
        { id: "copies", type: "number", label: { ja: "必要な通数", en: "Copies" }, min: 1, max: 10 },
        {
          id: "delivery",
          type: "single",
          label: { ja: "受け取り方法", en: "How to receive" },
          options: [
            { value: "counter", label: { ja: "区役所の窓口で受け取る", en: "At the ward office" } },
            { value: "post", label: { ja: "郵送で受け取る", en: "By post" } },
          ],
        },
      ],
    },
    {
      id: "post_address",
      title: { ja: "送付先", en: "Where to send it" },
      showIf: { question: "delivery", equals: "post" },
      questions: [{ id: "send_to", type: "address", label: { ja: "送付先の住所", en: "Address" } }],
    },
    {
      id: "fee_page",
      title: { ja: "手数料", en: "Fee" },
      questions: [{ id: "fee", type: "calculated", label: { ja: "手数料", en: "Fee" }, expression: "copies × 300", format: "yen" }],
    },
  ],
};

/** A resident account (for the version tests' drafts). */
export async function createResident(app: TestApp): Promise<Actor> {
  const email = `resident-${randomBytes(4).toString("hex")}@example.jp`;
  const id = await createUser({ db: app.deps.db, kind: "resident", email, password: "resident-password-1", familyName: "大阪", givenName: "花子", familyKana: "オオサカ", givenKana: "ハナコ" });
  return { id, kind: "resident", email, displayName: "大阪 花子", roles: [], sessionTokenHash: createHash("sha256").update(id).digest("hex") };
}
