/**
 * Japanese text normalisation for what residents type: full-width and half-width characters,
 * hiragana and katakana, every kind of hyphen, postal codes and phone numbers.
 * UI.md: "normalise, don't reject".
 */

/** Full-width ASCII (！..～), the ideographic space and half-width katakana (｡..ﾟ). */
const WIDTH_VARIANTS = /[\uFF01-\uFF5E\u3000\uFF61-\uFF9F]+/g;

/**
 * Full-width digits, letters and symbols → half-width; half-width katakana → full-width
 * (ｼﾞｭｳﾐﾝ → ジュウミン); the ideographic space → a space.
 *
 * This is NFKC applied only to width variants: full NFKC (and even NFC) would also replace
 * CJK compatibility ideographs (e.g. U+FA19 神) by their unified forms and so change the
 * characters of a person's name.
 *
 * @example normalizeWidth("ＡＢＣ１２３　ｶﾞｲｺｸ") // "ABC123 ガイコク"
 */
export function normalizeWidth(text: string): string {
  return (
    text
      .replace(WIDTH_VARIANTS, (run) => run.normalize("NFKC"))
      // A half-width (han)dakuten typed after a full-width kana: compose the pair.
      .replace(/[\u3041-\u30FF][\u3099\u309A]/g, (pair) => pair.normalize("NFC"))
      // Any left over cannot be composed: use the spacing marks ゛ ゜.
      .replace(/\u3099/g, "\u309B")
      .replace(/\u309A/g, "\u309C")
  );
}

/**
 * Katakana → hiragana (ジュウミンヒョウ → じゅうみんひょう). ー and characters without a hiragana
 * counterpart (ヷ ヸ ヹ ヺ) are kept.
 */
export function toHiragana(text: string): string {
  return text.replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Hiragana → katakana (やまだ → ヤマダ). */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Hyphens, dashes and minus signs that are always a hyphen in what residents type. */
const DASHES = /[\u02D7\u2010-\u2015\u2043\u207B\u208B\u2212\u2500\u2501\u2796\uFE58\uFE63\uFF0D]/g;
/** The long-vowel marks ー and ｰ are a hyphen only between digits (530ー0001). */
const LONG_VOWEL_BETWEEN_DIGITS = /(?<=[0-9\uFF10-\uFF19])[\u30FC\uFF70]+(?=[0-9\uFF10-\uFF19])/g;

/**
 * Every hyphen, dash and minus variant (‐ ‑ ‒ – — ― − － ─ …) → "-"; ー and ｰ only when
 * between digits, so that カード keeps its long vowel.
 *
 * @example normalizeHyphens("06ー6208－8181") // "06-6208-8181"
 */
export function normalizeHyphens(text: string): string {
  return text.replace(DASHES, "-").replace(LONG_VOWEL_BETWEEN_DIGITS, (run) => "-".repeat(run.length));
}

/**
 * A search key: width, case, kana and punctuation noise removed, so that じゅうみんひょう,
 * ジュウミンヒョウ and ｼﾞｭｳﾐﾝﾋｮｳ compare equal. Spaces, ・ and the long-vowel mark are dropped
 * (マイナンバーカード and まいなんばかーど match); hyphens between digits are kept.
 * Only for comparing: never store the result.
 */
export function normalizeForSearch(text: string): string {
  const folded = toHiragana(normalizeHyphens(text.normalize("NFKC")).toLowerCase());
  return folded.replace(/[\s\u30FB\u00B7\u30FC\u301C\uFF5E~]/gu, "");
}

/**
 * A postal code (郵便番号) as 7 digits, or null. Accepts 〒, full-width digits and any hyphen.
 *
 * @example normalizePostalCode("〒５３０－０００１") // "5300001"
 */
export function normalizePostalCode(text: string): string | null {
  const compact = normalizeHyphens(normalizeWidth(text))
    .trim()
    .replace(/^〒/, "")
    .replace(/[\s-]/g, "");
  return /^\d{7}$/.test(compact) ? compact : null;
}

/** "5300001" → "530-0001" (anything else is returned unchanged). */
export function formatPostalCode(digits: string): string {
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits;
}

/**
 * A Japanese phone number as its digits (10 or 11, starting with 0), or null. Accepts
 * full-width digits, any hyphen, spaces, dots, parentheses and the +81 country code.
 *
 * @example normalizePhone("（０６）６２０８－８１８１") // "0662088181"
 */
export function normalizePhone(text: string): string | null {
  let compact = normalizeHyphens(normalizeWidth(text)).replace(/[\s\-().]/g, "");
  if (compact.startsWith("+81")) compact = "0" + compact.slice(3).replace(/^0/, "");
  return /^0\d{9,10}$/.test(compact) ? compact : null;
}

/**
 * Digits of a phone number with hyphens for display where the split is unambiguous
 * (mobile and IP numbers 3-4-4, 0120 4-3-3, Osaka 06 and Tokyo 03 2-4-4); otherwise unchanged.
 */
export function formatPhone(digits: string): string {
  if (/^0[5789]0\d{8}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (/^0120\d{6}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  if (/^0[36]\d{8}$/.test(digits)) return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`;
  return digits;
}

/**
 * True when the text is a furigana reading in full-width katakana: katakana, ー, ・ and spaces,
 * with at least one katakana letter.
 */
export function isKatakana(text: string): boolean {
  return /^[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE \u3000]+$/.test(text) && /[\u30A1-\u30FA]/.test(text);
}
