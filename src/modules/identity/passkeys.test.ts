/**
 * Passkeys end to end against real PostgreSQL, with a software authenticator (ES256, attestation
 * "none") answering the options the server hands out, through the same JSON endpoints the page's
 * script uses: registration from the profile and the staff account page, sign-in on both doors,
 * and every refusal (replayed challenge, cloned authenticator, wrong origin, no user verification,
 * wrong door, someone else's passkey, no CSRF token).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { upsertDepartments } from "./index.ts";
import { addPasskey, Browser, createStaff, postJson, signInStaff, signInWithPasskey, signUpResident, TestAuthenticator } from "./testing.ts";

let app: TestApp;
const ORIGIN = "http://localhost:3000";
before(async () => {
  app = await createTestApp();
  await upsertDepartments({ db: app.deps.db, items: [{ code: "271021", name: { ja: "北区役所", en: "Kita Ward Office" }, kind: "ward" }] });
});
after(async () => {
  await app.stop();
});

async function levels(userId: string) {
  const [row] = await queryRows<{ account: number; events: number }>(
    app.deps.db,
    sql`SELECT assurance_level AS account, (SELECT count(*)::int FROM assurance_events WHERE user_id = ${userId} AND method = 'passkey') AS events FROM users WHERE id = ${userId}`,
  );
  return row!;
}

async function sessionAuth(browser: Browser) {
  const rows = await queryRows<{ auth_method: string; auth_level: number }>(
    app.deps.db,
    sql`SELECT s.auth_method, s.auth_level FROM sessions s WHERE s.token_hash = encode(sha256(convert_to(${browser.jar.get("machi_session")!.replace(/\.[^.]*$/, "")}, 'UTF8')), 'hex')`,
  );
  return rows[0];
}

describe("residents", () => {
  test("the sign-in page offers a passkey (its button made by the script) and says what to do without JavaScript", async () => {
    const page = await new Browser(app).get("/auth/sign-in");
    assert.match(page.body, /<h2 id="passkey-sign-in-title">パスキーでログイン<\/h2>/);
    assert.match(page.body, /<div data-passkey-form data-button="パスキーでログイン" hidden><\/div>/);
    assert.doesNotMatch(page.body, /<button[^>]*>パスキーでログイン/, "no button that cannot work without JavaScript");
    assert.match(page.body, /JavaScript が有効なブラウザが必要です/);
    assert.match(page.body, /<script src="\/static\/identity\/passkeys.js" defer><\/script>/);
    const bundle = await app.http.inject({ url: "/identity/simplewebauthn-browser.js" });
    assert.equal(bundle.statusCode, 200);
    assert.match(bundle.headers["content-type"] as string, /javascript/);
    assert.match(bundle.body, /SimpleWebAuthnBrowser/);
    const script = await app.http.inject({ url: "/static/identity/passkeys.js" });
    assert.equal(script.statusCode, 200);
  });

  test("a resident adds a passkey on the profile: level 2, told by e-mail, then signs in with it", async () => {
    const resident = await signUpResident(app);
    const before = await resident.browser.get("/my/profile");
    assert.match(before.body, /登録されたパスキーはありません/);
    assert.match(before.body, /レベル1/);
    assert.equal((await levels(resident.userId)).account, 1);

    const authenticator = new TestAuthenticator({ origin: ORIGIN });
    const added = await addPasskey(resident.browser, authenticator, { label: "私のスマートフォン" });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().redirect, "/my/profile?passkey=added#passkeys");
    assert.deepEqual(await levels(resident.userId), { account: 2, events: 1 });
    assert.deepEqual(await sessionAuth(resident.browser), { auth_method: "passkey", auth_level: 2 });
    const mail = app.deps.mailer.outboxForDemo.find((m) => m.to === resident.email && /パスキー/.test(m.subject));
    assert.ok(mail, "a passkey-added e-mail");
    assert.match(mail.text, /私のスマートフォン/);

    const profile = await resident.browser.get("/my/profile?passkey=added");
    assert.match(profile.body, /パスキーを登録しました/);
    assert.match(profile.body, /私のスマートフォン/);
    assert.match(profile.body, /レベル2/);

    const { browser, response } = await signInWithPasskey(app, authenticator, { next: "/procedures" });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().redirect, "/procedures");
    assert.ok(browser.jar.has("machi_session"));
    assert.deepEqual(await sessionAuth(browser), { auth_method: "passkey", auth_level: 2 });
    assert.equal((await browser.get("/my")).statusCode, 200);
    // A staff page as `next` is not where a resident lands.
    const again = await signInWithPasskey(app, authenticator, { next: "/staff/inbox" });
    assert.equal(again.response.json().redirect, "/my");
  });

  test("a challenge works once, a cloned authenticator (counter going back) is refused, wrong origin and missing user verification fail", async () => {
    const resident = await signUpResident(app);
    const authenticator = new TestAuthenticator({ origin: ORIGIN });
    assert.equal((await addPasskey(resident.browser, authenticator)).statusCode, 200);

    // Replay: the same assertion (and challenge) a second time.
    const browser = new Browser(app);
    await browser.get("/auth/sign-in");
    const started = await postJson(browser, "/auth/passkey/options", { area: "resident" });
    const assertion = authenticator.authenticate(started.json().options);
    assert.equal((await postJson(browser, "/auth/passkey/verify", { area: "resident", response: assertion })).statusCode, 200);
    const replay = await postJson(browser, "/auth/passkey/verify", { area: "resident", response: assertion });
    assert.equal(replay.statusCode, 400);
    assert.equal(replay.json().error, "passkey.expired");

    // The counter is now 1; a clone answering with counter 1 again (or lower) is refused.
    const cloned = await signInWithPasskey(app, authenticator, { browser: new Browser(app) }).catch(() => null);
    assert.equal(cloned?.response.statusCode, 200);
    const b2 = new Browser(app);
    await b2.get("/auth/sign-in");
    const s2 = await postJson(b2, "/auth/passkey/options", { area: "resident" });
    const stale = authenticator.authenticate(s2.json().options, { counter: 1 });
    const refused = await postJson(b2, "/auth/passkey/verify", { area: "resident", response: stale });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error, "passkey.counter");
    assert.match(refused.json().message, /複製/);
    assert.ok(!b2.jar.has("machi_session"));

    const b3 = new Browser(app);
    await b3.get("/auth/sign-in");
    const s3 = await postJson(b3, "/auth/passkey/options", { area: "resident" });
    const phished = authenticator.authenticate(s3.json().options, { origin: "https://machi.example.evil" });
    assert.equal((await postJson(b3, "/auth/passkey/verify", { area: "resident", response: phished })).json().error, "passkey.failed");

    const noUv = new TestAuthenticator({ origin: ORIGIN, userVerified: false });
    noUv.credentials.push(...authenticator.credentials);
    const b4 = new Browser(app);
    await b4.get("/auth/sign-in");
    const s4 = await postJson(b4, "/auth/passkey/options", { area: "resident" });
    const r4 = await postJson(b4, "/auth/passkey/verify", { area: "resident", response: noUv.authenticate(s4.json().options) });
    assert.equal(r4.json().error, "passkey.failed");
  });

  test("registration needs the challenge of this account, user verification and the right origin", async () => {
    const resident = await signUpResident(app);
    await resident.browser.get("/my/profile");
    const started = await postJson(resident.browser, "/my/passkeys/options", {});
    const options = started.json().options;
    assert.equal(options.authenticatorSelection.userVerification, "required");
    assert.equal(options.authenticatorSelection.residentKey, "required");
    assert.equal(options.rp.id, "localhost");
    const wrongOrigin = new TestAuthenticator({ origin: ORIGIN }).register(options, { origin: "https://evil.example" });
    const refused = await postJson(resident.browser, "/my/passkeys/verify", { response: wrongOrigin });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error, "passkey.failed");
    // The challenge was used up by the failed attempt.
    const again = await postJson(resident.browser, "/my/passkeys/verify", { response: new TestAuthenticator({ origin: ORIGIN }).register(options) });
    assert.equal(again.json().error, "passkey.expired");
    assert.equal((await levels(resident.userId)).account, 1);

    const other = await signUpResident(app);
    await other.browser.get("/my/profile");
    const theirs = await postJson(other.browser, "/my/passkeys/options", {});
    // Another resident's ceremony cookie does not fit this account.
    resident.browser.jar.update({ cookies: [{ name: "machi_webauthn", value: other.browser.jar.get("machi_webauthn")! }] } as never);
    const crossed = await postJson(resident.browser, "/my/passkeys/verify", { response: new TestAuthenticator({ origin: ORIGIN }).register(theirs.json().options) });
    assert.equal(crossed.json().error, "passkey.expired");
  });

  test("JSON ceremonies need the CSRF token and a signed-in person; removing someone else's passkey is not found", async () => {
    const resident = await signUpResident(app);
    await resident.browser.get("/my/profile");
    const noToken = await resident.browser.request({ method: "POST", url: "/my/passkeys/options", payload: "{}", headers: { "content-type": "application/json" } });
    assert.equal(noToken.statusCode, 403);
    const anonymous = new Browser(app);
    await anonymous.get("/auth/sign-in");
    assert.equal((await postJson(anonymous, "/my/passkeys/options", {})).statusCode, 401);

    const owner = await signUpResident(app);
    const authenticator = new TestAuthenticator({ origin: ORIGIN });
    await addPasskey(owner.browser, authenticator);
    const credentialId = Buffer.from(authenticator.credentials[0]!.id).toString("base64url");
    await resident.browser.get("/my/profile");
    const stolen = await resident.browser.post(`/my/passkeys/${credentialId}/delete`);
    assert.equal(stolen.statusCode, 404);
    const mine = await owner.browser.get("/my/profile");
    assert.match(mine.body, new RegExp(`/my/passkeys/${credentialId}/delete`));
    const removed = await owner.browser.post(`/my/passkeys/${credentialId}/delete`);
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, "/my/profile?passkey=removed#passkeys");
    // Removed: it no longer signs in.
    const gone = await signInWithPasskey(app, authenticator);
    assert.equal(gone.response.json().error, "passkey.unknown");
  });
});

describe("staff", () => {
  test("staff add a passkey on their account page and sign in with it at the staff door (audited); a resident's passkey does not open it", async () => {
    const staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "clerk" }] });
    const browser = await signInStaff(app, staff.email, staff.password);
    const account = await browser.get("/staff/account");
    assert.match(account.body, /<h2 id="passkeys-title">パスキー<\/h2>/);
    const authenticator = new TestAuthenticator({ origin: ORIGIN });
    const added = await addPasskey(browser, authenticator, { area: "staff" });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().redirect, "/staff/account?passkey=added#passkeys");

    const staffPage = await new Browser(app).get("/staff/sign-in");
    assert.match(staffPage.body, /data-area="staff"/);
    const signedIn = await signInWithPasskey(app, authenticator, { area: "staff" });
    assert.equal(signedIn.response.statusCode, 200);
    assert.equal(signedIn.response.json().redirect, "/staff");
    const [audit] = await queryRows<{ count: number }>(
      app.deps.db,
      sql`SELECT count(*)::int AS count FROM audit_log WHERE action = 'staff.signed_in' AND actor_id = ${staff.id} AND data->>'method' = 'passkey'`,
    );
    assert.equal(audit!.count, 1);
    // The staff passkey does not sign in at the residents' door.
    assert.equal((await signInWithPasskey(app, authenticator, { area: "resident" })).response.json().error, "passkey.unknown");

    const resident = await signUpResident(app);
    const residentKey = new TestAuthenticator({ origin: ORIGIN });
    await addPasskey(resident.browser, residentKey);
    assert.equal((await signInWithPasskey(app, residentKey, { area: "staff" })).response.json().error, "passkey.unknown");
  });
});
