import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../../../core/audit/audit.ts";
import { queryRows } from "../../../core/db/database.ts";
import { missingTranslations } from "../../../core/i18n/index.ts";
import { createStaff, signInStaff, type Browser } from "../../identity/testing.ts";
import { createProcedure, createCase, createFile, createResident, createStaffTestApp, formRevision, seedOrganisation, WARD, WELFARE, type StaffTestApp } from "./testing.ts";
import "./messages.ts";

let app: StaffTestApp;
let wardProcedure: string;
let welfareProcedure: string;
let residentId: string;
let residentEmail: string;
let tenma: { id: string; email: string; password: string };
let kita: { id: string; email: string; password: string };
let welfareStaff: { id: string; email: string; password: string };
let tenmaBrowser: Browser;
let kitaBrowser: Browser;

before(async () => {
  app = await createStaffTestApp();
  ({ wardProcedure, welfareProcedure } = await seedOrganisation(app.deps.db));
  residentEmail = "hanako.osaka@example.jp";
  residentId = await createResident(app.deps.db, { email: residentEmail });
  tenma = await createStaff(app, { roles: [{ departmentCode: WARD, role: "clerk" }], familyName: "天満", givenName: "さくら" });
  kita = await createStaff(app, { roles: [{ departmentCode: WARD, role: "manager" }], familyName: "北", givenName: "健太" });
  welfareStaff = await createStaff(app, { roles: [{ departmentCode: WELFARE, role: "clerk" }], familyName: "福島", givenName: "由美" });
  tenmaBrowser = await signInStaff(app, tenma.email, tenma.password);
  kitaBrowser = await signInStaff(app, kita.email, kita.password);
});
after(async () => {
  await app.stop();
});

async function caseRow(id: string) {
  const [row] = await queryRows<{
    status: string;
    revision: number;
    assigneeId: string | null;
    correctionQuestions: string[];
    correctionMessage: string | null;
    decidedAt: Date | null;
  }>(
    app.deps.db,
    sql`SELECT status, revision, assignee_id AS "assigneeId", correction_questions AS "correctionQuestions",
          correction_message AS "correctionMessage", decided_at AS "decidedAt" FROM applications WHERE id = ${id}::uuid`,
  );
  return row!;
}

async function events(id: string) {
  return queryRows<{ type: string; internal: boolean; message: string | null; fromStatus: string | null; toStatus: string | null; data: Record<string, unknown> }>(
    app.deps.db,
    sql`SELECT type, internal, message, from_status AS "fromStatus", to_status AS "toStatus", data FROM application_events WHERE application_id = ${id}::uuid ORDER BY id`,
  );
}

async function auditActions(objectId: string) {
  const rows = await queryRows<{ action: string; actorLabel: string; departmentCode: string; data: Record<string, unknown> }>(
    app.deps.db,
    sql`SELECT action, actor_label AS "actorLabel", department_code AS "departmentCode", data FROM audit_log WHERE object_id = ${objectId} ORDER BY seq`,
  );
  return rows;
}

async function mails(key: string) {
  return queryRows<{ payload: { to: string; subject: string; text: string } }>(
    app.deps.db,
    sql`SELECT payload FROM outbox WHERE idempotency_key = ${`mail:${key}`}`,
  );
}

/** Opens the case page and posts one of its forms with the page's revision. */
async function postForm(browser: Browser, caseId: string, action: string, fields: Record<string, string | string[]>) {
  const page = await browser.get(`/staff/cases/${caseId}`);
  assert.equal(page.statusCode, 200);
  return browser.post(`/staff/cases/${caseId}/${action}`, { revision: formRevision(page.body), ...fields });
}

