import { type Kysely, sql } from 'kysely';
import type { Hasher } from '../audit/chain.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../calendar/calendar.ts';
import type { DB, Locale } from '../db/types.ts';
import { pointsDueBy } from '../inspections/queries.ts';
import { enqueueAll, type MailContext, type OutgoingMail, personName } from './outbox.ts';
import { type MailPerson, mailPeople, unreadDigests } from './queries.ts';

/**
 * The daily reminder: on each working day, one message per person listing everything due — their yellow
 * and red cards, forms escalated to them as leader in charge, and (supervisors) the risk points due for
 * checking this week. Queued under reminder:<day>:person:<id>, so running the job twice sends one.
 * Unread monthly digests get their one follow-up here too.
 */
interface ActiveForm {
  id: number;
  number: string;
  problem: string;
  deadline: string;
  holderIds: number[];
  responsible: {
    holders: { personId: number; name: string; nameEn: string }[];
    departmentHead: { id: number } | null;
    leaderInCharge: { id: number } | null;
  };
  postName: string;
  postNameEn: string;
  unitName: string;
  unitNameEn: string;
}

type Role = 'holder' | 'head' | 'leader';
interface Due {
  red: { form: ActiveForm; late: number; role: Role }[];
  escalated: { form: ActiveForm; late: number }[];
  yellow: { form: ActiveForm; left: number }[];
  points: Awaited<ReturnType<typeof pointsDueBy>>;
}

const ROLE: Record<Role, { 'zh-CN': string; en: string }> = {
  holder: { 'zh-CN': '您是责任人', en: 'you hold the post' },
  head: { 'zh-CN': '您是部门负责人', en: 'you head the department' },
  leader: { 'zh-CN': '您是分管领导', en: 'you are the leader in charge' },
};

function days(n: number, locale: Locale) {
  return locale === 'en' ? `${n} working day${n === 1 ? '' : 's'}` : `${n} 个工作日`;
}

export interface JobMeta {
  hasher?: Hasher;
}

