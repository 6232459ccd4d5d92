/**
 * Sign-in with outside OpenID Connect providers, against a real local provider (oidc-provider on
 * 127.0.0.1) playing the national resident IdP and the city staff IdP: authorization code flow with
 * PKCE, state and nonce; accounts created, linked or refused; assurance from `acr`; and the ways a
 * callback must not work (another browser, a replay, a cancelled login, an unknown staff member).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { upsertDepartments } from "./index.ts";
import { startTestOidcProvider, type TestOidcProvider } from "./oidc/test-provider.ts";
import { Browser, createStaff, signInResident, signUpResident } from "./testing.ts";

const BASE = "http://localhost:3000";
let app: TestApp;
let national: TestOidcProvider;
let city: TestOidcProvider;
let staff: { id: string; email: string };

before(async () => {
  national = await startTestOidcProvider({
    clients: [{ clientId: "machi-residents", clientSecret: "national-secret", redirectUri: `${BASE}/auth/oidc/national/callback` }],
    accounts: {
      taro: {
        email: "taro.national@example.jp",
        email_verified: true,
        family_name: "中之島",
        given_name: "太郎",
        "family_name#ja-Kana-JP": "なかのしま",
        "given_name#ja-Kana-JP": "タロウ",
        birthdate: "1980-04-15",
        address: { formatted: "大阪府大阪市北区中之島1丁目3番20号", postal_code: "530-8201" },
      },
      jiro: { email: "jiro.national@example.jp", email_verified: true, family_name: "天満", given_name: "次郎" },
      hanako: { email: "hanako.existing@example.jp", email_verified: true, family_name: "大阪", given_name: "花子" },
      unverified: { email: "unverified@example.jp", email_verified: false, family_name: "未確認", given_name: "一郎" },
    },
  });
  city = await startTestOidcProvider({
    clients: [{ clientId: "machi-staff", clientSecret: "city-secret", redirectUri: `${BASE}/auth/oidc/city/callback` }],
    accounts: { clerk: { email: "oidc.clerk@city.osaka.example.jp", email_verified: true }, stranger: { email: "stranger@city.osaka.example.jp", email_verified: true } },
  });
  Object.assign(process.env, {
    OIDC_NATIONAL_ISSUER: national.issuer,
    OIDC_NATIONAL_CLIENT_ID: "machi-residents",
    OIDC_NATIONAL_CLIENT_SECRET: "national-secret",
    // Asking for acr values is what makes a provider state the acr it reached.
    OIDC_NATIONAL_ACR_VALUES: `${national.acr(3)} ${national.acr(2)} ${national.acr(1)}`,
    OIDC_CITY_ISSUER: city.issuer,
    OIDC_CITY_CLIENT_ID: "machi-staff",
    OIDC_CITY_CLIENT_SECRET: "city-secret",
  });
  app = await createTestApp();
  await upsertDepartments({ db: app.deps.db, items: [{ code: "271021", name: { ja: "北区役所", en: "Kita Ward Office" }, kind: "ward" }] });
  staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "clerk" }], email: "OIDC.Clerk@city.osaka.example.jp" });
});
after(async () => {
  await app.stop();
  await national.close();
  await city.close();
});

/** Presses the provider's button on a page of `browser` and returns the provider's authorization URL. */
async function startAt(browser: Browser, provider: "national" | "city", next?: string): Promise<URL> {
  if (!browser.csrfToken) await browser.get(provider === "city" ? "/staff/sign-in" : "/auth/sign-in");
  const started = await browser.post(`/auth/oidc/${provider}`, next ? { next } : {});
  assert.equal(started.statusCode, 303, started.body.slice(0, 500));
  return new URL(started.headers.location as string);
}

/** The app's callback path and query from the provider's redirect. */
function callbackPath(url: string): string {
  const parsed = new URL(url);
  assert.equal(parsed.origin, BASE);
  return parsed.pathname + parsed.search;
}

async function user(email: string) {
  const [row] = await queryRows<{ id: string; kind: string; family_name: string; given_name: string; family_kana: string; given_kana: string; birth_date: string | null; postal_code: string | null; address: string | null; assurance_level: number; email_verified: boolean; password_hash: string | null }>(
    app.deps.db,
    sql`SELECT id, kind, family_name, given_name, family_kana, given_kana, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, postal_code, address, assurance_level,
               email_verified_at IS NOT NULL AS email_verified, password_hash
          FROM users WHERE lower(email) = lower(${email})`,
  );
  return row;
}

