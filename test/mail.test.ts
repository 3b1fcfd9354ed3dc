import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHasher } from '../server/audit/node-hasher.ts';
import type { Database } from '../server/db/database.ts';
import { queueDigest } from '../server/mail/digest.ts';
import { mailContext } from '../server/mail/outbox.ts';
import { queueReminders } from '../server/mail/reminders.ts';
import { httpDelivery } from '../server/mail/http-api.ts';
import { drainOutbox } from '../server/mail/sender.ts';
import { smtpDelivery } from '../server/mail/smtp.ts';
import { signLink } from '../server/mail/tokens.ts';
import { DEMO, expectProblem, type Harness, harness, PUBLIC_URL, uniqueCode } from './helpers/app.ts';
import { ACCOUNTED, ROOT_CAUSE, VERIFIED } from './helpers/forms.ts';
import { type Received, startSmtp } from './helpers/smtp.ts';

/**
 * Email end to end: messages are queued in the transaction of the change, drained by the sender through
 * nodemailer to a real SMTP server started here, and parsed on arrival. The app's clock stands on
 * 2026-11-20 (a Friday).
 */
const TODAY = '2026-11-20';
let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: string;

interface Person {
  id: number;
  email: string;
  cookie: string;
}
/** A unit with one window post: its holder (reads English), department head, leader in charge, supervisor. */
let world: {
  unitId: number;
  postId: number;
  holder: Person;
  head: Person;
  leader: Person;
  supervisor: Person;
};

