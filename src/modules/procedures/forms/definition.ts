/**
 * A form definition is data (see ARCHITECTURE.md "Forms are data"): a form has pages,
 * a page has questions, pages and questions may be shown only when a condition on
 * earlier answers holds. Definitions are stored as JSON with each procedure version.
 */
import type { LocalizedText } from "../../../core/i18n/index.ts";

export const QUESTION_TYPES = [
  "text", // one line of text
  "textarea", // several lines
  "name", // 氏名: family + given name
  "furigana", // フリガナ: family + given, katakana (hiragana accepted and converted)
  "date", // three boxes 年・月・日 with 西暦/和暦 era choice
  "address", // 郵便番号 + 住所 + 方書
  "phone",
  "email",
  "number",
  "single", // radio buttons
  "multiple", // checkboxes
  "select", // drop-down
  "group", // repeating group of sub-questions (e.g. each child)
  "file", // PDF/JPEG/PNG upload
  "declaration", // a statement the applicant must confirm
  "calculated", // a value computed from earlier answers (e.g. the fee); nothing to type
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export type Option = { value: string; label: LocalizedText };

/** Fields of the resident's profile a question may be prefilled from (start-draft.ts). */
export const PREFILL_FIELDS = ["name", "furigana", "birth_date", "address", "phone", "email"] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

/** Show a page or question only when this holds for the answers given so far. */
export type Condition =
  | { question: string; equals: string }
  | { question: string; notEquals: string }
  | { question: string; in: string[] }
  | { question: string; includes: string } // a multiple-choice answer contains the value
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] };

export type QuestionDef = {
  /** Stable id, unique in the form; letters, digits and underscore. */
  id: string;
  type: QuestionType;
  label: LocalizedText;
  hint?: LocalizedText;
  /** Defaults to true: residents answer everything unless told a question is optional. */
  required?: boolean;
  showIf?: Condition;
  /** single / multiple / select */
  options?: Option[];
  /** text / textarea */
  maxLength?: number;
  minLength?: number;
  /** text: a regular expression the whole (normalised) value must match, with a message. */
  pattern?: { regex: string; message: LocalizedText };
  /** number */
  min?: number;
  max?: number;
  /** date: inclusive bounds as ISO dates or "today" */
  minDate?: string;
  maxDate?: string;
  /** file: allowed kinds and size limit */
  accept?: Array<"pdf" | "jpeg" | "png">;
  maxBytes?: number;
  /** group: the sub-questions asked for each item, and how many items */
  fields?: QuestionDef[];
  minItems?: number;
  maxItems?: number;
  /** group: label of one item, e.g. 「お子さん」 → 「お子さん 1」 */
  itemLabel?: LocalizedText;
  /**
   * calculated: an arithmetic expression over answers of earlier pages (forms/expression.ts),
   * e.g. "copies * 300"; and how to show the result ("yen": 1,200円, default "number").
   */
  expression?: string;
  format?: "number" | "yen";
  /**
   * Suggest the answer from the signed-in resident's profile (top-level questions of the
   * matching type only: name, furigana, date ← birth_date, address, phone, email).
   */
  prefill?: PrefillField;
};

export type PageDef = {
  /** Stable id, unique in the form; used in URLs. */
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  showIf?: Condition;
  questions: QuestionDef[];
};

export type FormDefinition = {
  pages: PageDef[];
};

/** Answers of a whole application, keyed by question id. */
export type Answers = Record<string, AnswerValue>;

export type FileAnswer = { fileId: string; name: string; size: number; kind: "pdf" | "jpeg" | "png" };
export type DateAnswer = string; // ISO yyyy-mm-dd
export type NameAnswer = { family: string; given: string };
export type AddressAnswer = { postalCode: string; address: string; building?: string };
export type AnswerValue =
  | string
  | number
  | boolean
  | string[]
  | NameAnswer
  | AddressAnswer
  | FileAnswer
  | Array<Record<string, AnswerValue>>;
