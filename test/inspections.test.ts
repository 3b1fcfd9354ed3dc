import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawSample } from '../server/inspections/sampling.ts';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import { fingerprint } from './helpers/fingerprint.ts';
import { type FormFixture, formIn, makeWorld, type World } from './helpers/forms.ts';

/**
 * Supervisors' checks of risk points: due dates by grade, failed checks opening forms, samples, coverage and
 * effectiveness re-checks. The app's clock stands on 2026-11-20 so the periods below are fixed; the risk
 * points are registered on the real day (later), so a point never checked is not due in any month before it.
 */
const TODAY = '2026-11-20';
let h: Harness;
let w: World;
let supervisorId: number;

beforeAll(async () => {
  h = await harness({ now: () => new Date(`${TODAY}T03:00:00Z`) });
  w = await makeWorld(h);
  supervisorId = (await (await h.call('GET', '/api/me', { cookie: w.cookies.supervisor })).json()).id;
});

async function itemId() {
  const res = await h.call('GET', '/api/approval-items?limit=1', { cookie: w.cookies.admin });
  return (await res.json()).items[0].id as number;
}

/** A risk point on the world's post (held by the worker), graded by the demo supervisor. */
async function point(grade: 'A' | 'B' | 'C', postId = w.postId) {
  const inputs = { A: [3, 3, 2], B: [2, 2, 2], C: [1, 1, 1] }[grade];
  const res = await h.call('POST', '/api/risk-points', {
    cookie: w.cookies.admin,
    body: {
      code: uniqueCode('RP'),
      approvalItemId: await itemId(),
      stage: 'accept',
      postId,
      description: `${grade} 级测试风险点：未一次性告知补正材料`,
      category: 'process',
      grade,
      likelihood: inputs[0],
      impact: inputs[1],
      discretion: inputs[2],
      confirmedById: supervisorId,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await res.json()), etag: res.headers.get('etag') as string } as {
    id: number;
    etag: string;
    suggestedGrade: string;
  };
}

function check(body: Record<string, unknown>, cookie = w.cookies.supervisor) {
  return h.call('POST', '/api/inspections', {
    cookie,
    body: { method: 'file_review', result: 'pass', notes: '抽查案卷 3 件，均符合要求', ...body },
  });
}

async function checked(body: Record<string, unknown>, cookie?: string) {
  const res = await check(body, cookie);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

interface DueItem {
  riskPoint: { id: number };
  dueOn: string;
  lastCheckedOn: string | null;
  checkedOn: string | null;
  status: string;
}

async function due(period: string, query = '', unitId = w.unitId) {
  const res = await h.call(
    'GET',
    `/api/inspections/due?period=${period}&unitId=${unitId}&include=all${query}`,
    {
      cookie: w.cookies.supervisor,
    },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await res.json();
  return {
    ...body,
    of: (id: number) => (body.items as DueItem[]).find((i) => i.riskPoint.id === id),
  };
}

describe('due and overdue by grade', () => {
  let a: { id: number };
  let b: { id: number; etag: string };
  let b2: { id: number; etag: string };
  let c: { id: number };

  beforeAll(async () => {
    [a, b, b2, c] = [await point('A'), await point('B'), await point('B'), await point('C')];
    await checked({ riskPointId: a.id, checkedOn: '2026-01-31' });
    await checked({
      riskPointId: b.id,
      checkedOn: '2026-03-31',
      method: 'phone',
      caseRef: 'SL-2026-0331-017',
    });
    await checked({ riskPointId: b2.id, checkedOn: '2026-04-01' });
    await checked({ riskPointId: c.id, checkedOn: '2026-01-15' });
  });

  it('falls due a grade period after the last check, and across a month end', async () => {
    const feb = await due('2026-02');
    // Monthly: 31 January + 1 month is the end of February.
    expect(feb.of(a.id)).toMatchObject({
      dueOn: '2026-02-28',
      lastCheckedOn: '2026-01-31',
      status: 'overdue',
    });
    expect(feb.of(b.id)).toBeUndefined();

    const may = await due('2026-05');
    expect(may.of(b.id)).toBeUndefined();
    const june = await due('2026-06');
    // Quarterly: checked on 31 March, due on 30 June; checked a day later, due in July.
    expect(june.of(b.id)).toMatchObject({ dueOn: '2026-06-30', status: 'overdue' });
    expect(june.of(b2.id)).toBeUndefined();
    // Not checked since January: still due, carried over from February.
    expect(june.of(a.id)).toMatchObject({ dueOn: '2026-02-28', status: 'overdue' });
    expect(june.of(c.id)).toBeUndefined();

    const july = await due('2026-07');
    expect(july.of(b2.id)).toMatchObject({ dueOn: '2026-07-01' });
    // Half-yearly: 15 January to 15 July.
    expect(july.of(c.id)).toMatchObject({ dueOn: '2026-07-15' });
    // Overdue ones lead: earliest due date first.
    const dates = (july.items as DueItem[]).map((i) => i.dueOn);
    expect(dates).toEqual([...dates].sort());
  });

  it('counts a check inside the month, and moves the next due date on from it', async () => {
    await checked({ riskPointId: b.id, checkedOn: '2026-06-15' });
    const june = await due('2026-06');
    expect(june.of(b.id)).toMatchObject({ status: 'checked', checkedOn: '2026-06-15', dueOn: '2026-06-30' });
    expect(june.byGrade).toEqual({
      A: { due: 1, checked: 0, overdue: 1 },
      B: { due: 1, checked: 1, overdue: 0 },
      C: { due: 0, checked: 0, overdue: 0 },
    });
    expect(june.total).toBe(2);
    const outstanding = await h.call('GET', `/api/inspections/due?period=2026-06&unitId=${w.unitId}`, {
      cookie: w.cookies.supervisor,
    });
    const body = await outstanding.json();
    expect(body.items.map((i: DueItem) => i.riskPoint.id)).toEqual([a.id]);
    expect(body.total).toBe(1);
    expect((await due('2026-07')).of(b.id)).toBeUndefined();
    expect((await due('2026-09')).of(b.id)).toMatchObject({ dueOn: '2026-09-15' });
  });

  it('pages through the due list by due date', async () => {
    const first = await (
      await h.call('GET', `/api/inspections/due?period=2026-07&unitId=${w.unitId}&include=all&limit=1`, {
        cookie: w.cookies.supervisor,
      })
    ).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = await (
      await h.call(
        'GET',
        `/api/inspections/due?period=2026-07&unitId=${w.unitId}&include=all&limit=1&cursor=${first.nextCursor}`,
        { cookie: w.cookies.supervisor },
      )
    ).json();
    expect(second.items[0].riskPoint.id).not.toBe(first.items[0].riskPoint.id);
    expect(second.items[0].dueOn >= first.items[0].dueOn).toBe(true);
  });

  it('follows a re-graded point: its check frequency is the new grade’s', async () => {
    const detail = await h.call('GET', `/api/risk-points/${b2.id}`, { cookie: w.cookies.supervisor });
    expect((await detail.clone().json()).suggestedGrade).toBe('B');
    const res = await h.call('POST', `/api/risk-points/${b2.id}/grade`, {
      cookie: w.cookies.supervisor,
      headers: { 'If-Match': detail.headers.get('etag') as string },
      body: { grade: 'A', likelihood: 3, impact: 3, discretion: 3, reason: '投诉增多，提级管理' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).suggestedGrade).toBe('A');
    // Monthly now: checked on 1 April, due on 1 May.
    expect((await due('2026-05')).of(b2.id)).toMatchObject({ dueOn: '2026-05-01', status: 'overdue' });
  });

  it('takes the frequencies from the settings', async () => {
    const settings = await h.call('GET', '/api/settings', { cookie: w.cookies.admin });
    const before = await settings.clone().json();
    const patch = (etag: string, checkFrequencyMonths: unknown) =>
      h.call('PATCH', '/api/settings', {
        cookie: w.cookies.admin,
        headers: { 'If-Match': etag },
        body: { checkFrequencyMonths },
      });
    const changed = await patch(settings.headers.get('etag') as string, { A: 1, B: 3, C: 2 });
    expect(changed.status).toBe(200);
    try {
      // Every two months: 15 January to 15 March.
      expect((await due('2026-03')).of(c.id)).toMatchObject({ dueOn: '2026-03-15' });
    } finally {
      const restored = await patch(changed.headers.get('etag') as string, before.checkFrequencyMonths);
      expect(restored.status).toBe(200);
    }
    expect((await due('2026-03')).of(c.id)).toBeUndefined();
  });
});

describe('a failed check', () => {
  let p: { id: number };
  beforeAll(async () => {
    p = await point('C');
  });

  it('opens exactly one form, filled from the risk point and linked both ways', async () => {
    const recorded = await checked({
      riskPointId: p.id,
      checkedOn: '2026-11-18',
      method: 'phone',
      caseRef: 'SL-2026-1102-044',
      result: 'fail',
      notes: '回访申请人：窗口未一次性告知需补正的全部材料，申请人往返两次',
      occurredOn: '2026-11-02',
    });
    expect(recorded.formId).toEqual(expect.any(Number));
    expect(recorded.form).toMatchObject({ id: recorded.formId, status: 'open' });
    const form = await (
      await h.call('GET', `/api/forms/${recorded.formId}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(form).toMatchObject({
      source: 'spot_check',
      status: 'open',
      grade: 'C',
      occurredOn: '2026-11-02',
      foundOn: '2026-11-18',
      problem: '回访申请人：窗口未一次性告知需补正的全部材料，申请人往返两次',
      riskPoint: { id: p.id },
      post: { id: w.postId },
      filedBy: { id: supervisorId },
    });
    // Traced back to whoever held the post the day it happened.
    expect(form.responsible.holders.map((x: { personId: number }) => x.personId)).toEqual([w.workerId]);
    const linked = await (
      await h.call('GET', `/api/inspections?formId=${recorded.formId}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(linked.items.map((i: { id: number }) => i.id)).toEqual([recorded.id]);
    const forms = await (
      await h.call('GET', `/api/forms?riskPointId=${p.id}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(forms.total).toBe(1);
    // The form's holder sees the check that found it.
    const seen = await h.call('GET', `/api/inspections/${recorded.id}`, { cookie: w.cookies.worker });
    expect(seen.status).toBe(200);
  });

  it('opens no form, takes no number and leaves no event when the request fails midway', async () => {
    const { db } = h.database;
    await sql`
      create or replace function test_refuse_inspection() returns trigger language plpgsql as $$
      begin
        if new.notes = 'refuse me' then raise exception 'refused for the test' using errcode = '23514'; end if;
        return new;
      end $$
    `.execute(db);
    await sql`create trigger test_refuse_inspection before insert on inspections for each row execute function test_refuse_inspection()`.execute(
      db,
    );
    try {
      const before = await fingerprint(h.database);
      const res = await check({
        riskPointId: p.id,
        checkedOn: '2026-11-19',
        result: 'fail',
        notes: 'refuse me',
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await fingerprint(h.database)).toEqual(before);
    } finally {
      await sql`drop trigger test_refuse_inspection on inspections`.execute(db);
      await sql`drop function test_refuse_inspection()`.execute(db);
    }
  });

  it('a pass opens no form', async () => {
    const recorded = await checked({ riskPointId: p.id, checkedOn: '2026-11-19' });
    expect(recorded.formId).toBeNull();
    expect(recorded.form).toBeNull();
    const forms = await (
      await h.call('GET', `/api/forms?riskPointId=${p.id}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(forms.total).toBe(1);
  });
});

describe('samples', () => {
  it('draws more of grade A, and the same seed draws the same points in any order', () => {
    const candidates = ['A', 'B', 'C'].flatMap((grade, g) =>
      Array.from({ length: 300 }, (_, i) => ({ id: g * 1000 + i + 1, grade: grade as 'A' | 'B' | 'C' })),
    );
    const drawn = drawSample('0123456789abcdef', candidates, 150);
    const count = (grade: string) =>
      drawn.filter((id) => candidates.find((c) => c.id === id)?.grade === grade).length;
    expect(drawn).toHaveLength(150);
    expect(new Set(drawn).size).toBe(150);
    expect(count('A')).toBeGreaterThan(count('B'));
    expect(count('B')).toBeGreaterThan(count('C'));
    expect(drawSample('0123456789abcdef', [...candidates].reverse(), 150)).toEqual(drawn);
    expect(drawSample('fedcba9876543210', candidates, 150)).not.toEqual(drawn);
  });

  it('is drawn once per month and scope, stored with its seed, and can be drawn again from it', async () => {
    const sw = await makeWorld(h);
    for (const grade of ['A', 'A', 'B', 'C'] as const) await point(grade, sw.postId);
    const draw = (body: Record<string, unknown>, cookie = w.cookies.supervisor) =>
      h.call('POST', '/api/inspections/samples', { cookie, body });
    await expectProblem(await draw({ period: '2026-11', size: 2, unitId: sw.unitId }, w.cookies.worker), 403);
    await expectProblem(await draw({ period: '2026-11', size: 2, unitId: sw.unitId }, w.cookies.leader), 403);
    await expectProblem(await draw({ period: '2026-10', size: 2, unitId: sw.unitId }), 400);

    // This world's points are registered on the real day, after the clock's: draw for a month they are due in.
    const period = '2099-01';
    const first = await draw({ period, size: 3, unitId: sw.unitId });
    expect(first.status, await first.clone().text()).toBe(201);
    const sample = await first.json();
    expect(sample).toMatchObject({
      period,
      size: 3,
      candidates: 4,
      unit: { id: sw.unitId },
      drawnBy: { id: supervisorId },
    });
    expect(sample.items).toHaveLength(3);

    const again = await draw({ period, size: 1, unitId: sw.unitId });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(sample);
    const read = await h.call('GET', `/api/inspections/samples?period=${period}&unitId=${sw.unitId}`, {
      cookie: w.cookies.leader,
    });
    expect(await read.json()).toEqual(sample);

    const { rows } = await sql<{
      seed: string;
      candidate_ids: number[];
      candidate_grades: string[];
      risk_point_ids: number[];
    }>`
      select seed, candidate_ids, candidate_grades, risk_point_ids from inspection_samples where id = ${sample.id}
    `.execute(h.database.db.withoutPlugins());
    const stored = rows[0] as {
      seed: string;
      candidate_ids: number[];
      candidate_grades: string[];
      risk_point_ids: number[];
    };
    // The draw is repeated from what was stored: the seed, the candidates and their grades then.
    const candidates = stored.candidate_ids.map((id, i) => ({
      id,
      grade: stored.candidate_grades[i] as 'A' | 'B' | 'C',
    }));
    expect(drawSample(stored.seed, candidates, 3)).toEqual(stored.risk_point_ids);
    expect(sample.items.map((i: { riskPoint: { id: number } }) => i.riskPoint.id)).toEqual(
      stored.risk_point_ids,
    );
    const events = await (
      await h.call('GET', `/api/audit?entityType=inspection_sample&entityId=${sample.id}`, {
        cookie: w.cookies.admin,
      })
    ).json();
    expect(events.items[0]).toMatchObject({
      action: 'inspection.sample_drawn',
      after: { seed: stored.seed },
    });
  });

  it('links a check of a sampled point to its sample', async () => {
    const sw = await makeWorld(h);
    const p = await point('A', sw.postId);
    const drawn = await (
      await h.call('POST', '/api/inspections/samples', {
        cookie: w.cookies.supervisor,
        body: { period: '2026-11', size: 5, unitId: sw.unitId },
      })
    ).json();
    // Registered on the real day: due this month only if that day is in November 2026.
    const inSample = drawn.items.some((i: { riskPoint: { id: number } }) => i.riskPoint.id === p.id);
    const recorded = await checked({ riskPointId: p.id, checkedOn: TODAY });
    expect(recorded.sampleId).toBe(inSample ? drawn.id : null);
  });
});

describe('coverage', () => {
  it('matches figures worked out by hand, per grade and per unit', async () => {
    const cw = await makeWorld(h);
    const [a1, a2, b1, c1] = [
      await point('A', cw.postId),
      await point('A', cw.postId),
      await point('B', cw.postId),
      await point('C', cw.postId),
    ];
    await checked({ riskPointId: a1.id, checkedOn: '2026-08-05' }); // due 5 Sep
    await checked({ riskPointId: a1.id, checkedOn: '2026-09-06' }); // checked in September
    await checked({ riskPointId: a2.id, checkedOn: '2026-08-20' }); // due 20 Sep, not checked
    await checked({ riskPointId: b1.id, checkedOn: '2026-06-10' }); // due 10 Sep, not checked
    await checked({ riskPointId: c1.id, checkedOn: '2026-05-01' }); // due 1 Nov: not in September
    const res = await h.call('GET', `/api/reports/coverage?period=2026-09&unitId=${cw.unitId}`, {
      cookie: w.cookies.leader,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const third = 1 / 3;
    expect(await res.json()).toEqual({
      period: '2026-09',
      target: 1,
      unit: { id: cw.unitId, name: expect.any(String), nameEn: expect.any(String) },
      total: { due: 3, checked: 1, rate: third },
      byGrade: {
        A: { due: 2, checked: 1, rate: 0.5 },
        B: { due: 1, checked: 0, rate: 0 },
        C: { due: 0, checked: 0, rate: null },
      },
      units: [
        {
          unit: { id: cw.unitId, name: expect.any(String), nameEn: expect.any(String) },
          due: 3,
          checked: 1,
          rate: third,
          byGrade: {
            A: { due: 2, checked: 1, rate: 0.5 },
            B: { due: 1, checked: 0, rate: 0 },
            C: { due: 0, checked: 0, rate: null },
          },
        },
      ],
    });
    await expectProblem(
      await h.call('GET', `/api/reports/coverage?period=2026-09&unitId=${cw.unitId}`, {
        cookie: cw.cookies.worker,
      }),
      403,
    );
  });
});

describe('effectiveness re-checks', () => {
  let kept: FormFixture;
  let reopened: FormFixture;
  beforeAll(async () => {
    kept = await formIn(w, 'closed');
    reopened = await formIn(w, 'closed');
  });

  const rechecks = async (period: string) =>
    (
      await (
        await h.call('GET', `/api/inspections/rechecks?period=${period}&unitId=${w.unitId}`, {
          cookie: w.cookies.supervisor,
        })
      ).json()
    ).items.map((i: { form: { id: number }; dueOn: string }) => i) as {
      form: { id: number };
      dueOn: string;
    }[];

  it('fall due the configured days after a form closes', async () => {
    expect((await rechecks('2026-11')).find((i) => i.form.id === kept.id)).toBeUndefined();
    expect((await rechecks('2026-12')).find((i) => i.form.id === kept.id)).toMatchObject({
      dueOn: '2026-12-20',
    });
    const page = async (cursor?: string) =>
      (
        await h.call(
          'GET',
          `/api/inspections/rechecks?period=2026-12&unitId=${w.unitId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          { cookie: w.cookies.supervisor },
        )
      ).json();
    const first = await page();
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(2);
    const second = await page(first.nextCursor);
    expect(second.items[0].form.id).not.toBe(first.items[0].form.id);
    expect(second.nextCursor).toBeNull();
  });

  it('a pass keeps the form closed and settles the re-check', async () => {
    const recorded = await checked({ recheckOf: kept.id, checkedOn: TODAY, method: 'on_site' });
    expect(recorded).toMatchObject({ kind: 'recheck', recheckOf: { id: kept.id }, formId: null });
    // Before the form was closed is not a re-check of its fix.
    const early = await expectProblem(await check({ recheckOf: reopened.id, checkedOn: '2026-11-19' }), 400);
    expect(early.errors?.[0]?.path).toBe('checkedOn');
    const form = await (
      await h.call('GET', `/api/forms/${kept.id}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(form.status).toBe('closed');
    expect((await rechecks('2026-12')).find((i) => i.form.id === kept.id)).toBeUndefined();
  });

  it('a fail reopens the form with the notes as its reason, in the same transaction', async () => {
    const recorded = await checked({
      recheckOf: reopened.id,
      checkedOn: TODAY,
      result: 'fail',
      notes: '复查发现同类问题再次发生',
    });
    expect(recorded.formId).toBe(reopened.id);
    const form = await (
      await h.call('GET', `/api/forms/${reopened.id}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(form).toMatchObject({
      status: 'in_progress',
      statusReason: '复查发现同类问题再次发生',
      verification: null,
    });
    const history = await (
      await h.call('GET', `/api/forms/${reopened.id}/history`, { cookie: w.cookies.supervisor })
    ).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'form.transition',
      before: { status: 'closed' },
      after: { status: 'in_progress', recheckId: recorded.id },
    });
    // Only a closed form is re-checked.
    await expectProblem(await check({ recheckOf: reopened.id, checkedOn: TODAY }), 409);
  });
});

describe('permissions', () => {
  it('lets supervisors record in their units only, and never on a post they hold', async () => {
    const p = await point('B');
    await expectProblem(await check({ riskPointId: p.id, checkedOn: TODAY }, w.cookies.worker), 403);
    await expectProblem(await check({ riskPointId: p.id, checkedOn: TODAY }, w.cookies.leader), 403);
    await expectProblem(await check({ riskPointId: p.id, checkedOn: TODAY }, w.cookies.admin), 403);

    // A supervisor of the world's unit, who also holds a post there.
    const email = `${uniqueCode('sup').toLowerCase()}@centre.example`;
    const person = await (
      await h.call('POST', '/api/people', {
        cookie: w.cookies.admin,
        body: {
          name: '科室督查员',
          email,
          unitId: w.unitId,
          roles: ['supervisor'],
          password: 'a-long-password',
        },
      })
    ).json();
    const post = await h.call('POST', '/api/posts', {
      cookie: w.cookies.admin,
      body: { code: uniqueCode('SP'), name: '督查员兼任窗口', kind: 'window', unitId: w.unitId },
    });
    const postId = (await post.clone().json()).id;
    await h.call('POST', `/api/posts/${postId}/assignments`, {
      cookie: w.cookies.admin,
      headers: { 'If-Match': post.headers.get('etag') as string },
      body: { personId: person.id, fromDate: '2024-01-01' },
    });
    const local = await h.signIn(email, 'a-long-password');
    const own = await point('C', postId);
    const held = await expectProblem(await check({ riskPointId: own.id, checkedOn: TODAY }, local), 403);
    expect(held.errors?.[0]?.path).toBe('riskPointId');
    await checked({ riskPointId: p.id, checkedOn: TODAY }, local);
    // A demo point outside the world's unit is outside this supervisor's scope.
    const outside = (await (await h.call('GET', '/api/risk-points?limit=1', { cookie: local })).json())
      .items[0];
    const refused = await expectProblem(
      await check({ riskPointId: outside.id, checkedOn: TODAY }, local),
      403,
    );
    expect(refused.errors?.[0]?.path).toBe('riskPointId');
    await expectProblem(
      await h.call('GET', `/api/inspections/due?unitId=${outside.unitId}`, { cookie: local }),
      403,
    );
  });

  it('lets holders see the checks of their own posts’ points, leaders read, others nothing', async () => {
    const p = await point('A');
    const recorded = await checked({ riskPointId: p.id, checkedOn: TODAY });
    const list = async (cookie: string) =>
      (await (await h.call('GET', `/api/inspections?riskPointId=${p.id}`, { cookie })).json()).items.map(
        (i: { id: number }) => i.id,
      );
    expect(await list(w.cookies.worker)).toEqual([recorded.id]);
    expect(await list(w.cookies.leader)).toEqual([recorded.id]);
    expect(await list(w.cookies.outsider)).toEqual([]);
    await expectProblem(
      await h.call('GET', `/api/inspections/${recorded.id}`, { cookie: w.cookies.outsider }),
      404,
    );
    await expectProblem(await h.call('GET', '/api/inspections/due', { cookie: w.cookies.worker }), 403);
    await expectProblem(await h.call('GET', '/api/inspections/rechecks', { cookie: w.cookies.worker }), 403);
    expect((await h.call('GET', '/api/inspections/due', { cookie: w.cookies.leader })).status).toBe(200);
  });

  it('takes evidence from the inspector, shows it to those who see the check', async () => {
    const p = await point('B');
    const recorded = await checked({ riskPointId: p.id, checkedOn: TODAY });
    const upload = (cookie: string) => {
      const form = new FormData();
      form.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], '回访记录.pdf'));
      return h.call('POST', `/api/inspections/${recorded.id}/attachments`, { cookie, rawBody: form });
    };
    await expectProblem(await upload(w.cookies.worker), 403);
    await expectProblem(await upload(w.cookies.outsider), 404);
    const res = await upload(w.cookies.supervisor);
    expect(res.status, await res.clone().text()).toBe(201);
    const file = await res.json();
    expect(file).toMatchObject({ filename: '回访记录.pdf', contentType: 'application/pdf' });
    const listed = await (
      await h.call('GET', `/api/inspections/${recorded.id}/attachments`, { cookie: w.cookies.worker })
    ).json();
    expect(listed.items.map((i: { sha256: string }) => i.sha256)).toEqual([file.sha256]);
    const download = await h.call('GET', `/api/inspections/${recorded.id}/attachments/${file.id}`, {
      cookie: w.cookies.worker,
    });
    expect(new TextDecoder().decode(await download.arrayBuffer())).toContain('%PDF');
    // A check's file is not reachable as a form's.
    await expectProblem(
      await h.call('GET', `/api/forms/${recorded.id}/attachments/${file.id}`, { cookie: w.cookies.admin }),
      404,
    );
  });
});

describe('bad input', () => {
  it('is refused with a problem naming the field, and changes nothing', async () => {
    const p = await point('C');
    const before = await fingerprint(h.database);
    const refused = async (body: Record<string, unknown>, field: string, status = 400) => {
      const problem = await expectProblem(await check(body), status);
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(field);
    };
    await refused({ checkedOn: TODAY }, 'riskPointId');
    await refused({ riskPointId: p.id, recheckOf: 1, checkedOn: TODAY }, 'riskPointId');
    await refused({ riskPointId: p.id, checkedOn: '2026-11-21' }, 'checkedOn');
    await refused({ riskPointId: p.id, checkedOn: TODAY, problem: '通过时不应有' }, 'problem');
    await refused(
      { riskPointId: p.id, checkedOn: TODAY, result: 'fail', occurredOn: '2026-11-25' },
      'occurredOn',
    );
    await refused({ riskPointId: p.id, checkedOn: TODAY, method: 'telepathy' }, 'method');
    await refused({ riskPointId: p.id, checkedOn: TODAY, result: 'maybe' }, 'result');
    await refused({ riskPointId: p.id, checkedOn: TODAY, notes: '' }, 'notes');
    await refused({ riskPointId: 99999999, checkedOn: TODAY }, 'riskPointId');
    await refused({ riskPointId: p.id, checkedOn: TODAY, sneaky: true }, 'sneaky');
    await expectProblem(await check({ recheckOf: 99999999, checkedOn: TODAY }), 404);
    for (const query of [
      'period=2026-13',
      'period=26-01',
      'grade=D',
      'include=some',
      'cursor=nonsense',
      'limit=0',
    ]) {
      const problem = await expectProblem(
        await h.call('GET', `/api/inspections/due?${query}`, { cookie: w.cookies.supervisor }),
        400,
      );
      expect(problem.errors?.[0]?.path).toBe(query.split('=')[0]);
    }
    await expectProblem(
      await h.call('GET', '/api/reports/coverage?unitId=99999999', { cookie: w.cookies.supervisor }),
      400,
    );
    expect(await fingerprint(h.database)).toEqual(before);
  });
});

describe('the demo supervisor', () => {
  it('sees this month’s due checks across the centre', async () => {
    const supervisor = await h.signIn(DEMO.supervisor);
    // The demo's history is laid out around the real day.
    const period = new Date().toISOString().slice(0, 7);
    const res = await h.call('GET', `/api/inspections/due?period=${period}`, { cookie: supervisor });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.period).toBe(period);
    expect(body.byGrade.A.due + body.byGrade.B.due + body.byGrade.C.due).toBeGreaterThan(0);
  });
});