async function person(unitId: number, roles: string[], locale = 'zh-CN'): Promise<Person> {
  const email = `${uniqueCode('m').toLowerCase()}@centre.example`;
  const res = await h.call('POST', '/api/people', {
    cookie: admin,
    body: {
      name: `邮件${roles[0]}`,
      nameEn: `Mail ${roles[0]}`,
      email,
      unitId,
      roles,
      locale,
      password: 'a-long-password',
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { id: (await res.json()).id, email, cookie: await h.signIn(email, 'a-long-password') };
}

function drain(url = smtp.url, now?: () => Date) {
  return drainOutbox(h.database.db, smtpDelivery(url, 'Rectify <rectify@centre.example>'), {
    host: 'localhost',
    hasher: nodeHasher,
    backoffMs: 60_000,
    now,
  });
}

function hrefs(html: string) {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
}

async function outboxOf(database: Database, personId: number, template: string) {
  const { rows } = await sql<{ dedupe_key: string; status: string; attempts: number }>`
    select dedupe_key, status, attempts from outbox where person_id = ${personId} and template = ${template} order by id
  `.execute(database.db.withoutPlugins());
  return rows;
}

beforeAll(async () => {
  h = await harness({ now: () => new Date(`${TODAY}T03:00:00Z`) });
  // Other test files queue mail too; what they queued is not this file's to deliver.
  await sql`update outbox set status = 'sent', delivered_via = 'viewer' where status = 'pending'`.execute(
    h.database.db,
  );
  smtp = await startSmtp();
  admin = await h.signIn(DEMO.admin);
  const root = (await (await h.call('GET', '/api/units?root=true', { cookie: admin })).json()).items[0];
  const unit = await (
    await h.call('POST', '/api/units', {
      cookie: admin,
      body: {
        code: uniqueCode('MU'),
        name: '邮件测试科',
        nameEn: 'Mail test section',
        level: 'city',
        kind: 'section',
        parentId: root.id,
      },
    })
  ).json();
  const holder = await person(unit.id, ['holder'], 'en');
  const head = await person(unit.id, ['leader']);
  const leader = await person(unit.id, ['leader']);
  const supervisor = await person(unit.id, ['supervisor']);
  const post = await h.call('POST', '/api/posts', {
    cookie: admin,
    body: {
      code: uniqueCode('MP'),
      name: '邮件测试窗口',
      nameEn: 'Mail test window',
      kind: 'window',
      unitId: unit.id,
      departmentHeadId: head.id,
      leaderInChargeId: leader.id,
    },
  });
  const postId = (await post.clone().json()).id;
  const assigned = await h.call('POST', `/api/posts/${postId}/assignments`, {
    cookie: admin,
    headers: { 'If-Match': post.headers.get('etag') as string },
    body: { personId: holder.id, fromDate: '2024-01-01' },
  });
  expect(assigned.status).toBe(200);
  world = { unitId: unit.id, postId, holder, head, leader, supervisor };
});

afterAll(async () => {
  await smtp.close();
});

async function file(problem = '受理时未一次性告知需补正的全部材料', grade = 'B') {
  const res = await h.call('POST', '/api/forms', {
    cookie: world.holder.cookie,
    body: { problem, occurredOn: '2026-11-02', source: 'self_inspection', postId: world.postId, grade },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await res.json()), etag: res.headers.get('etag') as string };
}

describe('a form filed', () => {
  let form: { id: number; number: string };
  let toHolder: Received;
  let toHead: Received;

  beforeAll(async () => {
    form = await file('<script>alert("x")</script> 窗口未一次性告知 & 申请人往返两次');
    await drain();
    toHolder = smtp.to(world.holder.email)[0] as Received;
    toHead = smtp.to(world.head.email)[0] as Received;
  });

  it('reaches the responsible holder and the department head, each once, in their own language', async () => {
    expect(smtp.to(world.holder.email)).toHaveLength(1);
    expect(smtp.to(world.head.email)).toHaveLength(1);
    expect(smtp.to(world.leader.email)).toHaveLength(0);
    expect(toHolder?.mail.subject).toBe(
      `[Rectify] Form ${form.number} filed on your post — due ${(await formOf(form.id)).deadline}`,
    );
    expect(toHead?.mail.subject).toMatch(new RegExp(`^【持续改进】您的岗位登记了改进记录 ${form.number}`));
    expect(toHolder?.mail.from?.text).toContain('rectify@centre.example');
    expect(toHolder?.mail.messageId).toMatch(/^<outbox-\d+@localhost>$/);
  });

  it('has an HTML and a text part, and every link points at PUBLIC_URL', () => {
    const html = toHolder?.mail.html as string;
    const text = toHolder?.mail.text as string;
    expect(html).toContain('Dear Mail holder,');
    expect(text).toContain('Dear Mail holder,');
    expect(text).toContain(`${PUBLIC_URL}/forms/${form.id}`);
    const links = hrefs(html);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(PUBLIC_URL)).toBe(true);
    // Nothing fetched from another host: no images, fonts or style sheets.
    expect(html).not.toMatch(/<img|<link|@import|url\(/i);
  });

  it('escapes what people typed', () => {
    const html = toHolder?.mail.html as string;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp; 申请人往返两次');
    // The text part is not markup: it says what was typed.
    expect(toHolder?.mail.text).toContain('<script>alert("x")</script>');
  });

  it('names no preference link on a mandatory message', () => {
    expect(toHolder?.mail.text).toContain('The centre requires this message');
    expect(toHead?.mail.text).toContain('此类邮件为中心规定必收');
  });
});

async function formOf(id: number) {
  return (await h.call('GET', `/api/forms/${id}`, { cookie: admin })).json();
}

async function move(form: { id: number; etag: string }, cookie: string, body: unknown, method = 'POST') {
  const res = await h.call(
    method,
    method === 'POST' ? `/api/forms/${form.id}/transitions` : `/api/forms/${form.id}`,
    {
      cookie,
      body,
      headers: { 'If-Match': form.etag },
    },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return { ...(await res.json()), etag: res.headers.get('etag') as string };
}

describe('the life of a form', () => {
  it('asks the unit’s supervisors to verify, and tells filer and holders it closed — unless they opted out', async () => {
    let form = await file();
    form = await move(
      form,
      world.holder.cookie,
      {
        rootCause: ROOT_CAUSE,
        measures: [
          {
            kind: 'immediate',
            text: '当场补正',
            ownerId: world.holder.id,
            dueOn: '2026-12-31',
            doneOn: TODAY,
          },
        ],
      },
      'PATCH',
    );
    form = await move(form, world.holder.cookie, { to: 'in_progress' });
    form = await move(form, world.holder.cookie, { to: 'verifying' });
    await drain();
    const asked = smtp.to(world.supervisor.email);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.mail.subject).toBe(`【持续改进】改进记录 ${form.number} 待验证`);
    // The holder worked it, so is not asked to verify it.
    expect(smtp.to(world.holder.email).filter((r) => r.mail.subject?.includes('verification'))).toHaveLength(
      0,
    );

    // form-status is optional: the holder turns it off with the link from an email (no sign-in).
    const token = await signLink(h.database.db, { purpose: 'preferences', personId: world.holder.id });
    const prefs = await h.call('PUT', '/api/mail/preferences', { body: { token, optOut: ['form-status'] } });
    expect(prefs.status, await prefs.clone().text()).toBe(200);
    expect((await prefs.json()).templates).toContainEqual({
      template: 'form-status',
      mandatory: false,
      enabled: false,
    });
    const refused = await expectProblem(
      await h.call('PUT', '/api/mail/preferences', { body: { token, optOut: ['digest'] } }),
      400,
    );
    expect(refused.errors?.[0]?.path).toBe('optOut.0');
    await expectProblem(
      await h.call('PUT', '/api/mail/preferences', { body: { token: `${token}x`, optOut: [] } }),
      400,
    );

    const before = smtp.to(world.holder.email).length;
    form = await move(form, world.supervisor.cookie, {
      to: 'closed',
      verification: VERIFIED,
      accountability: ACCOUNTED,
    });
    await drain();
    expect(smtp.to(world.holder.email)).toHaveLength(before);
    expect(await outboxOf(h.database, world.holder.id, 'form-status')).toEqual([]);

    // Back on, the next change reaches them, with a working preferences link.
    const on = await h.call('PUT', '/api/mail/preferences', {
      cookie: world.holder.cookie,
      body: { optOut: [] },
    });
    expect(on.status).toBe(200);
    form = await move(form, world.supervisor.cookie, { to: 'in_progress', reason: '复查发现同类问题' });
    await drain();
    const reopened = smtp.to(world.holder.email).at(-1);
    expect(reopened?.mail.subject).toBe(`[Rectify] Form ${form.number}: Reopened`);
    expect(reopened?.mail.text).toContain('复查发现同类问题');
    const link = hrefs(reopened?.mail.html as string).find((l) => l.includes('/mail/preferences?token='));
    expect(link?.startsWith(`${PUBLIC_URL}/mail/preferences?token=`)).toBe(true);
    const linked = new URL(link as string).searchParams.get('token') as string;
    const read = await h.call('GET', `/api/mail/preferences?token=${encodeURIComponent(linked)}`);
    expect(read.status).toBe(200);
    expect((await read.json()).person.id).toBe(world.holder.id);
  });
});

describe('daily reminders', () => {
  let late: { id: number; number: string };
  let near: { id: number; number: string };
  let ctx: Awaited<ReturnType<typeof mailContext>>;

  beforeAll(async () => {
    ctx = await mailContext(h.database.db, PUBLIC_URL, 'Asia/Shanghai');
    const setDeadline = async (deadline: string) => {
      const form = await file();
      return move(form, world.supervisor.cookie, { deadline }, 'PATCH');
    };
    late = await setDeadline('2026-11-23');
    near = await setDeadline('2026-11-30');
  });

  const reminders = (p: Person) =>
    smtp
      .to(p.email)
      .filter((r) => r.mail.subject?.includes('reminders') || r.mail.subject?.includes('待办提醒'));

  it('sends each person one message a day, listing everything due, and escalates after the working days set', async () => {
    // Thursday: 3 working days late — red for holder and head, not yet the leader's.
    await queueReminders(h.database.db, ctx, '2026-11-26', { hasher: nodeHasher });
    await drain();
    expect(reminders(world.holder)).toHaveLength(1);
    expect(reminders(world.head)).toHaveLength(1);
    expect(reminders(world.leader)).toHaveLength(0);

    // Friday: 4 working days late — the leader in charge hears of it; the job runs twice, one message each.
    const first = await queueReminders(h.database.db, ctx, '2026-11-27', { hasher: nodeHasher });
    const again = await queueReminders(h.database.db, ctx, '2026-11-27', { hasher: nodeHasher });
    expect(first.queued).toBeGreaterThan(0);
    expect(again.queued).toBe(0);
    await drain();
    const holderMail = reminders(world.holder);
    expect(holderMail).toHaveLength(2);
    const friday = holderMail[1]?.mail;
    expect(friday?.subject).toBe('[Rectify] Your reminders for 2026-11-27');
    // One message with both: the overdue form and the one whose deadline is near.
    expect(friday?.text).toContain('Overdue (red card)');
    expect(friday?.text).toContain(late.number);
    expect(friday?.text).toContain('Deadline near (yellow card)');
    expect(friday?.text).toContain(near.number);
    const escalated = reminders(world.leader);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.mail.text).toContain('逐级提醒：超期超过 3 个工作日');
    expect(escalated[0]?.mail.text).toContain(late.number);
    expect(escalated[0]?.mail.text).not.toContain(near.number);
    // Sections with nothing in them are left out of both parts.
    expect(escalated[0]?.mail.html).toContain('逐级提醒');
    expect(escalated[0]?.mail.html).not.toContain('已超期（红牌）');
    expect(escalated[0]?.mail.text).not.toContain('已超期（红牌）');

    // Saturday is not a working day: nothing.
    expect(await queueReminders(h.database.db, ctx, '2026-11-28', { hasher: nodeHasher })).toEqual({
      queued: 0,
      digestReminders: 0,
    });
  });
});

describe('checks due this week', () => {
  it('reach the supervisor of the unit, counted from the latest check — across a month end', async () => {
    const item = (await (await h.call('GET', '/api/approval-items?limit=1', { cookie: admin })).json())
      .items[0];
    const me = await (await h.call('GET', '/api/me', { cookie: world.supervisor.cookie })).json();
    const point = await h.call('POST', '/api/risk-points', {
      cookie: admin,
      body: {
        code: uniqueCode('MRP'),
        approvalItemId: item.id,
        stage: 'accept',
        postId: world.postId,
        description: '邮件测试风险点：未核验原件',
        category: 'process',
        grade: 'A',
        likelihood: 3,
        impact: 3,
        discretion: 2,
        confirmedById: me.id,
      },
    });
    expect(point.status, await point.clone().text()).toBe(201);
    const { id, code } = await point.json();
    const checked = await h.call('POST', '/api/inspections', {
      cookie: world.supervisor.cookie,
      body: {
        riskPointId: id,
        method: 'phone',
        checkedOn: '2026-11-03',
        result: 'pass',
        notes: '电话回访，无问题',
      },
    });
    expect(checked.status).toBe(201);
    // Monthly: due again on 3 December, inside the week that starts on Monday 30 November.
    const ctx = await mailContext(h.database.db, PUBLIC_URL, 'Asia/Shanghai');
    await queueReminders(h.database.db, ctx, '2026-11-30', { hasher: nodeHasher });
    await drain();
    const mail = smtp.to(world.supervisor.email).find((r) => r.mail.subject?.includes('2026-11-30'));
    expect(mail?.mail.text).toContain('本周应督查的风险防控点');
    expect(mail?.mail.text).toContain(`${code} [A]`);
    expect(mail?.mail.text).toContain('2026-12-03');
  });
});

/** Everyone the digest must reach: holding a post that day, or a supervisor or leader. */
async function accountable(today: string) {
  const { rows } = await sql<{ id: number }>`
    select p.id from people p
    where p.active and (p.roles && array['supervisor', 'leader']::text[] or p.id in (
      select person_id from assignments where from_date <= ${today}::date and (to_date is null or to_date >= ${today}::date)))
  `.execute(h.database.db);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

async function digestKeys(month: string) {
  const { rows } = await sql<{ person_id: number }>`
    select person_id from outbox where template = 'digest' and dedupe_key like ${`digest:${month}:%`} order by person_id
  `.execute(h.database.db.withoutPlugins());
  return rows.map((r) => r.person_id);
}

describe('the monthly digest', () => {
  it('reaches every accountable person exactly once; a second run queues nothing', async () => {
    const run = await h.call('POST', '/api/digests/run', { cookie: admin, body: { month: '2026-10' } });
    expect(run.status, await run.clone().text()).toBe(200);
    const first = await run.json();
    const everyone = await accountable(TODAY);
    expect(first).toEqual({ queued: everyone.length, recipients: everyone.length });
    expect(await digestKeys('2026-10')).toEqual(everyone);
    const second = await (
      await h.call('POST', '/api/digests/run', { cookie: admin, body: { month: '2026-10' } })
    ).json();
    expect(second.queued).toBe(0);
    await expectProblem(
      await h.call('POST', '/api/digests/run', { cookie: world.leader.cookie, body: { month: '2026-10' } }),
      403,
    );
    // A month that has not ended has no digest yet (its keys would be spent).
    const early = await expectProblem(
      await h.call('POST', '/api/digests/run', { cookie: admin, body: { month: '2026-11' } }),
      400,
    );
    expect(early.errors?.[0]?.path).toBe('month');

    await drain();
    const mine = smtp.to(world.leader.email).filter((r) => r.mail.subject?.includes('月度汇总'));
    expect(mine).toHaveLength(1);
    const digest = mine[0]?.mail;
    expect(digest?.subject).toBe('【持续改进】2026-10 月度汇总');
    // Leaders get their units' figures and the chain head at the month's end.
    expect(digest?.text).toContain('所辖单位情况');
    expect(digest?.text).toMatch(/审计留痕：2026-10 月末链头: seq \d+ · [0-9a-f]{64}/);
    const holderDigest = smtp.to(world.holder.email).find((r) => r.mail.subject?.includes('Monthly digest'));
    expect(holderDigest?.mail.subject).toBe('[Rectify] Monthly digest for 2026-10');
    expect(holderDigest?.mail.text).toContain('Your open forms, most urgent first');
    expect(holderDigest?.mail.text).not.toContain('Your units in');
    expect(holderDigest?.mail.html).toContain('Your open forms, most urgent first');
    expect(holderDigest?.mail.html).not.toContain('Your units in');
    expect(holderDigest?.mail.html).not.toContain('Audit trail, end of');
    expect(holderDigest?.mail.html).not.toMatch(/and 0 more/);
    expect(digest?.html).toContain('审计留痕');
    expect(holderDigest?.mail.html).toMatch(/<html lang="en"/);
    // Every digest sent went out once: one Message-ID each.
    const ids = smtp.received.filter((r) => r.mail.subject?.includes('2026-10')).map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a signed “I have read this” link, and the leader sees who has not read it', async () => {
    const digest = smtp.to(world.holder.email).find((r) => r.mail.subject?.includes('Monthly digest'));
    const link = hrefs(digest?.mail.html as string).find((l) => l.includes('/digest/read?token='));
    expect(link?.startsWith(`${PUBLIC_URL}/digest/read?token=`)).toBe(true);
    const token = new URL(link as string).searchParams.get('token') as string;
    const forged = `${token.slice(0, -2)}AA`;
    await expectProblem(await h.call('POST', '/api/digests/read', { body: { token: forged } }), 400);
    const prefsToken = await signLink(h.database.db, { purpose: 'preferences', personId: world.holder.id });
    await expectProblem(await h.call('POST', '/api/digests/read', { body: { token: prefsToken } }), 400);
    const read = await h.call('POST', '/api/digests/read', { body: { token } });
    expect(read.status, await read.clone().text()).toBe(200);
    expect(await read.json()).toMatchObject({ month: '2026-10', readAt: expect.any(String) });

    const receipts = async (cookie: string, query = '') =>
      h.call('GET', `/api/digests/2026-10/receipts?limit=500${query}`, { cookie });
    const leaderView = await (await receipts(world.leader.cookie)).json();
    const ids = leaderView.items
      .map((i: { person: { id: number } }) => i.person.id)
      .sort((a: number, b: number) => a - b);
    // The leader's own unit only.
    expect(ids).toEqual(
      [world.holder.id, world.head.id, world.leader.id, world.supervisor.id].sort((a, b) => a - b),
    );
    const unread = await (await receipts(world.leader.cookie, '&unread=true')).json();
    expect(unread.items.map((i: { person: { id: number } }) => i.person.id)).not.toContain(world.holder.id);
    expect(unread.read).toBe(1);
    await expectProblem(await receipts(world.holder.cookie), 403);
  });

  it('follows an unread digest with one reminder after five working days', async () => {
    const ctx = await mailContext(h.database.db, PUBLIC_URL, 'Asia/Shanghai');
    // Sent on 20 November (the clock's day): five working days later is 27 November.
    const early = await queueReminders(h.database.db, ctx, '2026-11-26', { hasher: nodeHasher });
    expect(early.digestReminders).toBe(0);
    const due = await queueReminders(h.database.db, ctx, '2026-11-27', { hasher: nodeHasher });
    expect(due.digestReminders).toBeGreaterThan(0);
    expect(
      (await queueReminders(h.database.db, ctx, '2026-11-30', { hasher: nodeHasher })).digestReminders,
    ).toBe(0);
    expect(await outboxOf(h.database, world.head.id, 'digest-reminder')).toHaveLength(1);
    expect(await outboxOf(h.database, world.holder.id, 'digest-reminder')).toHaveLength(0);
  });

  it('stopped midway and run again, queues the rest: no one twice, no one missed', async () => {
    const ctx = await mailContext(h.database.db, PUBLIC_URL, 'Asia/Shanghai');
    const stop = new Error('the process stopped');
    await expect(
      queueDigest(h.database.db, ctx, '2026-09', {
        today: TODAY,
        hasher: nodeHasher,
        batch: 50,
        onBatch: (i) => {
          if (i === 1) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(await digestKeys('2026-09')).toHaveLength(100);
    const rest = await queueDigest(h.database.db, ctx, '2026-09', {
      today: TODAY,
      hasher: nodeHasher,
      batch: 50,
    });
    const everyone = await accountable(TODAY);
    expect(rest.queued).toBe(everyone.length - 100);
    expect(await digestKeys('2026-09')).toEqual(everyone);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from digest_receipts where month = '2026-09'
    `.execute(h.database.db);
    expect(rows[0]?.n).toBe(everyone.length);
    // These need not travel: the delivery of a digest is tested above.
    await sql`update outbox set status = 'sent', delivered_via = 'viewer' where dedupe_key like 'digest:2026-09:%'`.execute(
      h.database.db,
    );
  });
});

describe('an SMTP server that refuses connections for a while', () => {
  it('gets every message exactly once when it comes back', { timeout: 120_000 }, async () => {
    // Sending what is already queued first, so only this test's messages are in flight.
    await drain();
    const down = await startSmtp();
    const port = down.port;
    await down.close();
    const form = await file('服务器中断期间登记的问题');
    const failed = await drain(`smtp://127.0.0.1:${port}`);
    expect(failed.sent).toBe(0);
    expect(failed.retrying).toBeGreaterThan(0);
    const waiting = await outboxOf(h.database, world.holder.id, 'form-filed');
    expect(waiting.at(-1)).toMatchObject({ status: 'pending', attempts: 1 });
    // Not yet due again: a drain now sends nothing.
    expect(
      (await drain(`smtp://127.0.0.1:${port}`)).sent + (await drain(`smtp://127.0.0.1:${port}`)).retrying,
    ).toBe(0);

    const back = await startSmtp(port);
    try {
      const later = () => new Date(Date.now() + 60 * 60_000);
      const sent = await drain(back.url, later);
      expect(sent.sent).toBe(failed.retrying);
      expect(await drain(back.url, later)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      const arrived = back.to(world.holder.email);
      expect(arrived).toHaveLength(1);
      expect(arrived[0]?.mail.subject).toContain(form.number);
      const ids = back.received.map((r) => r.mail.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await outboxOf(h.database, world.holder.id, 'form-filed')).toContainEqual(
        expect.objectContaining({ status: 'sent', attempts: 2 }),
      );
    } finally {
      await back.close();
    }
  });
});

describe('an HTTP mail API (Workers send this way)', () => {
  it('gets each message as one authorised JSON POST, retried after an error answer, sent once', async () => {
    await drain();
    const posts: {
      auth?: string;
      key?: string;
      body: {
        from: string;
        to: string;
        subject: string;
        html: string;
        text: string;
        headers: Record<string, string>;
      };
    }[] = [];
    let failing = true;
    const api = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      if (failing) return void res.writeHead(503).end('busy');
      posts.push({
        auth: req.headers.authorization,
        key: req.headers['idempotency-key'] as string,
        body: JSON.parse(text),
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/send`;
      const delivery = httpDelivery(endpoint, 'secret-key', 'Rectify <rectify@centre.example>');
      const viaApi = (now?: () => Date) =>
        drainOutbox(h.database.db, delivery, {
          host: 'localhost',
          hasher: nodeHasher,
          backoffMs: 60_000,
          now,
        });
      const form = await file('经邮件接口通知的问题');
      const first = await viaApi();
      expect(first).toMatchObject({ sent: 0 });
      expect(first.retrying).toBeGreaterThan(0);
      failing = false;
      const later = () => new Date(Date.now() + 60 * 60_000);
      expect((await viaApi(later)).sent).toBe(first.retrying);
      expect(await viaApi(later)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      const toHolder = posts.filter((p) => p.body.to === world.holder.email);
      expect(toHolder).toHaveLength(1);
      const [post] = toHolder;
      expect(post?.auth).toBe('Bearer secret-key');
      expect(post?.body.subject).toContain(form.number);
      expect(post?.body.from).toBe('Rectify <rectify@centre.example>');
      expect(post?.body.html).toContain('<html');
      expect(post?.body.text.length).toBeGreaterThan(20);
      expect(post?.key).toBe(post?.body.headers['Message-ID']);
      expect(await outboxOf(h.database, world.holder.id, 'form-filed')).toContainEqual(
        expect.objectContaining({ status: 'sent', attempts: 2 }),
      );
    } finally {
      await new Promise((resolve) => api.close(resolve));
    }
  });
});

describe('admins', () => {
  it('see the outbox, each message as sent, and every template in both languages', async () => {
    const page = await (
      await h.call('GET', `/api/mail/outbox?to=${world.holder.email}&limit=5`, { cookie: admin })
    ).json();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.counts.sent).toBeGreaterThan(0);
    const message = await (
      await h.call('GET', `/api/mail/outbox/${page.items[0].id}`, { cookie: admin })
    ).json();
    expect(message.html).toContain('<!doctype html>');
    expect(message.text).toContain('Dear Mail holder,');
    await expectProblem(await h.call('GET', '/api/mail/outbox', { cookie: world.leader.cookie }), 403);
    const previews = await (await h.call('GET', '/api/mail/previews', { cookie: admin })).json();
    expect(previews.items).toHaveLength(14);
    for (const p of previews.items) {
      expect(p.subject).not.toContain('{{');
      expect(p.html).not.toMatch(/\{\{|\[\[/);
      expect(p.text).not.toMatch(/\{\{|\[\[/);
    }
  });

  it('send a failed message again', async () => {
    const page = await (
      await h.call('GET', `/api/mail/outbox?to=${world.head.email}&limit=1`, { cookie: admin })
    ).json();
    const id = page.items[0].id;
    await expectProblem(await h.call('POST', `/api/mail/outbox/${id}/retry`, { cookie: admin }), 409);
    await sql`update outbox set status = 'failed', last_error = 'mailbox full' where id = ${id}`.execute(
      h.database.db,
    );
    const retried = await h.call('POST', `/api/mail/outbox/${id}/retry`, { cookie: admin });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await drain();
    expect((await (await h.call('GET', `/api/mail/outbox/${id}`, { cookie: admin })).json()).status).toBe(
      'sent',
    );
  });
});
