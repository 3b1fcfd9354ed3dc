import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import {
  ACCOUNTED,
  fileForm,
  type FormFixture,
  makeWorld,
  move,
  patch,
  VERIFIED,
  type World,
} from './helpers/forms.ts';

/**
 * The dashboard's figures against a fixture worked out by hand. The world's unit R gets five child units;
 * forms are filed and closed on fixed days by moving the app's clock, which stands on 2026-11-20 (a Friday)
 * once they are in place. The range asked for is September and October 2026, across the Mid-Autumn and
 * National Day holidays (25–27 September, 1–7 October; 10 October a make-up working day). Deadlines are the
 * default A 5, B 10, C 15 working days from filing.
 */
const TODAY = '2026-11-20';
let clock = `${TODAY}T03:00:00Z`;
let h: Harness;
let w: World;
const unit: Record<'U1' | 'U2' | 'U3' | 'U4' | 'U5' | 'other', number> = {
  U1: 0,
  U2: 0,
  U3: 0,
  U4: 0,
  U5: 0,
  other: 0,
};
const post: Record<'P1' | 'P2' | 'P3' | 'P4' | 'P5', number> = { P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 };
const point = { RP: 0, RP2: 0 };
const cookie = { leader: '', otherSupervisor: '' };
const SEP_OCT = 'from=2026-09-01&to=2026-10-31';

interface Spec {
  post: keyof typeof post;
  grade: 'A' | 'B' | 'C';
  source: string;
  found: string;
  status: 'draft' | 'open' | 'in_progress' | 'closed' | 'cancelled';
  /** The day closed at 11:00 in Shanghai, or an exact instant. */
  closed?: string;
  cause?: string;
  riskPoint?: keyof typeof point;
}

/**
 * The forms, each filed on the day found. Working days from filing to closing, counted by hand:
 * F1 7→9 Sep: 2. F2 24 Sep→9 Oct: 28, 29, 30 Sep, 8, 9 Oct = 5 (deadline 15 Oct). F3 1 Sep→30 Oct: 39, late
 * (deadline 21 Sep). F11 19→21 Oct: 2. F12 closes at 00:30 on 1 November in Shanghai (still 31 October in
 * UTC), so it counts in November.
 */
const FORMS: Record<string, Spec> = {
  F1: {
    post: 'P1',
    grade: 'A',
    source: 'complaint',
    found: '2026-09-07',
    status: 'closed',
    closed: '2026-09-09',
    cause: 'people',
  },
  F2: {
    post: 'P1',
    grade: 'B',
    source: 'self_inspection',
    found: '2026-09-24',
    status: 'closed',
    closed: '2026-10-09',
    cause: 'process',
  },
  F3: {
    post: 'P2',
    grade: 'C',
    source: 'service_rating',
    found: '2026-09-01',
    status: 'closed',
    closed: '2026-10-30',
    cause: 'system',
    riskPoint: 'RP',
  },
  // Deadline 26 October: red on the 20th of November.
  F4: {
    post: 'P2',
    grade: 'B',
    source: 'complaint',
    found: '2026-10-12',
    status: 'in_progress',
    cause: 'people',
    riskPoint: 'RP',
  },
  // Found after the range; deadline 26 November, yellow from the 25th: no card yet.
  F5: { post: 'P1', grade: 'A', source: 'self_inspection', found: '2026-11-19', status: 'open' },
  // Deadline 20 November (today, not yet overdue), yellow from the 17th.
  F6: { post: 'P3', grade: 'C', source: 'assessment', found: '2026-10-30', status: 'open' },
  F7: { post: 'P1', grade: 'C', source: 'complaint', found: '2026-10-05', status: 'cancelled' },
  F8: { post: 'P1', grade: 'C', source: 'e_supervision', found: '2026-10-06', status: 'draft' },
  // 100 days before F6 on the same post: too long ago to be the same problem again.
  F9: {
    post: 'P3',
    grade: 'C',
    source: 'complaint',
    found: '2026-07-22',
    status: 'closed',
    closed: '2026-07-24',
    cause: 'process',
  },
  // Deadline 3 November: red.
  F10: { post: 'P1', grade: 'B', source: 'complaint', found: '2026-10-20', status: 'open' },
  F11: {
    post: 'P4',
    grade: 'C',
    source: 'self_inspection',
    found: '2026-10-19',
    status: 'closed',
    closed: '2026-10-21',
    cause: 'materials_or_environment',
  },
  F12: {
    post: 'P5',
    grade: 'C',
    source: 'e_supervision',
    found: '2026-10-26',
    status: 'closed',
    closed: '2026-10-31T16:30:00Z',
    cause: 'standard_or_guide',
  },
};

async function created(res: Response) {
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await res.json()), etag: res.headers.get('etag') as string };
}

