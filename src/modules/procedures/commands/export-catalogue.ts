/** The published catalogue as CatalogueProcedure objects (the same shape importCatalogue takes). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../core/db/database.ts";
import { procedures, procedureVersions } from "../tables.ts";
import type { CatalogueProcedure } from "./import-catalogue.ts";

export async function* exportCatalogue({ db }: { db: Db }): AsyncGenerator<CatalogueProcedure> {
  const rows = await db
    .select({ p: procedures, definition: procedureVersions.definition })
    .from(procedures)
    .leftJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .where(eq(procedures.published, true))
    .orderBy(asc(procedures.slug));
  for (const { p, definition } of rows) {
    yield {
      slug: p.slug,
      title: p.title,
      reading: p.reading,
      summary: p.summary,
      departmentCode: p.departmentCode,
      categoryCode: p.categoryCode,
      lifeEvents: p.lifeEvents,
      keywords: p.keywords,
      whoCanApply: p.details.whoCanApply,
      whatYouNeed: p.details.whatYouNeed,
      fee: p.details.fee,
      processingTime: p.details.processingTime,
      channel: p.channel,
      ...(p.details.legalBasis ? { legalBasis: p.details.legalBasis } : {}),
      form: definition ?? null,
    };
  }
}
