import {
  CamelCasePlugin,
  Kysely,
  type LogEvent,
  PGliteDialect,
  PostgresDialect,
  type RawBuilder,
  sql,
} from 'kysely';
import type { DB } from './types.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// PostgreSQL type OIDs whose text form we parse ourselves so both backends return the same JS types.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * One value parser table for both backends: int8 (count(*), sums) as number, numeric as number, and
 * `date` as its `YYYY-MM-DD` text (a JS Date would shift it by the process time zone).
 */
export const typeParsers: Record<number, (value: string) => unknown> = {
  [INT8]: (v) => Number(v),
  [NUMERIC]: (v) => Number(v),
  [DATE]: (v) => v,
};

function kysely(dialect: PGliteDialect | PostgresDialect, log?: (event: LogEvent) => void): Kysely<DB> {
  return new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin()], log });
}

/**
 * PostgreSQL server through node-postgres. `log` sees every query run, with its time (the benchmarks use it to
 * replay a request's own SQL straight through pg).
 */
export async function openPostgres(
  url: string,
  options: { max?: number; log?: (event: LogEvent) => void } = {},
): Promise<Database> {
  const pg = await import('pg');
  const { Pool } = pg.default;
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        typeParsers[oid] ?? pg.default.types.getTypeParser(oid, format as 'text')) as never,
    },
  });
  const db = kysely(new PostgresDialect({ pool }), options.log);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Embedded PostgreSQL (PGlite); `dataDir` undefined keeps it in memory. */
export async function openPGlite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({ dataDir, parsers: typeParsers });
  const db = kysely(new PGliteDialect({ pglite }));
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/** A jsonb value for inserts and updates, serialised the same way on both backends. */
export function jsonb(value: unknown): RawBuilder<unknown> {
  return sql`${JSON.stringify(value)}::jsonb`;
}
