import { benchApp } from '../app.ts';
import pg from 'pg';
import type { LogEvent } from 'kysely';
import { openPostgres } from '../../server/db/database.ts';

/** The SQL one API request ran, in order: what the ratio API ÷ SQL compares against. */
export type Statements = { sql: string; parameters: readonly unknown[] }[];

/**
 * The app in this process, on its own pool, recording the statements each request runs, so the same SQL can
 * then be timed straight through pg.
 */
export async function sqlRecorder(url: string, timeZone: string) {
  let recording: Statements | null = null;
  const database = await openPostgres(url, {
    max: 2,
    log: (event: LogEvent) => {
      if (recording && event.level === 'query')
        recording.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const { app } = benchApp(database.db, timeZone);
  return {
    /** The statements `path` ran, read with the session `cookie`; the request must succeed. */
    async record(path: string, cookie: string): Promise<Statements> {
      recording = [];
      const res = await app.request(path, { headers: { cookie } });
      const statements = recording;
      recording = null;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return statements;
    },
    close: () => database.close(),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/**
 * Runs each request's statements (cycling through `requests`) from `connections` concurrent clients for
 * `seconds`, on a pool as large as the server's, and returns the p50 / p99 of one request's SQL in ms.
 */
export async function replay(
  url: string,
  requests: Statements[],
  options: { connections: number; seconds: number; poolSize: number },
) {
  const pool = new pg.Pool({ connectionString: url, max: Math.min(options.connections, options.poolSize) });
  const times: number[] = [];
  const until = performance.now() + options.seconds * 1000;
  let next = 0;
  const client = async () => {
    while (performance.now() < until) {
      const statements = requests[next++ % requests.length] as Statements;
      const started = performance.now();
      const conn = await pool.connect();
      try {
        for (const s of statements) await conn.query(s.sql, s.parameters as unknown[]);
      } finally {
        conn.release();
      }
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  await pool.end();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), count: times.length };
}
