/**
 * Assigns a case to a member of staff of its department (the actor themselves or a colleague),
 * or removes the assignment. Internal: the applicant is not told.
 */
import type { Db } from "../../../core/db/database.ts";
import { recordEvent } from "../history.ts";
import { FINAL_STATUSES } from "../status-machine.ts";
import { canBeAssigned, isUuid } from "../staff/policy.ts";
import { staffDepartmentCodesOf } from "../staff/queries.ts";
import { auditCase, openCase, ruleError, saveCase, type StaffCaseCommandOptions } from "./staff-case-support.ts";

export type StaffAssignCaseOptions = StaffCaseCommandOptions & {
  /** A user id of staff holding a role in the case's department, or null to unassign. */
  assigneeId: string | null;
};

/**
 * Returns the case's new revision (unchanged when the case already had this assignee).
 * Throws 'staff.case_closed' for decided or withdrawn cases and 'staff.assignee_not_colleague'
 * (field "assignee") for anyone outside the department; see staff-case-support.ts for the rest.
 *
 * @example await staffAssignCase({ db, actor, applicationId, revision: 3, assigneeId: actor.id })
 */
export async function staffAssignCase(options: StaffAssignCaseOptions): Promise<{ revision: number }> {
  return options.db.transaction(async (tx: Db) => {
    const theCase = await openCase(tx, options);
    if (FINAL_STATUSES.has(theCase.status)) throw ruleError("case_closed", "assignee");
    const assigneeId = options.assigneeId;
    if (assigneeId !== null) {
      const departmentCodes = isUuid(assigneeId) ? await staffDepartmentCodesOf(tx, assigneeId) : [];
      if (!canBeAssigned({ departmentCodes }, theCase)) throw ruleError("assignee_not_colleague", "assignee");
    }
    if (assigneeId === theCase.assigneeId) return { revision: theCase.revision };
    const revision = await saveCase(tx, theCase, { assigneeId });
    await recordEvent(tx, {
      applicationId: theCase.id,
      actorId: options.actor.id,
      type: "assigned",
      internal: true,
      data: { assigneeId, previousAssigneeId: theCase.assigneeId },
    });
    await auditCase(tx, options.actor, theCase, "application.assigned", {
      assigneeId,
      previousAssigneeId: theCase.assigneeId,
      revision,
    });
    return { revision };
  });
}
