/**
 * Changes a working copy's metadata (title, reading, summary, fee, what to bring, legal basis,
 * processing time, online / counter, life events, related procedures, keywords). Checked as a
 * whole; refused with every problem and nothing saved, or saved and audited. Sends the copy back
 * to editing like any edit. The department is not metadata: a procedure stays with its department.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { categoryNames, lifeEventNames, procedureSlugTaken } from "../../procedures/index.ts";
import { validateMetadata, type BuilderMetadata } from "../definition/metadata.ts";
import { updateDraft } from "../queries.ts";
import { auditBuilder, backToEditing, invalid, openDraft, staleRevision, type DraftCommandOptions } from "./support.ts";

export type EditMetadataOptions = DraftCommandOptions & { metadata: BuilderMetadata };

/** The problems of metadata against the catalogue (categories, life events, existing procedures). */
export async function checkMetadata(db: Db, metadata: BuilderMetadata, locale: Locale, ownSlug?: string) {
  const [categories, events] = await Promise.all([categoryNames(db), lifeEventNames(db)]);
  const existing = new Set<string>();
  for (const slug of metadata.related) if (slug !== ownSlug && (await procedureSlugTaken(db, slug))) existing.add(slug);
  return validateMetadata(metadata, { categories: new Set(categories.keys()), lifeEvents: new Set(events.keys()), procedureExists: (slug) => existing.has(slug) }, locale);
}

export async function editMetadata(options: EditMetadataOptions): Promise<{ revision: number }> {
  const locale = options.locale ?? "ja";
  return options.db.transaction(async (tx) => {
    const draft = await openDraft(tx, options);
    const problems = await checkMetadata(tx, options.metadata, locale, draft.slug);
    if (problems.length > 0) throw invalid(problems);
    const revision = await updateDraft(tx, draft.procedureId, draft.revision, { metadata: options.metadata, ...backToEditing(draft) }, options.actor.id);
    if (revision === null) throw staleRevision();
    await auditBuilder(tx, options.actor, {
      action: "builder.metadata_edited",
      objectType: "procedure",
      objectId: draft.procedureId,
      departmentCode: draft.departmentCode,
      data: { revision, channel: options.metadata.channel, feeYen: options.metadata.fee?.amountYen ?? null },
    });
    return { revision };
  });
}
