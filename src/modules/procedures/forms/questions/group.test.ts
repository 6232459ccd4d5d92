import { test } from "node:test";
import assert from "node:assert/strict";
import type { PageDef, QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { applyGroupAction, parseFormAction } from "./group.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const kids: QuestionDef = {
  id: "kids",
  type: "group",
  label: { ja: "お子さん", en: "Children" },
  itemLabel: { ja: "お子さん", en: "child" },
  maxItems: 3,
  fields: [
    { id: "name", type: "name", label: { ja: "氏名", en: "Name" } },
    { id: "dob", type: "date", label: { ja: "生年月日", en: "Date of birth" } },
  ],
};
const group = handlerFor("group");
const child = (i: number, family: string, given: string, year = "", month = "", day = "", era = "seireki") => ({
  [`kids.${i}.name.family`]: family,
  [`kids.${i}.name.given`]: given,
  [`kids.${i}.dob.era`]: era,
  [`kids.${i}.dob.year`]: year,
  [`kids.${i}.dob.month`]: month,
  [`kids.${i}.dob.day`]: day,
});

test("group: items parsed with their sub-questions (和暦 included)", () => {
  const body = { "kids._count": "2", ...child(0, "山田", "一郎", "2015", "4", "1"), ...child(1, "山田", "二郎", "元", "5", "1", "reiwa") };
  const result = group.parse(kids, body, ja);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.value, [
    { name: { family: "山田", given: "一郎" }, dob: "2015-04-01" },
    { name: { family: "山田", given: "二郎" }, dob: "2019-05-01" },
  ]);
});

test("group: every error of every item, prefixed with the item, linked to the item's box", () => {
  const body = { "kids._count": "2", ...child(0, "山田", "", "2015", "4", "1"), ...child(1, "山田", "二郎", "2015", "2", "30") };
  assert.deepEqual(group.parse(kids, body, ja).errors, [
    { field: "kids.0.name.given", message: "お子さん 1：氏名の名を入力してください" },
    { field: "kids.1.dob.day", message: "お子さん 2：生年月日の日は1から28までの数字で入力してください" },
  ]);
  assert.equal(group.parse(kids, body, ja).value, undefined);
});

test("group: the first item is required; blank items after it are dropped quietly", () => {
  const blankFirst = group.parse(kids, { "kids._count": "1", ...child(0, "", "") }, ja);
  assert.deepEqual(blankFirst.errors.map((e) => e.field), ["kids.0.name.family", "kids.0.name.given", "kids.0.dob.year"]);
  const trailingBlank = group.parse(kids, { "kids._count": "2", ...child(0, "山田", "一郎", "2015", "4", "1"), ...child(1, "", "") }, ja);
  assert.deepEqual(trailingBlank.errors, []);
  assert.equal((trailingBlank.value as unknown[]).length, 1);
  assert.equal(trailingBlank.raw["kids._count"], "2");
});

test("group: min and max items", () => {
  const none = group.parse(kids, { "kids._count": "0" }, ja);
  assert.deepEqual(none.errors, [{ field: "kids-add", message: "お子さんを1件以上入力してください。「お子さんを追加」で増やせます" }]);
  const optional = group.parse({ ...kids, required: false }, { "kids._count": "0" }, ja);
  assert.deepEqual(optional, { raw: { "kids._count": "0" }, errors: [] });
  const twoAtLeast = group.parse({ ...kids, minItems: 2 }, { "kids._count": "1", ...child(0, "山田", "一郎", "2015", "4", "1") }, ja);
  assert.equal(twoAtLeast.errors[0]?.message, "お子さんを2件以上入力してください。「お子さんを追加」で増やせます");
  const body = { "kids._count": "4", ...child(0, "a", "b", "2015", "1", "1"), ...child(1, "a", "b", "2015", "1", "1"), ...child(2, "a", "b", "2015", "1", "1"), ...child(3, "a", "b", "2015", "1", "1") };
  assert.deepEqual(group.parse(kids, body, ja).errors, [{ field: "kids", message: "お子さんは3件までです。不要なものを削除してください" }]);
});

test("group: the item count falls back to the indexes present", () => {
  const result = group.parse(kids, { ...child(0, "山田", "一郎", "2015", "4", "1"), ...child(1, "山田", "二郎", "2016", "4", "1") }, ja);
  assert.equal((result.value as unknown[]).length, 2);
});

