/**
 * A navigator definition is data (ADR 0015): for one life event, the questions a resident answers
 * (one per page) and the rules that turn answers into a checklist of procedures. Staff edit it in
 * the staff editor; each published version is frozen.
 *
 * Conditions are the forms engine's `Condition` (equals / notEquals / in / includes / answered,
 * all / any), evaluated by its `evaluateCondition`: one rule language for forms and navigator.
 */
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { Condition, Option } from "../procedures/forms/index.ts";

export type { Condition, Option };

export const NAVIGATOR_QUESTION_TYPES = ["single", "multiple", "yesno", "date"] as const;
export type NavigatorQuestionType = (typeof NAVIGATOR_QUESTION_TYPES)[number];

/** One question, shown on its own page. */
export type NavigatorQuestion = {
  /** Stable id: lower-case letters, digits, underscore; also the URL query key of its answer. */
  id: string;
  type: NavigatorQuestionType;
  /** The question, which is also the page title. */
  label: LocalizedText;
  hint?: LocalizedText;
  /** single / multiple only (yesno has はい / いいえ built in). */
  options?: Option[];
  /** Ask only when this holds for the earlier answers. */
  showIf?: Condition;
  /** Defaults to true. */
  required?: boolean;
  /** date only: inclusive bounds, ISO or "today". */
  minDate?: string;
  maxDate?: string;
};

export const WHERE_KINDS = ["online", "counter", "other"] as const;
/** online: can be done online now; counter: at a city counter; other: at another body (警察署, 年金事務所…). */
export type WhereKind = (typeof WHERE_KINDS)[number];

export type Where = {
  kind: WhereKind;
  /** Which counter or body, e.g. 「お住まいの区の区役所 窓口サービス課」. */
  place: LocalizedText;
  /** An official page about it (other bodies, national online services). */
  url?: string;
};

/**
 * A deadline counted from an answered date: `count` days (or months) after it. Japanese law counts
 * periods differently: 民法第140条 leaves the first day out (転入届 14 days → move date + 14),
 * while 戸籍法第43条 counts it (出生届 14 days → birth date + 13): `countFirstDay`. Months end on the
 * day before the corresponding day, or at the end of a month without one (民法第143条).
 * `rollOver` (default true) moves a deadline that falls on a day the city offices are closed to the
 * next open day (地方自治法第4条の2第4項).
 */
export type DeadlineRule = {
  /** Id of a date question. */
  from: string;
  count: number;
  /** Default "days". */
  unit?: "days" | "months";
  countFirstDay?: boolean;
  rollOver?: boolean;
  /** The legal basis, e.g. 住民基本台帳法第22条. */
  basis: LocalizedText;
};

/** An answer copied into the online form: a navigator answer or a fixed value. */
export type PrefillSource = { answer: string } | { value: string };

/** One checklist item and when it applies. */
export type ChecklistItemDef = {
  /** Stable id, unique in the definition. */
  id: string;
  /** On the list only when this holds (always when absent). */
  when?: Condition;
  /** The catalogue slug when the city has this procedure (links, online start). */
  procedure?: string;
  title: LocalizedText;
  where: Where;
  /** What to bring, one thing per entry. */
  bring: LocalizedText[];
  /** Why it is on the list (plain words). */
  why: LocalizedText;
  deadline?: DeadlineRule;
  /**
   * Answers for the online form, by the form's question id. Answers whose id equals a form
   * question id are offered anyway; this maps the others.
   */
  prefill?: Record<string, PrefillSource>;
};

/** A saved answer combination of the staff test harness. */
export type HarnessCase = { name: string; answers: Record<string, string | string[]> };

export type NavigatorDefinition = {
  /** Life event code, e.g. "moving" (URL: /navigator/moving). */
  event: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** Order on the life-event list. */
  position: number;
  questions: NavigatorQuestion[];
  items: ChecklistItemDef[];
  /** Answer combinations staff keep to check the rules before publishing. */
  tests?: HarnessCase[];
};

/** Answers as kept in the URL: option values, lists of them, ISO dates. */
export type NavigatorAnswers = Record<string, string | string[]>;

/** Query keys that are not answers. */
export const RESERVED_QUERY_KEYS = ["lang", "_csrf", "return", "v", "print", "sent", "case"] as const;
