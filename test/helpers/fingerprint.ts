import { sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';

const TABLES = [
  'units',
  'people',
  'posts',
  'assignments',
  'approval_items',
  'preconditions',
  'standards',
  'responsibility_points',
  'risk_points',
  'risk_point_grades',
  'settings',
  'sessions',
  'audit_events',
  'form_numbers',
  'forms',
  'form_measures',
  'form_comments',
  'form_attachments',
  'blobs',
  'idempotency_keys',
  'inspections',
  'inspection_samples',
  'outbox',
  'digest_receipts',
  'accountability_records',
  'exemplary_cases',
  'scorecard_months',
  'scorecards',
  'scorecard_deductions',
  'scorecard_adjustments',
  'talk_flags',
];

/**
 * A summary of everything stored: per table its row count and a hash of all its rows. Equal fingerprints
 * before and after a request mean the request wrote nothing.
 */
export async function fingerprint(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number; h: string | null }>`
      select count(*) as n, md5(string_agg(md5(t::text), ',' order by md5(t::text))) as h from ${sql.table(table)} t
    `.execute(database.db.withoutPlugins());
    out[table] = `${rows[0]?.n}:${rows[0]?.h}`;
  }
  return out;
}
