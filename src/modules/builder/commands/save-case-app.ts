/**
 * Saves a procedure's case app (stages, moves, columns, filters, view, SLA, assignment rules) after
 * checking it as a whole against the procedure's current form and the department's staff: a
 * case app with an unreachable or dead-end stage, or any other problem, is refused with every
 * problem's JSON path and nothing is saved. Managers of the department only; audited.
 *
 * Changing stages while cases are open is safe: a case whose stored stage no longer exists (or
 * no longer has the case's status) is shown at the first stage of its status (config.ts).
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { findProcedureRecord, type QuestionDef } from "../../procedures/index.ts";
import { validateCaseApp, type CaseAppConfig } from "../case-app/config.ts";
import { authorOrNotFound, canConfigureCaseApp, isUuid } from "../policy.ts";
import { departmentStaff } from "../../identity/index.ts";
import { findDraft, saveCaseApp as saveCaseAppRow } from "../queries.ts";
import { auditBuilder, invalid, staleRevision } from "./support.ts";

export type SaveCaseAppOptions = {
  db: Db;
  actor: Actor;
  procedureId: string;
  config: CaseAppConfig;
  /** The case app's revision as shown (0 when the procedure has none yet). */
  revision: number;
  locale?: Locale;
};

/** The questions a case app may use: the top-level questions of the published form, else of the working copy. */
export async function caseAppQuestions(db: Db, procedureId: string): Promise<QuestionDef[]> {
  const record = await findProcedureRecord(db, procedureId);
  const definition = record?.definition ?? (await findDraft(db, procedureId))?.definition;
  return (definition?.pages ?? []).flatMap((p) => p.questions);
}

export async function saveCaseApp(options: SaveCaseAppOptions): Promise<{ revision: number }> {
  const { db, actor, procedureId } = options;
  if (!isUuid(procedureId)) throw new AppError("not_found", "builder.procedure_not_found");
  const record = authorOrNotFound(actor, await findProcedureRecord(db, procedureId), "builder.procedure_not_found");
  if (!canConfigureCaseApp(actor, record.departmentCode)) throw new AppError("forbidden", "builder.reviewer_only");
  const [questions, staff] = await Promise.all([caseAppQuestions(db, procedureId), departmentStaff(db, record.departmentCode)]);
  const problems = validateCaseApp(options.config, { questions, staffIds: new Set(staff.map((s) => s.id)) }, options.locale ?? "ja");
  if (problems.length > 0) throw invalid(problems);
  return db.transaction(async (tx) => {
    const revision = await saveCaseAppRow(tx, { procedureId, departmentCode: record.departmentCode, config: options.config, revision: options.revision, actorId: actor.id });
    if (revision === null) throw staleRevision();
    await auditBuilder(tx, actor, {
      action: "builder.case_app_saved",
      objectType: "case_app",
      objectId: procedureId,
      departmentCode: record.departmentCode,
      data: {
        revision,
        stages: options.config.stages.map((s) => `${s.id}:${s.base}`),
        transitions: options.config.transitions.length,
        view: options.config.view,
        slaDays: options.config.sla?.days ?? null,
        rules: options.config.assignment.length,
      },
    });
    return { revision };
  });
}