test("group render: items as fieldsets, add and remove buttons that work without JavaScript", () => {
  const raw = { "kids._count": "2", ...child(0, "山田", "一郎", "2015", "4", "1"), ...child(1, "", "") };
  const out = group.render(kids, { raw, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(out, /<input type="hidden" name="kids._count" value="2">/);
  assert.match(out, /<fieldset class="fieldset group-item" id="kids.0">\n<legend class="fieldset__legend">お子さん 1<\/legend>/);
  assert.match(out, /id="kids.0.name.family" name="kids.0.name.family" value="山田"/);
  assert.match(out, /<button type="submit" class="button button--secondary" name="_action" value="remove:kids:1" formnovalidate>お子さん 2を削除<\/button>/);
  assert.match(out, /<button type="submit" class="button button--secondary" id="kids-add" name="_action" value="add:kids" formnovalidate>お子さんを追加<\/button>/);
  // sub-questions about someone else get no autocomplete
  assert.doesNotMatch(out, /autocomplete="family-name"/);
  // no add button at the maximum; no remove button at the minimum
  const full = group.render(kids, { raw: { "kids._count": "3" }, errors: [], locale: "en", prefix: "" }).toString();
  assert.doesNotMatch(full, /add:kids/);
  assert.match(full, /Remove child 3/);
  const one = group.render(kids, { errors: [], locale: "en", prefix: "" }).toString();
  assert.doesNotMatch(one, /remove:kids/);
  assert.match(one, /Add another child/);
  assert.match(one, /name="kids._count" value="1"/);
});

test("group render: errors of the group itself beside it; sub-errors beside their fields", () => {
  const raw = { "kids._count": "1", ...child(0, "", "一郎", "2015", "4", "1") };
  const errors = [...group.parse(kids, raw, ja).errors, { field: "kids-add", message: "足りません" }];
  const out = group.render(kids, { raw, errors, locale: "ja", prefix: "" }).toString();
  assert.match(out, /<fieldset class="fieldset" id="kids" tabindex="-1" aria-describedby="kids-error">/);
  assert.match(out, /id="kids-error"><span class="visually-hidden">エラー：<\/span>足りません<\/p>/);
  assert.match(out, /id="kids.0.name-error"><span class="visually-hidden">エラー：<\/span>お子さん 1：氏名の姓を入力してください/);
  assert.match(out, /id="kids.0.name.family"[^>]*aria-invalid="true"/);
});

test("group display: each item with its answers; toRaw re-displays saved items", () => {
  const value = [{ name: { family: "山田", given: "一郎" }, dob: "2015-04-01" }];
  assert.equal(
    group.display(kids, value, "ja").toString(),
    '<div class="group-item"><p><strong>お子さん 1</strong></p><dl><div><dt>氏名</dt><dd>山田　一郎</dd></div><div><dt>生年月日</dt><dd>2015年（平成27年）4月1日</dd></div></dl></div>',
  );
  assert.deepEqual(group.toRaw(kids, value, ""), {
    "kids._count": "1",
    ...child(0, "山田", "一郎", "2015", "4", "1"),
  });
});

const page: PageDef = { id: "children", title: { ja: "お子さん" }, questions: [kids] };

test("parseFormAction reads the button pressed", () => {
  assert.deepEqual(parseFormAction({ _action: "add:kids" }), { type: "add", groupId: "kids" });
  assert.deepEqual(parseFormAction({ _action: "remove:kids:2" }), { type: "remove", groupId: "kids", index: 2 });
  assert.deepEqual(parseFormAction({ _action: "continue" }), { type: "continue" });
  assert.deepEqual(parseFormAction({}), { type: "continue" });
  assert.deepEqual(parseFormAction({ _action: "remove:kids:x" }), { type: "continue" });
});

test("applyGroupAction adds a blank item, up to the maximum", () => {
  const body = { "kids._count": "1", ...child(0, "山田", "一郎"), other: "x" };
  const added = applyGroupAction(page, body, { type: "add", groupId: "kids" });
  assert.equal(added["kids._count"], "2");
  assert.equal(added["kids.0.name.family"], "山田");
  assert.equal(added.other, "x");
  assert.equal(applyGroupAction(page, { "kids._count": "3" }, { type: "add", groupId: "kids" })["kids._count"], "3");
  assert.equal(applyGroupAction(page, body, { type: "add", groupId: "nothing" }), body);
});

test("applyGroupAction removes an item and renumbers the later ones", () => {
  const body = { "kids._count": "3", ...child(0, "一", "a"), ...child(1, "二", "b"), ...child(2, "三", "c") };
  const removed = applyGroupAction(page, body, { type: "remove", groupId: "kids", index: 1 });
  assert.deepEqual(removed, { "kids._count": "2", ...child(0, "一", "a"), ...child(1, "三", "c") });
  assert.deepEqual(applyGroupAction(page, body, { type: "remove", groupId: "kids", index: 7 }), body);
  const out = group.render(kids, { raw: removed, errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(out, /id="kids.1.name.family" name="kids.1.name.family" value="三"/);
  assert.doesNotMatch(out, /kids.2/);
});
