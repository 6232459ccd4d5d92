/**
 * 手続き判定's one use case for residents and the JSON API: the published definition of a life
 * event + answers → the checklist. Nothing is stored.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { loadCatalogue } from "../catalogue.ts";
import { computeChecklist, type Checklist } from "../checklist.ts";
import type { NavigatorDefinition } from "../definition.ts";
import { firstUnanswered, readAnswers, type AnswerProblem } from "../journey.ts";
import { publishedDefinition } from "../published.ts";

export type ComputeResultOptions = {
  db: Db;
  /** Life event code from the URL. */
  event: string;
  /** Answers as given (URL query or JSON body); values that do not fit are reported and ignored. */
  input: Record<string, unknown>;
  /** Today in Japan, ISO (default: the clock). */
  today?: string;
  /** Report keys that are no question's (the JSON API does; the URL has other keys). */
  reportUnknown?: boolean;
};

export type ComputedResult = {
  definition: NavigatorDefinition;
  version: number;
  checklist: Checklist;
  problems: AnswerProblem[];
  /** The first required question still unanswered, or null when the list is complete. */
  nextQuestion: string | null;
};

/** Throws AppError('not_found', 'navigator.event_not_found') for an unknown or unpublished event. */
export async function computeResult(options: ComputeResultOptions): Promise<ComputedResult> {
  const row = await publishedDefinition(options.db, options.event);
  if (!row) throw new AppError("not_found", "navigator.event_not_found");
  const catalogue = await loadCatalogue(options.db);
  const { answers, problems } = readAnswers(row.definition, options.input, { reportUnknown: options.reportUnknown ?? false });
  const checklist = computeChecklist(row.definition, answers, { catalogue, today: options.today ?? todayInJapan() });
  return { definition: row.definition, version: row.version, checklist, problems, nextQuestion: firstUnanswered(row.definition, answers) };
}
