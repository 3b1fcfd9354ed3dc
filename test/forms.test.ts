import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../server/calendar/calendar.ts';
import { dateIn } from '../server/http/context.ts';
import { expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import {
  ACCOUNTED,
  type FormFixture,
  fileForm,
  formIn,
  makeWorld,
  move,
  patch,
  ROOT_CAUSE,
  VERIFIED,
  type World,
} from './helpers/forms.ts';

let h: Harness;
let w: World;
const today = () => dateIn(new Date(), 'Asia/Shanghai');

beforeAll(async () => {
  h = await harness();
  w = await makeWorld(h);
});

describe('filing a form', () => {
  it('numbers it, traces responsibility, sets a working-day deadline', async () => {
    const res = await h.call('POST', '/api/forms', {
      cookie: w.cookies.worker,
      body: {
        problem: '超过承诺时限办结',
        occurredOn: '2026-02-02',
        source: 'complaint',
        postId: w.postId,
        grade: 'A',
      },
    });
    expect(res.status).toBe(201);
    const form = await res.json();
    expect(res.headers.get('location')).toBe(`/api/forms/${form.id}`);
    expect(res.headers.get('etag')).toBe(`"v${form.version}"`);
    expect(form.number).toMatch(new RegExp(`^GZ-${today().slice(0, 4)}-\\d{6}$`));
    expect(form).toMatchObject({
      status: 'open',
      grade: 'A',
      card: 'none',
      filedOn: today(),
      foundOn: today(),
    });
    expect(form.deadline).toBe(addWorkingDays(today(), 5));
    expect(form.responsible.holders.map((x: { personId: number }) => x.personId)).toEqual([w.workerId]);
    expect(form.responsible.departmentHead).toBeNull();
    expect(form.allowedTransitions).toEqual(['in_progress']);
    expect(form.canEdit).toBe(true);
  });

  it('gives consecutive numbers', async () => {
    const a = await fileForm(w);
    const b = await fileForm(w);
    const n = (x: FormFixture) => Number(String(x.number).slice(-6));
    expect(n(b)).toBe(n(a) + 1);
  });

  it('takes the grade from the linked risk point, and needs one otherwise', async () => {
    const point = (
      await (await h.call('GET', '/api/risk-points?grade=A&limit=1', { cookie: w.cookies.worker })).json()
    ).items[0];
    const form = await fileForm(w, { grade: undefined, riskPointId: point.id });
    expect(form.grade).toBe('A');
    expect((form.riskPoint as { code: string }).code).toBe(point.code);
    const res = await h.call('POST', '/api/forms', {
      cookie: w.cookies.worker,
      body: { problem: 'x', occurredOn: '2026-01-05', source: 'self_inspection', postId: w.postId },
    });
    expect((await expectProblem(res, 400)).errors?.[0]?.path).toBe('grade');
  });

  it('refuses impossible dates and unknown links, naming the field', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await h.call('POST', '/api/forms', {
        cookie: w.cookies.worker,
        body: {
          problem: 'x',
          occurredOn: '2026-01-05',
          source: 'self_inspection',
          postId: w.postId,
          grade: 'C',
          ...body,
        },
      });
      expect((await expectProblem(res, 400)).errors?.map((e) => e.path)).toContain(field);
    };
    await bad({ occurredOn: '2999-01-01' }, 'occurredOn');
    await bad({ occurredOn: '2026-01-05', foundOn: '2026-01-01' }, 'foundOn');
    await bad({ occurredOn: '2026-02-30' }, 'occurredOn');
    await bad({ postId: 99999999 }, 'postId');
    await bad({ riskPointId: 99999999 }, 'riskPointId');
    await bad({ standardId: 99999999 }, 'standardId');
    await bad({ source: 'rumour' }, 'source');
  });
});

