import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addDays,
  daysInMonth,
  ERAS,
  findEra,
  formatDate,
  formatDateJa,
  gregorianToIso,
  isoToWareki,
  todayInJapan,
  warekiToIso,
} from "./wareki.ts";

test("era boundaries follow the official start dates", () => {
  assert.deepEqual(
    ERAS.map((e) => [e.key, e.start, e.end, e.maxYear]),
    [
      ["meiji", "1868-10-23", "1912-07-29", 45],
      ["taisho", "1912-07-30", "1926-12-24", 15],
      ["showa", "1926-12-25", "1989-01-07", 64],
      ["heisei", "1989-01-08", "2019-04-30", 31],
      ["reiwa", "2019-05-01", undefined, undefined],
    ],
  );
});

test("findEra accepts kanji, romaji keys and initials", () => {
  assert.equal(findEra("令和")?.key, "reiwa");
  assert.equal(findEra("Showa")?.key, "showa");
  assert.equal(findEra("taisho")?.key, "taisho");
  assert.equal(findEra("H")?.key, "heisei");
  assert.equal(findEra("seireki"), undefined);
});

test("warekiToIso converts valid dates", () => {
  assert.deepEqual(warekiToIso("令和", 8, 11, 26), { ok: true, iso: "2026-11-26" });
  assert.deepEqual(warekiToIso("reiwa", 1, 5, 1), { ok: true, iso: "2019-05-01" });
  assert.deepEqual(warekiToIso("heisei", 31, 4, 30), { ok: true, iso: "2019-04-30" });
  assert.deepEqual(warekiToIso("showa", 64, 1, 7), { ok: true, iso: "1989-01-07" });
  assert.deepEqual(warekiToIso("meiji", 1, 10, 23), { ok: true, iso: "1868-10-23" });
  assert.deepEqual(warekiToIso("平成", 4, 2, 29), { ok: true, iso: "1992-02-29" });
});

test("warekiToIso reports why a date is wrong", () => {
  assert.equal(warekiToIso("kamakura", 1, 1, 1).ok, false);
  assert.deepEqual(warekiToIso("kamakura", 1, 1, 1), { ok: false, error: "unknown_era" });
  const check = (era: string, y: number, m: number, d: number) => {
    const result = warekiToIso(era, y, m, d);
    return result.ok ? "ok" : result.error;
  };
  assert.equal(check("平成", 32, 1, 1), "year_out_of_range");
  assert.equal(check("令和", 0, 5, 1), "year_out_of_range");
  assert.equal(check("平成", 1, 1, 7), "before_era_start");
  assert.equal(check("平成", 31, 5, 1), "after_era_end");
  assert.equal(check("令和", 1, 4, 30), "before_era_start");
  assert.equal(check("令和", 5, 2, 29), "invalid_date");
  assert.equal(check("令和", 6, 2, 29), "ok");
  assert.equal(check("令和", 6, 13, 1), "invalid_date");
  assert.equal(check("令和", 6, 1.5, 1), "invalid_date");
  const before = warekiToIso("平成", 1, 1, 7);
  assert.ok(!before.ok && before.iso === "1989-01-07");
});

test("isoToWareki labels the first year 元年", () => {
  assert.deepEqual(isoToWareki("2026-11-26"), {
    era: "reiwa",
    eraName: "令和",
    year: 8,
    month: 11,
    day: 26,
    yearLabel: "令和8年",
    label: "令和8年11月26日",
  });
  assert.equal(isoToWareki("2019-05-01")?.label, "令和元年5月1日");
  assert.equal(isoToWareki("2019-04-30")?.label, "平成31年4月30日");
  assert.equal(isoToWareki("1989-01-07")?.label, "昭和64年1月7日");
  assert.equal(isoToWareki("1989-01-08")?.label, "平成元年1月8日");
  assert.equal(isoToWareki("1926-12-25")?.label, "昭和元年12月25日");
  assert.equal(isoToWareki("1868-10-22"), null);
  assert.equal(isoToWareki("2026-02-30"), null);
  assert.equal(isoToWareki("not a date"), null);
});

test("formatDateJa and formatDate", () => {
  assert.equal(formatDateJa("2026-11-26"), "2026年11月26日");
  assert.equal(formatDateJa("2026-01-05"), "2026年1月5日");
  assert.equal(formatDate("2026-01-05", "en"), "5 January 2026");
  assert.equal(formatDate("2026-01-05", "ja"), "2026年1月5日");
});

test("calendar helpers", () => {
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(daysInMonth(1900, 2), 28);
  assert.equal(daysInMonth(2000, 2), 29);
  assert.equal(daysInMonth(2026, 4), 30);
  assert.equal(gregorianToIso(2026, 2, 29), null);
  assert.equal(gregorianToIso(2026, 12, 31), "2026-12-31");
  assert.equal(addDays("2019-05-01", -1), "2019-04-30");
});

test("todayInJapan uses Japan time whatever the server time zone", () => {
  assert.equal(todayInJapan(new Date("2026-11-25T15:30:00Z")), "2026-11-26");
  assert.equal(todayInJapan(new Date("2026-11-25T14:59:00Z")), "2026-11-25");
});
