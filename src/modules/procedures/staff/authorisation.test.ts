/**
 * Staff never see other departments' cases: ward-counter staff guess the ids of a welfare case
 * and of its file on every route; residents and visitors try the staff URLs.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import { Browser, createStaff, signInStaff, signUpResident, type SignedInResident } from "../../identity/testing.ts";
import { createCase, createFile, createResident, createStaffTestApp, seedOrganisation, WARD, WELFARE, type StaffTestApp } from "./testing.ts";

let app: StaffTestApp;
let ward: Browser;
let welfare: Browser;
let welfareCase: { id: string; reference: string };
let welfareFile: string;
let wardCase: { id: string; reference: string };
let wardFile: string;
let strayFile: string;
let resident: SignedInResident;

async function snapshot() {
  const [row] = await queryRows<{ applications: unknown; events: number; audit: number; outbox: number }>(
    app.deps.db,
    sql`SELECT (SELECT json_agg(a ORDER BY a.id) FROM applications a) AS applications,
               (SELECT count(*)::int FROM application_events) AS events,
               (SELECT count(*)::int FROM audit_log) AS audit,
               (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return row!;
}

before(async () => {
  app = await createStaffTestApp();
  const { wardProcedure, welfareProcedure } = await seedOrganisation(app.deps.db);
  const applicant = await createResident(app.deps.db);
  // One resident with a case in each department, each with a file.
  const wf = await createFile(app.deps.db, applicant, "介護保険証.pdf");
  const wd = await createFile(app.deps.db, applicant, "本人確認書類.pdf");
  strayFile = (await createFile(app.deps.db, applicant, "未使用.pdf")).fileId;
  welfareFile = wf.fileId;
  wardFile = wd.fileId;
  const answers = (file: typeof wf) => ({ full_name: { family: "大阪", given: "花子" }, phone: "0612345678", id_doc: file, purpose: "テスト" });
  welfareCase = await createCase(app.deps.db, { userId: applicant, procedureId: welfareProcedure, answers: answers(wf), reference: "WELF0001" });
  wardCase = await createCase(app.deps.db, { userId: applicant, procedureId: wardProcedure, answers: answers(wd), reference: "WARD0001" });

  const wardStaff = await createStaff(app, { roles: [{ departmentCode: WARD, role: "manager" }] });
  const welfareStaff = await createStaff(app, { roles: [{ departmentCode: WELFARE, role: "clerk" }] });
  ward = await signInStaff(app, wardStaff.email, wardStaff.password);
  welfare = await signInStaff(app, welfareStaff.email, welfareStaff.password);
  resident = await signUpResident(app);
});
after(async () => {
  await app.stop();
});

const FORMS: Array<[action: string, fields: Record<string, string>]> = [
  ["assign", { assignee: "me" }],
  ["status", { to: "reviewing" }],
  ["status", { to: "rejected", reason: "推測したIDでの操作" }],
  ["correction", { questions: "phone", message: "推測したIDでの操作" }],
  ["notes", { note: "推測したIDでの操作" }],
];

describe("staff of another department, guessing ids", () => {
  test("the welfare case page is a 404, exactly like an id that does not exist", async () => {
    const guessed = await ward.get(`/staff/cases/${welfareCase.id}`);
    const unknown = await ward.get(`/staff/cases/${randomUUID()}`);
    assert.equal(guessed.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    assert.doesNotMatch(guessed.body, /WELF0001|介護/);
    const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0];
    assert.equal(main(guessed.body), main(unknown.body));
    for (const junk of ["not-a-uuid", "1", "%27%20OR%201%3D1--", "..%2Fcases"]) {
      assert.equal((await ward.get(`/staff/cases/${junk}`)).statusCode, 404, junk);
    }
    // Their own department's case opens.
    assert.equal((await ward.get(`/staff/cases/${wardCase.id}`)).statusCode, 200);
    // And welfare staff open theirs but not the ward's.
    assert.equal((await welfare.get(`/staff/cases/${welfareCase.id}`)).statusCode, 200);
    assert.equal((await welfare.get(`/staff/cases/${wardCase.id}`)).statusCode, 404);
  });

  test("the welfare case's file is a 404, so is a file no application refers to; their own file downloads", async () => {
    assert.equal((await ward.get(`/staff/files/${welfareFile}`)).statusCode, 404);
    assert.equal((await ward.get(`/staff/files/${strayFile}`)).statusCode, 404);
    assert.equal((await ward.get(`/staff/files/${randomUUID()}`)).statusCode, 404);
    assert.equal((await ward.get(`/staff/files/nope`)).statusCode, 404);
    assert.equal((await ward.get(`/staff/files/${wardFile}`)).statusCode, 200);
    assert.equal((await welfare.get(`/staff/files/${wardFile}`)).statusCode, 404);
    assert.equal((await welfare.get(`/staff/files/${welfareFile}`)).statusCode, 200);
  });

  test("every form posted to the welfare case is a 404 and changes nothing", async () => {
    await ward.get("/staff"); // a page, for the CSRF token
    const before = await snapshot();
    for (const [action, fields] of FORMS) {
      for (const revision of ["1", "2"]) {
        const response = await ward.post(`/staff/cases/${welfareCase.id}/${action}`, { revision, ...fields });
        assert.equal(response.statusCode, 404, `${action} ${JSON.stringify(fields)}`);
        assert.doesNotMatch(response.body, /WELF0001/);
      }
      const unknown = await ward.post(`/staff/cases/${randomUUID()}/${action}`, { revision: "1", ...fields });
      assert.equal(unknown.statusCode, 404);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test("the inbox, its search and the CSV of another department are refused; search never leaks across", async () => {
    assert.equal((await ward.get(`/staff/cases?department=${WELFARE}`)).statusCode, 404);
    assert.equal((await ward.get(`/staff/cases.csv?department=${WELFARE}`)).statusCode, 404);
    const search = await ward.get("/staff/cases?q=WELF0001");
    assert.equal(search.statusCode, 200);
    assert.doesNotMatch(search.body, />WELF0001<\/a>/);
    assert.match(search.body, /条件に合う申請はありません/);
    const csv = await ward.get("/staff/cases.csv");
    assert.doesNotMatch(csv.body, /WELF0001/);
    assert.match(csv.body, /WARD0001/);
    const home = await ward.get("/staff");
    assert.doesNotMatch(home.body, /福祉局/);
  });
});

describe("residents and visitors", () => {
  const pages = () => [
    "/staff",
    "/staff/cases",
    `/staff/cases?department=${WARD}`,
    "/staff/cases.csv",
    `/staff/cases/${wardCase.id}`,
    `/staff/files/${wardFile}`,
  ];

  test("a signed-in resident gets 403 on every staff page, even for their own case and file", async () => {
    for (const url of pages()) {
      const response = await resident.browser.get(url);
      assert.equal(response.statusCode, 403, url);
      assert.doesNotMatch(response.body, /WARD0001/);
    }
  });

  test("a signed-in resident cannot post any staff form", async () => {
    await resident.browser.get("/");
    const before = await snapshot();
    for (const [action, fields] of FORMS) {
      const response = await resident.browser.post(`/staff/cases/${wardCase.id}/${action}`, { revision: "1", ...fields });
      assert.equal(response.statusCode, 403, action);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test("a visitor is sent to the staff sign-in and cannot post", async () => {
    const visitor = new Browser(app);
    for (const url of pages()) {
      const response = await visitor.get(url);
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, `/staff/sign-in?next=${encodeURIComponent(url)}`);
    }
    await visitor.get("/");
    const before = await snapshot();
    for (const [action, fields] of FORMS) {
      const response = await visitor.post(`/staff/cases/${wardCase.id}/${action}`, { revision: "1", ...fields });
      assert.ok([401, 403].includes(response.statusCode), `${action}: ${response.statusCode}`);
    }
    assert.deepEqual(await snapshot(), before);
  });
});
