/**
 * Uploads on form pages: checked by content (magic bytes) and size with a clear message beside
 * the field, stored for the resident, kept across pages, downloadable only by their owner.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import type { TestApp } from "../../testing/app.ts";
import { signUpResident, type SignedInResident } from "../identity/testing.ts";
import { importCatalogue } from "./commands/import-catalogue.ts";
import {
  answer,
  CONTACT_PAGE,
  countRows,
  createSeededApp,
  errorSummaryLinks,
  formFields,
  inputValue,
  location,
  NAME_PAGE,
  SAMPLE,
  startResidence,
  submitMultipart,
} from "./testing.ts";

let app: TestApp;
// The upload limit of the server (300 000 bytes) is below the demo questions' own 10 MB limit,
// so that both the question's limit and the server's can be tried with small files.
before(async () => {
  app = await createSeededApp({ env: { MAX_UPLOAD_BYTES: "300000" } });
  await importCatalogue({
    db: app.deps.db,
    categories: [],
    lifeEvents: [],
    procedures: [
      {
        slug: "upload-test",
        title: { ja: "添付のテスト", en: "Upload test" },
        reading: "てんぷのてすと",
        summary: { ja: "PDFだけを受け付けるテスト用の手続きです。", en: "A test procedure that accepts PDF only." },
        departmentCode: "ward-counter",
        categoryCode: "living",
        lifeEvents: [],
        keywords: [],
        whoCanApply: { ja: "だれでも", en: "Anyone" },
        whatYouNeed: [],
        fee: null,
        processingTime: { ja: "すぐ", en: "At once" },
        channel: "online",
        form: {
          pages: [
            {
              id: "doc",
              title: { ja: "書類を添付してください", en: "Attach the document" },
              questions: [{ id: "scan", type: "file", label: { ja: "申請書の写し", en: "Copy of the form" }, accept: ["pdf"], maxBytes: 100 * 1024 }],
            },
            {
              id: "note",
              title: { ja: "連絡事項", en: "Notes" },
              questions: [{ id: "note", type: "text", label: { ja: "連絡事項", en: "Notes" }, required: false }],
            },
          ],
        },
      },
    ],
  });
});
after(async () => {
  await app.stop();
});

async function startUploadTest(resident: SignedInResident): Promise<string> {
  const started = await resident.browser.submit("/procedures/upload-test", {}, "/procedures/upload-test/start");
  return location(started).split("/")[2]!;
}

function pdfOfSize(bytes: number): Buffer {
  return Buffer.concat([SAMPLE.pdf, Buffer.alloc(bytes - SAMPLE.pdf.length, 0x20)]);
}

describe("uploads", () => {
  it("refuses a PNG renamed .pdf when only PDF is accepted, saying why, and stores nothing", async () => {
    const resident = await signUpResident(app);
    const draftId = await startUploadTest(resident);
    const files = await countRows(app, "files");
    const renamed = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue" }, [
      { name: "scan", filename: "scan.pdf", contentType: "application/pdf", bytes: SAMPLE.png },
    ]);
    assert.equal(renamed.statusCode, 422);
    assert.deepEqual(errorSummaryLinks(renamed.body), [
      { href: "#scan", text: "ファイル名は「.pdf」ですが、中身はPNG画像です。PDFのファイルを選び直してください" },
    ]);
    const png = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue" }, [
      { name: "scan", filename: "scan.png", contentType: "image/png", bytes: SAMPLE.png },
    ]);
    assert.equal(png.statusCode, 422);
    assert.equal(errorSummaryLinks(png.body)[0]!.text, "申請書の写しにはPDFのファイルを選んでください");
    await resident.browser.get("/lang/en?next=/");
    const english = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue" }, [
      { name: "scan", filename: "scan.pdf", contentType: "application/pdf", bytes: SAMPLE.png },
    ]);
    assert.match(errorSummaryLinks(english.body)[0]!.text, /ends in \.pdf but the file is a PNG image/);
    assert.equal(await countRows(app, "files"), files);
  });

  it("refuses a file over the question's limit", async () => {
    const resident = await signUpResident(app);
    const draftId = await startUploadTest(resident);
    const big = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue" }, [
      { name: "scan", filename: "big.pdf", contentType: "application/pdf", bytes: pdfOfSize(150 * 1024) },
    ]);
    assert.equal(big.statusCode, 422);
    assert.match(errorSummaryLinks(big.body)[0]!.text, /^ファイルは100KB以下にしてください（選んだファイルは150KBです）$/);
  });

  it("refuses a file over the server's upload limit with a message, not a crash", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    for (const [pageId, fields] of [
      ["certificate", { certificate_type: "resident_record" }],
      ["requester", { requester_type: "agent" }],
      ["requester_name", NAME_PAGE],
      ["requester_contact", CONTACT_PAGE],
    ] as const) {
      assert.equal((await answer(resident.browser, draftId, pageId, fields)).statusCode, 303, pageId);
    }
    const files = await countRows(app, "files");
    const huge = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/agent`, { _action: "continue", agent_relationship: "子" }, [
      { name: "power_of_attorney", filename: "ininjo.pdf", contentType: "application/pdf", bytes: pdfOfSize(400_000) },
    ]);
    assert.equal(huge.statusCode, 422);
    assert.deepEqual(errorSummaryLinks(huge.body), [
      { href: "#power_of_attorney", text: "ファイルは292KB以下にしてください（選んだファイルは292KBを超えています）" },
    ]);
    assert.equal(inputValue(huge.body, "agent_relationship"), "子", "the other answers are kept");
    assert.equal(await countRows(app, "files"), files);
  });

  it("refuses a forged request with more files than the page has file inputs, storing none", async () => {
    const resident = await signUpResident(app);
    const draftId = await startUploadTest(resident);
    const files = await countRows(app, "files");
    const forged = await submitMultipart(
      resident.browser,
      `/drafts/${draftId}/pages/doc`,
      { _action: "continue" },
      [1, 2, 3, 4].map((n) => ({ name: "scan", filename: `scan${n}.pdf`, contentType: "application/pdf", bytes: SAMPLE.pdf })),
    );
    assert.equal(forged.statusCode, 413);
    assert.equal(await countRows(app, "files"), files);
  });

  it("stores a good PDF, keeps it when the page is shown again, and lets only its owner download it", async () => {
    const resident = await signUpResident(app);
    const draftId = await startUploadTest(resident);
    const saved = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue" }, [
      { name: "scan", filename: "申請書 (1).pdf", contentType: "application/pdf", bytes: SAMPLE.pdf },
    ]);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
    assert.equal(location(saved), `/drafts/${draftId}/pages/note`);
    const [draft] = await queryRows<{ answers: { scan: { fileId: string; name: string; size: number; kind: string } } }>(
      app.deps.db,
      sql`SELECT answers FROM drafts WHERE id = ${draftId}`,
    );
    const scan = draft!.answers.scan;
    assert.deepEqual({ ...scan, fileId: "x" }, { fileId: "x", name: "申請書 (1).pdf", size: SAMPLE.pdf.length, kind: "pdf" });
    const [owner] = await queryRows<{ owner_id: string }>(app.deps.db, sql`SELECT owner_id FROM files WHERE id = ${scan.fileId}`);
    assert.equal(owner!.owner_id, resident.userId);

    // Shown again, the page says the file is attached; continuing without a new file keeps it.
    const again = await resident.browser.get(`/drafts/${draftId}/pages/doc`);
    assert.match(again.body, /添付済みのファイル：申請書 \(1\)\.pdf/);
    const kept = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue", scan: inputValue(again.body, "scan") });
    assert.equal(kept.statusCode, 303);
    // Removing it makes the required question unanswered again.
    const removed = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/doc`, { _action: "continue", scan: inputValue(again.body, "scan"), "scan.remove": "1" });
    assert.equal(removed.statusCode, 422);

    const download = await resident.browser.get(`/files/${scan.fileId}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["content-type"], "application/pdf");
    assert.equal(download.headers["x-content-type-options"], "nosniff");
    assert.match(String(download.headers["content-disposition"]), /^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''%E7%94%B3%E8%AB%8B%E6%9B%B8%20%281%29\.pdf$/);
    assert.deepEqual(download.rawPayload, SAMPLE.pdf);

    const other = await signUpResident(app);
    const refused = await other.browser.get(`/files/${scan.fileId}`);
    assert.equal(refused.statusCode, 404);
    assert.doesNotMatch(refused.body, /%PDF/);
    const anonymous = await app.http.inject({ url: `/files/${scan.fileId}` });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/auth\/sign-in\?next=/);
  });

  it("save and exit keeps a file uploaded on a page with other errors", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    for (const [pageId, fields] of [
      ["certificate", { certificate_type: "resident_record" }],
      ["requester", { requester_type: "agent" }],
      ["requester_name", NAME_PAGE],
      ["requester_contact", CONTACT_PAGE],
    ] as const) {
      await answer(resident.browser, draftId, pageId, fields);
    }
    const exit = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/agent`, { _action: "save-and-exit", agent_relationship: "" }, [
      { name: "power_of_attorney", filename: "ininjo.png", contentType: "image/png", bytes: SAMPLE.png },
    ]);
    assert.equal(location(exit), "/my?saved=1");
    const page = await resident.browser.get(`/drafts/${draftId}/pages/agent`);
    assert.match(page.body, /添付済みのファイル：ininjo\.png/);
    const done = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/agent`, {
      _action: "continue",
      agent_relationship: "知人",
      power_of_attorney: inputValue(page.body, "power_of_attorney"),
    });
    assert.equal(location(done), `/drafts/${draftId}/pages/subject`);
  });

  it("keeps each child's file with the right child when items of a repeating group are added and removed", async () => {
    const resident = await signUpResident(app);
    const started = await resident.browser.submit("/procedures/child-medical-subsidy", {}, "/procedures/child-medical-subsidy/start");
    const draftId = location(started).split("/")[2]!;
    const steps = [
      ["guardian", {
        "guardian_name.family": "金", "guardian_name.given": "美玲", "guardian_furigana.family": "キム", "guardian_furigana.given": "ミレイ",
        "guardian_birth_date.era": "seireki", "guardian_birth_date.year": "1991", "guardian_birth_date.month": "3", "guardian_birth_date.day": "27",
        guardian_relationship: "mother",
      }],
      ["guardian_contact", { "guardian_address.postalCode": "547-0044", "guardian_address.address": "大阪市平野区平野本町4丁目", guardian_phone: "07000009012", guardian_email: "" }],
      ["insurance", { insurance_type: "kokuho_osaka" }],
      ["insurance_details", { insurer_number: "123456", insurance_number: "789", "insured_person_name.family": "金", "insured_person_name.given": "美玲" }],
    ] as const;
    for (const [pageId, fields] of steps) assert.equal((await answer(resident.browser, draftId, pageId, fields)).statusCode, 303, pageId);
    const child = (n: number, given: string, day: string) => ({
      [`children.${n}.child_name.family`]: "金",
      [`children.${n}.child_name.given`]: given,
      [`children.${n}.child_furigana.family`]: "キム",
      [`children.${n}.child_furigana.given`]: "ハナ",
      [`children.${n}.child_birth_date.era`]: "seireki",
      [`children.${n}.child_birth_date.year`]: "2020",
      [`children.${n}.child_birth_date.month`]: "5",
      [`children.${n}.child_birth_date.day`]: day,
      [`children.${n}.child_sex`]: "female",
    });
    const url = `/drafts/${draftId}/pages/children`;
    // Child 1 with a file, then 「お子さんを追加」: the file is stored and kept on the page shown again.
    const added = await submitMultipart(resident.browser, url, { _action: "add:children", "children._count": "1", ...child(0, "花", "1") }, [
      { name: "children.0.child_insurance_card", filename: "hana.pdf", contentType: "application/pdf", bytes: SAMPLE.pdf },
    ]);
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /添付済みのファイル：hana\.pdf/);
    // Child 2 with a file; continue saves both.
    const both = await submitMultipart(resident.browser, url, { ...formFields(added.body), ...child(1, "空", "2"), _action: "continue" }, [
      { name: "children.1.child_insurance_card", filename: "sora.png", contentType: "image/png", bytes: SAMPLE.png },
    ]);
    assert.equal(both.statusCode, 303, both.body.slice(0, 3000));
    type Child = { child_name: { given: string }; child_insurance_card: { name: string; fileId: string } };
    const children = async () =>
      (await queryRows<{ children: Child[] }>(app.deps.db, sql`SELECT answers -> 'children' AS children FROM drafts WHERE id = ${draftId}`))[0]!.children;
    const saved = await children();
    assert.deepEqual(saved.map((c) => [c.child_name.given, c.child_insurance_card.name]), [["花", "hana.pdf"], ["空", "sora.png"]]);
    // Remove child 1: child 2 moves up with its own file.
    const page = await resident.browser.get(url);
    const removed = await submitMultipart(resident.browser, url, { ...formFields(page.body), _action: "remove:children:0" });
    assert.equal(removed.statusCode, 200);
    assert.equal(inputValue(removed.body, "children._count"), "1");
    assert.match(removed.body, /添付済みのファイル：sora\.png/);
    assert.doesNotMatch(removed.body, /hana\.pdf/);
    const continued = await submitMultipart(resident.browser, url, { ...formFields(removed.body), _action: "continue" });
    assert.equal(continued.statusCode, 303);
    const after = await children();
    assert.deepEqual(after.map((c) => [c.child_name.given, c.child_insurance_card.fileId]), [["空", saved[1]!.child_insurance_card.fileId]]);
  });
});
