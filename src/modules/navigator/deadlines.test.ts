import { test } from "node:test";
import assert from "node:assert/strict";
import { closedReason, computeDeadline, daysUntil, formatBothCalendars, holidayName, nextOpenDay } from "./deadlines.ts";

test("転入届: 14 days, the first day not counted (民法第140条)", () => {
  // 2026-04-01 is a Wednesday; + 14 = 2026-04-15 (Wednesday, open)
  assert.deepEqual(computeDeadline("2026-04-01", { count: 14 }), { date: "2026-04-15", statutoryDate: "2026-04-15", movedBecause: null });
});

test("出生届: 14 days counting the day of birth (戸籍法第43条・第49条)", () => {
  assert.equal(computeDeadline("2026-04-01", { count: 14, countFirstDay: true })?.date, "2026-04-14");
});

test("死亡届: 7 days counting the day one learned of the death (戸籍法第86条)", () => {
  // 2026-06-01 (Mon) → 2026-06-07 is a Sunday → next open day Monday 2026-06-08
  const deadline = computeDeadline("2026-06-01", { count: 7, countFirstDay: true });
  assert.equal(deadline?.statutoryDate, "2026-06-07");
  assert.equal(deadline?.movedBecause, "sunday");
  assert.equal(deadline?.date, "2026-06-08");
});

test("児童手当 15日特例: within 15 days from the day after the birth or move", () => {
  assert.equal(computeDeadline("2026-04-01", { count: 15 })?.date, "2026-04-16");
});

test("a deadline on a Saturday moves to Monday; rollOver: false keeps it", () => {
  // 2026-04-04 is a Saturday
  assert.equal(computeDeadline("2026-03-21", { count: 14 })?.date, "2026-04-06");
  assert.equal(computeDeadline("2026-03-21", { count: 14, rollOver: false })?.date, "2026-04-04");
});

test("national holidays and the New Year closing days move the deadline to the next open day", () => {
  assert.equal(closedReason("2026-05-04"), "holiday");
  assert.equal(holidayName("2026-05-04", "ja"), "みどりの日");
  // Golden Week: 5/3 Sun, 5/4 Mon, 5/5 Tue, 5/6 Wed (振替休日) → open on 5/7
  assert.equal(nextOpenDay("2026-05-03"), "2026-05-07");
  assert.equal(closedReason("2026-12-29"), "new_year");
  assert.equal(closedReason("2027-01-03"), "new_year");
  // 12/29 … 1/3 closed, 2027-01-04 is a Monday
  assert.equal(computeDeadline("2026-12-15", { count: 14 })?.date, "2027-01-04");
  assert.equal(closedReason("2026-04-15"), null);
});

test("months end on the corresponding day, or at the end of a month without one (民法第143条)", () => {
  assert.equal(computeDeadline("2026-01-10", { count: 3, unit: "months", rollOver: false })?.date, "2026-04-10");
  assert.equal(computeDeadline("2025-11-30", { count: 3, unit: "months", rollOver: false })?.date, "2026-02-28");
  // From the last day of April, counting starts on 1 May: ends at the end of May.
  assert.equal(computeDeadline("2026-04-30", { count: 1, unit: "months", rollOver: false })?.date, "2026-05-31");
  // Counting the first day: 1 April + 1 month ends on 30 April.
  assert.equal(computeDeadline("2026-04-01", { count: 1, unit: "months", countFirstDay: true, rollOver: false })?.date, "2026-04-30");
  assert.equal(computeDeadline("2026-01-10", { count: 10, unit: "months", rollOver: false })?.date, "2026-11-10");
});

test("an invalid date gives no deadline", () => {
  assert.equal(computeDeadline("2026-02-30", { count: 14 }), null);
});

test("days left, and dates in both calendars", () => {
  assert.equal(daysUntil("2026-04-15", "2026-04-01"), 14);
  assert.equal(daysUntil("2026-04-01", "2026-04-15"), -14);
  assert.equal(formatBothCalendars("2026-04-15", "ja"), "2026年4月15日（令和8年4月15日）");
  assert.equal(formatBothCalendars("2019-05-01", "ja"), "2019年5月1日（令和元年5月1日）");
  assert.equal(formatBothCalendars("2026-04-15", "en"), "15 April 2026 (Reiwa 8)");
});
