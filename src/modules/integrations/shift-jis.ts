/**
 * CSV in Shift_JIS for the spreadsheets and back-office systems that still expect it (Excel on
 * Japanese Windows opens it without an import dialog). We write Microsoft's code page 932 (CP932,
 * "Windows-31J"), the Shift_JIS every such consumer really reads: JIS X 0208 plus NEC special
 * characters (①, ㈱, №), NEC-selected IBM extensions (髙, 﨑) and half-width katakana.
 * iconv-lite does the encoding.
 *
 * Characters that CP932 has under another Unicode code point are mapped to it first, so that they
 * survive (the well-known "wave dash" differences between JIS-based and Microsoft mappings):
 * 〜 U+301C → ～ U+FF5E, − U+2212 → － U+FF0D, ‖ U+2016 → ∥ U+2225, — U+2014 → ― U+2015,
 * ¢ £ ¬ → ￠ ￡ ￢, ¥ → ￥, ‾ → ￣, and a no-break space → a space. They are not counted as lost.
 *
 * Every other character CP932 cannot hold (𠮷 and other characters outside JIS X 0208, emoji,
 * accented Latin letters such as é, ™ …) is replaced by 〓 (U+3013 GETA MARK, the customary sign
 * for a missing character in Japanese print) and counted, so the export can say how many there were.
 */
import iconv from "iconv-lite";

export const REPLACEMENT_CHARACTER = "〓";
export const SHIFT_JIS_CHARSET = "Shift_JIS";

const VARIANTS: Record<string, string> = {
  "\u301C": "\uFF5E",
  "\u2212": "\uFF0D",
  "\u2016": "\u2225",
  "\u2014": "\u2015",
  "\u00A2": "\uFFE0",
  "\u00A3": "\uFFE1",
  "\u00AC": "\uFFE2",
  "\u00A5": "\uFFE5",
  "\u203E": "\uFFE3",
  "\u00A0": " ",
};

const mappable = new Map<number, boolean>();

/** Whether CP932 has the character (one code point). */
export function isShiftJisMappable(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return true;
  let known = mappable.get(code);
  if (known === undefined) {
    // iconv-lite writes "?" for a character it cannot encode; "?" itself is ASCII (handled above).
    // ¥ and ‾ encode to ASCII bytes that read back as \ and ~: a round trip tells them apart.
    known = iconv.decode(iconv.encode(char, "shift_jis"), "shift_jis") === char;
    mappable.set(code, known);
  }
  return known;
}

/** The text as CP932 can hold it: variants mapped, other unmappable characters replaced by 〓. */
export function toShiftJisText(text: string): { text: string; replaced: number } {
  let out = "";
  let replaced = 0;
  let plainFrom = 0;
  let index = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 0x80) {
      const variant = VARIANTS[char];
      const keep = variant === undefined && isShiftJisMappable(char);
      if (!keep) {
        out += text.slice(plainFrom, index) + (variant ?? REPLACEMENT_CHARACTER);
        if (variant === undefined) replaced++;
        plainFrom = index + char.length;
      }
    }
    index += char.length;
  }
  return { text: plainFrom === 0 ? text : out + text.slice(plainFrom), replaced };
}

/** Encodes chunks of CSV text to Shift_JIS (CP932), counting the characters replaced by 〓. */
export class ShiftJisEncoder {
  #replaced = 0;

  encode(chunk: string): Buffer {
    const { text, replaced } = toShiftJisText(chunk);
    this.#replaced += replaced;
    return iconv.encode(text, "shift_jis");
  }

  /** Characters replaced by 〓 so far. */
  get replaced(): number {
    return this.#replaced;
  }
}
