import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { checkPage, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";

let server: E2eServer;
let browser: Browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("identity pages are accessible at 360 px without JavaScript", async () => {
  for (const locale of ["ja", "en"]) {
    const { context, page } = await newJourney(browser, { javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/lang/${locale}`);
    const u = (p: string) => `${server.baseUrl}${p}${p.includes("?") ? "&" : "?"}lang=${locale}`;
    for (const path of ["/auth/sign-in", "/auth/sign-up", "/auth/link", "/auth/reset", "/staff/sign-in", "/auth/link/sent", "/auth/link/xyz"]) {
      await page.goto(u(path));
      await checkPage(page, path);
    }
    await page.goto(u("/auth/sign-up"));
    await page.getByRole("button", { name: locale === "ja" ? "アカウントを作成する" : "Create an account" }).click();
    assert.equal(await page.locator(".error-summary li").count(), 6);
    await checkPage(page, "sign-up errors");
    await page.goto(u("/auth/sign-in"));
    await page.getByRole("button", { name: locale === "ja" ? "ログインする" : "Sign in" }).click();
    await checkPage(page, "sign-in errors");
    // sign up for real
    await page.goto(u("/auth/sign-up"));
    await page.getByLabel(locale === "ja" ? "メールアドレス" : "Email address").fill(`a11y-${locale}@example.jp`);
    await page.locator("#password").fill("a-long-password");
    await page.locator("#familyName").fill("大阪");
    await page.locator("#givenName").fill("花子");
    await page.locator("#familyKana").fill("おおさか");
    await page.locator("#givenKana").fill("はなこ");
    await page.locator("button.button").click();
    assert.match(page.url(), /\/my\/profile\?welcome=1/);
    await checkPage(page, "profile");
    await page.goto(u("/my/profile/edit"));
    await checkPage(page, "profile edit");
    await page.locator("#birthYear").fill("1990");
    await page.locator("#birthMonth").fill("2");
    await page.locator("#birthDay").fill("31");
    await page.locator("#postalCode").fill("12");
    await page.locator("button.button").click();
    await checkPage(page, "profile edit errors");
    await page.getByRole("button", { name: locale === "ja" ? "ログアウト" : "Sign out" }).click();
    assert.equal(new URL(page.url()).pathname, "/");
    await page.goto(u("/staff/sign-in"));
    await page.locator("#email").fill("tenma.sakura@staff.example.jp");
    await page.locator("#password").fill("machi-demo-2026");
    await page.locator("button.button").click();
    await page.goto(u("/staff/account"));
    await checkPage(page, "staff account");
    await context.close();
  }
});
