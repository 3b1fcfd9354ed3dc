import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.ts';

/**
 * The ids of a unit and everything under it, as a sub-select: units keep a materialised path, so a subtree
 * is one range of an indexed column, however deep.
 */
export function unitSubtree(db: Kysely<DB>, unitId: number) {
  // A path is `/1/23/`: the subtree is the range of paths from the unit's own up to the same text with its
  // last `/` raised to `0`, taken on units_path_idx (a LIKE whose pattern is a subquery cannot use the index,
  // and walking every unit's path took milliseconds at province scale).
  return db
    .selectFrom('units as sub')
    .select('sub.id')
    .where(sql<boolean>`sub.path ~>=~ (select path from units where id = ${unitId})`)
    .where(sql<boolean>`sub.path ~<~ (select left(path, -1) || '0' from units where id = ${unitId})`);
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
