import { test } from "node:test";
import assert from "node:assert/strict";
import { HOLIDAY_DATA_UNTIL, holidayName, holidayOn, isYearEndClosure } from "./holidays.ts";

test("the 2026 national holidays, including 振替休日 and 国民の休日", () => {
  const expected: Array<[string, string]> = [
    ["2026-01-01", "元日"],
    ["2026-01-12", "成人の日"],
    ["2026-02-11", "建国記念の日"],
    ["2026-02-23", "天皇誕生日"],
    ["2026-03-20", "春分の日"],
    ["2026-04-29", "昭和の日"],
    ["2026-05-03", "憲法記念日"],
    ["2026-05-04", "みどりの日"],
    ["2026-05-05", "こどもの日"],
    ["2026-05-06", "振替休日"],
    ["2026-07-20", "海の日"],
    ["2026-08-11", "山の日"],
    ["2026-09-21", "敬老の日"],
    ["2026-09-22", "国民の休日"],
    ["2026-09-23", "秋分の日"],
    ["2026-10-12", "スポーツの日"],
    ["2026-11-03", "文化の日"],
    ["2026-11-23", "勤労感謝の日"],
  ];
  for (const [day, name] of expected) assert.equal(holidayOn(day)?.ja, name, day);
  assert.equal(holidayName("2026-05-06", "en"), "Holiday in lieu");
  assert.equal(holidayName("2026-09-22", "en"), "Citizen's Holiday");
  for (const day of ["2026-01-02", "2026-01-13", "2026-05-07", "2026-09-24", "2026-11-24", "2026-12-23"]) assert.equal(holidayOn(day), null, day);
});

test("Happy Monday days and equinoxes move with the calendar (2027)", () => {
  assert.equal(holidayOn("2027-01-11")?.ja, "成人の日"); // second Monday of January
  assert.equal(holidayOn("2027-03-21")?.ja, "春分の日");
  assert.equal(holidayOn("2027-03-22")?.ja, "振替休日"); // 春分の日 on a Sunday
  assert.equal(holidayOn("2027-09-20")?.ja, "敬老の日"); // third Monday of September
  assert.equal(holidayOn("2027-09-23")?.ja, "秋分の日");
  assert.equal(holidayOn("2027-10-11")?.ja, "スポーツの日");
});

test("the holiday data reaches well beyond the booking horizon", () => {
  assert.ok(HOLIDAY_DATA_UNTIL >= 2027, `data ends in ${HOLIDAY_DATA_UNTIL}`);
});

test("年末年始: 12/29 to 1/3 closed, the days around open", () => {
  for (const day of ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]) assert.ok(isYearEndClosure(day), day);
  for (const day of ["2026-12-28", "2027-01-04", "2026-06-29", "2026-01-30"]) assert.ok(!isYearEndClosure(day), day);
});