const newUnit = async (parentId: number) =>
  (
    await created(
      await h.call('POST', '/api/units', {
        cookie: w.cookies.admin,
        body: { code: uniqueCode('RU'), name: '统计测试科', level: 'city', kind: 'section', parentId },
      }),
    )
  ).id as number;

/** A window post in the unit, held by the world's worker since 2024. */
async function newPost(unitId: number) {
  const p = await created(
    await h.call('POST', '/api/posts', {
      cookie: w.cookies.admin,
      body: { code: uniqueCode('RW'), name: '统计测试窗口', kind: 'window', unitId },
    }),
  );
  const held = await h.call('POST', `/api/posts/${p.id}/assignments`, {
    cookie: w.cookies.admin,
    headers: { 'If-Match': p.etag },
    body: { personId: w.workerId, fromDate: '2024-01-01' },
  });
  expect(held.status).toBe(200);
  return p.id as number;
}

async function newPerson(unitId: number, role: string) {
  const email = `${uniqueCode('rp').toLowerCase()}@centre.example`;
  await created(
    await h.call('POST', '/api/people', {
      cookie: w.cookies.admin,
      body: { name: '统计测试人员', email, unitId, roles: [role], password: 'a-long-password' },
    }),
  );
  return h.signIn(email, 'a-long-password');
}

async function newPoint(postId: number, grade: 'A' | 'B', supervisorId: number) {
  const item = (
    await (await h.call('GET', '/api/approval-items?limit=1', { cookie: w.cookies.admin })).json()
  ).items[0].id;
  const inputs = grade === 'A' ? 3 : 2;
  const rp = await created(
    await h.call('POST', '/api/risk-points', {
      cookie: w.cookies.admin,
      body: {
        code: uniqueCode('RR'),
        approvalItemId: item,
        stage: 'accept',
        postId,
        description: `${grade} 级统计测试风险点`,
        category: 'process',
        grade,
        likelihood: inputs,
        impact: inputs,
        discretion: 2,
        confirmedById: supervisorId,
      },
    }),
  );
  return rp.id as number;
}

/** Brings a form to its status on its days, through the real life cycle. */
async function bring(s: Spec) {
  clock = `${s.found}T03:00:00Z`;
  let form: FormFixture = await fileForm(w, {
    occurredOn: s.found,
    foundOn: s.found,
    source: s.source,
    postId: post[s.post],
    grade: s.grade,
    riskPointId: s.riskPoint ? point[s.riskPoint] : undefined,
    draft: s.status === 'draft' || undefined,
  });
  const step = async (r: Promise<{ res: Response; form: FormFixture }>) => {
    const { res, form: next } = await r;
    expect(res.status, JSON.stringify(next)).toBe(200);
    form = next;
  };
  if (s.status === 'cancelled')
    await step(move(w, form, w.cookies.supervisor, { to: 'cancelled', reason: '重复登记' }));
  if (s.status !== 'in_progress' && s.status !== 'closed') return;
  const closedAt = s.closed?.includes('T') ? s.closed : `${s.closed ?? TODAY}T03:00:00Z`;
  const measure = {
    kind: 'immediate',
    text: '当场补正告知',
    ownerId: w.workerId,
    dueOn: closedAt.slice(0, 10),
  };
  await step(
    patch(w, form, w.cookies.worker, {
      rootCause: { whys: ['未一次性告知'], category: s.cause },
      measures: [measure],
    }),
  );
  await step(move(w, form, w.cookies.worker, { to: 'in_progress' }));
  if (s.status === 'in_progress') return;
  clock = closedAt;
  const [done] = form.measures as { id: number }[];
  await step(
    patch(w, form, w.cookies.worker, { measures: [{ ...measure, id: done?.id, doneOn: measure.dueOn }] }),
  );
  await step(move(w, form, w.cookies.worker, { to: 'verifying' }));
  await step(
    move(w, form, w.cookies.supervisor, { to: 'closed', verification: VERIFIED, accountability: ACCOUNTED }),
  );
}

