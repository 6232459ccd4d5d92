/** Words for deadlines, criteria and statuses, shared by pages, e-mails and the API. */
import { localize, t, type Locale } from "../../../core/i18n/index.ts";
import { isoToWareki } from "../../../core/text/wareki.ts";
import type { ItemDeadline } from "../checklist.ts";
import type { CityConfig } from "../config.ts";
import { formatBothCalendars, holidayName } from "../deadlines.ts";
import type { CriterionCheck } from "../programmes/rank.ts";
import type { Range } from "../programmes/programme.ts";
import "../messages.ts";

/** Shorthand for this module's messages. */
export function m(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return t(locale, `navigator.${key}`, params);
}

/** 「引越しの日から14日以内」 */
export function ruleText(deadline: ItemDeadline, locale: Locale, fromLabel?: string): string {
  const unit = deadline.rule.unit === "months" ? "months" : "days";
  return m(locale, `deadline.rule.${unit}`, { count: deadline.rule.count, from: fromLabel ?? m(locale, "deadline.answeredDate") });
}

/**
 * 「2026年4月15日（令和8年4月15日）まで」 and, when moved off a closed day, why; or the rule in
 * words when the date was not answered.
 */
export function deadlineText(deadline: ItemDeadline, locale: Locale): string {
  if (!deadline.computed) return ruleText(deadline, locale);
  const date = formatBothCalendars(deadline.computed.date, locale);
  let text = m(locale, "deadline.until", { date });
  if (deadline.computed.movedBecause) {
    const reason =
      deadline.computed.movedBecause === "holiday"
        ? holidayName(deadline.computed.statutoryDate, locale) ?? m(locale, "deadline.closed.holiday")
        : m(locale, `deadline.closed.${deadline.computed.movedBecause}`);
    text += m(locale, "deadline.moved", { date: formatBothCalendars(deadline.computed.statutoryDate, locale), reason });
  }
  return text;
}

/** 「あと3日」, 「今日まで」, 「期限を5日過ぎています」 */
export function daysLeftText(deadline: ItemDeadline, locale: Locale): string | null {
  if (deadline.daysLeft === null) return null;
  if (deadline.daysLeft < 0) return m(locale, "deadline.passed", { days: -deadline.daysLeft });
  if (deadline.daysLeft === 0) return m(locale, "deadline.today");
  return m(locale, "deadline.left", { days: deadline.daysLeft });
}

/** The 和暦 of an ISO date, or null. */
export function warekiLabel(iso: string | null | undefined): string | null {
  return iso ? isoToWareki(iso)?.label ?? null : null;
}

function rangeText(range: Range, locale: Locale, unit: string): string {
  if (range.min !== undefined && range.max !== undefined) return m(locale, "range.between", { min: range.min, max: range.max, unit });
  if (range.max !== undefined) return m(locale, "range.atMost", { max: range.max, unit });
  return m(locale, "range.atLeast", { min: range.min ?? 0, unit });
}

/** What a criterion asks for, in words: 「従業員 20人以下」. */
export function criterionText(check: CriterionCheck, locale: Locale, city: CityConfig): string {
  const list = (values: string[], ns: string) => values.map((v) => m(locale, `${ns}.${v}`)).join(locale === "ja" ? "・" : ", ");
  switch (check.key) {
    case "audience":
      return m(locale, "criterion.audience", { who: list(check.audiences, "audience") });
    case "industry":
      return m(locale, "criterion.industry", { industries: list(check.industries, "industry") });
    case "employees":
      return m(locale, "criterion.employees", { range: rangeText(check.range, locale, m(locale, "unit.people")) });
    case "salesDrop":
      return m(locale, "criterion.salesDrop", { min: check.min });
    case "household":
      return m(locale, "criterion.household", { range: rangeText(check.range, locale, m(locale, "unit.people")) });
    case "income":
      return m(locale, "criterion.income", { bands: list(check.bands, "income") });
    case "age":
      return m(locale, "criterion.age", { range: rangeText(check.range, locale, m(locale, "unit.years")) });
    case "ward": {
      const names = check.wards.map((code) => {
        const ward = city.wards.find((w) => w.code === code);
        return ward ? localize(ward.name, locale) : code;
      });
      return m(locale, "criterion.ward", { wards: names.join(locale === "ja" ? "・" : ", ") });
    }
  }
}
