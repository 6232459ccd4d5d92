/**
 * Starts (or resumes) a resident's application of a procedure: the resident's unsubmitted draft
 * of this procedure if there is one, else a new draft pinned to the procedure's current form
 * version. A double-clicked start button creates one draft (the start is serialised per
 * resident and procedure).
 *
 * Prefill rule: a new draft suggests answers from the resident's profile for questions that ask
 * for the applicant's own details. A question qualifies when it is a top-level question (never
 * inside a repeating group) whose id is `<field>` or `<role>_<field>` where
 *   role  ∈ applicant, requester, guardian, claimant   (the person filling in the form)
 *   field ∈ name, furigana, birth_date, address, phone, email
 * and whose type fits the field (name → name, furigana → furigana, birth_date → date,
 * address → address, phone → phone, email → email). Questions about someone else
 * (subject_*, insured_*, child_*, agent_*) are never prefilled.
 * A question built in the builder may say so explicitly instead: `prefill: "address"` (any id).
 * The demo forms: 住民票 requester_*, 介護認定 applicant_* (family member), こども医療費 guardian_*,
 * 児童手当 claimant_*, 妊娠届 name/furigana/birth_date/phone.
 *
 * Suggestions are kept in drafts.pending.prefill and shown in empty fields; they become answers
 * only when the resident continues from the page (so nothing is submitted unseen).
 */
import { readNavigatorPrefill } from "../../navigator/prefill.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { normalizePostalCode } from "../../../core/text/japanese.ts";
import type { AddressAnswer, AnswerValue, Answers, FormDefinition, QuestionDef, QuestionType } from "../forms/definition.ts";
import { getResidentProfile, type ResidentProfile } from "../../identity/index.ts";
import { findOpenDraft, findVersionDefinition, insertDraft, lockDraftStart, type ProcedureRow } from "../queries.ts";

export type StartDraftOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The signed-in resident. */
  actor: Actor;
  /** The procedure, as loaded by the route (published). */
  procedure: Pick<ProcedureRow, "id" | "channel" | "currentVersionId">;
  /** `prefill.<questionId>` fields carried from the navigator's link (validated against the form). */
  suggested?: Record<string, unknown>;
};

export type StartDraftResult = { draftId: string; created: boolean };

/** The roles whose details are the applicant's own. */
export const APPLICANT_ROLES = ["applicant", "requester", "guardian", "claimant"] as const;

const PREFILL_FIELDS: Record<string, QuestionType> = {
  name: "name",
  furigana: "furigana",
  birth_date: "date",
  address: "address",
  phone: "phone",
  email: "email",
};

/** The profile field a question asks for under the prefill rule (or its explicit `prefill`), or null. */
export function applicantField(q: Pick<QuestionDef, "id" | "type" | "prefill">): string | null {
  if (q.prefill) return PREFILL_FIELDS[q.prefill] === q.type ? q.prefill : null;
  for (const [field, type] of Object.entries(PREFILL_FIELDS)) {
    if (q.type !== type) continue;
    if (q.id === field || APPLICANT_ROLES.some((role) => q.id === `${role}_${field}`)) return field;
  }
  return null;
}

function profileValue(field: string, profile: ResidentProfile): AnswerValue | undefined {
  switch (field) {
    case "name":
      return profile.name.family || profile.name.given ? { ...profile.name } : undefined;
    case "furigana":
      return profile.furigana.family || profile.furigana.given ? { ...profile.furigana } : undefined;
    case "birth_date":
      return profile.birthDate ?? undefined;
    case "address": {
      if (!profile.address && !profile.postalCode) return undefined;
      const address: AddressAnswer = { postalCode: normalizePostalCode(profile.postalCode ?? "") ?? "", address: profile.address ?? "" };
      return address;
    }
    case "phone":
      return profile.phone ?? undefined;
    case "email":
      return profile.email || undefined;
    default:
      return undefined;
  }
}

/** Suggested answers for a form from a resident's profile (see the prefill rule above). */
export function prefillFromProfile(definition: FormDefinition, profile: ResidentProfile): Answers {
  const out: Answers = {};
  for (const page of definition.pages) {
    for (const q of page.questions) {
      const field = applicantField(q);
      if (!field) continue;
      const value = profileValue(field, profile);
      if (value !== undefined) out[q.id] = value;
    }
  }
  return out;
}

export async function startDraft(options: StartDraftOptions): Promise<StartDraftResult> {
  const { db, actor, procedure } = options;
  if (actor.kind !== "resident") throw new AppError("forbidden", "procedures.resident_only");
  if (procedure.channel === "counter" || !procedure.currentVersionId) throw new AppError("not_found", "procedure.not_online");
  const versionId = procedure.currentVersionId;
  return db.transaction(async (tx) => {
    await lockDraftStart(tx, actor.id, procedure.id);
    const open = await findOpenDraft(tx, actor.id, procedure.id);
    if (open) return { draftId: open.id, created: false };
    const definition = await findVersionDefinition(tx, versionId);
    if (!definition) throw new AppError("not_found", "procedure.no_version");
    const profile = await getResidentProfile(tx, actor.id);
    // Suggestions from the navigator's result page (手続き判定) add to those from the profile.
    const prefill = { ...prefillFromProfile(definition, profile), ...(options.suggested ? readNavigatorPrefill(options.suggested, definition) : {}) };
    const draftId = await insertDraft(tx, { userId: actor.id, procedureVersionId: versionId, pending: { prefill } });
    return { draftId, created: true };
  });
}
