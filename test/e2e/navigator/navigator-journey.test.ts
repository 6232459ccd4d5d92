/**
 * Browser journeys of 手続き判定 and the support-programme finder: JavaScript off, 360 px wide,
 * axe-core (WCAG 2.2 AA) and no horizontal scroll on every page; the print layout; staff editing
 * a draft, testing it and importing programmes.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { checkPage, launchBrowser, newJourney, startServer, type E2eServer } from "../support/browser.ts";
import { NAVIGATOR_DEMO_STAFF, seedNavigatorDemo } from "../../../src/modules/navigator/index.ts";

let server: E2eServer;
let browser: Browser;
before(async () => {
  server = await startServer();
  await seedNavigatorDemo(server.database.db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a resident moving in finds what to do, without JavaScript, at 360 px", async () => {
  const { context, page } = await newJourney(browser);
  page.setDefaultTimeout(8000);
  await page.goto(`${server.baseUrl}/navigator`);
  await checkPage(page, "01-events");
  await page.getByRole("link", { name: "引越し（転入・転出・転居）" }).click();
  await checkPage(page, "02-start");
  await page.getByRole("button", { name: "質問に答える" }).click();
  await checkPage(page, "03-move-type");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await checkPage(page, "04-move-type-error");
  assert.equal(await page.locator(".error-summary").count(), 1);
  await page.getByLabel("大阪市外から大阪市内へ引越す（転入）").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await checkPage(page, "05-move-date");
  await page.getByLabel("西暦・和暦").selectOption("reiwa");
  await page.getByLabel("年", { exact: true }).fill("8");
  await page.getByLabel("月", { exact: true }).fill("4");
  await page.getByLabel("日", { exact: true }).fill("1");
  await page.getByRole("button", { name: "次へ進む" }).click();
  await checkPage(page, "06-household");
  await page.getByLabel("18歳までの子ども（高校生世代まで）がいる").check();
  await page.getByLabel("国民健康保険に加入している").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await checkPage(page, "07-card");
  await page.getByLabel("はい").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  await checkPage(page, "08-result");
  assert.match(page.url(), /\/navigator\/moving\/result\?move_type=in&move_date=2026-04-01&household=children&household=nhi&my_number_card=yes$/);
  await page.getByRole("heading", { name: "転入届" }).waitFor();
  assert.ok(await page.getByText("2026年4月15日（令和8年4月15日）まで").first().isVisible());
  assert.ok(await page.getByRole("link", { name: /オンラインで申請する\s*：児童手当の認定請求/ }).isVisible());
  // Without JavaScript the print button stays hidden; the print layout shows only the list.
  assert.equal(await page.locator("[data-print]").isVisible(), false);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.header").isVisible(), false);
  assert.equal(await page.locator(".nav-keep").isVisible(), false);
  assert.ok(await page.getByRole("heading", { name: "転入届" }).isVisible());
  await page.emulateMedia({ media: "screen" });

  // Change an answer from the list and come back to it.
  await page.getByRole("link", { name: /変更\s*：引越しする方は全員マイナンバーカードを持っていますか/ }).click();
  await checkPage(page, "09-change");
  await page.getByLabel("いいえ").check();
  await page.getByRole("button", { name: "次へ進む" }).click();
  assert.match(page.url(), /my_number_card=no$/);

  // Send it to oneself: an error first, then sent.
  await page.getByLabel("メールアドレス").fill("not an address");
  await page.getByRole("button", { name: "メールで送る" }).click();
  await checkPage(page, "10-send-error");
  await page.getByLabel("メールアドレス").fill("matsumoto.yoko@example.jp");
  await page.getByRole("button", { name: "メールで送る" }).click();
  await checkPage(page, "11-sent");
  assert.ok(await page.getByText("リストをメールで送りました").isVisible());

  // In English.
  await page.getByRole("link", { name: "English" }).click();
  await checkPage(page, "12-result-en");
  assert.ok(await page.getByRole("heading", { name: "Procedures for: Moving house (in, out or within the city)" }).isVisible());
  await context.close();
});

test("the finder: filters, the quick check with its errors, ranked results, a programme, open data", async () => {
  const { context, page } = await newJourney(browser);
  page.setDefaultTimeout(8000);
  await page.goto(`${server.baseUrl}/support-programmes`);
  await checkPage(page, "20-finder");
  await page.getByRole("radio", { name: "事業者", exact: true }).check();
  await page.getByLabel("種類").selectOption("loan");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await checkPage(page, "21-filtered");
  await page.getByRole("link", { name: "かんたん診断で自分に合う制度を探す" }).click();
  await checkPage(page, "22-check");
  await page.getByLabel("従業員の人数").fill("たくさん");
  await page.getByRole("button", { name: "結果を見る" }).click();
  await checkPage(page, "23-check-error");
  await page.getByLabel("従業員の人数").fill("８");
  await page.getByLabel("売上の減少（前年の同じ時期と比べて）").fill("40");
  await page.getByLabel("業種").selectOption("food");
  await page.getByRole("button", { name: "結果を見る" }).click();
  await checkPage(page, "24-ranked");
  assert.ok(await page.getByText("あなたの回答：").isVisible());
  await page.getByRole("link", { name: "大阪府制度融資（経営安定サポート資金）" }).click();
  await checkPage(page, "25-programme");
  await page.getByRole("link", { name: "支援制度の一覧に戻る" }).click();
  assert.ok(await page.getByRole("link", { name: "JSON形式（すべての制度）" }).isVisible());
  const json = await page.request.get(`${server.baseUrl}/support-programmes.json`);
  assert.equal(json.status(), 200);
  await context.close();
});

test("staff edit a draft with forms, test it and import programmes", async () => {
  const { context, page } = await newJourney(browser, { width: 1280 });
  page.setDefaultTimeout(8000);
  await page.goto(`${server.baseUrl}/staff/sign-in`);
  await page.getByLabel("メールアドレス").fill(NAVIGATOR_DEMO_STAFF.email);
  await page.getByLabel("パスワード").fill(NAVIGATOR_DEMO_STAFF.password);
  await page.getByRole("button", { name: "ログインする" }).click();
  await page.goto(`${server.baseUrl}/staff/navigator`);
  await checkPage(page, "30-staff-events");
  await page.getByRole("link", { name: "job" }).click();
  await checkPage(page, "31-staff-event");
  await page.getByRole("button", { name: "公開中の版から下書きを作る" }).click();
  await checkPage(page, "32-draft");
  await page.getByRole("link", { name: /編集\s*：どちらですか/ }).click();
  await checkPage(page, "33-question-editor");
  await page.getByLabel("質問文（日本語）").fill("");
  await page.getByRole("button", { name: "保存する" }).click();
  await checkPage(page, "34-question-errors");
  await page.getByLabel("質問文（日本語）").fill("就職しましたか、退職しましたか");
  await page.getByRole("button", { name: "保存する" }).click();
  await page.getByRole("link", { name: "項目を追加する" }).click();
  await checkPage(page, "35-item-editor");
  await page.getByRole("link", { name: "下書きに戻る" }).click();
  await page.getByRole("link", { name: "回答を入れて結果を確かめる（テスト）" }).click();
  await checkPage(page, "36-harness");
  await page.getByLabel("会社などを退職した").check();
  await page.getByLabel("すぐに次の勤務先の健康保険に入る").check();
  await page.getByRole("button", { name: "結果を見る" }).click();
  await checkPage(page, "37-harness-result");
  assert.ok(await page.getByText("公開中の版と同じリストです。").isVisible());
  await page.goto(`${server.baseUrl}/staff/navigator/job/draft/json`);
  await checkPage(page, "38-json");

  await page.goto(`${server.baseUrl}/staff/support-programmes`);
  await checkPage(page, "39-programmes");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "machi-")), "bad.csv");
  fs.writeFileSync(file, "id,title_ja\r\nx,y\r\n");
  await page.getByLabel("CSVファイル").setInputFiles(file);
  await page.getByRole("button", { name: "取り込む" }).click();
  await checkPage(page, "40-import-errors");
  assert.ok(await page.getByText("取り込めませんでした（問題1件）").isVisible());
  await context.close();
});
