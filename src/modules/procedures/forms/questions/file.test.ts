import { test } from "node:test";
import assert from "node:assert/strict";
import type { QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { checkUpload, detectKind } from "./file.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const doc: QuestionDef = { id: "doc", type: "file", label: { ja: "本人確認書類", en: "Proof of identity" } };
const pdfOnly: QuestionDef = { ...doc, accept: ["pdf"] };

const PDF = Buffer.from("%PDF-1.7\n%\xE2\xE3\n1 0 obj\n", "latin1");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const GIF = Buffer.from("GIF89a....", "latin1");

test("detectKind reads the magic bytes", () => {
  assert.equal(detectKind(PDF), "pdf");
  assert.equal(detectKind(JPEG), "jpeg");
  assert.equal(detectKind(PNG), "png");
  assert.equal(detectKind(GIF), undefined);
  assert.equal(detectKind(Buffer.from("%PDF")), undefined);
  assert.equal(detectKind(Buffer.alloc(0)), undefined);
});

test("checkUpload accepts PDF, JPEG and PNG whose name matches the content", () => {
  assert.deepEqual(checkUpload(doc, { filename: "scan.pdf", bytes: PDF }, "ja"), { kind: "pdf" });
  assert.deepEqual(checkUpload(doc, { filename: "IMG_0001.JPG", bytes: JPEG }, "ja"), { kind: "jpeg" });
  assert.deepEqual(checkUpload(doc, { filename: "photo.jpeg", bytes: JPEG }, "ja"), { kind: "jpeg" });
  assert.deepEqual(checkUpload(doc, { filename: "card.png", bytes: PNG }, "ja"), { kind: "png" });
});

test("checkUpload refuses a .pdf that is really a PNG, saying so", () => {
  assert.deepEqual(checkUpload(doc, { filename: "scan.pdf", bytes: PNG }, "ja"), {
    error: "ファイル名は「.pdf」ですが、中身はPNG画像です。PDF、JPEG、PNGのファイルを選び直してください",
  });
  assert.deepEqual(checkUpload(doc, { filename: "scan.pdf", bytes: PNG }, "en"), {
    error: "The file name ends in .pdf but the file is a PNG image. Select a PDF, JPEG or PNG file",
  });
});

test("checkUpload refuses unknown content, kinds not accepted, odd names, empty and too big files", () => {
  assert.deepEqual(checkUpload(doc, { filename: "anim.gif", bytes: GIF }, "ja"), { error: "PDF、JPEG、PNGのいずれかのファイルを選んでください" });
  assert.deepEqual(checkUpload(doc, { filename: "fake.pdf", bytes: Buffer.from("hello") }, "ja"), {
    error: "PDF、JPEG、PNGのいずれかのファイルを選んでください",
  });
  assert.deepEqual(checkUpload(pdfOnly, { filename: "card.png", bytes: PNG }, "ja"), { error: "本人確認書類にはPDFのファイルを選んでください" });
  assert.deepEqual(checkUpload(doc, { filename: "scan", bytes: PDF }, "ja"), {
    error: "ファイル名の末尾が .pdf、.jpg、.png のいずれかのファイルを選んでください（PDF、JPEG、PNG）",
  });
  assert.deepEqual(checkUpload(doc, { filename: "empty.pdf", bytes: Buffer.alloc(0) }, "ja"), {
    error: "選んだファイルは空です。中身のあるファイルを選んでください",
  });
  const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
  assert.deepEqual(checkUpload(doc, { filename: "big.pdf", bytes: big }, "ja"), {
    error: "ファイルは5MB以下にしてください（選んだファイルは5.1MBです）",
  });
  const small: QuestionDef = { ...doc, maxBytes: 100 * 1024 };
  assert.deepEqual(checkUpload(small, { filename: "big.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(200 * 1024)]) }, "en"), {
    error: "The file must be 100 KB or smaller (the selected file is 201 KB)",
  });
});

const stored = { fileId: "f_123", name: "scan.pdf", size: 123456, kind: "pdf" };

test("file parse: the stored answer the route puts in the body as JSON", () => {
  const file = handlerFor("file");
  assert.deepEqual(file.parse(doc, { doc: JSON.stringify(stored) }, ja).value, stored);
  assert.deepEqual(file.parse(doc, {}, ja).errors, [{ field: "doc", message: "本人確認書類のファイルを選んでください" }]);
  assert.equal(file.parse({ ...doc, required: false }, {}, ja).errors.length, 0);
  // tampered or of a kind no longer accepted: treated as no file
  assert.equal(file.parse(doc, { doc: "{not json" }, ja).errors.length, 1);
  assert.equal(file.parse({ ...doc, accept: ["png"] }, { doc: JSON.stringify(stored) }, ja).value, undefined);
});

test("file parse: the remove checkbox drops the file; upload errors from the route are reported", () => {
  const file = handlerFor("file");
  const removed = file.parse(doc, { doc: JSON.stringify(stored), "doc.remove": "1" }, ja);
  assert.equal(removed.value, undefined);
  assert.equal(removed.errors[0]?.message, "本人確認書類のファイルを選んでください");
  const failed = file.parse(doc, {}, { ...ja, uploadErrors: { doc: "ファイルは5MB以下にしてください" } });
  assert.deepEqual(failed.errors, [{ field: "doc", message: "ファイルは5MB以下にしてください" }]);
});

test("file render: file input with accept, hint, and the attached file with a remove checkbox", () => {
  const file = handlerFor("file");
  const empty = file.render(doc, { errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(empty, /<input class="input" type="file" id="doc" name="doc" accept=".pdf,application\/pdf,.jpg,.jpeg,.jpe,image\/jpeg,.png,image\/png" aria-describedby="doc-hint">/);
  assert.match(empty, /PDF、JPEG、PNGのファイル（5MBまで）/);
  assert.doesNotMatch(empty, /doc.remove/);
  const attached = file.render(doc, { value: stored as never, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(attached, /添付済みのファイル：scan.pdf（121KB）/);
  assert.match(attached, /type="checkbox" id="doc.remove" name="doc.remove" value="1">/);
  assert.equal(file.display(doc, stored as never, "en").toString(), "scan.pdf (121 KB)");
});
