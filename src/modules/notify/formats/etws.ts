/**
 * 緊急速報メール (ETWS / Cell Broadcast area mail: docomo エリアメール, au and SoftBank 緊急速報メール)
 * drafts, checked against the limits the carriers give municipalities for 災害・避難情報 sent to
 * all three carriers with one text (as we read the carriers' guides for local governments):
 *
 *  - title: at most 15 characters (全角15文字);
 *  - body: at most 200 characters (全角200文字); half-width letters and digits count as one
 *    character each here too (we count every character, which is never more lenient);
 *  - characters of JIS X 0208 only: no 機種依存文字 (①, Ⅰ, ㈱, ㍻ …), no half-width katakana, no emoji.
 *
 * A draft that breaks a limit is refused with a message saying exactly what to change. The city
 * sends the draft from the carriers' own console; Machi does not send area mail itself.
 */
export const AREA_MAIL_TITLE_MAX = 15;
export const AREA_MAIL_BODY_MAX = 200;

export type AreaMailProblem = {
  field: "title" | "body";
  code: "empty" | "too_long" | "half_width_kana" | "unsupported_character";
  /** In Japanese, for the operator. */
  message: string;
};

let jisX0208: Set<string> | undefined;

/** Every character of JIS X 0208 (rows 1–8 and 16–84 of Shift_JIS), built once from the decoder. */
function jisCharacters(): Set<string> {
  if (jisX0208) return jisX0208;
  const set = new Set<string>();
  const decoder = new TextDecoder("shift_jis", { fatal: true });
  const leads = [...range(0x81, 0x9f), ...range(0xe0, 0xea)];
  const trails = [...range(0x40, 0x7e), ...range(0x80, 0xfc)];
  for (const lead of leads) {
    for (const trail of trails) {
      const row = (lead <= 0x9f ? lead - 0x81 : lead - 0xc1) * 2 + 1 + (trail >= 0x9f ? 1 : 0);
      if (!((row >= 1 && row <= 8) || (row >= 16 && row <= 84))) continue;
      try {
        const ch = decoder.decode(Uint8Array.from([lead, trail]));
        if ([...ch].length === 1) set.add(ch);
      } catch {
        // an unassigned code point in the row
      }
    }
  }
  jisX0208 = set;
  return set;
}

function* range(from: number, to: number): Generator<number> {
  for (let i = from; i <= to; i++) yield i;
}

function isAllowed(ch: string): boolean {
  if (ch === "\n") return true;
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  return jisCharacters().has(ch);
}

function checkField(field: "title" | "body", label: string, text: string, max: number): AreaMailProblem[] {
  const problems: AreaMailProblem[] = [];
  const chars = [...text];
  if (chars.length === 0) return [{ field, code: "empty", message: `${label}を入力してください。` }];
  if (chars.length > max) {
    problems.push({ field, code: "too_long", message: `${label}は${max}文字以内にしてください（いま${chars.length}文字で、${chars.length - max}文字多すぎます）。` });
  }
  const halfKana = [...new Set(chars.filter((ch) => /[\uff61-\uff9f]/.test(ch)))];
  if (halfKana.length > 0) {
    problems.push({ field, code: "half_width_kana", message: `${label}に半角カタカナ「${halfKana.join("")}」があります。全角カタカナにしてください。` });
  }
  const unsupported = [...new Set(chars.filter((ch) => !/[\uff61-\uff9f]/.test(ch) && !isAllowed(ch)))];
  if (unsupported.length > 0) {
    problems.push({
      field,
      code: "unsupported_character",
      message: `${label}に携帯電話で表示できない文字（機種依存文字など）「${unsupported.join("」「")}」があります。ほかの文字に置き換えてください（例：①→（1））。`,
    });
  }
  return problems;
}

/** Every problem of a draft (empty when it may be sent). */
export function checkAreaMail(draft: { title: string; body: string }): AreaMailProblem[] {
  return [...checkField("title", "タイトル", draft.title, AREA_MAIL_TITLE_MAX), ...checkField("body", "本文", draft.body, AREA_MAIL_BODY_MAX)];
}
