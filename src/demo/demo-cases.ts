/**
 * Demo cases so that the staff inbox and the residents' my page are not empty on first start:
 * each demo resident applies for 住民票の写し through the same commands the web pages use,
 * and ward-counter staff take the cases to different stages (every staff step audited).
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../core/db/database.ts";
import type { Actor } from "../core/http/actor.ts";
import { createSession, findActorBySessionToken } from "../modules/identity/sessions.ts";
import { saveDraftPage } from "../modules/procedures/commands/save-draft-page.ts";
import { staffAssignCase } from "../modules/procedures/commands/staff-assign-case.ts";
import { staffChangeStatus } from "../modules/procedures/commands/staff-change-status.ts";
import { staffRequestCorrection } from "../modules/procedures/commands/staff-request-correction.ts";
import { startDraft } from "../modules/procedures/commands/start-draft.ts";
import { storeUpload } from "../modules/procedures/commands/store-upload.ts";
import { submitApplication } from "../modules/procedures/commands/submit-application.ts";
import { DEMO_RESIDENTS, DEMO_STAFF } from "../modules/procedures/demo/catalogue.ts";
import { DEMO_PDF, residencePageBodies } from "../modules/procedures/demo/residence-answers.ts";
import { parsePage } from "../modules/procedures/forms/index.ts";
import { findDraftForUser, findProcedureBySlug } from "../modules/procedures/queries.ts";

type Stage = "received" | "reviewing" | "correction_requested" | "approved";
const STAGES: Stage[] = ["approved", "reviewing", "correction_requested"];

async function actorFor(db: Db, email: string, kind: "resident" | "staff"): Promise<Actor> {
  const [user] = await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE kind = ${kind} AND lower(email) = lower(${email})`);
  if (!user) throw new Error(`demo user ${email} is missing`);
  const session = await createSession(db, { id: user.id, kind });
  const actor = await findActorBySessionToken(db, session.token);
  await db.execute(sql`DELETE FROM sessions WHERE user_id = ${user.id} AND token_hash = ${actor!.sessionTokenHash}`);
  return actor!;
}

async function applyForResidence(db: Db, resident: Actor, person: (typeof DEMO_RESIDENTS)[number], baseUrl: string): Promise<string> {
  const procedure = await findProcedureBySlug(db, "residence-certificate");
  if (!procedure) throw new Error("the demo catalogue is missing 住民票の写し交付請求");
  const { draftId } = await startDraft({ db, actor: resident, procedure });
  const bodies = residencePageBodies({
    family: person.name.family,
    given: person.name.given,
    familyKana: person.furigana.family,
    givenKana: person.furigana.given,
    postalCode: person.address?.postalCode ?? "5300001",
    address: person.address?.address ?? "大阪市北区中之島1丁目3番20号",
    phone: person.phone ?? "0662088181",
  });
  for (const [pageId, body] of bodies) {
    const draft = (await findDraftForUser(db, draftId, resident.id))!;
    const parsed = parsePage(draft.definition, pageId, body, draft.answers, "ja");
    if (parsed.errors.length > 0) throw new Error(`demo answers for ${pageId}: ${parsed.errors.map((e) => e.message).join("; ")}`);
    await saveDraftPage({ db, actor: resident, draftId, pageId, pageAnswers: parsed.answers, mode: "continue" });
  }
  const draft = (await findDraftForUser(db, draftId, resident.id))!;
  const question = draft.definition.pages.find((p) => p.id === "identity")!.questions[0]!;
  const upload = await storeUpload({ db, actor: resident, question, filename: "本人確認書類.pdf", bytes: DEMO_PDF, locale: "ja" });
  if ("error" in upload) throw new Error(upload.error);
  await saveDraftPage({ db, actor: resident, draftId, pageId: "identity", pageAnswers: { [question.id]: upload.answer }, mode: "continue" });
  const confirmed = parsePage(draft.definition, "declaration", { declaration: "yes" }, draft.answers, "ja");
  const result = await submitApplication({ db, actor: resident, draftId, declaration: { pageId: "declaration", answers: confirmed.answers }, locale: "ja", baseUrl });
  if (result.status !== "submitted") throw new Error(`demo application incomplete at ${result.pageId}`);
  return result.applicationId;
}

/** Seeds demo cases once (only when there are no applications yet). Returns how many were made. */
export async function seedDemoCases(db: Db, baseUrl: string): Promise<number> {
  const [existing] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM applications`);
  if ((existing?.n ?? 0) > 0) return 0;
  const clerk = DEMO_STAFF.find((s) => s.departmentCode === "ward-counter")!;
  const staff = await actorFor(db, clerk.email, "staff");
  let made = 0;
  for (const [index, person] of DEMO_RESIDENTS.entries()) {
    const resident = await actorFor(db, person.email, "resident");
    const applicationId = await applyForResidence(db, resident, person, baseUrl);
    made++;
    const stage = STAGES[index % STAGES.length]!;
    let revision = 1;
    ({ revision } = await staffAssignCase({ db, actor: staff, applicationId, revision, assigneeId: staff.id }));
    ({ revision } = await staffChangeStatus({ db, actor: staff, applicationId, revision, to: "reviewing", baseUrl }));
    if (stage === "approved") await staffChangeStatus({ db, actor: staff, applicationId, revision, to: "approved", baseUrl });
    if (stage === "correction_requested") {
      await staffRequestCorrection({
        db,
        actor: staff,
        applicationId,
        revision,
        questionIds: ["requester_phone"],
        message: "日中に連絡のつく電話番号を入力してください。",
        baseUrl,
      });
    }
  }
  // The demo people are fictional: their receipt and status e-mails are recorded, not sent.
  await db.execute(sql`UPDATE outbox SET status = 'done', done_at = now(), last_error = 'demo data: not sent' WHERE status = 'pending'`);
  return made;
}
