/**
 * My page after submitting: the list, an application's status timeline, withdrawing (取下げ) and
 * answering a correction request (補正) — staff's side is played by writing to the database.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import type { TestApp } from "../../testing/app.ts";
import { signUpResident } from "../identity/testing.ts";
import { recordEvent } from "./history.ts";
import { createSeededApp, errorSummaryLinks, inputValue, location, submitResidence } from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createSeededApp();
});
after(async () => {
  await app.stop();
});

type Row = { status: string; revision: number; answers: Record<string, unknown>; correction_questions: string[] };

async function applicationRow(id: string): Promise<Row> {
  const [row] = await queryRows<Row>(app.deps.db, sql`SELECT status, revision, answers, correction_questions FROM applications WHERE id = ${id}`);
  return row!;
}

/** Staff asks for a correction of some answers (as the back office would). */
async function requestCorrection(id: string, questions: string[], message: string): Promise<void> {
  await app.deps.db.execute(sql`
    UPDATE applications SET status = 'correction_requested', correction_questions = ${`{${questions.join(",")}}`}::text[],
      correction_message = ${message}, revision = revision + 1 WHERE id = ${id}`);
  await recordEvent(app.deps.db, { applicationId: id, actorId: null, type: "correction_requested", fromStatus: "reviewing", toStatus: "correction_requested", message });
}

function timelineTexts(html: string): string[] {
  const list = /<ol class="timeline">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
}

