/**
 * Browser journey of the builder (JavaScript off, axe on every page): a staff member builds a
 * new procedure with a conditional page and a calculated fee; a reviewer publishes it and sets
 * up its case app; a resident finds it by search and submits it; it appears in the case app.
 * Then a notice page is built (an image without alt text is refused) and published.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { assertAccessible, assertNoHorizontalScroll, newJourney, serverAndBrowser } from "../support/browser.ts";
import { DEMO_PASSWORD } from "../../../src/modules/procedures/demo/catalogue.ts";

const e2e = serverAndBrowser();

async function check(page: Page, name: string, options: { scroll?: boolean } = {}) {
  await assertAccessible(page, name);
  if (options.scroll !== false) await assertNoHorizontalScroll(page);
}

async function signInStaff(page: Page, email: string) {
  await page.goto(`${e2e.server.baseUrl}/staff/sign-in`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログインする" }).click();
}

const save = (page: Page) => page.getByRole("button", { name: "保存する", exact: true }).click();

test("build, review, publish, find, submit and handle a procedure — without JavaScript", async () => {
  // ── The author (a clerk of the ward counter) builds the procedure ──
  const office = await newJourney(e2e.browser);
  const author = office.page;
  author.setDefaultTimeout(8000);
  await signInStaff(author, "tenma.sakura@staff.example.jp");
  await check(author, "staff home");
  await author.getByRole("link", { name: "ノーコードビルダー" }).click();
  await check(author, "builder home");
  await author.getByRole("link", { name: "新しい手続きを作る" }).click();
  await check(author, "create");
  await author.getByRole("button", { name: "作成する" }).click();
  await check(author, "create errors");
  await author.getByLabel("手続きの名前（日本語）").fill("記念植樹証明書の交付請求");
  await author.getByLabel("手続きの名前のよみがな").fill("きねんしょくじゅしょうめいしょのこうふせいきゅう");
  await author.getByLabel("手続きのID（URLに使われます）").fill("tree-certificate");
  await author.getByLabel("概要（日本語）").fill("市の公園で記念植樹をした方に、植樹の証明書を交付します。");
  await author.getByLabel("申請できる方（日本語）").fill("市の公園で記念植樹をした方");
  await author.getByLabel("処理にかかる期間（日本語）").fill("約1週間");
  await author.getByRole("button", { name: "作成する" }).click();
  await check(author, "overview");
  const procedureId = /procedures\/([0-9a-f-]{36})/.exec(author.url())![1]!;

  // A page with the number of copies and how to receive them.
  await author.getByRole("link", { name: "ページを追加" }).click();
  await check(author, "new page");
  await author.getByLabel("ページの見出し（日本語）").fill("通数と受け取り方法");
  await author.getByLabel("ページのID").fill("order");
  await save(author);
  await check(author, "starter question");
  await author.getByLabel("質問文（日本語）").fill("使いみち");
  await author.getByLabel(/回答を任意にする/).check();
  await save(author);
  await author.locator('form[action$="/pages/order/questions/new"] select').selectOption("number");
  await author.locator('form[action$="/pages/order/questions/new"]').getByRole("button", { name: "質問を追加" }).click();
  await check(author, "new number question");
  await author.getByLabel("質問文（日本語）").fill("必要な通数");
  await author.getByLabel("質問のID").fill("copies");
  await author.getByLabel("最小値").fill("1");
  await author.getByLabel("最大値").fill("10");
  await save(author);
  await author.locator('form[action$="/pages/order/questions/new"] select').selectOption("single");
  await author.locator('form[action$="/pages/order/questions/new"]').getByRole("button", { name: "質問を追加" }).click();
  await author.getByLabel("質問文（日本語）").fill("受け取り方法");
  await author.getByLabel("質問のID").fill("delivery");
  await author.getByLabel("選択肢").fill("counter|区役所の窓口で受け取る\npost|郵送で受け取る");
  await author.getByRole("button", { name: "プレビューを更新" }).click();
  await check(author, "question preview");
  await save(author);

  // A page shown only when the copies are sent by post.
  await author.getByRole("link", { name: "ページを追加" }).click();
  await author.getByLabel("ページの見出し（日本語）").fill("送付先");
  await author.getByLabel("ページのID").fill("post_address");
  await author.getByLabel("条件に使う質問").selectOption("delivery");
  await author.getByLabel("条件の種類").selectOption("equals");
  await author.getByLabel("条件の値").fill("post");
  await save(author);
  await author.getByLabel("質問文（日本語）").fill("送付先の住所");
  await save(author);

  // The fee, calculated: first a formula that names a question that does not exist.
  await author.getByRole("link", { name: "ページを追加" }).click();
  await author.getByLabel("ページの見出し（日本語）").fill("手数料");
  await author.getByLabel("ページのID").fill("fee_page");
  await save(author);
  await author.getByLabel("質問文（日本語）").fill("連絡事項");
  await author.getByLabel(/回答を任意にする/).check();
  await save(author);
  await author.locator('form[action$="/pages/fee_page/questions/new"] select').selectOption("calculated");
  await author.locator('form[action$="/pages/fee_page/questions/new"]').getByRole("button", { name: "質問を追加" }).click();
  await author.getByLabel("質問文（日本語）").fill("手数料");
  await author.getByLabel("質問のID").fill("fee");
  await author.getByLabel("計算式").fill("copys * 300");
  await author.getByLabel("金額（例：1,200円）").check();
  await save(author);
  await check(author, "formula refused");
  assert.match(await author.locator(".error-summary").innerText(), /計算式の1文字目の質問「copys」が見つかりません.*\$\.pages\[3\]\.questions\[1\]\.expression/s);
  await author.getByLabel("計算式").fill("copies × 300");
  await save(author);
  await check(author, "overview with the form");

  // What residents are told about it.
  await author.getByRole("link", { name: "手続きの情報（手数料・持ち物など）" }).click();
  await check(author, "metadata");
  await author.getByLabel("手数料（円）").fill("300");
  await author.getByLabel("1通ごと").check();
  await author.getByLabel("持ち物・必要なもの（日本語）").fill("植樹のときの受付票");
  await author.getByLabel("検索キーワード").fill("しょくじゅ\n記念樹");
  await save(author);

  // The preview, as residents see it.
  await author.getByRole("link", { name: "プレビュー", exact: true }).click();
  await check(author, "preview");
  await author.getByRole("button", { name: "次へ進む" }).click();
  await check(author, "preview continued");
  await author.getByRole("link", { name: "ビルダーに戻る" }).click();

  await author.getByRole("button", { name: "承認を依頼する" }).click();
  await check(author, "submitted for review");
  assert.match(await author.locator("main").innerText(), /承認待ち/);
  await office.context.close();

  // ── The reviewer (a manager of the same department) publishes it and sets up its case app ──
  const managerJourney = await newJourney(e2e.browser, { width: 1280 });
  const manager = managerJourney.page;
  manager.setDefaultTimeout(8000);
  await signInStaff(manager, "morimoto.yumi@staff.example.jp");
  await manager.goto(`${e2e.server.baseUrl}/staff/builder?state=in_review`);
  await check(manager, "builder: in review");
  await manager.getByRole("link", { name: "記念植樹証明書の交付請求" }).click();
  await check(manager, "review");
  await manager.getByLabel("すぐに公開する").check();
  await manager.getByRole("button", { name: "承認する" }).click();
  await check(manager, "published");
  assert.match(await manager.locator("main").innerText(), /公開中：第1版/);
  await manager.getByRole("link", { name: "版と変更履歴" }).click();
  await check(manager, "versions");
  await manager.goBack();
  await manager.getByRole("link", { name: "ケースアプリ（審査の進め方）" }).click();
  await check(manager, "case app editor");
  // A new stage nothing leads to is refused…
  await manager.getByLabel("段階のID", { exact: true }).nth(5).fill("issuing");
  await manager.getByLabel("段階の名前（日本語）").nth(5).fill("交付準備");
  await manager.getByLabel("住民に見える状態").nth(5).selectOption("reviewing");
  await manager.getByLabel("次に進める段階のID").nth(5).fill("approved");
  await save(manager);
  await check(manager, "case app refused");
  assert.match(await manager.locator(".error-summary").innerText(), /段階「issuing」には最初の段階からたどり着けません/);
  // …until a stage leads to it.
  await manager.getByLabel("次に進める段階のID").nth(1).fill("issuing, correction_requested, rejected");
  await manager.getByLabel("処理期限", { exact: true }).check();
  await manager.getByLabel("必要な通数（copies）").first().check();
  await manager.getByLabel("申請から決定までの日数").fill("7");
  await save(manager);
  await check(manager, "case app saved");
  assert.match(await manager.locator("main").innerText(), /ケースアプリを保存しました/);

  // ── A resident finds it by search and submits it ──
  const home = await newJourney(e2e.browser);
  const resident = home.page;
  resident.setDefaultTimeout(8000);
  await resident.goto(`${e2e.server.baseUrl}/procedures`);
  await resident.getByLabel("手続きの名前やキーワード").fill("記念樹");
  await resident.getByRole("button", { name: "さがす" }).click();
  await check(resident, "search results");
  await resident.getByRole("link", { name: "記念植樹証明書の交付請求" }).click();
  await check(resident, "procedure page");
  assert.match(await resident.locator("main").innerText(), /1通300円/);
  await resident.getByRole("button", { name: /ログインして申請を始める/ }).click();
  await resident.getByLabel("メールアドレス").fill("matsumoto.yoko@example.jp");
  await resident.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await resident.getByRole("button", { name: "ログイン" }).click();
  await resident.getByRole("button", { name: /オンラインで申請を始める/ }).click();
  await check(resident, "applicant (prefilled)");
  assert.equal(await resident.getByLabel("姓", { exact: true }).inputValue(), "松本");
  await resident.getByRole("button", { name: "次へ進む" }).click();
  await resident.getByLabel("必要な通数").fill("２");
  await resident.getByLabel("郵送で受け取る").check();
  await resident.getByRole("button", { name: "次へ進む" }).click();
  await check(resident, "conditional page");
  await resident.getByLabel("送付先の住所").fill("大阪市北区天神橋3丁目9-99");
  await resident.getByRole("button", { name: "次へ進む" }).click();
  await check(resident, "calculated fee");
  assert.match(await resident.locator("main").innerText(), /600円/);
  await resident.getByRole("button", { name: "次へ進む" }).click();
  await check(resident, "check your answers");
  await resident.getByRole("button", { name: "申請する" }).click();
  await check(resident, "receipt");
  const reference = (await resident.locator(".reference").first().innerText()).trim();
  assert.match(reference, /^\d{8}-\d{6}$/);
  await home.context.close();

  // ── It appears in the configured case app ──
  await manager.goto(`${e2e.server.baseUrl}/staff/cases?department=ward-counter&procedure=${procedureId}`);
  await check(manager, "case app inbox");
  const row = manager.locator("tbody tr", { hasText: reference });
  assert.match(await row.innerText(), /受付/);
  assert.match(await row.innerText(), /\b2\b/);
  assert.match(await row.innerText(), /期限内/);
  await manager.getByRole("link", { name: "ボードで見る" }).click();
  await check(manager, "case app board");
  await manager.getByRole("link", { name: reference }).click();
  await check(manager, "case page");
  await manager.getByLabel(/^審査中/).check();
  await manager.getByRole("button", { name: "状態を変更する" }).click();
  await check(manager, "case moved");
  assert.match(await manager.locator("main").innerText(), /段階を進めました|状態を変更しました/);
  await managerJourney.context.close();
});

test("a notice page: an image without alt text is refused; the published page is accessible", async () => {
  const journey = await newJourney(e2e.browser);
  const staff = journey.page;
  staff.setDefaultTimeout(8000);
  await signInStaff(staff, "morimoto.yumi@staff.example.jp");
  await staff.goto(`${e2e.server.baseUrl}/staff/builder/pages`);
  await check(staff, "pages");
  await staff.getByLabel("ページの見出し（日本語）").fill("図書館の臨時休館");
  await staff.getByLabel("ページのID（URLに使われます）").fill("library-closed");
  await staff.getByRole("button", { name: "作成する" }).click();
  await check(staff, "page editor");
  await staff.getByLabel("文（日本語）").fill("3月1日から3日まで、中央図書館は点検のため休館します。");
  await staff.getByRole("button", { name: "追加する" }).click();
  await staff.getByLabel("ブロックの種類").selectOption("image");
  await staff.getByRole("button", { name: "この種類にする" }).click();
  const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "machi-")), "map.png");
  fs.writeFileSync(png, Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
  await staff.getByLabel("画像ファイル（PNG・JPEG、5MBまで）").setInputFiles(png);
  await staff.getByRole("button", { name: "追加する" }).click();
  await check(staff, "image refused");
  assert.match(await staff.locator(".error-summary").innerText(), /画像の代替テキストを入力してください/);
  await staff.getByLabel("画像ファイル（PNG・JPEG、5MBまで）").setInputFiles(png);
  await staff.getByLabel("代替テキスト（日本語）").fill("中央図書館の入口。休館のお知らせが貼ってある");
  await staff.getByRole("button", { name: "追加する" }).click();
  await check(staff, "image added");
  await staff.getByRole("button", { name: "下書きを公開する" }).click();
  await check(staff, "page published");
  await journey.context.close();

  const visitor = await newJourney(e2e.browser);
  await visitor.page.goto(`${e2e.server.baseUrl}/`);
  await check(visitor.page, "home with notices");
  await visitor.page.getByRole("link", { name: "図書館の臨時休館" }).click();
  await check(visitor.page, "notice page");
  assert.equal(await visitor.page.locator("img").getAttribute("alt"), "中央図書館の入口。休館のお知らせが貼ってある");
  await visitor.context.close();
});

test("with JavaScript: drag and drop reordering, live preview, side-by-side preview frames", async () => {
  const journey = await newJourney(e2e.browser, { javaScriptEnabled: true, width: 1280 });
  const staff = journey.page;
  staff.setDefaultTimeout(8000);
  const errors: string[] = [];
  staff.on("pageerror", (error) => errors.push(error.message));
  await signInStaff(staff, "nakajima.kenta@staff.example.jp");
  await staff.goto(`${e2e.server.baseUrl}/staff/builder/procedures/new`);
  await staff.getByLabel("手続きの名前（日本語）").fill("臨時駐車許可の申請");
  await staff.getByLabel("手続きの名前のよみがな").fill("りんじちゅうしゃきょかのしんせい");
  await staff.getByLabel("手続きのID（URLに使われます）").fill("temporary-parking");
  await staff.getByLabel("概要（日本語）").fill("行事のときに公共施設の駐車場を使う許可を申請します。");
  await staff.getByLabel("申請できる方（日本語）").fill("行事の主催者");
  await staff.getByLabel("処理にかかる期間（日本語）").fill("約3日");
  await staff.getByRole("button", { name: "作成する" }).click();

  // Live preview: typing the question updates the preview without saving.
  await staff.locator('form[action$="/pages/applicant/questions/new"] select').selectOption("single");
  await staff.locator('form[action$="/pages/applicant/questions/new"]').getByRole("button", { name: "質問を追加" }).click();
  await staff.getByLabel("質問文（日本語）").fill("車の種類");
  await staff.getByLabel("質問のID").fill("vehicle");
  await staff.getByLabel("選択肢").fill("car|乗用車\nbus|バス");
  await staff.locator("#question-preview").getByText("バス").waitFor();
  await save(staff);
  await check(staff, "overview (JS)", { scroll: false });

  // Drag the new question above the name question: the order is saved.
  const questions = staff.locator('.builder-outline__page[data-id="applicant"] .builder-outline__question');
  assert.deepEqual(await questions.evaluateAll((items) => items.map((i) => i.getAttribute("data-id"))), ["applicant_name", "vehicle"]);
  await staff.dragAndDrop('.builder-outline__question[data-id="vehicle"] .builder-outline__row', '.builder-outline__question[data-id="applicant_name"] .builder-outline__row', { targetPosition: { x: 5, y: 2 } });
  await staff.getByText("並べ替えを保存しました。").waitFor();
  assert.deepEqual(await questions.evaluateAll((items) => items.map((i) => i.getAttribute("data-id"))), ["vehicle", "applicant_name"]);

  // The preview shows both widths side by side in frames.
  await staff.getByRole("link", { name: "プレビュー", exact: true }).click();
  await staff.locator('iframe[title="スマートフォン幅のプレビュー"]').waitFor();
  const frame = staff.frameLocator('iframe[title="スマートフォン幅のプレビュー"]');
  await frame.getByText("車の種類").waitFor();
  assert.deepEqual(errors, []);
  await journey.context.close();
});
