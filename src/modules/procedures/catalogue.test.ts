import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TestApp } from "../../testing/app.ts";
import { missingTranslations } from "../../core/i18n/index.ts";
import { searchCatalogue, searchTerms } from "./commands/search-catalogue.ts";
import { containsPattern } from "./queries.ts";
import { statusLabel } from "./index.ts";
import { createSeededApp } from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createSeededApp();
});
after(async () => {
  await app.stop();
});

function cardTitles(html: string): string[] {
  return [...html.matchAll(/<li class="card">\s*<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!);
}

describe("catalogue search", () => {
  for (const q of ["じゅうみんひょう", "ジュウミンヒョウ", "ｼﾞｭｳﾐﾝﾋｮｳ", "住民票", "　住民票　写し "]) {
    it(`finds 住民票の写し交付請求 for 「${q}」, first`, async () => {
      const response = await app.http.inject({ url: `/procedures?q=${encodeURIComponent(q)}` });
      assert.equal(response.statusCode, 200);
      const titles = cardTitles(response.body);
      assert.equal(titles[0], "住民票の写し交付請求", `results: ${titles.join(", ")}`);
    });
  }

  it("ranks title matches before matches in keywords and summaries", async () => {
    const results = await searchCatalogue({ db: app.deps.db, q: "証明" });
    assert.deepEqual(
      results.map((r) => [r.title.ja, r.titleMatch]),
      [
        ["印鑑登録証明書の交付", true],
        ["所得・課税証明書の交付請求", true],
        ["戸籍謄本・抄本の請求", false],
        ["住民票の写し交付請求", false],
        ["転出届", false],
      ],
    );
  });

  it("says when nothing matches and suggests browsing", async () => {
    const response = await app.http.inject({ url: `/procedures?q=${encodeURIComponent("ぜったいにないてつづき")}` });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(cardTitles(response.body), []);
    assert.match(response.body, /「ぜったいにないてつづき」に当てはまる手続きは見つかりませんでした/);
    assert.match(response.body, /くらしのできごと」や「分類」から選ぶこともできます/);
    assert.match(response.body, /href="\/procedures\?event=moving"/);
  });

  it("treats % and _ as ordinary characters", async () => {
    assert.equal(containsPattern("100%_a\\"), "%100\\%\\_a\\\\%");
    const response = await app.http.inject({ url: `/procedures?q=${encodeURIComponent("%")}` });
    assert.deepEqual(cardTitles(response.body), []);
    const underscore = await app.http.inject({ url: `/procedures?q=_` });
    assert.deepEqual(cardTitles(underscore.body), []);
  });

  it("normalises each word, splitting at half- and full-width spaces", () => {
    assert.deepEqual(searchTerms("ｼﾞｭｳﾐﾝﾋｮｳ　写し  "), ["じゅうみんひょう", "写し"]);
    assert.deepEqual(searchTerms("   "), []);
  });
});

describe("catalogue browsing", () => {
  it("lists life events, categories and departments with links", async () => {
    const response = await app.http.inject({ url: "/procedures" });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<h2 id="browse-event">くらしのできごとからさがす<\/h2>/);
    assert.match(response.body, /<a href="\/procedures\?category=family-register">戸籍・住民票<\/a>/);
    assert.match(response.body, /<a href="\/procedures\?department=ward-counter">区役所 窓口サービス課<\/a>/);
    assert.doesNotMatch(response.body, /id="results-heading"/, "no result list before a search");
  });

  it("browses by life event", async () => {
    const response = await app.http.inject({ url: "/procedures?event=moving" });
    assert.match(response.body, /引越しの手続き/);
    const titles = cardTitles(response.body);
    assert.ok(titles.includes("住民票の写し交付請求"));
    assert.ok(titles.includes("転出届"), titles.join(", "));
    assert.ok(!titles.includes("犬の登録"));
  });

  it("browses by category and by department, and combines with a search", async () => {
    const category = cardTitles((await app.http.inject({ url: "/procedures?category=welfare" })).body);
    assert.ok(category.includes("要介護・要支援認定の申請"), category.join(", "));
    assert.ok(!category.includes("住民票の写し交付請求"));
    const department = cardTitles((await app.http.inject({ url: "/procedures?department=children" })).body);
    assert.ok(department.includes("こども医療費助成の資格認定申請"), department.join(", "));
    assert.ok(department.every((t) => !t.includes("住民票")));
    const both = await app.http.inject({ url: `/procedures?department=ward-counter&q=${encodeURIComponent("しょうめい")}` });
    assert.ok(cardTitles(both.body).length > 0);
    assert.ok(cardTitles(both.body).every((t) => !t.includes("介護")));
  });

  it("shows cards with the way to apply in words", async () => {
    const response = await app.http.inject({ url: "/procedures?all=1" });
    assert.match(response.body, /<span class="tag tag--both">オンライン・窓口どちらでも<\/span>/);
    assert.match(response.body, /<span class="tag tag--counter">窓口で手続き<\/span>/);
  });

  it("is in English with ?lang=en", async () => {
    const response = await app.http.inject({ url: "/procedures?q=residence&lang=en" });
    assert.match(response.body, /<html lang="en">/);
    assert.match(response.body, /Results for “residence”/);
    assert.ok(cardTitles(response.body).includes("Request for a copy of the residence record"));
  });
});