describe("home and inbox", () => {
  test("home lists the staff member's departments with counts by status in words", async () => {
    await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, status: "reviewing" });
    const response = await tenmaBrowser.get("/staff");
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /区役所 窓口サービス課/);
    assert.doesNotMatch(response.body, /福祉局/);
    for (const word of ["受付", "審査中", "補正依頼中", "完了", "却下", "取下げ"]) assert.ok(response.body.includes(`>${word}</a>`), word);
    assert.match(response.body, /href="\/staff\/cases\?department=ward-counter&amp;status=reviewing"/);
  });

  test("the inbox shows one department's cases, newest first, 25 a page, with the status in words", async () => {
    const pagingProcedure = await createProcedure(app.deps.db, WARD, "paging", { ja: "ページ送り確認", en: "Paging check" });
    const references: string[] = [];
    for (let i = 0; i < 30; i++) {
      const day = String(i + 1).padStart(2, "0");
      const { reference } = await createCase(app.deps.db, { userId: residentId, procedureId: pagingProcedure, submittedAt: `2026-03-${day}T01:00:00Z`, reference: `P2026${day}` });
      references.push(reference);
    }
    const welfare = await createCase(app.deps.db, { userId: residentId, procedureId: welfareProcedure, reference: "W0000001" });

    const first = await tenmaBrowser.get(`/staff/cases?department=${WARD}&procedure=${pagingProcedure}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /30件中 1〜25件目/);
    const shown = [...first.body.matchAll(/>(P2026\d\d)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(shown, references.slice().reverse().slice(0, 25));
    assert.match(first.body, /<strong class="status status--received">受付<\/strong>/);
    assert.match(first.body, /rel="next"/);
    assert.doesNotMatch(first.body, new RegExp(welfare.reference));

    const second = await tenmaBrowser.get(`/staff/cases?department=${WARD}&procedure=${pagingProcedure}&page=2`);
    assert.match(second.body, /30件中 26〜30件目/);
    const rest = [...second.body.matchAll(/>(P2026\d\d)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(rest, references.slice().reverse().slice(25));
    assert.match(second.body, /rel="prev"/);

    // Without a department, the first of the staff member's departments; never another one's.
    const defaulted = await tenmaBrowser.get("/staff/cases");
    assert.equal(defaulted.statusCode, 200);
    assert.doesNotMatch(defaulted.body, /W0000001/);
  });

  test("search finds a case by (part of) its reference, in any width, and by applicant name without spaces", async () => {
    const target = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, reference: "S2026-123456", applicantName: "淀川 次郎" });
    await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, reference: "S2026-999999", applicantName: "大阪 花子" });
    const byReference = await tenmaBrowser.get(`/staff/cases?q=${encodeURIComponent("ｓ２０２６－１２３")}`);
    assert.match(byReference.body, /S2026-123456/);
    assert.doesNotMatch(byReference.body, /S2026-999999/);
    const byName = await tenmaBrowser.get(`/staff/cases?q=${encodeURIComponent("淀川次郎")}`);
    assert.match(byName.body, new RegExp(target.reference));
    assert.doesNotMatch(byName.body, /S2026-999999/);
    const nothing = await tenmaBrowser.get(`/staff/cases?q=${encodeURIComponent("100%_")}`);
    assert.match(nothing.body, /条件に合う申請はありません/);
  });

  test("filters by status and by assignee (me, nobody)", async () => {
    const procedureId = await createProcedure(app.deps.db, WARD, "filters", { ja: "絞り込み確認", en: "Filter check" });
    await createCase(app.deps.db, { userId: residentId, procedureId, reference: "F1", status: "reviewing", assigneeId: tenma.id });
    await createCase(app.deps.db, { userId: residentId, procedureId, reference: "F2", status: "received" });
    await createCase(app.deps.db, { userId: residentId, procedureId, reference: "F3", status: "reviewing", assigneeId: kita.id });
    const refs = async (query: string) =>
      [...(await tenmaBrowser.get(`/staff/cases?procedure=${procedureId}&${query}`)).body.matchAll(/>(F\d)<\/a>/g)].map((m) => m[1]).sort();
    assert.deepEqual(await refs("status=reviewing"), ["F1", "F3"]);
    assert.deepEqual(await refs("assignee=me"), ["F1"]);
    assert.deepEqual(await refs("assignee=none"), ["F2"]);
    assert.deepEqual(await refs(`assignee=${kita.id}`), ["F3"]);
  });
});

describe("the case page", () => {
  test("shows the reference, procedure, status, answers (without change links), files and the history", async () => {
    const file = await createFile(app.deps.db, residentId);
    const { id, reference } = await createCase(app.deps.db, {
      userId: residentId,
      procedureId: wardProcedure,
      answers: { full_name: { family: "大阪", given: "花子" }, phone: "0612345678", id_doc: file, purpose: "勤務先への提出" },
    });
    const page = await tenmaBrowser.get(`/staff/cases/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`申請 ${reference}`));
    assert.match(page.body, /住民票の写しの交付請求/);
    assert.match(page.body, /<strong class="status status--received">受付<\/strong>/);
    assert.match(page.body, /大阪/);
    assert.match(page.body, /勤務先への提出/);
    assert.doesNotMatch(page.body, />変更</);
    assert.ok(page.body.includes(`href="/staff/files/${file.fileId}"`));
    assert.match(page.body, /申請を受け付けました/);
    assert.match(page.body, /name="revision" value="1"/);

    const download = await tenmaBrowser.get(`/staff/files/${file.fileId}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["content-type"], "application/pdf");
    assert.match(String(download.headers["content-disposition"]), /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
    assert.ok(download.rawPayload.subarray(0, 5).equals(Buffer.from("%PDF-")));
    const audit = await auditActions(file.fileId);
    assert.deepEqual(audit.map((a) => a.action), ["file.downloaded"]);
  });

  test("the page is complete in English", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure });
    const page = await tenmaBrowser.get(`/staff/cases/${id}?lang=en`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Received/);
    assert.match(page.body, /Request a correction/);
    assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("staff.")), []);
  });
});

describe("staff actions", () => {
  test("assign to oneself and to a colleague of the department, never to staff of another department", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure });
    const toMe = await postForm(tenmaBrowser, id, "assign", { assignee: "me" });
    assert.equal(toMe.statusCode, 303);
    assert.equal(toMe.headers.location, `/staff/cases/${id}?done=assigned`);
    assert.equal((await caseRow(id)).assigneeId, tenma.id);

    const toColleague = await postForm(tenmaBrowser, id, "assign", { assignee: kita.id });
    assert.equal(toColleague.statusCode, 303);
    assert.equal((await caseRow(id)).assigneeId, kita.id);

    const toOutsider = await postForm(tenmaBrowser, id, "assign", { assignee: welfareStaff.id });
    assert.equal(toOutsider.statusCode, 422);
    assert.match(toOutsider.body, /担当者は、この部署の職員から選んでください/);
    assert.equal((await caseRow(id)).assigneeId, kita.id);

    const history = await events(id);
    assert.deepEqual(history.map((e) => [e.type, e.internal]), [["submitted", false], ["assigned", true], ["assigned", true]]);
    const page = await tenmaBrowser.get(`/staff/cases/${id}`);
    assert.match(page.body, /担当者を北 健太にしました/);
    assert.deepEqual((await auditActions(id)).map((a) => a.action), ["application.assigned", "application.assigned"]);
  });

  test("status moves only along allowed edges; the decision sets decided_at and tells the resident", async () => {
    const { id, reference } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure });

    const skip = await postForm(tenmaBrowser, id, "status", { to: "approved" });
    assert.equal(skip.statusCode, 422);
    assert.match(skip.body, /この申請は「受付」なので、「完了」にはできません/);
    assert.match(skip.body, /class="error-summary"/);
    assert.equal((await caseRow(id)).status, "received");

    const review = await postForm(tenmaBrowser, id, "status", { to: "reviewing" });
    assert.equal(review.statusCode, 303);
    assert.equal(review.headers.location, `/staff/cases/${id}?done=status`);
    let row = await caseRow(id);
    assert.equal(row.status, "reviewing");
    assert.equal(row.revision, 2);
    assert.equal(row.decidedAt, null);
    const [reviewMail] = await mails(`status:${id}:2`);
    assert.ok(reviewMail);
    assert.equal(reviewMail.payload.to, residentEmail);
    assert.match(reviewMail.payload.subject, new RegExp(reference));
    assert.match(reviewMail.payload.text, /「審査中」/);
    assert.ok(reviewMail.payload.text.includes(`http://localhost:3000/my/applications/${id}`));

    const back = await postForm(tenmaBrowser, id, "status", { to: "received" });
    assert.equal(back.statusCode, 422);

    const approve = await postForm(tenmaBrowser, id, "status", { to: "approved" });
    assert.equal(approve.statusCode, 303);
    assert.equal(approve.headers.location, `/staff/cases/${id}?done=decided`);
    row = await caseRow(id);
    assert.equal(row.status, "approved");
    assert.ok(row.decidedAt);
    assert.equal((await mails(`status:${id}:3`)).length, 1);

    const closed = await tenmaBrowser.get(`/staff/cases/${id}?done=decided`);
    assert.match(closed.body, /決定を登録しました/);
    assert.match(closed.body, /「完了」で終了しています/);
    assert.doesNotMatch(closed.body, /action="\/staff\/cases\/[^"]+\/status"/);

    const history = await events(id);
    assert.deepEqual(history.slice(1).map((e) => [e.type, e.fromStatus, e.toStatus, e.internal]), [
      ["status_changed", "received", "reviewing", false],
      ["status_changed", "reviewing", "approved", false],
    ]);
    const audit = await auditActions(id);
    assert.deepEqual(audit.map((a) => a.action), ["application.status_changed", "application.decided"]);
    assert.equal(audit[0]!.actorLabel, `staff:${tenma.id}`);
    assert.equal(audit[0]!.departmentCode, WARD);
    assert.deepEqual(audit[1]!.data, { from: "reviewing", to: "approved", revision: 3, reasonGiven: false });
  });

  test("rejecting needs a reason, which the resident is told", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, status: "reviewing" });
    const bare = await postForm(tenmaBrowser, id, "status", { to: "rejected", reason: "  " });
    assert.equal(bare.statusCode, 422);
    assert.match(bare.body, /理由を入力してください/);
    assert.match(bare.body, /href="#status-reason"/);
    assert.match(bare.body, /id="status-to-rejected" name="to" value="rejected" checked/);
    assert.equal((await caseRow(id)).status, "reviewing");

    const reasoned = await postForm(tenmaBrowser, id, "status", { to: "rejected", reason: "対象の年度の申請期間を過ぎています。" });
    assert.equal(reasoned.statusCode, 303);
    const row = await caseRow(id);
    assert.equal(row.status, "rejected");
    assert.ok(row.decidedAt);
    const last = (await events(id)).at(-1)!;
    assert.equal(last.message, "対象の年度の申請期間を過ぎています。");
    assert.equal(last.internal, false);
    const [mail] = await mails(`status:${id}:2`);
    assert.match(mail!.payload.text, /却下/);
    assert.match(mail!.payload.text, /理由：対象の年度の申請期間を過ぎています。/);
  });

  test("a correction request flags questions, shows in the resident's timeline and mails them; moving back needs a reason", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, status: "reviewing" });
    const empty = await postForm(tenmaBrowser, id, "correction", { message: "" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /補正を依頼する項目を1つ以上選んでください/);
    assert.match(empty.body, /申請者へのメッセージを入力してください/);

    const unknown = await postForm(tenmaBrowser, id, "correction", { questions: ["no_such_question"], message: "直してください" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /表示されている項目から選んでください/);
    assert.match(unknown.body, />直してください<\/textarea>/);

    const request = await postForm(tenmaBrowser, id, "correction", { questions: ["purpose", "phone"], message: "電話番号と使いみちを確認してください。" });
    assert.equal(request.statusCode, 303);
    const row = await caseRow(id);
    assert.equal(row.status, "correction_requested");
    assert.deepEqual(row.correctionQuestions, ["phone", "purpose"]);
    assert.equal(row.correctionMessage, "電話番号と使いみちを確認してください。");

    // The resident's timeline is the non-internal history.
    const timeline = (await events(id)).filter((e) => !e.internal);
    const entry = timeline.at(-1)!;
    assert.equal(entry.type, "correction_requested");
    assert.equal(entry.message, "電話番号と使いみちを確認してください。");
    assert.deepEqual(entry.data.questions, ["phone", "purpose"]);

    const [mail] = await mails(`correction:${id}:2`);
    assert.match(mail!.payload.subject, /補正/);
    assert.match(mail!.payload.text, /電話番号、使いみち/);

    const page = await tenmaBrowser.get(`/staff/cases/${id}`);
    assert.match(page.body, /申請者に補正を依頼しています/);
    assert.match(page.body, /対象の項目：電話番号、使いみち/);

    const backWithoutReason = await postForm(tenmaBrowser, id, "status", { to: "reviewing" });
    assert.equal(backWithoutReason.statusCode, 422);
    assert.match(backWithoutReason.body, /理由を入力してください/);
    const back = await postForm(tenmaBrowser, id, "status", { to: "reviewing", reason: "窓口で確認できました。" });
    assert.equal(back.statusCode, 303);
    const cancelled = await caseRow(id);
    assert.equal(cancelled.status, "reviewing");
    assert.deepEqual(cancelled.correctionQuestions, []);
    assert.deepEqual((await auditActions(id)).map((a) => a.action), ["application.correction_requested", "application.status_changed"]);
  });

  test("internal notes are kept for staff and never reach the resident's timeline", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure });
    const empty = await postForm(tenmaBrowser, id, "notes", { note: "" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /メモを入力してください/);

    const added = await postForm(tenmaBrowser, id, "notes", { note: "電話で本人確認済み。\n折り返し不要。" });
    assert.equal(added.statusCode, 303);
    const history = await events(id);
    const note = history.at(-1)!;
    assert.equal(note.type, "note");
    assert.equal(note.internal, true);
    assert.equal(history.filter((e) => !e.internal).some((e) => e.message?.includes("本人確認済み")), false);
    const page = await tenmaBrowser.get(`/staff/cases/${id}?done=note`);
    assert.match(page.body, /電話で本人確認済み。<br>折り返し不要。/);
    assert.match(page.body, /職員のみ（申請者には表示されません）/);
    assert.equal((await mails(`status:${id}:2`)).length, 0);
    const [audit] = await auditActions(id);
    assert.equal(audit!.action, "application.note_added");
    assert.equal(JSON.stringify(audit!.data).includes("本人確認"), false);
  });
});

