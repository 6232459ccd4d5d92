/**
 * Loads procedures into the catalogue: creates or updates each procedure's metadata and, when
 * its form definition changed, publishes a new version (drafts stay pinned to the version they
 * were started on). Refuses the whole import when any definition is invalid.
 */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../core/db/database.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { AppError } from "../../../core/http/errors.ts";
import { normalizeForSearch } from "../../../core/text/japanese.ts";
import type { FormDefinition } from "../forms/definition.ts";
import { validateDefinition } from "../forms/index.ts";
import { categories, lifeEvents, procedures, procedureVersions, type ProcedureDetails } from "../tables.ts";

export type CatalogueProcedure = {
  slug: string;
  title: LocalizedText;
  reading: string;
  summary: LocalizedText;
  departmentCode: string;
  categoryCode: string;
  lifeEvents: string[];
  keywords: string[];
  whoCanApply: LocalizedText;
  whatYouNeed: LocalizedText[];
  fee: ProcedureDetails["fee"];
  processingTime: LocalizedText;
  channel: "online" | "counter" | "both";
  legalBasis?: LocalizedText;
  form: FormDefinition | null;
};

export type ImportCatalogueOptions = {
  db: Db;
  categories: Array<{ code: string; name: LocalizedText }>;
  lifeEvents: Array<{ code: string; name: LocalizedText }>;
  procedures: CatalogueProcedure[];
};

export function searchTextFor(p: Pick<CatalogueProcedure, "title" | "reading" | "keywords" | "summary">): string {
  return normalizeForSearch([p.title.ja, p.reading, ...p.keywords, p.title.en ?? "", p.summary.ja].join(" "));
}

export async function importCatalogue(options: ImportCatalogueOptions): Promise<{ procedures: number; newVersions: number }> {
  for (const p of options.procedures) {
    if (!p.form) continue;
    const problems = validateDefinition(p.form);
    if (problems.length > 0) {
      throw new AppError("invalid_input", "catalogue.invalid_definition", { slug: p.slug, problems });
    }
  }
  return options.db.transaction(async (tx) => {
    for (const [position, c] of options.categories.entries()) {
      await tx.insert(categories).values({ code: c.code, name: c.name, position }).onConflictDoUpdate({ target: categories.code, set: { name: c.name, position } });
    }
    for (const [position, e] of options.lifeEvents.entries()) {
      await tx.insert(lifeEvents).values({ code: e.code, name: e.name, position }).onConflictDoUpdate({ target: lifeEvents.code, set: { name: e.name, position } });
    }
    let newVersions = 0;
    for (const p of options.procedures) {
      const fields = {
        slug: p.slug,
        departmentCode: p.departmentCode,
        categoryCode: p.categoryCode,
        lifeEvents: p.lifeEvents,
        title: p.title,
        reading: p.reading,
        summary: p.summary,
        details: { whoCanApply: p.whoCanApply, whatYouNeed: p.whatYouNeed, fee: p.fee, processingTime: p.processingTime, legalBasis: p.legalBasis },
        keywords: p.keywords,
        searchText: searchTextFor(p),
        channel: p.channel,
        feeYen: p.fee?.amountYen ?? null,
      };
      const [row] = await tx
        .insert(procedures)
        .values(fields)
        .onConflictDoUpdate({ target: procedures.slug, set: fields })
        .returning({ id: procedures.id });
      const procedureId = row!.id;
      if (!p.form) continue;
      const [latest] = await tx
        .select({ id: procedureVersions.id, version: procedureVersions.version, definition: procedureVersions.definition })
        .from(procedureVersions)
        .where(eq(procedureVersions.procedureId, procedureId))
        .orderBy(desc(procedureVersions.version))
        .limit(1);
      if (latest && JSON.stringify(latest.definition) === JSON.stringify(p.form)) continue;
      const [version] = await tx
        .insert(procedureVersions)
        .values({ procedureId, version: (latest?.version ?? 0) + 1, definition: p.form })
        .returning({ id: procedureVersions.id });
      await tx.update(procedures).set({ currentVersionId: version!.id }).where(eq(procedures.id, procedureId));
      newVersions++;
    }
    return { procedures: options.procedures.length, newVersions };
  });
}