describe('trace-back of responsibility', () => {
  it('finds who held the post on the day it happened, and keeps it after a reassignment', async () => {
    const admin = w.cookies.admin;
    const people = (await (await h.call('GET', '/api/people?role=holder&limit=3', { cookie: admin })).json())
      .items;
    const [a, b, c] = people;
    const created = await h.call('POST', '/api/posts', {
      cookie: admin,
      body: { code: uniqueCode('TB'), name: '倒查测试窗口', kind: 'window', unitId: w.unitId },
    });
    const post = await created.json();
    let etag = created.headers.get('etag') as string;
    const assign = async (personId: number, fromDate: string) => {
      const res = await h.call('POST', `/api/posts/${post.id}/assignments`, {
        cookie: admin,
        headers: { 'If-Match': etag },
        body: { personId, fromDate },
      });
      expect(res.status).toBe(200);
      etag = res.headers.get('etag') as string;
    };
    await assign(a.id, '2025-01-01');
    await assign(b.id, '2025-07-01');

    const earlier = await fileForm(w, { postId: post.id, occurredOn: '2025-03-10' }, w.cookies.supervisor);
    const later = await fileForm(w, { postId: post.id, occurredOn: '2025-07-01' }, w.cookies.supervisor);
    const holders = (f: FormFixture) =>
      (f.responsible as { holders: { personId: number }[] }).holders.map((x) => x.personId);
    expect(holders(earlier)).toEqual([a.id]);
    expect(holders(later)).toEqual([b.id]);

    await assign(c.id, '2026-01-01');
    const again = await (
      await h.call('GET', `/api/forms/${earlier.id}`, { cookie: w.cookies.supervisor })
    ).json();
    expect(holders(again)).toEqual([a.id]);
    // The new holder works the post's forms today, the old one still works the form traced to them.
    const cOwn = await h.signIn(c.email);
    expect((await h.call('GET', `/api/forms/${earlier.id}`, { cookie: cOwn })).status).toBe(200);
    const aOwn = await h.signIn(a.email);
    expect((await h.call('GET', `/api/forms/${earlier.id}`, { cookie: aOwn })).status).toBe(200);
    // b held the post in between: neither traced to the earlier form nor holding the post now.
    const bOwn = await h.signIn(b.email);
    expect((await h.call('GET', `/api/forms/${earlier.id}`, { cookie: bOwn })).status).toBe(
      b.roles.includes('holder') && b.roles.length === 1 ? 404 : 200,
    );
  });
});

describe('working days', () => {
  it('counts across the National Day holiday and its make-up working days', async () => {
    const day = async (from: string, add: number) =>
      (
        await (
          await h.call('GET', `/api/calendar/working-days?from=${from}&add=${add}`, {
            cookie: w.cookies.worker,
          })
        ).json()
      ).date;
    expect(await day('2026-09-30', 1)).toBe('2026-10-08');
    expect(await day('2026-09-28', 5)).toBe('2026-10-10'); // Saturday 10 October is a make-up working day
    expect(await day('2026-09-18', 1)).toBe('2026-09-20'); // so is Sunday 20 September
    expect(await day('2026-10-09', 1)).toBe('2026-10-10');
    expect(await day('2026-10-10', 1)).toBe('2026-10-12');
    expect(await day('2026-12-01', 0)).toBe('2026-12-01');
    await expectProblem(
      await h.call('GET', '/api/calendar/working-days?from=2026-13-01&add=1', { cookie: w.cookies.worker }),
      400,
    );
    await expectProblem(
      await h.call('GET', '/api/calendar/working-days?from=2026-12-01&add=-1', { cookie: w.cookies.worker }),
      400,
    );
  });

  it('says when a count runs past the known holidays, and takes added ones from settings', async () => {
    const get = async (query: string) =>
      h.call('GET', `/api/calendar/working-days?${query}`, { cookie: w.cookies.worker });
    expect(await (await get('from=2026-12-30&add=1')).json()).toEqual({
      date: '2026-12-31',
      officialCalendar: true,
    });
    expect(await (await get('from=2026-12-31&add=1')).json()).toEqual({
      date: '2027-01-01',
      officialCalendar: false,
    });
    for (const bad of [
      'from=0000-01-01&add=1',
      'from=2026-12-01&add=',
      'from=2026-12-01&add=0x10',
      'from=2026-12-01&add=366',
    ]) {
      await expectProblem(await get(bad), 400);
    }
    // The State Council's schedule for 2027, added by an admin: New Year's Day is then a holiday.
    const settings = await h.call('GET', '/api/settings', { cookie: w.cookies.admin });
    const saved = await h.call('PATCH', '/api/settings', {
      cookie: w.cookies.admin,
      headers: { 'If-Match': settings.headers.get('etag') as string },
      body: { holidays: ['2027-01-01'] },
    });
    expect(saved.status).toBe(200);
    expect(await (await get('from=2026-12-31&add=1')).json()).toEqual({
      date: '2027-01-04',
      officialCalendar: true,
    });
    const undo = await h.call('PATCH', '/api/settings', {
      cookie: w.cookies.admin,
      headers: { 'If-Match': saved.headers.get('etag') as string },
      body: { holidays: [] },
    });
    expect(undo.status).toBe(200);
  });

  it('sets the deadline and the cards on that calendar', async () => {
    const at = (iso: string) => harness({ now: () => new Date(iso) });
    const filing = await at('2026-09-28T02:00:00Z');
    const cookie = await filing.signIn(await workerEmail(), 'a-long-password');
    const res = await filing.call('POST', '/api/forms', {
      cookie,
      body: {
        problem: '节前受理件超期',
        occurredOn: '2026-09-25',
        source: 'e_supervision',
        postId: w.postId,
        grade: 'A',
      },
    });
    const form = await res.json();
    expect(form).toMatchObject({
      filedOn: '2026-09-28',
      deadline: '2026-10-10',
      yellowOn: '2026-10-09',
      card: 'none',
    });
    const cardOn = async (iso: string) => {
      const later = await at(iso);
      const c = await later.signIn(await workerEmail(), 'a-long-password');
      return (await (await later.call('GET', `/api/forms/${form.id}`, { cookie: c })).json()).card;
    };
    expect(await cardOn('2026-10-08T02:00:00Z')).toBe('none');
    expect(await cardOn('2026-10-09T02:00:00Z')).toBe('yellow');
    expect(await cardOn('2026-10-10T02:00:00Z')).toBe('yellow');
    expect(await cardOn('2026-10-12T02:00:00Z')).toBe('red');
  });
});

