import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { issueAlert } from "../../../src/modules/notify/index.ts";
import { assertAccessible, assertNoHorizontalScroll, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";

let server: E2eServer;
let browser: Browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(page: Page, label: string) {
  await assertAccessible(page, label);
  await assertNoHorizontalScroll(page);
}

test("subscribing to alerts works without JavaScript and every page is accessible at 360 px", async () => {
  for (const locale of ["ja", "en"]) {
    const { context, page } = await newJourney(browser, { javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/lang/${locale}`);
    await page.goto(`${server.baseUrl}/notify/subscribe`);
    await check(page, "start");
    await page.getByRole("link", { name: locale === "ja" ? "登録をはじめる" : "Start" }).click();
    await check(page, "area");
    await page.locator("button.button").click();
    assert.equal(await page.locator(".error-summary li").count(), 1);
    await check(page, "area errors");
    await page.locator("#areaKind").check();
    await page.locator("#wards-271284").check();
    await page.locator("button.button").click();
    await check(page, "language");
    await page.locator("#language-vi").check();
    await page.locator("button.button").click();
    await check(page, "e-mail");
    await page.locator("#email").fill(`e2e-${locale}@example.jp`);
    await page.locator("button.button").click();
    await check(page, "check your answers");
    await page.locator("button.button").click();
    assert.match(page.url(), /\/notify\/subscribe\/sent/);
    await check(page, "sent");
    await page.goto(`${server.baseUrl}/notify/push`);
    await check(page, "browser notifications");
    await context.close();
  }
});

test("an alert's public page is accessible in every language", async () => {
  const id = crypto.randomUUID();
  await issueAlert({
    db: server.app.deps.db,
    alert: { id, kind: "evacuation-order", severity: "severe", areas: { wards: ["271276"] }, templateKey: "evacuation.level4", params: {}, channels: ["email"] },
    actor: { id: null, label: "e2e" },
  });
  const { context, page } = await newJourney(browser, { javaScriptEnabled: false });
  for (const language of ["ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "ne", "tl", "pt", "es"]) {
    await page.goto(`${server.baseUrl}/alerts/${id}?l=${language}`);
    await check(page, `alert ${language}`);
  }
  await page.goto(`${server.baseUrl}/alerts`);
  await check(page, "alert list");
  await context.close();
});
