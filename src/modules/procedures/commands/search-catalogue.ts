/**
 * Searches and browses the procedures catalogue.
 *
 * Search copes with how people type Japanese: the query is split into words at spaces (full-width
 * spaces too), each word is normalised like procedures.search_text (width, case, hiragana and
 * katakana, long-vowel marks: normalizeForSearch), and every word must be found in search_text
 * (title, reading, keywords, English title, summary). So じゅうみんひょう, ジュウミンヒョウ,
 * ｼﾞｭｳﾐﾝﾋｮｳ and 住民票 all find 住民票の写し交付請求.
 *
 * Ranking: procedures whose title or reading contains every word come first, then the others;
 * within each group by reading (五十音順).
 */
import type { Db } from "../../../core/db/database.ts";
import { normalizeForSearch } from "../../../core/text/japanese.ts";
import { findCatalogueProcedures, type CatalogueRow } from "../queries.ts";

export type SearchCatalogueOptions = {
  /** The database. */
  db: Db;
  /** What the person typed in the search box ("" to browse only). */
  q: string;
  /** Life event code (?event=). */
  event?: string | undefined;
  /** Category code (?category=). */
  category?: string | undefined;
  /** Department code (?department=). */
  department?: string | undefined;
  /** At most this many results (default 200). */
  limit?: number;
};

export type CatalogueResult = CatalogueRow & {
  /** True when every search word is in the title or its reading. */
  titleMatch: boolean;
};

/** Search words, normalised; at most 10 so that a pasted paragraph cannot build a huge query. */
export function searchTerms(q: string): string[] {
  return q
    .split(/[\s\u3000]+/u)
    .map((word) => normalizeForSearch(word))
    .filter((word) => word.length > 0)
    .slice(0, 10);
}

export async function searchCatalogue(options: SearchCatalogueOptions): Promise<CatalogueResult[]> {
  const terms = searchTerms(options.q);
  const rows = await findCatalogueProcedures(options.db, {
    terms,
    event: options.event,
    category: options.category,
    department: options.department,
    limit: options.limit ?? 200,
  });
  const results = rows.map((row) => {
    const title = normalizeForSearch([row.title.ja, row.reading, row.title.en ?? ""].join(" "));
    return { ...row, titleMatch: terms.length > 0 && terms.every((term) => title.includes(term)) };
  });
  // Array.prototype.sort is stable: the reading order from SQL stays within each group.
  return results.sort((a, b) => Number(b.titleMatch) - Number(a.titleMatch));
}
