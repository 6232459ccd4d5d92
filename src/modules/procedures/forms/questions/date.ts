/**
 * `date`: three boxes 年・月・日 with an era choice (西暦, 令和, 平成, 昭和, 大正, 明治); never a
 * JavaScript-only picker. Stored as an ISO date. Bounds (minDate/maxDate) may be "today".
 */
import { html } from "../../../../core/ui/html.ts";
import { t, type Locale } from "../../../../core/i18n/index.ts";
import { normalizeWidth } from "../../../../core/text/japanese.ts";
import {
  ERAS,
  daysInMonth,
  findEra,
  formatDate,
  isoToWareki,
  parseIso,
  warekiToIso,
  type Era,
} from "../../../../core/text/wareki.ts";
import type { QuestionDef } from "../definition.ts";
import {
  attrs,
  autocompleteFor,
  fieldError,
  fieldName,
  fieldsetField,
  inputAttrs,
  isInvalid,
  isRequired,
  message,
  part,
  rawFor,
  readString,
  type FieldError,
  type ParseResult,
  type QuestionHandler,
} from "./common.ts";

export const SEIREKI = "seireki";
/** Era choices in the order shown: 西暦 first, then the newest era first. */
export const ERA_CHOICES: readonly string[] = [SEIREKI, ...[...ERAS].reverse().map((e) => e.key)];

const NUMBER_PARTS = ["year", "month", "day"] as const;
type NumberPart = (typeof NUMBER_PARTS)[number];

/** Resolves "today" in a minDate/maxDate rule. */
export function resolveDateBound(bound: string | undefined, today: string): string | undefined {
  return bound === "today" ? today : bound;
}

/** Birth dates get the bday-* autocomplete tokens; we recognise them by their id. */
function isBirthDate(q: QuestionDef): boolean {
  return /birth|dob|bday/i.test(q.id);
}

function eraLabel(era: Era, locale: Locale): string {
  return locale === "ja" ? era.name : era.romaji;
}

function partWord(p: NumberPart, locale: Locale): string {
  return t(locale, `forms.date.${p}Word`);
}

/** A typed number: full-width digits accepted; 元 (first year of an era) is 1. */
function readNumber(typed: string, allowGannen: boolean): number | null {
  const text = normalizeWidth(typed).trim();
  if (allowGannen && text === "元") return 1;
  return /^\d+$/.test(text) ? Number(text) : null;
}

function wrongEraMessage(q: QuestionDef, locale: Locale, era: Era, year: number, month: number, day: number, iso: string): string {
  const actual = isoToWareki(iso);
  const entered =
    locale === "ja"
      ? `${era.name}${year === 1 ? "元" : year}年${month}月${day}日`
      : `${era.romaji} ${year}, ${formatDate(iso, "en").replace(/ \d+$/, "")}`;
  if (!actual) return message(q, locale, "date.beforeMeiji");
  const actualText =
    locale === "ja" ? actual.label : `${ERAS.find((e) => e.key === actual.era)!.romaji} ${actual.year}`;
  return message(q, locale, "date.wrongEra", { entered, actual: actualText });
}

