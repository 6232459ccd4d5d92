import { sql } from "drizzle-orm";
import type { Db } from "../../../core/db/database.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { forgetDepartments } from "../departments-cache.ts";
import { departments } from "../tables.ts";

export type DepartmentInput = { code: string; name: LocalizedText; kind: "ward" | "bureau" };

/** Creates or renames departments (the organisation chart changes every April). */
export async function upsertDepartments({ db, items }: { db: Db; items: DepartmentInput[] }): Promise<void> {
  if (items.length === 0) return;
  await db
    .insert(departments)
    .values(items.map((d) => ({ code: d.code, nameJa: d.name.ja, nameEn: d.name.en ?? d.name.ja, kind: d.kind })))
    .onConflictDoUpdate({ target: departments.code, set: { nameJa: sql`excluded.name_ja`, nameEn: sql`excluded.name_en`, kind: sql`excluded.kind` } });
  forgetDepartments();
}
