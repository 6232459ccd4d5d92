/**
 * The form builder's commands and screens: adding, editing, reordering and removing pages and
 * questions of every type; conditions and calculations; validation rules; a definition that does
 * not validate refused with the exact JSON path and reason, nothing half-saved; metadata; and
 * guessing another department's procedure.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { isAppError } from "../../core/http/errors.ts";
import { QUESTION_TYPES, type FormDefinition, type QuestionDef, type QuestionType } from "../procedures/forms/definition.ts";
import { editDefinition } from "./commands/edit-definition.ts";
import { editMetadata } from "./commands/edit-metadata.ts";
import { problemsOf } from "./commands/support.ts";
import { findDraft } from "./queries.ts";
import { createBuilderTestApp, FEE_FORM, newProcedure, type BuilderTestApp } from "./testing.ts";

let t: BuilderTestApp;
before(async () => {
  t = await createBuilderTestApp();
});
after(async () => {
  await t?.app.stop();
});

async function auditCount(objectId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE object_id = ${objectId}`);
  return row!.n;
}

async function draftOf(procedureId: string) {
  const draft = await findDraft(t.app.deps.db, procedureId);
  assert.ok(draft);
  return draft;
}

/** A minimal valid question of each type. */
function sampleQuestion(type: QuestionType, id: string): QuestionDef {
  const base = { id, type, label: { ja: `質問 ${id}`, en: `Question ${id}` } };
  switch (type) {
    case "single":
    case "multiple":
    case "select":
      return { ...base, options: [{ value: "1", label: { ja: "はい" } }, { value: "2", label: { ja: "いいえ" } }] };
    case "group":
      return { ...base, itemLabel: { ja: "お子さん" }, fields: [{ id: "child_name", type: "name", label: { ja: "氏名" } }], maxItems: 5 };
    case "calculated":
      return { ...base, expression: "count_q * 2", format: "number" };
    case "text":
      return { ...base, minLength: 2, maxLength: 20, pattern: { regex: "[ぁ-ん]+", message: { ja: "ひらがなで入力してください" } } };
    case "number":
      return { ...base, min: 0, max: 99 };
    case "date":
      return { ...base, minDate: "1900-01-01", maxDate: "today" };
    case "file":
      return { ...base, accept: ["pdf", "png"], maxBytes: 2 * 1024 * 1024 };
    default:
      return base;
  }
}

test("staff add pages and questions of every type, edit, reorder and remove them", async () => {
  const id = await newProcedure(t);
  const { db } = t.app.deps;
  const actor = t.author.actor;
  let revision = (await draftOf(id)).revision;
  const run = async (edit: Parameters<typeof editDefinition>[0]["edit"]) => {
    try {
      revision = (await editDefinition({ db, actor, procedureId: id, revision, edit })).revision;
    } catch (error) {
      assert.fail(`${JSON.stringify(edit)} refused: ${JSON.stringify(problemsOf(error) ?? String(error))}`);
    }
  };

  await run({ op: "addPage", page: { id: "numbers", title: { ja: "数" }, questions: [{ id: "count_q", type: "number", label: { ja: "数" } }] } });
  await run({ op: "addPage", page: { id: "everything", title: { ja: "すべての種類" }, questions: [{ id: "first", type: "text", label: { ja: "最初" } }] } });
  for (const type of QUESTION_TYPES) await run({ op: "addQuestion", pageId: "everything", question: sampleQuestion(type, `q_${type}`) });
  // A field added to the repeating group, then edited through its reference "group/field".
  await run({ op: "addQuestion", pageId: "everything", groupId: "q_group", question: { id: "child_birth", type: "date", label: { ja: "生年月日" } } });
  await run({ op: "updateQuestion", ref: "q_group/child_birth", question: { id: "child_birth", type: "date", label: { ja: "お子さんの生年月日" }, maxDate: "today" } });
  await run({ op: "updateQuestion", ref: "q_text", question: { ...sampleQuestion("text", "q_text"), label: { ja: "ふりがな" }, required: false } });
  await run({ op: "moveQuestion", ref: "q_number", to: 0 });
  await run({ op: "movePage", pageId: "numbers", to: 0 });
  await run({ op: "movePage", pageId: "numbers", to: 1 });
  await run({ op: "removeQuestion", ref: "first" });
  // Moving the page with the calculation before the page it calculates from is refused.
  const refused = await editDefinition({ db, actor, procedureId: id, revision, edit: { op: "movePage", pageId: "everything", to: 0 } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(refused)?.map((p) => `${p.path} ${p.code}`), [`$.pages[0].questions[${QUESTION_TYPES.length - 1}].expression expression_not_earlier`]);

  const draft = await draftOf(id);
  assert.deepEqual(draft.definition.pages.map((p) => p.id), ["applicant", "numbers", "everything"]);
  const everything = draft.definition.pages[2]!;
  assert.equal(everything.questions[0]!.id, "q_number");
  assert.deepEqual(new Set(everything.questions.map((q) => q.type)), new Set(QUESTION_TYPES));
  const text = everything.questions.find((q) => q.id === "q_text")!;
  assert.equal(text.label.ja, "ふりがな");
  assert.equal(text.required, false);
  assert.deepEqual(everything.questions.find((q) => q.id === "q_group")!.fields!.map((f) => `${f.id}:${f.label.ja}`), ["child_name:氏名", "child_birth:お子さんの生年月日"]);
  assert.equal(draft.revision, revision);
  assert.equal(draft.state, "editing");
  // Creation and every saved edit: one audit record each (the refused move: none).
  assert.equal(await auditCount(id), 1 + 2 + QUESTION_TYPES.length + 7);
});

test("drag and drop: a new order of pages and questions is saved whole, and a stale order is refused", async () => {
  const id = await newProcedure(t);
  const { db } = t.app.deps;
  const start = await draftOf(id);
  const { revision } = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: start.revision, edit: { op: "replace", definition: FEE_FORM } });
  const order = [
    { id: "order", questions: ["delivery", "copies", "applicant_name"] },
    { id: "applicant", questions: [] as string[] },
    { id: "post_address", questions: ["send_to"] },
    { id: "fee_page", questions: ["fee"] },
  ];
  // The applicant page would be left empty: refused, with the path of the empty page.
  const refused = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision, edit: { op: "reorder", pages: order } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(refused)?.map((p) => `${p.path} ${p.code}`), ["$.pages[1].questions no_questions"]);
  order[0]!.questions = ["delivery", "copies"];
  order[1]!.questions = ["applicant_name"];
  const saved = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision, edit: { op: "reorder", pages: order } });
  const draft = await draftOf(id);
  assert.deepEqual(
    draft.definition.pages.map((p) => `${p.id}:${p.questions.map((q) => q.id).join(",")}`),
    ["order:delivery,copies", "applicant:applicant_name", "post_address:send_to", "fee_page:fee"],
  );
  // An order naming a question that is not there (an out-of-date screen) is a conflict.
  const stale = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: saved.revision, edit: { op: "reorder", pages: [{ id: "order", questions: ["gone"] }] } }).catch((e: unknown) => e);
  assert.ok(isAppError(stale) && stale.code === "conflict");
});