describe("my page", () => {
  it("lists the resident's applications with their status in words and the date", async () => {
    const resident = await signUpResident(app);
    const { applicationId } = await submitResidence(resident);
    const my = await resident.browser.get("/my");
    assert.equal(my.statusCode, 200);
    assert.match(my.body, new RegExp(`<a href="/my/applications/${applicationId}">住民票の写し交付請求</a>`));
    assert.match(my.body, /<strong class="status status--received">受付<\/strong>/);
    assert.match(my.body, /\d{4}年\d{1,2}月\d{1,2}日/);
    assert.match(my.body, /\d{8}-\d{6}/);
    assert.match(my.body, /入力途中の申請はありません/);
  });

  it("shows a status timeline of the events the resident may see, newest last", async () => {
    const resident = await signUpResident(app);
    const { applicationId } = await submitResidence(resident);
    await app.deps.db.execute(sql`UPDATE applications SET status = 'reviewing' WHERE id = ${applicationId}`);
    await recordEvent(app.deps.db, { applicationId, actorId: null, type: "status_changed", fromStatus: "received", toStatus: "reviewing" });
    await recordEvent(app.deps.db, { applicationId, actorId: null, type: "note", internal: true, message: "内部メモ：本人確認は済み" });
    await recordEvent(app.deps.db, { applicationId, actorId: null, type: "assigned", internal: true });
    await app.deps.db.execute(sql`UPDATE applications SET status = 'approved' WHERE id = ${applicationId}`);
    await recordEvent(app.deps.db, { applicationId, actorId: null, type: "status_changed", fromStatus: "reviewing", toStatus: "approved", message: "本日郵送しました" });

    const page = await resident.browser.get(`/my/applications/${applicationId}`);
    assert.equal(page.statusCode, 200);
    const texts = timelineTexts(page.body);
    assert.equal(texts.length, 3);
    assert.match(texts[0]!, /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 申請を受け付けました$/);
    assert.match(texts[1]!, /審査を開始しました$/);
    assert.match(texts[2]!, /手続きが完了しました 担当部署からの連絡：本日郵送しました$/);
    assert.doesNotMatch(page.body, /内部メモ/);
    assert.match(page.body, /<strong class="status status--approved">完了<\/strong>/);
    assert.match(page.body, /この申請は「完了」で手続きが終わっています/);
    assert.doesNotMatch(page.body, /\/withdraw"/, "a decided application cannot be withdrawn");
    assert.match(page.body, /<h2>申請した内容<\/h2>/);
    assert.match(page.body, /大阪　花子/);
    assert.match(page.body, /<a href="\/files\/[0-9a-f-]{36}">免許証\.pdf/);

    const english = await resident.browser.get(`/my/applications/${applicationId}?lang=en`);
    assert.deepEqual(timelineTexts(english.body).map((t) => t.replace(/^.*?\d{2}:\d{2} /, "")), [
      "Application received",
      "Review started",
      "Completed Message from the department: 本日郵送しました",
    ]);
  });

  it("withdraws an application after a confirmation page", async () => {
    const resident = await signUpResident(app);
    const { applicationId } = await submitResidence(resident);
    const before = await applicationRow(applicationId);
    const confirm = await resident.browser.get(`/my/applications/${applicationId}/withdraw`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1>申請を取り下げますか<\/h1>/);
    assert.equal((await applicationRow(applicationId)).status, "received", "showing the question changes nothing");

    const done = await resident.browser.post(`/my/applications/${applicationId}/withdraw`, {});
    assert.equal(done.statusCode, 303);
    assert.equal(location(done), `/my/applications/${applicationId}?withdrawn=1`);
    const after = await applicationRow(applicationId);
    assert.equal(after.status, "withdrawn");
    assert.equal(after.revision, before.revision + 1);
    const page = await resident.browser.get(location(done));
    assert.match(page.body, /申請を取り下げました/);
    assert.match(page.body, /<strong class="status status--withdrawn">取下げ<\/strong>/);
    assert.match(timelineTexts(page.body).at(-1)!, /申請を取り下げました$/);

    // A retried POST changes nothing more.
    const again = await resident.browser.post(`/my/applications/${applicationId}/withdraw`, {});
    assert.equal(again.statusCode, 303);
    assert.equal((await applicationRow(applicationId)).revision, after.revision);
  });

  it("refuses to withdraw an application that is already decided", async () => {
    const resident = await signUpResident(app);
    const { applicationId } = await submitResidence(resident);
    await resident.browser.get(`/my/applications/${applicationId}/withdraw`);
    await app.deps.db.execute(sql`UPDATE applications SET status = 'rejected', revision = revision + 1 WHERE id = ${applicationId}`);
    const refused = await resident.browser.post(`/my/applications/${applicationId}/withdraw`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /すでに「却下」で手続きが終わっているため、取り下げできません/);
    assert.equal((await applicationRow(applicationId)).status, "rejected");
  });
});

describe("correction (補正)", () => {
  it("shows only the flagged questions, validates them, and updates only those answers", async () => {
    const resident = await signUpResident(app);
    const { applicationId } = await submitResidence(resident);
    await requestCorrection(applicationId, ["copies", "requester_phone"], "電話番号がつながりませんでした。確認してください。");
    const before = await applicationRow(applicationId);

    const detail = await resident.browser.get(`/my/applications/${applicationId}`);
    assert.match(detail.body, /補正（修正）のお願いがあります/);
    assert.match(detail.body, /電話番号がつながりませんでした/);
    assert.match(detail.body, new RegExp(`href="/my/applications/${applicationId}/correct"`));

    const form = await resident.browser.get(`/my/applications/${applicationId}/correct`);
    assert.equal(form.statusCode, 200);
    assert.equal(inputValue(form.body, "copies"), "2");
    assert.equal(inputValue(form.body, "requester_phone"), "06-6208-8181");
    assert.equal(inputValue(form.body, "requester_name.family"), undefined, "unflagged questions are not shown");
    assert.equal(inputValue(form.body, "revision"), String(before.revision));

    const invalid = await resident.browser.post(`/my/applications/${applicationId}/correct`, {
      revision: String(before.revision),
      _action: "continue",
      copies: "0",
      requester_phone: "12",
    });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(errorSummaryLinks(invalid.body).map((l) => l.href), ["#requester_phone", "#copies"], "in the order of the form");
    assert.equal(inputValue(invalid.body, "requester_phone"), "12");

    const saved = await resident.browser.post(`/my/applications/${applicationId}/correct`, {
      revision: String(before.revision),
      _action: "continue",
      copies: "3",
      requester_phone: "090-1111-2222",
      "requester_name.family": "偽物",
      "requester_name.given": "太郎",
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(location(saved), `/my/applications/${applicationId}?corrected=1`);
    const after = await applicationRow(applicationId);
    assert.equal(after.status, "reviewing");
    assert.equal(after.revision, before.revision + 1);
    assert.deepEqual(after.correction_questions, []);
    assert.equal(after.answers.copies, 3);
    assert.equal(after.answers.requester_phone, "09011112222");
    assert.deepEqual(after.answers.requester_name, before.answers.requester_name, "only flagged answers change");
    const page = await resident.browser.get(location(saved));
    assert.match(page.body, /補正した内容を送信しました/);
    assert.match(timelineTexts(page.body).at(-1)!, /補正した内容を受け付けました$/);
    assert.match(page.body, /<strong class="status status--reviewing">審査中<\/strong>/);

    // No correction is open any more: the form leads back to the application.
    const closed = await resident.browser.get(`/my/applications/${applicationId}/correct`);
    assert.equal(location(closed), `/my/applications/${applicationId}`);
  });

  it("refuses a stale correction with 409, keeping what was typed", async () => {
    const resident = await signUpResident(app);
    const { applicationId } = await submitResidence(resident);
    await requestCorrection(applicationId, ["copies"], "通数を確認してください。");
    const form = await resident.browser.get(`/my/applications/${applicationId}/correct`);
    const revision = inputValue(form.body, "revision")!;
    // Staff change the case meanwhile.
    await app.deps.db.execute(sql`UPDATE applications SET revision = revision + 1, correction_message = '通数と使いみちを確認してください。' WHERE id = ${applicationId}`);
    const before = await applicationRow(applicationId);

    const stale = await resident.browser.post(`/my/applications/${applicationId}/correct`, { revision, _action: "continue", copies: "4" });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /表示している間に担当部署で更新されました/);
    assert.equal(inputValue(stale.body, "copies"), "4");
    assert.equal(inputValue(stale.body, "revision"), String(before.revision), "sending again uses the latest revision");
    const unchanged = await applicationRow(applicationId);
    assert.deepEqual(unchanged, before);

    const retried = await resident.browser.post(`/my/applications/${applicationId}/correct`, { revision: String(before.revision), _action: "continue", copies: "4" });
    assert.equal(retried.statusCode, 303);
    assert.equal((await applicationRow(applicationId)).answers.copies, 4);
  });
});
