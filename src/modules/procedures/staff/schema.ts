/**
 * Input of the staff pages: the inbox's query string and the case page's four forms.
 * Form problems are reported per field, all at once, as i18n keys of the 'staff' namespace
 * (`errors.<key>`) with their parameters; commands check the same rules again.
 */
import { z } from "zod";
import { normalizeWidth } from "../../../core/text/japanese.ts";
import { NOTE_MAX_LENGTH } from "../commands/staff-add-note.ts";
import { REASON_MAX_LENGTH } from "../commands/staff-change-status.ts";
import { CORRECTION_MESSAGE_MAX_LENGTH } from "../commands/staff-request-correction.ts";
import { STATUSES } from "../status-machine.ts";
import type { ApplicationStatus } from "../tables.ts";
import { isUuid } from "./policy.ts";

export type FieldProblem = { field: string; key: string; params?: Record<string, string | number> };
export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[]; revision: number | null };

/** Form bodies and query strings hold strings (or arrays when a name repeats): take the first. */
const firstText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));
/** Every value of a repeated field (check boxes). */
const allTexts = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()).catch([]));

const status = firstText.transform((value): ApplicationStatus | undefined =>
  (STATUSES as readonly string[]).includes(value) ? (value as ApplicationStatus) : undefined,
);

/** The inbox's filters; anything unusable is ignored rather than refused (it is a GET). */
export const InboxQuery = z.object({
  department: firstText.transform((value) => value.trim() || undefined),
  status,
  procedure: firstText.transform((value) => (isUuid(value) ? value : undefined)),
  assignee: firstText.transform((value) => (value === "me" || value === "none" || isUuid(value) ? value : undefined)),
  q: firstText.transform((value) => normalizeWidth(value).trim().slice(0, 100) || undefined),
  page: firstText.transform((value) => {
    const page = Number.parseInt(normalizeWidth(value), 10);
    return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 100_000) : 1;
  }),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export function parseInboxQuery(query: unknown): InboxQuery {
  return InboxQuery.parse(query ?? {});
}

/** The hidden revision every case form carries. */
function readRevision(body: Record<string, unknown>): number | null {
  const raw = firstText.parse(body.revision);
  const revision = Number(raw);
  return raw !== "" && Number.isSafeInteger(revision) && revision >= 1 ? revision : null;
}

function textLength(text: string): number {
  return [...text].length;
}

function result<T>(body: Record<string, unknown>, problems: FieldProblem[], data: T): ParseResult<T & { revision: number }> {
  const revision = readRevision(body);
  // A form without a usable revision was not sent from our page: treat it as out of date.
  if (problems.length > 0 || revision === null) return { ok: false, problems, revision };
  return { ok: true, data: { ...data, revision } };
}

function asBody(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

export type AssignInput = { assignee: string | null; revision: number };

/** assignee: "me", "none" or a colleague's id ("me" is resolved by the route). */
export function parseAssignForm(input: unknown, actorId: string): ParseResult<AssignInput> {
  const body = asBody(input);
  const value = firstText.parse(body.assignee);
  const assignee = value === "me" ? actorId : value === "none" || value === "" ? null : value;
  return result(body, [], { assignee });
}

export type StatusInput = { to: ApplicationStatus; reason: string; revision: number };

export function parseStatusForm(input: unknown): ParseResult<StatusInput> {
  const body = asBody(input);
  const to = status.parse(body.to);
  const reason = firstText.parse(body.reason).trim();
  const problems: FieldProblem[] = [];
  if (!to) problems.push({ field: "to", key: "status_required" });
  // Moving back also needs a reason; that depends on the case's status, so the command checks it.
  if (to === "rejected" && !reason) problems.push({ field: "reason", key: "reason_required" });
  if (textLength(reason) > REASON_MAX_LENGTH) problems.push({ field: "reason", key: "reason_too_long", params: { max: REASON_MAX_LENGTH } });
  return result(body, problems, { to: to ?? "reviewing", reason });
}

export type CorrectionInput = { questions: string[]; message: string; revision: number };

export function parseCorrectionForm(input: unknown): ParseResult<CorrectionInput> {
  const body = asBody(input);
  const questions = [...new Set(allTexts.parse(body.questions))];
  const message = firstText.parse(body.message).trim();
  const problems: FieldProblem[] = [];
  if (questions.length === 0) problems.push({ field: "questions", key: "questions_required" });
  if (!message) problems.push({ field: "message", key: "message_required" });
  else if (textLength(message) > CORRECTION_MESSAGE_MAX_LENGTH) {
    problems.push({ field: "message", key: "message_too_long", params: { max: CORRECTION_MESSAGE_MAX_LENGTH } });
  }
  return result(body, problems, { questions, message });
}

export type NoteInput = { note: string; revision: number };

export function parseNoteForm(input: unknown): ParseResult<NoteInput> {
  const body = asBody(input);
  const note = firstText.parse(body.note).trim();
  const problems: FieldProblem[] = [];
  if (!note) problems.push({ field: "note", key: "note_required" });
  else if (textLength(note) > NOTE_MAX_LENGTH) problems.push({ field: "note", key: "note_too_long", params: { max: NOTE_MAX_LENGTH } });
  return result(body, problems, { note });
}
