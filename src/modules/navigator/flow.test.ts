/** 手続き判定 for residents without JavaScript: pages, one question per page, answers in the URL, the result. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Browser } from "../identity/testing.ts";
import type { TestApp } from "../../testing/app.ts";
import { createNavigatorTestApp } from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createNavigatorTestApp();
});
after(async () => {
  await app.stop();
});

function location(response: { headers: Record<string, unknown> }): string {
  return String(response.headers.location);
}

test("the life events page lists the nine events and links the finder", async () => {
  const response = await app.http.inject({ url: "/navigator" });
  assert.equal(response.statusCode, 200);
  for (const title of ["引越し", "出生", "おくやみ", "結婚", "離婚", "就職・退職", "介護", "子育て", "事業を始める"]) assert.match(response.body, new RegExp(title));
  assert.match(response.body, /href="\/support-programmes"/);
  assert.doesNotMatch(response.body, /<script(?! src)/, "no inline scripts");
});

test("moving in, question by question, without JavaScript, to the checklist", async () => {
  const browser = new Browser(app);
  const start = await browser.get("/navigator/moving");
  assert.equal(start.statusCode, 200);
  assert.match(start.body, /href="\/navigator\/moving\/q\/move_type"/);

  const first = await browser.get("/navigator/moving/q/move_type");
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /<h1>どのような引越しですか<\/h1>/);
  assert.match(first.body, /質問 1 \/ 4/);

  // Nothing chosen: 422, error summary linked to the field, the page again.
  const empty = await browser.post("/navigator/moving/q/move_type", {});
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /<title>エラー: どのような引越しですか/);
  assert.match(empty.body, /class="error-summary"[\s\S]*href="#move_type"/);

  const afterType = await browser.post("/navigator/moving/q/move_type", { move_type: "in" });
  assert.equal(afterType.statusCode, 303);
  assert.equal(location(afterType), "/navigator/moving/q/move_date?move_type=in");

  // A date in 和暦 with full-width digits; an impossible date first.
  await browser.get("/navigator/moving/q/move_date?move_type=in");
  const bad = await browser.post("/navigator/moving/q/move_date?move_type=in", { "move_date.era": "reiwa", "move_date.year": "8", "move_date.month": "2", "move_date.day": "30" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /value="30"/, "what was typed is kept");
  const afterDate = await browser.post("/navigator/moving/q/move_date?move_type=in", { "move_date.era": "reiwa", "move_date.year": "８", "move_date.month": "4", "move_date.day": "1" });
  assert.equal(afterDate.statusCode, 303);
  assert.equal(location(afterDate), "/navigator/moving/q/household?move_type=in&move_date=2026-04-01");

  await browser.get(location(afterDate));
  const afterHousehold = await browser.post(location(afterDate), { household: ["children", "nhi"] });
  assert.equal(location(afterHousehold), "/navigator/moving/q/my_number_card?move_type=in&move_date=2026-04-01&household=children&household=nhi");
  await browser.get(location(afterHousehold));
  const done = await browser.post(location(afterHousehold), { my_number_card: "yes" });
  assert.equal(location(done), "/navigator/moving/result?move_type=in&move_date=2026-04-01&household=children&household=nhi&my_number_card=yes");

  const result = await browser.get(location(done));
  assert.equal(result.statusCode, 200);
  const body = result.body;
  assert.match(body, /<h1>引越し（転入・転出・転居）で必要な手続き<\/h1>/);
  // Groups, deadlines in 西暦 and 和暦, the legal basis, what to bring and why.
  assert.match(body, /オンラインで今すぐできる手続き/);
  assert.match(body, /市の窓口で行う手続き/);
  assert.match(body, /ほかの機関で行う手続き/);
  assert.match(body, /転入届<\/h3>[\s\S]*?2026年4月15日（令和8年4月15日）まで[\s\S]*?引越しの日から14日以内・住民基本台帳法第22条/);
  assert.match(body, /児童手当の認定請求<\/h3>[\s\S]*?2026年4月16日（令和8年4月16日）まで[\s\S]*?15日特例/);
  assert.match(body, /転出証明書（マイナンバーカードで転出届をした方は不要）/);
  assert.match(body, /必要な理由<\/dt><dd>大阪市に住み始めたことを届け出ます/);
  // Online procedures start with the answers.
  assert.match(body, /href="\/procedures\/child-allowance\?from=navigator&amp;[^"]*prefill\.move_date=2026-04-01[^"]*">オンラインで申請する/);
  assert.match(body, /href="\/procedures\/national-health-insurance\?from=navigator&amp;[^"]*prefill\.kind=join/);
  // Save: a permalink with the answers; print; send.
  assert.match(body, /value="http:\/\/localhost:3000\/navigator\/moving\/result\?move_type=in&amp;move_date=2026-04-01&amp;household=children&amp;household=nhi&amp;my_number_card=yes"/);
  assert.match(body, /<button class="button button--secondary" type="button" data-print hidden>/);
  assert.match(body, /<form method="post" action="\/navigator\/moving\/send\?/);
  assert.match(body, /<script src="\/navigator\/assets\/print.js" defer><\/script>/);
  // The answers with change links that come back to the result.
  assert.match(body, /href="\/navigator\/moving\/q\/move_date\?[^"]*return=result">変更/);
});

test("changing an answer from the result comes back to the result", async () => {
  const browser = new Browser(app);
  const query = "move_type=in&move_date=2026-04-01&household=children&household=nhi&my_number_card=yes";
  await browser.get(`/navigator/moving/q/household?${query}&return=result`);
  const changed = await browser.post(`/navigator/moving/q/household?${query}&return=result`, { household: "car" });
  assert.equal(location(changed), "/navigator/moving/result?move_type=in&move_date=2026-04-01&household=car&my_number_card=yes");
  const result = await browser.get(location(changed));
  assert.match(result.body, /運転免許証の住所変更/);
  assert.doesNotMatch(result.body, /児童手当の認定請求/);
});

test("changing an answer that hides later questions drops their answers", async () => {
  const browser = new Browser(app);
  const query = "change=leave&change_date=2026-03-31&next=search&insurance_after=nhi&hardship=no";
  await browser.get(`/navigator/job/q/change?${query}`);
  const changed = await browser.post(`/navigator/job/q/change?${query}`, { change: "start" });
  assert.equal(location(changed), "/navigator/job/q/change_date?change=start&change_date=2026-03-31");
});

test("skipping ahead by URL leads back to the first unanswered question; an incomplete result too", async () => {
  const jump = await app.http.inject({ url: "/navigator/moving/q/my_number_card?move_type=in" });
  assert.equal(jump.statusCode, 303);
  assert.equal(location(jump), "/navigator/moving/q/move_date?move_type=in");
  const early = await app.http.inject({ url: "/navigator/moving/result?move_type=in" });
  assert.equal(early.statusCode, 303);
  assert.equal(location(early), "/navigator/moving/q/move_date?move_type=in");
  const bogus = await app.http.inject({ url: "/navigator/moving/q/move_type?move_type=sideways&move_date=yesterday" });
  assert.equal(bogus.statusCode, 200, "values that fit no question are ignored");
});

test("the result in English, and a deadline on a holiday moved to the next open day", async () => {
  const response = await app.http.inject({ url: "/navigator/birth/result?born_date=2026-04-16&insurance=employee&nursery=no&lang=en" });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<h1>Procedures for: Birth of a child<\/h1>/);
  // 16 April + 14 days counting the first = 29 April 2026 (昭和の日) → 30 April.
  assert.match(response.body, /by 30 April 2026 \(Reiwa 8\) \(the legal last day, 29 April 2026 \(Reiwa 8\), is a Showa Day/);
  assert.match(response.body, /within 14 days of the date you gave for “When was the baby born\?”/);
  const ja = await app.http.inject({ url: "/navigator/birth/result?born_date=2026-04-16&insurance=employee&nursery=no" });
  assert.match(ja.body, /2026年4月30日（令和8年4月30日）まで（本来の期限2026年4月29日（令和8年4月29日）が昭和の日のため、次の開庁日まで）/);
  assert.match(ja.body, /赤ちゃんが生まれた日から14日以内・戸籍法第49条/);
});

test("unknown events and questions are 404", async () => {
  assert.equal((await app.http.inject({ url: "/navigator/space-travel" })).statusCode, 404);
  assert.equal((await app.http.inject({ url: "/navigator/moving/q/nope" })).statusCode, 404);
  assert.equal((await app.http.inject({ url: "/navigator/Moving%20In/result" })).statusCode, 404);
});

test("the navigator's stylesheet has print rules and the city's colours are a separate file", async () => {
  const css = await app.http.inject({ url: "/navigator/assets/navigator.css" });
  assert.equal(css.statusCode, 200);
  assert.match(css.body, /@media print/);
  const brand = await app.http.inject({ url: "/navigator/assets/brand.css" });
  assert.match(brand.body, /--color-primary: #0031d8/);
  const js = await app.http.inject({ url: "/navigator/assets/print.js" });
  assert.match(js.body, /window\.print/);
});
