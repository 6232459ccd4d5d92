/** Staff editing without code: drafts, structured forms, validation, test harness, versions, publishing, authorisation. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createStaff, signInStaff, signUpResident, type Browser } from "../identity/testing.ts";
import type { TestApp } from "../../testing/app.ts";
import { NAVIGATOR_DEMO_DEPARTMENT } from "./index.ts";
import { createNavigatorTestApp } from "./testing.ts";

let app: TestApp;
let clerk: Browser;
let manager: Browser;
before(async () => {
  app = await createNavigatorTestApp();
  const c = await createStaff(app, { roles: [{ departmentCode: NAVIGATOR_DEMO_DEPARTMENT.code, role: "clerk" }] });
  const m = await createStaff(app, { roles: [{ departmentCode: NAVIGATOR_DEMO_DEPARTMENT.code, role: "manager" }] });
  clerk = await signInStaff(app, c.email, c.password);
  manager = await signInStaff(app, m.email, m.password);
});
after(async () => {
  await app.stop();
});

/** The definition in the JSON page's textarea. */
function jsonOf(html: string): Record<string, any> {
  const text = /<textarea[^>]*name="json"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!;
  return JSON.parse(text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

function revision(html: string): string {
  const match = /name="revision" value="(\d+)"/.exec(html);
  assert.ok(match, "the page has a revision");
  return match[1]!;
}

test("only staff of the definition's department may open or change a draft", async () => {
  const anonymous = await app.http.inject({ url: "/staff/navigator" });
  assert.equal(anonymous.statusCode, 303, "sign in first");
  const resident = await signUpResident(app);
  assert.equal((await resident.browser.get("/staff/navigator")).statusCode, 403);
  const other = await createStaff(app, { roles: [{ departmentCode: "welfare", role: "manager" }] });
  const otherBrowser = await signInStaff(app, other.email, other.password);
  const list = await otherBrowser.get("/staff/navigator");
  assert.equal(list.statusCode, 200, "the list is visible to all staff");
  const event = await otherBrowser.get("/staff/navigator/moving");
  assert.match(event.body, /担当部署の職員だけが編集できます/);
  assert.equal((await otherBrowser.post("/staff/navigator/moving/draft", {})).statusCode, 403);
  await clerk.post("/staff/navigator/moving/draft", {});
  assert.equal((await otherBrowser.get("/staff/navigator/moving/draft")).statusCode, 403);
  assert.equal((await otherBrowser.get("/staff/navigator/moving/draft/test")).statusCode, 403);
  assert.equal((await otherBrowser.get("/staff/navigator/moving/versions/2")).statusCode, 403, "drafts only for their department");
  assert.equal((await otherBrowser.get("/staff/navigator/moving/versions/1")).statusCode, 200, "published versions are public anyway");
});

test("a clerk edits the draft with forms: a new question, an item with a deadline and conditions as rows", async () => {
  const start = await clerk.post("/staff/navigator/birth/draft", {});
  assert.equal(start.statusCode, 303);
  const draft = await clerk.get("/staff/navigator/birth/draft");
  assert.equal(draft.statusCode, 200);
  assert.match(draft.body, /第2版の下書き/);
  assert.match(draft.body, /問題は見つかりませんでした/);

  // Every error of the question form at once, typed values kept.
  await clerk.get("/staff/navigator/birth/draft/questions/new");
  const bad = await clerk.post("/staff/navigator/birth/draft/questions/new", {
    revision: revision(draft.body), id: "Twins!", type: "single", label_ja: "", options: "only-one | ひとつ", required: "yes", show_if_mode: "all", show_if_0_question: "insurance", show_if_0_op: "equals", show_if_0_value: "",
  });
  assert.equal(bad.statusCode, 422);
  for (const field of ["id", "label_ja", "options", "show_if_0_value"]) assert.match(bad.body, new RegExp(`href="#${field}"`), field);
  assert.match(bad.body, /value="Twins!"/);

  const saved = await clerk.post("/staff/navigator/birth/draft/questions/new", {
    revision: revision(draft.body), id: "twins", type: "yesno", label_ja: "双子などの多胎児ですか", label_en: "Twins or more?", required: "yes",
    show_if_mode: "all", show_if_0_question: "insurance", show_if_0_op: "in", show_if_0_value: "nhi, employee",
  });
  assert.equal(saved.statusCode, 303);
  const afterQuestion = await clerk.get("/staff/navigator/birth/draft");
  assert.match(afterQuestion.body, /双子などの多胎児ですか/);

  const item = await clerk.post("/staff/navigator/birth/draft/items/new", {
    revision: revision(afterQuestion.body), id: "twins-support", title_ja: "多胎児家庭の支援（デモ）", title_en: "Support for families with twins (demo)",
    procedure: "", where_kind: "counter", place_ja: "区の保健福祉センター", place_en: "Ward health centre", url: "",
    bring_ja: "母子健康手帳", bring_en: "Handbook", why_ja: "育児の負担が大きいため", why_en: "Twins are twice the work",
    deadline_from: "born_date", deadline_count: "30", deadline_unit: "days", deadline_roll_over: "yes", basis_ja: "デモ", basis_en: "Demo",
    prefill: "", when_mode: "all", when_0_question: "twins", when_0_op: "equals", when_0_value: "yes",
  });
  assert.equal(item.statusCode, 303);

  // The harness: answers → the draft's list, compared with the published version.
  const harness = await clerk.get("/staff/navigator/birth/draft/test?_harness=1&born_date.era=seireki&born_date.year=2026&born_date.month=4&born_date.day=1&insurance=nhi&twins=yes&nursery=no");
  assert.equal(harness.statusCode, 200);
  assert.match(harness.body, /下書きでの結果（8件）/);
  assert.match(harness.body, /class="nav-diff-added">多胎児家庭の支援（デモ）/);
  assert.match(harness.body, /2026年5月1日（令和8年5月1日）まで/);
  const without = await clerk.get("/staff/navigator/birth/draft/test?born_date=2026-04-01&insurance=nhi&twins=no&nursery=no");
  assert.match(without.body, /下書きでの結果（7件）/);
  assert.match(without.body, /公開中の版と同じリストです/);

  // Save the combination as a test case; it is listed with its difference.
  const caseSaved = await clerk.post("/staff/navigator/birth/draft/tests", { revision: revision(harness.body), answers: "born_date=2026-04-01&insurance=nhi&twins=yes&nursery=no", case_name: "国保・双子" });
  assert.equal(caseSaved.statusCode, 303);
  const cases = await clerk.get("/staff/navigator/birth/draft/test");
  assert.match(cases.body, /国保・双子/);
  assert.match(cases.body, /新しく載る：twins-support/);

  // A clerk cannot publish.
  const page = await clerk.get("/staff/navigator/birth/draft");
  assert.match(page.body, /公開は担当部署の管理職/);
  assert.equal((await clerk.post("/staff/navigator/birth/publish", { revision: revision(page.body) })).statusCode, 403);

  // Residents still get version 1 until a manager publishes.
  const before = await app.http.inject({ url: "/navigator/birth/result?born_date=2026-04-01&insurance=nhi&nursery=no" });
  assert.equal(before.statusCode, 200);
  assert.doesNotMatch(before.body, /多胎児/);

  const managerPage = await manager.get("/staff/navigator/birth/draft");
  const published = await manager.post("/staff/navigator/birth/publish", { revision: revision(managerPage.body) });
  assert.equal(published.statusCode, 303);
  const question = await app.http.inject({ url: "/navigator/birth/q/twins?born_date=2026-04-01&insurance=nhi&nursery=no" });
  assert.equal(question.statusCode, 200);
  const now = await app.http.inject({ url: "/navigator/birth/result?born_date=2026-04-01&insurance=nhi&twins=yes&nursery=no" });
  assert.match(now.body, /多胎児家庭の支援（デモ）/);
  assert.match(now.body, /判定ルール 第2版/);

  const versions = await manager.get("/staff/navigator/birth");
  assert.match(versions.body, /第2版<\/a><\/td><td>公開中/);
  assert.match(versions.body, /第1版<\/a><\/td><td>過去の版/);

  // Published versions are frozen in the database itself.
  await assert.rejects(app.deps.db.execute(sql`UPDATE navigator_definitions SET definition = '{}' WHERE event = 'birth' AND version = 1`), (error: Error) => /frozen/.test(String(error.cause)));
  const audit = await queryRows<{ action: string }>(app.deps.db, sql`SELECT action FROM audit_log WHERE object_type = 'navigator_definition' AND object_id LIKE 'birth@%' ORDER BY seq`);
  assert.deepEqual(audit.map((a) => a.action), ["navigator.draft_started", "navigator.draft_edited", "navigator.draft_edited", "navigator.draft_edited", "navigator.published"]);
});

test("a draft with errors cannot be published; the JSON page locates problems by JSON Pointer", async () => {
  await manager.post("/staff/navigator/care/draft", {});
  const json = await manager.get("/staff/navigator/care/draft/json");
  assert.equal(json.statusCode, 200);
  const definition = jsonOf(json.body);
  definition.items[1].deadline = { from: "age", count: 14, basis: { ja: "x" } };
  definition.questions[1].showIf = { question: "situation", includes: "home" };
  const badShape = await manager.post("/staff/navigator/care/draft/json", { revision: revision(json.body), json: JSON.stringify({ ...definition, position: "first" }) });
  assert.equal(badShape.statusCode, 422);
  assert.match(badShape.body, /<code>\/position<\/code> 値の型が違います/);
  const notJson = await manager.post("/staff/navigator/care/draft/json", { revision: revision(json.body), json: "{ nope" });
  assert.equal(notJson.statusCode, 422);
  assert.match(notJson.body, /JSONとして読めません/);

  const saved = await manager.post("/staff/navigator/care/draft/json", { revision: revision(json.body), json: JSON.stringify(definition) });
  assert.equal(saved.statusCode, 303, "a shape-valid draft is saved even with problems of meaning");
  const draft = await manager.get("/staff/navigator/care/draft");
  assert.match(draft.body, /<code>\/questions\/1\/showIf\/question<\/code> 条件は前の質問だけを見られます/);
  assert.match(draft.body, /<code>\/items\/1\/deadline\/from<\/code> 期限は日付の質問から数えます/);
  assert.match(draft.body, /エラーを直すと公開できます/);
  const refused = await manager.post("/staff/navigator/care/publish", { revision: revision(draft.body) });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /エラーがあるため公開できません/);
});

test("two people editing: a stale page is refused and nothing typed is lost", async () => {
  await clerk.post("/staff/navigator/marriage/draft", {});
  const pageA = await clerk.get("/staff/navigator/marriage/draft/questions/moving");
  const pageB = await manager.get("/staff/navigator/marriage/draft/questions/moving");
  const fields = { id: "moving", type: "yesno", label_ja: "引越しますか", label_en: "Moving?", required: "yes", show_if_mode: "all" };
  assert.equal((await clerk.post("/staff/navigator/marriage/draft/questions/moving", { ...fields, revision: revision(pageA.body) })).statusCode, 303);
  const stale = await manager.post("/staff/navigator/marriage/draft/questions/moving", { ...fields, label_ja: "結婚を機に引越しますか", revision: revision(pageB.body) });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /ほかの職員が先に下書きを変更しました/);
  assert.match(stale.body, /value="結婚を機に引越しますか"/);
});

