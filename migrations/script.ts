import { type Kysely, sql } from 'kysely';

/**
 * Runs a migration's SQL script statement by statement: PGlite runs one statement per query. Statements are
 * split at a semicolon that ends a line, so none may contain one there itself.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema (Kysely docs)
export async function runScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}
