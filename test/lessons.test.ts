import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import type { SessionPerson } from '../server/http/context.ts';
import { lessonsPage } from '../server/lessons/queries.ts';
import { fingerprint } from './helpers/fingerprint.ts';
import {
  type FormFixture,
  fileForm,
  formIn,
  makeWorld,
  move,
  ROOT_CAUSE,
  type World,
} from './helpers/forms.ts';

/**
 * Lessons learned and the accountability register, on a world of its own: a fresh section whose one post is
 * held by `worker`, so the demo centre's forms never get in the way of what a holder sees.
 */
let h: Harness;
let w: World;
let closed: FormFixture;
let openTwin: FormFixture;
let unrelated: FormFixture;
let triggered: FormFixture;
const TRIGGER = {
  situation: '未一次性告知申请人需补正的全部材料',
  basis: '《中华人民共和国行政许可法》第三十二条',
};

async function body(res: Response) {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  h = await harness();
  w = await makeWorld(h);
  const { admin } = w.cookies;
  const item = (await body(await h.call('GET', '/api/approval-items?limit=1', { cookie: admin }))).items[0];
  const point = await body(
    await h.call('POST', '/api/responsibility-points', {
      cookie: admin,
      body: {
        code: uniqueCode('LR'),
        approvalItemId: item.id,
        stage: 'accept',
        postId: w.postId,
        duty: '受理时一次性告知需补正的全部材料',
        triggers: [TRIGGER, { situation: '超过承诺时限', basis: '首问负责制' }],
      },
    }),
  );
  closed = await formIn(w, 'closed');
  triggered = await formIn(
    w,
    'closed',
    false,
    { problem: '受理登记时超过承诺时限未办结', responsibilityPointId: point.id },
    { outcome: 'criticism', notes: '通报批评', triggerIndex: 0, personIds: [w.workerId] },
  );
  openTwin = await fileForm(w, { problem: '窗口人员没能一次性告知群众要补齐的全部材料，群众多次往返' });
  unrelated = await fileForm(w, { problem: '大厅空调温度过低，等候区群众反映寒冷' });
}, 120_000);

