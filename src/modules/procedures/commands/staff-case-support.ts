/**
 * What every staff command on a case shares, so that each command file holds only its own rule:
 * open the case (lock, authorise again, check the revision the staff member saw), save the change
 * only at that revision, write the audit record, and tell the applicant by e-mail (outbox).
 *
 * Errors: AppError('not_found', 'application.not_found') for an unknown case or one of another
 * department (the same answer, so guessing ids tells nothing); AppError('conflict',
 * 'staff.stale_revision') when another member of staff changed the case first; rule violations
 * are AppError('invalid_input', 'staff.<rule>', { field, …params }) for the case page's form.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { localize, t, type Locale } from "../../../core/i18n/index.ts";
import { enqueueMail } from "../../../core/mail/queue.ts";
import type { FormDefinition, QuestionDef } from "../forms/definition.ts";
import { caseOrNotFound, isUuid } from "../staff/policy.ts";
import { applicantContact, lockCase, updateCaseAtRevision, type CaseChanges, type LockedCase } from "../staff/queries.ts";
import { enqueueDocumentIssue } from "../../documents/index.ts";
import { cancelPaymentForApplication, requestPaymentAfterApproval } from "../../payments/index.ts";
import type { ApplicationStatus } from "../tables.ts";
import "../staff/messages.ts";

/** Options every staff command on one case takes. */
export type StaffCaseCommandOptions = {
  /** The database (the command opens its own transaction) or the caller's transaction. */
  db: Db;
  /** The signed-in staff member; checked again against the case's department. */
  actor: Actor;
  applicationId: string;
  /** The case's revision when the staff member loaded the page (hidden field of every form). */
  revision: number;
};

/** The audit actor label of a staff member: their user id, never their name or e-mail. */
export function staffActorLabel(actor: Actor): string {
  return `staff:${actor.id}`;
}

/** A rule the input breaks, reported on a field of the case page's form. */
export function ruleError(reason: string, field: string, params: Record<string, string | number> = {}): AppError {
  return new AppError("invalid_input", `staff.${reason}`, { field, ...params });
}

export function staleRevision(): AppError {
  return new AppError("conflict", "staff.stale_revision");
}

/**
 * Locks the case, checks that the staff member handles its department and that it is still at
 * the revision they saw. Call inside the command's transaction.
 */
export async function openCase(tx: Db, options: StaffCaseCommandOptions): Promise<LockedCase> {
  if (!isUuid(options.applicationId)) throw new AppError("not_found", "application.not_found");
  const theCase = caseOrNotFound(options.actor, await lockCase(tx, options.applicationId));
  if (theCase.revision !== options.revision) throw staleRevision();
  return theCase;
}

/** Saves the changes at the revision the staff member saw; returns the new revision. */
export async function saveCase(tx: Db, theCase: LockedCase, changes: CaseChanges): Promise<number> {
  const revision = await updateCaseAtRevision(tx, theCase.id, theCase.revision, changes);
  // The row is locked, so this only happens if a caller skipped openCase; refuse all the same.
  if (revision === null) throw staleRevision();
  return revision;
}

/** Appends the audit record of a staff action on a case (facts only, no personal data). */
export async function auditCase(tx: Db, actor: Actor, theCase: LockedCase, action: string, data: Record<string, unknown>): Promise<void> {
  await appendAudit(tx, {
    actorId: actor.id,
    actorLabel: staffActorLabel(actor),
    action,
    objectType: "application",
    objectId: theCase.id,
    departmentCode: theCase.departmentCode,
    data,
  });
}

/** The top-level questions of a form, in order (correction requests flag these). */
export function topLevelQuestions(definition: FormDefinition): QuestionDef[] {
  return definition.pages.flatMap((page) => page.questions);
}

/** The labels of questions by id, in the reader's language, in the form's order. */
export function questionLabels(definition: FormDefinition, ids: readonly string[], locale: Locale): string[] {
  return topLevelQuestions(definition)
    .filter((q) => ids.includes(q.id))
    .map((q) => localize(q.label, locale));
}

export type ApplicantMail = {
  /** Builds the subject and the paragraphs of the message in the applicant's language. */
  compose: (locale: Locale, vars: { reference: string; procedure: string }) => { subject: string; paragraphs: string[] };
  /** One e-mail per change, e.g. `status:<applicationId>:<revision>`. */
  idempotencyKey: string;
  /** The site's public address, e.g. https://machi.example.jp (config.baseUrl). */
  baseUrl: string;
};

/** Queues an e-mail to the applicant in the command's transaction, in their language. */
export async function mailApplicant(tx: Db, theCase: LockedCase, mail: ApplicantMail): Promise<void> {
  const contact = await applicantContact(tx, theCase.userId);
  if (!contact) return;
  const locale: Locale = contact.locale === "en" ? "en" : "ja";
  const vars = { reference: theCase.reference, procedure: localize(theCase.procedureTitle, locale) };
  const { subject, paragraphs } = mail.compose(locale, vars);
  const url = `${mail.baseUrl}/my/applications/${theCase.id}`;
  const text = [...paragraphs, t(locale, "staff.mail.link", { url }), t(locale, "staff.mail.footer")].join("\n\n");
  await enqueueMail(tx, { to: contact.email, subject, text }, mail.idempotencyKey);
}

/**
 * What follows a status change, whoever made it (staff or a back-office system): the e-mail to
 * the resident, and on approval the official document and a fee due after approval; a rejected
 * case owes nothing. Runs in the caller's transaction.
 */
export async function afterStatusChange(
  tx: Db,
  theCase: LockedCase,
  change: { to: ApplicationStatus; reason: string; revision: number; baseUrl: string; actorId: string | null },
): Promise<void> {
  const { to, reason } = change;
  await mailApplicant(tx, theCase, {
    baseUrl: change.baseUrl,
    idempotencyKey: `status:${theCase.id}:${change.revision}`,
    compose: (locale, vars) => {
      const status = t(locale, `staff.status.${to}`);
      const lead =
        to === "approved"
          ? t(locale, "staff.mail.approvedBody", vars)
          : to === "rejected"
            ? t(locale, "staff.mail.rejectedBody", vars)
            : t(locale, "staff.mail.statusBody", { ...vars, status });
      return {
        subject: t(locale, "staff.mail.statusSubject", vars),
        paragraphs: [lead, ...(reason ? [t(locale, "staff.mail.reason", { reason })] : [])],
      };
    },
  });
  // The documents module issues e.g. a sealed 住民票の写し in the background, once, and ignores procedures without one.
  if (to === "approved") await enqueueDocumentIssue(tx, { applicationId: theCase.id });
  if (to === "approved") await requestPaymentAfterApproval(tx, { applicationId: theCase.id, baseUrl: change.baseUrl });
  if (to === "rejected") await cancelPaymentForApplication(tx, { applicationId: theCase.id, actorId: change.actorId });
}