let email: string | undefined;
async function workerEmail(): Promise<string> {
  if (!email) {
    const me = await (await h.call('GET', '/api/me', { cookie: w.cookies.worker })).json();
    email = me.email as string;
  }
  return email;
}

describe('the life of a form', () => {
  it('goes from filing to verified closure, with the guards saying what is missing', async () => {
    let form = await fileForm(w);
    const early = await move(w, form, w.cookies.worker, { to: 'in_progress' });
    const p = await expectProblem(early.res, 409);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(['measures', 'rootCause']);

    let r = await patch(w, form, w.cookies.worker, {
      rootCause: ROOT_CAUSE,
      measures: [
        { kind: 'immediate', text: '当场补正告知', ownerId: w.workerId, dueOn: '2026-12-31' },
        { kind: 'systemic', text: '修订办事指南材料清单', ownerId: w.workerId, dueOn: '2026-12-31' },
      ],
    });
    expect(r.res.status).toBe(200);
    form = r.form;
    r = await move(w, form, w.cookies.worker, { to: 'in_progress' });
    expect(r.res.status).toBe(200);
    form = r.form;

    const notDone = await move(w, form, w.cookies.worker, { to: 'verifying' });
    expect((await expectProblem(notDone.res, 409)).errors?.[0]?.path).toBe('measures.0.doneOn');

    const measures = (
      form.measures as { id: number; kind: string; text: string; owner: { id: number }; dueOn: string }[]
    ).map((m) => ({
      id: m.id,
      kind: m.kind,
      text: m.text,
      ownerId: m.owner.id,
      dueOn: m.dueOn,
      doneOn: '2026-02-01',
    }));
    r = await patch(w, form, w.cookies.worker, { measures });
    form = r.form;
    r = await move(w, form, w.cookies.worker, { to: 'verifying' });
    expect(r.res.status).toBe(200);
    form = r.form;

    await expectProblem(
      (
        await move(w, form, w.cookies.worker, {
          to: 'closed',
          verification: VERIFIED,
          accountability: ACCOUNTED,
        })
      ).res,
      403,
    );
    const noVerification = await move(w, form, w.cookies.supervisor, { to: 'closed' });
    expect((await expectProblem(noVerification.res, 409)).errors?.map((e) => e.path).sort()).toEqual([
      'accountability',
      'verification',
    ]);
    r = await move(w, form, w.cookies.supervisor, {
      to: 'closed',
      verification: VERIFIED,
      accountability: ACCOUNTED,
    });
    expect(r.res.status).toBe(200);
    expect(r.form).toMatchObject({
      status: 'closed',
      card: 'none',
      verification: { result: 'pass', method: 'file_review' },
      accountability: { outcome: 'reminder_talk' },
    });
    expect(r.form.closedAt).toBeTruthy();
    form = r.form;

    await expectProblem((await patch(w, form, w.cookies.worker, { problem: '改' })).res, 409);
    await expectProblem((await move(w, form, w.cookies.supervisor, { to: 'in_progress' })).res, 409);
    r = await move(w, form, w.cookies.supervisor, { to: 'in_progress', reason: '同类问题复发' });
    expect(r.res.status).toBe(200);
    expect(r.form).toMatchObject({ status: 'in_progress', statusReason: '同类问题复发', closedAt: null });

    const history = await (
      await h.call('GET', `/api/forms/${form.id}/history`, { cookie: w.cookies.worker })
    ).json();
    const actions = history.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'form.filed',
      'form.updated',
      'form.transition',
      'form.updated',
      'form.transition',
      'form.transition',
      'form.transition',
    ]);
    const seqs = history.items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const closing = history.items[5];
    expect(closing.before).toMatchObject({ status: 'verifying', verification: null, accountability: null });
    expect(closing.after).toMatchObject({ status: 'closed', verification: { result: 'pass' } });
    expect(history.items[1].before).toMatchObject({ rootCause: null, measures: [] });
    expect(history.items[1].after.rootCause).toEqual(ROOT_CAUSE);
  });

  it('sends a form back when verification fails', async () => {
    const form = await formIn(w, 'verifying');
    const noFail = await move(w, form, w.cookies.supervisor, { to: 'in_progress' });
    expect((await expectProblem(noFail.res, 409)).errors?.[0]?.path).toBe('verification');
    const r = await move(w, form, w.cookies.supervisor, {
      to: 'in_progress',
      verification: { method: 'on_site', result: 'fail', notes: '现场抽查仍未一次性告知' },
    });
    expect(r.res.status).toBe(200);
    expect(r.form).toMatchObject({ status: 'in_progress', verification: { result: 'fail' } });
  });

  it('does not let a supervisor who holds the form verify it', async () => {
    const admin = w.cookies.admin;
    const sup = await (await h.call('GET', '/api/session', { cookie: w.cookies.supervisor })).json();
    const res = await h.call('POST', '/api/posts', {
      cookie: admin,
      body: { code: uniqueCode('SV'), name: '督查兼岗', kind: 'office', unitId: w.unitId },
    });
    const post = await res.json();
    await h.call('POST', `/api/posts/${post.id}/assignments`, {
      cookie: admin,
      headers: { 'If-Match': res.headers.get('etag') as string },
      body: { personId: sup.person.id, fromDate: '2024-01-01', replaceCurrent: true },
    });
    let form = await fileForm(w, { postId: post.id }, w.cookies.supervisor);
    const step = async (p: Promise<{ res: Response; form: typeof form }>) => {
      const r = await p;
      expect(r.res.status).toBe(200);
      form = r.form;
    };
    await step(
      patch(w, form, w.cookies.supervisor, {
        rootCause: ROOT_CAUSE,
        measures: [
          { kind: 'immediate', text: 'x', ownerId: sup.person.id, dueOn: '2026-12-31', doneOn: '2026-01-10' },
        ],
      }),
    );
    await step(move(w, form, w.cookies.supervisor, { to: 'in_progress' }));
    await step(move(w, form, w.cookies.supervisor, { to: 'verifying' }));
    const self = await move(w, form, w.cookies.supervisor, {
      to: 'closed',
      verification: VERIFIED,
      accountability: ACCOUNTED,
    });
    expect((await expectProblem(self.res, 409)).detail).toBeTruthy();
  });
});

