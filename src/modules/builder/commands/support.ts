/**
 * What the builder's commands share: refusing input with every problem (JSON path, code,
 * message), opening a working copy for a change (lock, authorise again, check the revision the
 * staff member saw), the checks a definition must pass before it is saved, and the audit record.
 *
 * Errors: AppError('not_found', 'builder.procedure_not_found') for an unknown procedure or one of
 * another department (the same answer); AppError('conflict', 'builder.stale_revision') when someone
 * saved first; AppError('invalid_input', 'builder.invalid', { problems }) when the result would not
 * validate — nothing is saved then.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { t, type Locale } from "../../../core/i18n/index.ts";
import { validateDefinition, type FormDefinition } from "../../procedures/index.ts";
import type { Problem } from "../definition/metadata.ts";
import { authorOrNotFound, isUuid } from "../policy.ts";
import { lockDraft, type DraftRow } from "../queries.ts";
import "../messages.ts";

/** Limits of one form: generous for real procedures, small enough for a page to render fast. */
export const MAX_PAGES = 100;
export const MAX_QUESTIONS = 500;
export const MAX_DEFINITION_BYTES = 512 * 1024;

/** The audit actor label: the user id, never a name or e-mail. */
export function actorLabel(actor: Actor | null): string {
  return actor ? `staff:${actor.id}` : "system:builder";
}

export function invalid(problems: Problem[]): AppError {
  return new AppError("invalid_input", "builder.invalid", { problems });
}

/** The problems of a refused command, or null when the error is something else. */
export function problemsOf(error: unknown): Problem[] | null {
  if (!isAppError(error) || error.code !== "invalid_input") return null;
  const problems = error.details?.problems;
  return Array.isArray(problems) ? (problems as Problem[]) : null;
}

export function staleRevision(): AppError {
  return new AppError("conflict", "builder.stale_revision");
}

/** Every check a definition must pass to be saved: the engine's, and the builder's size limits. */
export function checkDefinition(definition: FormDefinition, locale: Locale): Problem[] {
  const problems: Problem[] = validateDefinition(definition, locale);
  if (Array.isArray(definition?.pages)) {
    if (definition.pages.length > MAX_PAGES) problems.push({ path: "$.pages", code: "too_many_pages", message: t(locale, "builder.def.too_many_pages", { max: MAX_PAGES }) });
    const questions = definition.pages.reduce((n, p) => n + (Array.isArray(p?.questions) ? p.questions.length : 0), 0);
    if (questions > MAX_QUESTIONS) problems.push({ path: "$.pages", code: "too_many_questions", message: t(locale, "builder.def.too_many_questions", { max: MAX_QUESTIONS }) });
  }
  if (JSON.stringify(definition ?? null).length > MAX_DEFINITION_BYTES) {
    problems.push({ path: "$", code: "too_large", message: t(locale, "builder.def.too_large") });
  }
  return problems;
}

export type DraftCommandOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The signed-in staff member; checked again against the procedure's department. */
  actor: Actor;
  procedureId: string;
  /** The working copy's revision when the staff member loaded the screen (hidden field). */
  revision: number;
  /** Language of the problems reported. */
  locale?: Locale;
};

/** Locks the working copy, checks the author may change it and that it is still at `revision`. */
export async function openDraft(tx: Db, options: DraftCommandOptions): Promise<DraftRow> {
  if (!isUuid(options.procedureId)) throw new AppError("not_found", "builder.procedure_not_found");
  const draft = authorOrNotFound(options.actor, await lockDraft(tx, options.procedureId), "builder.procedure_not_found");
  if (draft.revision !== options.revision) throw staleRevision();
  return draft;
}

/** Appends the audit record of a builder action (facts only). */
export async function auditBuilder(
  tx: Db,
  actor: Actor | null,
  entry: { action: string; objectType: "procedure" | "case_app" | "page"; objectId: string; departmentCode: string; data?: Record<string, unknown> },
): Promise<void> {
  await appendAudit(tx, {
    actorId: actor?.id ?? null,
    actorLabel: actorLabel(actor),
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    departmentCode: entry.departmentCode,
    data: entry.data ?? {},
  });
}

/**
 * The changes that send a working copy back to editing: any edit withdraws it from review and
 * cancels a scheduled publication (what was approved is not what would be published any more).
 */
export function backToEditing(draft: DraftRow): { state: "editing"; submittedBy?: null; submittedAt?: null; approvedBy?: null; publishAt?: null } {
  if (draft.state === "editing") return { state: "editing" };
  return { state: "editing", submittedBy: null, submittedAt: null, approvedBy: null, publishAt: null };
}
