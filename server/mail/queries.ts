import type { DeliveryVia } from './schema.ts';
import { type Kysely, sql, type Transaction } from 'kysely';
import { escapeLike } from '../catalog/scope.ts';
import type { DB, Insertable, Locale, MailStatus } from '../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function mailSecret(db: Db): Promise<string> {
  const row = await db
    .selectFrom('appSecrets')
    .select('value')
    .where('name', '=', 'mail-links')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** What a message needs to know about its recipient. */
export interface MailPerson {
  id: number;
  name: string;
  nameEn: string;
  email: string;
  locale: Locale;
  mailOptOut: string[];
}

const personColumns = ['p.id', 'p.name', 'p.nameEn', 'p.email', 'p.locale', 'p.mailOptOut'] as const;

export function mailPeople(db: Db, ids: number[]): Promise<MailPerson[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('people as p')
    .select(personColumns)
    .where('p.id', 'in', ids)
    .where('p.active', '=', true)
    .execute();
}

/** The supervisors whose units cover a unit: who verifies its forms. */
export function supervisorsOver(db: Db, unitId: number): Promise<MailPerson[]> {
  return db
    .selectFrom('people as p')
    .innerJoin('units as pu', 'pu.id', 'p.unitId')
    .select(personColumns)
    .where('p.active', '=', true)
    .where(sql<boolean>`'supervisor' = any(p.roles)`)
    .where(
      sql<boolean>`(select path from units where id = ${unitId}) like replace(replace(pu.path, '_', '\\_'), '%', '\\%') || '%'`,
    )
    .orderBy('p.id')
    .execute();
}

/** Queues messages; a dedupe key already queued is skipped. Returns the rows actually queued. */
export async function insertOutbox(tx: Transaction<DB>, rows: Insertable<DB['outbox']>[]) {
  if (rows.length === 0) return [];
  return tx
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning(['id', 'dedupeKey', 'personId'])
    .execute();
}

/** Due: pending and its time has come, or held by a sender whose lease ran out (it stopped mid-send). */
function due(now: Date) {
  return sql<boolean>`((status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and lease_until < ${now}))`;
}

export async function anyDue(db: Db, now: Date): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id').where(due(now)).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes the next due messages and leases them to this sender until `leaseUntil`, counting the attempt. Rows
 * another sender holds are skipped, not waited for (FOR UPDATE SKIP LOCKED), so several server processes
 * drain one outbox; the lease is committed at once, so no transaction is open while mail is sent.
 */
