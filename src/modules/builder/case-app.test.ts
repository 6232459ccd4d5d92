/**
 * Case apps: the state machine editor refuses unreachable and dead-end stages (and moves the
 * statuses forbid), each at its JSON path, saving nothing; a saved case app drives the staff
 * inbox (columns, filters, SLA warnings, board) and the case page (stage moves), and assigns new
 * applications by rule.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { isAppError } from "../../core/http/errors.ts";
import { signUpResident } from "../identity/testing.ts";
import { answer, location } from "../procedures/testing.ts";
import { defaultCaseApp, validateCaseApp, type CaseAppConfig } from "./case-app/config.ts";
import { editDefinition } from "./commands/edit-definition.ts";
import { approvePublication, submitForReview } from "./commands/review-procedure.ts";
import { saveCaseApp } from "./commands/save-case-app.ts";
import { problemsOf } from "./commands/support.ts";
import { findCaseApp, findDraft } from "./queries.ts";
import { createBuilderTestApp, FEE_FORM, newProcedure, WARD, type BuilderTestApp } from "./testing.ts";

let t: BuilderTestApp;
before(async () => {
  t = await createBuilderTestApp();
});
after(async () => {
  await t?.app.stop();
});

const CONTEXT = { questions: FEE_FORM.pages.flatMap((p) => p.questions), staffIds: new Set<string>() };

function config(overrides: Partial<CaseAppConfig> = {}): CaseAppConfig {
  return {
    stages: [
      { id: "received", label: { ja: "受付" }, base: "received" },
      { id: "document_check", label: { ja: "書類確認" }, base: "reviewing" },
      { id: "issuing", label: { ja: "交付準備" }, base: "reviewing" },
      { id: "correction", label: { ja: "補正依頼中" }, base: "correction_requested" },
      { id: "issued", label: { ja: "交付済み" }, base: "approved" },
      { id: "rejected", label: { ja: "却下" }, base: "rejected" },
    ],
    transitions: [
      { from: "received", to: "document_check" },
      { from: "received", to: "rejected" },
      { from: "document_check", to: "issuing" },
      { from: "document_check", to: "correction" },
      { from: "issuing", to: "issued" },
      { from: "correction", to: "rejected" },
    ],
    columns: ["reference", "applicant", "stage", "assignee", "due", "answer:copies"],
    filters: ["stage", "assignee", "search", "overdue", "answer:delivery"],
    view: "table",
    sla: { days: 5, warnDays: 1 },
    assignment: [],
    ...overrides,
  };
}

test("the state machine: unreachable and dead-end stages, and moves the statuses forbid, are refused at their paths", () => {
  assert.deepEqual(validateCaseApp(config(), CONTEXT), []);
  assert.deepEqual(validateCaseApp(defaultCaseApp(), CONTEXT), []);
  const codes = (c: CaseAppConfig) => validateCaseApp(c, CONTEXT).map((p) => `${p.path} ${p.code}`);

  // A stage nothing leads to, and one that leads nowhere.
  const unreachable = config();
  unreachable.stages.splice(3, 0, { id: "site_visit", label: { ja: "現地調査" }, base: "reviewing" });
  unreachable.transitions.push({ from: "site_visit", to: "issued" });
  assert.deepEqual(codes(unreachable), ["$.stages[3] unreachable"]);
  const deadEnd = config();
  deadEnd.stages.splice(3, 0, { id: "site_visit", label: { ja: "現地調査" }, base: "reviewing" });
  deadEnd.transitions.push({ from: "document_check", to: "site_visit" });
  assert.deepEqual(codes(deadEnd), ["$.stages[3] dead_end"]);
  const message = validateCaseApp(deadEnd, CONTEXT)[0]!.message;
  assert.match(message, /段階「site_visit」から先に進めず、完了にも却下にもたどり着けません（行き止まり）/);

  // Moves the application statuses do not allow, and other mistakes.
  assert.deepEqual(codes(config({ transitions: [...config().transitions, { from: "received", to: "issued" }] })), ["$.transitions[6].to move_not_allowed"]);
  assert.deepEqual(codes(config({ transitions: [...config().transitions, { from: "issued", to: "issuing" }] })), ["$.transitions[6].to move_not_allowed"]);
  assert.deepEqual(codes(config({ transitions: [...config().transitions, { from: "issuing", to: "nowhere" }] })), ["$.transitions[6].to stage_unknown"]);
  const first = config();
  first.stages.unshift(first.stages.splice(1, 1)[0]!);
  assert.deepEqual(codes(first), ["$.stages[0].base first_not_received"]);
  assert.deepEqual(codes(config({ stages: config().stages.filter((s) => s.base !== "approved" && s.base !== "rejected"), transitions: [{ from: "received", to: "document_check" }] })), [
    "$.stages no_decision",
  ]);
  assert.deepEqual(codes(config({ columns: ["applicant", "answer:nope"], filters: ["answer:copies"], sla: { days: 3, warnDays: 3 } })), [
    "$.columns[1] column_unknown",
    "$.columns reference_required",
    "$.filters[0] filter_unknown",
    "$.sla.warnDays sla_warn",
  ]);
  assert.deepEqual(codes(config({ assignment: [{ question: "delivery", equals: "bike", assignTo: "nobody" }] })), [
    "$.assignment[0].assignTo assignee_unknown",
    "$.assignment[0].equals rule_value_not_option",
  ]);
});

async function revisionOf(id: string): Promise<number> {
  return (await findDraft(t.app.deps.db, id))!.revision;
}

async function submitApplication(slug: string, delivery: "counter" | "post"): Promise<string> {
  const resident = await signUpResident(t.app);
  const started = await resident.browser.submit(`/procedures/${slug}`, {}, `/procedures/${slug}/start`);
  const draftId = location(started).split("/").pop()!;
  await answer(resident.browser, draftId, "applicant", { "applicant_name.family": "大阪", "applicant_name.given": delivery === "post" ? "一郎" : "二郎" });
  await answer(resident.browser, draftId, "order", { copies: delivery === "post" ? "3" : "1", delivery });
  if (delivery === "post") await answer(resident.browser, draftId, "post_address", { "send_to.postalCode": "5300041", "send_to.address": "大阪市北区天神橋3-9" });
  await answer(resident.browser, draftId, "fee_page", {});
  const submitted = await resident.browser.submit(`/drafts/${draftId}/check`, {}, `/drafts/${draftId}/submit`);
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const [row] = await queryRows<{ id: string }>(t.app.deps.db, sql`SELECT id FROM applications WHERE draft_id = ${draftId}::uuid`);
  return row!.id;
}

test("a case app drives the inbox and the case page, and assigns new applications by rule", async () => {
  const { db } = t.app.deps;
  const id = await newProcedure(t);
  const slug = (await findDraft(db, id))!.slug;
  await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id), edit: { op: "replace", definition: FEE_FORM } });
  await submitForReview({ db, actor: t.author.actor, procedureId: id, revision: await revisionOf(id) });
  await approvePublication({ db, actor: t.reviewer.actor, procedureId: id, revision: await revisionOf(id), publishAt: null });

  // Only managers configure a case app; a refused one saves nothing.
  const byClerk = await saveCaseApp({ db, actor: t.author.actor, procedureId: id, config: config(), revision: 0 }).catch((e: unknown) => e);
  assert.ok(isAppError(byClerk) && byClerk.code === "forbidden");
  const reviewer = await t.reviewer.browser();
  const editor = await reviewer.get(`/staff/builder/procedures/${id}/case-app`);
  assert.equal(editor.statusCode, 200);
  assert.match(editor.body, /<svg viewBox=/, "the diagram");
  const refused = await reviewer.post(`/staff/builder/procedures/${id}/case-app`, {
    revision: "0",
    stage_id_0: "received", stage_label_ja_0: "受付", stage_base_0: "received", stage_next_0: "review",
    stage_id_1: "review", stage_label_ja_1: "審査", stage_base_1: "reviewing", stage_next_1: "",
    stage_id_2: "done", stage_label_ja_2: "完了", stage_base_2: "approved", stage_next_2: "",
    columns: ["reference", "stage"], filters: ["stage"], view: "table",
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /段階「review」から先に進めず/);
  assert.match(refused.body, /\$\.stages\[1\]/);
  assert.match(refused.body, /段階「done」には最初の段階からたどり着けません/);
  assert.equal(await findCaseApp(db, id), null, "nothing saved");

  await saveCaseApp({ db, actor: t.reviewer.actor, procedureId: id, config: config({ assignment: [{ question: "delivery", equals: "post", assignTo: t.author.id }] }), revision: 0 });
  const byPost = await submitApplication(slug, "post");
  const atCounter = await submitApplication(slug, "counter");
  const assigned = await queryRows<{ id: string; assignee: string | null; stage: string | null }>(db, sql`SELECT id, assignee_id AS assignee, stage FROM applications WHERE procedure_id = ${id}::uuid`);
  assert.equal(assigned.find((a) => a.id === byPost)!.assignee, t.author.id, "assigned by the rule");
  assert.equal(assigned.find((a) => a.id === atCounter)!.assignee, null);

  // The inbox of the procedure: the case app's columns, filters and due dates.
  const inbox = await reviewer.get(`/staff/cases?department=${WARD}&procedure=${id}`);
  assert.equal(inbox.statusCode, 200);
  assert.match(inbox.body, /<th scope="col">処理期限<\/th>/);
  assert.match(inbox.body, /<th scope="col">必要な通数<\/th>/);
  assert.match(inbox.body, /<td>3<\/td>/);
  assert.match(inbox.body, /期限内/);
  const filtered = await reviewer.get(`/staff/cases?department=${WARD}&procedure=${id}&a_delivery=post`);
  assert.match(filtered.body, /1件中 1〜1件目/);
  const boardView = await reviewer.get(`/staff/cases?department=${WARD}&procedure=${id}&view=board`);
  assert.match(boardView.body, /<h2 id="board-received">受付 <span class="muted">（2）<\/span><\/h2>/);
  assert.match(boardView.body, /<h2 id="board-document_check">書類確認 <span class="muted">（0）<\/span><\/h2>/);

  // The case page: the stage and the stage form; moves through the case app.
  const revision = async (appId: string) => (await queryRows<{ revision: number }>(db, sql`SELECT revision FROM applications WHERE id = ${appId}::uuid`))[0]!.revision;
  const page = await reviewer.get(`/staff/cases/${byPost}`);
  assert.match(page.body, /<dt class="summary-list__key">段階<\/dt><dd class="summary-list__value">受付<\/dd>/);
  assert.match(page.body, /action="\/staff\/cases\/[^"]+\/stage"/);
  const notAllowed = await reviewer.post(`/staff/cases/${byPost}/stage`, { revision: String(await revision(byPost)), stage: "issued" });
  assert.equal(notAllowed.statusCode, 422);
  assert.match(notAllowed.body, /その段階へは進められません/);
  for (const stage of ["document_check", "issuing"]) {
    const moved = await reviewer.post(`/staff/cases/${byPost}/stage`, { revision: String(await revision(byPost)), stage });
    assert.equal(moved.statusCode, 303, /error-summary[\s\S]*?<\/ul>/.exec(moved.body)?.[0] ?? "");
  }
  const [mid] = await queryRows<{ status: string; stage: string }>(db, sql`SELECT status, stage FROM applications WHERE id = ${byPost}::uuid`);
  assert.deepEqual(mid, { status: "reviewing", stage: "issuing" });
  const board2 = await reviewer.get(`/staff/cases?department=${WARD}&procedure=${id}&view=board`);
  assert.match(board2.body, /<h2 id="board-issuing">交付準備 <span class="muted">（1）<\/span><\/h2>/);
  const byStage = await reviewer.get(`/staff/cases?department=${WARD}&procedure=${id}&stage=document_check`);
  assert.match(byStage.body, /条件に合う申請はありません。/);
  await reviewer.post(`/staff/cases/${byPost}/stage`, { revision: String(await revision(byPost)), stage: "issued" });
  const events = await queryRows<{ type: string; internal: boolean; toStatus: string | null }>(db, sql`SELECT type, internal, to_status AS "toStatus" FROM application_events WHERE application_id = ${byPost}::uuid ORDER BY id`);
  assert.deepEqual(events.map((e) => `${e.type}:${e.toStatus}:${e.internal}`), [
    "submitted:received:false",
    "assigned:null:true",
    "status_changed:reviewing:false",
    "stage_changed:reviewing:true",
    "status_changed:approved:false",
  ]);

  // SLA: a case submitted 6 days ago is overdue, in the list and with the overdue filter.
  await db.execute(sql`UPDATE applications SET submitted_at = now() - interval '6 days' WHERE id = ${atCounter}::uuid`);
  const overdue = await reviewer.get(`/staff/cases?department=${WARD}&procedure=${id}&overdue=1`);
  assert.match(overdue.body, /期限超過/);
  assert.match(overdue.body, new RegExp(`/staff/cases/${atCounter}`));
  assert.doesNotMatch(overdue.body, new RegExp(`/staff/cases/${byPost}`));
});
