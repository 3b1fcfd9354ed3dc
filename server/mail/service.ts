import type { z } from '@hono/zod-openapi';
import type { DB, Locale } from '../db/types.ts';
import { type AppContext, audited, hasRole, requireRole, today } from '../http/context.ts';
import { loadSettings } from '../settings/service.ts';
import { keysetPage } from '../db/list.ts';
import { afterId, toPage } from '../http/pagination.ts';
import { l, problem } from '../http/problem.ts';
import { MailTemplates } from '../settings/schema.ts';
import { type DigestOptions, queueDigest } from './digest.ts';
import { mailContext } from './outbox.ts';
import { previewData } from './previews.ts';
import {
  listOutbox,
  mailPeople,
  markRead,
  type OutboxRow,
  outboxCounts,
  outboxMessage,
  receiptsIn,
  requeue,
  setMailOptOut,
} from './queries.ts';
import type { OutboxQuery, PreferencesUpdate, ReceiptsQuery } from './schema.ts';
import { renderMail, type TemplateName } from './templates.ts';
import { readLink } from './tokens.ts';
import type { Kysely } from 'kysely';

const db = (c: AppContext): Kysely<DB> => c.get('deps').db;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function outboxItem(r: OutboxRow) {
  return {
    id: r.id,
    dedupeKey: r.dedupeKey,
    template: r.template,
    personId: r.personId,
    to: r.toAddress,
    locale: r.locale,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt) as string,
    lastError: r.lastError,
    deliveredVia: r.deliveredVia,
    createdAt: iso(r.createdAt) as string,
    sentAt: iso(r.sentAt),
  };
}

export async function outboxPage(c: AppContext, q: z.infer<typeof OutboxQuery>) {
  requireRole(c, 'admin');
  const { limit, cursor, ...filter } = q;
  const [{ rows, total }, counts] = await Promise.all([
    keysetPage(listOutbox(db(c), filter), 'o.id', afterId(cursor), limit, 'desc'),
    outboxCounts(db(c)),
  ]);
  return {
    ...toPage(rows.map(outboxItem), limit, total, (r) => [r.id]),
    counts: {
      pending: counts.pending ?? 0,
      sending: counts.sending ?? 0,
      sent: counts.sent ?? 0,
      failed: counts.failed ?? 0,
    },
    delivery: c.get('deps').mailDelivery ?? ('viewer' as const),
  };
}

/** One message as its recipient sees it (the built-in mail viewer). */
export async function outboxMessageView(c: AppContext, id: number) {
  requireRole(c, 'admin');
  const row = await outboxMessage(db(c), id);
  if (!row) throw problem.notFound(l('message', '邮件'));
  const { html, text } = renderMail(row.template as TemplateName, row.locale, row.data as object);
  return { ...outboxItem(row), html, text };
}

/** Sends a failed message again from the next drain. */
export async function retryMessage(c: AppContext, id: number) {
  requireRole(c, 'admin');
  await audited(c, async (tx, audit) => {
    const row = await requeue(tx, id, new Date());
    if (!row) {
      throw problem.conflict(l('Only a failed message is sent again.', '只有发送失败的邮件可以重发。'));
    }
    await audit({
      action: 'mail.requeued',
      entityType: 'outbox',
      entityId: id,
      after: { status: 'pending' },
    });
  });
  return outboxMessageView(c, id);
}

export function previews(c: AppContext) {
  requireRole(c, 'admin');
  const { publicUrl } = c.get('deps');
  const items = (['zh-CN', 'en'] as Locale[]).flatMap((locale) =>
    (MailTemplates as readonly TemplateName[]).map((template) => ({
      template,
      locale,
      ...renderMail(template, locale, previewData(template, locale, publicUrl)),
    })),
  );
  return { items };
}

export async function runDigest(c: AppContext, month: string, options: Partial<DigestOptions> = {}) {
  requireRole(c, 'admin');
  if (month >= today(c).slice(0, 7)) {
    throw problem.validation([
      { path: 'month', message: l('only a month that has ended', '只能为已结束的月份'), in: 'body' },
    ]);
  }
  const { db, publicUrl, timeZone, hasher } = c.get('deps');
  const ctx = await mailContext(db, publicUrl, timeZone);
  return queueDigest(db, ctx, month, { today: today(c), hasher, ...options });
}

