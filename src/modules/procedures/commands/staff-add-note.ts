/**
 * Adds an internal note to a case: staff only, never shown to the applicant. Like every change
 * of a case it moves the revision on, so that someone writing a note on a page that is out of
 * date is told what changed first (their text is kept).
 */
import type { Db } from "../../../core/db/database.ts";
import { recordEvent } from "../history.ts";
import { auditCase, openCase, ruleError, saveCase, type StaffCaseCommandOptions } from "./staff-case-support.ts";

export const NOTE_MAX_LENGTH = 4000;

export type StaffAddNoteOptions = StaffCaseCommandOptions & {
  /** The note, as typed (surrounding white space is removed). */
  note: string;
};

/**
 * Returns the case's new revision. Throws 'staff.note_required' / 'staff.note_too_long'
 * (field "note"); see staff-case-support.ts for the rest.
 */
export async function staffAddNote(options: StaffAddNoteOptions): Promise<{ revision: number }> {
  const note = options.note.trim();
  return options.db.transaction(async (tx: Db) => {
    const theCase = await openCase(tx, options);
    if (!note) throw ruleError("note_required", "note");
    if ([...note].length > NOTE_MAX_LENGTH) throw ruleError("note_too_long", "note", { max: NOTE_MAX_LENGTH });
    const revision = await saveCase(tx, theCase, {});
    await recordEvent(tx, { applicationId: theCase.id, actorId: options.actor.id, type: "note", message: note, internal: true });
    // The note itself may speak of the applicant: the audit record only says that one was added.
    await auditCase(tx, options.actor, theCase, "application.note_added", { revision });
    return { revision };
  });
}
