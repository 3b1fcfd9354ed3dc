import type { Kysely, Transaction } from 'kysely';
import { likeAny, unitSubtree } from '../catalog/scope.ts';
import { keysetPage } from '../db/list.ts';
import type { DB, Insertable, PeopleTable, Role, Updateable } from '../db/types.ts';

function peopleBase(db: Kysely<DB>) {
  return db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'p.id',
      'p.name',
      'p.nameEn',
      'p.email',
      'p.locale',
      'p.roles',
      'p.unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'p.active',
      'p.version',
    ]);
}

export interface PeopleFilter {
  q?: string;
  unitId?: number;
  role?: Role;
}

function filtered(db: Kysely<DB>, f: PeopleFilter) {
  let query = peopleBase(db);
  if (f.q) {
    const like = likeAny(f.q);
    query = query.where((eb) =>
      eb.or([eb('p.name', 'ilike', like), eb('p.nameEn', 'ilike', like), eb('p.email', 'ilike', like)]),
    );
  }
  if (f.unitId !== undefined) query = query.where('p.unitId', 'in', unitSubtree(db, f.unitId));
  if (f.role) query = query.where((eb) => eb(eb.val(f.role), '=', eb.fn.any('p.roles')));
  return query;
}

export function listPeople(db: Kysely<DB>, f: PeopleFilter, after: number | undefined, limit: number) {
  return keysetPage(filtered(db, f), 'p.id', after, limit);
}

export function personById(db: Kysely<DB>, id: number) {
  return peopleBase(db).where('p.id', '=', id).executeTakeFirst();
}

export async function insertPerson(tx: Transaction<DB>, values: Insertable<PeopleTable>) {
  const { id } = await tx.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates only the version the caller read; undefined when it changed meanwhile (or is gone). */
export async function updatePerson(
  tx: Transaction<DB>,
  id: number,
  version: number,
  patch: Updateable<PeopleTable>,
) {
  return tx
    .updateTable('people')
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}
