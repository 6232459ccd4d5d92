import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fixtureFiles } from "../testing/fixtures.ts";
import { XmlInputError } from "../xml/safe-parse.ts";
import { JmaFormatError, parseJma, type JmaSummary } from "./parse-jma.ts";
import type { JmaKind } from "./kinds.ts";

const jmaFiles = fixtureFiles("jma");

/** Expected kind by the JMA product code in the sample's file name (…_VPWW53.xml). */
const KIND_BY_PRODUCT: Array<[RegExp, JmaKind]> = [
  [/^VPWW5\d$/, "weather-warning"],
  [/^VPNO50$/, "special-warning-notice"],
  [/^VXWW50$/, "landslide-alert"],
  [/^VXKO/, "flood-forecast"],
  [/^VXSU/, "river-level-info"],
  [/^VPOA50$/, "heavy-rain-record"],
  [/^VPHW5\d$/, "tornado-alert"],
  [/^VPCJ50$/, "weather-info"],
  [/^VXSE51$/, "seismic-intensity-flash"],
  [/^VXSE52$/, "hypocenter"],
  [/^VXSE53$/, "earthquake-info"],
  [/^VTSE41$/, "tsunami-warning"],
  [/^VTSE51$/, "tsunami-info"],
  [/^VFVO50$/, "volcano-warning"],
  [/^VFVO56$/, "eruption-flash"],
  [/^(VPTI50|VPTW6\d)$/, "typhoon-info"],
];

