/**
 * Reads a JSON Lines file of procedure documents and checks every line (JSON, the published
 * schema, the form engine's rules, one slug once per file). Pure: no database. Blank lines are
 * skipped; line numbers count every line, as an editor shows them.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import type { ProcedureDocument } from "./document.ts";
import { m } from "./messages.ts";
import { validateProcedureDocument } from "./validate-document.ts";

export type LineProblem = {
  /** 1-based line number in the file */
  line: number;
  /** JSON path in that line's document, e.g. $.form.pages[2].questions[0].type */
  path: string;
  code: string;
  message: string;
};

export type ReadLinesResult = {
  documents: Array<{ line: number; document: ProcedureDocument }>;
  problems: LineProblem[];
};

export function readProcedureLines(text: string, locale: Locale = "ja"): ReadLinesResult {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const documents: ReadLinesResult["documents"] = [];
  const problems: LineProblem[] = [];
  const slugLines = new Map<string, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const source = raw.replace(/\r$/, "");
    if (source.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      problems.push({ line, path: "$", code: "json.invalid", message: m(locale, "json.invalid", { reason: (error as Error).message }) });
      return;
    }
    const found = validateProcedureDocument(value, locale);
    if (found.length > 0) {
      problems.push(...found.map((problem) => ({ line, ...problem })));
      return;
    }
    const document = value as ProcedureDocument;
    const first = slugLines.get(document.slug);
    if (first !== undefined) {
      problems.push({ line, path: "$.slug", code: "json.duplicateSlug", message: m(locale, "json.duplicateSlug", { slug: document.slug, line: first }) });
      return;
    }
    slugLines.set(document.slug, line);
    documents.push({ line, document });
  });
  return { documents, problems };
}

/** `line 3: $.form.pages[2].questions[0].type: must be one of …` */
export function formatLineProblem(problem: LineProblem, locale: Locale = "ja"): string {
  return `${m(locale, "where.line", { line: problem.line })}: ${problem.path}: ${problem.message}`;
}
