import type { Transaction } from 'kysely';
import type { Audit } from '../audit/write.ts';
import type { DB, FormStatus, Locale } from '../db/types.ts';
import { sourceLabels, statusLabels } from '../forms/labels.ts';
import { enqueue, type MailContext, personName, say } from './outbox.ts';
import { type MailPerson, mailPeople, supervisorsOver } from './queries.ts';
import type { TemplateName } from './templates.ts';

/**
 * The messages a form's life sends, queued in the transaction of the change: filed → its holders and the
 * department head; ready for verification → the supervisors of its unit; closed, cancelled or reopened →
 * its filer and holders.
 */
async function factsOf(tx: Transaction<DB>, formId: number) {
  return tx
    .selectFrom('forms as f')
    .innerJoin('posts as p', 'p.id', 'f.postId')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .innerJoin('people as fb', 'fb.id', 'f.filedBy')
    .select([
      'f.id',
      'f.number',
      'f.problem',
      'f.grade',
      'f.deadline',
      'f.source',
      'f.version',
      'f.unitId',
      'f.responsible',
      'f.holderIds',
      'f.filedBy',
      'p.name as postName',
      'p.nameEn as postNameEn',
      'u.name as unitName',
      'u.nameEn as unitNameEn',
      'fb.name as filerName',
      'fb.nameEn as filerNameEn',
    ])
    .where('f.id', '=', formId)
    .executeTakeFirstOrThrow();
}
type Facts = Awaited<ReturnType<typeof factsOf>>;
/** What a message about a form says of it. */
type MailFacts = Pick<
  Facts,
  | 'id'
  | 'number'
  | 'problem'
  | 'grade'
  | 'deadline'
  | 'source'
  | 'unitId'
  | 'postName'
  | 'postNameEn'
  | 'unitName'
  | 'unitNameEn'
  | 'filerName'
  | 'filerNameEn'
>;
type Named = { name: string; nameEn: string };
interface Responsible {
  holders: ({ personId: number } & Named)[];
  departmentHead: ({ id: number } & Named) | null;
}

function common(ctx: MailContext, f: MailFacts, locale: Locale) {
  const en = locale === 'en';
  return {
    number: f.number,
    problem: f.problem,
    preview: f.problem,
    grade: f.grade,
    deadline: f.deadline,
    post: en ? f.postNameEn || f.postName : f.postName,
    unit: en ? f.unitNameEn || f.unitName : f.unitName,
    url: `${ctx.publicUrl}/forms/${f.id}`,
  };
}

async function send(
  tx: Transaction<DB>,
  audit: Audit,
  ctx: MailContext,
  f: MailFacts,
  template: TemplateName,
  key: string,
  people: MailPerson[],
  data: (locale: Locale) => Record<string, unknown>,
) {
  const unique = [...new Map(people.map((p) => [p.id, p])).values()];
  await enqueue(
    tx,
    audit,
    ctx,
    unique.map((person) => ({
      key: `${key}:person:${person.id}`,
      template,
      person,
      data: { ...common(ctx, f, person.locale), ...data(person.locale) },
    })),
    f.unitId,
  );
}

/** Who is told of a filing: the holders it was traced to and the department head. */
export function filedRecipients(responsible: unknown): number[] {
  const r = responsible as Responsible;
  return [...r.holders.map((h) => h.personId), ...(r.departmentHead ? [r.departmentHead.id] : [])];
}

export async function notifyFiled(tx: Transaction<DB>, audit: Audit, ctx: MailContext, formId: number) {
  const f = await factsOf(tx, formId);
  await queueFiled(tx, audit, ctx, f, await mailPeople(tx, filedRecipients(f.responsible)));
}

/** The filing's messages from facts the caller has in hand (a new form: no need to read it back). */
export async function queueFiled(
  tx: Transaction<DB>,
  audit: Audit,
  ctx: MailContext,
  f: MailFacts,
  people: MailPerson[],
) {
  await send(tx, audit, ctx, f, 'form-filed', `form-filed:${f.id}`, people, (locale) => ({
    source: say(sourceLabels[f.source], locale),
    filedBy: personName({ name: f.filerName, nameEn: f.filerNameEn }, locale),
  }));
}

export async function notifyMove(
  tx: Transaction<DB>,
  audit: Audit,
  ctx: MailContext,
  formId: number,
  from: FormStatus,
  by: Named | null,
  reason: string | null,
) {
  const f = await factsOf(tx, formId);
  const r = f.responsible as Responsible;
  const to = (
    await tx.selectFrom('forms').select('status').where('id', '=', formId).executeTakeFirstOrThrow()
  ).status;
  if (to === 'verifying') {
    // Those who worked the form cannot verify it: they are not asked to.
    const worked = new Set([f.filedBy, ...f.holderIds]);
    const supervisors = (await supervisorsOver(tx, f.unitId)).filter((p) => !worked.has(p.id));
    await send(
      tx,
      audit,
      ctx,
      f,
      'verification-requested',
      `verification:${f.id}:v${f.version}`,
      supervisors,
      (locale) => ({
        holders: r.holders.map((h) => personName(h, locale)).join(locale === 'en' ? ', ' : '、'),
      }),
    );
    return;
  }
  const reopened = from === 'closed' && to === 'in_progress';
  if (to !== 'closed' && to !== 'cancelled' && !reopened) return;
  const people = await mailPeople(tx, [f.filedBy, ...f.holderIds]);
  await send(tx, audit, ctx, f, 'form-status', `form-status:${f.id}:v${f.version}`, people, (locale) => ({
    status: reopened ? (locale === 'en' ? 'Reopened' : '已重新打开') : say(statusLabels[to], locale),
    reason,
    by: by ? personName(by, locale) : locale === 'en' ? 'Rectify' : '系统',
    deadline: reopened ? f.deadline : null,
  }));
}
