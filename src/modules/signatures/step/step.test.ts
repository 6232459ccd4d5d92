/**
 * The signature step of an application, end to end against real PostgreSQL with an openssl-built
 * JPKI-like PKI (testing/test-pki.ts) as the configured trust: 住民票の写し needs level 2 or a
 * signature (the identity demo requirements); the resident downloads the canonical data, uploads
 * CMS signatures that fail for each reason and one that verifies, changes an answer (the signature
 * goes stale), signs again and submits; staff see the signer's 基本4情報 on the case page.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import type { TestApp } from "../../../testing/app.ts";
import { createStaff, signInStaff, signUpResident, type SignedInResident } from "../../identity/testing.ts";
import { seedIdentityDemo, setProcedureRequirement } from "../../identity/index.ts";
import { answer, createSeededApp, fillResidenceAsSelf, location, multipartBody, startResidence, submitMultipart } from "../../procedures/testing.ts";
import { canonicalApplicationBytes } from "../canonical.ts";
import { createTestPki, TEST_SIGNER_IDENTITY, type TestPki } from "../testing/test-pki.ts";

let app: TestApp;
let pki: TestPki;
before(async () => {
  pki = createTestPki();
  const crl = pki.write("trust-crl.pem", pki.crl);
  // The signature trust is read from the environment, like the seal's.
  process.env.SIGNATURE_TRUST_ANCHORS_PATH = pki.root.cert;
  process.env.SIGNATURE_CRL_PATHS = crl;
  app = await createSeededApp();
  await seedIdentityDemo(app.deps.db);
});
after(async () => {
  await app?.stop();
  pki?.dispose();
});

/** 大阪 太郎, the name on the test signing certificate. */
async function taro(): Promise<SignedInResident> {
  return signUpResident(app, { familyName: "大阪", givenName: "太郎", familyKana: "オオサカ", givenKana: "タロウ" });
}

async function upload(resident: SignedInResident, draftId: string, bytes: Uint8Array, filename = "署名.p7s") {
  return submitMultipart(resident.browser, `/drafts/${draftId}/signature`, {}, [{ name: "signature", filename, contentType: "application/pkcs7-signature", bytes: Buffer.from(bytes) }]);
}

async function download(resident: SignedInResident, draftId: string): Promise<Buffer> {
  const response = await resident.browser.get(`/drafts/${draftId}/signature/data`);
  assert.equal(response.statusCode, 200);
  assert.match(response.headers["content-type"] as string, /^application\/json/);
  assert.match(response.headers["content-disposition"] as string, /attachment/);
  return response.rawPayload;
}

