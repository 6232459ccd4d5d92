/**
 * Assurance levels: the pure rules (acr → level, min of account and sign-in, start and submit
 * decisions with the ways offered), the OIDC provider settings, and the start gate over HTTP on
 * the seeded catalogue: too low → a page that explains how to raise the level; a passkey sign-in
 * → allowed.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { TestApp } from "../../../testing/app.ts";
import { createSeededApp, location } from "../../procedures/testing.ts";
import { seedIdentityDemo, setProcedureRequirement } from "../index.ts";
import { oidcProvidersFromEnv } from "../oidc/providers.ts";
import { signInResident, signInWithPasskey, signUpResident, signUpResidentAtLevel2 } from "../testing.ts";
import { clampLevel, effectiveLevel, levelFromAcr } from "./levels.ts";
import { decideProcedureAssurance, signatureStepFor, type RequestAssurance } from "./policy.ts";

const at = (level: 1 | 2 | 3, extra: Partial<RequestAssurance> = {}): RequestAssurance => ({
  level,
  accountLevel: level,
  sessionLevel: level,
  sessionMethod: "password",
  hasPasskey: false,
  ...extra,
});

describe("rules", () => {
  test("acr values map to levels by the provider's table, else by their last digit", () => {
    assert.equal(levelFromAcr("urn:example:loa:3"), 3);
    assert.equal(levelFromAcr("2"), 2);
    assert.equal(levelFromAcr("http://idp.example/level9"), 3);
    assert.equal(levelFromAcr("urn:example:loa:0"), 1);
    assert.equal(levelFromAcr(undefined), 1);
    assert.equal(levelFromAcr("gold", { gold: 3, silver: 2 }), 3);
    assert.equal(levelFromAcr("bronze3", { gold: 3 }), 1, "a table is exhaustive");
    assert.equal(clampLevel(Number.NaN), 1);
    assert.equal(effectiveLevel(3, 1), 1);
    assert.equal(effectiveLevel(2, 3), 2);
  });

  test("start: the level, or a procedure that takes a signature instead; submit: the level or a valid signature", () => {
    const residence = { requiredLevel: 2 as const, signature: "accepted" as const };
    const strict = { requiredLevel: 2 as const, signature: "none" as const };
    const movingOut = { requiredLevel: 1 as const, signature: "required" as const };
    assert.deepEqual(decideProcedureAssurance({ requirement: residence, assurance: at(1), stage: "start" }), { allowed: true, signatureStep: "offered" });
    assert.deepEqual(decideProcedureAssurance({ requirement: residence, assurance: at(2), stage: "submit" }), { allowed: true, signatureStep: "none" });
    assert.deepEqual(decideProcedureAssurance({ requirement: residence, assurance: at(1), stage: "submit", signed: true }), { allowed: true, signatureStep: "offered" });
    assert.deepEqual(decideProcedureAssurance({ requirement: residence, assurance: at(1), stage: "submit", nationalIdAvailable: true }), {
      allowed: false,
      requiredLevel: 2,
      currentLevel: 1,
      signatureRequired: false,
      ways: ["passkey_add", "national_id", "sign_application"],
    });
    const passwordSession = at(1, { accountLevel: 2, hasPasskey: true });
    assert.deepEqual((decideProcedureAssurance({ requirement: strict, assurance: passwordSession, stage: "start" }) as { ways: string[] }).ways, ["passkey_sign_in"]);
    assert.equal(decideProcedureAssurance({ requirement: strict, assurance: at(1), stage: "submit", signed: true }).allowed, false, "a signature does not count where none is accepted");
    assert.equal(decideProcedureAssurance({ requirement: { requiredLevel: 3, signature: "none" }, assurance: at(2), stage: "start" }).allowed, false);
    assert.deepEqual(decideProcedureAssurance({ requirement: movingOut, assurance: at(3), stage: "submit" }), {
      allowed: false,
      requiredLevel: 1,
      currentLevel: 3,
      signatureRequired: true,
      ways: ["sign_application"],
    });
    assert.equal(decideProcedureAssurance({ requirement: movingOut, assurance: at(1), stage: "start" }).allowed, true);
    assert.equal(signatureStepFor(movingOut, at(3)), "required");
    assert.equal(signatureStepFor(residence, at(3)), "none");
  });

  test("OIDC providers from the environment: per-name variables or JSON, https only (but loopback), every bad setting reported", () => {
    const { providers, problems } = oidcProvidersFromEnv({
      OIDC_CITY_ISSUER: "https://idp.city.osaka.example.jp",
      OIDC_CITY_CLIENT_ID: "machi",
      OIDC_CITY_CLIENT_SECRET: "s3cret",
      OIDC_NATIONAL_ISSUER: "http://127.0.0.1:4000",
      OIDC_NATIONAL_CLIENT_ID: "machi-residents",
      OIDC_NATIONAL_ACR_LEVELS: '{"gold":3}',
      OIDC_BAD_ISSUER: "http://idp.example.jp",
      OIDC_BAD_CLIENT_ID: "x",
      OIDC_PROVIDERS: '[{"name":"ward","audience":"staff","issuer":"https://ward.example.jp","clientId":"w","label":{"ja":"区のID","en":"Ward ID"}},{"name":"Bad Name","issuer":"nope"}]',
    });
    assert.deepEqual(
      providers.map((p) => [p.name, p.audience, p.allowHttp, p.scopes, p.label.ja]),
      [
        ["ward", "staff", false, "openid email profile", "区のID"],
        ["city", "staff", false, "openid email profile", "大阪市職員ID（シティIdP）"],
        ["national", "resident", true, "openid email profile address", "国の本人確認ID（マイナンバーカード）"],
      ],
    );
    assert.deepEqual(providers.find((p) => p.name === "national")?.acrLevels, { gold: 3 });
    assert.equal(providers.find((p) => p.name === "city")?.clientSecret, "s3cret");
    assert.equal(problems.length, 4, problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("OIDC_BAD_*") && p.includes("https")));
    assert.ok(problems.every((p) => !p.includes("s3cret")));
  });
});

describe("the start gate on the seeded catalogue", () => {
  let app: TestApp;
  before(async () => {
    app = await createSeededApp();
    await seedIdentityDemo(app.deps.db);
    await setProcedureRequirement(app.deps.db, "child-medical-subsidy", { requiredLevel: 2, signature: "none" });
  });
  after(async () => {
    await app.stop();
  });

  test("too low: a clear page (403) with the ways that fit; nothing is started", async () => {
    const resident = await signUpResident(app);
    const refused = await resident.browser.submit("/procedures/child-medical-subsidy", {}, "/procedures/child-medical-subsidy/start");
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /<h1>本人確認のレベルが足りません<\/h1>/);
    assert.match(refused.body, /この手続きにはレベル2（パスキー、または本人確認済みのIDによる確認）が必要です。現在はレベル1/);
    assert.match(refused.body, /href="\/my\/profile#passkeys"/);
    assert.doesNotMatch(refused.body, /申請に電子署名をする/);
    assert.match(refused.body, /区役所の窓口/);
    // 住民票 takes a signature instead of the level: it may be started.
    const residence = await resident.browser.submit("/procedures/residence-certificate", {}, "/procedures/residence-certificate/start");
    assert.equal(residence.statusCode, 303);
  });

  test("a passkey sign-in reaches level 2; the same account signed in by password does not", async () => {
    const resident = await signUpResidentAtLevel2(app);
    const started = await resident.browser.submit("/procedures/child-medical-subsidy", {}, "/procedures/child-medical-subsidy/start");
    assert.equal(started.statusCode, 303, started.body.slice(0, 300));
    assert.match(location(started), /^\/drafts\//);

    const byPassword = await signInResident(app, resident.email, resident.password);
    const refused = await byPassword.submit("/procedures/child-medical-subsidy", {}, "/procedures/child-medical-subsidy/start");
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /パスキーでログインし直す/);

    const { browser, response } = await signInWithPasskey(app, resident.authenticator);
    assert.equal(response.statusCode, 200);
    assert.equal((await browser.submit("/procedures/child-medical-subsidy", {}, "/procedures/child-medical-subsidy/start")).statusCode, 303);
  });

  test("English is complete on the page", async () => {
    const resident = await signUpResident(app);
    await resident.browser.get("/lang/en?next=/");
    const refused = await resident.browser.submit("/procedures/child-medical-subsidy", {}, "/procedures/child-medical-subsidy/start");
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Your identity assurance level is too low/);
    assert.match(refused.body, /Add a passkey/);
  });
});
