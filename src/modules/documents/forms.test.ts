import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { isoToWareki, todayInJapan } from "../../core/text/wareki.ts";
import type { TestApp } from "../../testing/app.ts";
import { createStaff, signInStaff, signUpResident, type Browser, type SignedInResident } from "../identity/testing.ts";
import { updateResidentProfile } from "../identity/index.ts";
import { createSeededApp, formAction, location, multipartBody } from "../procedures/testing.ts";
import { hasCommand, makePaperForm, pdfText, pdfWords } from "./testing.ts";

let app: TestApp;
let clerk: Browser;
let outsider: Browser;
let resident: SignedInResident;
let formId: string;
const PAGE_HEIGHT = 841.89;

async function upload(browser: Browser, fields: Record<string, string>, file?: { filename: string; bytes: Uint8Array }) {
  const page = await browser.get("/staff/documents");
  const action = formAction(page.body);
  const { payload, contentType } = multipartBody(fields, file ? [{ name: "file", filename: file.filename, contentType: "application/pdf", bytes: Buffer.from(file.bytes) }] : []);
  return browser.request({ method: "POST", url: action, payload, headers: { "content-type": contentType } });
}

before(async () => {
  app = await createSeededApp();
  const staff = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "clerk" }] });
  clerk = await signInStaff(app, staff.email, staff.password);
  const [otherDepartment] = await queryRows<{ code: string }>(app.deps.db, sql`SELECT code FROM departments WHERE code <> 'ward-counter' ORDER BY code LIMIT 1`);
  const stranger = await createStaff(app, { roles: [{ departmentCode: otherDepartment!.code, role: "manager" }] });
  outsider = await signInStaff(app, stranger.email, stranger.password);
  resident = await signUpResident(app, { familyName: "松本", givenName: "陽子", familyKana: "マツモト", givenKana: "ヨウコ" });
  await updateResidentProfile({ db: app.deps.db, userId: resident.userId, birthDate: "1988-06-14", postalCode: "5300041", address: "大阪府大阪市北区天神橋3丁目9-99 天神橋ハイツ501", phone: "09000001234" });
});
after(async () => {
  await app?.stop();
});

