/**
 * Submits a draft as an application (申請), exactly once.
 *
 * In one transaction: the draft row is locked (FOR UPDATE, or by the conditional UPDATE that
 * marks a draft submitted as the caller read it), so a double-clicked or retried submit waits for
 * the first and then finds the draft submitted and answers with the same application. Otherwise
 * every visible required question must be answered (else the first incomplete page is
 * returned), the application is created with its 受付番号 (`YYYYMMDD-` in Japan time + 6 digits
 * of application_reference_seq), status 受付 (received) and the answers that still count
 * (pruneAnswers); the history gets 'submitted'; the receipt e-mail is queued in the outbox (idempotency key `receipt:<applicationId>`); the draft is
 * marked submitted. The caller replies only after this commits, so an application acknowledged
 * to the resident survives a crash right after the reply.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { localize, t, type Locale } from "../../../core/i18n/index.ts";
import { enqueueMail } from "../../../core/mail/queue.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { departmentsByCode, getResidentProfile, type Department } from "../../identity/index.ts";
import {
  firstIncompletePageId,
  mergePageAnswers,
  pruneAnswers,
  type Answers,
  type FormDefinition,
  type NameAnswer,
} from "../forms/index.ts";
import { announceEvent } from "../history.ts";
import { caseAssigneeFor } from "../../builder/index.ts";
import { assignByCaseApp } from "../staff/case-app.ts";
import { ownedOrNotFound } from "../policy.ts";
import {
  findApplicationIdByDraft,
  insertSubmittedApplication,
  lockDraftForUser,
  markDraftSubmitted,
  markDraftSubmittedIfUnchanged,
  updateDraft,
  type DraftView,
} from "../queries.ts";
import { formatDateTime } from "../views/format.ts";
import { applicantField } from "./start-draft.ts";
import "../messages.ts";

export type SubmitApplicationOptions = {
  /** The database (the command opens its own transaction). */
  db: Db;
  /** The signed-in resident; the draft must be theirs. */
  actor: Actor;
  draftId: string;
  /**
   * The draft as the caller just read it (unlocked, e.g. to check the assurance gate against its
   * answers): submitted as read when still unchanged, without reading it again under a lock.
   */
  draft?: DraftView;
  /** Answers of the form's closing declaration page, confirmed on check your answers. */
  declaration?: { pageId: string; answers: Partial<Answers> };
  /** Language of the receipt e-mail (the resident's current language). */
  locale: Locale;
  /** Public base URL, for the link in the e-mail. */
  baseUrl: string;
  /**
   * Runs inside the submit transaction once the application exists (e.g. recording its electronic
   * signature); throwing rolls the whole submission back.
   */
  afterCreate?: (tx: Db, applicationId: string) => Promise<void>;
};

export type SubmitApplicationResult =
  | { status: "submitted"; applicationId: string; reference?: string; created: boolean }
  | { status: "incomplete"; pageId: string };

/** The applicant's name from the answers (applicant's own name question), else "". */
export function applicantNameFrom(definition: FormDefinition, answers: Answers): string {
  for (const page of definition.pages) {
    for (const q of page.questions) {
      if (applicantField(q) !== "name") continue;
      const value = answers[q.id] as NameAnswer | undefined;
      if (value && typeof value === "object" && "family" in value) return `${value.family} ${value.given}`.trim();
    }
  }
  return "";
}

export async function submitApplication(options: SubmitApplicationOptions): Promise<SubmitApplicationResult> {
  const { db, actor, draftId } = options;
  if (actor.kind !== "resident") throw new AppError("forbidden", "procedures.resident_only");
  const departments = await departmentsByCode(db);
  return db.transaction(async (tx): Promise<SubmitApplicationResult> => {
    const read = options.draft;
    const asRead = read && read.id === draftId && read.userId === actor.id && !read.submittedAt ? await submitAsRead(tx, options, read, departments) : null;
    if (asRead) return asRead;

    const draft = ownedOrNotFound(actor, await lockDraftForUser(tx, draftId, actor.id), "draft.not_found");
    if (draft.submittedAt) {
      const applicationId = draft.applicationId ?? (await findApplicationIdByDraft(tx, draftId));
      if (!applicationId) throw new AppError("conflict", "draft.submitted_without_application");
      return { status: "submitted", applicationId, created: false };
    }

    const answers = withDeclaration(options, draft);
    const incomplete = firstIncompletePageId(draft.definition, answers);
    if (incomplete) {
      if (answers !== draft.answers) await updateDraft(tx, draftId, { answers, pending: draft.pending, currentPage: incomplete });
      return { status: "incomplete", pageId: incomplete };
    }
    const created = await createApplication(tx, options, draft, answers, departments);
    await markDraftSubmitted(tx, draftId, answers);
    return created;
  });
}

