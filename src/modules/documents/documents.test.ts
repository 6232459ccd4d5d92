import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { missingTranslations } from "../../core/i18n/index.ts";
import type { TestApp } from "../../testing/app.ts";
import { createStaff, signInStaff, signUpResident, type Browser, type SignedInResident } from "../identity/testing.ts";
import { createSeededApp, multipartBody } from "../procedures/testing.ts";
import { DOCUMENTS_ISSUE_TOPIC, documentsModule, enqueueDocumentIssue } from "./index.ts";
import { demoSealPath } from "./signing/demo-seal.ts";
import { createApplication, nssDatabaseTrusting, pdfSig, pdfText, setApplicationStatus } from "./testing.ts";
import "./messages.ts";

let app: TestApp;
let owner: SignedInResident;
let other: SignedInResident;
let clerk: Browser;
let outsider: Browser;

before(async () => {
  app = await createSeededApp();
  owner = await signUpResident(app, { familyName: "大阪", givenName: "花子" });
  other = await signUpResident(app, { familyName: "京都", givenName: "太郎" });
  const staff = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "clerk" }] });
  clerk = await signInStaff(app, staff.email, staff.password);
  const [otherDepartment] = await queryRows<{ code: string }>(app.deps.db, sql`SELECT code FROM departments WHERE code <> 'ward-counter' ORDER BY code LIMIT 1`);
  const stranger = await createStaff(app, { roles: [{ departmentCode: otherDepartment!.code, role: "manager" }] });
  outsider = await signInStaff(app, stranger.email, stranger.password);
});
after(async () => {
  await app?.stop();
});

test("every documents message has an English translation", () => {
  assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("documents.")), []);
});

