/**
 * Passwordless sign-in with a one-time link, over a REAL SMTP exchange: the app sends through
 * nodemailer to a local smtp-server, the message is parsed with mailparser, and the link in it
 * is followed like a person would (GET shows a button, POST signs in).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { Browser, firstLink, signUpResident, startSmtpSink, uniqueEmail, type SmtpSink } from "./testing.ts";

let smtp: SmtpSink;
let app: TestApp;
before(async () => {
  smtp = await startSmtpSink();
  app = await createTestApp({ env: { SMTP_URL: smtp.url } });
});
after(async () => {
  await app.stop();
  await smtp.close();
});

async function requestLink(email: string, browser = new Browser(app)): Promise<{ path: string; text: string; subject: string }> {
  const since = smtp.messages.length;
  const response = await browser.submit("/auth/link", { email });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, "/auth/link/sent");
  const mail = await smtp.waitFor(email, { since, subject: /ログイン用リンク|sign-in link/ });
  const text = mail.text ?? "";
  return { path: new URL(firstLink(text)).pathname, text, subject: mail.subject ?? "" };
}

test("a sign-in link arrives by SMTP; opening it shows a button; pressing it signs in; it cannot be reused", async () => {
  const resident = await signUpResident(app);
  await smtp.waitFor(resident.email, { subject: /メールアドレスの確認/ }); // sent at sign-up
  const { path, text, subject } = await requestLink(resident.email);

  assert.match(subject, /ログイン用リンク/);
  assert.match(text, /有効期限は15分/);
  assert.match(text, /心当たりがない場合/);
  assert.match(path, /^\/auth\/link\/[A-Za-z0-9_-]{43}$/);

  const browser = new Browser(app);
  const confirm = await browser.get(path);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /<button class="button" type="submit">ログインする<\/button>/);
  assert.ok(!browser.jar.has("machi_session"), "a GET (e.g. a mail scanner) does not sign in");
  // …nor use the link up:
  assert.equal((await new Browser(app).get(path)).statusCode, 200);

  const signedIn = await browser.post(path);
  assert.equal(signedIn.statusCode, 303);
  assert.equal(signedIn.headers.location, "/my");
  assert.ok(browser.jar.has("machi_session"));
  assert.equal((await browser.get("/my/profile")).statusCode, 200);

  const other = new Browser(app);
  await other.get("/auth/link");
  const reused = await other.post(path);
  assert.equal(reused.statusCode, 410);
  assert.match(reused.body, /このリンクは使えません/);
  assert.equal((await new Browser(app).get(path)).statusCode, 410);
});

test("the sign-in link e-mail is in English for a resident who signed up in English", async () => {
  const browser = new Browser(app);
  await browser.get("/lang/en?next=/auth/sign-up");
  const email = uniqueEmail();
  const created = await browser.submit("/auth/sign-up", { email, password: "english-password", familyName: "Smith", givenName: "Anna", familyKana: "スミス", givenKana: "アンナ" });
  assert.equal(created.statusCode, 303);
  const { text, subject } = await requestLink(email);
  assert.match(subject, /Your sign-in link/);
  assert.match(text, /works for 15 minutes and only once/);
  assert.match(text, /If you did not ask for this/);
});

test("an expired link is refused", async () => {
  const resident = await signUpResident(app);
  const { path } = await requestLink(resident.email);
  await app.deps.db.execute(sql`UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ${resident.userId} AND purpose = 'login'`);
  const browser = new Browser(app);
  assert.equal((await browser.get(path)).statusCode, 410);
  await browser.get("/auth/link");
  const response = await browser.post(path);
  assert.equal(response.statusCode, 410);
  assert.ok(!browser.jar.has("machi_session"));
});

test("a made-up link is refused", async () => {
  const browser = new Browser(app);
  assert.equal((await browser.get(`/auth/link/${"A".repeat(43)}`)).statusCode, 410);
  assert.equal((await browser.get("/auth/link/short")).statusCode, 410);
});

test("asking for a link for an unknown address answers the same and sends nothing", async () => {
  const email = uniqueEmail("nobody");
  const browser = new Browser(app);
  const response = await browser.submit("/auth/link", { email });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, "/auth/link/sent");
  const sent = await browser.get("/auth/link/sent");
  assert.match(sent.body, /アカウントが登録されている場合は/);
  await assert.rejects(smtp.waitFor(email, { timeoutMs: 300 }));
});
