/**
 * Moves a case to another stage of its procedure's case app (builder) without changing its
 * status: a step inside 審査中 such as 書類確認 → 現地調査. The route has checked the move against
 * the case app; this command checks again that the case is still at the status the stage
 * belongs to and at the revision the staff member saw. The step is an internal history entry
 * (the resident sees the status, which does not change) and an audit record.
 * Moves that change the status go through staffChangeStatus with its `stage` option.
 */
import type { Db } from "../../../core/db/database.ts";
import { recordEvent } from "../history.ts";
import type { ApplicationStatus } from "../tables.ts";
import { auditCase, openCase, ruleError, saveCase, type StaffCaseCommandOptions } from "./staff-case-support.ts";

export type StaffMoveStageOptions = StaffCaseCommandOptions & {
  /** The stage to move to. */
  stage: string;
  /** The status of that stage, which must be the case's status. */
  status: ApplicationStatus;
  /** The stage the case was at, as the page showed it (for the history). */
  fromStage: string | null;
};

export async function staffMoveStage(options: StaffMoveStageOptions): Promise<{ revision: number }> {
  return options.db.transaction(async (tx: Db) => {
    const theCase = await openCase(tx, options);
    if (theCase.status !== options.status) throw ruleError("transition_not_allowed", "stage", { from: theCase.status, to: options.status });
    const revision = await saveCase(tx, theCase, { stage: options.stage });
    await recordEvent(tx, {
      applicationId: theCase.id,
      actorId: options.actor.id,
      type: "stage_changed",
      fromStatus: theCase.status,
      toStatus: theCase.status,
      internal: true,
      data: { fromStage: options.fromStage, stage: options.stage },
    });
    await auditCase(tx, options.actor, theCase, "application.stage_changed", { from: options.fromStage, to: options.stage, status: theCase.status, revision });
    return { revision };
  });
}
