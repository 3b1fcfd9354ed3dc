import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';

export function personByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('people')
    .select(['id', 'passwordHash', 'active'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** The person behind a live session, with their unit's path for subtree scope. */
export function sessionPerson(db: Kysely<DB>, tokenHash: string, at: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.personId')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'p.id',
      'p.name',
      'p.nameEn',
      'p.email',
      'p.locale',
      'p.roles',
      'p.unitId',
      'u.path as unitPath',
      's.expiresAt',
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.expiresAt', '>', at)
    .where('p.active', '=', true)
    .executeTakeFirst();
}

/** Failed attempts since `since` for an account and for an address, in one round trip. */
export async function recentFailures(db: Kysely<DB>, email: string, address: string, since: Date) {
  const row = await db
    .selectFrom('signInAttempts')
    .select([
      sql<number>`count(*) filter (where lower(email) = ${email.toLowerCase()})`.as('byAccount'),
      sql<number>`count(*) filter (where address = ${address})`.as('byAddress'),
      sql<Date | null>`min(at)`.as('oldest'),
    ])
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb(sql`lower(email)`, '=', email.toLowerCase()), eb('address', '=', address)]))
    .executeTakeFirstOrThrow();
  return row;
}

export async function recordAttempt(tx: Transaction<DB>, email: string, address: string, succeeded: boolean) {
  await tx.insertInto('signInAttempts').values({ email, address, succeeded }).execute();
  // A success clears the account's failures so a person who finally remembers is not locked out later.
  if (succeeded) {
    await tx
      .deleteFrom('signInAttempts')
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .where('succeeded', '=', false)
      .execute();
  }
}

export async function insertSession(
  tx: Transaction<DB>,
  tokenHash: string,
  personId: number,
  expiresAt: Date,
  at: Date,
) {
  await tx.insertInto('sessions').values({ tokenHash, personId, expiresAt }).execute();
  // Expired sessions of this person go when they sign in again, keeping the table small.
  await tx.deleteFrom('sessions').where('personId', '=', personId).where('expiresAt', '<', at).execute();
}

export function deleteSession(tx: Transaction<DB>, tokenHash: string) {
  return tx
    .deleteFrom('sessions')
    .where('tokenHash', '=', tokenHash)
    .returning(['personId'])
    .executeTakeFirst();
}
