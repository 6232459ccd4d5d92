/** Another city runs its own instance by configuration only: name, code, wards, colours, logo, programmes. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError } from "../../core/config/config.ts";
import type { Mailer } from "../../core/mail/mailer.ts";
import { Browser } from "../identity/testing.ts";
import type { TestApp } from "../../testing/app.ts";
import { contrastWithWhite, loadCityConfig } from "./config.ts";
import { DEMO_PROGRAMMES } from "./demo/programmes.ts";
import { programmesCsvText } from "./programmes/open-data.ts";
import { createNavigatorTestApp } from "./testing.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-city-"));
const logo = path.join(dir, "logo.svg");
fs.writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#00594f"/></svg>');
const csv = path.join(dir, "sakai.csv");
const sakaiProgrammes = [
  { ...DEMO_PROGRAMMES.find((p) => p.id === "koyo-chosei-joseikin")! },
  { ...DEMO_PROGRAMMES.find((p) => p.id === "ikuno-akiya-katsuyo")!, id: "sakai-ku-akiya", title: { ja: "堺区 空き家活用補助（デモ）", en: "Sakai Ward vacant house subsidy (demo)" }, eligibility: { wards: ["271411"] } },
];
fs.writeFileSync(csv, `\uFEFF${programmesCsvText(sakaiProgrammes)}`);

const SAKAI_ENV = {
  CITY_NAME: "堺市",
  CITY_NAME_EN: "Sakai City",
  CITY_CODE: "271403",
  CITY_PRIMARY_COLOR: "#00594f",
  CITY_LOGO_PATH: logo,
  CITY_WARDS: "271411:堺区:Sakai Ward;271471:北区:Kita Ward",
  SUPPORT_PROGRAMMES_CSV: csv,
  SUPPORT_PROGRAMMES_DEPARTMENT: "sakai-economy",
};

test("Osaka City is the default", () => {
  const city = loadCityConfig({});
  assert.deepEqual(city.name, { ja: "大阪市", en: "Osaka City" });
  assert.deepEqual(city.prefecture, { ja: "大阪府", en: "Osaka Prefecture" });
  assert.equal(city.code, "271004");
  assert.equal(city.wards.length, 24);
  assert.equal(city.programmesDepartment, "economy");
  assert.equal(city.logo, null);
});

test("every bad value is reported at once", () => {
  assert.throws(
    () => loadCityConfig({ CITY_CODE: "131001", CITY_PRIMARY_COLOR: "#ffcc00", CITY_LOGO_PATH: "/nope/logo.gif", CITY_WARDS: "13101:千代田区", SUPPORT_PROGRAMMES_CSV: "/nope.csv" }),
    (error: ConfigError) => {
      assert.equal(error.problems.length, 7, error.problems.join("\n"));
      assert.match(error.problems.join("\n"), /CITY_CODE must be a 6-digit/);
      assert.match(error.problems.join("\n"), /CITY_NAME is required/);
      assert.match(error.problems.join("\n"), /CITY_PREFECTURE_NAME is required/);
      assert.match(error.problems.join("\n"), /contrast of 1\.\d+:1/);
      assert.match(error.problems.join("\n"), /\.svg or \.png/);
      assert.match(error.problems.join("\n"), /CITY_WARDS: "13101:千代田区"/);
      assert.match(error.problems.join("\n"), /SUPPORT_PROGRAMMES_CSV: no file/);
      return true;
    },
  );
  assert.ok(contrastWithWhite("#0031d8") > 4.5);
});

let app: TestApp;
const failingMailer: Mailer = {
  outboxForDemo: [],
  async send() {
    throw new Error("SMTP 421 service not available");
  },
};
before(async () => {
  Object.assign(process.env, SAKAI_ENV);
  app = await createNavigatorTestApp({ mailer: failingMailer });
});
after(async () => {
  for (const key of Object.keys(SAKAI_ENV)) delete process.env[key];
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("another city: its name, wards, colour and logo on the pages, its programmes imported at start", async () => {
  const finder = await app.http.inject({ url: "/support-programmes" });
  assert.equal(finder.statusCode, 200);
  assert.match(finder.body, /<span>堺市<\/span>/);
  assert.match(finder.body, /国・大阪府・堺市の/);
  assert.match(finder.body, /<img class="nav-brand__logo" src="\/navigator\/assets\/logo" alt=""/);
  assert.match(finder.body, /堺区 空き家活用補助（デモ）/);
  assert.doesNotMatch(finder.body, /住居確保給付金/, "Osaka's demo programmes are not there");
  const check = await app.http.inject({ url: "/support-programmes/check" });
  assert.match(check.body, /<option value="271411">堺区<\/option>/);
  const ranked = await app.http.inject({ url: "/support-programmes?ward=271471" });
  assert.match(ranked.body, /合っていません<\/span>：お住まい・所在地：堺区/);
  const brand = await app.http.inject({ url: "/navigator/assets/brand.css" });
  assert.match(brand.body, /堺市 \(271403\)/);
  assert.match(brand.body, /--color-primary: #00594f/);
  const logoResponse = await app.http.inject({ url: "/navigator/assets/logo" });
  assert.equal(logoResponse.headers["content-type"], "image/svg+xml");
  const document = (await app.http.inject({ url: "/support-programmes.json" })).json();
  assert.deepEqual(document.publisher, { name: { ja: "堺市", en: "Sakai City" }, code: "271403" });
  assert.equal(document.count, 2);
  const exported = await app.http.inject({ url: "/support-programmes.csv" });
  assert.match(String(exported.headers["content-disposition"]), /support-programmes-271403\.csv/);
});

test("when the mail server fails, the resident is told at once and the list is still there", async () => {
  const browser = new Browser(app);
  const query = "move_type=out&move_date=2026-04-01&household=none&my_number_card=no";
  await browser.get(`/navigator/moving/result?${query}`);
  const response = await browser.post(`/navigator/moving/send?${query}`, { email: "someone@example.jp" });
  assert.equal(response.statusCode, 503);
  assert.match(response.body, /いまメールを送れませんでした/);
  assert.match(response.body, /転出届/);
});
