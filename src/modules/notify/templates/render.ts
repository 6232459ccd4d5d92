/**
 * Fills an alert template for one language. Every value is pre-translated: ward names come
 * from areas/wards.ts, times are formatted per language (Asia/Tokyo), seismic intensity classes
 * from the table below, and free names (a shelter) must be given by the caller in each language
 * (missing ones fall back: やさしい日本語 → 日本語, others → English → 日本語). Nothing is sent
 * to a translation service. A variable without a value, or a brace left over, is an error.
 *
 * @example
 *   renderAlert({ templateKey: "evacuation.level4", language: "en", areas: { wards: ["271276"] },
 *     params: {}, issuedAt: "2026-08-10T05:30:00Z" }).title // "[Alert Level 4] Evacuation order"
 */
import { fallbackChain, INTL_LOCALE, type AlertLanguage } from "../languages.ts";
import { isWardCode, wardListText } from "../areas/wards.ts";
import { ALERT_TEMPLATES, isTemplateKey, type TemplateKey, type TemplateText } from "./alerts.ts";

/** JMA 震度階級 (seismic intensity classes). */
export const INTENSITIES = ["1", "2", "3", "4", "5-", "5+", "6-", "6+", "7"] as const;
export type Intensity = (typeof INTENSITIES)[number];

/**
 * A value for a template variable:
 * - `{ text: { ja, en, … } }` a name written by the caller in each language (at least ja);
 * - `{ time: "2026-08-10T14:30:00+09:00" }` an instant, formatted in each language;
 * - `{ intensity: "6-" }` a JMA seismic intensity class;
 * - `{ wards: ["271276", …] }` ward codes, named in each language.
 */
export type TemplateParam =
  | { text: { ja: string } & Partial<Record<AlertLanguage, string>> }
  | { time: string }
  | { intensity: Intensity }
  | { wards: string[] };

export type TemplateParams = Record<string, TemplateParam>;

export class TemplateError extends Error {
  readonly reason: string;
  readonly variable: string | undefined;
  constructor(reason: string, message: string, variable?: string) {
    super(message);
    this.reason = reason;
    this.variable = variable;
  }
}

const INTENSITY_NAMES: Record<AlertLanguage, Record<Intensity, string>> = (() => {
  const table = (lower: string, upper: string, sep = " ") => {
    const out = {} as Record<Intensity, string>;
    for (const i of INTENSITIES) out[i] = i.endsWith("-") ? `${i[0]}${sep}${lower}` : i.endsWith("+") ? `${i[0]}${sep}${upper}` : i;
    return out;
  };
  return {
    ja: table("弱", "強", ""),
    "ja-x-easy": table("弱（じゃく）", "強（きょう）", ""),
    en: table("Lower", "Upper"),
    "zh-Hans": table("弱", "强", ""),
    "zh-Hant": table("弱", "強", ""),
    ko: table("약", "강", ""),
    vi: table("yếu", "mạnh"),
    ne: table("तल्लो", "माथिल्लो"),
    tl: table("Mababa", "Mataas"),
    pt: table("inferior", "superior"),
    es: table("inferior", "superior"),
  };
})();

export function isIntensity(value: unknown): value is Intensity {
  return typeof value === "string" && (INTENSITIES as readonly string[]).includes(value);
}

/** An instant written the way each language writes a date and time (Japan time). */
export function formatAlertTime(iso: string, language: AlertLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TemplateError("template.bad_time", `Not a date-time: ${iso}`, "time");
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const { month, day, hour, minute } = parts as { month: string; day: string; hour: string; minute: string };
  if (language === "ja" || language === "ja-x-easy") return `${month}月${day}日 ${Number(hour)}時${minute}分`;
  if (language === "vi") return `${hour}:${minute} ngày ${day}/${month}`;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone: "Asia/Tokyo", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

function paramText(name: string, param: TemplateParam, language: AlertLanguage): string {
  if ("text" in param) {
    for (const lang of fallbackChain(language)) {
      const value = param.text[lang];
      if (typeof value === "string" && value.trim() !== "") return value.trim();
    }
    throw new TemplateError("template.missing_translation", `Variable {${name}} has no text for ${language} (nor its fallbacks)`, name);
  }
  if ("time" in param) return formatAlertTime(param.time, language);
  if ("intensity" in param) {
    if (!isIntensity(param.intensity)) throw new TemplateError("template.bad_intensity", `Unknown seismic intensity ${String(param.intensity)}`, name);
    return INTENSITY_NAMES[language][param.intensity];
  }
  if ("wards" in param) {
    if (param.wards.length === 0 || !param.wards.every(isWardCode)) throw new TemplateError("template.bad_wards", `Variable {${name}} needs Osaka City ward codes`, name);
    return wardListText(param.wards, language);
  }
  throw new TemplateError("template.bad_param", `Variable {${name}} has an unknown kind of value`, name);
}

export type RenderOptions = {
  templateKey: TemplateKey | string;
  language: AlertLanguage;
  /** Variables; `area` defaults to the alert's wards, `time` to issuedAt. */
  params: TemplateParams;
  /** The alert's wards, for {area} when params.area is not given. */
  wards?: readonly string[];
  issuedAt: string;
};

function variablesOf(params: TemplateParams, options: Pick<RenderOptions, "wards" | "issuedAt">): TemplateParams {
  const all: TemplateParams = { ...params };
  if (!all.area && options.wards && options.wards.length > 0) all.area = { wards: [...options.wards] };
  if (!all.time) all.time = { time: options.issuedAt };
  return all;
}

function fill(template: string, language: AlertLanguage, params: TemplateParams): string {
  const out = template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const param = params[name];
    if (!param) throw new TemplateError("template.missing_variable", `Variable {${name}} has no value`, name);
    return paramText(name, param, language);
  });
  if (/[{}]/.test(out)) throw new TemplateError("template.leftover_brace", `A brace is left in: ${out}`);
  return out;
}

/** The alert's title and body in one language. Throws TemplateError when anything is missing. */
export function renderAlert(options: RenderOptions): TemplateText {
  if (!isTemplateKey(options.templateKey)) throw new TemplateError("template.unknown", `Unknown template ${options.templateKey}`);
  const template = ALERT_TEMPLATES[options.templateKey];
  const params = variablesOf(options.params, options);
  const text = template.text[options.language];
  return { title: fill(text.title, options.language, params), body: fill(text.body, options.language, params) };
}

/** The 緊急速報メール draft text (Japanese) before the carriers' checks. */
export function renderAreaMail(options: Omit<RenderOptions, "language">): TemplateText {
  if (!isTemplateKey(options.templateKey)) throw new TemplateError("template.unknown", `Unknown template ${options.templateKey}`);
  const template = ALERT_TEMPLATES[options.templateKey];
  const params = variablesOf(options.params, options);
  return { title: fill(template.areaMail.title, "ja", params), body: fill(template.areaMail.body, "ja", params) };
}

/** Fills a chrome line ({link}). */
export function fillLink(line: string, link: string): string {
  return line.replace("{link}", link);
}
