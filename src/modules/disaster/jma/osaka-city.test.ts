import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fixtureFiles } from "../testing/fixtures.ts";
import type { JmaArea } from "./areas.ts";
import { concernsOsakaCity, OSAKA_CITY_WARDS, osakaReason } from "./osaka-city.ts";
import { parseJma } from "./parse-jma.ts";

const area = (name: string, code: string, kind: string, levels = ["大雨警報"]): JmaArea => ({ name, code, kind, levels });

describe("concernsOsakaCity on the JMA samples", () => {
  // Which samples concern Osaka City, and why (checked by hand against the XML).
  const expected: Record<string, string[]> = {
    "18_01_01_100806_VPOA50.xml": ["containing-area:大阪府"],
    "32-35_07_02_100915_VXSE51.xml": ["containing-area:大阪府", "containing-area:大阪府北部"],
    "32-35_07_06_240613_VXSE53.xml": ["ward:大阪此花区", "ward:大阪西淀川区", "ward:大阪東淀川区", "ward:大阪中央区"],
    "32-39_11_02_250206_VTSE41.xml": ["containing-area:大阪府"],
    "32-39_11_03_250206_VTSE51.xml": ["containing-area:大阪府"],
    "32-39_12_02_250206_VTSE41.xml": ["containing-area:大阪府"],
    "32-39_12_13_250206_VTSE41.xml": ["containing-area:大阪府"],
  };

  for (const file of fixtureFiles("jma")) {
    const name = path.basename(file);
    const want = expected[name] ?? [];
    it(`${name} → ${want.length > 0 ? "concerns" : "does not concern"} 大阪市`, () => {
      const result = concernsOsakaCity(parseJma(readFileSync(file, "utf8")));
      assert.equal(result.concerns, want.length > 0);
      assert.deepEqual(result.matches.map((m) => `${m.reason}:${m.area.name}`), want);
    });
  }
});

describe("concernsOsakaCity rules", () => {
  it("knows the city and all 24 wards by code and by JMA's names, and not 堺市's wards", () => {
    assert.equal(OSAKA_CITY_WARDS.length, 24);
    assert.equal(osakaReason(area("大阪市", "2710000", "municipality")), "city");
    assert.equal(osakaReason(area("大阪市", "270011", "municipality-group")), "city");
    assert.equal(osakaReason(area("大阪北区", "2712700", "municipality")), "ward");
    assert.equal(osakaReason(area("大阪市住之江区", "", "municipality")), "ward");
    assert.equal(osakaReason(area("", "2712600", "inundation-municipality")), "ward");
    assert.equal(osakaReason(area("大阪堺市北区", "2714600", "municipality")), undefined);
    assert.equal(osakaReason(area("東大阪市", "2722700", "municipality")), undefined);
  });

  it("compares codes only within their own code list", () => {
    assert.equal(osakaReason(area("大阪府北部", "520", "seismic-area")), "containing-area");
    assert.equal(osakaReason(area("大阪府南部", "521", "seismic-area")), undefined, "大阪市 is in 大阪府北部");
    assert.equal(osakaReason(area("兵庫県北部", "520", "tsunami-forecast-area")), undefined);
    assert.equal(osakaReason(area("大阪府", "510", "tsunami-forecast-area")), "containing-area");
    assert.equal(osakaReason(area("大阪湾", "560", "epicenter", [])), "epicenter");
    assert.equal(osakaReason(area("大阪府", "270000", "prefecture")), "containing-area");
    assert.equal(osakaReason(area("大阪府", "280000", "prefecture")), undefined, "name and code must agree");
  });

  it("lets a containing area decide only when the message names no municipalities", () => {
    const warningsElsewhere = [area("大阪府", "270000", "prefecture"), area("泉佐野市", "2721300", "municipality")];
    assert.deepEqual(concernsOsakaCity({ areas: warningsElsewhere }), { concerns: false, matches: [] });
    const warningsHere = [...warningsElsewhere, area("大阪市", "2710000", "municipality")];
    const result = concernsOsakaCity({ areas: warningsHere });
    assert.equal(result.concerns, true);
    assert.deepEqual(result.matches.map((m) => m.reason), ["city"]);
    assert.equal(concernsOsakaCity({ areas: [area("大阪府", "270000", "issuing-area")] }).concerns, true);
    assert.equal(concernsOsakaCity({ areas: [] }).concerns, false);
  });
});
