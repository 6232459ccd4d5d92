/**
 * The two journeys of the foundation issue, in a real e2e.browser without JavaScript at 360 px,
 * with an axe-core check on every page visited:
 *   resident: sign up → draft → (another device) resume → submit → status
 *   staff: process → request correction → resident corrects → approve → resident sees 完了
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../../src/modules/procedures/demo/catalogue.ts";
import { assertAccessible, assertNoHorizontalScroll, newJourney, serverAndBrowser } from "../support/browser.ts";

const e2e = serverAndBrowser();

const visited: string[] = [];
async function check(page: Page, name: string): Promise<void> {
  visited.push(name);
  await assertAccessible(page, name);
  await assertNoHorizontalScroll(page);
}
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
const next = (page: Page) => page.getByRole("button", { name: "次へ進む" }).click();

test("sign up, draft, resume on another device, submit; staff correct and approve", async () => {
  const email = `e2e-${Date.now()}@example.jp`;
  const password = "e2e-password-2026";

  // — Resident, phone 1: sign up and start a draft.
  const phone1 = await newJourney(e2e.browser);
  let page = phone1.page;
  page.setDefaultTimeout(8000);
  await page.goto(`${e2e.server.baseUrl}/`);
  await check(page, "home");
  await page.goto(`${e2e.server.baseUrl}/auth/sign-up`);
  await check(page, "sign-up");
  await page.getByLabel("メールアドレス").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("#familyName").fill("浪速");
  await page.locator("#givenName").fill("花子");
  await page.locator("#familyKana").fill("なにわ"); // hiragana is accepted and converted
  await page.locator("#givenKana").fill("ハナコ");
  await page.getByRole("button", { name: "アカウントを作成する" }).click();
  await check(page, "after sign-up");

  await page.goto(`${e2e.server.baseUrl}/procedures?q=${encodeURIComponent("じゅうみんひょう")}`);
  await check(page, "search results");
  await page.getByRole("link", { name: "住民票の写し交付請求" }).click();
  await check(page, "procedure page");
  await page.getByRole("button", { name: /オンラインで申請を始める/ }).click();
  await check(page, "page: certificate");
  await page.getByLabel("住民票の写し", { exact: true }).check();
  await next(page);
  await page.getByLabel("本人（自分の住民票が必要）").check();
  await next(page);
  await check(page, "page: requester name (prefilled from sign-up)");
  assert.equal(await field(page, "requester_furigana.family").inputValue(), "ナニワ");
  await field(page, "requester_birth_date.era").selectOption("showa");
  await field(page, "requester_birth_date.year").fill("６０"); // full-width digits are accepted
  await field(page, "requester_birth_date.month").fill("4");
  await field(page, "requester_birth_date.day").fill("1");
  await next(page);
  await check(page, "page: contact");
  await page.getByRole("button", { name: /下書きを保存/ }).click();
  await check(page, "my page after save-and-exit");
  await phone1.context.close();

  // — Resident, phone 2 (another device): sign in, resume, finish, submit.
  const phone2 = await newJourney(e2e.browser);
  page = phone2.page;
  page.setDefaultTimeout(8000);
  await page.goto(`${e2e.server.baseUrl}/auth/sign-in?next=%2Fmy`);
  await check(page, "sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログインする" }).click();
  await check(page, "my page with draft");
  await page.getByRole("link", { name: /住民票の写し交付請求/ }).first().click();
  await check(page, "resumed page");
  await field(page, "requester_address.postalCode").fill("〒５３０－０００１");
  await field(page, "requester_address.address").fill("大阪府大阪市北区梅田1丁目1番1号");
  await field(page, "requester_phone").fill("06-6208-8181");
  await next(page);
  await page.getByLabel("世帯全員").check();
  await next(page);
  await next(page); // contents: optional
  await field(page, "copies").fill("２");
  await next(page);
  await field(page, "purpose").selectOption("employment");
  await next(page);
  await page.getByLabel("住民票が必要な方の住民登録地").check();
  await next(page);
  await check(page, "page: identity document");
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "machi-e2e-")), "license.pdf");
  fs.writeFileSync(pdf, "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n");
  await page.getByLabel("請求する方の本人確認書類").setInputFiles(pdf);
  await next(page);
  await check(page, "check your answers");
  await page.getByLabel(/記入した内容に偽りはありません/).check();
  await page.getByRole("button", { name: "申請する" }).click();
  await check(page, "receipt");
  const reference = (await page.locator(".reference").innerText()).trim();
  assert.match(reference, /^\d{8}-\d{6}$/);
  await page.getByRole("link", { name: "申請の状況を見る" }).click();
  await check(page, "application status");
  const applicationUrl = page.url();
  assert.match(await page.locator("main").innerText(), /受付/);

  // — Staff: find the case, start review, request a correction of the phone number.
  const office = await newJourney(e2e.browser, { width: 1280 });
  const staff = office.page;
  staff.setDefaultTimeout(8000);
  await staff.goto(`${e2e.server.baseUrl}/staff/sign-in`);
  await check(staff, "staff sign-in");
  await staff.getByLabel("メールアドレス").fill("tenma.sakura@staff.example.jp");
  await staff.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await staff.getByRole("button", { name: "ログインする" }).click();
  await check(staff, "staff home");
  await staff.goto(`${e2e.server.baseUrl}/staff/cases?department=ward-counter&q=${reference}`);
  await check(staff, "inbox filtered");
  await staff.getByRole("link", { name: reference }).click();
  await check(staff, "case page");
  const assignee = staff.getByLabel("担当者を選ぶ");
  const me = await assignee.locator("option", { hasText: "自分" }).getAttribute("value");
  await assignee.selectOption(me!);
  await staff.getByRole("button", { name: "担当者を変更する" }).click();
  await check(staff, "case assigned");
  await staff.getByLabel(/審査を開始する/).check();
  await staff.getByRole("button", { name: "状態を変更する" }).click();
  await check(staff, "case reviewing");
  await staff.locator('input[name="questions"][value="requester_phone"]').check();
  await staff.getByLabel("申請者へのメッセージ").fill("電話番号が確認できませんでした。日中につながる番号を入力してください。");
  await staff.getByRole("button", { name: "補正を依頼する" }).click();
  await check(staff, "correction requested");

  // — Resident: sees the request, corrects only the flagged answer.
  await page.goto(applicationUrl);
  await check(page, "application with correction request");
  assert.match(await page.locator("main").innerText(), /電話番号が確認できませんでした/);
  await page.getByRole("link", { name: /補正/ }).first().click();
  await check(page, "correction form");
  assert.equal(await field(page, "copies").count(), 0, "only flagged answers are editable");
  await field(page, "requester_phone").fill("090-1234-5678");
  await page.getByRole("button", { name: /補正/ }).click();
  await check(page, "after correction");

  // — Staff: approve.
  await staff.reload();
  await check(staff, "case after correction");
  await staff.getByLabel(/承認して完了にする/).check();
  await staff.getByRole("button", { name: "状態を変更する" }).click();
  await check(staff, "case approved");
  await office.context.close();

  // — Resident: the timeline ends with 完了.
  await page.goto(applicationUrl);
  await check(page, "application approved");
  const timeline = await page.locator(".timeline").innerText();
  // Newest last: received → reviewing → correction → corrected → approved.
  assert.match(timeline, /受け付けました[\s\S]*審査を開始しました[\s\S]*補正[\s\S]*電話番号が確認できませんでした[\s\S]*補正した内容を受け付けました[\s\S]*完了しました$/);
  await phone2.context.close();
  assert.ok(visited.length >= 29, `axe ran on ${visited.length} pages`);
});
