/** The support-programme finder: filters, the questionnaire's ranking with matched / unmatched criteria, pages and API. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { TestApp } from "../../testing/app.ts";
import { DEMO_PROGRAMMES } from "./demo/programmes.ts";
import { effectiveStatus, type SupportProgramme } from "./programmes/programme.ts";
import { checkCriteria, filterProgrammes, rankProgrammes, readFinderQuery } from "./programmes/rank.ts";
import { createNavigatorTestApp } from "./testing.ts";

const today = "2026-11-26";
const byId = (id: string) => DEMO_PROGRAMMES.find((p) => p.id === id)!;

test("the demo has at least 30 programmes of 国, the prefecture and the city, for residents and businesses, some closed", () => {
  assert.ok(DEMO_PROGRAMMES.length >= 30);
  for (const body of ["national", "prefecture", "city"] as const) assert.ok(DEMO_PROGRAMMES.some((p) => p.body === body));
  for (const who of ["resident", "business"] as const) assert.ok(DEMO_PROGRAMMES.some((p) => p.audiences.includes(who)));
  assert.equal(effectiveStatus(byId("jizokuka-kyufukin"), today), "closed");
  assert.equal(new Set(DEMO_PROGRAMMES.map((p) => p.id)).size, DEMO_PROGRAMMES.length, "ids are unique");
});

test("criteria come out met, unmet or unknown", () => {
  const checks = checkCriteria(byId("jizokuka-hojokin"), { who: "business", employees: 30 });
  assert.deepEqual(checks.map((c) => [c.key, c.outcome]), [["audience", "met"], ["employees", "unmet"]]);
  const unknown = checkCriteria(byId("koyo-chosei-joseikin"), { who: "business" });
  assert.deepEqual(unknown.map((c) => [c.key, c.outcome]), [["audience", "met"], ["employees", "unknown"], ["salesDrop", "unknown"]]);
  const ward = checkCriteria(byId("ikuno-akiya-katsuyo"), { ward: "271276" });
  assert.deepEqual(ward.map((c) => [c.key, c.outcome]), [["audience", "unknown"], ["ward", "unmet"]]);
});

test("ranking: open programmes that fit every answer first, then partial fits, closed ones last", () => {
  const kept = filterProgrammes(DEMO_PROGRAMMES, { who: "business", includeClosed: true }, today);
  const ranked = rankProgrammes(kept, { who: "business", employees: 5, salesDrop: 60, industry: "food" }, today);
  const ids = ranked.map((r) => r.programme.id);
  const firstUnmet = ranked.findIndex((r) => r.unmet > 0);
  const firstClosed = ranked.findIndex((r) => r.status === "closed");
  assert.ok(ranked.slice(0, firstUnmet).every((r) => r.unmet === 0 && r.status !== "closed"));
  assert.ok(ranked.slice(firstClosed).every((r) => r.status === "closed"), "closed programmes come last");
  // 雇用調整助成金 matches three criteria (who, employees, sales drop) and ranks above IT導入 (two).
  assert.ok(ids.indexOf("koyo-chosei-joseikin") < ids.indexOf("it-donyu-hojokin"));
  // 介護人材 asks for medical_welfare: a food business does not fit.
  const care = ranked.find((r) => r.programme.id === "osaka-city-kaigo-shokuin-shien")!;
  assert.equal(care.unmet, 1);
  assert.ok(ids.indexOf("osaka-city-kaigo-shokuin-shien") > firstUnmet - 1);
  // 持続化給付金 (closed) fits a 60% drop but is history.
  assert.ok(ids.indexOf("jizokuka-kyufukin") >= firstClosed);
});

test("filters: who, kind, body; closed programmes only when asked", () => {
  const open = filterProgrammes(DEMO_PROGRAMMES, {}, today);
  assert.ok(!open.some((p) => p.id === "jizokuka-kyufukin"));
  const loans = filterProgrammes(DEMO_PROGRAMMES, { kind: "loan", body: "prefecture" }, today);
  assert.ok(loans.length > 0 && loans.every((p) => p.kind === "loan" && p.body === "prefecture"));
  const residents = filterProgrammes(DEMO_PROGRAMMES, { who: "resident" }, today);
  assert.ok(residents.every((p: SupportProgramme) => p.audiences.includes("resident")));
});

test("the questionnaire's query: full-width digits accepted, bad values reported per field", () => {
  const wards = new Set(["271161"]);
  const ok = readFinderQuery({ who: "business", employees: "１２", salesDrop: "30%", ward: "271161", income: "under200" }, wards);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.profile, { who: "business", employees: 12, salesDrop: 30, ward: "271161", income: "under200" });
  const bad = readFinderQuery({ employees: "many", salesDrop: "150", household: "0", ward: "999999", industry: "piracy" }, wards);
  assert.deepEqual(bad.errors, [
    { field: "industry", code: "choice" },
    { field: "ward", code: "choice" },
    { field: "employees", code: "number" },
    { field: "salesDrop", code: "range" },
    { field: "household", code: "range" },
  ]);
});

let app: TestApp;
before(async () => {
  app = await createNavigatorTestApp();
});
after(async () => {
  await app.stop();
});

test("the finder page: filters, the list, and the open-data links", async () => {
  const response = await app.http.inject({ url: "/support-programmes" });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<h1>支援制度さがし<\/h1>/);
  assert.match(response.body, /href="\/support-programmes.json"/);
  assert.match(response.body, /href="\/support-programmes.csv"/);
  assert.match(response.body, /href="\/support-programmes.csv\?encoding=shift_jis"/);
  assert.match(response.body, /href="\/support-programmes.schema.json"/);
  assert.doesNotMatch(response.body, /持続化給付金<\/a>/, "closed programmes are hidden by default");
  const history = await app.http.inject({ url: "/support-programmes?closed=1&who=business" });
  assert.match(history.body, /持続化給付金<\/a>/);
  assert.match(history.body, /受付終了（2021年2月15日（令和3年2月15日）で終了）/);
  assert.doesNotMatch(history.body, /児童手当<\/a>/);
});

test("answers rank the list and say which criteria matched and which did not", async () => {
  const response = await app.http.inject({ url: "/support-programmes?who=business&employees=30&salesDrop=20&industry=food" });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /あなたの回答：<\/strong>事業者、飲食業、従業員30人、売上20%減/);
  assert.match(response.body, /雇用調整助成金[\s\S]*?答えた条件にすべて合っています（3件）[\s\S]*?<li class="criteria--met"><span class="criteria__outcome">合っています<\/span>：従業員：1人以上/);
  assert.match(response.body, /小規模事業者持続化補助金[\s\S]*?合わない条件が1件あります[\s\S]*?<li class="criteria--unmet"><span class="criteria__outcome">合っていません<\/span>：従業員：20人以下/);
  const first = response.body.indexOf("雇用調整助成金</a>");
  const later = response.body.indexOf("小規模事業者持続化補助金</a>");
  assert.ok(first > 0 && later > first, "the full fit comes before the partial one");
});

test("the questionnaire page, and its errors with the values kept", async () => {
  const page = await app.http.inject({ url: "/support-programmes/check" });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<select class="input" id="ward" name="ward"[\s\S]*生野区/);
  const bad = await app.http.inject({ url: "/support-programmes?who=resident&age=old&household=0" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /class="error-summary"[\s\S]*href="#household"[\s\S]*href="#age"|class="error-summary"[\s\S]*href="#age"/);
  assert.match(bad.body, /年齢は数字で入力してください（例：42）/);
  assert.match(bad.body, /value="old"/);
});

test("one programme's page, in English too", async () => {
  const response = await app.http.inject({ url: "/support-programmes/osaka-city-jukyo-kakuho?lang=en" });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<h1>Housing security benefit<\/h1>/);
  assert.match(response.body, /invented demo content/);
  assert.match(response.body, /href="https:\/\/www.city.osaka.lg.jp\/fukushi\/page\/0000502196.html" rel="noopener">Official page of the programme<span class="nav-external"> \(another website\)/);
  assert.equal((await app.http.inject({ url: "/support-programmes/no-such-thing" })).statusCode, 404);
});

test("the JSON API ranks with the same rules", async () => {
  const response = await app.http.inject({ url: "/api/support-programmes?who=resident&age=70&income=under200" });
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.ranked, true);
  const care = body.programmes.find((p: { id: string }) => p.id === "osaka-city-kaigo-genmen");
  assert.deepEqual(care.checks.map((c: { key: string; outcome: string }) => `${c.key}:${c.outcome}`), ["audience:met", "income:met", "age:met"]);
  assert.ok(body.programmes.every((p: { audiences: string[] }) => p.audiences.includes("resident")));
  const bad = await app.http.inject({ url: "/api/support-programmes?age=old" });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(bad.json().details.errors, [{ field: "age", code: "number" }]);
});