/** Head/Title read without our parser: the first <Title> after <Head. */
function headTitleOf(xml: string): string {
  const head = xml.slice(xml.search(/<Head[\s>]/));
  const title = /<Title>([\s\S]*?)<\/Title>/.exec(head)?.[1];
  assert.ok(title !== undefined, "fixture has a Head/Title");
  return title.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** Whether the message names at least one area with a code (an <Area> with <Name> then <Code>). */
function hasCodedAreas(xml: string): boolean {
  return /<Area(\s[^>]*)?>\s*<Name>[^<]*<\/Name>\s*<Code[\s>]/.test(xml);
}

const summaries = new Map<string, JmaSummary>();
function summaryOf(name: string): JmaSummary {
  const file = jmaFiles.find((f) => path.basename(f) === name);
  assert.ok(file, `fixture ${name}`);
  let summary = summaries.get(name);
  if (summary === undefined) {
    summary = parseJma(readFileSync(file, "utf8"));
    summaries.set(name, summary);
  }
  return summary;
}

describe("parseJma on every JMA sample message", () => {
  it("has the 42 samples listed in SOURCES.md", () => assert.equal(jmaFiles.length, 42));

  for (const file of jmaFiles) {
    const name = path.basename(file);
    it(name, () => {
      const xml = readFileSync(file, "utf8");
      const summary = summaryOf(name);
      assert.equal(summary.title, headTitleOf(xml), "title is Head/Title exactly");
      const product = /_([A-Z]{4}[0-9a-z]{2})\.xml$/.exec(name)?.[1] ?? "";
      const expected = KIND_BY_PRODUCT.find(([pattern]) => pattern.test(product))?.[1];
      assert.ok(expected, `test table knows ${product}`);
      assert.equal(summary.kind, expected);
      assert.notEqual(summary.controlTitle, "");
      assert.match(summary.reportTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?\+09:00$/);
      assert.equal(summary.status, /<Control>[\s\S]*?<Status>([^<]*)<\/Status>/.exec(xml)?.[1], "status is Control/Status (通常, or 訓練 for drills)");
      if (hasCodedAreas(xml)) {
        assert.ok(summary.areas.length > 0, "areas found");
        for (const area of summary.areas) {
          assert.ok(area.name !== "" || area.code !== "", "every area has a name or code");
          assert.ok(area.levels.length > 0 || (area.lifted?.length ?? 0) > 0 || area.kind === "epicenter", `area ${area.name} says something`);
        }
      }
      if (summary.infoType === "取消") assert.deepEqual(summary.areas, []);
      assert.doesNotThrow(() => JSON.parse(JSON.stringify(summary)));
    });
  }
});

describe("parseJma details", () => {
  it("reads 記録的短時間大雨情報 for 大阪府", () => {
    const s = summaryOf("18_01_01_100806_VPOA50.xml");
    assert.equal(s.title, "大阪府記録的短時間大雨情報");
    assert.equal(s.reportTime, "2010-06-02T11:54:00+09:00");
    assert.equal(s.infoType, "発表");
    assert.equal(s.editorialOffice, "大阪管区気象台");
    assert.equal(s.headline, "１１時３０分大阪府で記録的短時間大雨\n大阪市中央区で１３０ミリ");
    assert.deepEqual(s.areas, [{ name: "大阪府", code: "270000", kind: "issuing-area", levels: ["記録的短時間大雨情報"] }]);
  });

  it("lists warning names per municipality for weather warnings, and what is lifted", () => {
    const nara = summaryOf("15_08_01_130412_VPWW53.xml");
    const prefecture = nara.areas.find((a) => a.kind === "prefecture");
    assert.equal(prefecture?.code, "290000");
    assert.ok(prefecture?.levels.includes("大雨特別警報"));
    assert.ok(nara.areas.filter((a) => a.kind === "municipality").every((a) => /^29\d{5}$/.test(a.code)));
    const tokushima = summaryOf("15_15_01_220314_VPWW54.xml");
    assert.deepEqual(tokushima.areas.find((a) => a.kind === "prefecture")?.levels, ["高潮警報"]);
  });

  it("reads 震度 per prefecture, area and city, and the hypocentre", () => {
    const s = summaryOf("32-35_07_06_240613_VXSE53.xml");
    assert.equal(s.earthquake?.maxIntensity, "震度6弱");
    assert.equal(s.earthquake?.hypocenter?.name, "駿河湾");
    assert.equal(s.earthquake?.magnitude?.value, "6.6");
    assert.deepEqual(s.areas.find((a) => a.name === "大阪此花区"), { name: "大阪此花区", code: "2710400", kind: "municipality", levels: ["震度2"] });
    assert.deepEqual(s.areas.find((a) => a.name === "大阪府北部")?.levels, ["震度3"]);
    assert.deepEqual(s.areas.find((a) => a.kind === "epicenter"), { name: "駿河湾", code: "485", kind: "epicenter", levels: [] });
  });

  it("reads the tsunami category per coast", () => {
    const s = summaryOf("32-39_12_02_250206_VTSE41.xml");
    const osaka = s.areas.find((a) => a.kind === "tsunami-forecast-area" && a.name === "大阪府");
    assert.equal(osaka?.code, "510");
    assert.ok(osaka?.levels[0]?.startsWith("大津波警報"));
    assert.ok(s.areas.some((a) => a.arrival !== undefined));
    assert.equal(s.status, "訓練", "this sample is a drill, and the summary says so");
  });

  it("reads volcanic alert levels, lifted warnings and eruption flashes", () => {
    assert.deepEqual(summaryOf("45_01_01_200522_VFVO50.xml").areas[0], { name: "浅間山", code: "306", kind: "volcano", levels: ["レベル３（入山規制）"] });
    const lifted = summaryOf("45_03_01_200731_VFVO50.xml").areas.find((a) => a.name === "群馬県草津町");
    assert.ok(lifted?.levels.includes("噴火予報：警報解除"));
    assert.ok(lifted?.lifted?.includes("火口周辺警報"));
    assert.equal(summaryOf("67_01_01_140927_VFVO56.xml").text, "＜御嶽山で噴火が発生＞");
  });

  it("reads landslide alerts (issued and lifted) and flood forecasts with inundated municipalities", () => {
    assert.deepEqual(summaryOf("17_03_01_190529_VXWW50.xml").areas, [{ name: "高梁市", code: "3320900", kind: "municipality", levels: ["警戒"] }]);
    assert.deepEqual(summaryOf("17_03_10_190529_VXWW50.xml").areas[0]?.lifted, ["土砂災害警戒情報"]);
    const flood = summaryOf("16_02_02_220728_VXKOii.xml");
    assert.ok(flood.areas.some((a) => a.kind === "river" && a.name === "六角川" && a.levels.includes("氾濫警戒情報")));
    assert.ok(flood.areas.some((a) => a.kind === "inundation-municipality" && a.name === "武雄市" && a.code === "4120600"));
  });

  it("reads the typhoon's current position and strength; free text when that is all there is", () => {
    assert.deepEqual(summaryOf("10_05_01_200826_VPTW60.xml").typhoon, {
      remark: "台風発生予想",
      class: "熱帯低気圧(TD)",
      location: "マリアナ諸島",
      coordinate: "+17.8+143.0/",
      pressureHpa: "1002",
      maxWindMs: "15",
    });
    assert.match(summaryOf("21_01_01_160628_VPCJ50.xml").text ?? "", /^２日１６時までの/);
    assert.equal(summaryOf("21_01_01_160628_VPCJ50.xml").infoType, "訂正");
  });

  it("never crashes on a report type it does not know", () => {
    const s = parseJma(`<?xml version="1.0" encoding="UTF-8"?>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/">
  <Control><Title>新しい種類の情報</Title><Status>試験</Status></Control>
  <Head xmlns="http://xml.kishou.go.jp/jmaxml1/informationBasis1/"><Title>テスト</Title><ReportDateTime>2025-06-01T09:00:00+09:00</ReportDateTime></Head>
  <Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/meteorology1/"><Warning type="何か（市町村等）"><Item><Kind><Name>何か</Name><Status>発表</Status></Kind><Area><Name>大阪市</Name><Code>2710000</Code></Area></Item></Warning></Body>
</Report>`);
    assert.equal(s.kind, "unknown");
    assert.equal(s.controlTitle, "新しい種類の情報");
    assert.equal(s.status, "試験");
    assert.deepEqual(s.areas, [{ name: "大阪市", code: "2710000", kind: "municipality", levels: ["何か"] }]);
    assert.equal(parseJma("<Report/>").kind, "unknown");
  });

  it("refuses what is not a JMA report, and hostile XML", () => {
    assert.throws(() => parseJma('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'), JmaFormatError);
    assert.throws(() => parseJma('<!DOCTYPE Report [<!ENTITY x SYSTEM "file:///etc/passwd">]><Report>&x;</Report>'), XmlInputError);
  });
});