/** Who was sent a month's digest and who confirmed reading it: leaders their units, admins everyone. */
export async function receiptsOf(c: AppContext, month: string, q: z.infer<typeof ReceiptsQuery>) {
  const person = requireRole(c, 'admin', 'leader');
  const scope = hasRole(person, 'admin') ? null : person.unitPath;
  const base = receiptsIn(db(c), month, scope, false);
  const page = await keysetPage(
    q.unread === 'true' ? base.where('r.readAt', 'is', null) : base,
    'r.personId',
    afterId(q.cursor),
    q.limit,
  );
  const read = await receiptsIn(db(c), month, scope, false)
    .clearSelect()
    .select((eb) => [eb.fn.countAll<number>().as('sent'), eb.fn.count<number>('r.readAt').as('read')])
    .executeTakeFirstOrThrow();
  return {
    ...toPage(
      page.rows.map((r) => ({
        person: { id: r.id, name: r.name, nameEn: r.nameEn },
        unit: { id: r.unitId, name: r.unitName, nameEn: r.unitNameEn },
        sentOn: r.sentOn,
        readAt: iso(r.readAt),
      })),
      q.limit,
      page.total,
      (r) => [r.person.id],
    ),
    sent: Number(read.sent),
    read: Number(read.read),
  };
}

const badLink = () =>
  problem.validation([
    {
      path: 'token',
      message: l('this link is not valid (altered, or for something else)', '链接无效（已被改动或用途不符）'),
      in: 'body',
    },
  ]);

/** "I have read this": the signed link from the digest, no sign-in needed. */
export async function readDigest(c: AppContext, token: string) {
  const claims = await readLink(db(c), token, 'digest-read');
  if (!claims?.month) throw badLink();
  const month = claims.month;
  const at = new Date();
  const row = await audited(c, async (tx, audit) => {
    const row = await markRead(tx, month, claims.personId, at);
    if (!row) throw problem.notFound(l('digest receipt', '月度汇总回执'));
    await audit({
      action: 'digest.read',
      entityType: 'person',
      entityId: claims.personId,
      actorId: claims.personId,
      after: { month, readAt: iso(row.readAt) },
    });
    return row;
  });
  return { month, readAt: iso(row.readAt) as string };
}

/** Whose preferences: the signed-in person, or the one an email's preferences link names. */
async function preferencesOwner(c: AppContext, token: string | undefined) {
  if (token) {
    const claims = await readLink(db(c), token, 'preferences');
    if (!claims) throw badLink();
    return claims.personId;
  }
  const person = c.get('person');
  if (!person) throw problem.unauthenticated();
  return person.id;
}

export async function getPreferences(c: AppContext, token: string | undefined) {
  const id = await preferencesOwner(c, token);
  const [person] = await mailPeople(db(c), [id]);
  if (!person) throw problem.notFound(l('person', '人员'));
  const { mandatoryMail } = await loadSettings(db(c));
  return {
    person: { id: person.id, name: person.name, nameEn: person.nameEn },
    templates: MailTemplates.map((template) => {
      const mandatory = mandatoryMail.includes(template);
      return { template, mandatory, enabled: mandatory || !person.mailOptOut.includes(template) };
    }),
  };
}

export async function setPreferences(c: AppContext, body: z.infer<typeof PreferencesUpdate>) {
  const id = await preferencesOwner(c, body.token);
  const { mandatoryMail } = await loadSettings(db(c));
  const refused = body.optOut.findIndex((t) => mandatoryMail.includes(t));
  if (refused >= 0) {
    throw problem.validation([
      {
        path: `optOut.${refused}`,
        message: l('the centre requires this message', '中心规定此类邮件必须接收'),
        in: 'body',
      },
    ]);
  }
  const optOut = [...new Set(body.optOut)].sort();
  await audited(c, async (tx, audit) => {
    const before = await setMailOptOut(tx, id, optOut);
    await audit({
      action: 'person.mail_preferences_changed',
      entityType: 'person',
      entityId: id,
      actorId: id,
      before: { mailOptOut: before },
      after: { mailOptOut: optOut },
    });
  });
  return getPreferences(c, body.token);
}
