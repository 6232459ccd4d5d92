/**
 * Named prepared statements for the hottest queries (a resident's submit runs each of them once).
 *
 * A query through `queryRows(db, sql\`…\`)` is parsed and planned again by PostgreSQL every time,
 * and drizzle rebuilds its text from the template on every call. A Statement is fixed text with
 * $1… parameters and a name: node-postgres parses it once per connection and then only binds and
 * executes it, and no query builder runs. Results are exactly those of queryRows (drizzle's raw
 * type parsing: timestamps, dates and intervals stay strings; errors wrapped in DrizzleQueryError).
 * PGlite runs the same text unnamed (it is in-process: there is no round trip to save).
 *
 * Only for statements whose text never varies: the name identifies the text on every connection.
 */
import { DrizzleQueryError, entityKind } from "drizzle-orm";
import pg from "pg";
import type { Db } from "./database.ts";

export type Statement = { readonly name: string; readonly text: string };

const texts = new Map<string, string>();

/** Declares a statement; one name, one text (a second text under a used name is a programming error). */
export function statement(name: string, text: string): Statement {
  const known = texts.get(name);
  if (known !== undefined && known !== text) throw new Error(`statement ${name} is declared twice with different texts`);
  texts.set(name, text);
  return { name, text };
}

/** The types drizzle's raw execute keeps as strings (drizzle-orm node-postgres/session.js and pglite/session.js). */
const RAW_OIDS = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);
const identity = (value: string) => value;
const PG_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    return RAW_OIDS.has(oid) ? identity : pg.types.getTypeParser(oid, format as "text");
  },
};
const PGLITE_OPTIONS = { rowMode: "object" as const, parsers: Object.fromEntries([...RAW_OIDS].map((oid) => [oid, identity])) };

type PgClient = { query(config: { name: string; text: string; values: unknown[]; types: typeof PG_TYPES }): Promise<{ rows: unknown[] }> };
type PgliteClient = { query(text: string, values: unknown[], options: typeof PGLITE_OPTIONS): Promise<{ rows: unknown[] }> };
type Session = { client: PgClient | PgliteClient; constructor: { [entityKind]?: string } };

/** Runs a statement with its parameters and returns its rows (on a transaction, inside it). */
export async function runStatement<T>(db: Db, statement: Statement, values: unknown[]): Promise<T[]> {
  // The driver's client of this handle (the pool, or the transaction's connection).
  const session = (db as unknown as { session: Session }).session;
  const driver = session.constructor[entityKind];
  // drizzle's session classes of the two drivers (a drizzle upgrade that renames them fails here, loudly).
  if (driver !== "NodePgSession" && driver !== "PgliteSession") throw new Error(`runStatement: unknown database session ${String(driver)}`);
  try {
    const result =
      driver === "NodePgSession"
        ? await (session.client as PgClient).query({ name: statement.name, text: statement.text, values, types: PG_TYPES })
        : await (session.client as PgliteClient).query(statement.text, values, PGLITE_OPTIONS);
    return result.rows as T[];
  } catch (error) {
    throw new DrizzleQueryError(statement.text, values, error as Error);
  }
}
