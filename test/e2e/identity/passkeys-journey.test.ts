/**
 * Passkeys in a real browser: Debian's Chromium with a virtual platform authenticator (Chrome
 * DevTools Protocol, WebAuthn domain) adds a passkey on the profile through public/identity/
 * passkeys.js and signs in with it on /auth/sign-in; without JavaScript the same pages say what
 * to do instead. The assurance and signature pages pass axe at 360 px in Japanese and English.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { seedIdentityDemo, setProcedureRequirement } from "../../../src/modules/identity/index.ts";
import { assertAccessible, assertNoHorizontalScroll, checkPage, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";

let server: E2eServer;
let browser: Browser;
let base: string;
before(async () => {
  server = await startServer();
  // WebAuthn needs a domain as RP ID (not an IP address): serve the journey on localhost.
  base = server.baseUrl.replace("127.0.0.1", "localhost");
  server.app.deps.config.baseUrl = base;
  await seedIdentityDemo(server.app.deps.db);
  await setProcedureRequirement(server.app.deps.db, "child-medical-subsidy", { requiredLevel: 2, signature: "none" });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * With JavaScript on, measured in the page: a second DevTools session (assertNoHorizontalScroll's)
 * would disturb the virtual authenticator's.
 */
async function checkWithScript(page: Page, label: string) {
  await assertAccessible(page, label);
  const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
  assert.ok(Number(overflow) <= 1, `${label} scrolls horizontally by ${overflow}px`);
}

async function signUp(page: Page, email: string) {
  await page.goto(`${base}/auth/sign-up`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("a-long-password");
  await page.locator("#familyName").fill("大阪");
  await page.locator("#givenName").fill("花子");
  await page.locator("#familyKana").fill("おおさか");
  await page.locator("#givenKana").fill("はなこ");
  await page.locator("main button.button").click();
  await page.waitForURL(/\/my\/profile/);
}

test("a resident adds a passkey on the profile and signs in with it (JavaScript, virtual authenticator)", async () => {
  const { context, page } = await newJourney(browser, { javaScriptEnabled: true });
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  try {
    await signUp(page, "passkey-journey@example.jp");
    await page.goto(`${base}/my/profile`);
    const add = page.getByRole("button", { name: "この端末でパスキーを登録する" });
    await add.waitFor({ state: "visible" });
    assert.equal(await page.locator("[data-passkey='register'] [data-passkey-fallback]").isHidden(), true);
    await checkWithScript(page, "profile with passkeys (JavaScript)");
    await page.locator("#passkey-label").fill("ブラウザのテスト端末");
    await add.click();
    await page.waitForURL(/passkey=added/);
    await page.getByText("パスキーを登録しました。").waitFor();
    assert.match(await page.locator("#passkeys").innerText(), /ブラウザのテスト端末/);
    await checkWithScript(page, "passkey added");

    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.goto(`${base}/auth/sign-in`);
    await page.getByRole("button", { name: "パスキーでログイン" }).click();
    await page.waitForURL(`${base}/my`);
    // Level 2 now: a procedure that needs it can be started.
    await page.goto(`${base}/procedures/child-medical-subsidy`);
    await page.locator("form[action='/procedures/child-medical-subsidy/start'] button").click();
    await page.waitForURL(/\/drafts\//);
  } finally {
    await context.close();
  }
});

test("without JavaScript the pages say what to do; assurance and signature pages are accessible at 360 px", async () => {
  for (const locale of ["ja", "en"] as const) {
    const { context, page } = await newJourney(browser, { javaScriptEnabled: false });
    await page.goto(`${base}/lang/${locale}`);
    await page.goto(`${base}/auth/sign-in`);
    assert.equal(await page.getByRole("button", { name: locale === "ja" ? "パスキーでログイン" : "Sign in with a passkey" }).count(), 0);
    assert.equal(await page.locator("[data-passkey-form]").isHidden(), true);
    assert.equal(await page.locator("[data-passkey-fallback]").isVisible(), true);
    await checkPage(page, `sign-in without JavaScript (${locale})`);

    await signUp(page, `no-js-${locale}@example.jp`);
    await checkPage(page, `profile without JavaScript (${locale})`);
    await page.goto(`${base}/procedures/child-medical-subsidy`);
    await page.locator("form[action='/procedures/child-medical-subsidy/start'] button").click();
    await page.locator("h1").waitFor();
    assert.match(await page.locator("h1").innerText(), locale === "ja" ? /本人確認のレベルが足りません/ : /identity assurance level is too low/);
    await checkPage(page, `assurance required (${locale})`);

    await page.goto(`${base}/procedures/residence-certificate`);
    await page.locator("form[action='/procedures/residence-certificate/start'] button").click();
    await page.waitForURL(/\/drafts\//);
    const draftId = /\/drafts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.goto(`${base}/drafts/${draftId}/signature`);
    await checkPage(page, `signature page (${locale})`);
    await page.getByRole("button", { name: locale === "ja" ? "署名を確認する" : "Check the signature" }).click();
    await page.locator(".error-summary").waitFor();
    await checkPage(page, `signature page with an error (${locale})`);
    await context.close();
  }
});
