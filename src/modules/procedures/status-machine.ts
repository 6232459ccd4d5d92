/**
 * The life of an application (申請): 受付 → 審査中 → 補正依頼 ⇄ 審査中 → 完了 / 却下,
 * and 取下げ by the resident while the case is open. Staff move cases only along these
 * edges; the resident's own moves (answering a correction, withdrawing) are separate.
 */
import type { ApplicationStatus } from "./tables.ts";

export const STATUSES: readonly ApplicationStatus[] = ["received", "reviewing", "correction_requested", "approved", "rejected", "withdrawn"];

export const FINAL_STATUSES: ReadonlySet<ApplicationStatus> = new Set(["approved", "rejected", "withdrawn"]);

/** Moves staff may make. correction_requested is entered via "request correction" (with flagged questions). */
const STAFF_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  received: ["reviewing", "correction_requested", "rejected"],
  reviewing: ["correction_requested", "approved", "rejected"],
  correction_requested: ["reviewing", "rejected"],
  approved: [],
  rejected: [],
  withdrawn: [],
};

export function staffCanMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return STAFF_TRANSITIONS[from].includes(to);
}

export function staffNextStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  return STAFF_TRANSITIONS[from];
}

/** The resident may withdraw (取下げ) any case that is not decided yet. */
export function residentCanWithdraw(status: ApplicationStatus): boolean {
  return !FINAL_STATUSES.has(status);
}

/** Answering a correction request sends the case back to review. */
export function residentCanCorrect(status: ApplicationStatus): boolean {
  return status === "correction_requested";
}
