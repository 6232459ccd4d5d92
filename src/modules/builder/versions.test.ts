/**
 * Versions, roles and scheduled publication.
 *
 * The rule (docs/builder.md): a published version never changes; publishing makes version N+1
 * current for drafts started from then on; a draft started on version N continues on N, is
 * submitted on N, and its application keeps N.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../../core/audit/audit.ts";
import { queryRows } from "../../core/db/database.ts";
import { isAppError } from "../../core/http/errors.ts";
import { signUpResident, type SignedInResident } from "../identity/testing.ts";
import { answer, location } from "../procedures/testing.ts";
import { editDefinition } from "./commands/edit-definition.ts";
import { publishDueProcedures, setProcedureVisibility } from "./commands/publish-procedure.ts";
import { approvePublication, returnToAuthor, submitForReview } from "./commands/review-procedure.ts";
import { builderModule, PUBLISH_DUE_TOPIC } from "./index.ts";
import { findDraft } from "./queries.ts";
import { createBuilderTestApp, FEE_FORM, newProcedure, uniqueSlug, type BuilderTestApp, type StaffMember } from "./testing.ts";
import type { FormDefinition } from "../procedures/forms/definition.ts";

let t: BuilderTestApp;
before(async () => {
  t = await createBuilderTestApp();
});
after(async () => {
  await t?.app.stop();
});

async function revisionOf(id: string): Promise<number> {
  return (await findDraft(t.app.deps.db, id))!.revision;
}

/** Replaces the form, submits it as `author` and has `reviewer` approve it now. */
async function publish(id: string, definition: FormDefinition, author: StaffMember = t.author, reviewer: StaffMember = t.reviewer): Promise<number> {
  const { db } = t.app.deps;
  await editDefinition({ db, actor: author.actor, procedureId: id, revision: await revisionOf(id), edit: { op: "replace", definition } });
  await submitForReview({ db, actor: author.actor, procedureId: id, revision: await revisionOf(id) });
  const result = await approvePublication({ db, actor: reviewer.actor, procedureId: id, revision: await revisionOf(id), publishAt: null });
  assert.equal(result.status, "published");
  return result.status === "published" ? result.version : 0;
}

async function slugOf(id: string): Promise<string> {
  return (await findDraft(t.app.deps.db, id))!.slug;
}

async function startDraft(resident: SignedInResident, slug: string): Promise<string> {
  const started = await resident.browser.submit(`/procedures/${slug}`, {}, `/procedures/${slug}/start`);
  assert.equal(started.statusCode, 303, started.body.slice(0, 300));
  return location(started).split("/").pop()!;
}

async function versionOfDraft(draftId: string): Promise<number> {
  const [row] = await queryRows<{ version: number }>(t.app.deps.db, sql`SELECT v.version FROM drafts d JOIN procedure_versions v ON v.id = d.procedure_version_id WHERE d.id = ${draftId}::uuid`);
  return row!.version;
}

const NAME = { "applicant_name.family": "大阪", "applicant_name.given": "花子" };

test("publishing a new version while a resident has an open draft: the draft continues on its pinned version; new drafts get the new one", async () => {
  const id = await newProcedure(t, uniqueSlug("pinned"));
  const slug = await slugOf(id);
  assert.equal(await publish(id, FEE_FORM), 1);

  const early = await signUpResident(t.app);
  const draftId = await startDraft(early, slug);
  assert.equal((await answer(early.browser, draftId, "applicant", NAME)).statusCode, 303);
  assert.equal((await answer(early.browser, draftId, "order", { copies: "2", delivery: "counter" })).statusCode, 303);

  // Version 2: a new required question on the page the resident has done, and a new fee.
  const v2 = structuredClone(FEE_FORM);
  v2.pages[1]!.questions.push({ id: "purpose", type: "text", label: { ja: "使いみち" } });
  v2.pages[3]!.questions[0]!.expression = "copies × 350";
  assert.equal(await publish(id, v2), 2);

  // The open draft: still version 1 — no new question, the old fee, submitted on version 1.
  assert.equal(await versionOfDraft(draftId), 1);
  const order = await early.browser.get(`/drafts/${draftId}/pages/order`);
  assert.doesNotMatch(order.body, /使いみち/);
  assert.equal((await answer(early.browser, draftId, "fee_page", {})).statusCode, 303);
  const check = await early.browser.get(`/drafts/${draftId}/check`);
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /600円/);
  const submitted = await early.browser.submit(`/drafts/${draftId}/check`, {}, `/drafts/${draftId}/submit`);
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 500));
  const [application] = await queryRows<{ version: number; answers: Record<string, unknown> }>(
    t.app.deps.db,
    sql`SELECT v.version, a.answers FROM applications a JOIN procedure_versions v ON v.id = a.procedure_version_id WHERE a.draft_id = ${draftId}::uuid`,
  );
  assert.equal(application!.version, 1);
  assert.equal(application!.answers.fee, 600);

  // A draft started now gets version 2, with its question and fee.
  const late = await signUpResident(t.app);
  const lateDraft = await startDraft(late, slug);
  assert.equal(await versionOfDraft(lateDraft), 2);
  await answer(late.browser, lateDraft, "applicant", NAME);
  const missing = await answer(late.browser, lateDraft, "order", { copies: "2", delivery: "counter" });
  assert.equal(missing.statusCode, 422, "the new required question is asked");
  assert.match(missing.body, /使いみちを入力してください/);
  await answer(late.browser, lateDraft, "order", { copies: "2", delivery: "counter", purpose: "就職" });
  const fee = await late.browser.get(`/drafts/${lateDraft}/pages/fee_page`);
  assert.match(fee.body, /700円/);

  // Hidden from the catalogue: no new starts, but drafts already open can still be finished.
  await setProcedureVisibility({ db: t.app.deps.db, actor: t.reviewer.actor, procedureId: id, published: false });
  assert.equal((await t.app.http.inject({ url: `/procedures/${slug}` })).statusCode, 404);
  assert.equal((await answer(late.browser, lateDraft, "fee_page", {})).statusCode, 303);
  const lateSubmitted = await late.browser.submit(`/drafts/${lateDraft}/check`, {}, `/drafts/${lateDraft}/submit`);
  assert.equal(lateSubmitted.statusCode, 303);

  // Published versions never change.
  const versions = await queryRows<{ version: number; expression: string }>(
    t.app.deps.db,
    sql`SELECT version, definition #>> '{pages,3,questions,0,expression}' AS expression FROM procedure_versions WHERE procedure_id = ${id}::uuid ORDER BY version`,
  );
  assert.deepEqual(versions, [{ version: 1, expression: "copies × 300" }, { version: 2, expression: "copies × 350" }]);
});