describe('similar forms while filing', () => {
  const similar = (text: string, cookie = w.cookies.worker) =>
    h.call('GET', `/api/forms/similar?text=${encodeURIComponent(text)}&postId=${w.postId}`, { cookie });

  it('finds a near-duplicate written in Chinese with other words, open and closed, and not the unrelated one', async () => {
    const found = await body(await similar('窗口没有一次告知申请人补正哪些材料'));
    const openIds = found.open.map((f: { id: number }) => f.id);
    expect(openIds[0]).toBe(openTwin.id);
    expect(openIds).not.toContain(unrelated.id);
    const first = found.closed[0];
    expect(first.id).toBe(closed.id);
    expect(first.rootCause).toEqual(ROOT_CAUSE);
    expect(first.measures.map((m: { text: string }) => m.text)).toEqual(['当场补正告知']);
    expect(first.samePost).toBe(true);
    expect(first.overlap).toBeGreaterThan(0.15);
  });

  it('matches the root cause and measures of closed forms too', async () => {
    const found = await body(await similar('办事指南没有及时更新'));
    expect(found.closed.map((f: { id: number }) => f.id)).toContain(closed.id);
  });

  it('shows only forms the caller may see', async () => {
    const found = await body(await similar('窗口没有一次告知申请人补正哪些材料', w.cookies.outsider));
    const ids = [...found.open, ...found.closed].map((f: { id: number }) => f.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(openTwin.id);
  });

  it('refuses text under 4 characters and unknown parameters, naming them', async () => {
    const short = await expectProblem(await similar('告知'), 400);
    expect(short.errors?.map((e) => e.path)).toContain('text');
    const stray = await h.call('GET', '/api/forms/similar?text=一次性告知材料&sneaky=1', {
      cookie: w.cookies.worker,
    });
    expect((await expectProblem(stray, 400)).errors?.map((e) => e.path)).toContain('sneaky');
  });
});

describe('whose forms are suggested', () => {
  // A world of its own: its post changes hands, which the forms above must not see.
  const TEXT = '自助终端打印的回执缺少经办人签章，申请人只能重新排队';
  let v: World;
  let elsewhere: FormFixture;
  let traced: FormFixture;
  let theirs: FormFixture;
  let outsideUnit: FormFixture;
  let sectionSupervisor: string;
  const openIds = async (cookie: string) =>
    (
      await body(
        await h.call('GET', `/api/forms/similar?text=${encodeURIComponent(TEXT)}&limit=20`, { cookie }),
      )
    ).open.map((f: { id: number }) => f.id);

  beforeAll(async () => {
    v = await makeWorld(h);
    const { admin, supervisor, outsider } = v.cookies;
    const outsiderId = (await body(await h.call('GET', '/api/session', { cookie: outsider }))).person.id;
    const posts = await body(await h.call('GET', `/api/posts?holderId=${outsiderId}`, { cookie: admin }));
    const outsiderPost = posts.items[0].id;
    // The worker files on the outsider's post; the supervisor files on the worker's post (traced to the
    // worker, who held it that day) and on the outsider's.
    elsewhere = await fileForm(v, { problem: `${TEXT}（他岗）`, postId: outsiderPost });
    traced = await fileForm(v, { problem: `${TEXT}（追溯）`, occurredOn: '2025-06-01' }, supervisor);
    theirs = await fileForm(v, { problem: `${TEXT}（他人）`, postId: outsiderPost }, supervisor);
    outsideUnit = await fileForm(w, { problem: `${TEXT}（外单位）` }, supervisor);
    // Then the worker's post passes to the outsider.
    const post = await h.call('GET', `/api/posts/${v.postId}`, { cookie: admin });
    const [held] = (await post.clone().json()).assignments;
    const ended = await h.call('POST', `/api/posts/${v.postId}/assignments/${held.assignmentId}/end`, {
      cookie: admin,
      headers: { 'If-Match': post.headers.get('etag') as string },
      body: { toDate: '2025-12-31' },
    });
    expect(ended.status, await ended.clone().text()).toBe(200);
    const handed = await h.call('POST', `/api/posts/${v.postId}/assignments`, {
      cookie: admin,
      headers: { 'If-Match': ended.headers.get('etag') as string },
      body: { personId: outsiderId, fromDate: '2026-01-01' },
    });
    expect(handed.status, await handed.clone().text()).toBe(200);
    const email = `${uniqueCode('sv').toLowerCase()}@centre.example`;
    const created = await h.call('POST', '/api/people', {
      cookie: admin,
      body: { name: '科室督查', email, unitId: v.unitId, roles: ['supervisor'], password: 'a-long-password' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    sectionSupervisor = await h.signIn(email, 'a-long-password');
  }, 120_000);

  it('gives a holder the forms they filed on any post or were traced to, not those of a post they never held', async () => {
    const ids = await openIds(v.cookies.worker);
    expect(ids).toEqual(expect.arrayContaining([elsewhere.id, traced.id]));
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(outsideUnit.id);
  });

  it('gives a holder the forms of the post they hold now, filed before they held it', async () => {
    const ids = await openIds(v.cookies.outsider);
    expect(ids).toEqual(expect.arrayContaining([traced.id, elsewhere.id, theirs.id]));
    expect(ids).not.toContain(outsideUnit.id);
  });

  it('gives a supervisor of a section its forms, not another unit’s', async () => {
    const ids = await openIds(sectionSupervisor);
    expect(ids).toEqual(expect.arrayContaining([elsewhere.id, traced.id, theirs.id]));
    expect(ids).not.toContain(outsideUnit.id);
    expect(await openIds(v.cookies.supervisor)).toEqual(
      expect.arrayContaining([elsewhere.id, traced.id, theirs.id, outsideUnit.id]),
    );
  });
});

describe('lessons learned and the case library', () => {
  const search = (query: string, cookie = w.cookies.supervisor) =>
    h.call('GET', `/api/cases/search?unitId=${w.unitId}&${query}`, { cookie });
  const ids = async (res: Response) => (await body(res)).items.map((i: { id: number }) => i.id);

  it('searches closed forms by Chinese text, cause category, time and unit', async () => {
    // Both hold the root cause 未一次性告知; the one whose problem says it too ranks first.
    expect(await ids(await search(`q=${encodeURIComponent('一次性告知全部材料')}`))).toEqual([
      closed.id,
      triggered.id,
    ]);
    expect(await ids(await search(`q=${encodeURIComponent('空调温度')}`))).toEqual([]);
    expect(await ids(await search('category=standard_or_guide'))).toEqual([triggered.id, closed.id]);
    expect(await ids(await search('category=people'))).toEqual([]);
    expect(await ids(await search('from=2099-01-01'))).toEqual([]);
    expect(await ids(await search(`postId=${w.postId}&to=2026-12-31`))).toEqual([triggered.id, closed.id]);
    const forOutsider = await body(await search('', w.cookies.outsider));
    expect(forOutsider.total).toBe(0);
  });

  it('ranks and counts the latest matching forms only, and says when more match', async () => {
    const { person } = await body(await h.call('GET', '/api/session', { cookie: w.cookies.admin }));
    const admin: SessionPerson = { ...person, roles: ['admin'], unitPath: '/' };
    const today = new Date().toISOString().slice(0, 10);
    const page = (cap: number, q?: string) =>
      lessonsPage(h.database.db, admin, today, { unitId: w.unitId, q }, undefined, 1, cap);
    const text = '一次性告知全部材料';
    // Of the two, `closed` ranks first; with room for one, only the newest (`triggered`) is ranked.
    expect(await page(2, text)).toMatchObject({ total: 2, capped: false });
    expect((await page(2, text)).rows.map((r) => r.id)).toEqual([closed.id, triggered.id]);
    expect(await page(1, text)).toMatchObject({ total: 1, capped: true });
    expect((await page(1, text)).rows.map((r) => r.id)).toEqual([triggered.id]);
    expect(await page(1)).toMatchObject({ total: 1, capped: true });
    const api = await body(await search(`q=${encodeURIComponent(text)}&limit=1`));
    expect(api).toMatchObject({ total: 2, capped: false });
    expect(api.nextCursor).not.toBeNull();
  });

  it('lets a supervisor mark a closed form as an exemplary case, audited, and lists it', async () => {
    const marked = await h.call('POST', '/api/cases', {
      cookie: w.cookies.supervisor,
      body: { formId: closed.id, note: '一次性告知的典型做法' },
    });
    expect(marked.status, await marked.clone().text()).toBe(201);
    expect((await marked.json()).exemplary.note).toBe('一次性告知的典型做法');
    const again = await h.call('POST', '/api/cases', {
      cookie: w.cookies.supervisor,
      body: { formId: closed.id, note: '改写说明' },
    });
    expect(again.status).toBe(200);
    const cases = await body(
      await h.call('GET', `/api/cases?unitId=${w.unitId}`, { cookie: w.cookies.worker }),
    );
    expect(cases.items.map((i: { id: number }) => i.id)).toEqual([closed.id]);
    expect(cases.items[0].exemplary.note).toBe('改写说明');
    expect((await body(await search('exemplary=false'))).items.map((i: { id: number }) => i.id)).toEqual([
      triggered.id,
    ]);
    const { rows } = await sql<{ action: string }>`
      select action from audit_events where entity_type = 'form' and entity_id = ${String(closed.id)} order by seq desc limit 2
    `.execute(h.database.db);
    expect(rows.map((r) => r.action)).toEqual(['form.exemplary_marked', 'form.exemplary_marked']);

    const gone = await h.call('DELETE', `/api/cases/${closed.id}`, { cookie: w.cookies.supervisor });
    expect(gone.status).toBe(204);
    await expectProblem(
      await h.call('DELETE', `/api/cases/${closed.id}`, { cookie: w.cookies.supervisor }),
      404,
    );
    await expectProblem(
      await h.call('GET', `/api/cases/${closed.id}`, { cookie: w.cookies.supervisor }),
      404,
    );
  });

  it('keeps marking to supervisors of the unit and admins, for closed forms, writing nothing otherwise', async () => {
    const before = await fingerprint(h.database);
    const mark = (cookie: string, formId: number, note: unknown = '说明') =>
      h.call('POST', '/api/cases', { cookie, body: { formId, note } });
    await expectProblem(await mark(w.cookies.worker, closed.id), 403);
    await expectProblem(await mark(w.cookies.leader, closed.id), 403);
    await expectProblem(await mark(w.cookies.outsider, closed.id), 403);
    await expectProblem(await h.call('DELETE', `/api/cases/${closed.id}`, { cookie: w.cookies.worker }), 403);
    const notClosed = await expectProblem(await mark(w.cookies.supervisor, openTwin.id), 409);
    expect(notClosed.errors?.map((e) => e.path)).toEqual(['formId']);
    await expectProblem(await mark(w.cookies.supervisor, 2147483647), 404);
    const blank = await expectProblem(await mark(w.cookies.supervisor, closed.id, '  '), 400);
    expect(blank.errors?.map((e) => e.path)).toEqual(['note']);
    await expectProblem(await h.call('DELETE', '/api/cases/abc', { cookie: w.cookies.supervisor }), 400);
    expect(await fingerprint(h.database)).toEqual(before);
    expect((await mark(w.cookies.admin, closed.id)).status).toBe(201);
  });

  it('refuses bad search input, naming the field', async () => {
    for (const [query, field] of [
      ['category=luck', 'category'],
      ['from=2026-13-01', 'from'],
      ['q=x', 'q'],
      ['cursor=nonsense', 'cursor'],
      ['exemplary=maybe', 'exemplary'],
      ['limit=501', 'limit'],
    ] as const) {
      const problem = await expectProblem(await search(query), 400);
      expect(
        problem.errors?.map((e) => e.path),
        query,
      ).toContain(field);
    }
  });
});

describe('the accountability register', () => {
  const register = (query: string, cookie = w.cookies.admin) =>
    h.call('GET', `/api/accountability?unitId=${w.unitId}&${query}`, { cookie });

  it('holds each outcome decided at closing, per person and post, with the trigger and its basis', async () => {
    const page = await body(await register(''));
    expect(page.total).toBe(2);
    expect(page.byOutcome).toEqual({
      none: 0,
      reminder_talk: 1,
      criticism: 1,
      performance_deduction: 0,
      referral: 0,
    });
    const criticism = page.items.find((r: { outcome: string }) => r.outcome === 'criticism');
    expect(criticism).toMatchObject({
      form: { id: triggered.id, status: 'closed' },
      person: { id: w.workerId },
      post: { id: w.postId },
      unit: { id: w.unitId },
      situation: TRIGGER.situation,
      basis: TRIGGER.basis,
      notes: '通报批评',
    });
    expect(criticism.decidedBy.name).toBeTruthy();
    expect((await body(await register('outcome=criticism'))).total).toBe(1);
    expect((await body(await register(`personId=${w.workerId}&postId=${w.postId}`))).total).toBe(2);
    expect((await body(await register('from=2099-01-01'))).total).toBe(0);
  });

  it('records the closing’s accountability on the form, and checks it', async () => {
    const form = await body(await h.call('GET', `/api/forms/${triggered.id}`, { cookie: w.cookies.worker }));
    expect(form.accountability).toMatchObject({
      outcome: 'criticism',
      trigger: TRIGGER,
      personIds: [w.workerId],
    });
    const ready = await formIn(w, 'verifying');
    const stranger = await move(w, ready, w.cookies.supervisor, {
      to: 'closed',
      verification: { method: 'phone', result: 'pass', notes: '回访' },
      accountability: { outcome: 'criticism', personIds: [1], triggerIndex: 3 },
    });
    const problem = await expectProblem(stranger.res, 409);
    expect(problem.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['accountability.personIds.0', 'accountability.triggerIndex']),
    );
  });

  it('shows holders their own, leaders and supervisors their units, admins all', async () => {
    const seen = async (cookie: string) => (await body(await register('', cookie))).total;
    expect(await seen(w.cookies.worker)).toBe(2);
    expect(await seen(w.cookies.leader)).toBe(2);
    expect(await seen(w.cookies.supervisor)).toBe(2);
    expect(await seen(w.cookies.outsider)).toBe(0);
    expect(await seen(await h.signIn(DEMO.holder))).toBe(0);
  });

  it('leaves the register when the form is reopened', async () => {
    const reopened = await move(w, triggered, w.cookies.supervisor, {
      to: 'in_progress',
      reason: '复查发现问题',
    });
    expect(reopened.res.status).toBe(200);
    expect((await body(await register('outcome=criticism'))).total).toBe(0);
  });

  it('exports the register as CSV and XLSX with the filters', async () => {
    const csv = await h.call('GET', `/api/accountability/export?unitId=${w.unitId}&format=csv&lang=zh-CN`, {
      cookie: w.cookies.admin,
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('问责结果');
    expect(text).toContain('提醒谈话');
    expect(text).toContain(closed.number as string);
    const xlsx = await h.call('GET', `/api/accountability/export?unitId=${w.unitId}`, {
      cookie: w.cookies.admin,
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('refuses bad input, naming the field', async () => {
    for (const [query, field] of [
      ['outcome=pardon', 'outcome'],
      ['to=2026-02-30x', 'to'],
      ['personId=-1', 'personId'],
      ['sneaky=1', 'sneaky'],
    ] as const) {
      const problem = await expectProblem(await register(query), 400);
      expect(
        problem.errors?.map((e) => e.path),
        query,
      ).toContain(field);
    }
    const unit = await expectProblem(
      await h.call('GET', '/api/accountability?unitId=2147483647', { cookie: w.cookies.admin }),
      400,
    );
    expect(unit.errors?.map((e) => e.path)).toEqual(['unitId']);
    await expectProblem(
      await h.call('GET', '/api/accountability/export?format=pdf', { cookie: w.cookies.admin }),
      400,
    );
  });
});
