import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHasher } from '../server/audit/node-hasher.ts';
import { dateIn } from '../server/http/context.ts';
import { closeDueMonth } from '../server/scorecards/service.ts';
import { expectProblem, type Harness, harness, PUBLIC_URL, uniqueCode } from './helpers/app.ts';
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
 * Monthly post scorecards against a fixture worked out by hand. Four fresh posts in two fresh units under
 * the world's unit, held by the world's worker: U1 holds P1 and P2, U2 holds P3 and P4. The app's clock is
 * moved to the days things happen, then stands on 2026-11-20. September and October 2026 cross the
 * Mid-Autumn and National Day holidays: 20 September (a Sunday) is a make-up working day, 25 September and
 * 1–7 October are holidays, 10 October (a Saturday) is a make-up working day. Working days: September 22,
 * October 18 (8, 9, 10, 12–16, 19–23, 26–30). Default rules: −2 per overdue working day, failed checks
 * A −5 / B −3 / C −1, −5 per valid complaint, −3 per reopening; bands 90 / 80 / 60.
 *
 * October, by hand:
 * - P1: F1 (A, filed 24 Sep, deadline 9 Oct, still open) overdue 10, 12–16, 19–23, 26–30 Oct = 16 working
 *   days, −32; F2 a complaint found 12 Oct, −5 (deadline 2 Nov: not overdue); F3 a complaint cancelled: 0.
 *   Score 63 (pass).
 * - P2: F4 (B, filed 15 Sep, deadline 29 Sep, closed 13 Oct) overdue 8, 9, 10, 12 Oct = 4 days, −8; a
 *   failed check on 15 Oct of RP while it was grade B, −3, and on 22 Oct after it was re-graded A on 20 Oct,
 *   −5; each opened a form (B from 15 Oct, A from 22 Oct: both due 29 Oct) overdue on 30 Oct, −2 each.
 *   Score 80 (good).
 * - P3: nothing, 100 (excellent).
 * - P4: F6 (A, filed 3 Aug, deadline 10 Aug, open) overdue all 18 working days, −36; F7 and F8 complaints,
 *   −10. Score 54 (fail).
 * September: P1 100, P2 98 (F4 overdue on 30 Sep), P3 100, P4 56 (F6 overdue all 22 working days).
 * Units, October: U1 (63 + 80) / 2 = 71.5, U2 (100 + 54) / 2 = 77; September U1 99, U2 78.
 */
const TODAY = '2026-11-20';
let clock = `${TODAY}T03:00:00Z`;
let h: Harness;
let w: World;
const unit = { U1: 0, U2: 0, other: 0 };
const post = { P1: 0, P2: 0, P3: 0, P4: 0 };
const form: Record<string, FormFixture> = {};
const cookie = { otherSupervisor: '', leader: '' };
/** People used only on the real day (signing in then drops their sessions of the fixture's days). */
const realDay = { filer: '', supervisor: '', leader: '' };
let leaderId = 0;
let point = 0;

async function created(res: Response) {
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...(await res.json()), etag: res.headers.get('etag') as string };
}

async function newUnit(parentId: number) {
  const body = { code: uniqueCode('SU'), name: '考评测试科', level: 'city', kind: 'section', parentId };
  return (await created(await h.call('POST', '/api/units', { cookie: w.cookies.admin, body }))).id as number;
}

async function newPerson(unitId: number, role: string) {
  const email = `${uniqueCode('sp').toLowerCase()}@centre.example`;
  const p = await created(
    await h.call('POST', '/api/people', {
      cookie: w.cookies.admin,
      body: { name: '考评测试人员', email, unitId, roles: [role], password: 'a-long-password' },
    }),
  );
  return { id: p.id as number, email, cookie: await h.signIn(email, 'a-long-password') };
}

