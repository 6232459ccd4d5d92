import assert from "node:assert/strict";
import { test } from "node:test";
import { PDFDocument } from "pdf-lib";
import { renderReceiptPdf } from "../commands/render-receipt.ts";
import { pdfFonts, pdfText, pdfWords } from "../testing.ts";
import { FontSubset, toUnicodeCMap } from "./japanese-font.ts";
import { srgbIccProfile } from "./pdfa.ts";

async function oneLine(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const font = new FontSubset(doc);
  font.draw(page, text, { x: 72, y: 700, size: 12 });
  font.finish();
  return doc.save({ useObjectStreams: false });
}

test("Japanese text is embedded as a subset that pdftotext extracts exactly and poppler accepts", async () => {
  const text = "住民票の写し 大阪 花子（オオサカ ハナコ）令和8年11月26日 ABC-123 〒530-8201 𠮷";
  const pdf = await oneLine(text);
  assert.equal(pdfText(pdf).trim(), text);
  const fonts = pdfFonts(pdf);
  assert.match(fonts, /[A-Z]{6}\+NotoSansCJKjp-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  assert.doesNotMatch(fonts, /error|invalid/i);
  // A subset: far smaller than the 16 MB font.
  assert.ok(pdf.length < 60_000, `${pdf.length} bytes`);
});

test("text is placed where it is drawn (pdftotext -bbox, from the top of the page)", async () => {
  const pdf = await oneLine("大阪市");
  const [word] = pdfWords(pdf);
  assert.equal(word?.text, "大阪市");
  assert.ok(Math.abs(word!.xMin - 72) < 1, `xMin ${word!.xMin}`);
  // baseline at y = 700 from the bottom: the glyphs sit just above 841.89 - 700 = 141.89 from the top
  assert.ok(word!.yMax > 138 && word!.yMax < 148, `yMax ${word!.yMax}`);
});

test("wrap breaks Japanese anywhere but never before closing punctuation", async () => {
  const doc = await PDFDocument.create();
  const font = new FontSubset(doc);
  const lines = font.wrap("ああああああああああ。いいい", 10, 100);
  assert.deepEqual(lines, ["ああああああああああ。", "いいい"]);
  assert.deepEqual(font.wrap("the quick brown fox", 10, 50), ["the quick", "brown fox"]);
});

test("the ToUnicode map writes characters outside the BMP as surrogate pairs", () => {
  const cmap = toUnicodeCMap(new Map([[1, "大"], [2, "𠮷"]]));
  assert.match(cmap, /<0001> <5927>/);
  assert.match(cmap, /<0002> <D842DFB7>/);
});

test("the sRGB ICC profile is a well-formed v2 monitor profile", () => {
  const icc = srgbIccProfile();
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  assert.equal(view.getUint32(0), icc.length);
  assert.equal(Buffer.from(icc.subarray(12, 24)).toString("latin1"), "mntrRGB XYZ ");
  assert.equal(Buffer.from(icc.subarray(36, 40)).toString("latin1"), "acsp");
  assert.equal(view.getUint32(128), 9);
});

test("the receipt has 受付番号, procedure, 和暦 and 西暦 dates in Japan time, the applicant and a PDF/A description", async () => {
  const pdf = await renderReceiptPdf({
    application: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", reference: "R2026-000123", applicantName: "大阪 花子", submittedAt: "2026-11-26T15:30:00Z" },
    procedureTitle: { ja: "住民票の写し交付請求", en: "Request for a copy of the residence record" },
    departmentName: { ja: "区役所 窓口サービス課", en: "Ward office" },
    locale: "ja",
    applicationUrl: "https://machi.example.jp/my/applications/7c9e6679-7425-40de-944b-e07fc1f90ae7",
    now: new Date("2026-11-26T16:00:00Z"),
  });
  const text = pdfText(pdf);
  for (const expected of ["受付票", "受付番号", "R2026-000123", "住民票の写し交付請求", "大阪 花子 様", "区役所 窓口サービス課"]) {
    assert.ok(text.includes(expected), `missing ${expected} in:\n${text}`);
  }
  // 15:30 UTC is 00:30 the next day in Japan.
  assert.ok(text.includes("令和8年11月27日（2026年11月27日）0時30分"), text);
  const raw = Buffer.from(pdf).toString("latin1");
  assert.match(raw, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(raw, /\/OutputIntents/);
  assert.match(raw, /%PDF-1\.7/);
  assert.equal((await PDFDocument.load(pdf)).getPage(0).getSize().width, 595.28);
});

test("the English receipt is in English with the Japanese values kept", async () => {
  const pdf = await renderReceiptPdf({
    application: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", reference: "R1", applicantName: "大阪 花子", submittedAt: new Date("2026-05-01T03:00:00Z") },
    procedureTitle: { ja: "住民票の写し交付請求", en: "Request for a copy of the residence record" },
    locale: "en",
    applicationUrl: "https://machi.example.jp/my/applications/x",
  });
  const text = pdfText(pdf);
  assert.ok(text.includes("Reference number"), text);
  assert.ok(text.includes("Request for a copy of the residence record"), text);
  assert.ok(text.includes("1 May 2026 (令和8年), 12:00 JST"), text);
});