const TARGETS = ['open', 'in_progress', 'verifying', 'closed', 'cancelled'] as const;
const STATUSES = ['draft', 'open', 'in_progress', 'verifying', 'closed', 'cancelled'] as const;
type Role = 'worker' | 'supervisor' | 'leader' | 'admin' | 'outsider';

/** The allowed moves, written out by hand from DOMAIN.md: [from, to, who]. */
const ALLOWED: [string, string, Role][] = [
  ['draft', 'open', 'worker'],
  ['open', 'in_progress', 'worker'],
  ['in_progress', 'verifying', 'worker'],
  ['verifying', 'closed', 'supervisor'],
  ['verifying', 'in_progress', 'supervisor'],
  ['open', 'cancelled', 'supervisor'],
  ['in_progress', 'cancelled', 'supervisor'],
  ['closed', 'in_progress', 'supervisor'],
];

function completeBody(from: string, to: string) {
  if (to === 'closed') return { to, verification: VERIFIED, accountability: ACCOUNTED };
  if (from === 'verifying' && to === 'in_progress')
    return { to, verification: { method: 'phone', result: 'fail', notes: '回访仍有问题' } };
  if (to === 'cancelled' || from === 'closed') return { to, reason: '测试原因' };
  return { to };
}

describe('every move, for every role', () => {
  it('allows exactly the moves of the life cycle to exactly the right people', async () => {
    const samples: Record<string, Awaited<ReturnType<typeof formIn>>> = {};
    for (const status of STATUSES) samples[status] = await formIn(w, status);
    const roles: Role[] = ['worker', 'supervisor', 'leader', 'admin', 'outsider'];
    const outcomes: string[] = [];
    for (const from of STATUSES) {
      for (const to of TARGETS) {
        for (const role of roles) {
          const allowed = ALLOWED.some(([f, t, who]) => f === from && t === to && who === role);
          const moveExists = ALLOWED.some(([f, t]) => f === from && t === to);
          const form = allowed
            ? await formIn(w, from, true)
            : (samples[from] as Awaited<ReturnType<typeof formIn>>);
          const { res } = await move(w, form, w.cookies[role], completeBody(from, to));
          // A draft is its filer's alone: to everyone else it does not exist.
          const hidden = role === 'outsider' || (from === 'draft' && role !== 'worker');
          const expected = hidden ? 404 : allowed ? 200 : moveExists ? 403 : 409;
          if (res.status !== expected)
            outcomes.push(`${from} → ${to} as ${role}: expected ${expected}, got ${res.status}`);
          if (expected !== 200) await expectProblem(res, expected);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('lets exactly one of 20 concurrent moves win; the rest get 409 or 412', async () => {
    const form = await formIn(w, 'in_progress');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.call('POST', `/api/forms/${form.id}/transitions`, {
          cookie: i % 2 ? w.cookies.worker : w.cookies.supervisor,
          headers: { 'If-Match': form.etag },
          body: i % 2 ? { to: 'verifying' } : { to: 'cancelled', reason: `并发 ${i}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => [200, 409, 412].includes(s))).toBe(true);
    const history = await (
      await h.call('GET', `/api/forms/${form.id}/history`, { cookie: w.cookies.worker })
    ).json();
    expect(
      history.items.filter(
        (e: { action: string; before: { status: string } }) =>
          e.action === 'form.transition' && e.before.status === 'in_progress',
      ),
    ).toHaveLength(1);
  });
});

describe('If-Match and idempotency', () => {
  it('needs If-Match to change or move a form', async () => {
    const form = await fileForm(w);
    await expectProblem(
      await h.call('PATCH', `/api/forms/${form.id}`, {
        cookie: w.cookies.worker,
        body: { rootCause: ROOT_CAUSE },
      }),
      428,
    );
    await expectProblem(
      await h.call('PATCH', `/api/forms/${form.id}`, {
        cookie: w.cookies.worker,
        body: { rootCause: ROOT_CAUSE },
        headers: { 'If-Match': '"v99"' },
      }),
      412,
    );
    await expectProblem(
      await h.call('POST', `/api/forms/${form.id}/transitions`, {
        cookie: w.cookies.supervisor,
        body: { to: 'cancelled', reason: 'x' },
      }),
      428,
    );
    const ok = await patch(w, form, w.cookies.worker, { rootCause: ROOT_CAUSE });
    expect(ok.res.status).toBe(200);
    await expectProblem(
      (await patch(w, form, w.cookies.worker, { rootCause: { whys: ['旧版本'], category: 'people' } })).res,
      412,
    );
  });

  it('files once per Idempotency-Key', async () => {
    const key = uniqueCode('idem');
    const body = {
      problem: '重复提交测试',
      occurredOn: '2026-01-05',
      source: 'complaint',
      postId: w.postId,
      grade: 'C',
    };
    const send = (b: unknown) =>
      h.call('POST', '/api/forms', {
        cookie: w.cookies.worker,
        body: b,
        headers: { 'Idempotency-Key': key },
      });
    const first = await send(body);
    const second = await send({
      grade: 'C',
      postId: w.postId,
      source: 'complaint',
      occurredOn: '2026-01-05',
      problem: '重复提交测试',
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await second.json()).id).toBe((await first.json()).id);
    const p = await expectProblem(await send({ ...body, problem: '另一件事' }), 422);
    expect(p.errors?.[0]?.path).toBe('Idempotency-Key');

    const racing = uniqueCode('race');
    const all = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.call('POST', '/api/forms', {
          cookie: w.cookies.worker,
          body,
          headers: { 'Idempotency-Key': racing },
        }),
      ),
    );
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = await Promise.all(all.map(async (r) => (await r.json()).id));
    expect(new Set(ids).size).toBe(1);
  });
});

describe('who sees what', () => {
  it('hides a form from people outside it with a 404, and lists only visible forms', async () => {
    const form = await fileForm(w);
    expect((await h.call('GET', `/api/forms/${form.id}`, { cookie: w.cookies.supervisor })).status).toBe(200);
    expect((await h.call('GET', `/api/forms/${form.id}`, { cookie: w.cookies.leader })).status).toBe(200);
    expect((await h.call('GET', `/api/forms/${form.id}`, { cookie: w.cookies.admin })).status).toBe(200);
    for (const path of ['', '/history', '/comments', '/attachments']) {
      await expectProblem(
        await h.call('GET', `/api/forms/${form.id}${path}`, { cookie: w.cookies.outsider }),
        404,
      );
    }
    await expectProblem(
      await h.call('POST', `/api/forms/${form.id}/comments`, {
        cookie: w.cookies.outsider,
        body: { body: '看看' },
      }),
      404,
    );
    await expectProblem((await patch(w, form, w.cookies.outsider, { problem: '改' })).res, 404);
    const outsiderList = await (
      await h.call('GET', `/api/forms?postId=${w.postId}`, { cookie: w.cookies.outsider })
    ).json();
    expect(outsiderList.total).toBe(0);
    const mine = await (
      await h.call('GET', '/api/forms?mine=true&limit=500', { cookie: w.cookies.worker })
    ).json();
    expect(mine.items.map((f: { id: number }) => f.id)).toContain(form.id);
  });

  it('lets leaders read but not work or verify', async () => {
    const form = await fileForm(w);
    await expectProblem((await patch(w, form, w.cookies.leader, { problem: '改' })).res, 403);
    const comment = await h.call('POST', `/api/forms/${form.id}/comments`, {
      cookie: w.cookies.leader,
      body: { body: '请尽快整改' },
    });
    expect(comment.status).toBe(201);
    const comments = await (
      await h.call('GET', `/api/forms/${form.id}/comments`, { cookie: w.cookies.worker })
    ).json();
    expect(comments.items.map((x: { body: string }) => x.body)).toContain('请尽快整改');
  });
});

describe('the forms list', () => {
  it('filters by status, grade, card, unit, post, source, dates and text, newest first', async () => {
    const marker = uniqueCode('filter');
    const a = await fileForm(w, { problem: `${marker} 投诉`, source: 'complaint', grade: 'A' });
    const b = await fileForm(w, { problem: `${marker} 自查`, source: 'self_inspection', grade: 'C' });
    const list = async (query: string) =>
      (
        await (
          await h.call('GET', `/api/forms?q=${encodeURIComponent(marker)}&${query}`, {
            cookie: w.cookies.supervisor,
          })
        ).json()
      ).items.map((f: { id: number }) => f.id);
    expect(await list('')).toEqual([b.id, a.id]);
    expect(await list('source=complaint')).toEqual([a.id]);
    expect(await list('grade=C')).toEqual([b.id]);
    expect(await list(`unitId=${w.unitId}&postId=${w.postId}&status=open`)).toEqual([b.id, a.id]);
    expect(await list('card=red')).toEqual([]);
    expect(await list(`from=${today()}&to=${today()}`)).toEqual([b.id, a.id]);
    expect(await list('to=2000-01-01')).toEqual([]);
    expect(await list('status=closed')).toEqual([]);
    const page = await (
      await h.call('GET', `/api/forms?q=${marker}&limit=1`, { cookie: w.cookies.supervisor })
    ).json();
    expect(page.total).toBe(2);
    const next = await (
      await h.call('GET', `/api/forms?q=${marker}&limit=1&cursor=${page.nextCursor}`, {
        cookie: w.cookies.supervisor,
      })
    ).json();
    expect(next.items.map((f: { id: number }) => f.id)).toEqual([a.id]);
    expect(next.nextCursor).toBeNull();
    await expectProblem(await h.call('GET', '/api/forms?card=purple', { cookie: w.cookies.supervisor }), 400);
  });
});

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
  8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5,
  0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

function upload(formId: number, cookie: string, bytes: Uint8Array, name: string) {
  const body = new FormData();
  body.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  return h.call('POST', `/api/forms/${formId}/attachments`, { cookie, rawBody: body });
}

describe('evidence files', () => {
  it('stores a file with its SHA-256 and gives it back to those who may see the form', async () => {
    const form = await fileForm(w);
    const res = await upload(form.id, w.cookies.worker, PNG, '现场照片.png');
    expect(res.status).toBe(201);
    const att = await res.json();
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', PNG))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(att).toMatchObject({
      filename: '现场照片.png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: digest,
    });
    const download = await h.call('GET', `/api/forms/${form.id}/attachments/${att.id}`, {
      cookie: w.cookies.leader,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
    await expectProblem(
      await h.call('GET', `/api/forms/${form.id}/attachments/${att.id}`, { cookie: w.cookies.outsider }),
      404,
    );
    const list = await (
      await h.call('GET', `/api/forms/${form.id}/attachments`, { cookie: w.cookies.worker })
    ).json();
    expect(list.items.map((x: { sha256: string }) => x.sha256)).toEqual([digest]);
    const history = await (
      await h.call('GET', `/api/forms/${form.id}/history`, { cookie: w.cookies.worker })
    ).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'form.attachment_added',
      after: { sha256: digest },
    });
  });

  it('checks the type by content, not by name', async () => {
    const form = await fileForm(w);
    const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
    const p = await expectProblem(await upload(form.id, w.cookies.worker, exe, '证明材料.pdf'), 415);
    expect(p.errors?.[0]?.path).toBe('file');
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const res = await upload(form.id, w.cookies.worker, pdf, 'scan.bin');
    expect(res.status).toBe(201);
    expect((await res.json()).contentType).toBe('application/pdf');
  });

  it('refuses files over 10 MB, uploads by outsiders and uploads to closed forms', async () => {
    const form = await fileForm(w);
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set(PNG);
    await expectProblem(await upload(form.id, w.cookies.worker, big, 'big.png'), 413);
    await expectProblem(await upload(form.id, w.cookies.outsider, PNG, 'x.png'), 404);
    await expectProblem(await upload(form.id, w.cookies.leader, PNG, 'x.png'), 403);
    const closed = await formIn(w, 'closed');
    await expectProblem(await upload(closed.id, w.cookies.worker, PNG, 'late.png'), 409);
    const list = await (
      await h.call('GET', `/api/forms/${form.id}/attachments`, { cookie: w.cookies.worker })
    ).json();
    expect(list.items).toEqual([]);
  });
});

describe('who may change what on a filed form', () => {
  it('keeps the facts for a supervisor to correct, with the deadline they imply in the history', async () => {
    const form = await fileForm(w, { grade: 'A' });
    for (const body of [{ grade: 'C' }, { problem: '改写' }, { postId: w.postId }, { source: 'complaint' }]) {
      const refused = await patch(w, form, w.cookies.worker, body);
      expect((await expectProblem(refused.res, 403)).errors?.[0]?.path).toBe(Object.keys(body)[0]);
    }
    const regraded = await patch(w, form, w.cookies.supervisor, { grade: 'C' });
    expect(regraded.res.status).toBe(200);
    expect(regraded.form.deadline).toBe(addWorkingDays(String(form.filedOn), 15));
    const history = await (
      await h.call('GET', `/api/forms/${form.id}/history`, { cookie: w.cookies.supervisor })
    ).json();
    const change = history.items.at(-1);
    expect(change.before).toMatchObject({ grade: 'A', deadline: form.deadline });
    expect(change.after).toMatchObject({ grade: 'C', deadline: regraded.form.deadline });
  });

  it('does not let a supervisor move a form to a post outside their units', async () => {
    const admin = w.cookies.admin;
    const root = (await (await h.call('GET', '/api/units?root=true', { cookie: admin })).json()).items[0];
    const other = await (
      await h.call('POST', '/api/units', {
        cookie: admin,
        body: { code: uniqueCode('OU'), name: '别的科', level: 'city', parentId: root.id },
      })
    ).json();
    const email = `${uniqueCode('s').toLowerCase()}@centre.example`;
    await h.call('POST', '/api/people', {
      cookie: admin,
      body: { name: '科室督查', email, unitId: w.unitId, roles: ['supervisor'], password: 'a-long-password' },
    });
    const scoped = await h.signIn(email, 'a-long-password');
    const post = await (
      await h.call('POST', '/api/posts', {
        cookie: admin,
        body: { code: uniqueCode('OP'), name: '外部窗口', kind: 'window', unitId: other.id },
      })
    ).json();
    const form = await fileForm(w);
    const moved = await patch(w, form, scoped, { postId: post.id });
    expect((await expectProblem(moved.res, 403)).errors?.[0]?.path).toBe('postId');
    // and a supervisor of another unit cannot see the form at all
    await h.call('POST', '/api/people', {
      cookie: admin,
      body: {
        name: '外部督查',
        email: `x${email}`,
        unitId: other.id,
        roles: ['supervisor', 'leader'],
        password: 'a-long-password',
      },
    });
    const foreign = await h.signIn(`x${email}`, 'a-long-password');
    await expectProblem(await h.call('GET', `/api/forms/${form.id}`, { cookie: foreign }), 404);
    expect(
      (await (await h.call('GET', `/api/forms?postId=${w.postId}`, { cookie: foreign })).json()).total,
    ).toBe(0);
  });

  it('keeps the analysis once work has started, and locks it while verifying', async () => {
    const form = await formIn(w, 'in_progress');
    await expectProblem((await patch(w, form, w.cookies.worker, { rootCause: null })).res, 409);
    await expectProblem((await patch(w, form, w.cookies.worker, { measures: [] })).res, 409);
    const verifying = await formIn(w, 'verifying');
    await expectProblem((await patch(w, verifying, w.cookies.worker, { rootCause: ROOT_CAUSE })).res, 409);
  });

  it('checks measure dates and ids', async () => {
    const form = await fileForm(w);
    const measure = { kind: 'immediate', text: '措施', ownerId: w.workerId, dueOn: '2026-12-31' };
    const future = await patch(w, form, w.cookies.worker, {
      measures: [{ ...measure, doneOn: '2099-01-01' }],
    });
    expect((await expectProblem(future.res, 400)).errors?.[0]?.path).toBe('measures.0.doneOn');
    const early = await patch(w, form, w.cookies.worker, { measures: [{ ...measure, dueOn: '2000-01-01' }] });
    expect((await expectProblem(early.res, 400)).errors?.[0]?.path).toBe('measures.0.dueOn');
    const saved = await patch(w, form, w.cookies.worker, { measures: [measure] });
    const id = (saved.form.measures as { id: number }[])[0]?.id;
    const twice = await patch(w, saved.form, w.cookies.worker, {
      measures: [
        { ...measure, id },
        { ...measure, id },
      ],
    });
    expect((await expectProblem(twice.res, 400)).errors?.[0]?.path).toBe('measures.1.id');
  });

  it('reopens with a fresh deadline and no stale verification', async () => {
    const closed = await formIn(w, 'closed');
    const r = await move(w, closed, w.cookies.supervisor, { to: 'in_progress', reason: '复发' });
    expect(r.res.status).toBe(200);
    expect(r.form).toMatchObject({
      status: 'in_progress',
      verification: null,
      accountability: null,
      closedAt: null,
    });
    expect(r.form.deadline).toBe(addWorkingDays(today(), 10));
  });

  it('keeps a draft to its filer', async () => {
    const draft = await fileForm(w, { draft: true });
    for (const role of ['supervisor', 'leader', 'admin', 'outsider'] as const) {
      await expectProblem(await h.call('GET', `/api/forms/${draft.id}`, { cookie: w.cookies[role] }), 404);
    }
    expect((await h.call('GET', `/api/forms/${draft.id}`, { cookie: w.cookies.worker })).status).toBe(200);
  });

  it('does not let a supervisor who holds the post today verify the form', async () => {
    const admin = w.cookies.admin;
    const sup = await (await h.call('GET', '/api/session', { cookie: w.cookies.supervisor })).json();
    const created = await h.call('POST', '/api/posts', {
      cookie: admin,
      body: { code: uniqueCode('TK'), name: '接任窗口', kind: 'window', unitId: w.unitId },
    });
    const post = await created.json();
    let etag = created.headers.get('etag') as string;
    for (const [personId, fromDate] of [
      [w.workerId, '2024-01-01'],
      [sup.person.id, '2026-01-10'],
    ] as const) {
      const res = await h.call('POST', `/api/posts/${post.id}/assignments`, {
        cookie: admin,
        headers: { 'If-Match': etag },
        body: { personId, fromDate },
      });
      etag = res.headers.get('etag') as string;
    }
    // Traced to the earlier holder, but worked by the supervisor who took the post over.
    let form = await fileForm(w, { postId: post.id, occurredOn: '2026-01-05' });
    const step = async (p: Promise<{ res: Response; form: typeof form }>) => {
      const r = await p;
      expect(r.res.status, JSON.stringify(r.form)).toBe(200);
      form = r.form;
    };
    await step(
      patch(w, form, w.cookies.supervisor, {
        rootCause: ROOT_CAUSE,
        measures: [
          { kind: 'immediate', text: 'x', ownerId: w.workerId, dueOn: '2026-12-31', doneOn: '2026-01-20' },
        ],
      }),
    );
    await step(move(w, form, w.cookies.supervisor, { to: 'in_progress' }));
    await step(move(w, form, w.cookies.supervisor, { to: 'verifying' }));
    const self = await move(w, form, w.cookies.supervisor, {
      to: 'closed',
      verification: VERIFIED,
      accountability: ACCOUNTED,
    });
    expect((await expectProblem(self.res, 409)).errors?.[0]?.path).toBe('verification');
  });
});
