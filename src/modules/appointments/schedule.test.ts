import { test } from "node:test";
import assert from "node:assert/strict";
import { isFourthSunday, planDay, slotsOfDay, type CounterRule, type DayException } from "./schedule.ts";
import { compactKey, fromCompactKey, tokyoDay, tokyoInstant, tokyoTime } from "./tokyo.ts";

const rule: CounterRule = { slotMinutes: 30, capacity: 3, opens: "09:00", closes: "17:30", fourthSundayOpen: false };
const sundayRule: CounterRule = { ...rule, slotMinutes: 15, fourthSundayOpen: true };
const note = { ja: "", en: "" };

test("weekdays open 9:00–17:30; weekends, holidays and 年末年始 closed", () => {
  assert.deepEqual(planDay("2026-06-01", rule, null), { open: true, opens: "09:00", closes: "17:30", capacity: 3, special: null, note: null });
  assert.equal((planDay("2026-06-06", rule, null) as { reason: string }).reason, "weekend");
  assert.equal((planDay("2026-06-07", rule, null) as { reason: string }).reason, "weekend");
  const holiday = planDay("2026-09-22", rule, null);
  assert.ok(!holiday.open && holiday.reason === "holiday" && holiday.holiday?.ja === "国民の休日");
  assert.equal((planDay("2026-05-06", rule, null) as { reason: string }).reason, "holiday"); // 振替休日
  assert.equal((planDay("2026-12-29", rule, null) as { reason: string }).reason, "year_end"); // a Tuesday
  assert.equal((planDay("2027-01-01", rule, null) as { reason: string }).reason, "year_end");
  assert.ok(planDay("2027-01-04", rule, null).open);
});

test("第4日曜日: counters that open then do, 9:00–17:30; others stay closed", () => {
  assert.ok(isFourthSunday("2026-06-28"));
  assert.ok(!isFourthSunday("2026-06-21") && !isFourthSunday("2026-06-29") && !isFourthSunday("2026-05-31"));
  const plan = planDay("2026-06-28", sundayRule, null);
  assert.ok(plan.open && plan.special === "fourth_sunday" && plan.opens === "09:00" && plan.closes === "17:30");
  assert.ok(!planDay("2026-06-28", rule, null).open);
  assert.ok(!planDay("2026-06-21", sundayRule, null).open);
});

test("per-day exceptions win over the rule: closing a weekday, opening a Saturday with other hours and capacity", () => {
  const closed: DayException = { day: "2026-06-03", closed: true, opens: null, closes: null, capacity: null, note: { ja: "システム停止", en: "System maintenance" } };
  const plan = planDay("2026-06-03", rule, closed);
  assert.ok(!plan.open && plan.reason === "exception" && plan.note?.ja === "システム停止");
  assert.deepEqual(slotsOfDay("2026-06-03", rule, closed), []);
  const saturday: DayException = { day: "2026-06-06", closed: false, opens: "10:00", closes: "12:00", capacity: 5, note };
  const slots = slotsOfDay("2026-06-06", rule, saturday);
  assert.deepEqual(slots.map((s) => tokyoTime(s.startsAt)), ["10:00", "10:30", "11:00", "11:30"]);
  assert.ok(slots.every((s) => s.capacity === 5));
  const holidayOpening: DayException = { day: "2026-09-22", closed: false, opens: "09:00", closes: "12:00", capacity: null, note };
  assert.ok(planDay("2026-09-22", rule, holidayOpening).open);
});

test("slots: every slot length from opening, the last one ending by closing time", () => {
  const thirty = slotsOfDay("2026-06-01", rule, null);
  assert.equal(thirty.length, 17);
  assert.equal(tokyoTime(thirty[0]!.startsAt), "09:00");
  assert.equal(tokyoTime(thirty.at(-1)!.endsAt), "17:30");
  const fifteen = slotsOfDay("2026-06-01", sundayRule, null);
  assert.equal(fifteen.length, 34);
  const odd = slotsOfDay("2026-06-01", { ...rule, slotMinutes: 45 }, null);
  assert.equal(tokyoTime(odd.at(-1)!.endsAt), "17:15"); // 16:30–17:15; 17:15–18:00 would pass closing time
  assert.equal(slotsOfDay("2026-06-06", rule, null).length, 0);
});

test("Tokyo time: UTC+9 without daylight saving; slot keys round-trip", () => {
  const at = tokyoInstant("2026-06-01", "09:00");
  assert.equal(at.toISOString(), "2026-06-01T00:00:00.000Z");
  assert.equal(tokyoDay(tokyoInstant("2026-06-01", "00:30")), "2026-06-01");
  assert.equal(compactKey(at), "202606010900");
  assert.equal(fromCompactKey("202606010900")?.getTime(), at.getTime());
  assert.equal(fromCompactKey("202602300900"), null);
});