export async function claimDue(tx: Transaction<DB>, now: Date, limit: number, leaseUntil: Date) {
  const ids = (
    await tx
      .selectFrom('outbox')
      .select('id')
      .where(due(now))
      .orderBy('nextAttemptAt')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  return tx
    .updateTable('outbox')
    .set({ status: 'sending', leaseUntil, attempts: sql`attempts + 1` })
    .where('id', 'in', ids)
    .returning([
      'id',
      'dedupeKey',
      'template',
      'personId',
      'toAddress',
      'locale',
      'subject',
      'data',
      'attempts',
    ])
    .execute();
}
export type ClaimedMail = Awaited<ReturnType<typeof claimDue>>[number];

export async function markSent(
  tx: Transaction<DB>,
  id: number,
  values: { via: DeliveryVia; messageId: string; at: Date },
) {
  await tx
    .updateTable('outbox')
    .set({
      status: 'sent',
      deliveredVia: values.via,
      messageId: values.messageId,
      sentAt: values.at,
      leaseUntil: null,
      lastError: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function markFailedAttempt(
  tx: Transaction<DB>,
  id: number,
  values: { error: string; retryAt: Date | null },
) {
  await tx
    .updateTable('outbox')
    .set({
      status: values.retryAt ? 'pending' : 'failed',
      lastError: values.error.slice(0, 2000),
      leaseUntil: null,
      ...(values.retryAt ? { nextAttemptAt: values.retryAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function requeue(tx: Transaction<DB>, id: number, at: Date) {
  return tx
    .updateTable('outbox')
    .set({ status: 'pending', nextAttemptAt: at, attempts: 0 })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returning('id')
    .executeTakeFirst();
}

function outboxBase(db: Db) {
  return db
    .selectFrom('outbox as o')
    .select([
      'o.id',
      'o.dedupeKey',
      'o.template',
      'o.personId',
      'o.toAddress',
      'o.locale',
      'o.subject',
      'o.status',
      'o.attempts',
      'o.nextAttemptAt',
      'o.lastError',
      'o.deliveredVia',
      'o.messageId',
      'o.createdAt',
      'o.sentAt',
    ]);
}
export type OutboxRow = Awaited<ReturnType<ReturnType<typeof outboxBase>['executeTakeFirstOrThrow']>>;

export interface OutboxFilter {
  status?: MailStatus;
  template?: string;
  personId?: number;
  to?: string;
}

export function listOutbox(db: Kysely<DB>, f: OutboxFilter) {
  let q = outboxBase(db);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.template) q = q.where('o.template', '=', f.template);
  if (f.personId !== undefined) q = q.where('o.personId', '=', f.personId);
  if (f.to) q = q.where('o.toAddress', '=', f.to.toLowerCase());
  return q;
}

export function outboxMessage(db: Db, id: number) {
  return outboxBase(db).select('o.data').where('o.id', '=', id).executeTakeFirst();
}

export async function outboxCounts(db: Kysely<DB>) {
  const { rows } = await sql<{ status: MailStatus; n: number }>`
    select status, count(*)::int as n from outbox group by status
  `.execute(db);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<MailStatus, number>>;
}

// ── Digest receipts ───────────────────────────────────────────────────────────

export async function insertReceipts(tx: Transaction<DB>, rows: Insertable<DB['digestReceipts']>[]) {
  if (rows.length === 0) return;
  await tx
    .insertInto('digestReceipts')
    .values(rows)
    .onConflict((oc) => oc.columns(['month', 'personId']).doNothing())
    .execute();
}

/** Marks a digest read (once: a second click keeps the first time). */
export function markRead(tx: Transaction<DB>, month: string, personId: number, at: Date) {
  return tx
    .updateTable('digestReceipts')
    .set({ readAt: sql`coalesce(read_at, ${at})` })
    .where('month', '=', month)
    .where('personId', '=', personId)
    .returning(['readAt'])
    .executeTakeFirst();
}

export function receiptsIn(db: Kysely<DB>, month: string, scopePath: string | null, unreadOnly: boolean) {
  let q = db
    .selectFrom('digestReceipts as r')
    .innerJoin('people as p', 'p.id', 'r.personId')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'r.personId as id',
      'p.name',
      'p.nameEn',
      'u.id as unitId',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'r.sentOn',
      'r.readAt',
    ])
    .where('r.month', '=', month);
  if (scopePath !== null) q = q.where('u.path', 'like', `${escapeLike(scopePath)}%`);
  if (unreadOnly) q = q.where('r.readAt', 'is', null);
  return q;
}

/** Unread digests sent on or before `sentBy` that have had no reminder yet. */
export function unreadDigests(db: Db, sentBy: string) {
  return db
    .selectFrom('digestReceipts as r')
    .select(['r.month', 'r.personId', 'r.sentOn'])
    .where('r.readAt', 'is', null)
    .where('r.sentOn', '<=', sentBy)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as o')
            .select('o.id')
            .whereRef('o.personId', '=', 'r.personId')
            .where('o.template', '=', 'digest-reminder')
            .where(sql<boolean>`o.dedupe_key = 'digest-reminder:' || r.month || ':person:' || r.person_id`),
        ),
      ),
    )
    .execute();
}

/** Sets a person's opt-outs and gives back the ones they had. */
export async function setMailOptOut(tx: Transaction<DB>, personId: number, optOut: string[]) {
  const before = await tx
    .selectFrom('people')
    .select('mailOptOut')
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
  await tx.updateTable('people').set({ mailOptOut: optOut }).where('id', '=', personId).execute();
  return before?.mailOptOut ?? [];
}