describe("staff register a PDF form", () => {
  test("only staff: nobody is sent to the staff sign-in, a resident is refused", async () => {
    const anonymous = await app.http.inject({ url: "/staff/documents" });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/staff\/sign-in/);
    assert.equal((await resident.browser.get("/staff/documents")).statusCode, 403);
  });

  test("every problem is reported at once: no title, a file that is not a PDF", async () => {
    const response = await upload(clerk, { title: "", departmentCode: "ward-counter" }, { filename: "form.pdf", bytes: new TextEncoder().encode("GIF89a not a pdf") });
    assert.equal(response.statusCode, 422);
    assert.ok(response.body.includes("様式の名前を入力してください"));
    // The title is checked first; the file is checked once the fields are right.
    const notPdf = await upload(clerk, { title: "住民票の写し等交付請求書", departmentCode: "ward-counter" }, { filename: "form.pdf", bytes: new TextEncoder().encode("GIF89a not a pdf") });
    assert.equal(notPdf.statusCode, 422);
    assert.ok(notPdf.body.includes("PDFではありません"));
    const otherDepartment = await upload(clerk, { title: "x", departmentCode: "welfare-nope" }, { filename: "form.pdf", bytes: await makePaperForm(1) });
    assert.equal(otherDepartment.statusCode, 422);
    assert.ok(otherDepartment.body.includes("担当部署を選んでください"));
    const tooMany = await upload(clerk, { title: "x", departmentCode: "ward-counter" }, { filename: "form.pdf", bytes: await makePaperForm(21) });
    assert.equal(tooMany.statusCode, 422);
    assert.ok(tooMany.body.includes("20ページまで"));
  });

  test("a two-page form is stored with its page sizes and PNG previews", async () => {
    const response = await upload(clerk, { title: "住民票の写し等交付請求書", departmentCode: "ward-counter" }, { filename: "請求書.pdf", bytes: await makePaperForm(2) });
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
    const match = /^\/staff\/documents\/forms\/([0-9a-f-]{36})\?done=uploaded$/.exec(location(response));
    assert.ok(match);
    formId = match[1]!;
    const builder = await clerk.get(`/staff/documents/forms/${formId}`);
    assert.equal(builder.statusCode, 200);
    assert.ok(builder.body.includes("住民票の写し等交付請求書"));
    if (hasCommand("pdftoppm")) {
      assert.equal((builder.body.match(/<svg class="documents-page"/g) ?? []).length, 2);
      const png = await clerk.get(`/staff/documents/forms/${formId}/pages/1.png`);
      assert.equal(png.statusCode, 200);
      assert.equal(png.headers["content-type"], "image/png");
      assert.deepEqual([...png.rawPayload.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      assert.equal((await clerk.get(`/staff/documents/forms/${formId}/pages/3.png`)).statusCode, 404);
    }
    assert.equal((await outsider.get(`/staff/documents/forms/${formId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/staff/documents/forms/${formId}/pages/1.png`)).statusCode, 404);
  });
});

describe("placing fields", () => {
  const add = (fields: Record<string, string>) => clerk.submit(`/staff/documents/forms/${formId}`, fields, `/staff/documents/forms/${formId}/fields`);

  test("a refused field shows every problem beside its input and keeps what was typed", async () => {
    const response = await add({ source: "nope", page: "3", x: "９９９", y: "-1", fontSize: "50", maxWidth: "" });
    assert.equal(response.statusCode, 422);
    for (const message of ["ページは1から2の数字", "縦の位置（y）は0から841", "文字の大きさは6から36", "印字する内容を選んでください"]) {
      assert.ok(response.body.includes(message), message);
    }
    assert.match(response.body, /id="add-x" name="x" type="text" value="９９９"/);
  });

  test("fields are added with full-width digits accepted, changed and deleted", async () => {
    const fields: Array<Record<string, string>> = [
      { source: "name", page: "1", x: "145", y: "708", fontSize: "14", maxWidth: "" },
      { source: "furigana", page: "1", x: "145", y: "658", fontSize: "11", maxWidth: "0" },
      { source: "address", page: "1", x: "145", y: "608", fontSize: "12", maxWidth: "390" },
      { source: "birth_date_wareki", page: "２", x: "１４５", y: "558", fontSize: "12", maxWidth: "" },
      { source: "phone", page: "1", x: "400", y: "790", fontSize: "10", maxWidth: "" },
    ];
    for (const field of fields) {
      const response = await add(field);
      assert.equal(response.statusCode, 303, response.body.slice(0, 800));
    }
    const stored = await queryRows<{ id: string; source: string; page: number }>(app.deps.db, sql`SELECT id, source, page FROM pdf_form_fields WHERE form_id = ${formId}::uuid ORDER BY created_at`);
    assert.deepEqual(stored.map((f) => `${f.source}@${f.page}`), ["name@1", "furigana@1", "address@1", "birth_date_wareki@2", "phone@1"]);
    const phone = stored[4]!;
    const changed = await clerk.submit(`/staff/documents/forms/${formId}`, { source: "postal_code", page: "1", x: "400", y: "780", fontSize: "10", maxWidth: "0" }, `/staff/documents/forms/${formId}/fields/${phone.id}`);
    assert.equal(changed.statusCode, 303);
    const refused = await clerk.submit(`/staff/documents/forms/${formId}`, { source: "postal_code", page: "1", x: "abc", y: "780", fontSize: "10" }, `/staff/documents/forms/${formId}/fields/${phone.id}`);
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes('href="#f5-x"'));
    const extra = await add({ source: "today_seireki", page: "1", x: "10", y: "10", fontSize: "8" });
    assert.equal(extra.statusCode, 303);
    const [last] = await queryRows<{ id: string }>(app.deps.db, sql`SELECT id FROM pdf_form_fields WHERE form_id = ${formId}::uuid AND source = 'today_seireki'`);
    const deleted = await clerk.submit(`/staff/documents/forms/${formId}`, {}, `/staff/documents/forms/${formId}/fields/${last!.id}/delete`);
    assert.equal(deleted.statusCode, 303);
    assert.equal((await outsider.post(`/staff/documents/forms/${formId}/fields`, { source: "name", page: "1", x: "1", y: "1", fontSize: "10" })).statusCode, 404);
    const page = await clerk.get(`/staff/documents/forms/${formId}`);
    assert.equal((page.body.match(/class="documents-page__field"/g) ?? []).length, hasCommand("pdftoppm") ? 5 : 0);
  });
});

