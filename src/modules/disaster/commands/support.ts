/** Small helpers shared by the disaster commands: actor labels and the chronology writer. */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { insertChronology, type NewChronology } from "../queries.ts";

/** The audit label of a staff member ("staff:<e-mail>"), as the rest of Machi writes it. */
export function auditLabel(actor: Actor): string {
  return `${actor.kind}:${actor.email}`;
}

/** Who did it, as the chronology shows it (a person's name, or a system such as 気象庁). */
export function chronologyLabel(actor: Actor): string {
  return actor.displayName || actor.email;
}

/** Writes one chronology entry in the caller's transaction. */
export async function recordChronology(tx: Db, entry: NewChronology): Promise<void> {
  await insertChronology(tx, entry);
}