export const dateHandler: QuestionHandler = {
  parse(q, body, ctx): ParseResult {
    const names = {
      era: fieldName(q, ctx.prefix, "era"),
      year: fieldName(q, ctx.prefix, "year"),
      month: fieldName(q, ctx.prefix, "month"),
      day: fieldName(q, ctx.prefix, "day"),
    };
    const typedEra = readString(body, names.era) || SEIREKI;
    const typed = { year: readString(body, names.year), month: readString(body, names.month), day: readString(body, names.day) };
    const rawOut = { [names.era]: typedEra, [names.year]: typed.year, [names.month]: typed.month, [names.day]: typed.day };
    const fail = (errors: FieldError[]): ParseResult => ({ raw: rawOut, errors });
    const { locale } = ctx;

    const missing = NUMBER_PARTS.filter((p) => normalizeWidth(typed[p]).trim() === "");
    if (missing.length === 3) {
      return fail(isRequired(q) ? [fieldError(names.year, message(q, locale, "required"), [names.year, names.month, names.day])] : []);
    }
    if (missing.length > 0) {
      const parts = missing.map((p) => partWord(p, locale)).join(t(locale, "forms.date.and"));
      return fail([fieldError(names[missing[0]!], message(q, locale, "date.missing", { parts }), missing.map((p) => names[p]))]);
    }

    const era = typedEra === SEIREKI ? undefined : findEra(typedEra);
    if (typedEra !== SEIREKI && !era) return fail([fieldError(names.era, message(q, locale, "date.eraUnknown"))]);

    const numbers = {
      year: readNumber(typed.year, era !== undefined),
      month: readNumber(typed.month, false),
      day: readNumber(typed.day, false),
    };
    const notNumbers = NUMBER_PARTS.filter((p) => numbers[p] === null);
    if (notNumbers.length > 0) {
      const p = notNumbers[0]!;
      return fail([fieldError(names[p], message(q, locale, "date.notNumber", { part: partWord(p, locale) }), notNumbers.map((n) => names[n]))]);
    }
    const year = numbers.year!;
    const month = numbers.month!;
    const day = numbers.day!;

    // The year first: it decides how many days February has.
    let gregorianYear = year;
    if (era) {
      const max = era.maxYear;
      if (year < 1 || (max !== undefined && year > max)) {
        const params = { era: eraLabel(era, locale), max: max ?? "" };
        return fail([fieldError(names.year, message(q, locale, max === undefined ? "date.eraYearOpen" : "date.eraYear", params))]);
      }
      gregorianYear = Number(era.start.slice(0, 4)) + year - 1;
    } else if (!/^\d{4}$/.test(normalizeWidth(typed.year).trim()) || year < 1000) {
      return fail([fieldError(names.year, message(q, locale, "date.yearSeireki"))]);
    }
    if (month < 1 || month > 12) return fail([fieldError(names.month, message(q, locale, "date.monthRange"))]);
    const lastDay = daysInMonth(gregorianYear, month);
    if (day < 1 || day > lastDay) return fail([fieldError(names.day, message(q, locale, "date.dayRange", { max: lastDay }))]);

    let iso: string;
    if (era) {
      const result = warekiToIso(era.key, year, month, day);
      if (!result.ok) {
        const meant = result.iso ?? "";
        return fail([fieldError(names.era, wrongEraMessage(q, locale, era, year, month, day, meant), [names.era, names.year])]);
      }
      iso = result.iso;
    } else {
      iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    }

    const min = resolveDateBound(q.minDate, ctx.today);
    const max = resolveDateBound(q.maxDate, ctx.today);
    const all = [names.year, names.month, names.day];
    if (min && iso < min) {
      const key = q.minDate === "today" ? "date.minToday" : "date.min";
      return fail([fieldError(names.year, message(q, locale, key, { date: formatDate(min, locale) }), all)]);
    }
    if (max && iso > max) {
      const key = q.maxDate === "today" ? "date.maxToday" : "date.max";
      return fail([fieldError(names.year, message(q, locale, key, { date: formatDate(max, locale) }), all)]);
    }
    return { value: iso, raw: rawOut, errors: [] };
  },

  render(q, ctx) {
    const { locale } = ctx;
    const name = fieldName(q, ctx.prefix);
    const body = rawFor(dateHandler, q, ctx);
    const eraName = fieldName(q, ctx.prefix, "era");
    const selectedEra = readString(body, eraName) || SEIREKI;
    const eraOptions = ERA_CHOICES.map((key) => {
      const label = key === SEIREKI ? t(locale, "forms.date.seireki") : eraLabel(findEra(key)!, locale);
      return html`<option${attrs({ value: key, selected: key === selectedEra })}>${label}</option>`;
    });
    const eraAttrs = attrs({
      class: "input",
      id: eraName,
      name: eraName,
      "aria-invalid": isInvalid(ctx.errors, eraName) ? "true" : undefined,
    });
    const birth = isBirthDate(q);
    // Japanese reads 「1990 年」: the unit follows the box; English labels go above.
    const labelAfter = locale === "ja";
    const numberParts = NUMBER_PARTS.map((p) => {
      const id = fieldName(q, ctx.prefix, p);
      const extra = {
        class: "input input--short",
        type: "text",
        inputmode: "numeric",
        autocomplete: birth && selectedEra === SEIREKI ? autocompleteFor(ctx, `bday-${p}`) : undefined,
        spellcheck: "false",
      };
      return part(t(locale, `forms.date.${p}`), id, html`<input${inputAttrs(id, body, ctx.errors, extra)}>`, labelAfter);
    });
    const eraPart = part(t(locale, "forms.date.era"), eraName, html`<select${eraAttrs}>${eraOptions}</select>`);
    const hintExtra = q.hint ? undefined : t(locale, "forms.date.hint");
    return fieldsetField(q, ctx, name, html`<div class="field__parts">${eraPart}${numberParts}</div>`, { hintExtra });
  },

  display(_q, value, locale) {
    const iso = String(value);
    if (locale !== "ja") return html`${formatDate(iso, locale)}`;
    const wareki = isoToWareki(iso);
    const parts = parseIso(iso);
    if (!wareki || !parts) return html`${iso}`;
    return html`${parts.year}年（${wareki.yearLabel}）${parts.month}月${parts.day}日`;
  },

  toRaw(q, value, prefix) {
    const parts = typeof value === "string" ? parseIso(value) : null;
    return {
      [fieldName(q, prefix, "era")]: SEIREKI,
      [fieldName(q, prefix, "year")]: parts ? String(parts.year) : "",
      [fieldName(q, prefix, "month")]: parts ? String(parts.month) : "",
      [fieldName(q, prefix, "day")]: parts ? String(parts.day) : "",
    };
  },
};
