import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { validateCap } from "../../disaster/cap/validate-cap.ts";
import { WARD_CODES } from "../areas/wards.ts";
import { composePost, weightedLength, X_MAX_WEIGHTED_LENGTH } from "../channels/x.ts";
import { createLinks } from "../links.ts";
import { alertsFeed } from "./atom.ts";
import { capXml, type CapAlert } from "./cap.ts";
import { checkAreaMail } from "./etws.ts";
import { lalertXml } from "./lalert.ts";

const XSD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../disaster/cap/CAP-v1.2.xsd");
const links = createLinks("test-secret-test-secret-test-secret-0123", "https://machi.example.jp");

function xmllint(xml: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), "cap-"));
  const file = path.join(dir, "alert.xml");
  writeFileSync(file, xml);
  execFileSync("xmllint", ["--noout", "--schema", XSD, file], { stdio: ["ignore", "pipe", "pipe"] });
}

const base: CapAlert = {
  id: "0b6c5a9e-3f1d-4c2a-9e77-5d2f8b1a6c10",
  severity: "severe",
  templateKey: "evacuation.level4",
  params: {},
  areas: { wards: ["271276", "271284"] },
  cap: {},
  issuedAt: "2026-08-10T05:30:00Z",
};

test("CAP 1.2: one <info> per language, valid against the schema and the CAP rules (validateCap and xmllint)", async () => {
  const cases: CapAlert[] = [
    base,
    { ...base, id: "1b6c5a9e-3f1d-4c2a-9e77-5d2f8b1a6c11", areas: { wards: [...WARD_CODES] }, templateKey: "tsunami.warning", severity: "extreme", cap: { expires: "2026-08-11T05:30:00Z" } },
    {
      ...base,
      id: "2b6c5a9e-3f1d-4c2a-9e77-5d2f8b1a6c12",
      areas: { polygon: [[34.70, 135.49], [34.71, 135.51], [34.69, 135.52]], circle: { lat: 34.7, lon: 135.5, radiusM: 1500 } },
      params: { area: { text: { ja: "梅田周辺", en: "around Umeda" } } },
    },
    {
      ...base,
      id: "3b6c5a9e-3f1d-4c2a-9e77-5d2f8b1a6c13",
      templateKey: "evacuation.lifted",
      severity: "minor",
      cap: { msgType: "Cancel", references: [{ identifier: base.id, sent: base.issuedAt }], incidents: "2026-osaka-rain-01" },
    },
  ];
  for (const alert of cases) {
    const xml = capXml(alert, links);
    const result = await validateCap(xml);
    assert.deepEqual(result.problems, [], `${alert.id}: ${JSON.stringify(result.problems)}`);
    xmllint(xml);
    assert.equal([...xml.matchAll(/<info>/g)].length, 11);
    for (const language of ["ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "ne", "tl", "pt", "es"]) assert.match(xml, new RegExp(`<language>${language}</language>`));
  }
  const xml = capXml(base, links);
  assert.match(xml, /<sent>2026-08-10T14:30:00\+09:00<\/sent>/);
  assert.match(xml, /<areaDesc>北区、中央区<\/areaDesc>/);
  assert.match(xml, /<geocode><valueName>JIS X 0402<\/valueName><value>271276<\/value><\/geocode>/);
  assert.match(capXml(cases[3]!, links), /<references>notify@machi\.example\.jp,0b6c5a9e-3f1d-4c2a-9e77-5d2f8b1a6c10,2026-08-10T14:30:00\+09:00<\/references>/);
  assert.match(capXml(cases[2]!, links), /<circle>34\.7,135\.5 1\.5<\/circle>/);
});

test("the Atom feed lists alerts with a link to each CAP document", () => {
  const feed = alertsFeed([{ id: base.id, title: "【警戒レベル4】避難指示", summary: "避難してください & <すぐに>", issuedAt: base.issuedAt, category: "Safety" }], links);
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed);
  assert.equal(parsed.feed.entry.title, "【警戒レベル4】避難指示");
  const alternate = [parsed.feed.entry.link].flat().find((l: Record<string, string>) => l["@_rel"] === "alternate");
  assert.equal(alternate["@_type"], "application/cap+xml");
  assert.equal(alternate["@_href"], `https://machi.example.jp/alerts/${base.id}.cap`);
  assert.match(feed, /&amp; &lt;すぐに&gt;/);
});

test("L-Alert 避難勧告・指示 XML: EDXL-DE envelope with Control, Head and Body", () => {
  const xml = lalertXml({
    distributionId: `urn:uuid:${base.id}`,
    senderId: "271004",
    sentAt: base.issuedAt,
    status: "Actual",
    control: { title: "避難勧告・指示情報", editorialOffice: "大阪市", publishingOffice: "大阪市" },
    head: { title: "大阪市 避難指示", reportDateTime: base.issuedAt, targetDateTime: base.issuedAt, eventId: base.id, infoType: "発表", serial: 1, headline: "【警戒レベル4】避難指示" },
    body: { sort: "避難指示", areas: [{ name: "北区", code: "271276" }, { name: "中央区", code: "271284" }], text: "避難してください。" },
  });
  const parsed = new XMLParser({ removeNSPrefix: true }).parse(xml);
  const report = parsed.EDXLDistribution.contentObject.xmlContent.embeddedXMLContent.Report;
  assert.equal(parsed.EDXLDistribution.distributionType, "Report");
  assert.equal(report.Control.Title, "避難勧告・指示情報");
  assert.equal(report.Control.Status, "通常");
  assert.equal(report.Head.InfoType, "発表");
  assert.equal(report.Head.InfoKind, "避難勧告・指示");
  assert.equal(report.Head.ReportDateTime, "2026-08-10T14:30:00+09:00");
  assert.equal(report.Body.Evacuation.Detail.Sort, "避難指示");
  assert.deepEqual(report.Body.Evacuation.Detail.Areas.Area.map((a: { Object: string }) => a.Object), ["北区", "中央区"]);
});

test("緊急速報メール drafts are refused with a specific message when they break the carriers' limits", () => {
  assert.deepEqual(checkAreaMail({ title: "避難指示（警戒レベル4）", body: "大阪市は北区に避難指示を発令しました。" }), []);
  const long = checkAreaMail({ title: "大雨特別警報に伴う避難指示の発令について", body: "あ".repeat(201) });
  assert.deepEqual(long.map((p) => [p.field, p.code]), [["title", "too_long"], ["body", "too_long"]]);
  assert.equal(long[0]!.message, "タイトルは15文字以内にしてください（いま20文字で、5文字多すぎます）。");
  assert.match(long[1]!.message, /本文は200文字以内にしてください（いま201文字で、1文字多すぎます）/);
  const chars = checkAreaMail({ title: "ﾋﾅﾝ指示", body: "避難所は①と②です。㈱大阪" });
  assert.equal(chars[0]!.code, "half_width_kana");
  assert.match(chars[0]!.message, /半角カタカナ「ﾋﾅﾝ」/);
  assert.equal(chars[1]!.code, "unsupported_character");
  assert.match(chars[1]!.message, /「①」「②」「㈱」/);
  assert.equal(checkAreaMail({ title: "", body: "x" })[0]!.code, "empty");
});

test("X posts: weighted length as twitter-text counts it; long alerts are shortened to fit with their link", () => {
  assert.equal(weightedLength("abc"), 3);
  assert.equal(weightedLength("避難"), 4);
  assert.equal(weightedLength("see https://machi.example.jp/alerts/0b6c5a9e-3f1d-4c2a-9e77-5d2f8b1a6c10?l=ja"), 4 + 23);
  const post = composePost("【警戒レベル4】避難指示", "避".repeat(400), "https://machi.example.jp/alerts/x?l=ja");
  assert.ok(weightedLength(post) <= X_MAX_WEIGHTED_LENGTH);
  assert.match(post, /…\nhttps:\/\/machi\.example\.jp\/alerts\/x\?l=ja$/);
  assert.equal(composePost("T", "short", "https://a.jp"), "T\nshort\nhttps://a.jp");
});