test("a definition that does not validate is refused with the exact JSON path and reason; nothing is half-saved", async () => {
  const id = await newProcedure(t);
  const { db } = t.app.deps;
  const first = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: (await draftOf(id)).revision, edit: { op: "replace", definition: FEE_FORM } });
  const before = await draftOf(id);
  const audits = await auditCount(id);

  // Removing the question the fee is calculated from.
  const removed = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: first.revision, edit: { op: "removeQuestion", ref: "copies" } }).catch((e: unknown) => e);
  const problems = problemsOf(removed);
  assert.ok(problems, String(removed));
  assert.deepEqual(problems.map((p) => `${p.path} ${p.code}`), ["$.pages[3].questions[0].expression expression_unknown_question"]);
  assert.equal(problems[0]!.message, "計算式の1文字目の質問「copies」が見つかりません");

  // Several edits in one go: the first is fine, the second breaks the condition of a later page —
  // neither is saved.
  const batch = await editDefinition({
    db,
    actor: t.author.actor,
    procedureId: id,
    revision: first.revision,
    locale: "en",
    edit: [
      { op: "updatePage", pageId: "applicant", page: { id: "applicant", title: { ja: "申請者" } } },
      { op: "updateQuestion", ref: "delivery", question: { id: "delivery", type: "single", label: { ja: "受け取り方法" }, options: [{ value: "counter", label: { ja: "窓口" } }] } },
    ],
  }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(batch)?.map((p) => `${p.path}: ${p.message}`), ["$.pages[2].showIf.equals: “post” is not an option of the question “delivery”"]);

  // A broken whole definition (the JSON editor): every problem at once, each at its path.
  const broken = structuredClone(FEE_FORM) as FormDefinition;
  broken.pages[1]!.questions[1]!.options = [];
  broken.pages[1]!.questions[0]!.min = 20;
  broken.pages[3]!.questions[0]!.expression = "copies ×";
  (broken.pages[0] as { id: string }).id = "1st";
  const replaced = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: first.revision, edit: { op: "replace", definition: broken } }).catch((e: unknown) => e);
  assert.deepEqual(
    problemsOf(replaced)?.map((p) => `${p.path} ${p.code}`),
    [
      "$.pages[0].id id_invalid",
      "$.pages[1].questions[0].min min_above_max",
      "$.pages[1].questions[1].options options_missing",
      // The post-address page's condition now names an option that is gone.
      "$.pages[2].showIf.equals condition_value_not_option",
      "$.pages[3].questions[0].expression expression_unexpected",
    ],
  );

  const after = await draftOf(id);
  assert.deepEqual(after.definition, before.definition);
  assert.equal(after.revision, before.revision);
  assert.equal(await auditCount(id), audits, "no audit record for a refused edit");
});