describe("procedure page", () => {
  it("says who can apply, what is needed, fee, time, how, department and legal basis, with a start button", async () => {
    const response = await app.http.inject({ url: "/procedures/residence-certificate" });
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /<h1>住民票の写し交付請求<\/h1>/);
    for (const label of ["申請できる方", "必要なもの", "手数料", "処理にかかる期間", "申請の方法", "担当部署", "根拠となる法令"]) {
      assert.match(body, new RegExp(`<dt class="summary-list__key">${label}</dt>`), label);
    }
    assert.match(body, /1通300円/);
    assert.match(body, /区役所 窓口サービス課/);
    assert.match(body, /住民基本台帳法/);
    assert.match(body, /<form method="post" action="\/procedures\/residence-certificate\/start"/);
    assert.match(body, /ログインして申請を始める/);
  });

  it("tells where to go for a counter-only procedure, without a start button", async () => {
    const response = await app.http.inject({ url: "/procedures/physical-disability-certificate" });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /オンラインでは申請できません。福祉局の窓口でお手続きください/);
    assert.doesNotMatch(response.body, /\/start"/);
  });

  it("answers 404 for an unknown procedure", async () => {
    const response = await app.http.inject({ url: "/procedures/no-such-thing" });
    assert.equal(response.statusCode, 404);
  });

  it("is complete in English", async () => {
    const response = await app.http.inject({ url: "/procedures/residence-certificate?lang=en" });
    assert.match(response.body, /300 yen per copy/);
    assert.match(response.body, /Who can apply/);
    assert.doesNotMatch(response.body, /[ぁ-ん]{3,}/, "no Japanese sentences left (except names in the title switcher)");
  });
});

describe("catalogue JSON API", () => {
  it("searches and returns summaries", async () => {
    const response = await app.http.inject({ url: `/api/procedures?q=${encodeURIComponent("ｼﾞｭｳﾐﾝﾋｮｳ")}` });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.procedures[0].slug, "residence-certificate");
    assert.equal(body.procedures[0].title.ja, "住民票の写し交付請求");
    assert.equal(body.count, body.procedures.length);
  });

  it("filters by event, category and department", async () => {
    const body = (await app.http.inject({ url: "/api/procedures?category=childcare&department=children" })).json();
    assert.ok(body.count > 0);
    for (const p of body.procedures) {
      assert.equal(p.categoryCode, "childcare");
      assert.equal(p.departmentCode, "children");
    }
  });

  it("gives one procedure, 404 as JSON for an unknown one", async () => {
    const ok = await app.http.inject({ url: "/api/procedures/residence-certificate" });
    assert.equal(ok.statusCode, 200);
    const p = ok.json();
    assert.equal(p.fee.amountYen, 300);
    assert.equal(p.fee.per, "copy");
    assert.equal(p.onlineApplication, true);
    assert.equal(p.department.name.ja, "区役所 窓口サービス課");
    const counter = (await app.http.inject({ url: "/api/procedures/physical-disability-certificate" })).json();
    assert.equal(counter.onlineApplication, false);
    assert.equal(counter.fee, null);
    const missing = await app.http.inject({ url: "/api/procedures/nope" });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error, "procedure.not_found");
  });

  it("is described in /openapi.json under the procedures tag", async () => {
    const doc = (await app.http.inject({ url: "/openapi.json" })).json();
    assert.deepEqual(doc.paths["/api/procedures"].get.tags, ["procedures"]);
    assert.deepEqual(doc.paths["/api/procedures/{slug}"].get.tags, ["procedures"]);
    assert.ok(doc.paths["/api/procedures"].get.parameters.some((p: { name: string }) => p.name === "q"));
    assert.equal(doc.paths["/procedures"], undefined, "HTML pages are not in the API description");
  });
});

describe("messages", () => {
  it("has an English translation of every Japanese message", () => {
    assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("procedures.")), []);
  });

  it("names every status in words", () => {
    assert.deepEqual(
      (["received", "reviewing", "correction_requested", "approved", "rejected", "withdrawn"] as const).map((s) => statusLabel(s, "ja")),
      ["受付", "審査中", "補正依頼", "完了", "却下", "取下げ"],
    );
    assert.equal(statusLabel("correction_requested", "en"), "Correction requested");
  });
});

describe("catalogue start page", () => {
  it("lists the popular procedures, led by the seed's three, before any search", async () => {
    const response = await app.http.inject({ url: "/procedures" });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(cardTitles(response.body).slice(0, 3), ["住民票の写し交付請求", "要介護・要支援認定の申請", "こども医療費助成の資格認定申請"]);
  });
});
