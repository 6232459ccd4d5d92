import { test } from "node:test";
import assert from "node:assert/strict";
import type { QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const en: ParseContext = { ...ja, locale: "en" };
const name: QuestionDef = { id: "name", type: "name", label: { ja: "氏名", en: "Name" } };
const kana: QuestionDef = { id: "kana", type: "furigana", label: { ja: "フリガナ", en: "Name in katakana" } };
const parse = (q: QuestionDef, body: Record<string, string>, ctx = ja) => handlerFor(q.type).parse(q, body, ctx);

test("name: family and given, spaces tidied, each part required with its own error", () => {
  assert.deepEqual(parse(name, { "name.family": " 山田 ", "name.given": "花子" }).value, { family: "山田", given: "花子" });
  assert.deepEqual(parse(name, { "name.family": "", "name.given": "" }).errors, [
    { field: "name.family", message: "氏名の姓を入力してください" },
    { field: "name.given", message: "氏名の名を入力してください" },
  ]);
  assert.deepEqual(parse(name, { "name.family": "Smith" }, en).errors, [{ field: "name.given", message: "Name: enter the given name" }]);
});

test("name: keeps the ideographs of a name (no NFKC of compatibility characters)", () => {
  assert.deepEqual(parse(name, { "name.family": "髙\uFA11", "name.given": "\uFA19子" }).value, { family: "髙\uFA11", given: "\uFA19子" });
});

test("name: optional and blank is no answer; too long is explained", () => {
  assert.deepEqual(parse({ ...name, required: false }, { "name.family": "", "name.given": "" }).errors, []);
  assert.equal(parse({ ...name, required: false }, { "name.family": "", "name.given": "" }).value, undefined);
  const long = parse({ ...name, maxLength: 3 }, { "name.family": "山田山田", "name.given": "花子" });
  assert.deepEqual(long.errors, [{ field: "name.family", message: "氏名の姓は3文字以内で入力してください" }]);
});

test("furigana: hiragana and half-width katakana are converted to katakana, not refused", () => {
  assert.deepEqual(parse(kana, { "kana.family": "やまだ", "kana.given": "ﾊﾅｺ" }).value, { family: "ヤマダ", given: "ハナコ" });
  assert.deepEqual(parse(kana, { "kana.family": "スミス", "kana.given": "じょん・ぽーる" }).value, {
    family: "スミス",
    given: "ジョン・ポール",
  });
});

test("furigana: kanji or latin letters get a message saying to write katakana", () => {
  assert.deepEqual(parse(kana, { "kana.family": "山田", "kana.given": "Hanako" }).errors, [
    { field: "kana.family", message: "フリガナのセイはカタカナで入力してください（例：ヤマダ）" },
    { field: "kana.given", message: "フリガナのメイはカタカナで入力してください（例：ハナコ）" },
  ]);
  assert.equal(
    parse(kana, { "kana.family": "yamada", "kana.given": "ハナコ" }, en).errors[0]?.message,
    "Name in katakana: write the family name in katakana (for example ヤマダ)",
  );
});

test("name render: fieldset + legend, autocomplete tokens, typed value kept, invalid part marked", () => {
  const body = { "name.family": "山田", "name.given": "" };
  const out = handlerFor("name").render(name, { raw: body, errors: parse(name, body).errors, locale: "ja", prefix: "" }).toString();
  assert.match(out, /<fieldset class="fieldset" aria-describedby="name-error">\n<legend class="fieldset__legend">氏名<\/legend>/);
  assert.match(out, /<label class="field__label" for="name.family">姓<\/label><input id="name.family" name="name.family" value="山田"[^>]*autocomplete="family-name"/);
  assert.match(out, /id="name.given"[^>]*autocomplete="given-name"[^>]*aria-invalid="true"/);
  assert.doesNotMatch(out, /id="name.family"[^>]*aria-invalid/);
});

test("furigana render: the reading typed is re-displayed as typed; no autocomplete", () => {
  const body = { "kana.family": "やまだ", "kana.given": "" };
  const out = handlerFor("furigana").render(kana, { raw: body, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(out, /value="やまだ"/);
  assert.match(out, />セイ</);
  assert.doesNotMatch(out, /autocomplete/);
});

test("name render from a saved answer; display joins with a full-width space", () => {
  const out = handlerFor("name").render(name, { value: { family: "山田", given: "花子" }, errors: [], locale: "en", prefix: "" }).toString();
  assert.match(out, /value="山田"/);
  assert.match(out, /value="花子"/);
  assert.match(out, />Family name</);
  assert.equal(handlerFor("name").display(name, { family: "山田", given: "花子" }, "ja").toString(), "山田　花子");
});