describe("residents download the form with their details printed", () => {
  test("an unpublished form is not offered", async () => {
    assert.equal((await resident.browser.get(`/forms/${formId}/prefilled.pdf`)).statusCode, 404);
    assert.ok(!(await resident.browser.get("/forms")).body.includes(formId));
  });

  test("once published, the prefilled PDF has the profile in the right boxes", async () => {
    const published = await clerk.submit(`/staff/documents/forms/${formId}`, { published: "true" }, `/staff/documents/forms/${formId}/publish`);
    assert.equal(published.statusCode, 303);
    const list = await resident.browser.get("/forms");
    assert.ok(list.body.includes(`/forms/${formId}/prefilled.pdf`));
    const response = await resident.browser.get(`/forms/${formId}/prefilled.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "application/pdf");
    const text = pdfText(response.rawPayload);
    for (const expected of ["松本 陽子", "マツモト ヨウコ", "大阪府大阪市北区天神橋3丁目9-99 天神橋ハイツ501", "昭和63年6月14日", "530-0041", "Application form - page 1"]) {
      assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
    }
    const words = pdfWords(response.rawPayload);
    const at = (text: string) => {
      const word = words.find((w) => w.text === text);
      assert.ok(word, `no word ${text}: ${words.map((w) => w.text).join(" ")}`);
      return word;
    };
    const name = at("松本");
    assert.equal(name.page, 1);
    assert.ok(Math.abs(name.xMin - 145) < 1, `x ${name.xMin}`);
    // The baseline is 708 points from the bottom; the word's box reaches the font's descent below it.
    const baselineFromTop = PAGE_HEIGHT - 708;
    assert.ok(name.yMax > baselineFromTop && name.yMax < baselineFromTop + 14 * 0.3, `yMax ${name.yMax}`);
    assert.ok(name.yMin < baselineFromTop - 14 * 0.7, `yMin ${name.yMin}`);
    const birth = at("昭和63年6月14日");
    assert.equal(birth.page, 2);
    assert.ok(Math.abs(birth.xMin - 145) < 1);
    const address = words.find((w) => w.text.startsWith("大阪府"))!;
    assert.ok(address.xMax - address.xMin <= 390.5, "the address was shrunk into its box");
    assert.equal((await app.http.inject({ url: `/forms/${formId}/prefilled.pdf` })).statusCode, 303, "sign in first");
    assert.equal((await app.http.inject({ url: `/forms/${formId}/blank.pdf` })).statusCode, 200);
  });

  test("staff print the form for a visitor at the counter and make a sample print", async () => {
    const refused = await clerk.submit(`/staff/documents/forms/${formId}/fill`, { name_family: "吉田", birth_date: "1965-13-02" });
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes("生年月日は「1988-06-14」の形で入力してください"));
    assert.match(refused.body, /value="吉田"/);
    const filled = await clerk.submit(`/staff/documents/forms/${formId}/fill`, {
      name_family: "吉田",
      name_given: "健一",
      furigana_family: "よしだ",
      furigana_given: "けんいち",
      postal_code: "５３２－００２４",
      address: "大阪府大阪市淀川区十三本町2丁目99-9",
      birth_date: "1965/11/2",
      phone: "",
    });
    assert.equal(filled.statusCode, 200);
    const text = pdfText(filled.rawPayload);
    for (const expected of ["吉田 健一", "ヨシダ ケンイチ", "532-0024", "昭和40年11月2日"]) assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
    const sample = await clerk.get(`/staff/documents/forms/${formId}/sample.pdf`);
    assert.ok(pdfText(sample.rawPayload).includes("大阪 花子"));
    assert.equal((await outsider.get(`/staff/documents/forms/${formId}/fill`)).statusCode, 404);
    const audits = await queryRows<{ data: Record<string, unknown> }>(app.deps.db, sql`SELECT data FROM audit_log WHERE action = 'documents.form_printed_at_counter'`);
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]!.data, {}, "what was typed is not in the audit log");
  });

  test("today's date prints in 和暦", async () => {
    const wareki = isoToWareki(todayInJapan())!.label;
    await clerk.submit(`/staff/documents/forms/${formId}`, { source: "today_wareki", page: "2", x: "300", y: "300", fontSize: "10" }, `/staff/documents/forms/${formId}/fields`);
    const response = await resident.browser.get(`/forms/${formId}/prefilled.pdf`);
    assert.ok(pdfText(response.rawPayload).includes(wareki));
  });
});
