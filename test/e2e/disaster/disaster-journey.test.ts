import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { DISASTER_DEMO_STAFF, seedDisasterDemo } from "../../../src/modules/disaster/index.ts";
import { checkPage, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";

let server: E2eServer;
let browser: Browser;
before(async () => {
  server = await startServer();
  await seedDisasterDemo(server.database.db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a resident finds a shelter, and the 危機管理室 issues 避難指示 for a ward (360 px, no JavaScript)", async () => {
  const { context, page } = await newJourney(browser, { javaScriptEnabled: false });
  const url = (p: string) => `${server.baseUrl}${p}`;

  await page.goto(url("/shelters"));
  await checkPage(page, "shelter index");
  await page.getByLabel("区", { exact: true }).selectOption({ label: "北区" });
  await page.getByRole("button", { name: "表示する" }).click();
  assert.match(page.url(), /ward=271276/);
  await checkPage(page, "shelters of 北区");
  await page.locator(".shelter-list a").first().click();
  assert.match(page.url(), /\/shelters\/[0-9a-f-]{36}$/);
  await checkPage(page, "one shelter");

  await page.goto(url("/staff/sign-in"));
  await page.locator("#email").fill(DISASTER_DEMO_STAFF.email);
  await page.locator("#password").fill(DISASTER_DEMO_STAFF.password);
  await page.locator("button.button").click();
  await page.goto(url("/staff/disaster"));
  await checkPage(page, "disaster desk");
  await page.getByRole("link", { name: "災害対応を開始する" }).click();
  await checkPage(page, "new incident");
  await page.getByLabel("件名").fill("大雨（淀川水系）");
  await page.getByLabel("災害の種類").selectOption("heavy-rain");
  await page.getByLabel("配備体制").selectOption("first");
  await page.getByRole("button", { name: "開始する" }).click();
  await checkPage(page, "incident");
  await page.getByRole("link", { name: "避難情報を発令する" }).click();
  await checkPage(page, "evacuation form");
  await page.getByLabel("北区", { exact: true }).check();
  await page.getByLabel(/警戒レベル4 避難指示/).check();
  await page.getByRole("button", { name: "配信文を確認する" }).click();
  await checkPage(page, "message preview");
  assert.match(await page.locator("main").innerText(), /【警戒レベル4】避難指示（北区）/);
  await page.getByLabel("対象の区・警戒レベル・配信文を確認しました").check();
  await page.getByRole("button", { name: "発令して配信する" }).click();
  await checkPage(page, "issued");
  assert.match(await page.locator("main").innerText(), /配信済み/);

  await page.goto(url("/shelters"));
  assert.match(await page.locator("main").innerText(), /発令中の避難情報[\s\S]*警戒レベル4 避難指示：北区/);
  await context.close();
});