describe("the national resident IdP", () => {
  test("the sign-in page offers it; the request uses PKCE (S256), state and nonce", async () => {
    const browser = new Browser(app);
    const page = await browser.get("/auth/sign-in");
    assert.match(page.body, /国の本人確認ID（マイナンバーカード）でログイン/);
    assert.doesNotMatch(page.body, /大阪市職員ID/);
    const url = await startAt(browser, "national");
    assert.equal(url.origin, national.issuer);
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
    assert.ok(url.searchParams.get("code_challenge"));
    assert.ok(url.searchParams.get("state"));
    assert.ok(url.searchParams.get("nonce"));
    assert.equal(url.searchParams.get("acr_values"), `${national.acr(3)} ${national.acr(2)} ${national.acr(1)}`);
    assert.equal(url.searchParams.get("redirect_uri"), `${BASE}/auth/oidc/national/callback`);
    assert.ok(browser.jar.has("machi_oidc"));
  });

  test("a new person signs in at acr 3: a resident account is made from the claims, at level 3, and found again next time", async () => {
    const browser = new Browser(app);
    const url = await startAt(browser, "national");
    const back = await national.loginAt(url.href, { account: "taro", acr: national.acr(3) });
    const done = await browser.get(callbackPath(back));
    assert.equal(done.statusCode, 303, done.body.slice(0, 800));
    assert.equal(done.headers.location, "/my/profile");
    const taro = await user("taro.national@example.jp");
    assert.ok(taro);
    assert.deepEqual(
      { ...taro, id: undefined },
      {
        id: undefined,
        kind: "resident",
        family_name: "中之島",
        given_name: "太郎",
        family_kana: "ナカノシマ",
        given_kana: "タロウ",
        birth_date: "1980-04-15",
        postal_code: "5308201",
        address: "大阪府大阪市北区中之島1丁目3番20号",
        assurance_level: 3,
        email_verified: true,
        password_hash: null,
      },
    );
    const profile = await browser.get("/my/profile");
    assert.match(profile.body, /レベル3/);
    assert.match(profile.body, /国の本人確認IDと連携しています/);
    const [session] = await queryRows<{ auth_method: string; auth_level: number }>(app.deps.db, sql`SELECT auth_method, auth_level FROM sessions WHERE user_id = ${taro.id}`);
    assert.deepEqual(session, { auth_method: "oidc", auth_level: 3 });

    const again = new Browser(app);
    const second = await again.get(callbackPath(await national.loginAt((await startAt(again, "national", "/procedures")).href, { account: "taro", acr: national.acr(3) })));
    assert.equal(second.headers.location, "/procedures");
    const [count] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'taro.national@example.jp'`);
    assert.equal(count!.n, 1);
  });

  test("acr 2 gives level 2", async () => {
    const browser = new Browser(app);
    await browser.get(callbackPath(await national.loginAt((await startAt(browser, "national")).href, { account: "jiro", acr: national.acr(2) })));
    assert.equal((await user("jiro.national@example.jp"))!.assurance_level, 2);
  });

  test("an address already used by a resident is not taken over: they sign in first, then link, and reach level 3", async () => {
    const existing = await signUpResident(app, { email: "hanako.existing@example.jp" });
    const stranger = new Browser(app);
    const refused = await stranger.get(callbackPath(await national.loginAt((await startAt(stranger, "national")).href, { account: "hanako", acr: national.acr(3) })));
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /このメールアドレスのアカウントがすでにあります/);
    assert.ok(!stranger.jar.has("machi_session"));
    assert.equal((await user("hanako.existing@example.jp"))!.assurance_level, 1);

    const profile = await existing.browser.get("/my/profile");
    assert.match(profile.body, /国の本人確認ID（マイナンバーカード）と連携する/);
    const linked = await existing.browser.get(callbackPath(await national.loginAt((await startAt(existing.browser, "national", "/my/profile")).href, { account: "hanako", acr: national.acr(3) })));
    assert.equal(linked.statusCode, 303);
    assert.equal(linked.headers.location, "/my/profile");
    const hanako = await user("hanako.existing@example.jp");
    assert.equal(hanako!.id, existing.userId);
    assert.equal(hanako!.assurance_level, 3);
    // From now on the national ID signs in to that same account.
    const later = new Browser(app);
    await later.get(callbackPath(await national.loginAt((await startAt(later, "national")).href, { account: "hanako", acr: national.acr(3) })));
    assert.equal((await later.get("/my/profile")).statusCode, 200);
    const [events] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM assurance_events WHERE user_id = ${existing.userId} AND method = 'oidc'`);
    assert.equal(events!.n, 1);
    // A password sign-in to the same account counts at level 1 for this session.
    const byPassword = await signInResident(app, existing.email, existing.password);
    assert.match((await byPassword.get("/my/profile")).body, /今回のログインの方法では、アカウントのレベルより低いレベル/);
  });

  test("an unverified e-mail address is not used to make an account", async () => {
    const browser = new Browser(app);
    const result = await browser.get(callbackPath(await national.loginAt((await startAt(browser, "national")).href, { account: "unverified", acr: national.acr(3) })));
    assert.equal(result.statusCode, 403);
    assert.match(result.body, /確認済みのメールアドレスが提供されなかった/);
    assert.equal(await user("unverified@example.jp"), undefined);
  });

  test("the callback works only once, only in the browser that started it, and not after a cancelled login", async () => {
    const starter = new Browser(app);
    const back = callbackPath(await national.loginAt((await startAt(starter, "national")).href, { account: "jiro", acr: national.acr(2) }));
    const other = new Browser(app);
    const elsewhere = await other.get(back);
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.body, /別のブラウザで始められました/);
    assert.ok(!other.jar.has("machi_session"));

    const replayer = new Browser(app);
    const url = await startAt(replayer, "national");
    const cookie = replayer.jar.get("machi_oidc")!;
    const first = callbackPath(await national.loginAt(url.href, { account: "jiro", acr: national.acr(2) }));
    assert.equal((await replayer.get(first)).statusCode, 303);
    replayer.jar.update({ cookies: [{ name: "machi_oidc", value: cookie }] } as never);
    const replay = await replayer.get(first);
    assert.equal(replay.statusCode, 400);

    const canceller = new Browser(app);
    const cancelled = await canceller.get(callbackPath(await national.loginAt((await startAt(canceller, "national")).href, { cancel: true })));
    assert.equal(cancelled.statusCode, 403);
    assert.match(cancelled.body, /ログインが完了しませんでした/);
    assert.ok(!canceller.jar.has("machi_session"));

    const tampered = new Browser(app);
    const real = new URL(await national.loginAt((await startAt(tampered, "national")).href, { account: "jiro", acr: national.acr(2) }));
    real.searchParams.set("state", "forged-state");
    assert.equal((await tampered.get(real.pathname + real.search)).statusCode, 400);
  });

  test("an unknown provider is not found", async () => {
    const browser = new Browser(app);
    await browser.get("/auth/sign-in");
    assert.equal((await browser.post("/auth/oidc/nowhere")).statusCode, 404);
  });
});

describe("the city staff IdP", () => {
  test("signs in an existing staff member matched by e-mail (audited) and never creates staff", async () => {
    const browser = new Browser(app);
    const page = await browser.get("/staff/sign-in");
    assert.match(page.body, /大阪市職員ID（シティIdP）でログイン/);
    const done = await browser.get(callbackPath(await city.loginAt((await startAt(browser, "city")).href, { account: "clerk" })));
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, "/staff");
    assert.equal((await browser.get("/staff/account")).statusCode, 200);
    const [audit] = await queryRows<{ n: number }>(
      app.deps.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff.signed_in' AND actor_id = ${staff.id} AND data->>'provider' = 'city'`,
    );
    assert.equal(audit!.n, 1);

    const strangerBrowser = new Browser(app);
    const refused = await strangerBrowser.get(callbackPath(await city.loginAt((await startAt(strangerBrowser, "city")).href, { account: "stranger" })));
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /職員アカウントがありません/);
    assert.equal(await user("stranger@city.osaka.example.jp"), undefined);
  });
});
