/**
 * Browser journey of paying a fee: a resident submits 住民票の写し for 2 copies, pays 600円 with
 * the sandbox's 3-D Secure test card, and gets the receipt; staff refund part of it and look at
 * the day's reconciliation. No JavaScript, 360 px, axe on every page.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { seedPaymentsDemo, TEST_CARDS } from "../../../src/modules/payments/index.ts";
import { DEMO_PASSWORD } from "../../../src/modules/procedures/demo/catalogue.ts";
import { checkPage, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";

let server: E2eServer;
let browser: Browser;
before(async () => {
  server = await startServer({ PAYMENTS_SANDBOX: "true" });
  await seedPaymentsDemo(server.database.db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const next = (page: Page) => page.getByRole("button", { name: "次へ進む" }).click();

let paymentUrl = "";

test("a resident pays 600円 for 2 copies of 住民票 with a 3-D Secure card and gets the receipt", async () => {
  const { context, page } = await newJourney(browser);
  page.setDefaultTimeout(10_000);
  await page.goto(`${server.baseUrl}/auth/sign-in`);
  await page.getByLabel("メールアドレス").fill("matsumoto.yoko@example.jp");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await page.goto(`${server.baseUrl}/procedures/residence-certificate`);
  await page.getByRole("button", { name: /オンラインで申請を始める/ }).click();
  await page.getByLabel("住民票の写し", { exact: true }).check();
  await next(page);
  await page.getByLabel("本人（自分の住民票が必要）").check();
  await next(page);
  await next(page); // name, prefilled from the profile
  await next(page); // contact, prefilled
  await page.getByLabel("世帯全員").check();
  await next(page);
  await next(page); // contents (optional)
  await page.getByLabel("通数").fill("2");
  await next(page);
  await page.getByLabel("使いみち").selectOption("employment");
  await next(page);
  await page.getByLabel("住民票が必要な方の住民登録地").check();
  await next(page);
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "machi-pay-")), "id.pdf");
  fs.writeFileSync(pdf, "%PDF-1.4\n%%EOF\n");
  await page.getByLabel("請求する方の本人確認書類").setInputFiles(pdf);
  await next(page);
  await page.getByLabel(/記入した内容に偽りはありません/).check();
  await page.getByRole("button", { name: "申請する" }).click();

  // The application is saved; the fee is due now.
  assert.match(page.url(), /\/payments\/[0-9a-f-]{36}\?submitted=1$/);
  paymentUrl = page.url().replace(/\?.*$/, "");
  await assert.doesNotReject(page.getByRole("heading", { name: "お支払い方法を選んでください" }).waitFor());
  assert.match(await page.locator("main").innerText(), /300円 × 2通 = 600円/);
  await checkPage(page, "01-pay");
  await page.getByRole("button", { name: "お支払いに進む" }).click();
  await checkPage(page, "02-pay-error");
  assert.equal(await page.locator(".error-summary li").count(), 1);
  await page.getByLabel("クレジットカード").check();
  await page.getByRole("button", { name: "お支払いに進む" }).click();

  // The provider's card page (sandbox).
  assert.match(page.url(), /\/payments\/sandbox\/pay\/sbx_ch_/);
  await checkPage(page, "03-card");
  await page.getByLabel("カード番号").fill("4000 0000 0000 3220");
  await page.getByRole("button", { name: "600円を支払う" }).click();

  // 3-D Secure.
  assert.match(page.url(), /\/payments\/sandbox\/3ds\/sbx_ch_/);
  await checkPage(page, "04-3ds");
  await page.getByRole("button", { name: "認証する" }).click();

  // Back on our site: the result.
  assert.equal(page.url(), `${paymentUrl}/done`);
  await page.getByRole("heading", { name: "お支払いが完了しました" }).waitFor();
  await checkPage(page, "05-done");
  await page.getByRole("link", { name: "領収書を表示する" }).click();
  assert.equal(page.url(), `${paymentUrl}/receipt`);
  const receipt = await page.locator("main").innerText();
  assert.match(receipt, /領収書/);
  assert.match(receipt, /R-\d{8}-\d{6}/);
  assert.match(receipt, /600円/);
  assert.match(receipt, /松本 陽子 様/);
  await checkPage(page, "06-receipt");
  await page.getByRole("link", { name: "申請の内容を見る" }).click();
  const application = await page.locator("main").innerText();
  assert.match(application, /支払い済み/);
  assert.match(application, /手数料 600円 のお支払いを確認しました/);
  await checkPage(page, "07-application");
  assert.ok(TEST_CARDS.threeDSecure.endsWith("3220"));
  await context.close();
});

test("staff refund 300円 of it and see the day's reconciliation", async () => {
  assert.ok(paymentUrl, "the resident journey ran first");
  const { context, page } = await newJourney(browser);
  page.setDefaultTimeout(10_000);
  await page.goto(`${server.baseUrl}/staff/sign-in`);
  await page.getByLabel("メールアドレス").fill("morimoto.yumi@staff.example.jp");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await page.goto(`${server.baseUrl}/staff/payments`);
  await checkPage(page, "11-staff-payments");
  await page.goto(paymentUrl.replace("/payments/", "/staff/payments/"));
  await checkPage(page, "12-staff-payment");
  await page.getByLabel("返金する金額（円）").fill("300");
  await page.getByRole("button", { name: "返金する" }).click();
  await checkPage(page, "13-refund-errors");
  assert.equal(await page.locator(".error-summary li").count(), 1);
  await page.getByLabel("返金の理由").fill("1通分を取り消したため");
  await page.getByRole("button", { name: "返金する" }).click();
  assert.match(await page.locator("main").innerText(), /300円を返金しました/);
  await checkPage(page, "14-refunded");
  await page.getByRole("link", { name: "手数料の収納" }).click();
  await page.getByRole("link", { name: "日次の突合（消込）" }).click();
  assert.match(await page.locator("main").innerText(), /すべて一致しました/);
  await checkPage(page, "15-reconciliation");
  await context.close();
});