test("conditions may only look back, and a stale screen is refused", async () => {
  const id = await newProcedure(t);
  const { db } = t.app.deps;
  const { revision } = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: (await draftOf(id)).revision, edit: { op: "replace", definition: FEE_FORM } });
  const forward = await editDefinition({
    db,
    actor: t.author.actor,
    procedureId: id,
    revision,
    edit: { op: "updatePage", pageId: "order", page: { id: "order", title: { ja: "通数" }, showIf: { question: "fee", answered: true } } },
  }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(forward)?.map((p) => `${p.path} ${p.code}`), ["$.pages[1].showIf.question condition_not_earlier"]);
  const stale = await editDefinition({ db, actor: t.author.actor, procedureId: id, revision: revision - 1, edit: { op: "removePage", pageId: "post_address" } }).catch((e: unknown) => e);
  assert.ok(isAppError(stale) && stale.code === "conflict" && stale.reason === "builder.stale_revision");
});

test("metadata: refused with each problem's path, saved whole otherwise", async () => {
  const id = await newProcedure(t);
  const { db } = t.app.deps;
  const draft = await draftOf(id);
  const bad = { ...draft.metadata, reading: "イヌノトウロク", fee: { amountYen: -1 }, lifeEvents: ["no-such-event"], related: ["nowhere"] };
  const refused = await editMetadata({ db, actor: t.author.actor, procedureId: id, revision: draft.revision, metadata: bad }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(refused)?.map((p) => `${p.path} ${p.code}`), [
    "$.reading reading_hiragana",
    "$.lifeEvents[0] life_event_unknown",
    "$.fee.amountYen fee_invalid",
    "$.related[0] related_unknown",
  ]);
  const good = { ...draft.metadata, fee: { amountYen: 300, per: "copy" as const }, whatYouNeed: [{ ja: "本人確認書類" }], legalBasis: { ja: "狂犬病予防法第4条" }, keywords: ["いぬ", "ペット"], channel: "both" as const };
  await editMetadata({ db, actor: t.author.actor, procedureId: id, revision: draft.revision, metadata: good });
  assert.deepEqual((await draftOf(id)).metadata, good);
});

test("screens: the editor shows problems beside the field with their path; another department's procedure is a 404", async () => {
  const id = await newProcedure(t);
  const author = await t.author.browser();
  const overview = await author.get(`/staff/builder/procedures/${id}`);
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /犬の登録/);
  const revision = (await draftOf(id)).revision;

  // Adding a calculated question whose formula names a question that does not exist.
  const page = await author.get(`/staff/builder/procedures/${id}/pages/applicant/questions/new?type=calculated`);
  assert.equal(page.statusCode, 200);
  const refused = await author.post(`/staff/builder/procedures/${id}/pages/applicant/questions/new`, {
    revision: String(revision),
    type: "calculated",
    id: "fee",
    label_ja: "手数料",
    expression: "copies * 300",
    format: "yen",
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /<p class="field__error" id="qe-expression-error">[^<]*<span[^>]*>[^<]*<\/span>計算式には前のページの質問だけを使えます|計算式の1文字目の質問「copies」が見つかりません（\$\.pages\[0\]\.questions\[1\]\.expression）/);
  assert.match(refused.body, /\$\.pages\[0\]\.questions\[1\]\.expression/);
  assert.match(refused.body, /value="copies \* 300"/, "what was typed is kept");

  // The JSON editor: not JSON at all, then a definition with a problem.
  const json = await author.get(`/staff/builder/procedures/${id}/json`);
  assert.equal(json.statusCode, 200);
  const notJson = await author.post(`/staff/builder/procedures/${id}/json`, { revision: String(revision), definition: '{"pages": [' });
  assert.equal(notJson.statusCode, 422);
  assert.match(notJson.body, /JSONとして読めません/);
  const invalid = await author.post(`/staff/builder/procedures/${id}/json`, { revision: String(revision), definition: JSON.stringify({ pages: [{ id: "p", title: { ja: "" }, questions: [] }] }) });
  assert.equal(invalid.statusCode, 422);
  assert.match(invalid.body, /<code>\$\.pages\[0\]\.title\.ja<\/code> ページの見出し（日本語）を入力してください/);

  // Live preview (the fragment editor.js puts in place).
  const preview = await author.post(`/staff/builder/procedures/${id}/questions-preview`, { type: "single", id: "color", label_ja: "毛の色", options: "白\n黒" });
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /<legend class="fieldset__legend">毛の色<\/legend>/);

  // Another department's manager guessing the id: the same 404 as an unknown one.
  const other = await t.otherReviewer.browser();
  for (const url of [`/staff/builder/procedures/${id}`, `/staff/builder/procedures/${id}/json`, `/staff/builder/procedures/${id}/preview`, "/staff/builder/procedures/00000000-0000-0000-0000-000000000000"]) {
    assert.equal((await other.get(url)).statusCode, 404, url);
  }
  const post = await other.post(`/staff/builder/procedures/${id}/pages/applicant/delete`, { revision: String(revision) });
  assert.equal(post.statusCode, 404);
  assert.equal((await draftOf(id)).revision, revision, "nothing changed");
});
