import { nodeHasher } from '../audit/node-hasher.ts';
import { type InsertObject, type Kysely, sql, type Transaction } from 'kysely';
import { auditedWrite } from '../audit/write.ts';
import { jsonb } from '../db/database.ts';
import type { DB, Role } from '../db/types.ts';
import { buildDemoData, type IdBases } from './build.ts';

/**
 * Demo data: a service centre the size of the real one (DOMAIN.md) — 57 departments in the hall, 233
 * posts, 377 people, 420 approval items with their conditions, the 4-level standards tree, 3,169
 * responsibility points and 1,051 graded risk points — written in one audited transaction.
 */

export const DEMO_PASSWORD = 'rectify-demo';

/** One sign-in per role; every other demo person has the same password too. */
export const DEMO_ACCOUNTS: { email: string; role: Role; name: string }[] = [
  { email: 'admin@centre.example', role: 'admin', name: '赵建国' },
  { email: 'supervisor@centre.example', role: 'supervisor', name: '刘慧敏' },
  { email: 'leader@centre.example', role: 'leader', name: '陈志强' },
  { email: 'holder@centre.example', role: 'holder', name: '王晓芳' },
];

export interface SeedCounts {
  units: number;
  departments: number;
  posts: number;
  windowPosts: number;
  officePosts: number;
  people: number;
  approvalItems: number;
  preconditions: number;
  standards: number[];
  responsibilityPoints: number;
  riskPoints: { A: number; B: number; C: number };
}

/** Rows per insert statement: few round trips, well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;

/** Tables the seeder gives explicit ids, whose identity sequences must then be moved past them. */
const EXPLICIT_ID_TABLES = ['units', 'people', 'posts', 'approval_items', 'standards', 'risk_points'];

/** Inserts rows in multi-row statements of BATCH rows. */
export async function insertAll<T extends keyof DB & string>(
  tx: Transaction<DB>,
  table: T,
  rows: readonly InsertObject<DB, T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}

async function idBases(tx: Transaction<DB>): Promise<IdBases> {
  const { rows } = await sql<IdBases>`
    select (select coalesce(max(id), 0) from units) as units,
           (select coalesce(max(id), 0) from people) as people,
           (select coalesce(max(id), 0) from posts) as posts,
           (select coalesce(max(id), 0) from approval_items) as approval_items,
           (select coalesce(max(id), 0) from standards) as standards,
           (select coalesce(max(id), 0) from risk_points) as risk_points
  `.execute(tx);
  const row = rows[0];
  if (!row) throw new Error('seedDemo: could not read the id bases');
  return row;
}

/** True when the catalogue has no units yet, i.e. nothing has been set up. */
export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const unit = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return unit === undefined;
}

/**
 * Fills an empty database with the demo centre. Deterministic: the same `today` (YYYY-MM-DD, Asia/Shanghai)
 * gives the same data. `passwordHash` is the one hash of DEMO_PASSWORD every person gets.
 */
export async function seedDemo(
  db: Kysely<DB>,
  options: { passwordHash: string; today: string },
): Promise<SeedCounts> {
  return auditedWrite(db, { actorId: null, hasher: nodeHasher }, async (tx, audit) => {
    if (!(await isEmpty(tx)))
      throw new Error('seedDemo: the database already has units; seed an empty database only');
    const data = buildDemoData({
      today: options.today,
      passwordHash: options.passwordHash,
      accounts: DEMO_ACCOUNTS,
      bases: await idBases(tx),
    });
    await insertAll(tx, 'units', data.units);
    await insertAll(tx, 'people', data.people);
    await insertAll(tx, 'posts', data.posts);
    await insertAll(tx, 'assignments', data.assignments);
    await insertAll(tx, 'approvalItems', data.approvalItems);
    await insertAll(tx, 'preconditions', data.preconditions);
    await insertAll(tx, 'standards', data.standards);
    await insertAll(
      tx,
      'responsibilityPoints',
      data.responsibilityPoints.map((point) => ({ ...point, triggers: jsonb(point.triggers) })),
    );
    await insertAll(tx, 'riskPoints', data.riskPoints);
    await insertAll(tx, 'riskPointGrades', data.riskPointGrades);
    for (const table of EXPLICIT_ID_TABLES) {
      await sql
        .raw(`select setval(pg_get_serial_sequence('${table}', 'id'), max(id)) from ${table}`)
        .execute(tx);
    }
    const counts: SeedCounts = data.counts;
    await audit({ action: 'demo.seeded', entityType: 'centre', entityId: null, after: counts });
    return counts;
  });
}
