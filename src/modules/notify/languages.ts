/**
 * The eleven languages alerts are written in. Codes are BCP 47 tags (they appear as CAP
 * <language> and HTML lang): やさしい日本語 has no registered subtag, so it uses the private-use
 * tag `ja-x-easy`; Chinese is told apart by script (`zh-Hans` 简体, `zh-Hant` 繁體); Portuguese is
 * written as spoken by the Brazilian community in Japan.
 */
export const ALERT_LANGUAGES = ["ja", "ja-x-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "ne", "tl", "pt", "es"] as const;
export type AlertLanguage = (typeof ALERT_LANGUAGES)[number];

/** Each language named in its own script (for choosers and language switchers). */
export const ALERT_LANGUAGE_NAMES: Record<AlertLanguage, string> = {
  ja: "日本語",
  "ja-x-easy": "やさしい日本語",
  en: "English",
  "zh-Hans": "简体中文",
  "zh-Hant": "繁體中文",
  ko: "한국어",
  vi: "Tiếng Việt",
  ne: "नेपाली",
  tl: "Tagalog",
  pt: "Português",
  es: "Español",
};

/** The locale Intl uses for dates in each language. */
export const INTL_LOCALE: Record<AlertLanguage, string> = {
  ja: "ja-JP",
  "ja-x-easy": "ja-JP",
  en: "en-GB",
  "zh-Hans": "zh-CN",
  "zh-Hant": "zh-TW",
  ko: "ko-KR",
  vi: "vi-VN",
  ne: "ne-NP",
  tl: "fil-PH",
  pt: "pt-BR",
  es: "es-ES",
};

export function isAlertLanguage(value: unknown): value is AlertLanguage {
  return typeof value === "string" && (ALERT_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to fall back to when a caller-supplied text lacks one: やさしい日本語 → 日本語,
 * every other language → English → 日本語.
 */
export function fallbackChain(language: AlertLanguage): AlertLanguage[] {
  if (language === "ja") return ["ja"];
  if (language === "ja-x-easy") return ["ja-x-easy", "ja"];
  if (language === "en") return ["en", "ja"];
  return [language, "en", "ja"];
}
