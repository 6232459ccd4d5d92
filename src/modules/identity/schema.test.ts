import { test } from "node:test";
import assert from "node:assert/strict";
import { CreateUserInput, SignUpInput, normalizeEmail, normalizeKana, parseBirthDate, parseForm, parseProfileForm, safeNextPath } from "./schema.ts";

test("e-mail: full width, case and spaces are folded", () => {
  assert.equal(normalizeEmail("  Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ＪＰ "), "taro@example.jp");
});

test("furigana: hiragana, half-width katakana and full-width spaces become katakana", () => {
  assert.equal(normalizeKana("やまだ"), "ヤマダ");
  assert.equal(normalizeKana("ﾔﾏﾀﾞ"), "ヤマダ");
  assert.equal(normalizeKana("　ふぁん　ゔぃ "), "ファン ヴィ");
});

test("sign-up reports the first problem of every field, in form order", () => {
  const result = parseForm(SignUpInput, { email: "", password: "123456789", familyName: " ", givenName: "花子", familyKana: "yamada", givenKana: "" });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.problems, [
    { field: "email", key: "errors.email_required" },
    { field: "password", key: "errors.password_too_short" },
    { field: "familyName", key: "errors.family_name_required" },
    { field: "familyKana", key: "errors.family_kana_invalid" },
    { field: "givenKana", key: "errors.given_kana_required" },
  ]);
});

test("sign-up accepts ten characters and returns normalised values", () => {
  const result = parseForm(SignUpInput, { email: "A@B.JP", password: "1234567890", familyName: "大阪", givenName: "花子", familyKana: "おおさか", givenKana: "ﾊﾅｺ" });
  assert.deepEqual(result, { ok: true, data: { email: "a@b.jp", password: "1234567890", familyName: "大阪", givenName: "花子", familyKana: "オオサカ", givenKana: "ハナコ" } });
});

test("a repeated form field or a missing body does not crash validation", () => {
  const result = parseForm(SignUpInput, { email: ["a@b.jp", "c@d.jp"], password: 5 });
  assert.equal(result.ok, false);
  assert.equal(parseForm(SignUpInput, undefined).ok, false);
});

test("operator-created accounts may leave furigana empty, but not give nonsense", () => {
  const base = { email: "s@city.osaka.example.jp", password: "long-enough-1", familyName: "天満", givenName: "桜" };
  assert.equal(parseForm(CreateUserInput, { ...base, familyKana: "", givenKana: "" }).ok, true);
  assert.equal(parseForm(CreateUserInput, { ...base, familyKana: "Tenma", givenKana: "" }).ok, false);
});

test("next: only paths on this site", () => {
  assert.equal(safeNextPath("/my/profile?x=1"), "/my/profile?x=1");
  assert.equal(safeNextPath("/procedures/住民票?q=写し"), "/procedures/%E4%BD%8F%E6%B0%91%E7%A5%A8?q=%E5%86%99%E3%81%97", "encoded for the Location header");
  for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "/\u0000x", "/a\\b", undefined, 42]) {
    assert.equal(safeNextPath(bad), undefined, String(bad));
  }
});

test("birth date: three boxes, all or none, a real date, not in the future", () => {
  const today = new Date("2026-11-26T03:00:00Z");
  assert.equal(parseBirthDate("", "", "", today), null);
  assert.equal(parseBirthDate("1988", "6", "14", today), "1988-06-14");
  assert.equal(parseBirthDate("2000", "02", "29", today), "2000-02-29");
  assert.deepEqual(parseBirthDate("1988", "", "14", today), { field: "birthMonth", key: "errors.birth_date_incomplete" });
  assert.deepEqual(parseBirthDate("1999", "2", "29", today), { field: "birthDay", key: "errors.birth_date_invalid" });
  assert.deepEqual(parseBirthDate("1999", "13", "1", today), { field: "birthMonth", key: "errors.birth_date_invalid" });
  assert.deepEqual(parseBirthDate("88", "1", "1", today), { field: "birthYear", key: "errors.birth_date_invalid" });
  assert.deepEqual(parseBirthDate("2026", "11", "27", today), { field: "birthYear", key: "errors.birth_date_future" });
  // 2026-11-26 03:00 UTC is already the 26th in Osaka (UTC+9): born today is fine.
  assert.equal(parseBirthDate("2026", "11", "26", new Date("2026-11-25T16:00:00Z")), "2026-11-26");
});

test("profile: every problem at once, including the date's, in form order", () => {
  const result = parseProfileForm(
    { familyName: "", givenName: "花子", familyKana: "オオサカ", givenKana: "ハナコ", birthYear: "1988", birthMonth: "2", birthDay: "30", postalCode: "53000", address: "", phone: "06-1" },
    new Date("2026-11-26T00:00:00Z"),
  );
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(
    result.problems.map((p) => p.field),
    ["familyName", "birthDay", "postalCode", "phone"],
  );
});

test("profile: postal code and phone stored as digits, empty fields as null", () => {
  const result = parseProfileForm({
    familyName: "大阪",
    givenName: "花子",
    familyKana: "オオサカ",
    givenKana: "ハナコ",
    birthYear: "",
    birthMonth: "",
    birthDay: "",
    postalCode: "〒530‐0041",
    address: "  ",
    phone: "（０６）６２０８－８１８１",
  });
  assert.deepEqual(result, {
    ok: true,
    data: { familyName: "大阪", givenName: "花子", familyKana: "オオサカ", givenKana: "ハナコ", birthDate: null, postalCode: "5300041", address: null, phone: "0662088181" },
  });
});
