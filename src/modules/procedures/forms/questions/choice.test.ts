import { test } from "node:test";
import assert from "node:assert/strict";
import type { QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const options = [
  { value: "self", label: { ja: "本人", en: "Myself" } },
  { value: "family", label: { ja: "同じ世帯の家族", en: "A family member in my household" } },
  { value: "agent", label: { ja: "代理人", en: "An agent" } },
];
const who: QuestionDef = { id: "who", type: "single", label: { ja: "申請する人", en: "Who is applying" }, options };
const docs: QuestionDef = { id: "docs", type: "multiple", label: { ja: "必要な証明書", en: "Certificates needed" }, options };
const ward: QuestionDef = { id: "ward", type: "select", label: { ja: "区", en: "Ward" }, options };

test("single: a known option, or a message to choose one", () => {
  assert.equal(handlerFor("single").parse(who, { who: "family" }, ja).value, "family");
  assert.deepEqual(handlerFor("single").parse(who, {}, ja).errors, [{ field: "who", message: "申請する人を選んでください" }]);
  assert.deepEqual(handlerFor("single").parse(who, { who: "boss" }, ja).errors, [
    { field: "who", message: "申請する人は表示されている選択肢から選んでください" },
  ]);
  assert.equal(handlerFor("single").parse(who, {}, { ...ja, locale: "en" }).errors[0]?.message, "Select who is applying");
});

test("single render: a fieldset of radios, the first carrying the question id, choice kept", () => {
  const out = handlerFor("single").render(who, { raw: { who: "agent" }, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(out, /<legend class="fieldset__legend">申請する人<\/legend>/);
  assert.match(out, /<input class="choice__input" type="radio" id="who" name="who" value="self"><label class="choice__label" for="who">本人<\/label>/);
  assert.match(out, /type="radio" id="who-2" name="who" value="family">/);
  assert.match(out, /type="radio" id="who-3" name="who" value="agent" checked>/);
});

test("multiple: several values (string or array), in option order, unknown refused", () => {
  const multiple = handlerFor("multiple");
  assert.deepEqual(multiple.parse(docs, { docs: ["agent", "self", "self"] }, ja).value, ["self", "agent"]);
  assert.deepEqual(multiple.parse(docs, { docs: "family" }, ja).value, ["family"]);
  assert.equal(multiple.parse(docs, {}, ja).errors[0]?.message, "必要な証明書を1つ以上選んでください");
  assert.equal(multiple.parse({ ...docs, required: false }, {}, ja).errors.length, 0);
  assert.equal(multiple.parse(docs, { docs: ["self", "x"] }, ja).errors.length, 1);
  const out = multiple.render(docs, { raw: { docs: ["self", "agent"] }, errors: multiple.parse(docs, {}, ja).errors, locale: "ja", prefix: "" }).toString();
  assert.match(out, /type="checkbox" id="docs" name="docs" value="self" checked aria-invalid="true">/);
  assert.match(out, /value="family" aria-invalid="true">/);
  assert.equal(multiple.display(docs, ["self", "agent"], "en").toString(), "<ul><li>Myself</li><li>An agent</li></ul>");
});

test("select: a drop-down with a placeholder, selected value kept", () => {
  const select = handlerFor("select");
  assert.equal(select.parse(ward, { ward: "" }, ja).errors[0]?.message, "区を選んでください");
  const out = select.render(ward, { raw: { ward: "family" }, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(out, /<label class="field__label" for="ward">区<\/label>/);
  assert.match(out, /<select class="input" id="ward" name="ward"><option value="">選択してください<\/option>/);
  assert.match(out, /<option value="family" selected>同じ世帯の家族<\/option>/);
  assert.equal(select.display(ward, "agent", "ja").toString(), "代理人");
});

test("declaration: a single required checkbox whose label is the statement", () => {
  const q: QuestionDef = { id: "agree", type: "declaration", label: { ja: "記入した内容に誤りはありません", en: "The information I gave is correct" } };
  const declaration = handlerFor("declaration");
  assert.equal(declaration.parse(q, { agree: "yes" }, ja).value, true);
  assert.deepEqual(declaration.parse(q, {}, ja).errors, [{ field: "agree", message: "内容を確認して、チェックを入れてください" }]);
  const out = declaration.render(q, { raw: {}, errors: declaration.parse(q, {}, ja).errors, locale: "ja", prefix: "" }).toString();
  assert.match(out, /<input class="choice__input" type="checkbox" id="agree" name="agree" value="yes" aria-describedby="agree-error" aria-invalid="true"><label class="choice__label" for="agree">記入した内容に誤りはありません<\/label>/);
  assert.equal(declaration.display(q, true, "ja").toString(), "確認しました");
  assert.match(declaration.render(q, { value: true, errors: [], locale: "ja", prefix: "" }).toString(), /value="yes" checked/);
});
