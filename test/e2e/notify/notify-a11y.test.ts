import { test } from "node:test";
import assert from "node:assert/strict";
import { issueAlert } from "../../../src/modules/notify/index.ts";
import { checkPage, newJourney, serverAndBrowser } from "../support/browser.ts";

const e2e = serverAndBrowser();

test("subscribing to alerts works without JavaScript and every page is accessible at 360 px", async () => {
  for (const locale of ["ja", "en"]) {
    const { context, page } = await newJourney(e2e.browser, { javaScriptEnabled: false });
    await page.goto(`${e2e.server.baseUrl}/lang/${locale}`);
    await page.goto(`${e2e.server.baseUrl}/notify/subscribe`);
    await checkPage(page, "start");
    await page.getByRole("link", { name: locale === "ja" ? "登録をはじめる" : "Start" }).click();
    await checkPage(page, "area");
    await page.locator("button.button").click();
    assert.equal(await page.locator(".error-summary li").count(), 1);
    await checkPage(page, "area errors");
    await page.locator("#areaKind").check();
    await page.locator("#wards-271284").check();
    await page.locator("button.button").click();
    await checkPage(page, "language");
    await page.locator("#language-vi").check();
    await page.locator("button.button").click();
    await checkPage(page, "e-mail");
    await page.locator("#email").fill(`e2e-${locale}@example.jp`);
    await page.locator("button.button").click();
    await checkPage(page, "check your answers");
    await page.locator("button.button").click();
    assert.match(page.url(), /\/notify\/subscribe\/sent/);
    await checkPage(page, "sent");
    await page.goto(`${e2e.server.baseUrl}/notify/push`);
    await checkPage(page, "browser notifications");
    await context.close();
  }
});

test("an alert's public page is accessible in every language", async () => {
  const id = crypto.randomUUID();
  await issueAlert({
    db: e2e.server.app.deps.db,
    alert: { id, kind: "evacuation-order", severity: "severe", areas: { wards: ["271276"] }, templateKey: "evacuation.level4", params: {}, channels: ["email"] },
    actor: { id: null, label: "e2e" },
  });
  const { context, page } = await newJourney(e2e.browser, { javaScriptEnabled: false });
  for (const language of ["ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "ne", "tl", "pt", "es"]) {
    await page.goto(`${e2e.server.baseUrl}/alerts/${id}?l=${language}`);
    await checkPage(page, `alert ${language}`);
  }
  await page.goto(`${e2e.server.baseUrl}/alerts`);
  await checkPage(page, "alert list");
  await context.close();
});