describe("receipt PDF (受付票)", () => {
  test("the owner downloads it: A4 PDF with 受付番号 and the applicant's Japanese name", async () => {
    const application = await createApplication(app.deps.db, { userId: owner.userId, applicantName: "大阪 花子" });
    const response = await owner.browser.get(`/applications/${application.id}/receipt.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "application/pdf");
    assert.match(String(response.headers["content-disposition"]), /attachment; filename="receipt-D[0-9A-F]+\.pdf"; filename\*=UTF-8''%E5%8F%97%E4%BB%98%E7%A5%A8/);
    const text = pdfText(response.rawPayload);
    assert.ok(text.includes("受付番号"), text);
    assert.ok(text.includes(application.reference), text);
    assert.ok(text.includes("大阪 花子"), text);
    assert.ok(text.includes("住民票の写し交付請求"), text);
    assert.ok(text.includes(`/my/applications/${application.id}`), text);
  });

  test("another resident and staff of another department get 404; staff of the department get it; nobody is sent to sign in", async () => {
    const application = await createApplication(app.deps.db, { userId: owner.userId });
    const url = `/applications/${application.id}/receipt.pdf`;
    assert.equal((await other.browser.get(url)).statusCode, 404);
    assert.equal((await outsider.get(url)).statusCode, 404);
    assert.equal((await clerk.get(url)).statusCode, 200);
    const anonymous = await app.http.inject({ url });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/auth\/sign-in\?next=/);
    assert.equal((await owner.browser.get("/applications/not-a-uuid/receipt.pdf")).statusCode, 404);
  });
});

describe("issued 住民票の写し with e-seal and verification", () => {
  let applicationId: string;
  let documentId: string;
  let code: string;
  let pdf: Buffer;

  test("staff cannot issue before approval", async () => {
    applicationId = (await createApplication(app.deps.db, { userId: owner.userId })).id;
    const page = await clerk.get(`/staff/documents/applications/${applicationId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes("証明書は、申請を承認してから発行できます。"));
    const refused = await clerk.post(`/staff/documents/applications/${applicationId}/issue`);
    assert.equal(refused.statusCode, 422);
    assert.equal((await outsider.get(`/staff/documents/applications/${applicationId}`)).statusCode, 404);
  });

  test("after approval staff issue it once; a second issue returns the same document and is audited once", async () => {
    await setApplicationStatus(app.deps.db, applicationId, "approved");
    await clerk.get(`/staff/documents/applications/${applicationId}`);
    const issued = await clerk.post(`/staff/documents/applications/${applicationId}/issue`);
    assert.equal(issued.statusCode, 303);
    assert.equal(issued.headers.location, `/staff/documents/applications/${applicationId}?done=issued`);
    const again = await clerk.post(`/staff/documents/applications/${applicationId}/issue`);
    assert.equal(again.statusCode, 303);
    const rows = await queryRows<{ id: string; code: string }>(app.deps.db, sql`SELECT id, verification_code AS code FROM issued_documents WHERE application_id = ${applicationId}::uuid`);
    assert.equal(rows.length, 1);
    documentId = rows[0]!.id;
    code = rows[0]!.code;
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{16}$/);
    const audits = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.issued' AND object_id = ${documentId}`);
    assert.equal(audits[0]!.n, 1);
    const page = await clerk.get(`/staff/documents/applications/${applicationId}?done=issued`);
    assert.ok(page.body.includes("証明書を発行しました。"));
    assert.ok(page.body.includes(`/documents/${documentId}.pdf`));
  });

  test("the resident finds it on /my/documents and downloads a PDF that pdfsig reports valid", async () => {
    const list = await owner.browser.get("/my/documents");
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`/documents/${documentId}.pdf`));
    const response = await owner.browser.get(`/documents/${documentId}.pdf`);
    assert.equal(response.statusCode, 200);
    pdf = response.rawPayload;
    const report = pdfSig(pdf);
    assert.match(report, /Signature Validation: Signature is Valid\./, report);
    assert.match(report, /ETSI\.CAdES\.detached/);
    const nss = nssDatabaseTrusting(fs.readFileSync(demoSealPath(app.deps.config.dataDir), "utf8").split(/(?=-----BEGIN CERTIFICATE-----)/).at(-1)!);
    if (nss) {
      try {
        assert.match(pdfSig(pdf, nss), /Certificate is Trusted\./);
      } finally {
        fs.rmSync(nss, { recursive: true, force: true });
      }
    }
    const text = pdfText(pdf);
    for (const expected of ["住民票の写し", "大阪 花子", "オオサカ ハナコ", "平成2年4月1日", "大阪市北区天神橋3丁目9-99 天神橋ハイツ501", "世帯主"]) {
      assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
    }
    assert.ok(text.replace(/-/g, "").includes(code), "the verification code is printed");
    assert.equal((await other.browser.get(`/documents/${documentId}.pdf`)).statusCode, 404);
    assert.equal((await outsider.get(`/documents/${documentId}.pdf`)).statusCode, 404);
    assert.equal((await clerk.get(`/documents/${documentId}.pdf`)).statusCode, 200);
  });

  test("/verify/:code says it was issued, its type and date, and shows no personal data", async () => {
    const page = await app.http.inject({ url: `/verify/${code}` });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes("大阪市が発行したものです"));
    assert.ok(page.body.includes("住民票の写し"));
    for (const personal of ["大阪 花子", "花子", "天神橋", "オオサカ", applicationId]) assert.ok(!page.body.includes(personal), `shows ${personal}`);
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`;
    const start = await app.http.inject({ url: `/verify?code=${encodeURIComponent(typed)}` });
    assert.equal(start.statusCode, 303);
    assert.equal(start.headers.location, `/verify/${code}`);
    const unknown = await app.http.inject({ url: "/verify/ABCDEFGHJKMNPQRS" });
    assert.equal(unknown.statusCode, 404);
    assert.ok(unknown.body.includes("見つかりませんでした"));
    const bad = await app.http.inject({ url: "/verify?code=12" });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes("error-summary"));
    const api = await app.http.inject({ url: `/api/documents/verify/${code}` });
    assert.equal(api.statusCode, 200);
    const json = api.json() as Record<string, unknown>;
    assert.equal(json.found, true);
    assert.equal(json.kind, "residence_certificate");
    assert.equal(json.demo, true);
    assert.equal(Object.keys(json).some((key) => /name|address|application/i.test(key)), false);
  });

  test("uploading the PDF on the verification page checks it byte for byte", async () => {
    const visitor = new (await import("../identity/testing.ts")).Browser(app);
    const page = await visitor.get(`/verify/${code}`);
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)![1]!.replace(/&amp;/g, "&");
    const send = (bytes: Buffer, filename = "住民票.pdf") => {
      const { payload, contentType } = multipartBody({}, [{ name: "file", filename, contentType: "application/pdf", bytes }]);
      return visitor.request({ method: "POST", url: action, payload, headers: { "content-type": contentType } });
    };
    const same = await send(pdf);
    assert.equal(same.statusCode, 200);
    assert.ok(same.body.includes("同一です"), same.body.slice(0, 500));
    const changed = Buffer.from(pdf);
    changed[changed.length - 10] = changed[changed.length - 10]! ^ 1;
    const differs = await send(changed);
    assert.ok(differs.body.includes("一致しません"));
    const notPdf = await send(Buffer.from("hello"), "note.txt");
    assert.equal(notPdf.statusCode, 422);
    const withoutToken = await visitor.request({ method: "POST", url: `/verify/${code}`, payload: multipartBody({}, []).payload, headers: { "content-type": multipartBody({}, []).contentType } });
    assert.equal(withoutToken.statusCode, 403);
  });
});

describe("issuing on approval through the outbox job", () => {
  test("enqueueDocumentIssue is idempotent and the job issues for approved applications only", async () => {
    const { id } = await createApplication(app.deps.db, { userId: owner.userId });
    await app.deps.db.transaction(async (tx) => {
      await enqueueDocumentIssue(tx, { applicationId: id });
      await enqueueDocumentIssue(tx, { applicationId: id });
    });
    const queued = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM outbox WHERE topic = ${DOCUMENTS_ISSUE_TOPIC} AND payload->>'applicationId' = ${id}`);
    assert.equal(queued[0]!.n, 1);
    const handler = documentsModule.jobs!(app.deps)[DOCUMENTS_ISSUE_TOPIC]!;
    await handler({ applicationId: id });
    const count = async () => (await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM issued_documents WHERE application_id = ${id}::uuid`))[0]!.n;
    assert.equal(await count(), 0, "not approved yet: nothing issued");
    await setApplicationStatus(app.deps.db, id, "approved");
    await handler({ applicationId: id });
    await handler({ applicationId: id });
    assert.equal(await count(), 1);
    const [audit] = await queryRows<{ actorLabel: string }>(app.deps.db, sql`SELECT actor_label AS "actorLabel" FROM audit_log WHERE action = 'document.issued' ORDER BY seq DESC LIMIT 1`);
    assert.equal(audit!.actorLabel, "system:documents");
    await handler({ applicationId: "00000000-0000-0000-0000-000000000000" });
  });

  test("a procedure that issues nothing is refused by staff and skipped by the job", async () => {
    const [slug] = await queryRows<{ slug: string }>(app.deps.db, sql`SELECT slug FROM procedures WHERE department_code = 'ward-counter' AND slug <> 'residence-certificate' AND current_version_id IS NOT NULL LIMIT 1`);
    const { id } = await createApplication(app.deps.db, { userId: owner.userId, slug: slug!.slug, status: "approved" });
    await documentsModule.jobs!(app.deps)[DOCUMENTS_ISSUE_TOPIC]!({ applicationId: id });
    await clerk.get(`/staff/documents/applications/${id}`);
    const refused = await clerk.post(`/staff/documents/applications/${id}/issue`);
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes("この手続きでは証明書を発行しません。"));
  });
});
