import type { Kysely, Transaction } from 'kysely';
import type { Audit } from '../audit/write.ts';
import { jsonb } from '../db/database.ts';
import type { DB, Insertable, Locale } from '../db/types.ts';
import { loadSettings } from '../settings/service.ts';
import type { SettingsValues } from '../settings/schema.ts';
import type { Hasher } from '../audit/chain.ts';
import { auditedWrite } from '../audit/write.ts';
import { insertOutbox, type MailPerson } from './queries.ts';

type QueuedRow = Awaited<ReturnType<typeof insertOutbox>>[number];
import { renderSubject, type TemplateName } from './templates.ts';
import { type LinkClaims, signingKey, signLink } from './tokens.ts';

/** What every message needs besides its own facts: where links point, the centre's name, the rules. */
export interface MailContext {
  /** Signs a link; the key is loaded before any transaction (PGlite has one connection to wait on). */
  sign: (claims: LinkClaims) => Promise<string>;
  publicUrl: string;
  centre: { 'zh-CN': string; en: string };
  settings: SettingsValues;
  timeZone: string;
}

export async function mailContext(
  db: Kysely<DB>,
  publicUrl: string,
  timeZone: string,
  /** The settings when the caller has read them already. */
  known?: Promise<SettingsValues>,
): Promise<MailContext> {
  const [settings, , root] = await Promise.all([
    known ?? loadSettings(db),
    signingKey(db),
    db
      .selectFrom('units')
      .select(['name', 'nameEn'])
      .where('parentId', 'is', null)
      .orderBy('sortOrder')
      .orderBy('id')
      .executeTakeFirst(),
  ]);
  return {
    sign: (claims) => signLink(db, claims),
    publicUrl: publicUrl.replace(/\/$/, ''),
    centre: { 'zh-CN': root?.name ?? '政务服务中心', en: root?.nameEn || 'the service centre' },
    settings,
    timeZone,
  };
}

export const personName = (p: { name: string; nameEn: string }, locale: Locale) =>
  locale === 'en' ? p.nameEn || p.name : p.name;

/** A label in the recipient's language. */
export const say = (label: { 'zh-CN': string; en: string } | undefined, locale: Locale) =>
  label?.[locale] ?? '';

export interface OutgoingMail {
  /** Unique per message, e.g. form-filed:123:person:42; queuing the same key again does nothing. */
  key: string;
  template: TemplateName;
  person: MailPerson;
  /** The template's facts for this recipient (already in their language). */
  data: Record<string, unknown>;
}

/** Whether a person gets a message: mandatory ones always, optional ones unless they turned them off. */
export function wants(ctx: MailContext, person: MailPerson, template: TemplateName): boolean {
  return ctx.settings.mandatoryMail.includes(template) || !person.mailOptOut.includes(template);
}

/** A message's row: the recipient's language, the common facts, the preferences link on optional ones. */
export async function outboxRow(ctx: MailContext, m: OutgoingMail): Promise<Insertable<DB['outbox']>> {
  const locale = m.person.locale;
  const optional = !ctx.settings.mandatoryMail.includes(m.template);
  const prefsUrl = optional
    ? `${ctx.publicUrl}/mail/preferences?token=${await ctx.sign({ purpose: 'preferences', personId: m.person.id })}`
    : null;
  const data = { ...m.data, name: personName(m.person, locale), centre: ctx.centre[locale], prefsUrl };
  return {
    dedupeKey: m.key,
    template: m.template,
    personId: m.person.id,
    toAddress: m.person.email.toLowerCase(),
    locale,
    subject: renderSubject(m.template, locale, data),
    data: jsonb(data),
  };
}

/**
 * Writes messages to the outbox in the caller's transaction, so they go out if and only if the change that
 * caused them commits, and each dedupe key at most once. Optional messages a person turned off are left out.
 */
export async function enqueue(
  tx: Transaction<DB>,
  audit: Audit,
  ctx: MailContext,
  mails: OutgoingMail[],
  unitId: number | null = null,
) {
  const rows = await Promise.all(
    mails.filter((m) => wants(ctx, m.person, m.template)).map((m) => outboxRow(ctx, m)),
  );
  const queued = await insertOutbox(tx, rows);
  if (queued.length > 0) {
    await audit({
      action: 'mail.queued',
      entityType: 'outbox',
      entityId: queued[0]?.id ?? null,
      unitId,
      after: { messages: queued.map((q) => ({ id: q.id, key: q.dedupeKey, personId: q.personId })) },
    });
  }
  return queued;
}

/**
 * Queues many messages (a job's: reminders, a digest) in transactions of `batch`, each audited. A batch
 * whose keys were all queued before (a job run again, or resumed after a stop) records that it found
 * nothing new. `afterBatch` adds the batch's own rows (digest receipts) in the same transaction.
 */
export async function enqueueAll(
  db: Kysely<DB>,
  ctx: MailContext,
  mails: OutgoingMail[],
  meta: { requestId: string; hasher?: Hasher },
  options: {
    batch?: number;
    afterBatch?: (tx: Transaction<DB>, queued: QueuedRow[], index: number) => Promise<void>;
    /** After each batch has committed. */
    committed?: () => void;
  } = {},
): Promise<number> {
  const size = options.batch ?? 500;
  let total = 0;
  for (let i = 0; i < mails.length; i += size) {
    const slice = mails.slice(i, i + size);
    total += await auditedWrite(
      db,
      { actorId: null, requestId: meta.requestId, hasher: meta.hasher },
      async (tx, audit) => {
        const queued = await enqueue(tx, audit, ctx, slice);
        if (queued.length === 0) {
          await audit({
            action: 'mail.already_queued',
            entityType: 'outbox',
            entityId: null,
            after: { job: meta.requestId, messages: slice.length },
          });
        }
        await options.afterBatch?.(tx, queued, i / size);
        return queued.length;
      },
    );
    options.committed?.();
  }
  return total;
}
