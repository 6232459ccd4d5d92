/**
 * The words of an alert, from its template and parameters, in any language of the catalogue. The
 * operator sees exactly these in the preview before confirming, and the issuer receives them.
 * Everything in an alert comes from choices (wards, level, reason), so every part is pre-translated.
 */
import { t, type Locale, LOCALES } from "../../../core/i18n/index.ts";
import { wardList } from "../wards.ts";
import "../messages.ts";

export type AlertContent = { kind: string; template: string; level: number; wards: readonly string[]; params: Record<string, string | number> };

/** Evacuation levels: 3 高齢者等避難, 4 避難指示, 5 緊急安全確保, 0 解除. */
export const EVACUATION_LEVELS = [3, 4, 5, 0] as const;
export type EvacuationLevel = (typeof EVACUATION_LEVELS)[number];

export const EVACUATION_REASONS = ["flood", "landslide", "storm-surge", "tsunami", "inland-flood", "fire", "other"] as const;
export type EvacuationReason = (typeof EVACUATION_REASONS)[number];

/** JMA level words in English where we know them (震度5弱 → "5 Lower"); other text is kept as JMA wrote it. */
export function levelLabelIn(label: string, locale: Locale): string {
  if (locale === "ja") return label;
  const intensity = /^震度([0-7])(弱|強)?$/.exec(label.normalize("NFKC"));
  if (intensity) return `${intensity[1]}${intensity[2] === "弱" ? " Lower" : intensity[2] === "強" ? " Upper" : ""}`;
  const words: Array<[RegExp, string]> = [[/大津波警報/, "Major tsunami warning"], [/津波警報/, "Tsunami warning"], [/津波注意報/, "Tsunami advisory"], [/記録的短時間大雨情報/, "Record short-term heavy rain information"], [/土砂災害警戒情報/, "Landslide alert"], [/竜巻注意情報/, "Tornado alert"]];
  return words.find(([pattern]) => pattern.test(label))?.[1] ?? label;
}

function textParams(content: AlertContent, locale: Locale): Record<string, string | number> {
  const params: Record<string, string | number> = { ...content.params, wards: wardList(content.wards, locale) };
  if (typeof content.params.levelLabel === "string") params.levelLabel = levelLabelIn(content.params.levelLabel, locale);
  if (typeof content.params.reason === "string") params.reasonText = t(locale, `disaster.reason.${content.params.reason}`);
  if (typeof content.params.jmaKind === "string") params.kindText = t(locale, `disaster.jmaKind.${content.params.jmaKind}`);
  return params;
}

export function alertTitle(content: AlertContent, locale: Locale): string {
  return t(locale, `disaster.template.${content.template}.title`, textParams(content, locale));
}

export function alertBody(content: AlertContent, locale: Locale): string {
  return t(locale, `disaster.template.${content.template}.body`, textParams(content, locale));
}

/** Title and body in every language, for the preview and for the issuer. */
export function alertTexts(content: AlertContent): Record<Locale, { title: string; body: string }> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, { title: alertTitle(content, locale), body: alertBody(content, locale) }])) as Record<Locale, { title: string; body: string }>;
}