async function newPost(unitId: number, leaderInChargeId: number | null = null) {
  const p = await created(
    await h.call('POST', '/api/posts', {
      cookie: w.cookies.admin,
      body: { code: uniqueCode('SW'), name: '考评测试窗口', kind: 'window', unitId, leaderInChargeId },
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

const at = (day: string) => `${day}T03:00:00Z`;

async function file(name: string, p: keyof typeof post, grade: string, source: string, found: string) {
  clock = at(found);
  form[name] = await fileForm(w, { occurredOn: found, foundOn: found, source, postId: post[p], grade });
  return form[name] as FormFixture;
}

async function step(r: Promise<{ res: Response; form: FormFixture }>, name: string) {
  const { res, form: next } = await r;
  expect(res.status, JSON.stringify(next)).toBe(200);
  form[name] = next;
  return next;
}

/** Works a form through to closed on `day` (11:00 in Shanghai). */
async function close(
  name: string,
  day: string,
  as = { worker: w.cookies.worker, supervisor: w.cookies.supervisor },
) {
  const measure = { kind: 'immediate', text: '当场补正告知', ownerId: w.workerId, dueOn: day };
  let f = await step(
    patch(w, form[name] as FormFixture, as.worker, {
      rootCause: { whys: ['未一次性告知'], category: 'people' },
      measures: [measure],
    }),
    name,
  );
  f = await step(move(w, f, as.worker, { to: 'in_progress' }), name);
  clock = at(day);
  const [done] = f.measures as { id: number }[];
  f = await step(patch(w, f, as.worker, { measures: [{ ...measure, id: done?.id, doneOn: day }] }), name);
  f = await step(move(w, f, as.worker, { to: 'verifying' }), name);
  await step(
    move(w, f, as.supervisor, { to: 'closed', verification: VERIFIED, accountability: ACCOUNTED }),
    name,
  );
}

async function failCheck(day: string) {
  clock = at(day);
  const res = await h.call('POST', '/api/inspections', {
    cookie: w.cookies.supervisor,
    body: {
      riskPointId: point,
      method: 'file_review',
      checkedOn: day,
      result: 'fail',
      notes: '抽查发现问题',
    },
  });
  return created(res);
}

async function get(path: string, as = w.cookies.admin) {
  const res = await h.call('GET', path, { cookie: as });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const db = () => h.database.db;

beforeAll(async () => {
  h = await harness({ now: () => new Date(clock) });
  w = await makeWorld(h);
  unit.U1 = await newUnit(w.unitId);
  unit.U2 = await newUnit(w.unitId);
  const root = (await get('/api/units?root=true')).items[0];
  unit.other = await newUnit(root.id);
  const leader = await newPerson(w.unitId, 'leader');
  leaderId = leader.id;
  cookie.leader = leader.cookie;
  cookie.otherSupervisor = (await newPerson(unit.other, 'supervisor')).cookie;
  realDay.filer = (await newPerson(w.unitId, 'holder')).email;
  realDay.supervisor = (await newPerson(w.unitId, 'supervisor')).email;
  realDay.leader = (await newPerson(w.unitId, 'leader')).email;
  post.P1 = await newPost(unit.U1);
  post.P2 = await newPost(unit.U1);
  post.P3 = await newPost(unit.U2);
  post.P4 = await newPost(unit.U2, leaderId);

  // The risk point of P2: grade B since January, re-graded A on 20 October.
  const supervisorId = (await get('/api/me', w.cookies.supervisor)).id;
  const item = (await get('/api/approval-items?limit=1')).items[0].id;
  const rp = await created(
    await h.call('POST', '/api/risk-points', {
      cookie: w.cookies.admin,
      body: {
        code: uniqueCode('SR'),
        approvalItemId: item,
        stage: 'accept',
        postId: post.P2,
        description: '考评测试风险点',
        category: 'process',
        grade: 'B',
        likelihood: 2,
        impact: 2,
        discretion: 2,
        confirmedById: supervisorId,
      },
    }),
  );
  point = rp.id;
  await sql`update risk_points set created_at = '2026-01-01T00:00:00+08:00' where id = ${point}`.execute(
    db(),
  );
  await sql`update risk_point_grades set changed_at = '2026-01-01T00:00:00+08:00' where risk_point_id = ${point}`.execute(
    db(),
  );

  await file('F6', 'P4', 'A', 'self_inspection', '2026-08-03');
  await file('F4', 'P2', 'B', 'self_inspection', '2026-09-15');
  await file('F1', 'P1', 'A', 'self_inspection', '2026-09-24');
  await file('F2', 'P1', 'C', 'complaint', '2026-10-12');
  await file('F3', 'P1', 'C', 'complaint', '2026-10-14');
  await step(
    move(w, form.F3 as FormFixture, w.cookies.supervisor, { to: 'cancelled', reason: '重复登记' }),
    'F3',
  );
  await file('F7', 'P4', 'C', 'complaint', '2026-10-19');
  await file('F8', 'P4', 'C', 'complaint', '2026-10-20');
  await close('F4', '2026-10-13');
  form.check1 = await failCheck('2026-10-15');
  clock = at('2026-10-20');
  const regraded = await h.call('POST', `/api/risk-points/${point}/grade`, {
    cookie: w.cookies.supervisor,
    headers: { 'If-Match': rp.etag },
    body: { grade: 'A', likelihood: 3, impact: 3, discretion: 2, reason: '投诉增多，升为 A 级' },
  });
  expect(regraded.status, await regraded.clone().text()).toBe(200);
  await sql`update risk_point_grades set changed_at = '2026-10-20T10:00:00+08:00' where risk_point_id = ${point} and previous_grade = 'B'`.execute(
    db(),
  );
  form.check2 = await failCheck('2026-10-22');
  clock = at(TODAY);
}, 120_000);

const scores = async (query: string, as = cookie.leader) => get(`/api/scorecards?${query}`, as);
const byPost = (items: { postId: number }[]) => new Map(items.map((i) => [i.postId, i]));

describe('live scores, computed by hand', () => {
  it('October: each post’s score, band, rank and change from September, working days across the holidays', async () => {
    const s = await scores(`month=2026-10&unitId=${w.unitId}`);
    // The world's own two posts (no forms) sit in the world's unit too.
    expect(s).toMatchObject({ month: '2026-10', closed: false, closedAt: null, total: 6, nextCursor: null });
    const mine = s.items.filter((i: { postId: number }) => Object.values(post).includes(i.postId));
    expect(
      mine.map((i: { postId: number; total: number; band: string; rank: number; change: number }) => [
        i.postId,
        i.total,
        i.band,
        i.rank,
        i.change,
      ]),
    ).toEqual([
      [post.P3, 100, 'excellent', 1, 0],
      [post.P2, 80, 'good', 4, -18],
      [post.P1, 63, 'pass', 5, -37],
      [post.P4, 54, 'fail', 6, -2],
    ]);
  });

  it('every deduction links to the form or check that caused it', async () => {
    const p1 = await get(`/api/scorecards/2026-10/posts/${post.P1}`, cookie.leader);
    expect(p1).toMatchObject({
      score: 63,
      total: 63,
      deducted: 37,
      band: 'pass',
      closed: false,
      adjustments: [],
    });
    expect(p1.deductions).toEqual([
      {
        kind: 'overdue',
        points: 32,
        formId: form.F1?.id,
        formNumber: form.F1?.number,
        inspectionId: null,
        grade: 'A',
        days: 16,
        onDate: null,
      },
      {
        kind: 'complaint',
        points: 5,
        formId: form.F2?.id,
        formNumber: form.F2?.number,
        inspectionId: null,
        grade: 'C',
        days: null,
        onDate: '2026-10-12',
      },
    ]);
    const p2 = await get(`/api/scorecards/2026-10/posts/${post.P2}`, cookie.leader);
    expect(p2.score).toBe(80);
    const brief = p2.deductions.map((d: Record<string, unknown>) => [
      d.kind,
      d.points,
      d.formId,
      d.inspectionId,
      d.grade,
      d.days,
      d.onDate,
    ]);
    expect(brief).toEqual([
      ['overdue', 8, form.F4?.id, null, 'B', 4, null],
      ['failed_check', 5, form.check2?.formId, form.check2?.id, 'A', null, '2026-10-22'],
      ['failed_check', 3, form.check1?.formId, form.check1?.id, 'B', null, '2026-10-15'],
      ['overdue', 2, form.check1?.formId, null, 'B', 1, null],
      ['overdue', 2, form.check2?.formId, null, 'A', 1, null],
    ]);
  });

  it('units get the average of their posts, with the change from the month before', async () => {
    const u = await get(`/api/scorecards/units?month=2026-10&unitId=${w.unitId}`, cookie.leader);
    expect(
      u.items.map((i: Record<string, unknown>) => [
        i.unitId,
        i.posts,
        i.average,
        i.band,
        i.rank,
        i.previousAverage,
        i.change,
      ]),
    ).toEqual([
      [unit.U2, 2, 77, 'pass', 1, 78, -1],
      [unit.U1, 2, 71.5, 'pass', 2, 99, -27.5],
    ]);
  });

  it('September', async () => {
    const s = byPost((await scores(`month=2026-09&unitId=${w.unitId}`)).items);
    expect(
      [post.P1, post.P2, post.P3, post.P4].map((p) => (s.get(p) as unknown as { total: number }).total),
    ).toEqual([100, 98, 100, 56]);
  });
});

describe('reopening', () => {
  it('a form reopened after closure costs its post 3 points in the month it was reopened', async () => {
    // The reopening's audit event carries the real time, so this is seen in the real current month.
    const now = new Date();
    const day = dateIn(now, 'Asia/Shanghai');
    const month = day.slice(0, 7);
    clock = now.toISOString();
    const signIn = (email: string) => h.signIn(email, 'a-long-password');
    const as = { worker: await signIn(realDay.filer), supervisor: await signIn(realDay.supervisor) };
    const leader = await signIn(realDay.leader);
    form.F5 = await fileForm(w, { occurredOn: day, foundOn: day, postId: post.P3, grade: 'C' }, as.worker);
    await close('F5', day, as);
    clock = now.toISOString();
    const f5 = form.F5 as FormFixture;
    const reopened = await h.call('POST', `/api/forms/${f5.id}/transitions`, {
      cookie: as.supervisor,
      headers: { 'If-Match': f5.etag },
      body: { to: 'in_progress', reason: '复查发现问题复发' },
    });
    expect(reopened.status, await reopened.clone().text()).toBe(200);
    const p3 = await get(`/api/scorecards/${month}/posts/${post.P3}`, leader);
    expect(p3.deductions.filter((d: { kind: string }) => d.kind === 'reopened')).toEqual([
      {
        kind: 'reopened',
        points: 3,
        formId: f5.id,
        formNumber: f5.number,
        inspectionId: null,
        grade: 'C',
        days: null,
        onDate: day,
      },
    ]);
    clock = at(TODAY);
  });
});

describe('closing a month', () => {
  it('freezes the month: old data changing later changes nothing; an adjustment is audited', async () => {
    const closedSep = await h.call('POST', '/api/scorecards/2026-09/close', { cookie: w.cookies.admin });
    expect(closedSep.status, await closedSep.clone().text()).toBe(200);
    expect(await closedSep.json()).toMatchObject({ month: '2026-09', alreadyClosed: false, flagged: 0 });
    const res = await h.call('POST', '/api/scorecards/2026-10/close', { cookie: w.cookies.admin });
    expect(res.status).toBe(200);
    const closed = await res.json();
    expect(closed).toMatchObject({ month: '2026-10', alreadyClosed: false });
    expect(closed.flagged).toBeGreaterThanOrEqual(1);
    const event = await db()
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('entityType', '=', 'scorecard_month')
      .where('entityId', '=', '2026-10')
      .execute();
    expect(event).toHaveLength(1);
    expect(event[0]?.action).toBe('scorecards.closed');

    const before = await get(`/api/scorecards/2026-10/posts/${post.P1}`, cookie.leader);
    expect(before).toMatchObject({ closed: true, score: 63, total: 63 });
    // Old data changes: the complaint is cancelled after all, and the rules get stricter.
    const f2 = await h.call('GET', `/api/forms/${form.F2?.id}`, { cookie: w.cookies.admin });
    const cancelled = await h.call('POST', `/api/forms/${form.F2?.id}/transitions`, {
      cookie: w.cookies.supervisor,
      headers: { 'If-Match': f2.headers.get('etag') as string },
      body: { to: 'cancelled', reason: '经核实非有效投诉' },
    });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    const read = await h.call('GET', '/api/settings', { cookie: w.cookies.admin });
    const settings = await read.json();
    const stricter = await h.call('PATCH', '/api/settings', {
      cookie: w.cookies.admin,
      headers: { 'If-Match': read.headers.get('etag') as string },
      body: { scorecardRules: { ...settings.scorecardRules, overduePerWorkingDay: 3 } },
    });
    expect(stricter.status, await stricter.clone().text()).toBe(200);
    const after = await get(`/api/scorecards/2026-10/posts/${post.P1}`, cookie.leader);
    expect(after).toEqual(before);
    const again = await h.call('POST', '/api/scorecards/2026-10/close', { cookie: w.cookies.admin });
    expect(await again.json()).toMatchObject({ month: '2026-10', alreadyClosed: true, flagged: 0 });

    const adjusted = await h.call('POST', `/api/scorecards/2026-10/posts/${post.P1}/adjustments`, {
      cookie: w.cookies.admin,
      body: { points: 5, reason: '复核：F2 经核实非有效投诉' },
    });
    expect(adjusted.status, await adjusted.clone().text()).toBe(201);
    const view = await adjusted.json();
    expect(view).toMatchObject({ score: 63, adjustment: 5, total: 68, band: 'pass' });
    expect(view.adjustments).toMatchObject([
      { points: 5, reason: '复核：F2 经核实非有效投诉', author: { name: expect.any(String) } },
    ]);
    const trail = await db()
      .selectFrom('auditEvents')
      .select(['action', 'before', 'after'])
      .where('entityType', '=', 'scorecard')
      .where('entityId', '=', `2026-10:${post.P1}`)
      .execute();
    expect(trail).toMatchObject([
      { action: 'scorecards.adjusted', before: { total: 63 }, after: { points: 5, total: 68 } },
    ]);
    // The frozen score and its deductions stay as they were.
    const row = await db()
      .selectFrom('scorecards')
      .selectAll()
      .where('month', '=', '2026-10')
      .where('postId', '=', post.P1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ score: 63, band: 'pass' });
  });

  it('puts each post’s score and deductions in its holders’ monthly digest', async () => {
    const run = await h.call('POST', '/api/digests/run', {
      cookie: w.cookies.admin,
      body: { month: '2026-10' },
    });
    expect(run.status, await run.clone().text()).toBeLessThan(300);
    const digest = await db()
      .selectFrom('outbox')
      .select('data')
      .where('dedupeKey', '=', `digest:2026-10:person:${w.workerId}`)
      .executeTakeFirstOrThrow();
    const cards = (digest.data as { scorecards: { url: string }[] }).scorecards;
    // The worker holds the world's post and P1–P4.
    expect(cards).toHaveLength(5);
    const p1 = cards.find((c) => c.url.endsWith(`/scorecards/2026-10/posts/${post.P1}`));
    expect(p1).toMatchObject({
      total: 68,
      band: '合格',
      live: false,
      url: `${PUBLIC_URL}/scorecards/2026-10/posts/${post.P1}`,
      deductions: [
        { label: '记录超期', ref: form.F1?.number, points: 32 },
        { label: '有效投诉', ref: form.F2?.number, points: 5 },
      ],
    });
  });

  it('flags a post in the bottom band two months running once, and tells its leader in charge', async () => {
    const flags = await db().selectFrom('talkFlags').selectAll().where('postId', '=', post.P4).execute();
    expect(flags).toMatchObject([{ month: '2026-10', leaderId }]);
    const mail = await db()
      .selectFrom('outbox')
      .select(['template', 'personId', 'dedupeKey'])
      .where('dedupeKey', 'like', `talk-flag:%:post:${post.P4}:%`)
      .execute();
    expect(mail).toEqual([
      {
        template: 'talk-flag',
        personId: leaderId,
        dedupeKey: `talk-flag:2026-10:post:${post.P4}:person:${leaderId}`,
      },
    ]);
    const s = byPost((await scores(`month=2026-10&unitId=${unit.U2}`)).items);
    expect((s.get(post.P4) as unknown as { flagged: boolean }).flagged).toBe(true);
    expect((s.get(post.P3) as unknown as { flagged: boolean }).flagged).toBe(false);

    // November closes on the first working day of December (the scheduler's job): P4 fails a third month,
    // already flagged for October: no second flag.
    // Not before the first working day of December (the 1st, a Tuesday).
    const early = await closeDueMonth(db(), {
      publicUrl: PUBLIC_URL,
      timeZone: 'Asia/Shanghai',
      today: '2026-11-30',
      hasher: nodeHasher,
    });
    expect(early.closed).toBeNull();
    clock = at('2026-12-01');
    const job = await closeDueMonth(db(), {
      publicUrl: PUBLIC_URL,
      timeZone: 'Asia/Shanghai',
      today: '2026-12-01',
      hasher: nodeHasher,
    });
    expect(job.closed).toMatchObject({ month: '2026-11', alreadyClosed: false });
    expect(
      (await closeDueMonth(db(), { publicUrl: PUBLIC_URL, timeZone: 'Asia/Shanghai', today: '2026-12-02' }))
        .closed,
    ).toBeNull();
    // Sessions last 12 hours of the app's clock: read back on the fixture's day.
    clock = at(TODAY);
    const nov = await get(`/api/scorecards/2026-11/posts/${post.P4}`, cookie.leader);
    expect(nov.band).toBe('fail');
    expect(
      await db().selectFrom('talkFlags').select('month').where('postId', '=', post.P4).execute(),
    ).toEqual([{ month: '2026-10' }]);
    clock = at(TODAY);
  });
});

describe('who sees and changes what', () => {
  it('holders see only the posts they held; leaders and supervisors their units; admins all', async () => {
    const worker = await scores('month=2026-10', w.cookies.worker);
    const ids = worker.items.map((i: { postId: number }) => i.postId).sort();
    expect(ids).toEqual([w.postId, ...Object.values(post)].sort());
    const outsider = await scores('month=2026-10', w.cookies.outsider);
    expect(outsider.items).toHaveLength(1);
    expect((await get('/api/scorecards/units?month=2026-10', w.cookies.worker)).items).toEqual([]);
    await expectProblem(
      await h.call('GET', `/api/scorecards/2026-10/posts/${post.P1}`, { cookie: w.cookies.outsider }),
      403,
    );
    await get(`/api/scorecards/2026-10/posts/${post.P1}`, w.cookies.worker);
    await expectProblem(
      await h.call('GET', `/api/scorecards?unitId=${w.unitId}`, { cookie: cookie.otherSupervisor }),
      403,
    );
    const other = await scores('month=2026-10', cookie.otherSupervisor);
    expect(other.items.some((i: { postId: number }) => i.postId === post.P1)).toBe(false);
    await expectProblem(
      await h.call('GET', `/api/scorecards/2026-10/posts/${post.P1}`, { cookie: cookie.otherSupervisor }),
      403,
    );
    const admin = await scores('month=2026-10&limit=500', w.cookies.admin);
    expect(admin.total).toBeGreaterThan(200);
  });

  it('pages through the ranking with a cursor', async () => {
    const first = await scores(`month=2026-10&unitId=${w.unitId}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(6);
    const second = await scores(`month=2026-10&unitId=${w.unitId}&limit=2&cursor=${first.nextCursor}`);
    const third = await scores(`month=2026-10&unitId=${w.unitId}&limit=2&cursor=${second.nextCursor}`);
    expect(third).toMatchObject({ total: 6, nextCursor: null });
    const all = [...first.items, ...second.items, ...third.items].map((i) => i.postId);
    expect(new Set(all).size).toBe(6);
  });

  it('only admins close a month; admins and supervisors of the post’s units adjust a closed month', async () => {
    for (const as of [w.cookies.supervisor, cookie.leader, w.cookies.worker])
      await expectProblem(await h.call('POST', '/api/scorecards/2026-09/close', { cookie: as }), 403);
    const body = { points: -2, reason: '补充扣分：漏报投诉' };
    for (const as of [cookie.leader, w.cookies.worker, cookie.otherSupervisor])
      await expectProblem(
        await h.call('POST', `/api/scorecards/2026-10/posts/${post.P2}/adjustments`, { cookie: as, body }),
        403,
      );
    const ok = await h.call('POST', `/api/scorecards/2026-10/posts/${post.P2}/adjustments`, {
      cookie: w.cookies.supervisor,
      body,
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(await ok.json()).toMatchObject({ score: 80, adjustment: -2, total: 78, band: 'pass' });
  });

  it('refuses bad input', async () => {
    const bad = async (method: string, path: string, body?: unknown, status = 400) =>
      expectProblem(await h.call(method, path, { cookie: w.cookies.admin, body }), status);
    await bad('GET', '/api/scorecards?month=2026-13');
    await bad('GET', '/api/scorecards?month=abc');
    await bad('GET', '/api/scorecards?month=2027-01');
    await bad('GET', '/api/scorecards?unitId=0');
    await bad('GET', '/api/scorecards?unitId=2147483000');
    await bad('GET', '/api/scorecards?cursor=nonsense');
    await bad('GET', '/api/scorecards?color=red');
    await bad('GET', '/api/scorecards/units?month=1999-01');
    await bad('GET', '/api/scorecards/2026-10/posts/0');
    await bad('GET', '/api/scorecards/2026-10/posts/2147483000', undefined, 404);
    await bad('POST', '/api/scorecards/2026-11/close');
    await bad('POST', '/api/scorecards/2026-1/close');
    const adj = `/api/scorecards/2026-10/posts/${post.P3}/adjustments`;
    await bad('POST', adj, { points: 0, reason: '无' });
    await bad('POST', adj, { points: 101, reason: '太多' });
    await bad('POST', adj, { points: 1.5, reason: '小数' });
    await bad('POST', adj, { points: 1, reason: '   ' });
    await bad('POST', adj, { points: 1, reason: 'x', extra: true });
    await bad('POST', adj, { points: 1 });
    await bad(
      'POST',
      `/api/scorecards/2026-08/posts/${post.P3}/adjustments`,
      { points: 1, reason: '未结转' },
      409,
    );
    await bad(
      'POST',
      `/api/scorecards/2026-10/posts/2147483000/adjustments`,
      { points: 1, reason: '无此岗位' },
      404,
    );
    const read = await h.call('GET', '/api/settings', { cookie: w.cookies.admin });
    const bands = await h.call('PATCH', '/api/settings', {
      cookie: w.cookies.admin,
      headers: { 'If-Match': read.headers.get('etag') as string },
      body: { scoreBands: { excellent: 80, good: 90, pass: 60 } },
    });
    expect((await expectProblem(bands, 400)).errors?.[0]?.path).toMatch(/^scoreBands/);
  });
});
