/**
 * Creates a new procedure in the builder: a procedure nobody sees yet (not published) and its
 * working copy with a one-page starter form (the applicant's name, filled in from the profile).
 * Also: opening a procedure made elsewhere (the catalogue import) in the builder, which starts a
 * working copy from its published version.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { categoryNames, createUnpublishedProcedure, findProcedureRecord, lifeEventNames, procedureSlugTaken, type FormDefinition } from "../../procedures/index.ts";
import { SLUG_PATTERN, fromProcedureMetadata, toProcedureMetadata, validateMetadata, type BuilderMetadata, type Problem } from "../definition/metadata.ts";
import { authorOrNotFound, canAuthor, isUuid } from "../policy.ts";
import { findDraft, insertDraft } from "../queries.ts";
import { auditBuilder, invalid } from "./support.ts";

export type CreateProcedureOptions = {
  db: Db;
  actor: Actor;
  departmentCode: string;
  /** url-safe, e.g. "pet-registration" */
  slug: string;
  title: LocalizedText;
  reading: string;
  summary: LocalizedText;
  categoryCode: string;
  whoCanApply: LocalizedText;
  processingTime: LocalizedText;
  locale?: Locale;
};

/** The form a new procedure starts with: who is applying (name from the profile). */
export function starterDefinition(): FormDefinition {
  return {
    pages: [
      {
        id: "applicant",
        title: { ja: "申請する方", en: "About you" },
        questions: [{ id: "applicant_name", type: "name", label: { ja: "氏名", en: "Full name" }, prefill: "name" }],
      },
    ],
  };
}

export async function createProcedure(options: CreateProcedureOptions): Promise<{ procedureId: string }> {
  const locale = options.locale ?? "ja";
  const { db, actor } = options;
  if (!canAuthor(actor, options.departmentCode)) throw new AppError("forbidden", "builder.other_department");
  const slug = options.slug.trim().toLowerCase();
  const metadata: BuilderMetadata = {
    title: options.title,
    reading: options.reading.trim(),
    summary: options.summary,
    categoryCode: options.categoryCode,
    lifeEvents: [],
    keywords: [],
    channel: "online",
    whoCanApply: options.whoCanApply,
    whatYouNeed: [],
    fee: null,
    processingTime: options.processingTime,
    related: [],
  };
  const [categories, events] = await Promise.all([categoryNames(db), lifeEventNames(db)]);
  const problems: Problem[] = [];
  if (!SLUG_PATTERN.test(slug)) problems.push({ path: "$.slug", code: "slug_invalid", message: t(locale, "builder.meta.slug_invalid") });
  else if (await procedureSlugTaken(db, slug)) problems.push({ path: "$.slug", code: "slug_taken", message: t(locale, "builder.meta.slug_taken", { slug }) });
  problems.push(...validateMetadata(metadata, { categories: new Set(categories.keys()), lifeEvents: new Set(events.keys()), procedureExists: () => true }, locale));
  if (problems.length > 0) throw invalid(problems);

  return db.transaction(async (tx) => {
    let procedureId: string;
    try {
      procedureId = await createUnpublishedProcedure(tx, { slug, departmentCode: options.departmentCode, metadata: toProcedureMetadata(metadata) });
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict") {
        throw invalid([{ path: "$.slug", code: "slug_taken", message: t(locale, "builder.meta.slug_taken", { slug }) }]);
      }
      throw error;
    }
    await insertDraft(tx, {
      procedureId,
      departmentCode: options.departmentCode,
      definition: starterDefinition(),
      metadata,
      state: "editing",
      basedOnVersionId: null,
      updatedBy: actor.id,
    });
    await auditBuilder(tx, actor, { action: "builder.procedure_created", objectType: "procedure", objectId: procedureId, departmentCode: options.departmentCode, data: { slug } });
    return { procedureId };
  });
}

/**
 * Starts a working copy of a procedure that has none (one loaded by the catalogue import), from
 * its published version and metadata. Idempotent: an existing copy is left as it is.
 */
export async function openInBuilder(options: { db: Db; actor: Actor; procedureId: string }): Promise<void> {
  const { db, actor, procedureId } = options;
  if (!isUuid(procedureId)) throw new AppError("not_found", "builder.procedure_not_found");
  const record = authorOrNotFound(actor, await findProcedureRecord(db, procedureId), "builder.procedure_not_found");
  if (await findDraft(db, procedureId)) return;
  await db.transaction(async (tx) => {
    const inserted = await insertDraft(tx, {
      procedureId,
      departmentCode: record.departmentCode,
      definition: record.definition ?? starterDefinition(),
      metadata: fromProcedureMetadata(record.metadata),
      state: record.definition ? "published" : "editing",
      basedOnVersionId: record.currentVersionId,
      updatedBy: actor.id,
    });
    // A colleague opened it at the same moment: theirs stands.
    if (!inserted) return;
    await auditBuilder(tx, actor, { action: "builder.procedure_opened", objectType: "procedure", objectId: procedureId, departmentCode: record.departmentCode, data: { version: record.currentVersion } });
  });
}