test("roles: an author drafts but cannot publish; a reviewer of another department cannot; nobody approves their own submission; all audited", async () => {
  const { db } = t.app.deps;
  const id = await newProcedure(t);
  await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id), edit: { op: "replace", definition: FEE_FORM } });
  await submitForReview({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id) });

  const byAuthor = await approvePublication({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id), publishAt: null }).catch((e: unknown) => e);
  assert.ok(isAppError(byAuthor) && byAuthor.code === "forbidden" && byAuthor.reason === "builder.reviewer_only");
  const byOther = await approvePublication({ db, actor: t.otherReviewer.actor, procedureId: id, revision: await revisionOf(id), publishAt: null }).catch((e: unknown) => e);
  assert.ok(isAppError(byOther) && byOther.code === "not_found", "another department's procedure is as if it did not exist");

  // The same through the screens: the author gets no approve form, and a forged POST is refused.
  const authorBrowser = await t.author.browser();
  const overview = await authorBrowser.get(`/staff/builder/procedures/${id}`);
  assert.doesNotMatch(overview.body, /action="[^"]*\/approve"/);
  assert.equal((await authorBrowser.post(`/staff/builder/procedures/${id}/approve`, { revision: String(await revisionOf(id)), when: "now" })).statusCode, 403);
  const otherBrowser = await t.otherReviewer.browser();
  assert.equal((await otherBrowser.post(`/staff/builder/procedures/${id}/approve`, { revision: String(await revisionOf(id)), when: "now" })).statusCode, 404);
  assert.equal((await findDraft(db, id))!.state, "in_review");

  // The reviewer sends it back with a note; the author resubmits; the reviewer approves.
  await returnToAuthor({ db, actor: t.reviewer.actor, procedureId: id, revision: await revisionOf(id), note: "手数料の説明を加えてください" });
  assert.equal((await findDraft(db, id))!.reviewNote, "手数料の説明を加えてください");
  await submitForReview({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id) });
  const reviewerBrowser = await t.reviewer.browser();
  const approved = await reviewerBrowser.post(`/staff/builder/procedures/${id}/approve`, { revision: String(await revisionOf(id)), when: "now" });
  assert.equal(approved.statusCode, 303);
  assert.equal((await findDraft(db, id))!.published, true);

  // Four eyes: a manager who submitted cannot approve; another manager can.
  await editDefinition({ db, actor: t.reviewer.actor, procedureId: id, revision: await revisionOf(id), edit: { op: "updateQuestion", ref: "copies", question: { ...FEE_FORM.pages[1]!.questions[0]!, max: 20 } } });
  await submitForReview({ db, actor: t.reviewer.actor, procedureId: id, revision: await revisionOf(id) });
  const own = await approvePublication({ db, actor: t.reviewer.actor, procedureId: id, revision: await revisionOf(id), publishAt: null }).catch((e: unknown) => e);
  assert.ok(isAppError(own) && own.reason === "builder.own_submission");
  const second = await approvePublication({ db, actor: t.reviewer2.actor, procedureId: id, revision: await revisionOf(id), publishAt: null });
  assert.deepEqual(second, { status: "published", version: 2 });

  // Unpublishing: reviewers only.
  const hideByAuthor = await setProcedureVisibility({ db, actor: t.author.actor, procedureId: id, published: false }).catch((e: unknown) => e);
  assert.ok(isAppError(hideByAuthor) && hideByAuthor.code === "forbidden");
  await setProcedureVisibility({ db, actor: t.reviewer.actor, procedureId: id, published: false });
  assert.equal((await t.app.http.inject({ url: `/procedures/${await slugOf(id)}` })).statusCode, 404);

  const trail = await queryRows<{ action: string; actor: string | null; department: string | null }>(
    db,
    sql`SELECT action, actor_id AS actor, department_code AS department FROM audit_log WHERE object_type = 'procedure' AND object_id = ${id} ORDER BY seq`,
  );
  assert.deepEqual(
    trail.map((r) => `${r.action}:${r.actor === t.author.id ? "author" : r.actor === t.reviewer.id ? "reviewer" : r.actor === t.reviewer2.id ? "reviewer2" : r.actor}`),
    [
      "builder.procedure_created:author",
      "builder.definition_edited:author",
      "builder.review_requested:author",
      "builder.review_returned:reviewer",
      "builder.review_requested:author",
      "builder.procedure_published:reviewer",
      "builder.definition_edited:reviewer",
      "builder.review_requested:reviewer",
      "builder.procedure_published:reviewer2",
      "builder.procedure_unpublished:reviewer",
    ],
  );
  assert.ok(trail.every((r) => r.department === "ward-counter"));
  assert.equal((await verifyAuditChain(db)).ok, true);
});