describe("signing 住民票の写し with a JPKI-like certificate", () => {
  let resident: SignedInResident;
  let draftId: string;

  test("a level-1 resident may start (a signature can make up for the level) and is offered to sign; submitting unsigned explains the ways", async () => {
    resident = await taro();
    draftId = await startResidence(resident);
    await fillResidenceAsSelf(resident.browser, draftId);
    const check = await resident.browser.get(`/drafts/${draftId}/check`);
    assert.match(check.body, /<h2 id="signature-title">電子署名<\/h2>/);
    assert.match(check.body, /マイナンバーカードで申請に電子署名をして申請することもできます/);
    assert.match(check.body, new RegExp(`href="/drafts/${draftId}/signature"`));

    const refused = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /本人確認のレベルが足りません/);
    assert.match(refused.body, /レベル2（パスキー/);
    assert.match(refused.body, /パスキーを登録する/);
    assert.match(refused.body, /申請に電子署名をする/);
    const [count] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM applications WHERE draft_id = ${draftId}`);
    assert.equal(count!.n, 0);
  });

  test("the signature page works without JavaScript and the data to sign is the canonical JSON of the application", async () => {
    const page = await resident.browser.get(`/drafts/${draftId}/signature`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>申請に電子署名をする<\/h1>/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /<label class="field__label" for="signature">/);
    assert.doesNotMatch(page.body, /<script/);
    const data = await download(resident, draftId);
    const parsed = JSON.parse(data.toString("utf8"));
    assert.equal(parsed.procedure, "residence-certificate");
    assert.equal(parsed.draftId, draftId);
    assert.equal(parsed.answers.certificate_type, "resident_record");
    assert.equal(parsed.answers.declaration, undefined);
    assert.deepEqual(Buffer.from(canonicalApplicationBytes(parsed)), data);
  });

  test("bad signatures are refused with a message saying how to fix it, all on the same page (422)", async () => {
    const data = await download(resident, draftId);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["empty", new Uint8Array(0), /署名ファイルを選んでください/],
      ["not a CMS", Buffer.from("これは署名ではありません"), /署名ファイルとして読み取れませんでした/],
      ["other content", pki.sign({ signer: pki.signer, content: "other data" }), /この申請の内容と一致しません/],
      ["expired certificate", pki.sign({ signer: pki.expired, content: data }), /有効期限が切れています/],
      ["revoked certificate", pki.sign({ signer: pki.revoked, content: data }), /失効しています/],
      ["untrusted CA", pki.sign({ signer: pki.otherSigner, content: data, certfile: null }), /証明書を確認できませんでした/],
      ["not a signing certificate", pki.sign({ signer: pki.noSigning, content: data }), /この証明書は署名に使えません/],
      ["SHA-1", pki.sign({ signer: pki.signer, content: data, md: "sha1" }), /署名の方式に対応していません/],
    ];
    for (const [label, bytes, message] of cases) {
      const response = await upload(resident, draftId, bytes);
      assert.equal(response.statusCode, 422, label);
      assert.match(response.body, message, label);
      assert.match(response.body, /class="error-summary"/, label);
      assert.match(response.body, /aria-invalid="true"/, label);
    }
    const [kept] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM draft_signatures WHERE draft_id = ${draftId}`);
    assert.equal(kept!.n, 0);
  });

  test("a valid detached DER signature is kept; a changed answer makes it stale; a new attached PEM signature counts", async () => {
    const data = await download(resident, draftId);
    const signed = await upload(resident, draftId, pki.sign({ signer: pki.signer, content: data }));
    assert.equal(signed.statusCode, 303, signed.body.slice(0, 500));
    assert.equal(location(signed), `/drafts/${draftId}/check#signature`);
    const check = await resident.browser.get(`/drafts/${draftId}/check`);
    assert.match(check.body, /大阪 太郎 さんの電子署名を確認しました/);

    const changed = await answer(resident.browser, draftId, "copies", { copies: "1" }, "?return=check");
    assert.equal(changed.statusCode, 303);
    const stale = await resident.browser.get(`/drafts/${draftId}/check`);
    assert.match(stale.body, /署名した後で申請の内容が変わりました/);
    assert.equal((await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" })).statusCode, 403);

    const again = await upload(resident, draftId, pki.sign({ signer: pki.signer, content: await download(resident, draftId), detached: false, outform: "PEM" }), "署名.pem");
    assert.equal(again.statusCode, 303);
  });

  test("submitting records the verified signer with the application and raises the account (same name) to level 3", async () => {
    const submitted = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 500));
    const [application] = await queryRows<{ id: string }>(app.deps.db, sql`SELECT id FROM applications WHERE draft_id = ${draftId}`);
    assert.ok(application);
    const records = await queryRows<{ valid: boolean; signer: { name: string; address: string; birthDate: string } }>(
      app.deps.db,
      sql`SELECT valid, signer FROM signature_verifications WHERE application_id = ${application.id}`,
    );
    assert.equal(records.length, 1);
    assert.equal(records[0]!.valid, true);
    assert.equal(records[0]!.signer.name, TEST_SIGNER_IDENTITY.name);
    assert.equal(records[0]!.signer.address, TEST_SIGNER_IDENTITY.address);
    assert.equal(records[0]!.signer.birthDate, TEST_SIGNER_IDENTITY.birthDate);
    const [left] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM draft_signatures WHERE draft_id = ${draftId}`);
    assert.equal(left!.n, 0);
    const [account] = await queryRows<{ level: number; method: string }>(
      app.deps.db,
      sql`SELECT u.assurance_level AS level, e.method FROM users u JOIN assurance_events e ON e.user_id = u.id WHERE u.id = ${resident.userId}`,
    );
    assert.deepEqual(account, { level: 3, method: "jpki_signature" });
    // After submission the signature pages lead to the application.
    assert.equal((await resident.browser.get(`/drafts/${draftId}/signature`)).statusCode, 303);

    const staff = await createStaff(app, { roles: [{ departmentCode: "ward-counter", role: "clerk" }] });
    const browser = await signInStaff(app, staff.email, staff.password);
    const casePage = await browser.get(`/staff/cases/${application.id}`);
    assert.equal(casePage.statusCode, 200);
    assert.match(casePage.body, /<h2>電子署名<\/h2>/);
    assert.match(casePage.body, /有効な署名/);
    assert.match(casePage.body, /大阪 太郎/);
    assert.match(casePage.body, /大阪府大阪市北区中之島1丁目3番20号/);
    assert.match(casePage.body, /1980年4月15日/);
    assert.match(casePage.body, /CRL で確認済み/);
  });

  test("a signer whose name differs from the account's signs validly but does not raise the account", async () => {
    const other = await signUpResident(app, { familyName: "天満", givenName: "花子" });
    const otherDraft = await startResidence(other);
    await fillResidenceAsSelf(other.browser, otherDraft);
    assert.equal((await upload(other, otherDraft, pki.sign({ signer: pki.signer, content: await download(other, otherDraft) }))).statusCode, 303);
    assert.equal((await other.browser.post(`/drafts/${otherDraft}/submit`, { declaration: "yes" })).statusCode, 303);
    const [row] = await queryRows<{ level: number }>(app.deps.db, sql`SELECT assurance_level AS level FROM users WHERE id = ${other.userId}`);
    assert.equal(row!.level, 1);
  });

  test("someone else's draft cannot be signed or read (not found)", async () => {
    const owner = await taro();
    const ownerDraft = await startResidence(owner);
    const stranger = await taro();
    assert.equal((await stranger.browser.get(`/drafts/${ownerDraft}/signature`)).statusCode, 404);
    assert.equal((await stranger.browser.get(`/drafts/${ownerDraft}/signature/data`)).statusCode, 404);
    await stranger.browser.get("/my/profile");
    const { payload, contentType } = multipartBody({}, [{ name: "signature", filename: "x.p7s", contentType: "application/pkcs7-signature", bytes: Buffer.from([1, 2, 3]) }]);
    const forged = await stranger.browser.request({
      method: "POST",
      url: `/drafts/${ownerDraft}/signature?_csrf=${encodeURIComponent(stranger.browser.csrfToken!)}`,
      payload,
      headers: { "content-type": contentType },
    });
    assert.equal(forged.statusCode, 404);
  });

  test("a procedure that requires a signature refuses a submission without one", async () => {
    await setProcedureRequirement(app.deps.db, "residence-certificate", { requiredLevel: 1, signature: "required" });
    try {
      const person = await taro();
      const id = await startResidence(person);
      await fillResidenceAsSelf(person.browser, id);
      const check = await person.browser.get(`/drafts/${id}/check`);
      assert.match(check.body, /電子署名を付けて申請していただく必要があります/);
      const refused = await person.browser.post(`/drafts/${id}/submit`, { declaration: "yes" });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /この手続きには電子署名が必要です/);
      assert.equal((await upload(person, id, pki.sign({ signer: pki.signer, content: await download(person, id) }))).statusCode, 303);
      assert.equal((await person.browser.post(`/drafts/${id}/submit`, { declaration: "yes" })).statusCode, 303);
    } finally {
      await seedIdentityDemo(app.deps.db);
    }
  });
});
