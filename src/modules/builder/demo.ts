/**
 * Demo content of the builder: a published notice on the home page, and a case app for
 * 戸籍謄本・抄本の請求 (stages 受付 → 書類確認 → 交付準備 → 交付済み, SLA 5 days; a demo procedure no
 * browser journey depends on, so the journeys keep the plain status form).
 * Idempotent: running it twice changes nothing. The lead wires it into src/demo/seed.ts.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { appendAudit } from "../../core/audit/audit.ts";
import { validateCaseApp, type CaseAppConfig } from "./case-app/config.ts";
import type { PageContent } from "./pages/blocks.ts";
import { findCaseApp, insertPage, insertPageHistory, saveCaseApp } from "./queries.ts";

const NOTICE: PageContent = {
  title: { ja: "年末年始の区役所窓口について（デモ）", en: "Ward office counters over the New Year holidays (demo)" },
  summary: {
    ja: "12月29日から1月3日まで、区役所の窓口はお休みです。オンライン申請はいつでも受け付けています。",
    en: "Ward office counters are closed from 29 December to 3 January. Online applications are open at any time.",
  },
  blocks: [
    { type: "heading", level: 2, text: { ja: "お休みの期間", en: "When counters are closed" } },
    { type: "paragraph", text: { ja: "12月29日（月）から1月3日（土）まで。1月5日（月）から通常どおり開きます。", en: "From Monday 29 December to Saturday 3 January. Counters open as usual from Monday 5 January." } },
    { type: "heading", level: 2, text: { ja: "オンラインでできること", en: "What you can do online" } },
    {
      type: "list",
      ordered: false,
      items: [
        { ja: "住民票の写しの請求", en: "Request a copy of your residence record" },
        { ja: "こども医療費助成の申請", en: "Apply for the child medical expense subsidy" },
      ],
    },
    { type: "cta", procedure: "residence-certificate", text: { ja: "住民票の写しをオンラインで請求する", en: "Request a residence record online" } },
  ],
};

export const FAMILY_REGISTER_CASE_APP: CaseAppConfig = {
  stages: [
    { id: "received", label: { ja: "受付", en: "Received" }, base: "received" },
    { id: "document_check", label: { ja: "書類確認", en: "Checking documents" }, base: "reviewing" },
    { id: "issuing", label: { ja: "交付準備", en: "Preparing the copy" }, base: "reviewing" },
    { id: "correction", label: { ja: "補正依頼中", en: "Correction requested" }, base: "correction_requested" },
    { id: "issued", label: { ja: "交付済み", en: "Issued" }, base: "approved" },
    { id: "rejected", label: { ja: "却下", en: "Rejected" }, base: "rejected" },
  ],
  transitions: [
    { from: "received", to: "document_check" },
    { from: "received", to: "rejected" },
    { from: "document_check", to: "issuing" },
    { from: "document_check", to: "correction" },
    { from: "document_check", to: "rejected" },
    { from: "issuing", to: "issued" },
    { from: "correction", to: "document_check" },
    { from: "correction", to: "rejected" },
  ],
  columns: ["reference", "applicant", "stage", "assignee", "submitted", "due", "answer:certificate_kind", "answer:copies"],
  filters: ["stage", "assignee", "search", "overdue", "answer:certificate_kind"],
  view: "table",
  sla: { days: 5, warnDays: 1 },
  assignment: [],
};

export async function seedBuilderDemo(db: Db): Promise<{ pages: number; caseApps: number }> {
  let pages = 0;
  let caseApps = 0;
  const [ward] = await queryRows<{ code: string }>(db, sql`SELECT code FROM departments WHERE code = 'ward-counter'`);
  if (!ward) return { pages, caseApps };
  await db.transaction(async (tx) => {
    const id = await insertPage(tx, { slug: "year-end-counters", kind: "notice", departmentCode: "ward-counter", draft: NOTICE, actorId: null });
    if (!id) return;
    await tx.execute(sql`UPDATE builder_pages SET published = ${JSON.stringify(NOTICE)}::jsonb, published_at = now() WHERE id = ${id}::uuid`);
    await insertPageHistory(tx, { pageId: id, actorId: null, action: "published", revision: 1, content: NOTICE });
    await appendAudit(tx, { actorId: null, actorLabel: "system:demo", action: "builder.page_published", objectType: "page", objectId: id, departmentCode: "ward-counter", data: { slug: "year-end-counters" } });
    pages++;
  });
  const [procedure] = await queryRows<{ id: string; definition: { pages: Array<{ questions: Array<{ id: string; type: string }> }> } | null }>(
    db,
    sql`SELECT p.id, v.definition FROM procedures p LEFT JOIN procedure_versions v ON v.id = p.current_version_id WHERE p.slug = 'family-register-certificate' AND p.department_code = 'ward-counter'`,
  );
  if (procedure && !(await findCaseApp(db, procedure.id))) {
    const questions = (procedure.definition?.pages ?? []).flatMap((p) => p.questions) as never[];
    const config = FAMILY_REGISTER_CASE_APP;
    if (validateCaseApp(config, { questions, staffIds: new Set() }).length === 0) {
      await db.transaction(async (tx) => {
        const revision = await saveCaseApp(tx, { procedureId: procedure.id, departmentCode: "ward-counter", config, revision: 0, actorId: null });
        if (revision !== null) {
          await appendAudit(tx, { actorId: null, actorLabel: "system:demo", action: "builder.case_app_saved", objectType: "case_app", objectId: procedure.id, departmentCode: "ward-counter", data: { stages: config.stages.length } });
          caseApps++;
        }
      });
    }
  }
  return { pages, caseApps };
}