test("scheduled publication: a job publishes at the time; an edit after approval cancels the schedule", async () => {
  const { db } = t.app.deps;
  const id = await newProcedure(t);
  await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id), edit: { op: "replace", definition: FEE_FORM } });
  await submitForReview({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id) });
  const now = new Date();
  const at = new Date(now.getTime() + 3600_000);
  const scheduled = await approvePublication({ db, actor: t.reviewer.actor, procedureId: id, revision: await revisionOf(id), publishAt: at, now });
  assert.deepEqual(scheduled, { status: "scheduled", publishAt: at });
  assert.equal((await findDraft(db, id))!.published, false);

  assert.deepEqual(await publishDueProcedures({ db, now: new Date(at.getTime() - 1000) }), { published: 0, failed: 0 });
  assert.deepEqual(await publishDueProcedures({ db, now: new Date(at.getTime() + 1000) }), { published: 1, failed: 0 });
  const draft = (await findDraft(db, id))!;
  assert.equal(draft.state, "published");
  assert.equal(draft.currentVersion, 1);
  assert.equal(draft.published, true);
  const [log] = await queryRows<{ mode: string; approved: string }>(db, sql`SELECT mode, approved_by AS approved FROM builder_version_log WHERE procedure_id = ${id}::uuid`);
  assert.deepEqual(log, { mode: "scheduled", approved: t.reviewer.id });
  const [audit] = await queryRows<{ label: string }>(db, sql`SELECT actor_label AS label FROM audit_log WHERE object_id = ${id} AND action = 'builder.procedure_published'`);
  assert.equal(audit!.label, "system:builder");

  // Through the module's job, on the real clock: due a moment after approval.
  const second = await newProcedure(t);
  await editDefinition({ db, actor: t.author.actor, procedureId: second, revision: await revisionOf(second), edit: { op: "replace", definition: FEE_FORM } });
  await submitForReview({ db, actor: t.author.actor, procedureId: second, revision: await revisionOf(second) });
  const soon = new Date(Date.now() + 300);
  await approvePublication({ db, actor: t.reviewer.actor, procedureId: second, revision: await revisionOf(second), publishAt: soon, now: new Date(soon.getTime() - 60_000) });
  const job = builderModule.jobs!(t.app.deps)[PUBLISH_DUE_TOPIC]!;
  await job({});
  assert.equal((await findDraft(db, second))!.state, "scheduled", "not before its time");
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon.getTime() - Date.now()) + 50));
  await job({});
  assert.equal((await findDraft(db, second))!.state, "published");

  // An edit after approval sends it back to editing: the schedule is cancelled.
  const third = await newProcedure(t);
  await editDefinition({ db, actor: t.author.actor, procedureId: third, revision: await revisionOf(third), edit: { op: "replace", definition: FEE_FORM } });
  await submitForReview({ db, actor: t.author.actor, procedureId: third, revision: await revisionOf(third) });
  await approvePublication({ db, actor: t.reviewer.actor, procedureId: third, revision: await revisionOf(third), publishAt: at, now });
  await editDefinition({ db, actor: t.author.actor, procedureId: third, revision: await revisionOf(third), edit: { op: "removePage", pageId: "post_address" } });
  const edited = (await findDraft(db, third))!;
  assert.equal(edited.state, "editing");
  assert.equal(edited.publishAt, null);
  assert.deepEqual(await publishDueProcedures({ db, now: new Date(at.getTime() + 1000) }), { published: 0, failed: 0 });
});
