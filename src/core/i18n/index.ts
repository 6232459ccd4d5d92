/**
 * Message catalogues. Each module registers its own messages under a namespace;
 * `t(locale, "ns.key", params)` looks them up, falling back to Japanese.
 * Japanese is the default language; English is complete; more languages plug in
 * by adding a catalogue per namespace (see docs/i18n.md).
 */
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";

/** Text in several languages; Japanese is always present. */
export type LocalizedText = { ja: string } & Partial<Record<Locale, string>>;

export type MessageParams = Record<string, string | number>;
export type Catalogue = Record<string, string>;

const catalogues = new Map<string, Record<Locale, Catalogue>>();

export function registerMessages(namespace: string, messages: { ja: Catalogue; en: Catalogue }): void {
  catalogues.set(namespace, messages);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(locale: Locale, key: string, params?: MessageParams): string {
  const dot = key.indexOf(".");
  const messages = catalogues.get(key.slice(0, dot));
  const name = key.slice(dot + 1);
  const template = messages?.[locale]?.[name] ?? messages?.ja[name];
  if (template === undefined) throw new Error(`Missing message ${key}`);
  return interpolate(template, params);
}

/** Picks the text for a locale from a LocalizedText, falling back to Japanese. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.ja;
}

/** Every registered key that lacks a translation in a locale (used by tests). */
export function missingTranslations(locale: Locale): string[] {
  const missing: string[] = [];
  for (const [ns, messages] of catalogues) {
    for (const name of Object.keys(messages.ja)) if (!(name in messages[locale])) missing.push(`${ns}.${name}`);
  }
  return missing;
}

/** Names of languages in their own script, for the language switcher. */
export const LANGUAGE_NAMES: Record<Locale, string> = { ja: "日本語", en: "English" };
