/**
 * The システム連携 staff pages in a real e2e.browser (Debian's Chromium, JavaScript off, 360 px): a manager
 * adds a webhook (first with mistakes), sees its secret once, opens it, adds an API client and revokes
 * it — with an accessibility check (axe, WCAG 2.2 AA) and no horizontal scroll on every page.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkPage, newJourney, serverAndBrowser } from "../support/browser.ts";
import { DEMO_STAFF } from "../../../src/modules/procedures/demo/catalogue.ts";

const e2e = serverAndBrowser();

const manager = DEMO_STAFF.find((s) => s.role === "manager")!;

test("a manager adds a webhook and an API client, accessibly, without JavaScript at 360 px", async () => {
  const { context, page } = await newJourney(e2e.browser);
  await page.goto(`${e2e.server.baseUrl}/staff/sign-in`);
  await page.locator("#email").fill(manager.email);
  await page.locator("#password").fill(manager.password);
  await page.getByRole("button", { name: "ログインする" }).click();

  await page.goto(`${e2e.server.baseUrl}/staff/integrations`);
  await checkPage(page, "overview (empty)");
  await page.locator("main a", { hasText: "Webhookを登録する" }).click();
  await checkPage(page, "new webhook");
  await page.locator("#url").fill("http://gyomu.example.jp/hook");
  await page.locator("main form button.button").click();
  assert.equal(await page.locator(".error-summary li").count(), 2);
  assert.equal(await page.locator("#url").inputValue(), "http://gyomu.example.jp/hook", "what was typed is kept");
  await checkPage(page, "new webhook with errors");
  await page.locator("#url").fill("https://gyomu.example.jp/hook");
  await page.locator("#eventTypes").check();
  await page.locator("#description").fill("住民記録システム");
  await page.locator("main form button.button").click();
  const secret = await page.locator("#secret").inputValue();
  assert.match(secret, /^whsec_/);
  await checkPage(page, "webhook secret");
  await page.locator("main a", { hasText: "Webhookの詳細" }).click();
  assert.match(await page.locator("main").innerText(), /gyomu\.example\.jp/);
  assert.doesNotMatch(await page.content(), new RegExp(secret.slice(6, 20)), "the secret is not shown again");
  await checkPage(page, "webhook detail");

  await page.goto(`${e2e.server.baseUrl}/staff/integrations/clients/new`);
  await checkPage(page, "new client");
  await page.locator("#name").fill("住民記録システム");
  await page.locator("#scopes").check();
  await page.locator("main form button.button").click();
  assert.match(await page.locator("#secret").inputValue(), /^mcs_/);
  await checkPage(page, "client secret");
  await page.locator("main a", { hasText: "APIクライアントの詳細" }).click();
  await checkPage(page, "client detail");
  await page.locator("main form[action$='/revoke'] button").click();
  assert.match(page.url(), /done=revoked$/);
  await checkPage(page, "client revoked");

  await page.goto(`${e2e.server.baseUrl}/staff/integrations`);
  await checkPage(page, "overview");
  await context.close();
});
