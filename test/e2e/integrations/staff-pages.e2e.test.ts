/**
 * The システム連携 staff pages in a real browser (Debian's Chromium, JavaScript off, 360 px): a manager
 * adds a webhook (first with mistakes), sees its secret once, opens it, adds an API client and revokes
 * it — with an accessibility check (axe, WCAG 2.2 AA) and no horizontal scroll on every page.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, assertNoHorizontalScroll, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";
import { DEMO_STAFF } from "../../../src/modules/procedures/demo/catalogue.ts";

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

const manager = DEMO_STAFF.find((s) => s.role === "manager")!;

async function check(page: Page, label: string) {
  await assertAccessible(page, label);
  await assertNoHorizontalScroll(page);
}

test("a manager adds a webhook and an API client, accessibly, without JavaScript at 360 px", async () => {
  const { context, page } = await newJourney(browser);
  await page.goto(`${server.baseUrl}/staff/sign-in`);
  await page.locator("#email").fill(manager.email);
  await page.locator("#password").fill(manager.password);
  await page.getByRole("button", { name: "ログインする" }).click();

  await page.goto(`${server.baseUrl}/staff/integrations`);
  await check(page, "overview (empty)");
  await page.locator("main a", { hasText: "Webhookを登録する" }).click();
  await check(page, "new webhook");
  await page.locator("#url").fill("http://gyomu.example.jp/hook");
  await page.locator("main form button.button").click();
  assert.equal(await page.locator(".error-summary li").count(), 2);
  assert.equal(await page.locator("#url").inputValue(), "http://gyomu.example.jp/hook", "what was typed is kept");
  await check(page, "new webhook with errors");
  await page.locator("#url").fill("https://gyomu.example.jp/hook");
  await page.locator("#eventTypes").check();
  await page.locator("#description").fill("住民記録システム");
  await page.locator("main form button.button").click();
  const secret = await page.locator("#secret").inputValue();
  assert.match(secret, /^whsec_/);
  await check(page, "webhook secret");
  await page.locator("main a", { hasText: "Webhookの詳細" }).click();
  assert.match(await page.locator("main").innerText(), /gyomu\.example\.jp/);
  assert.doesNotMatch(await page.content(), new RegExp(secret.slice(6, 20)), "the secret is not shown again");
  await check(page, "webhook detail");

  await page.goto(`${server.baseUrl}/staff/integrations/clients/new`);
  await check(page, "new client");
  await page.locator("#name").fill("住民記録システム");
  await page.locator("#scopes").check();
  await page.locator("main form button.button").click();
  assert.match(await page.locator("#secret").inputValue(), /^mcs_/);
  await check(page, "client secret");
  await page.locator("main a", { hasText: "APIクライアントの詳細" }).click();
  await check(page, "client detail");
  await page.locator("main form[action$='/revoke'] button").click();
  assert.match(page.url(), /done=revoked$/);
  await check(page, "client revoked");

  await page.goto(`${server.baseUrl}/staff/integrations`);
  await check(page, "overview");
  await context.close();
});