beforeAll(async () => {
  h = await harness({ now: () => new Date(clock) });
  w = await makeWorld(h);
  const root = (await (await h.call('GET', '/api/units?root=true', { cookie: w.cookies.admin })).json())
    .items[0];
  for (const u of ['U1', 'U2', 'U3', 'U4', 'U5'] as const) unit[u] = await newUnit(w.unitId);
  unit.other = await newUnit(root.id);
  Object.assign(post, {
    P1: await newPost(unit.U1),
    P2: await newPost(unit.U2),
    P3: await newPost(unit.U2),
    P4: await newPost(unit.U3),
    P5: await newPost(unit.U3),
  });
  cookie.leader = await newPerson(w.unitId, 'leader');
  cookie.otherSupervisor = await newPerson(unit.other, 'supervisor');
  const supervisorId = (await (await h.call('GET', '/api/me', { cookie: w.cookies.supervisor })).json()).id;
  point.RP = await newPoint(post.P2, 'B', supervisorId);
  point.RP2 = await newPoint(post.P1, 'A', supervisorId);
  // Registered at the start of the year, so both fall due in October whatever day the test runs.
  await sql`update risk_points set created_at = '2026-01-01T00:00:00+08:00' where id in (${point.RP}, ${point.RP2})`.execute(
    h.database.db,
  );
  clock = '2026-10-15T03:00:00Z';
  const check = await h.call('POST', '/api/inspections', {
    cookie: w.cookies.supervisor,
    body: {
      riskPointId: point.RP,
      method: 'file_review',
      checkedOn: '2026-10-15',
      result: 'pass',
      notes: '抽查案卷 3 件',
    },
  });
  expect(check.status, await check.clone().text()).toBe(201);
  for (const spec of Object.values(FORMS)) await bring(spec);
  clock = `${TODAY}T03:00:00Z`;
});

async function summary(query: string, as = cookie.leader) {
  const res = await h.call('GET', `/api/reports/summary?${query}`, { cookie: as });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

describe('the summary of a unit’s subtree', () => {
  it('closure: on time against the 100% target and the mean working days, by the day closed in the centre', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    expect(s).toMatchObject({ from: '2026-09-01', to: '2026-10-31', unitId: w.unitId, today: TODAY });
    // F1, F2, F11 on time, F3 late; F9 (July) and F12 (1 November in Shanghai) outside.
    expect(s.closure).toEqual({
      closed: 4,
      onTime: 3,
      rate: 0.75,
      target: 1,
      avgWorkingDays: (2 + 5 + 39 + 2) / 4,
    });
  });

  it('open forms today by grade and card', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    // F4 (in progress) and F10 overdue, F6 yellow, F5 no card; drafts, cancelled and closed ones are not open.
    expect(s.open).toEqual({
      total: 4,
      overdue: 2,
      byGrade: { A: 1, B: 2, C: 1 },
      byCard: { none: 1, yellow: 1, red: 2 },
    });
  });

  it('forms found by source and by root-cause category, every one listed', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    // Found in September and October: F1–F4, F6, F7 (cancelled, still found), F10–F12; not the draft F8.
    expect(s.bySource).toEqual([
      { source: 'self_inspection', count: 2 },
      { source: 'spot_check', count: 0 },
      { source: 'complaint', count: 4 },
      { source: 'service_rating', count: 1 },
      { source: 'e_supervision', count: 1 },
      { source: 'assessment', count: 1 },
    ]);
    expect(s.byCause).toEqual([
      { category: 'people', count: 2 },
      { category: 'process', count: 1 },
      { category: 'system', count: 1 },
      { category: 'standard_or_guide', count: 1 },
      { category: 'materials_or_environment', count: 1 },
    ]);
  });

  it('inspection coverage by grade in the month of `to`', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    expect(s.coverage).toEqual({
      period: '2026-10',
      byGrade: [
        { grade: 'A', due: 1, checked: 0, rate: 0 },
        { grade: 'B', due: 1, checked: 1, rate: 1 },
        { grade: 'C', due: 0, checked: 0, rate: null },
      ],
    });
  });

  it('recurrence: two or more forms in the 90 days ending `to`, most first', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    // P3's two forms are 100 days apart, P4 and P5 have one each in the window; F7 is cancelled.
    expect(s.recurrence).toEqual([
      expect.objectContaining({
        kind: 'post',
        id: post.P1,
        unitId: unit.U1,
        count: 3,
        lastFoundOn: '2026-10-20',
      }),
      expect.objectContaining({
        kind: 'post',
        id: post.P2,
        unitId: unit.U2,
        count: 2,
        lastFoundOn: '2026-10-12',
      }),
      expect.objectContaining({
        kind: 'risk_point',
        id: point.RP,
        unitId: unit.U2,
        count: 2,
        lastFoundOn: '2026-10-12',
      }),
    ]);
    expect(s.recurrence[0].name).toBe('统计测试窗口');
    // Ending 17 September, the window holds only F1 and F3 on different posts (and F9 is 57 days before).
    expect((await summary(`from=2026-09-01&to=2026-09-17&unitId=${w.unitId}`)).recurrence).toEqual([]);
  });

  it('trend: filed, closed and on time month by month', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    expect(s.trend).toEqual([
      { month: '2026-09', filed: 3, closed: 1, onTime: 1, rate: 1 },
      { month: '2026-10', filed: 5, closed: 3, onTime: 2, rate: 2 / 3 },
    ]);
  });

  it('ranks the units below by on-time rate, then fewest overdue; units alike share a rank', async () => {
    const s = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    const row = (u: keyof typeof unit, figures: object, rank: number) =>
      expect.objectContaining({ unitId: unit[u], ...figures, rank });
    const none = { open: 0, overdue: 0, closed: 0, onTime: 0, rate: null };
    expect(s.units).toEqual([
      row('U3', { open: 0, overdue: 0, closed: 1, onTime: 1, rate: 1 }, 1),
      row('U1', { open: 2, overdue: 1, closed: 2, onTime: 2, rate: 1 }, 2),
      row('U2', { open: 2, overdue: 1, closed: 1, onTime: 0, rate: 0 }, 3),
      row('U4', none, 4),
      row('U5', none, 4),
    ]);
    expect(s.units[0].code).toMatch(/^RU-/);
  });

  it('narrows to one unit, and defaults to this month so far', async () => {
    const u2 = await summary(`${SEP_OCT}&unitId=${unit.U2}`);
    expect(u2.closure).toEqual({ closed: 1, onTime: 0, rate: 0, target: 1, avgWorkingDays: 39 });
    expect(u2.units).toEqual([]);
    const now = await summary(`unitId=${w.unitId}`);
    expect(now).toMatchObject({ from: '2026-11-01', to: TODAY });
    // F12 closed at 00:30 on 1 November, centre time: 27–30 October are its working days.
    expect(now.closure).toEqual({ closed: 1, onTime: 1, rate: 1, target: 1, avgWorkingDays: 4 });
    expect(now.trend).toEqual([{ month: '2026-11', filed: 1, closed: 1, onTime: 1, rate: 1 }]);
  });
});

