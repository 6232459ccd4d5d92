/**
 * 来庁予約 in a real browser, without JavaScript, 360 px wide, with an accessibility check (axe,
 * WCAG 2.2 A/AA) and no horizontal scroll on every page: a resident without an account picks a
 * ward office, a service, a day in the calendar table and a time, enters their details (first
 * with mistakes), types the code e-mailed to them over SMTP, and gets the confirmation with its
 * QR code; then opens the cancel page and the public queue display; staff see the day.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { seedAppointmentsDemo } from "../../../src/modules/appointments/index.ts";
import { createStaff, startSmtpSink, uniqueEmail, type SmtpSink } from "../../../src/modules/identity/testing.ts";
import { assertAccessible, assertNoHorizontalScroll, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";

let server: E2eServer;
let browser: Browser;
let smtp: SmtpSink;
before(async () => {
  smtp = await startSmtpSink();
  server = await startServer({ SMTP_URL: smtp.url });
  await seedAppointmentsDemo(server.database.db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const visited: string[] = [];
async function check(page: Page, label: string) {
  await assertAccessible(page, label);
  await assertNoHorizontalScroll(page);
  visited.push(label);
}

test("booking a counter appointment without an account, JavaScript off, 360 px", async () => {
  const { context, page } = await newJourney(browser);
  await page.goto(`${server.baseUrl}/appointments`);
  await check(page, "offices");
  await page.getByRole("link", { name: "北区役所" }).click();
  await check(page, "services");
  await page.getByRole("link", { name: "住民票の写し・印鑑登録証明書" }).click();
  await check(page, "calendar");
  // The first day with places: if this month has none left, the next month.
  if ((await page.locator("a.cal__link").count()) === 0) {
    await page.getByRole("link", { name: /次の月/ }).click();
    await check(page, "calendar next month");
  }
  await page.locator("a.cal__link").first().click();
  await check(page, "times");
  assert.match(await page.locator("a.slot--open").first().innerText(), /空きあり（残り3人）/);
  await page.locator("a.slot--open").first().click();
  await check(page, "details");

  await page.locator("#email").fill("hanako@");
  await page.getByRole("button", { name: "確認コードを送る" }).click();
  assert.equal(await page.locator(".error-summary li").count(), 2);
  assert.match(await page.title(), /^エラー: /);
  await check(page, "details with errors");
  const email = uniqueEmail("journey");
  await page.locator("#name").fill("大阪 花子");
  await page.locator("#email").fill(email);
  await page.locator("#phone").fill("０６ー１２３４ー５６７８");
  const since = smtp.messages.length;
  await page.getByRole("button", { name: "確認コードを送る" }).click();
  await check(page, "code");
  const mail = await smtp.waitFor(email, { since, subject: /確認コード/, timeoutMs: 10_000 });
  const code = /確認コード：(\d{6})/.exec(mail.text ?? "")![1]!;
  await page.locator("#code").fill(code);
  await page.getByRole("button", { name: "予約を確定する" }).click();
  await check(page, "confirmation");
  assert.equal(await page.locator("h1").innerText(), "予約が確定しました");
  const qr = page.locator(".qr img");
  assert.match((await qr.getAttribute("alt")) ?? "", /^受付用QRコード（受付コード [0-9A-Z-]{14}）$/);
  assert.ok(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0), "the QR code image loads under the CSP");
  await smtp.waitFor(email, { since, subject: /来庁予約が確定しました/, timeoutMs: 10_000 });

  await page.getByRole("link", { name: "予約を取り消す" }).click();
  await check(page, "cancel");
  await page.getByRole("link", { name: "取り消さずに戻る" }).click();
  await page.getByRole("link", { name: "日時を変更する" }).click();
  await check(page, "change: calendar");

  await page.goto(`${server.baseUrl}/queue/kita?refresh=off`);
  await check(page, "queue display");
  await page.goto(`${server.baseUrl}/consultations`);
  await check(page, "consultations");
  await context.close();
});

test("staff pages of the ward office pass the same checks", async () => {
  const account = await createStaff({ http: server.app.http, deps: server.app.deps }, { roles: [{ departmentCode: "ward-kita", role: "clerk" }] });
  const { context, page } = await newJourney(browser, { width: 1024 });
  await page.goto(`${server.baseUrl}/staff/sign-in`);
  await page.locator("#email").fill(account.email);
  await page.locator("#password").fill(account.password);
  await page.locator("main form:has(#password) button.button").first().click();
  await page.waitForURL(/\/staff/);
  for (const [path, label] of [["/staff/appointments", "staff home"], ["/staff/appointments/kita", "staff day"], ["/staff/appointments/kita/queue", "staff queue"], ["/staff/appointments/kita/exceptions", "staff exceptions"], ["/staff/appointments/consultations", "staff consultations"]] as const) {
    await page.goto(`${server.baseUrl}${path}`);
    await assertAccessible(page, label);
    visited.push(label);
  }
  await page.goto(`${server.baseUrl}/staff/appointments/kita`);
  await page.locator("#token").fill("nonsense");
  await page.getByRole("button", { name: "受付する" }).click();
  await assertAccessible(page, "staff check-in error");
  await context.close();
  assert.ok(visited.filter((label) => label.startsWith("staff")).length >= 5);
});