export async function queueReminders(db: Kysely<DB>, ctx: MailContext, day: string, meta: JobMeta = {}) {
  const rule = ctx.settings;
  if (!isWorkingDay(day, rule)) return { queued: 0, digestReminders: 0 };
  const { rows: forms } = await sql<ActiveForm>`
    select f.id, f.number, f.problem, f.deadline, f.holder_ids, f.responsible,
           p.name as post_name, p.name_en as post_name_en, u.name as unit_name, u.name_en as unit_name_en
    from forms f join posts p on p.id = f.post_id join units u on u.id = f.unit_id
    where f.status in ('open', 'in_progress', 'verifying') and f.yellow_on <= ${day}::date
    order by f.deadline, f.id
  `.execute(db);
  const due = new Map<number, Due>();
  const of = (id: number) => {
    let d = due.get(id);
    if (!d) {
      d = { red: [], escalated: [], yellow: [], points: [] };
      due.set(id, d);
    }
    return d;
  };
  // Many forms share a deadline: count its working days once.
  const spans = new Map<string, number>();
  const span = (from: string, to: string) => {
    const key = `${from}:${to}`;
    let n = spans.get(key);
    if (n === undefined) {
      n = workingDaysBetween(from, to, rule);
      spans.set(key, n);
    }
    return n;
  };
  for (const form of forms) {
    if (form.deadline < day) {
      const late = span(form.deadline, day);
      for (const id of form.holderIds) of(id).red.push({ form, late, role: 'holder' });
      const head = form.responsible.departmentHead?.id;
      if (head !== undefined && !form.holderIds.includes(head))
        of(head).red.push({ form, late, role: 'head' });
      const leader = form.responsible.leaderInCharge?.id;
      if (leader !== undefined && late > rule.escalateAfterWorkingDays)
        of(leader).escalated.push({ form, late });
    } else {
      const left = span(day, form.deadline);
      for (const id of form.holderIds) of(id).yellow.push({ form, left });
    }
  }

  // Supervisors: points due for checking by the end of this week, in their units. Each point's next due
  // date counts from its latest check up to today (a cycle that starts tomorrow), so a point checked early
  // this month and due again early next month is listed in the week before.
  const tomorrow = nextDay(day);
  const weekEnd = addWorkingDays(day, 5, rule);
  const points = await pointsDueBy(
    db,
    { start: tomorrow, end: tomorrow, today: day, every: rule.checkFrequencyMonths, timeZone: ctx.timeZone },
    weekEnd,
  );
  const supervisors = await db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['p.id', 'u.path'])
    .where('p.active', '=', true)
    .where(sql<boolean>`'supervisor' = any(p.roles)`)
    .execute();
  for (const s of supervisors) {
    const mine = points.filter((pt) => pt.unitPath.startsWith(s.path));
    if (mine.length > 0) of(s.id).points = mine;
  }

  const people = new Map((await mailPeople(db, [...due.keys()])).map((p) => [p.id, p]));
  const mails: OutgoingMail[] = [];
  for (const [id, d] of due) {
    const person = people.get(id);
    if (!person) continue;
    mails.push({
      key: `reminder:${day}:person:${id}`,
      template: 'reminder',
      person,
      data: reminderData(ctx, person, day, d),
    });
  }

  const unread = await unreadDigests(db, day);
  const readers = new Map(
    (
      await mailPeople(
        db,
        unread.map((u) => u.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const followUps: OutgoingMail[] = [];
  for (const u of unread) {
    const person = readers.get(u.personId);
    if (!person || span(u.sentOn, day) < rule.digestReminderWorkingDays) continue;
    const token = await ctx.sign({ purpose: 'digest-read', personId: u.personId, month: u.month });
    followUps.push({
      key: `digest-reminder:${u.month}:person:${u.personId}`,
      template: 'digest-reminder',
      person,
      data: { month: u.month, readUrl: `${ctx.publicUrl}/digest/read?token=${token}`, url: ctx.publicUrl },
    });
  }

  const job = { requestId: `reminders:${day}`, hasher: meta.hasher };
  return {
    queued: await enqueueAll(db, ctx, mails, job),
    digestReminders: await enqueueAll(db, ctx, followUps, job),
  };
}

function reminderData(ctx: MailContext, person: MailPerson, day: string, d: Due) {
  const locale = person.locale;
  const en = locale === 'en';
  const row = (f: ActiveForm) => ({
    number: f.number,
    problem: f.problem,
    deadline: f.deadline,
    post: en ? f.postNameEn || f.postName : f.postName,
    unit: en ? f.unitNameEn || f.unitName : f.unitName,
    url: `${ctx.publicUrl}/forms/${f.id}`,
  });
  const inspections = d.points.slice(0, 15).map((p) => ({
    code: p.code,
    description: p.description,
    grade: p.grade,
    dueOn: p.dueOn,
  }));
  const counts = [d.red.length, d.escalated.length, d.yellow.length, d.points.length];
  const summary = en
    ? `${counts[0]} overdue, ${counts[1]} escalated, ${counts[2]} deadline near, ${counts[3]} checks due`
    : `超期 ${counts[0]} 条，逐级提醒 ${counts[1]} 条，临近期限 ${counts[2]} 条，应督查 ${counts[3]} 个`;
  return {
    date: day,
    preview: summary,
    summary,
    escalateAfter: ctx.settings.escalateAfterWorkingDays,
    red: d.red.map((r) => ({ ...row(r.form), late: days(r.late, locale), role: ROLE[r.role][locale] })),
    escalated: d.escalated.map((r) => ({
      ...row(r.form),
      late: days(r.late, locale),
      holders: r.form.responsible.holders.map((h) => personName(h, locale)).join(en ? ', ' : '、'),
    })),
    yellow: d.yellow.map((r) => ({ ...row(r.form), left: days(r.left, locale) })),
    inspections,
    moreInspections: Math.max(0, d.points.length - inspections.length),
    url: ctx.publicUrl,
  };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
