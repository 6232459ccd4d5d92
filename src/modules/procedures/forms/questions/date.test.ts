import { test } from "node:test";
import assert from "node:assert/strict";
import type { QuestionDef } from "../definition.ts";
import type { ParseContext } from "./common.ts";
import { handlerFor } from "./registry.ts";

const ja: ParseContext = { prefix: "", locale: "ja", today: "2026-11-26", answers: {} };
const en: ParseContext = { ...ja, locale: "en" };
const dob: QuestionDef = { id: "dob", type: "date", label: { ja: "生年月日", en: "Date of birth" }, maxDate: "today" };
const date = handlerFor("date");

function parse(era: string, year: string, month: string, day: string, q = dob, ctx = ja) {
  return date.parse(q, { "dob.era": era, "dob.year": year, "dob.month": month, "dob.day": day }, ctx);
}
const firstError = (result: ReturnType<typeof parse>) => result.errors[0];

test("date: 西暦 and every era, full-width digits, 元年", () => {
  assert.equal(parse("seireki", "1990", "4", "1").value, "1990-04-01");
  assert.equal(parse("seireki", "１９９０", "０４", "０１").value, "1990-04-01");
  assert.equal(parse("heisei", "2", "4", "1").value, "1990-04-01");
  assert.equal(parse("reiwa", "元", "5", "1").value, "2019-05-01");
  assert.equal(parse("reiwa", "8", "11", "26").value, "2026-11-26");
  assert.equal(parse("showa", "64", "1", "7").value, "1989-01-07");
  assert.equal(parse("taisho", "15", "12", "24").value, "1926-12-24");
  assert.equal(parse("meiji", "45", "7", "29").value, "1912-07-29");
  assert.equal(parse("令和", "1", "5", "1").value, "2019-05-01");
});

test("date: the era select defaults to 西暦 when missing", () => {
  assert.equal(date.parse(dob, { "dob.year": "2000", "dob.month": "1", "dob.day": "1" }, ja).value, "2000-01-01");
});

test("date: missing parts are named, linked to the first missing box", () => {
  assert.deepEqual(firstError(parse("seireki", "1990", "4", "")), {
    field: "dob.day",
    message: "生年月日の日を入力してください",
    inputs: ["dob.day"],
  });
  assert.deepEqual(firstError(parse("seireki", "1990", "", "")), {
    field: "dob.month",
    message: "生年月日の月と日を入力してください",
    inputs: ["dob.month", "dob.day"],
  });
  assert.equal(firstError(parse("seireki", "", "", ""))?.message, "生年月日を入力してください");
  assert.equal(firstError(parse("seireki", "", "", ""))?.field, "dob.year");
  assert.equal(firstError(parse("seireki", "1990", "", "", dob, en))?.message, "Date of birth must include a month and day");
  assert.deepEqual(parse("reiwa", "", "", "", { ...dob, required: false }), {
    raw: { "dob.era": "reiwa", "dob.year": "", "dob.month": "", "dob.day": "" },
    errors: [],
  });
});

test("date: numbers, years, months and days out of range say what is allowed", () => {
  assert.equal(firstError(parse("seireki", "1990", "四", "1"))?.message, "生年月日の月は数字で入力してください");
  assert.equal(firstError(parse("seireki", "90", "4", "1"))?.message, "生年月日の年は4桁の数字で入力してください（例：1990）");
  assert.equal(firstError(parse("seireki", "元", "4", "1"))?.message, "生年月日の年は数字で入力してください");
  assert.equal(firstError(parse("seireki", "1990", "13", "1"))?.message, "生年月日の月は1から12までの数字で入力してください");
  assert.equal(firstError(parse("seireki", "2023", "2", "29"))?.message, "生年月日の日は1から28までの数字で入力してください");
  assert.equal(parse("seireki", "2024", "2", "29").value, "2024-02-29");
  assert.equal(firstError(parse("heisei", "4", "2", "30"))?.message, "生年月日の日は1から29までの数字で入力してください");
  assert.equal(firstError(parse("seireki", "1990", "4", "31"))?.field, "dob.day");
});

test("date: an era year that does not exist names the range of that era", () => {
  assert.deepEqual(firstError(parse("heisei", "32", "1", "1")), {
    field: "dob.year",
    message: "生年月日：平成の年は1から31までの数字で入力してください",
  });
  assert.equal(firstError(parse("showa", "65", "1", "1"))?.message, "生年月日：昭和の年は1から64までの数字で入力してください");
  assert.equal(firstError(parse("reiwa", "0", "5", "1"))?.message, "生年月日：令和の年は1以上の数字で入力してください");
  assert.equal(firstError(parse("heisei", "32", "1", "1", dob, en))?.message, "Date of birth: the Heisei year must be between 1 and 31");
});

