/**
 * Identity end to end against real PostgreSQL: sign-up, sign-in, sign-out, validation, CSRF,
 * staff and resident separation, password reset, e-mail verification, profile, rate limits.
 * Mail goes to the demo mailer's memory here (no SMTP_URL); link.test.ts uses real SMTP.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { createUser, getResidentProfile, listDepartments, updateResidentProfile, upsertDepartments } from "./index.ts";
import { Browser, createStaff, firstLink, formToken, signInStaff, signUpResident, uniqueEmail } from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createTestApp();
  await upsertDepartments({
    db: app.deps.db,
    items: [
      { code: "271021", name: { ja: "北区役所", en: "Kita Ward Office" }, kind: "ward" },
      { code: "271039", name: { ja: "都島区役所", en: "Miyakojima Ward Office" }, kind: "ward" },
    ],
  });
});
after(async () => {
  await app.stop();
});

function mailsTo(email: string) {
  return app.deps.mailer.outboxForDemo.filter((mail) => mail.to === email.toLowerCase());
}

async function sessionCount(userId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(app.deps.db, sql`SELECT count(*)::int AS count FROM sessions WHERE user_id = ${userId}`);
  return row!.count;
}

describe("sign-up, sign-in and sign-out", () => {
  test("a resident signs up, is signed in, gets a verification e-mail and signs out", async () => {
    const browser = new Browser(app);
    const form = await browser.get("/auth/sign-up");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1>アカウントを作成する<\/h1>/);
    assert.match(form.body, /10文字以上/);
    assert.match(form.body, /autocomplete="new-password"/);
    assert.match(form.body, /autocomplete="family-name"/);
    assert.match(form.body, /autocomplete="given-name"/);

    const email = uniqueEmail();
    const created = await browser.post("/auth/sign-up", {
      email: `  ${email.toUpperCase()} `,
      password: "a-long-password",
      familyName: "大阪",
      givenName: "太郎",
      familyKana: "おおさか",
      givenKana: "ﾀﾛｳ",
    });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, "/my/profile?welcome=1");
    assert.ok(browser.jar.has("machi_session"));

    const profile = await browser.get("/my/profile?welcome=1");
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /アカウントを作成しました/);
    assert.match(profile.body, /オオサカ タロウ/, "hiragana and half-width katakana become katakana");
    assert.match(profile.body, /ログアウト/);

    const [mail] = mailsTo(email);
    assert.ok(mail, "a verification e-mail was sent");
    assert.match(mail.subject, /メールアドレスの確認/);
    assert.match(mail.text, /24時間/);
    assert.match(mail.text, /心当たりがない場合/);
    assert.match(firstLink(mail.text), /^http:\/\/localhost:3000\/auth\/verify\/[A-Za-z0-9_-]{43}$/);

    const signedOut = await browser.post("/auth/sign-out");
    assert.equal(signedOut.statusCode, 303);
    assert.equal(signedOut.headers.location, "/");
    assert.ok(!browser.jar.has("machi_session"), "the cookie is cleared");
    const afterSignOut = await browser.get("/my/profile");
    assert.equal(afterSignOut.statusCode, 303);
    assert.equal(afterSignOut.headers.location, "/auth/sign-in?next=%2Fmy%2Fprofile");
  });

  test("sign-out deletes the session row, so an old cookie no longer works", async () => {
    const resident = await signUpResident(app);
    const cookie = resident.headers();
    assert.equal(await sessionCount(resident.userId), 1);
    await resident.browser.post("/auth/sign-out");
    assert.equal(await sessionCount(resident.userId), 0);
    const replay = await app.http.inject({ method: "GET", url: "/my/profile", headers: cookie });
    assert.equal(replay.statusCode, 303);
  });

  test("sign-in with the right password goes to ?next=, a foreign next is ignored", async () => {
    const resident = await signUpResident(app);
    const browser = new Browser(app);
    const page = await browser.get("/auth/sign-in?next=%2Fmy%2Fprofile");
    assert.match(page.body, /<button class="button" type="submit">ログインする<\/button>/);
    assert.match(page.body, /autocomplete="current-password"/);
    const ok = await browser.post("/auth/sign-in", { email: resident.email, password: resident.password, next: "/my/profile" });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, "/my/profile");

    const other = new Browser(app);
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const response = await other.submit("/auth/sign-in", { email: resident.email, password: resident.password, next });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/my", `next=${next} is not followed`);
    }
  });

  test("sign-up continues to ?next= (carried from the sign-in page), even with Japanese in the path", async () => {
    const browser = new Browser(app);
    const signIn = await browser.get("/auth/sign-in?next=%2Fprocedures%2F%E4%BD%8F%E6%B0%91%E7%A5%A8");
    assert.match(signIn.body, /href="\/auth\/sign-up\?next=%2Fprocedures%2F%25E4%25BD%258F/);
    const page = await browser.get("/auth/sign-up?next=%2Fprocedures%2F%E4%BD%8F%E6%B0%91%E7%A5%A8");
    assert.match(page.body, /name="next" value="\/procedures\/%E4%BD%8F%E6%B0%91%E7%A5%A8"/);
    const response = await browser.post("/auth/sign-up", {
      email: uniqueEmail(),
      password: "a-long-password",
      familyName: "大阪",
      givenName: "太郎",
      familyKana: "オオサカ",
      givenKana: "タロウ",
      next: "/procedures/住民票",
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, "/procedures/%E4%BD%8F%E6%B0%91%E7%A5%A8");
  });

  test("a wrong password is refused with one message for unknown address and wrong password", async () => {
    const resident = await signUpResident(app);
    const browser = new Browser(app);
    const wrong = await browser.submit("/auth/sign-in", { email: resident.email, password: "not-the-password" });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /メールアドレスまたはパスワードが正しくありません/);
    assert.match(wrong.body, /class="error-summary"/);
    assert.ok(wrong.body.includes(`value="${resident.email}"`), "the e-mail is kept");
    assert.ok(!wrong.body.includes("not-the-password"), "the password is never echoed");
    assert.ok(!browser.jar.has("machi_session"));

    const unknown = await browser.submit("/auth/sign-in", { email: uniqueEmail(), password: "whatever-password" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /メールアドレスまたはパスワードが正しくありません/);
  });

  test("a duplicate e-mail is refused plainly, in any case or width", async () => {
    const resident = await signUpResident(app);
    const browser = new Browser(app);
    const wide = resident.email.toUpperCase().replace("@", "＠");
    const response = await browser.submit("/auth/sign-up", {
      email: wide,
      password: "another-password",
      familyName: "堺",
      givenName: "次郎",
      familyKana: "サカイ",
      givenKana: "ジロウ",
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /このメールアドレスではアカウントを作成できません/);
    assert.match(response.body, /href="#email"/);
    assert.ok(!browser.jar.has("machi_session"));
    const [row] = await queryRows<{ count: number }>(app.deps.db, sql`SELECT count(*)::int AS count FROM users WHERE lower(email) = lower(${resident.email})`);
    assert.equal(row!.count, 1);
  });

  test("validation shows every error at once (422), beside the fields, and keeps what was typed except the password", async () => {
    const browser = new Browser(app);
    const response = await browser.submit("/auth/sign-up", {
      email: "not-an-address",
      password: "short",
      familyName: "",
      givenName: "<b>花子</b>",
      familyKana: "Osaka",
      givenKana: "",
    });
    assert.equal(response.statusCode, 422);
    const body = response.body;
    assert.match(body, /<title>エラー: /);
    const summary = body.slice(body.indexOf('class="error-summary"'), body.indexOf("</ul>", body.indexOf('class="error-summary"')));
    for (const field of ["email", "password", "familyName", "familyKana", "givenKana"]) {
      assert.match(summary, new RegExp(`href="#${field}"`), `${field} is in the summary`);
      assert.match(body, new RegExp(`id="${field}-error"`), `${field} has its error beside it`);
    }
    assert.doesNotMatch(summary, /href="#givenName"/);
    assert.match(body, /パスワードは10文字以上で入力してください/);
    assert.match(body, /メールアドレスを「name@example.jp」のような形で入力してください/);
    assert.match(body, /フリガナの「セイ」はカタカナかひらがなで入力してください/);
    assert.match(body, /value="not-an-address"/);
    assert.match(body, /value="&lt;b&gt;花子&lt;\/b&gt;"/, "typed values are kept, escaped");
    assert.match(body, /value="Osaka"/);
    assert.doesNotMatch(body, /value="short"/);
    assert.match(body, /aria-invalid="true"/);
  });

  test("the pages work in English", async () => {
    const browser = new Browser(app);
    const page = await browser.get("/auth/sign-up?lang=en");
    assert.match(page.body, /<h1>Create an account<\/h1>/);
    const response = await browser.post("/auth/sign-up?lang=en", { email: "", password: "" });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Enter your email address\./);
    assert.match(response.body, /There is a problem/);
  });
});

describe("CSRF", () => {
  const posts: Array<[string, Record<string, string>]> = [
    ["/auth/sign-in", { email: "a@example.jp", password: "whatever-password" }],
    ["/auth/sign-up", { email: "a@example.jp", password: "whatever-password", familyName: "a", givenName: "b", familyKana: "ア", givenKana: "イ" }],
    ["/auth/sign-out", {}],
    ["/auth/link", { email: "a@example.jp" }],
    ["/auth/reset", { email: "a@example.jp" }],
    ["/staff/sign-in", { email: "a@example.jp", password: "whatever-password" }],
    ["/my/profile/edit", { familyName: "a" }],
  ];
  for (const [url, fields] of posts) {
    test(`POST ${url} needs the form's CSRF token`, async () => {
      const browser = new Browser(app);
      await browser.get("/auth/sign-in"); // has the CSRF cookie now, like a browser
      const without = await browser.post(url, fields, { csrf: false });
      assert.equal(without.statusCode, 403);
      assert.match(without.body, /ページの有効期限が切れました/);
      const forged = await browser.post(url, { ...fields, _csrf: "forged-token" });
      assert.equal(forged.statusCode, 403);
    });
  }

  test("a token works only with the cookie it belongs to", async () => {
    const alice = new Browser(app);
    const page = await alice.get("/auth/sign-in");
    const mallory = new Browser(app);
    await mallory.get("/auth/sign-in");
    const response = await mallory.post("/auth/sign-in", { _csrf: formToken(page.body), email: "a@example.jp", password: "x-password-1" });
    assert.equal(response.statusCode, 403);
  });
});

describe("staff and residents", () => {
  test("staff sign in at /staff/sign-in, see their departments, and their sign-in and sign-out are audited", async () => {
    const staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "manager" }] });
    const browser = new Browser(app);
    const page = await browser.get("/staff/sign-in");
    assert.match(page.body, /<h1>職員ログイン<\/h1>/);
    const response = await browser.post("/staff/sign-in", { email: staff.email, password: staff.password });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, "/staff");

    const account = await browser.get("/staff/account");
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /北区役所/);
    assert.match(account.body, /管理者/);

    const signedOut = await browser.post("/auth/sign-out");
    assert.equal(signedOut.headers.location, "/staff/sign-in");

    const audit = await queryRows<{ action: string; actor_id: string; actor_label: string; data: unknown }>(
      app.deps.db,
      sql`SELECT action, actor_id, actor_label, data FROM audit_log WHERE actor_id = ${staff.id} ORDER BY seq`,
    );
    assert.deepEqual(
      audit.map((r) => r.action),
      ["staff.signed_in", "staff.signed_out"],
    );
    for (const record of audit) {
      assert.equal(record.actor_label, `staff:${staff.id}`);
      assert.ok(!JSON.stringify(record).includes(staff.email), "no e-mail in the audit log");
    }
  });

  test("staff sign-in refuses a resident account, and resident sign-in refuses a staff account", async () => {
    const resident = await signUpResident(app);
    const asStaff = await new Browser(app).submit("/staff/sign-in", { email: resident.email, password: resident.password });
    assert.equal(asStaff.statusCode, 422);
    assert.match(asStaff.body, /職員用のアカウントで入力してください/);

    const staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "clerk" }] });
    const asResident = await new Browser(app).submit("/auth/sign-in", { email: staff.email, password: staff.password });
    assert.equal(asResident.statusCode, 422);
    await assert.doesNotReject(signInStaff(app, staff.email, staff.password));
  });

  test("a resident's session cannot reach staff pages, and staff cannot use resident pages", async () => {
    const resident = await signUpResident(app);
    const forbidden = await resident.browser.get("/staff/account");
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /権限がありません/);

    const staff = await createStaff(app, { roles: [{ departmentCode: "271039", role: "clerk" }] });
    const browser = await signInStaff(app, staff.email, staff.password);
    assert.equal((await browser.get("/my/profile")).statusCode, 403);
  });

  test("nobody signed in: staff pages send to the staff sign-in, keeping where they were going", async () => {
    const browser = new Browser(app);
    const response = await browser.get("/staff/account");
    assert.equal(response.statusCode, 303);
    const toSignIn = await browser.get(response.headers.location as string);
    assert.equal(toSignIn.statusCode, 303);
    assert.equal(toSignIn.headers.location, "/staff/sign-in?next=%2Fstaff%2Faccount");
    const staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "clerk" }] });
    const signedIn = await browser.submit("/staff/sign-in?next=%2Fstaff%2Faccount", { email: staff.email, password: staff.password, next: "/staff/account" }, "/staff/sign-in");
    assert.equal(signedIn.headers.location, "/staff/account");
  });
});

describe("password reset", () => {
  test("reset link → new password → all sessions ended → sign in with the new password; the link works once", async () => {
    const resident = await signUpResident(app);
    const otherDevice = await new Browser(app).submit("/auth/sign-in", { email: resident.email, password: resident.password });
    assert.equal(otherDevice.statusCode, 303);
    assert.equal(await sessionCount(resident.userId), 2);

    const browser = new Browser(app);
    const requested = await browser.submit("/auth/reset", { email: resident.email });
    assert.equal(requested.statusCode, 303);
    assert.equal(requested.headers.location, "/auth/reset/sent");
    const sent = await browser.get("/auth/reset/sent");
    assert.match(sent.body, /アカウントが登録されている場合は/);

    const mail = mailsTo(resident.email).find((m) => /パスワードの再設定/.test(m.subject));
    assert.ok(mail);
    assert.match(mail.text, /30分/);
    assert.match(mail.text, /パスワードは変わりません/);
    const link = new URL(firstLink(mail.text));
    assert.match(link.pathname, /^\/auth\/reset\/[A-Za-z0-9_-]{43}$/);

    const form = await browser.get(link.pathname);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /autocomplete="new-password"/);
    const tooShort = await browser.post(link.pathname, { password: "short" });
    assert.equal(tooShort.statusCode, 422);
    assert.match(tooShort.body, /パスワードは10文字以上で入力してください/);

    const changed = await browser.post(link.pathname, { password: "a-brand-new-password" });
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, "/auth/sign-in?reset=done");
    assert.equal(await sessionCount(resident.userId), 0, "every session ended");
    assert.equal((await resident.browser.get("/my/profile")).statusCode, 303, "the old session no longer works");

    const again = await browser.post(link.pathname, { password: "yet-another-password" });
    assert.equal(again.statusCode, 410, "the link works once");
    assert.equal((await browser.get(link.pathname)).statusCode, 410);

    const old = await new Browser(app).submit("/auth/sign-in", { email: resident.email, password: resident.password });
    assert.equal(old.statusCode, 422);
    const fresh = await new Browser(app).submit("/auth/sign-in", { email: resident.email, password: "a-brand-new-password" });
    assert.equal(fresh.statusCode, 303);
  });

  test("a reset request for an unknown address looks the same and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    const response = await new Browser(app).submit("/auth/reset", { email });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, "/auth/reset/sent");
    assert.equal(mailsTo(email).length, 0);
  });

  test("an expired reset link is refused", async () => {
    const resident = await signUpResident(app);
    const browser = new Browser(app);
    await browser.submit("/auth/reset", { email: resident.email });
    const mail = mailsTo(resident.email).find((m) => /パスワードの再設定/.test(m.subject))!;
    await app.deps.db.execute(sql`UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ${resident.userId} AND purpose = 'reset'`);
    const path = new URL(firstLink(mail.text)).pathname;
    const page = await browser.get(path);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /有効期限が切れているか/);
    assert.equal((await browser.post(path, { password: "a-brand-new-password" })).statusCode, 410);
  });
});

describe("e-mail verification", () => {
  test("the verification link shows a button; pressing it confirms the address once", async () => {
    const resident = await signUpResident(app);
    const mail = mailsTo(resident.email)[0]!;
    const path = new URL(firstLink(mail.text)).pathname;
    const browser = new Browser(app);
    const page = await browser.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /メールアドレスを確認する/);
    assert.equal((await getResidentProfile(app.deps.db, resident.userId)).emailVerified, false, "a GET (mail scanner) changes nothing");
    const done = await browser.post(path);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /メールアドレスを確認しました/);
    assert.equal((await getResidentProfile(app.deps.db, resident.userId)).emailVerified, true);
    assert.equal((await browser.post(path)).statusCode, 410);
  });

  test("a resident can ask for the verification e-mail again", async () => {
    const resident = await signUpResident(app);
    await resident.browser.get("/my/profile");
    const response = await resident.browser.post("/my/profile/verification");
    assert.equal(response.statusCode, 303);
    assert.equal(mailsTo(resident.email).length, 2);
  });
});

describe("profile", () => {
  test("a resident edits the profile; values are normalised and given to other modules", async () => {
    const resident = await signUpResident(app);
    const form = await resident.browser.get("/my/profile/edit");
    assert.equal(form.statusCode, 200);
    for (const autocomplete of ["family-name", "given-name", "bday-year", "bday-month", "bday-day", "postal-code", "street-address", "tel-national"]) {
      assert.match(form.body, new RegExp(`autocomplete="${autocomplete}"`));
    }
    const saved = await resident.browser.post("/my/profile/edit", {
      familyName: "大阪",
      givenName: "花子",
      familyKana: "おおさか",
      givenKana: "はなこ",
      birthYear: "１９８８",
      birthMonth: "6",
      birthDay: "14",
      postalCode: "〒５３０ー００４１",
      address: "大阪府大阪市北区天神橋3丁目9-99",
      phone: "０９０－００００－１２３４",
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, "/my/profile?saved=1");
    const page = await resident.browser.get("/my/profile?saved=1");
    assert.match(page.body, /プロフィールを保存しました/);
    assert.match(page.body, /1988年6月14日/);
    assert.match(page.body, /530-0041/);
    assert.match(page.body, /090-0000-1234/);

    assert.deepEqual(await getResidentProfile(app.deps.db, resident.userId), {
      name: { family: "大阪", given: "花子" },
      furigana: { family: "オオサカ", given: "ハナコ" },
      birthDate: "1988-06-14",
      postalCode: "5300041",
      address: "大阪府大阪市北区天神橋3丁目9-99",
      phone: "09000001234",
      email: resident.email,
      emailVerified: false,
    });

    const edit = await resident.browser.get("/my/profile/edit");
    assert.match(edit.body, /id="birthYear" name="birthYear" type="text" inputmode="numeric" maxlength="4" value="1988"/);
  });

  test("profile errors are all shown at once, with the typed values", async () => {
    const resident = await signUpResident(app);
    await resident.browser.get("/my/profile/edit");
    const response = await resident.browser.post("/my/profile/edit", {
      familyName: "",
      givenName: "花子",
      familyKana: "オオサカ",
      givenKana: "ハナコ",
      birthYear: "1988",
      birthMonth: "2",
      birthDay: "30",
      postalCode: "12345",
      address: "",
      phone: "12",
    });
    assert.equal(response.statusCode, 422);
    for (const field of ["familyName", "birthDay", "postalCode", "phone"]) assert.match(response.body, new RegExp(`href="#${field}"`));
    assert.match(response.body, /郵便番号は7桁の数字で入力してください（例：5300001）/);
    assert.match(response.body, /value="12345"/);
    assert.match(response.body, /value="30"/);
  });

  test("getResidentProfile refuses a staff id", async () => {
    const staff = await createStaff(app, { roles: [] });
    await assert.rejects(getResidentProfile(app.deps.db, staff.id), { code: "not_found" });
  });
});

describe("rate limits", () => {
  test("sign-in: the 11th attempt from one IP within 5 minutes is refused with 429 in the visitor's language", async () => {
    const browser = new Browser(app);
    for (let i = 0; i < 10; i++) {
      const response = await browser.submit("/auth/sign-in", { email: uniqueEmail(), password: "wrong-password" });
      assert.equal(response.statusCode, 422, `attempt ${i + 1}`);
    }
    const refused = await browser.submit("/auth/sign-in?lang=en", { email: uniqueEmail(), password: "wrong-password" }, "/auth/sign-in?lang=en");
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Too many attempts in a short time/);
  });

  test("sign-in: after 10 failures for one address it is locked, even with the right password, from any IP", async () => {
    const resident = await signUpResident(app);
    for (let i = 0; i < 10; i++) {
      const response = await new Browser(app).submit("/auth/sign-in", { email: resident.email, password: `wrong-password-${i}` });
      assert.equal(response.statusCode, 422);
    }
    const locked = await new Browser(app).submit("/auth/sign-in", { email: resident.email, password: resident.password });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /短時間に操作が集中しました/);
    // Another address is not affected.
    const other = await signUpResident(app);
    assert.equal((await new Browser(app).submit("/auth/sign-in", { email: other.email, password: other.password })).statusCode, 303);
  });

  test("link requests: 3 per address and 5 per IP within 15 minutes", async () => {
    const email = uniqueEmail("limited");
    for (let i = 0; i < 3; i++) {
      assert.equal((await new Browser(app).submit("/auth/link", { email })).statusCode, 303);
    }
    const perEmail = await new Browser(app).submit("/auth/link", { email });
    assert.equal(perEmail.statusCode, 429);
    assert.match(perEmail.body, /短時間に操作が集中しました/);

    const browser = new Browser(app);
    for (let i = 0; i < 5; i++) assert.equal((await browser.submit("/auth/reset", { email: uniqueEmail() })).statusCode, 303);
    const perIp = await browser.submit("/auth/reset", { email: uniqueEmail() });
    assert.equal(perIp.statusCode, 429);
  });
});

describe("operator commands", () => {
  const base = { password: "operator-password", familyName: "天満", givenName: "桜", familyKana: "", givenKana: "" };

  test("createUser makes a staff account with roles; a duplicate address is a conflict", async () => {
    const email = uniqueEmail("staff");
    const id = await createUser({ db: app.deps.db, kind: "staff", email, ...base, roles: [{ departmentCode: "271021", role: "clerk" }] });
    assert.match(id, /^[0-9a-f-]{36}$/);
    await assert.rejects(createUser({ db: app.deps.db, kind: "staff", email: email.toUpperCase(), ...base }), { code: "conflict" });
    // The same address may have a resident account: the doors are separate.
    await assert.doesNotReject(createUser({ db: app.deps.db, kind: "resident", email, ...base, familyKana: "テンマ", givenKana: "サクラ" }));
    await assert.doesNotReject(signInStaff(app, email, base.password));
  });

  test("createUser refuses bad input: short password, unknown department, roles for a resident", async () => {
    await assert.rejects(createUser({ db: app.deps.db, kind: "staff", email: uniqueEmail(), ...base, password: "short" }), (error: { code: string; details: { problems: unknown[] } }) => {
      assert.equal(error.code, "invalid_input");
      assert.deepEqual(error.details.problems, [{ field: "password", key: "errors.password_too_short" }]);
      return true;
    });
    await assert.rejects(createUser({ db: app.deps.db, kind: "staff", email: uniqueEmail(), ...base, roles: [{ departmentCode: "999999", role: "clerk" }] }), {
      code: "invalid_input",
      reason: "identity.unknown_department",
    });
    await assert.rejects(createUser({ db: app.deps.db, kind: "resident", email: uniqueEmail(), ...base, roles: [{ departmentCode: "271021", role: "clerk" }] }), {
      code: "invalid_input",
    });
  });

  test("listDepartments lists every department by code", async () => {
    const departments = await listDepartments(app.deps.db);
    assert.deepEqual(
      departments.map((d) => [d.code, d.nameJa, d.kind]),
      [
        ["271021", "北区役所", "ward"],
        ["271039", "都島区役所", "ward"],
      ],
    );
  });

  test("updateResidentProfile (seed, jobs) normalises what it is given and changes only that", async () => {
    const resident = await signUpResident(app);
    await updateResidentProfile({ db: app.deps.db, userId: resident.userId, postalCode: "530-0041", phone: "090-0000-1234", birthDate: "1988-06-14" });
    const profile = await getResidentProfile(app.deps.db, resident.userId);
    assert.equal(profile.postalCode, "5300041");
    assert.equal(profile.phone, "09000001234");
    assert.equal(profile.birthDate, "1988-06-14");
    assert.deepEqual(profile.name, { family: "大阪", given: "花子" });
    await assert.rejects(updateResidentProfile({ db: app.deps.db, userId: resident.userId, postalCode: "53" }), { code: "invalid_input" });
  });
});