test("renaming a question renames every reference; moving and deleting questions", async () => {
  await clerk.post("/staff/navigator/divorce/draft", {});
  const page = await clerk.get("/staff/navigator/divorce/draft/questions/children");
  const renamed = await clerk.post("/staff/navigator/divorce/draft/questions/children", {
    revision: revision(page.body), id: "has_children", type: "yesno", label_ja: "18歳までの子どもを養育しますか", label_en: "Children?", required: "yes", show_if_mode: "all",
  });
  assert.equal(renamed.statusCode, 303);
  const draft = await clerk.get("/staff/navigator/divorce/draft");
  assert.match(draft.body, /問題は見つかりませんでした/);
  assert.match(draft.body, /has_children = yes/);
  assert.doesNotMatch(draft.body, /\bchildren = yes/);
  const moved = await clerk.post("/staff/navigator/divorce/draft/questions/moving/move", { revision: revision(draft.body), direction: "up" });
  assert.equal(moved.statusCode, 303);
  const afterMove = await clerk.get("/staff/navigator/divorce/draft/json");
  const order = (jsonOf(afterMove.body).questions as Array<{ id: string }>).map((q) => q.id);
  assert.deepEqual(order, ["kind", "divorce_date", "keep_name", "has_children", "moving", "was_dependent"]);
  const deleted = await clerk.post("/staff/navigator/divorce/draft/items/moving/delete", { revision: revision(afterMove.body) });
  assert.equal(deleted.statusCode, 303);
  const discard = await clerk.get("/staff/navigator/divorce/draft");
  assert.doesNotMatch(discard.body, /items\/moving"/);
  assert.equal((await clerk.post("/staff/navigator/divorce/draft/discard", { revision: revision(discard.body) })).statusCode, 303);
  assert.equal((await clerk.get("/staff/navigator/divorce/draft")).statusCode, 404);
});

test("a new life event starts as an empty draft of one of the staff member's departments", async () => {
  const list = await clerk.get("/staff/navigator");
  assert.match(list.body, /新しいできごとを追加する/);
  const bad = await clerk.post("/staff/navigator", { event: "School Entry", title_ja: "", department: "welfare" });
  assert.equal(bad.statusCode, 422);
  for (const field of ["event", "title_ja", "department"]) assert.match(bad.body, new RegExp(`href="#${field}"`));
  const created = await clerk.post("/staff/navigator", { event: "school-entry", title_ja: "入園・入学", title_en: "Starting school", department: NAVIGATOR_DEMO_DEPARTMENT.code });
  assert.equal(created.statusCode, 303);
  const draft = await clerk.get("/staff/navigator/school-entry/draft");
  assert.match(draft.body, /質問が1つもありません/);
  const again = await clerk.post("/staff/navigator", { event: "school-entry", title_ja: "入園・入学", department: NAVIGATOR_DEMO_DEPARTMENT.code });
  assert.match(again.body, /このコードのできごとはもうあります/);
  assert.equal((await app.http.inject({ url: "/navigator/school-entry" })).statusCode, 404, "not public before it is published");
});
