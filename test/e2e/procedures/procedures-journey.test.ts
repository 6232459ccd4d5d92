/** Browser journey of the resident side of procedures: no JavaScript, 360 px, axe on every page. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, assertNoHorizontalScroll, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";
import { DEMO_PASSWORD } from "../../../src/modules/procedures/demo/catalogue.ts";

let server: E2eServer;
let browser: Browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function check(page: Page, name: string) {
  await assertAccessible(page, name);
  await assertNoHorizontalScroll(page);
}

test("resident journey without JavaScript at 360 px", async () => {
  const { context, page } = await newJourney(browser);
  page.setDefaultTimeout(5000);
  await page.goto(`${server.baseUrl}/procedures`);
  await check(page, "01-catalogue");
  await page.getByLabel("手続きの名前やキーワード").fill("ｼﾞｭｳﾐﾝﾋｮｳ");
  await page.getByRole("button", { name: "さがす" }).click();
  await check(page, "02-results");
  await page.getByRole("link", { name: "住民票の写し交付請求" }).click();
  await check(page, "03-procedure");
  await page.getByRole("button", { name: /ログインして申請を始める/ }).click();
  await page.getByLabel("メールアドレス").fill("matsumoto.yoko@example.jp");
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByRole("button", { name: /オンラインで申請を始める/ }).click();
  await check(page, "04-certificate");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await check(page, "05-certificate-error");
  await page.getByLabel("住民票の写し", { exact: true }).check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await page.getByLabel("本人（自分の住民票が必要）").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await check(page, "06-name");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await check(page, "07-contact");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await page.getByLabel("世帯の一部の方").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await check(page, "08-members");
  await page.getByRole("button", { name: "載せる方を追加" }).click();
  await check(page, "08b-members-added");
  const families = page.getByLabel("姓");
  await families.nth(0).fill("松本"); await page.getByLabel("名", { exact: true }).nth(0).fill("陽子");
  await families.nth(1).fill("松本"); await page.getByLabel("名", { exact: true }).nth(1).fill("一郎");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await page.getByRole("button", { name: "次へ進む" }).click(); // contents (optional)
  await page.getByLabel("通数").fill("1");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await page.getByLabel("使いみち").selectOption("employment");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await page.getByLabel("住民票が必要な方の住民登録地").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await check(page, "09-identity");
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "machi-")), "id.pdf");
  fs.writeFileSync(pdf, "%PDF-1.4\n%%EOF\n");
  await page.getByLabel("請求する方の本人確認書類").setInputFiles(pdf);
  await page.getByRole("button", { name: "次へ進む" }).click();
  await check(page, "10-check");
  await page.getByRole("button", { name: "申請する" }).click();
  await check(page, "11-check-error");
  await page.getByLabel(/記入した内容に偽りはありません/).check();
  await page.getByRole("button", { name: "申請する" }).click();
  await check(page, "12-receipt");
  await page.getByRole("link", { name: "申請の状況を見る" }).click();
  await check(page, "13-application");
  await page.getByRole("link", { name: "この申請を取り下げる" }).click();
  await check(page, "14-withdraw");
  await page.goto(`${server.baseUrl}/my`);
  await check(page, "15-my");
  await context.close();
});
