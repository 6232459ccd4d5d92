import { test } from "node:test";
import assert from "node:assert/strict";
import type { QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const en: ParseContext = { ...ja, locale: "en" };
const parse = (q: QuestionDef, body: Record<string, string>, ctx = ja) => handlerFor(q.type).parse(q, body, ctx);
const render = (q: QuestionDef, raw: Record<string, string>, errors = parse(q, raw).errors) =>
  handlerFor(q.type).render(q, { raw, errors, locale: "ja", prefix: "" }).toString();

const reason: QuestionDef = { id: "reason", type: "text", label: { ja: "申請の理由", en: "Reason for applying" } };

test("text: trimmed, width-normalised, required by default", () => {
  assert.deepEqual(parse(reason, { reason: "  ＡＢＣ　ｶﾅ  " }).value, "ABC カナ");
  assert.deepEqual(parse(reason, { reason: "   " }).errors, [{ field: "reason", message: "申請の理由を入力してください" }]);
  assert.deepEqual(parse(reason, {}, en).errors, [{ field: "reason", message: "Enter reason for applying" }]);
  const optional = { ...reason, required: false };
  assert.deepEqual(parse(optional, { reason: "" }), { raw: { reason: "" }, errors: [] });
});

test("text: maxLength counts characters, not UTF-16 units", () => {
  const q: QuestionDef = { ...reason, maxLength: 3 };
  assert.equal(parse(q, { reason: "𠮷野家" }).value, "𠮷野家");
  assert.equal(parse(q, { reason: "𠮷野家だ" }).errors[0]?.message, "申請の理由は3文字以内で入力してください（今は4文字です）");
});

test("text: the pattern applies to the normalised value and shows the definition's message", () => {
  const q: QuestionDef = {
    id: "code",
    type: "text",
    label: { ja: "整理番号" },
    pattern: { regex: "[A-Z]\\d{4}", message: { ja: "整理番号は英大文字1字と数字4桁で入力してください（例：A1234）" } },
  };
  assert.equal(parse(q, { code: "Ａ１２３４" }).value, "A1234");
  assert.equal(parse(q, { code: "A12345" }).errors[0]?.message, "整理番号は英大文字1字と数字4桁で入力してください（例：A1234）");
});

test("text: re-displays what was typed, escaped, with label, error and aria", () => {
  const out = render(reason, { reason: "" });
  assert.match(out, /<label class="field__label" for="reason">申請の理由<\/label>/);
  assert.match(out, /class="field field--error"/);
  assert.match(out, /<p class="field__error" id="reason-error">/);
  assert.match(out, /aria-describedby="reason-error" aria-invalid="true"/);
  const typed = render(reason, { reason: '<script>"x"' }, []);
  assert.match(typed, /value="&lt;script&gt;&quot;x&quot;"/);
  assert.doesNotMatch(typed, /aria-invalid/);
});

test("text: hint is linked with aria-describedby and optional questions say so", () => {
  const q: QuestionDef = { ...reason, required: false, hint: { ja: "具体的に書いてください" } };
  const out = render(q, { reason: "" });
  assert.match(out, /申請の理由（任意）/);
  assert.match(out, /<div class="field__hint" id="reason-hint">具体的に書いてください<\/div>/);
  assert.match(out, /aria-describedby="reason-hint"/);
});

test("textarea keeps line breaks and displays them as <br>", () => {
  const q: QuestionDef = { id: "note", type: "textarea", label: { ja: "備考" } };
  const result = parse(q, { note: "一行目\r\n二行目  \r\n" });
  assert.equal(result.value, "一行目\n二行目");
  assert.equal(handlerFor("textarea").display(q, "a\n<b>", "ja").toString(), "a<br>&lt;b&gt;");
  assert.match(render(q, { note: "x" }, []), /<textarea class="input" id="note" name="note" rows="5">\nx<\/textarea>/);
});

const email: QuestionDef = { id: "email", type: "email", label: { ja: "メールアドレス", en: "Email address" } };

test("email: full-width input accepted, domain lower-cased, format explained", () => {
  assert.equal(parse(email, { email: "Taro.Yamada＠Example.JP" }).value, "Taro.Yamada@example.jp");
  assert.equal(parse(email, { email: "taro@example" }).errors[0]?.message, "メールアドレスは name@example.jp のような形で入力してください");
  assert.equal(parse(email, { email: "taro yamada@example.jp" }).errors.length, 1);
  assert.equal(parse(email, { email: "" }, en).errors[0]?.message, "Enter email address");
  assert.match(render(email, { email: "a@b.jp" }, []), /type="email"[^>]* autocomplete="email"/);
});

const phone: QuestionDef = { id: "tel", type: "phone", label: { ja: "電話番号", en: "Phone number" } };

test("phone: any hyphen, full-width digits and brackets; stored as digits", () => {
  assert.equal(parse(phone, { tel: "０６－６２０８－８１８１" }).value, "0662088181");
  assert.equal(parse(phone, { tel: "(06)6208ー8181" }).value, "0662088181");
  assert.equal(parse(phone, { tel: "090 1234 5678" }).value, "09012345678");
  assert.equal(
    parse(phone, { tel: "6208-8181" }).errors[0]?.message,
    "電話番号は0から始まる10桁か11桁の番号で入力してください（例：06-1234-5678）",
  );
  assert.equal(handlerFor("phone").display(phone, "0662088181", "ja").toString(), "06-6208-8181");
  assert.match(render(phone, { tel: "" }, []), /type="tel"[^>]* autocomplete="tel"/);
});

const count: QuestionDef = { id: "people", type: "number", label: { ja: "世帯の人数", en: "People in the household" }, min: 1, max: 20 };

test("number: full-width digits and commas accepted, range explained", () => {
  assert.equal(parse(count, { people: "３" }).value, 3);
  assert.equal(parse({ ...count, max: 10000 }, { people: "1,200" }).value, 1200);
  assert.equal(parse(count, { people: "三" }).errors[0]?.message, "世帯の人数は数字で入力してください");
  assert.equal(parse(count, { people: "0" }).errors[0]?.message, "世帯の人数は1から20までの数字で入力してください");
  assert.equal(parse({ id: "n", type: "number", label: { ja: "金額" }, min: 0 }, { n: "－5" }).errors[0]?.message, "金額は0以上の数字で入力してください");
  assert.equal(parse({ id: "n", type: "number", label: { ja: "温度" } }, { n: "−2.5" }).value, -2.5);
  assert.equal(parse(count, { people: "21" }, en).errors[0]?.message, "People in the household must be between 1 and 20");
  assert.match(render(count, { people: "" }, []), /inputmode="numeric"/);
});