/** The draft's answers with the closing declaration confirmed on check your answers. */
function withDeclaration(options: SubmitApplicationOptions, draft: DraftView): Answers {
  const { declaration } = options;
  if (declaration && draft.definition.pages.some((p) => p.id === declaration.pageId)) {
    return mergePageAnswers(draft.definition, declaration.pageId, draft.answers, declaration.answers);
  }
  return draft.answers;
}

/**
 * The submission of a draft exactly as the caller read it, without locking and reading it again:
 * one conditional UPDATE marks it submitted only if it is still unsubmitted and unchanged since
 * that read (every write of a draft sets updated_at), which also locks its row for the rest of the
 * transaction — a second submit then waits, finds it submitted and takes the locking path. Null
 * (nothing written) when the draft is incomplete, changed or already submitted: the caller then
 * goes the locking way, which answers every one of those cases.
 */
async function submitAsRead(
  tx: Db,
  options: SubmitApplicationOptions,
  draft: DraftView,
  departments: ReadonlyMap<string, Department>,
): Promise<SubmitApplicationResult | null> {
  const answers = withDeclaration(options, draft);
  if (firstIncompletePageId(draft.definition, answers)) return null;
  if (!(await markDraftSubmittedIfUnchanged(tx, { draftId: options.draftId, userId: options.actor.id, updatedAt: draft.updatedAt, answers }))) return null;
  return createApplication(tx, options, draft, answers, departments);
}

/** The application of a complete draft, its history, case assignment and receipt e-mail (the draft row is locked). */
async function createApplication(
  tx: Db,
  options: SubmitApplicationOptions,
  draft: DraftView,
  answers: Answers,
  departments: ReadonlyMap<string, Department>,
): Promise<SubmitApplicationResult> {
  const { actor, draftId } = options;
  const definition = draft.definition;
  const kept = pruneAnswers(definition, answers);
  // The session's read of the account is as current as a read here (same request, same row).
  const profile = actor.name ? { name: actor.name, email: actor.email } : await getResidentProfile(tx, actor.id);
  const accountName = `${profile.name.family} ${profile.name.given}`.trim();
  const applicantName = applicantNameFrom(definition, kept) || accountName;
  const application = await insertSubmittedApplication(tx, {
    referenceDate: todayInJapan(),
    draftId,
    userId: actor.id,
    procedureId: draft.procedureId,
    procedureVersionId: draft.procedureVersionId,
    departmentCode: draft.departmentCode,
    applicantName,
    answers: kept,
  });
  // The history entry was written with the application; integrations hear of it as of any other.
  await announceEvent(tx, { applicationId: application.id, actorId: actor.id, type: "submitted", fromStatus: null, toStatus: "received" });
  // The procedure's case app (builder) may assign new applications by rule.
  await assignByCaseApp(tx, { id: application.id, assignee: await caseAssigneeFor(tx, draft.procedureId, kept) });
  if (options.afterCreate) await options.afterCreate(tx, application.id);

  const department = departments.get(draft.departmentCode);
  const departmentName = department ? (options.locale === "ja" ? department.nameJa : department.nameEn) : draft.departmentCode;
  await enqueueMail(
    tx,
    receiptMail({
      locale: options.locale,
      to: profile.email || actor.email,
      name: accountName || applicantName,
      reference: application.reference,
      draft,
      departmentName,
      submittedAt: application.submittedAt,
      link: `${options.baseUrl}/my/applications/${application.id}`,
    }),
    `receipt:${application.id}`,
  );
  return { status: "submitted", applicationId: application.id, reference: application.reference, created: true };
}

function receiptMail(input: {
  locale: Locale;
  to: string;
  name: string;
  reference: string;
  draft: DraftView;
  departmentName: string;
  submittedAt: Date;
  link: string;
}): { to: string; subject: string; text: string } {
  const { locale } = input;
  const m = (key: string, params?: Record<string, string>) => t(locale, `procedures.mail.receipt.${key}`, params);
  const procedure = localize(input.draft.procedureTitle, locale);
  const text = [
    m("greeting", { name: input.name }),
    "",
    m("intro"),
    "",
    m("reference", { reference: input.reference }),
    m("procedure", { procedure }),
    m("submittedAt", { at: formatDateTime(input.submittedAt, locale) }),
    "",
    `■ ${m("nextTitle")}`,
    m("next", { department: input.departmentName, time: localize(input.draft.processingTime, locale) }),
    "",
    m("link"),
    input.link,
    "",
    "--",
    m("footer"),
  ].join("\n");
  return { to: input.to, subject: m("subject", { reference: input.reference }), text };
}