test("date: a date outside its era says which era it belongs to", () => {
  assert.deepEqual(firstError(parse("heisei", "1", "1", "7")), {
    field: "dob.era",
    message: "生年月日：平成元年1月7日は昭和64年1月7日です。西暦・和暦の選択と年を確かめてください",
    inputs: ["dob.era", "dob.year"],
  });
  assert.equal(
    firstError(parse("heisei", "31", "5", "1"))?.message,
    "生年月日：平成31年5月1日は令和元年5月1日です。西暦・和暦の選択と年を確かめてください",
  );
  assert.equal(
    firstError(parse("heisei", "1", "1", "7", dob, en))?.message,
    "Date of birth: Heisei 1, 7 January falls in Showa 64. Check the calendar and the year",
  );
  assert.match(firstError(parse("meiji", "1", "1", "1"))?.message ?? "", /明治は1868年10月23日からです/);
  assert.equal(firstError(parse("kamakura", "1", "1", "1"))?.field, "dob.era");
});

test("date: min and max, with today in Japan", () => {
  assert.equal(parse("reiwa", "8", "11", "26").value, "2026-11-26");
  assert.deepEqual(firstError(parse("reiwa", "8", "11", "27")), {
    field: "dob.year",
    message: "生年月日は今日以前の日付を入力してください",
    inputs: ["dob.year", "dob.month", "dob.day"],
  });
  const moveIn: QuestionDef = { id: "dob", type: "date", label: { ja: "転入日", en: "Moving date" }, minDate: "today" };
  assert.equal(firstError(parse("seireki", "2026", "11", "25", moveIn))?.message, "転入日は今日以降の日付を入力してください");
  const bounded: QuestionDef = { ...moveIn, minDate: "2026-04-01", maxDate: "2027-03-31" };
  assert.equal(firstError(parse("seireki", "2026", "3", "31", bounded))?.message, "転入日は2026年4月1日以降の日付を入力してください");
  assert.equal(firstError(parse("seireki", "2027", "4", "1", bounded, en))?.message, "Moving date must be on or before 31 March 2027");
});

test("date render: era select, three boxes with inputmode numeric, bday tokens, typed values kept", () => {
  const raw = { "dob.era": "heisei", "dob.year": "１", "dob.month": "1", "dob.day": "7" };
  const errors = date.parse(dob, raw, ja).errors;
  const out = date.render(dob, { raw, errors, locale: "ja", prefix: "" }).toString();
  assert.match(out, /<legend class="fieldset__legend">生年月日<\/legend>/);
  assert.match(out, /<option value="heisei" selected>平成<\/option>/);
  assert.match(out, /<select class="input" id="dob.era" name="dob.era" aria-invalid="true">/);
  assert.match(out, /<input id="dob.year" name="dob.year" value="１" class="input input--short" type="text" inputmode="numeric"[^>]*aria-invalid="true">/);
  assert.doesNotMatch(out, /id="dob.month"[^>]*aria-invalid/);
  assert.match(out, /for="dob.year">年<\/label>/);
  assert.match(out, /aria-describedby="dob-hint dob-error"/);
  // bday-* only while 西暦 is selected (the browser fills in a Western year)
  assert.doesNotMatch(out, /bday-year/);
  const western = date.render(dob, { value: "1990-04-01", errors: [], locale: "ja", prefix: "" }).toString();
  assert.match(western, /value="1990"[^>]*autocomplete="bday-year"/);
  assert.match(western, /value="4"[^>]*autocomplete="bday-month"/);
  assert.match(western, /<option value="seireki" selected>西暦<\/option>/);
  // not inside a repeating group: that would be someone else's birthday
  const inGroup = date.render(dob, { value: "1990-04-01", errors: [], locale: "ja", prefix: "kids.0." }).toString();
  assert.doesNotMatch(inGroup, /autocomplete/);
  assert.match(inGroup, /id="kids.0.dob.year"/);
});

test("date display: 西暦 with the era year in Japanese; English long date", () => {
  assert.equal(date.display(dob, "1990-04-01", "ja").toString(), "1990年（平成2年）4月1日");
  assert.equal(date.display(dob, "2019-05-01", "ja").toString(), "2019年（令和元年）5月1日");
  assert.equal(date.display(dob, "1990-04-01", "en").toString(), "1 April 1990");
});
