import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatPhone,
  formatPostalCode,
  isKatakana,
  normalizeForSearch,
  normalizeHyphens,
  normalizePhone,
  normalizePostalCode,
  normalizeWidth,
  toHiragana,
  toKatakana,
} from "./japanese.ts";

test("normalizeWidth turns full-width ASCII half-width and half-width katakana full-width", () => {
  assert.equal(normalizeWidth("ＡＢＣ　１２３＠ｅｘａｍｐｌｅ．ｊｐ"), "ABC 123@example.jp");
  assert.equal(normalizeWidth("ｼﾞｭｳﾐﾝﾋｮｳ ﾊﾟｽﾎﾟｰﾄ"), "ジュウミンヒョウ パスポート");
  assert.equal(normalizeWidth("ｶﾞｲｺｸｼﾞﾝ･ｻｰﾋﾞｽ"), "ガイコクジン・サービス");
});

test("normalizeWidth composes a half-width dakuten typed after a full-width kana", () => {
  assert.equal(normalizeWidth("シﾞ"), "ジ");
  assert.equal(normalizeWidth("Aﾞ"), "A゛");
});

test("normalizeWidth keeps the ideographs of a name as typed (no NFKC of compatibility ideographs)", () => {
  assert.equal(normalizeWidth("\uFA19田 髙橋 﨑"), "\uFA19田 髙橋 﨑");
  assert.equal(normalizeWidth("①"), "①");
});

test("toHiragana and toKatakana convert between the two kana sets", () => {
  assert.equal(toHiragana("ジュウミンヒョウ・ヴァイオリン ー"), "じゅうみんひょう・ゔぁいおりん ー");
  assert.equal(toKatakana("やまだ たろう"), "ヤマダ タロウ");
  assert.equal(toKatakana("ゝゞ"), "ヽヾ");
  assert.equal(toKatakana(toHiragana("アイウエオンヵヶ")), "アイウエオンヵヶ");
});

test("normalizeForSearch makes hiragana, katakana and half-width katakana compare equal", () => {
  const key = normalizeForSearch("じゅうみんひょう");
  assert.equal(normalizeForSearch("ジュウミンヒョウ"), key);
  assert.equal(normalizeForSearch("ｼﾞｭｳﾐﾝﾋｮｳ"), key);
  assert.equal(normalizeForSearch(" ジュウミン　ヒョウ "), key);
});

test("normalizeForSearch folds case, width, middle dots and long vowels but keeps digit hyphens", () => {
  assert.equal(normalizeForSearch("マイナンバー・カード"), normalizeForSearch("まいなんばかど"));
  assert.equal(normalizeForSearch("ＰＤＦ Form"), "pdfform");
  assert.equal(normalizeForSearch("５３０ー０００１"), "530-0001");
  assert.equal(normalizeForSearch("住民票の写し"), "住民票の写し");
});

test("normalizeHyphens maps every dash variant to '-' and ー only between digits", () => {
  for (const dash of ["‐", "-", "–", "—", "−", "－", "―", "‑", "─"]) {
    assert.equal(normalizeHyphens(`06${dash}6208`), "06-6208", `dash U+${dash.codePointAt(0)!.toString(16)}`);
  }
  assert.equal(normalizeHyphens("530ー0001"), "530-0001");
  assert.equal(normalizeHyphens("５３０ｰ０００１"), "５３０-０００１");
  assert.equal(normalizeHyphens("カード ｶｰﾄﾞ"), "カード ｶｰﾄﾞ");
  assert.equal(normalizeHyphens("1ー2ー3"), "1-2-3");
});

test("normalizePostalCode accepts 〒, full-width digits and any hyphen", () => {
  assert.equal(normalizePostalCode("5300001"), "5300001");
  assert.equal(normalizePostalCode("530-0001"), "5300001");
  assert.equal(normalizePostalCode("〒５３０－０００１"), "5300001");
  assert.equal(normalizePostalCode("〒 530ー0001 "), "5300001");
  assert.equal(normalizePostalCode("５３０‐０００１"), "5300001");
  assert.equal(normalizePostalCode("530-001"), null);
  assert.equal(normalizePostalCode("53000011"), null);
  assert.equal(normalizePostalCode("abc-defg"), null);
  assert.equal(normalizePostalCode(""), null);
  assert.equal(formatPostalCode("5300001"), "530-0001");
});

test("normalizePhone keeps 10 or 11 digits starting with 0", () => {
  assert.equal(normalizePhone("06-6208-8181"), "0662088181");
  assert.equal(normalizePhone("（０６）６２０８－８１８１"), "0662088181");
  assert.equal(normalizePhone("090 1234 5678"), "09012345678");
  assert.equal(normalizePhone("090ー1234ー5678"), "09012345678");
  assert.equal(normalizePhone("+81 90-1234-5678"), "09012345678");
  assert.equal(normalizePhone("+81 (0)6-6208-8181"), "0662088181");
  assert.equal(normalizePhone("06.6208.8181"), "0662088181");
  assert.equal(normalizePhone("6208-8181"), null);
  assert.equal(normalizePhone("1662088181"), null);
  assert.equal(normalizePhone("090-1234-56789"), null);
  assert.equal(normalizePhone("06-6208-818a"), null);
});

test("formatPhone adds hyphens where the split is certain", () => {
  assert.equal(formatPhone("09012345678"), "090-1234-5678");
  assert.equal(formatPhone("0662088181"), "06-6208-8181");
  assert.equal(formatPhone("0120123456"), "0120-123-456");
  assert.equal(formatPhone("0721234567"), "0721234567");
});

test("isKatakana accepts full-width katakana, ー, ・ and spaces only", () => {
  assert.ok(isKatakana("ヤマダ"));
  assert.ok(isKatakana("ヤマダ　タロー"));
  assert.ok(isKatakana("スミス・ジョン"));
  assert.ok(isKatakana("ヴィクトル"));
  assert.ok(!isKatakana("やまだ"));
  assert.ok(!isKatakana("ﾔﾏﾀﾞ"));
  assert.ok(!isKatakana("山田"));
  assert.ok(!isKatakana("Yamada"));
  assert.ok(!isKatakana("ー・　"));
  assert.ok(!isKatakana(""));
});
