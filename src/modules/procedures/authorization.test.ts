/**
 * A resident can never read or change another resident's drafts, applications or files: every
 * guessed id answers 404 exactly like an id that does not exist, and nothing changes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import type { TestApp } from "../../testing/app.ts";
import { createStaff, signInStaff, signUpResident, type SignedInResident } from "../identity/testing.ts";
import {
  answer,
  countRows,
  createSeededApp,
  errorSummaryLinks,
  fillResidenceAsSelf,
  inputValue,
  location,
  multipartBody,
  SAMPLE,
  startResidence,
  submitResidence,
} from "./testing.ts";

let app: TestApp;
let owner: SignedInResident;
let intruder: SignedInResident;
let openDraftId: string;
let applicationId: string;
let fileId: string;

async function snapshot(): Promise<string> {
  const rows = await queryRows(
    app.deps.db,
    sql`SELECT (SELECT json_agg(d ORDER BY d.id) FROM (SELECT id, answers, pending, current_page, updated_at, submitted_at FROM drafts) d) AS drafts,
               (SELECT json_agg(a ORDER BY a.id) FROM (SELECT id, status, answers, revision, correction_questions FROM applications) a) AS applications,
               (SELECT count(*) FROM application_events) AS events,
               (SELECT count(*) FROM files) AS files,
               (SELECT count(*) FROM outbox) AS outbox`,
  );
  return JSON.stringify(rows);
}

before(async () => {
  app = await createSeededApp();
  owner = await signUpResident(app);
  intruder = await signUpResident(app);
  ({ applicationId } = await submitResidence(owner));
  openDraftId = await startResidence(owner);
  await fillResidenceAsSelf(owner.browser, openDraftId);
  const [row] = await queryRows<{ file_id: string }>(app.deps.db, sql`SELECT answers -> 'identity_document' ->> 'fileId' AS file_id FROM drafts WHERE id = ${openDraftId}`);
  fileId = row!.file_id;
  // Play staff: ask for a correction, so that the correction form exists for the owner.
  await app.deps.db.execute(sql`UPDATE applications SET status = 'correction_requested', correction_questions = '{copies}' WHERE id = ${applicationId}`);
  // The intruder has a page loaded (a CSRF token of their own) to post with.
  await intruder.browser.get("/my");
});
after(async () => {
  await app.stop();
});

describe("another resident guessing ids", () => {
  it("cannot see the owner's draft, its pages or check your answers", async () => {
    for (const url of [`/drafts/${openDraftId}`, `/drafts/${openDraftId}/pages/certificate`, `/drafts/${openDraftId}/pages/identity`, `/drafts/${openDraftId}/check`]) {
      const response = await intruder.browser.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /大阪　花子|免許証/, url);
    }
  });

  it("cannot save a page of the owner's draft, submit it or save and exit", async () => {
    const before = await snapshot();
    const page = await intruder.browser.post(`/drafts/${openDraftId}/pages/copies`, { _action: "continue", copies: "9" });
    assert.equal(page.statusCode, 404);
    const exit = await intruder.browser.post(`/drafts/${openDraftId}/pages/copies`, { _action: "save-and-exit", copies: "9" });
    assert.equal(exit.statusCode, 404);
    const submit = await intruder.browser.post(`/drafts/${openDraftId}/submit`, { declaration: "yes" });
    assert.equal(submit.statusCode, 404);
    const { payload, contentType } = multipartBody({ _action: "continue" }, [{ name: "identity_document", filename: "x.pdf", contentType: "application/pdf", bytes: SAMPLE.pdf }]);
    const upload = await intruder.browser.request({
      method: "POST",
      url: `/drafts/${openDraftId}/pages/identity?_csrf=${encodeURIComponent(intruder.browser.csrfToken!)}`,
      payload,
      headers: { "content-type": contentType },
    });
    assert.equal(upload.statusCode, 404);
    const start = await intruder.browser.post(`/procedures/residence-certificate/start`, {});
    assert.notEqual(location(start), `/drafts/${openDraftId}`, "starting gives the intruder their own draft");
    const after = await snapshot();
    // Only the intruder's own new draft was added.
    assert.equal(JSON.parse(after)[0].drafts.length, JSON.parse(before)[0].drafts.length + 1);
    const ownerDraft = (JSON.parse(after)[0].drafts as Array<{ id: string }>).find((d) => d.id === openDraftId);
    assert.deepEqual(ownerDraft, (JSON.parse(before)[0].drafts as Array<{ id: string }>).find((d) => d.id === openDraftId));
  });

  it("cannot see the owner's application, receipt, withdraw or correct it", async () => {
    for (const url of [
      `/applications/${applicationId}/receipt`,
      `/my/applications/${applicationId}`,
      `/my/applications/${applicationId}/withdraw`,
      `/my/applications/${applicationId}/correct`,
    ]) {
      const response = await intruder.browser.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /\d{8}-\d{6}/, url);
    }
    const before = await snapshot();
    const withdraw = await intruder.browser.post(`/my/applications/${applicationId}/withdraw`, {});
    assert.equal(withdraw.statusCode, 404);
    const correct = await intruder.browser.post(`/my/applications/${applicationId}/correct`, { revision: "1", _action: "continue", copies: "9" });
    assert.equal(correct.statusCode, 404);
    assert.equal(await snapshot(), before);
    const my = await intruder.browser.get("/my");
    assert.doesNotMatch(my.body, new RegExp(applicationId));
    assert.doesNotMatch(my.body, new RegExp(openDraftId));
  });

  it("cannot download the owner's file", async () => {
    const response = await intruder.browser.get(`/files/${fileId}`);
    assert.equal(response.statusCode, 404);
    assert.doesNotMatch(response.body, /%PDF/);
    assert.equal((await owner.browser.get(`/files/${fileId}`)).statusCode, 200);
  });

  it("cannot attach the owner's file to their own draft by forging the field", async () => {
    const draftId = location(await intruder.browser.post(`/procedures/residence-certificate/start`, {})).split("/")[2]!;
    await fillResidenceAsSelf(intruder.browser, draftId);
    const page = await intruder.browser.get(`/drafts/${draftId}/pages/identity`);
    const forged = JSON.stringify({ fileId, name: "stolen.pdf", size: 1, kind: "pdf" });
    const { payload, contentType } = multipartBody({ _action: "continue", identity_document: forged }, []);
    const response = await intruder.browser.request({
      method: "POST",
      url: `/drafts/${draftId}/pages/identity?_csrf=${encodeURIComponent(inputValue(page.body, "_csrf")!)}`,
      payload,
      headers: { "content-type": contentType },
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(errorSummaryLinks(response.body).map((l) => l.href), ["#identity_document"]);
    const [row] = await queryRows<{ answer: unknown }>(app.deps.db, sql`SELECT answers -> 'identity_document' AS answer FROM drafts WHERE id = ${draftId}`);
    assert.notEqual((row!.answer as { fileId?: string } | null)?.fileId, fileId);
  });

  it("gets the same 404 for ids that do not exist or are not ids", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const url of [`/drafts/${missing}`, `/drafts/not-a-uuid/pages/x`, `/my/applications/${missing}`, `/my/applications/1`, `/files/${missing}`, `/files/..%2F..%2Fetc`, `/applications/${missing}/receipt`]) {
      assert.equal((await intruder.browser.get(url)).statusCode, 404, url);
    }
  });

  it("keeps staff accounts out of residents' pages", async () => {
    const staff = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "clerk" }] });
    const browser = await signInStaff(app, staff.email, staff.password);
    for (const url of ["/my", `/my/applications/${applicationId}`, `/files/${fileId}`, `/drafts/${openDraftId}`]) {
      assert.equal((await browser.get(url)).statusCode, 403, url);
    }
  });

  it("still lets the owner do all of it", async () => {
    assert.equal((await owner.browser.get(`/drafts/${openDraftId}/check`)).statusCode, 200);
    assert.equal((await owner.browser.get(`/my/applications/${applicationId}/correct`)).statusCode, 200);
    const saved = await answer(owner.browser, openDraftId, "copies", { copies: "1" }, "?return=check");
    assert.equal(location(saved), `/drafts/${openDraftId}/check`);
    assert.ok((await countRows(app, "applications")) >= 1);
  });
});
