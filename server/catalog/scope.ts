import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.ts';

/**
 * The ids of a unit and everything under it, as a sub-select: units keep a materialised path, so a subtree
 * is one prefix match on an indexed column, however deep.
 */
export function unitSubtree(db: Kysely<DB>, unitId: number) {
  return db
    .selectFrom('units as sub')
    .select('sub.id')
    .where(
      'sub.path',
      'like',
      sql<string>`(select replace(replace(path, '_', '\\_'), '%', '\\%') || '%' from units where id = ${unitId})`,
    );
}

/** Same, starting from a known path (the signed-in person's scope). */
export function unitSubtreeOfPath(db: Kysely<DB>, path: string) {
  return db
    .selectFrom('units as sub')
    .select('sub.id')
    .where('sub.path', 'like', `${escapeLike(path)}%`);
}

/** Text taken literally in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** `%`-safe text search on several columns. */
export function likeAny(q: string): string {
  return `%${escapeLike(q)}%`;
}

/** The posts a person holds on a day, as a sub-select. */
export function postsHeldOn(db: Kysely<DB>, personId: number, day: string) {
  return db
    .selectFrom('assignments as held')
    .select('held.postId')
    .where('held.personId', '=', personId)
    .where('held.fromDate', '<=', day)
    .where((w) => w.or([w('held.toDate', 'is', null), w('held.toDate', '>=', day)]));
}
