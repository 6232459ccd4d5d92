/**
 * The resident's journey through an online procedure, end to end over HTTP with real sessions
 * and CSRF tokens: start → every page of 住民票の写し交付請求 → check your answers → submit →
 * receipt and e-mail; conditional pages, all errors at once, English, save and exit, resume on
 * another device, double submit, prefill from the profile.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import type { TestApp } from "../../testing/app.ts";
import { updateResidentProfile } from "../identity/index.ts";
import { Browser, signInResident, signUpResident } from "../identity/testing.ts";
import {
  answer,
  CONTACT_PAGE,
  countRows,
  createSeededApp,
  errorSummaryLinks,
  fillResidenceAsSelf,
  formAction,
  inputValue,
  location,
  NAME_PAGE,
  SAMPLE,
  startResidence,
  submitMultipart,
} from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createSeededApp();
});
after(async () => {
  await app.stop();
});

describe("starting", () => {
  it("sends someone who is not signed in to sign in, and back to the procedure", async () => {
    const browser = new Browser(app);
    const response = await browser.submit("/procedures/residence-certificate", {}, "/procedures/residence-certificate/start");
    assert.equal(response.statusCode, 303);
    assert.equal(location(response), "/auth/sign-in?next=%2Fprocedures%2Fresidence-certificate");
  });

  it("refuses to start a counter-only procedure", async () => {
    const resident = await signUpResident(app);
    const page = await resident.browser.get("/procedures/residence-certificate");
    const response = await resident.browser.post("/procedures/physical-disability-certificate/start", { _csrf: inputValue(page.body, "_csrf")! });
    assert.equal(response.statusCode, 404);
  });

  it("resumes the same draft when started twice (also a double click)", async () => {
    const resident = await signUpResident(app);
    const page = await resident.browser.get("/procedures/residence-certificate");
    const token = inputValue(page.body, "_csrf")!;
    const [a, b] = await Promise.all([
      resident.browser.post("/procedures/residence-certificate/start", { _csrf: token }),
      resident.browser.post("/procedures/residence-certificate/start", { _csrf: token }),
    ]);
    assert.equal(location(a), location(b));
    const again = await resident.browser.post("/procedures/residence-certificate/start", { _csrf: token });
    assert.equal(location(again), location(a));
    const [row] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM drafts WHERE user_id = ${resident.userId}`);
    assert.equal(row!.n, 1);
  });

  it("opens the first page, and a page that cannot be visited yet leads back to the first unanswered one", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    const resume = await resident.browser.get(`/drafts/${draftId}`);
    assert.equal(location(resume), `/drafts/${draftId}/pages/certificate`);
    const ahead = await resident.browser.get(`/drafts/${draftId}/pages/delivery`);
    assert.equal(ahead.statusCode, 303);
    assert.equal(location(ahead), `/drafts/${draftId}/pages/certificate`);
    const check = await resident.browser.get(`/drafts/${draftId}/check`);
    assert.equal(location(check), `/drafts/${draftId}/pages/certificate`);
    const unknown = await resident.browser.get(`/drafts/${draftId}/pages/no_such_page`);
    assert.equal(unknown.statusCode, 404);
  });

  it("prefills the applicant's own details from the profile, as suggestions", async () => {
    const resident = await signUpResident(app, { familyName: "松本", givenName: "陽子", familyKana: "マツモト", givenKana: "ヨウコ" });
    await updateResidentProfile({ db: app.deps.db, userId: resident.userId, birthDate: "1988-06-14", postalCode: "530-0041", address: "大阪府大阪市北区天神橋3丁目9-99", phone: "090-0000-1234" });
    const draftId = await startResidence(resident);
    await answer(resident.browser, draftId, "certificate", { certificate_type: "resident_record" });
    await answer(resident.browser, draftId, "requester", { requester_type: "self" });
    const namePage = await resident.browser.get(`/drafts/${draftId}/pages/requester_name`);
    assert.equal(inputValue(namePage.body, "requester_name.family"), "松本");
    assert.equal(inputValue(namePage.body, "requester_furigana.given"), "ヨウコ");
    assert.equal(inputValue(namePage.body, "requester_birth_date.year"), "1988");
    const [draft] = await queryRows<{ answers: Record<string, unknown> }>(app.deps.db, sql`SELECT answers FROM drafts WHERE id = ${draftId}`);
    assert.equal(draft!.answers.requester_name, undefined, "a suggestion is not an answer until confirmed");
    // Continuing with the suggested values confirms them.
    const saved = await answer(resident.browser, draftId, "requester_name", {
      "requester_name.family": inputValue(namePage.body, "requester_name.family"),
      "requester_name.given": inputValue(namePage.body, "requester_name.given"),
      "requester_furigana.family": inputValue(namePage.body, "requester_furigana.family"),
      "requester_furigana.given": inputValue(namePage.body, "requester_furigana.given"),
      "requester_birth_date.era": "seireki",
      "requester_birth_date.year": "1988",
      "requester_birth_date.month": "6",
      "requester_birth_date.day": "14",
    });
    assert.equal(saved.statusCode, 303);
    const contact = await resident.browser.get(`/drafts/${draftId}/pages/requester_contact`);
    assert.equal(inputValue(contact.body, "requester_address.postalCode"), "530-0041");
    assert.equal(inputValue(contact.body, "requester_address.address"), "大阪府大阪市北区天神橋3丁目9-99");
    assert.equal(inputValue(contact.body, "requester_phone"), "090-0000-1234");
    // Nobody else's details are prefilled (住民票が必要な方 is someone else).
    await answer(resident.browser, draftId, "requester", { requester_type: "household" });
    await answer(resident.browser, draftId, "requester_contact", CONTACT_PAGE);
    const subject = await resident.browser.get(`/drafts/${draftId}/pages/subject`);
    assert.equal(subject.statusCode, 200);
    assert.equal(inputValue(subject.body, "subject_name.family"), "");
  });
});

describe("the whole journey of 住民票の写し交付請求", () => {
  it("goes through every page, shows check your answers, submits once and gives a 受付番号 and an e-mail", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await fillResidenceAsSelf(resident.browser, draftId);

    const check = await resident.browser.get(`/drafts/${draftId}/check`);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /<h1>申請内容の確認<\/h1>/);
    assert.match(check.body, /大阪　花子/);
    assert.match(check.body, /オオサカ　ハナコ/, "furigana typed in hiragana and half-width kana is stored in katakana");
    assert.match(check.body, /1990年（平成2年）4月1日/);
    assert.match(check.body, /〒530-0041/);
    assert.match(check.body, /06-6208-8181/);
    assert.match(check.body, /免許証\.pdf/);
    assert.match(check.body, /href="\/drafts\/[^"]+\/pages\/copies\?return=check"/);
    assert.doesNotMatch(check.body, /代理人として請求する方へ/, "the 代理人 page was skipped");
    assert.match(check.body, /記入した内容に偽りはありません/, "the closing declaration is on check your answers");
    assert.equal(formAction(check.body), `/drafts/${draftId}/submit`);

    // Without confirming the declaration: 422 with the error on the check page.
    const unconfirmed = await resident.browser.post(`/drafts/${draftId}/submit`, {});
    assert.equal(unconfirmed.statusCode, 422);
    assert.deepEqual(errorSummaryLinks(unconfirmed.body).map((l) => l.href), ["#declaration"]);
    assert.equal(await countRows(app, "applications"), 0);

    const before = await countRows(app, "outbox");
    const submitted = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
    assert.equal(submitted.statusCode, 303);
    const receiptUrl = location(submitted);
    assert.match(receiptUrl, /^\/applications\/[0-9a-f-]{36}\/receipt$/);
    const receipt = await resident.browser.get(receiptUrl);
    assert.equal(receipt.statusCode, 200);
    const reference = /<strong class="reference">([^<]+)<\/strong>/.exec(receipt.body)?.[1];
    assert.match(reference ?? "", /^\d{8}-\d{6}$/);
    assert.match(receipt.body, /申請を受け付けました/);
    assert.match(receipt.body, /これからの流れ/);
    assert.match(receipt.body, /href="\/my"/);

    const [application] = await queryRows<{ id: string; status: string; reference: string; applicant_name: string; answers: Record<string, unknown>; department_code: string }>(
      app.deps.db,
      sql`SELECT id, status, reference, applicant_name, answers, department_code FROM applications WHERE draft_id = ${draftId}`,
    );
    assert.equal(application!.status, "received");
    assert.equal(application!.reference, reference);
    assert.equal(application!.applicant_name, "大阪 花子");
    assert.equal(application!.department_code, "ward-counter");
    assert.equal(application!.answers.copies, 2);
    assert.equal(application!.answers.declaration, true);
    assert.equal(application!.answers.agent_relationship, undefined);

    const mails = await queryRows<{ payload: { to: string; subject: string; text: string }; idempotency_key: string }>(
      app.deps.db,
      sql`SELECT payload, idempotency_key FROM outbox WHERE idempotency_key = ${`mail:receipt:${application!.id}`}`,
    );
    assert.equal(mails.length, 1);
    assert.equal(await countRows(app, "outbox"), before + 1);
    assert.equal(mails[0]!.payload.to, resident.email);
    assert.match(mails[0]!.payload.subject, new RegExp(reference!));
    assert.match(mails[0]!.payload.text, /住民票の写し交付請求/);
    assert.match(mails[0]!.payload.text, /これからの流れ/);
    assert.match(mails[0]!.payload.text, new RegExp(`http://localhost:3000/my/applications/${application!.id}`));

    // Submitting again (a retry, the back button) gives the same receipt and nothing new.
    const again = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
    assert.equal(location(again), receiptUrl);
    assert.equal(await countRows(app, "outbox"), before + 1);
    // The draft's pages now lead to the application.
    const page = await resident.browser.get(`/drafts/${draftId}/pages/copies`);
    assert.equal(location(page), `/my/applications/${application!.id}`);
  });

  it("shows the 代理人 page only when 代理人 is chosen, and hides it again when the choice changes", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await answer(resident.browser, draftId, "certificate", { certificate_type: "resident_record" });
    await answer(resident.browser, draftId, "requester", { requester_type: "agent" });
    await answer(resident.browser, draftId, "requester_name", NAME_PAGE);
    const contact = await answer(resident.browser, draftId, "requester_contact", CONTACT_PAGE);
    assert.equal(location(contact), `/drafts/${draftId}/pages/agent`);
    const agentPage = await resident.browser.get(`/drafts/${draftId}/pages/agent`);
    assert.match(agentPage.body, /<h1>代理人として請求する方へ<\/h1>/);
    assert.match(agentPage.body, /enctype="multipart\/form-data"/);
    assert.match(formAction(agentPage.body), /\?_csrf=/);
    const agent = await submitMultipart(resident.browser, `/drafts/${draftId}/pages/agent`, { _action: "continue", agent_relationship: "子" }, [
      { name: "power_of_attorney", filename: "ininjo.jpg", contentType: "image/jpeg", bytes: SAMPLE.jpeg },
    ]);
    assert.equal(location(agent), `/drafts/${draftId}/pages/subject`);

    // Back to 本人: the 代理人 pages disappear and their answers no longer count.
    const self = await answer(resident.browser, draftId, "requester", { requester_type: "self" });
    assert.equal(location(self), `/drafts/${draftId}/pages/requester_name`);
    const [draft] = await queryRows<{ answers: Record<string, unknown> }>(app.deps.db, sql`SELECT answers FROM drafts WHERE id = ${draftId}`);
    assert.equal(draft!.answers.agent_relationship, undefined);
    const hidden = await resident.browser.get(`/drafts/${draftId}/pages/agent`);
    assert.equal(hidden.statusCode, 303);
  });

  it("reports every error of a page at once, linked to the fields, keeping what was typed", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await answer(resident.browser, draftId, "certificate", { certificate_type: "resident_record" });
    await answer(resident.browser, draftId, "requester", { requester_type: "self" });
    const response = await answer(resident.browser, draftId, "requester_name", {
      "requester_name.family": "",
      "requester_name.given": "花子",
      "requester_furigana.family": "yamada",
      "requester_furigana.given": "",
      "requester_birth_date.era": "seireki",
      "requester_birth_date.year": "1990",
      "requester_birth_date.month": "2",
      "requester_birth_date.day": "30",
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /<title>エラー: /);
    const links = errorSummaryLinks(response.body);
    assert.deepEqual(
      links.map((l) => l.href),
      ["#requester_name.family", "#requester_furigana.family", "#requester_furigana.given", "#requester_birth_date.day"],
    );
    assert.match(links[0]!.text, /姓を入力してください/);
    for (const link of links) assert.match(response.body, new RegExp(`id="${link.href.slice(1).replace(/\./g, "\\.")}"`), link.href);
    assert.equal(inputValue(response.body, "requester_furigana.family"), "yamada");
    assert.equal(inputValue(response.body, "requester_name.given"), "花子");
    assert.equal(inputValue(response.body, "requester_birth_date.day"), "30");
    assert.match(response.body, /aria-invalid="true"/);
  });

  it("speaks English with ?lang=en and with the language cookie", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    const english = await resident.browser.submit(`/drafts/${draftId}/pages/certificate?lang=en`, { _action: "continue" }, `/drafts/${draftId}/pages/certificate?lang=en`);
    assert.equal(english.statusCode, 422);
    assert.match(english.body, /There is a problem/);
    assert.match(errorSummaryLinks(english.body)[0]!.text, /Select/i);
    assert.match(english.body, /Save as a draft and come back later/);

    await resident.browser.get("/lang/en?next=/");
    const page = await resident.browser.get(`/drafts/${draftId}/pages/certificate`);
    assert.match(page.body, /<h1>Which certificate do you need\?<\/h1>/);
    await resident.browser.get("/lang/ja?next=/");
  });

  it("adds and removes items of a repeating group without JavaScript", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await answer(resident.browser, draftId, "certificate", { certificate_type: "resident_record" });
    await answer(resident.browser, draftId, "requester", { requester_type: "self" });
    await answer(resident.browser, draftId, "requester_name", NAME_PAGE);
    await answer(resident.browser, draftId, "requester_contact", CONTACT_PAGE);
    const scope = await answer(resident.browser, draftId, "scope", { scope: "some" });
    assert.equal(location(scope), `/drafts/${draftId}/pages/scope_members`);
    const added = await resident.browser.submit(`/drafts/${draftId}/pages/scope_members`, {
      _action: "add:scope_members",
      "scope_members._count": "1",
      "scope_members.0.member_name.family": "大阪",
      "scope_members.0.member_name.given": "太郎",
    });
    assert.equal(added.statusCode, 200);
    assert.equal(inputValue(added.body, "scope_members._count"), "2");
    assert.equal(inputValue(added.body, "scope_members.0.member_name.given"), "太郎");
    assert.doesNotMatch(added.body, /error-summary/);
    const saved = await resident.browser.post(`/drafts/${draftId}/pages/scope_members`, {
      _action: "continue",
      "scope_members._count": "2",
      "scope_members.0.member_name.family": "大阪",
      "scope_members.0.member_name.given": "太郎",
      "scope_members.1.member_name.family": "大阪",
      "scope_members.1.member_name.given": "次郎",
    });
    assert.equal(location(saved), `/drafts/${draftId}/pages/contents`);
  });

  it("keeps every page under 60 KB, with no script", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await fillResidenceAsSelf(resident.browser, draftId);
    const pages = ["certificate", "requester", "requester_name", "requester_contact", "scope", "contents", "copies", "purpose", "delivery", "identity"];
    for (const pageId of pages) {
      const response = await resident.browser.get(`/drafts/${draftId}/pages/${pageId}`);
      assert.equal(response.statusCode, 200, pageId);
      assert.ok(Buffer.byteLength(response.body) < 60 * 1024, `${pageId}: ${response.body.length} bytes`);
      assert.doesNotMatch(response.body, /<script/);
    }
    const check = await resident.browser.get(`/drafts/${draftId}/check`);
    assert.ok(Buffer.byteLength(check.body) < 60 * 1024);
  });

  it("goes back to check your answers after changing an answer from there", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await fillResidenceAsSelf(resident.browser, draftId);
    const changed = await answer(resident.browser, draftId, "copies", { copies: "3" }, "?return=check");
    assert.equal(location(changed), `/drafts/${draftId}/check`);
    // A change that reveals a new page goes there first.
    const agent = await answer(resident.browser, draftId, "requester", { requester_type: "agent" }, "?return=check");
    assert.equal(location(agent), `/drafts/${draftId}/pages/requester_name?return=check`);
  });
});

describe("drafts", () => {
  it("save and exit keeps what was typed, even invalid, and resumes on another device", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await answer(resident.browser, draftId, "certificate", { certificate_type: "resident_record" });
    await answer(resident.browser, draftId, "requester", { requester_type: "self" });
    const exit = await resident.browser.submit(`/drafts/${draftId}/pages/requester_name`, {
      _action: "save-and-exit",
      ...NAME_PAGE,
      "requester_furigana.family": "yamada",
      "requester_birth_date.day": "40",
    });
    assert.equal(exit.statusCode, 303);
    assert.equal(location(exit), "/my?saved=1");
    const my = await resident.browser.get("/my?saved=1");
    assert.match(my.body, /下書きを保存しました/);
    assert.match(my.body, new RegExp(`href="/drafts/${draftId}"`));

    const [draft] = await queryRows<{ answers: Record<string, unknown>; current_page: string }>(
      app.deps.db,
      sql`SELECT answers, current_page FROM drafts WHERE id = ${draftId}`,
    );
    assert.deepEqual(draft!.answers.requester_name, { family: "大阪", given: "花子" }, "what validated is saved");
    assert.equal(draft!.answers.requester_furigana, undefined);
    assert.equal(draft!.current_page, "requester_name");

    // Another device: a new sign-in of the same resident.
    const phone = await signInResident(app, resident.email, resident.password);
    const myOnPhone = await phone.get("/my");
    assert.match(myOnPhone.body, /住民票の写し交付請求/);
    const resume = await phone.get(`/drafts/${draftId}`);
    assert.equal(location(resume), `/drafts/${draftId}/pages/requester_name`);
    const page = await phone.get(location(resume));
    assert.equal(inputValue(page.body, "requester_furigana.family"), "yamada");
    assert.equal(inputValue(page.body, "requester_birth_date.day"), "40");
    assert.equal(inputValue(page.body, "requester_name.family"), "大阪");

    // Continuing from the phone with corrected values moves on and forgets what was pending.
    const fixed = await answer(phone, draftId, "requester_name", NAME_PAGE);
    assert.equal(location(fixed), `/drafts/${draftId}/pages/requester_contact`);
    const [after] = await queryRows<{ pending: { pages?: Record<string, unknown> } }>(app.deps.db, sql`SELECT pending FROM drafts WHERE id = ${draftId}`);
    assert.equal(after!.pending.pages?.requester_name, undefined);
  });

  it("a double-clicked submit creates one application and one e-mail, with the same receipt", async () => {
    const resident = await signUpResident(app);
    const draftId = await startResidence(resident);
    await fillResidenceAsSelf(resident.browser, draftId);
    const check = await resident.browser.get(`/drafts/${draftId}/check`);
    const token = inputValue(check.body, "_csrf")!;
    const outboxBefore = await countRows(app, "outbox");
    const responses = await Promise.all(
      [1, 2, 3].map(() => resident.browser.post(`/drafts/${draftId}/submit`, { _csrf: token, declaration: "yes" })),
    );
    const targets = new Set(responses.map((r) => location(r)));
    assert.equal(targets.size, 1, [...targets].join(" "));
    const [row] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM applications WHERE draft_id = ${draftId}`);
    assert.equal(row!.n, 1);
    assert.equal(await countRows(app, "outbox"), outboxBefore + 1);
    const [events] = await queryRows<{ n: number }>(
      app.deps.db,
      sql`SELECT count(*)::int AS n FROM application_events e JOIN applications a ON a.id = e.application_id WHERE a.draft_id = ${draftId}`,
    );
    assert.equal(events!.n, 1);
  });

  it("lists drafts and applications on my page, and requires sign-in", async () => {
    const anonymous = await app.http.inject({ url: "/my" });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/auth/sign-in?next=%2Fmy");
  });
});