describe("two members of staff on one case", () => {
  test("the second one gets a clear conflict, keeps what they typed, and changes nothing", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure });
    const pageA = await tenmaBrowser.get(`/staff/cases/${id}`);
    const pageB = await kitaBrowser.get(`/staff/cases/${id}`);
    const revision = formRevision(pageA.body);
    assert.equal(formRevision(pageB.body), revision);

    const first = await tenmaBrowser.post(`/staff/cases/${id}/status`, { revision, to: "reviewing" });
    assert.equal(first.statusCode, 303);
    const afterFirst = await caseRow(id);
    const eventsAfterFirst = await events(id);
    const auditAfterFirst = await auditActions(id);

    const note = await kitaBrowser.post(`/staff/cases/${id}/notes`, { revision, note: "北：申請者に電話したが不在。" });
    assert.equal(note.statusCode, 409);
    assert.match(note.body, /ほかの職員が先にこの申請を更新しました。最新の内容を確認してから、もう一度操作してください。/);
    assert.match(note.body, />北：申請者に電話したが不在。<\/textarea>/);
    // The page shows the latest case, and its forms the latest revision.
    assert.match(note.body, /<strong class="status status--reviewing">審査中<\/strong>/);
    assert.equal(formRevision(note.body), String(afterFirst.revision));

    const reject = await kitaBrowser.post(`/staff/cases/${id}/status`, { revision, to: "rejected", reason: "書類の不備が多いため。" });
    assert.equal(reject.statusCode, 409);
    assert.match(reject.body, />書類の不備が多いため。<\/textarea>/);
    assert.match(reject.body, /value="rejected" checked/);

    const correction = await kitaBrowser.post(`/staff/cases/${id}/correction`, { revision, questions: "phone", message: "番号を確認してください。" });
    assert.equal(correction.statusCode, 409);
    assert.match(correction.body, />番号を確認してください。<\/textarea>/);
    assert.match(correction.body, /value="phone" checked/);

    const assign = await kitaBrowser.post(`/staff/cases/${id}/assign`, { revision, assignee: "me" });
    assert.equal(assign.statusCode, 409);

    assert.deepEqual(await caseRow(id), afterFirst);
    assert.deepEqual(await events(id), eventsAfterFirst);
    assert.deepEqual(await auditActions(id), auditAfterFirst);

    // With the latest revision the second one's note goes through.
    const retry = await kitaBrowser.post(`/staff/cases/${id}/notes`, { revision: formRevision(note.body), note: "北：申請者に電話したが不在。" });
    assert.equal(retry.statusCode, 303);
  });

  test("simultaneous commands on one revision: exactly one wins", async () => {
    const { id } = await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure });
    await tenmaBrowser.get(`/staff/cases/${id}`);
    await kitaBrowser.get(`/staff/cases/${id}`);
    const results = await Promise.all([
      tenmaBrowser.post(`/staff/cases/${id}/notes`, { revision: "1", note: "A" }),
      kitaBrowser.post(`/staff/cases/${id}/notes`, { revision: "1", note: "B" }),
      tenmaBrowser.post(`/staff/cases/${id}/status`, { revision: "1", to: "reviewing" }),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409, 409]);
    assert.equal((await caseRow(id)).revision, 2);
  });
});

test("every staff action is in the audit log and the hash chain holds", async () => {
  const verification = await verifyAuditChain(app.deps.db);
  assert.equal(verification.ok, true);
  const [counts] = await queryRows<{ actions: number; staff: number }>(
    app.deps.db,
    sql`SELECT count(*)::int AS actions, count(*) FILTER (WHERE actor_label LIKE 'staff:%')::int AS staff FROM audit_log`,
  );
  assert.ok(counts!.actions > 10);
  assert.equal(counts!.staff, counts!.actions);
  const [changes] = await queryRows<{ staffEvents: number; audited: number }>(
    app.deps.db,
    sql`SELECT (SELECT count(*)::int FROM application_events WHERE type <> 'submitted') AS "staffEvents",
               (SELECT count(*)::int FROM audit_log WHERE object_type = 'application') AS audited`,
  );
  assert.equal(changes!.audited, changes!.staffEvents);
});
