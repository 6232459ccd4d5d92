import { test } from "node:test";
import assert from "node:assert/strict";
import type { QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const en: ParseContext = { ...ja, locale: "en" };
const addr: QuestionDef = { id: "addr", type: "address", label: { ja: "住所", en: "Address" } };
const address = handlerFor("address");
const body = (postalCode: string, line: string, building = "") => ({
  "addr.postalCode": postalCode,
  "addr.address": line,
  "addr.building": building,
});

test("address: postal code with 〒 and full-width hyphen; address digits and hyphens normalised", () => {
  assert.deepEqual(address.parse(addr, body("〒５３０－０００１", "大阪市北区中之島１ー３ー２０"), ja).value, {
    postalCode: "5300001",
    address: "大阪市北区中之島1-3-20",
  });
  assert.deepEqual(address.parse(addr, body("530ｰ0001", "大阪市北区中之島1-3-20", "　中之島ビル　１０１号室 "), ja).value, {
    postalCode: "5300001",
    address: "大阪市北区中之島1-3-20",
    building: "中之島ビル 101号室",
  });
});

test("address: every problem at once, each on its own box, saying how to fix it", () => {
  assert.deepEqual(address.parse(addr, body("530-001", ""), ja).errors, [
    { field: "addr.postalCode", message: "郵便番号は7桁の数字で入力してください（例：5300001）" },
    { field: "addr.address", message: "住所を入力してください" },
  ]);
  assert.deepEqual(address.parse(addr, body("", "大阪市"), ja).errors, [
    { field: "addr.postalCode", message: "郵便番号を入力してください（例：5300001）" },
  ]);
  assert.equal(
    address.parse(addr, body("abc", "x"), en).errors[0]?.message,
    "Enter the postal code as 7 digits, for example 5300001",
  );
});

test("address: optional and blank is no answer; 方書 is always optional", () => {
  assert.deepEqual(address.parse({ ...addr, required: false }, body("", ""), ja).errors, []);
  assert.equal(address.parse({ ...addr, required: false }, body("", ""), ja).value, undefined);
  assert.equal(address.parse({ ...addr, required: false }, body("", "", "101"), ja).errors.length, 2);
});

test("address render: postal code first with autocomplete and inputmode; typed values kept", () => {
  const raw = body("〒５３０", "");
  const out = address.render(addr, { raw, errors: address.parse(addr, raw, ja).errors, locale: "ja", prefix: "" }).toString();
  assert.ok(out.indexOf("addr.postalCode") < out.indexOf("addr.address"));
  assert.ok(out.indexOf("addr.address") < out.indexOf("addr.building"));
  assert.match(out, /value="〒５３０" class="input input--short" type="text" inputmode="numeric" autocomplete="postal-code"/);
  assert.match(out, /id="addr.postalCode"[^>]*aria-invalid="true"/);
  assert.match(out, /方書（建物名・部屋番号）（任意）/);
  assert.match(out, /data-address-lookup/);
  assert.match(out, /郵便番号は7桁の数字で入力してください（例：5300001）/);
});

test("address display and re-display of a saved answer", () => {
  const value = { postalCode: "5300001", address: "大阪市北区中之島1-3-20", building: "<101>" };
  assert.equal(address.display(addr, value, "ja").toString(), "〒530-0001<br>大阪市北区中之島1-3-20<br>&lt;101&gt;");
  const out = address.render(addr, { value, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(out, /value="530-0001"/);
});