describe('permissions', () => {
  it('needs a session', async () => {
    await expectProblem(await h.call('GET', '/api/reports/summary'), 401);
  });

  it('refuses post holders', async () => {
    await expectProblem(await h.call('GET', '/api/reports/summary', { cookie: w.cookies.worker }), 403);
    await expectProblem(
      await h.call('GET', '/api/reports/summary', { cookie: await h.signIn(DEMO.holder) }),
      403,
    );
  });

  it('shows a leader their own units, and no unit outside them', async () => {
    const mine = await summary(SEP_OCT);
    expect(mine.unitId).toBe(w.unitId);
    expect(mine.closure.closed).toBe(4);
    const root = (await (await h.call('GET', '/api/units?root=true', { cookie: w.cookies.admin })).json())
      .items[0];
    for (const outside of [root.id, unit.other]) {
      const p = await expectProblem(
        await h.call('GET', `/api/reports/summary?unitId=${outside}`, { cookie: cookie.leader }),
        403,
      );
      expect(p.errors?.[0]?.path).toBe('unitId');
    }
  });

  it('keeps a supervisor of another subtree to theirs', async () => {
    await expectProblem(
      await h.call('GET', `/api/reports/summary?unitId=${w.unitId}`, { cookie: cookie.otherSupervisor }),
      403,
    );
    const theirs = await summary(SEP_OCT, cookie.otherSupervisor);
    expect(theirs).toMatchObject({ unitId: unit.other, units: [], recurrence: [] });
    expect(theirs.closure.closed).toBe(0);
    expect(theirs.open.total).toBe(0);
  });

  it('lets the centre’s supervisor and admins read any unit; an admin’s ranking is of the centre’s units', async () => {
    const r = await summary(`${SEP_OCT}&unitId=${w.unitId}`);
    for (const who of [w.cookies.supervisor, w.cookies.admin]) {
      expect(await summary(`${SEP_OCT}&unitId=${w.unitId}`, who)).toEqual(r);
    }
    const all = await summary(SEP_OCT, w.cookies.admin);
    expect(all.unitId).toBeNull();
    expect(all.units.find((u: { unitId: number }) => u.unitId === w.unitId)).toMatchObject({
      open: 4,
      overdue: 2,
      closed: 4,
      onTime: 3,
      rate: 0.75,
    });
    expect(all.closure.closed).toBeGreaterThanOrEqual(4);
  });
});

describe('bad input', () => {
  it('is refused with a problem naming the field', async () => {
    const cases: [string, string][] = [
      ['from=2026-10-31&to=2026-09-01', 'from'],
      ['to=2026-10-31', 'to'],
      ['from=2026-12-01', 'from'],
      ['from=yesterday', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2023-09-01&to=2026-09-01', 'to'],
      ['unitId=abc', 'unitId'],
      ['unitId=2147483000', 'unitId'],
      ['sneaky=1', 'sneaky'],
    ];
    for (const [query, field] of cases) {
      const p = await expectProblem(
        await h.call('GET', `/api/reports/summary?${query}`, { cookie: w.cookies.admin }),
        400,
      );
      expect(
        p.errors?.map((e) => e.path),
        query,
      ).toContain(field);
    }
    // Three years less a day is allowed.
    expect((await summary('from=2023-09-01&to=2026-08-31', w.cookies.admin)).trend).toHaveLength(36);
  });
});
