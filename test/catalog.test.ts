import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';

let h: Harness;
const cookies: Record<keyof typeof DEMO, string> = { admin: '', supervisor: '', leader: '', holder: '' };

beforeAll(async () => {
  h = await harness();
  for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) cookies[role] = await h.signIn(DEMO[role]);
});

async function get(path: string, cookie = cookies.holder) {
  const res = await h.call('GET', path, { cookie });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return { body: await res.json(), etag: res.headers.get('etag') };
}

async function walk(path: string, limit: number) {
  const ids: number[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { body } = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...body.items.map((i: { id: number }) => i.id));
    total = body.total;
    cursor = body.nextCursor;
  } while (cursor);
  return { ids, total };
}

describe('keyset pagination', () => {
  it('walks every post exactly once, in order', async () => {
    const { ids, total } = await walk('/api/posts', 17);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('walks a filtered list (grade B risk points) to its total', async () => {
    // Other test files add points to the shared database: compare with what is there, not with the seed.
    const { ids, total } = await walk('/api/risk-points?grade=B', 100);
    const counted = await h.call('GET', '/api/risk-points/grade-counts', { cookie: cookies.holder });
    expect(total).toBe((await counted.json()).B);
    expect(total).toBeGreaterThanOrEqual(512);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
  });

  it('refuses a forged cursor and an out-of-range limit', async () => {
    const bad = await expectProblem(
      await h.call('GET', '/api/posts?cursor=bm9wZQ', { cookie: cookies.holder }),
      400,
    );
    expect(bad.errors?.[0]?.path).toBe('cursor');
    const big = await expectProblem(
      await h.call('GET', '/api/posts?limit=5000', { cookie: cookies.holder }),
      400,
    );
    expect(big.errors?.[0]?.path).toBe('limit');
    const unknown = await expectProblem(
      await h.call('GET', '/api/posts?colour=red', { cookie: cookies.holder }),
      400,
    );
    expect(unknown.errors?.[0]).toMatchObject({
      path: 'colour',
      message: expect.stringMatching(/unknown field|未知字段/),
    });
  });
});

describe('filters', () => {
  it('filters the risk register by unit (subtree), post, item, stage and text', async () => {
    const { body: first } = await get('/api/risk-points?limit=1');
    const point = first.items[0];
    const byUnit = (await get(`/api/risk-points?unitId=${point.unitId}&limit=500`)).body;
    expect(byUnit.total).toBeGreaterThan(0);
    expect(byUnit.items.every((p: { unitId: number }) => p.unitId === point.unitId)).toBe(true);

    const byPost = (await get(`/api/risk-points?postId=${point.postId}&limit=500`)).body;
    expect(byPost.items.every((p: { postId: number }) => p.postId === point.postId)).toBe(true);

    const byItemStage = (
      await get(`/api/risk-points?approvalItemId=${point.approvalItemId}&stage=${point.stage}`)
    ).body;
    expect(byItemStage.items.map((p: { id: number }) => p.id)).toContain(point.id);
    expect(byItemStage.items.every((p: { stage: string }) => p.stage === point.stage)).toBe(true);

    const byText = (await get(`/api/risk-points?q=${encodeURIComponent(point.code)}`)).body;
    expect(byText.items.map((p: { id: number }) => p.id)).toEqual([point.id]);

    const counts = (await get(`/api/risk-points/grade-counts?unitId=${point.unitId}`)).body;
    expect(counts.A + counts.B + counts.C).toBe(byUnit.total);
  });

  it('filters by the whole subtree of a unit', async () => {
    const { body: roots } = await get('/api/units?root=true');
    expect(roots.total).toBe(1);
    const centre = roots.items[0];
    expect((await get(`/api/risk-points?unitId=${centre.id}&limit=1`)).body.total).toBeGreaterThanOrEqual(
      1000,
    );
    const { body: children } = await get(`/api/units?parentId=${centre.id}&limit=500`);
    expect(children.items.every((u: { parentId: number }) => u.parentId === centre.id)).toBe(true);
    expect(centre.childCount).toBe(children.total);
  });

  it('filters posts, people, items, standards and responsibility points', async () => {
    const office = (await get('/api/posts?kind=office&limit=500')).body;
    expect(office.items.every((p: { kind: string }) => p.kind === 'office')).toBe(true);
    const supervisors = (await get('/api/people?role=supervisor&limit=500')).body;
    expect(supervisors.total).toBeGreaterThan(0);
    expect(supervisors.items.every((p: { roles: string[] }) => p.roles.includes('supervisor'))).toBe(true);
    const level1 = (await get('/api/standards?level=1')).body.items[0];
    const children = (await get(`/api/standards?parentId=${level1.id}&limit=500`)).body;
    expect(children.total).toBe(level1.childCount);
    expect(children.items.every((s: { level: number }) => s.level === 2)).toBe(true);
    const accept = (await get('/api/approval-items?stage=accept&limit=1')).body;
    expect(accept.total).toBeGreaterThan(0);
    const rp = (await get('/api/responsibility-points?stage=review&limit=50')).body;
    expect(
      rp.items.every(
        (r: { stage: string; triggers: unknown[] }) => r.stage === 'review' && r.triggers.length > 0,
      ),
    ).toBe(true);
  });
});

describe('details', () => {
  it('shows a risk point with its control measures and grade history', async () => {
    const { body: list } = await get('/api/risk-points?grade=A&limit=1');
    const { body, etag } = await get(`/api/risk-points/${list.items[0].id}`);
    expect(etag).toBe(`"v${body.version}"`);
    expect(body.controlMeasures.length).toBeGreaterThan(0);
    expect(body.gradeHistory.length).toBeGreaterThanOrEqual(1);
    expect(body.gradeHistory.at(-1)).toMatchObject({ previousGrade: null });
    expect(body.gradeHistory[0].grade).toBe(body.grade);
    expect(body.gradeHistory[0].confirmedBy.name).toBeTruthy();
  });

  it('answers 404 for a record that does not exist', async () => {
    for (const path of [
      'units',
      'posts',
      'people',
      'approval-items',
      'standards',
      'responsibility-points',
      'risk-points',
    ]) {
      await expectProblem(await h.call('GET', `/api/${path}/999999`, { cookie: cookies.holder }), 404);
      await expectProblem(await h.call('GET', `/api/${path}/abc`, { cookie: cookies.holder }), 400);
    }
  });
});

describe('admin writes, with If-Match', () => {
  it('creates a unit, a post, assigns holders and keeps the history', async () => {
    const { body: root } = await get('/api/units?root=true');
    const unitRes = await h.call('POST', '/api/units', {
      cookie: cookies.admin,
      body: {
        code: uniqueCode('U'),
        name: '测试科',
        nameEn: 'Test section',
        level: 'city',
        kind: 'section',
        parentId: root.items[0].id,
      },
    });
    expect(unitRes.status).toBe(201);
    const unit = await unitRes.json();
    expect(unitRes.headers.get('location')).toBe(`/api/units/${unit.id}`);

    const { body: people } = await get('/api/people?role=holder&limit=3');
    const [first, second] = people.items;
    const postRes = await h.call('POST', '/api/posts', {
      cookie: cookies.admin,
      body: { code: uniqueCode('W'), name: '测试窗口', kind: 'window', unitId: unit.id, windowNo: '99' },
    });
    expect(postRes.status).toBe(201);
    let etag = postRes.headers.get('etag') as string;
    const post = await postRes.json();

    const assign = async (personId: number, fromDate: string) => {
      const res = await h.call('POST', `/api/posts/${post.id}/assignments`, {
        cookie: cookies.admin,
        headers: { 'If-Match': etag },
        body: { personId, fromDate },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      etag = res.headers.get('etag') as string;
      return res.json();
    };
    await assign(first.id, '2025-01-01');
    const after = await assign(second.id, '2025-07-01');
    expect(after.holders.map((x: { personId: number }) => x.personId)).toEqual([second.id]);
    expect(after.assignments).toEqual([
      expect.objectContaining({ personId: second.id, fromDate: '2025-07-01', toDate: null }),
      expect.objectContaining({ personId: first.id, fromDate: '2025-01-01', toDate: '2025-06-30' }),
    ]);

    // Replacing from a day on or before the current holder's start would leave two current holders.
    const overlap = await h.call('POST', `/api/posts/${post.id}/assignments`, {
      cookie: cookies.admin,
      headers: { 'If-Match': etag },
      body: { personId: first.id, fromDate: '2025-07-01' },
    });
    expect((await expectProblem(overlap, 409)).errors?.[0]?.path).toBe('fromDate');
    // A second, concurrent holder may be added without replacing.
    const both = await h.call('POST', `/api/posts/${post.id}/assignments`, {
      cookie: cookies.admin,
      headers: { 'If-Match': etag },
      body: { personId: first.id, fromDate: '2025-08-01', replaceCurrent: false },
    });
    expect(both.status).toBe(200);
    expect((await both.json()).holders.map((x: { personId: number }) => x.personId).sort()).toEqual(
      [first.id, second.id].sort(),
    );

    // A stale ETag cannot assign again.
    const stale = await h.call('POST', `/api/posts/${post.id}/assignments`, {
      cookie: cookies.admin,
      headers: { 'If-Match': '"v1"' },
      body: { personId: first.id, fromDate: '2026-01-01' },
    });
    await expectProblem(stale, 412);
  });

  it('needs If-Match to change a record and refuses a stale one', async () => {
    const { body: item, etag } = await get('/api/approval-items?limit=1').then(async ({ body }) =>
      get(`/api/approval-items/${body.items[0].id}`),
    );
    const path = `/api/approval-items/${item.id}`;
    await expectProblem(
      await h.call('PATCH', path, { cookie: cookies.admin, body: { promisedDays: 1 } }),
      428,
    );
    await expectProblem(
      await h.call('PATCH', path, {
        cookie: cookies.admin,
        body: { promisedDays: 1 },
        headers: { 'If-Match': '"v999"' },
      }),
      412,
    );
    // If-Match compares strongly: a weak tag does not match.
    await expectProblem(
      await h.call('PATCH', path, {
        cookie: cookies.admin,
        body: { promisedDays: 1 },
        headers: { 'If-Match': `W/${etag}` },
      }),
      412,
    );
    const ok = await h.call('PATCH', path, {
      cookie: cookies.admin,
      body: { promisedDays: 1, preconditions: ['申请书', '身份证明'] },
      headers: { 'If-Match': etag as string },
    });
    expect(ok.status).toBe(200);
    const changed = await ok.json();
    expect(changed).toMatchObject({
      promisedDays: 1,
      preconditions: ['申请书', '身份证明'],
      version: item.version + 1,
    });
    // The same ETag is now stale.
    await expectProblem(
      await h.call('PATCH', path, {
        cookie: cookies.admin,
        body: { promisedDays: 2 },
        headers: { 'If-Match': etag as string },
      }),
      412,
    );
    // Promised time may not exceed the statutory limit.
    const over = await expectProblem(
      await h.call('PATCH', path, {
        cookie: cookies.admin,
        body: { promisedDays: changed.statutoryDays + 1 },
        headers: { 'If-Match': ok.headers.get('etag') as string },
      }),
      400,
    );
    expect(over.errors?.[0]?.path).toBe('promisedDays');
  });

  it('moves a unit with its subtree', async () => {
    const { body: root } = await get('/api/units?root=true');
    const mk = async (parentId: number, level: string) => {
      const res = await h.call('POST', '/api/units', {
        cookie: cookies.admin,
        body: { code: uniqueCode('MV'), name: '移动测试', level, parentId },
      });
      expect(res.status).toBe(201);
      return res.json();
    };
    const a = await mk(root.items[0].id, 'city');
    const b = await mk(root.items[0].id, 'city');
    const child = await mk(a.id, 'city');
    const move = await h.call('PATCH', `/api/units/${a.id}`, {
      cookie: cookies.admin,
      body: { parentId: b.id },
      headers: { 'If-Match': `"v${a.version}"` },
    });
    expect(move.status).toBe(200);
    expect((await get(`/api/units?parentId=${b.id}`)).body.items.map((u: { id: number }) => u.id)).toEqual([
      a.id,
    ]);
    // The grandchild now counts within b's subtree.
    const postRes = await h.call('POST', '/api/posts', {
      cookie: cookies.admin,
      body: { code: uniqueCode('O'), name: '子岗位', kind: 'office', unitId: child.id },
    });
    expect(postRes.status).toBe(201);
    expect((await get(`/api/posts?unitId=${b.id}`)).body.total).toBe(1);
    // A unit cannot move under its own subtree.
    const cycle = await h.call('PATCH', `/api/units/${b.id}`, {
      cookie: cookies.admin,
      body: { parentId: child.id },
      headers: { 'If-Match': `"v${b.version}"` },
    });
    expect((await expectProblem(cycle, 400)).errors?.[0]?.path).toBe('parentId');
  });

  it('re-grades a risk point, confirmed by a supervisor, keeping the history', async () => {
    const { body: list } = await get('/api/risk-points?grade=C&limit=1');
    const { body: point, etag } = await get(`/api/risk-points/${list.items[0].id}`);
    const path = `/api/risk-points/${point.id}/grade`;
    const body = { grade: 'A', likelihood: 3, impact: 3, discretion: 2, reason: '近期投诉集中' };
    await expectProblem(
      await h.call('POST', path, { cookie: cookies.holder, body, headers: { 'If-Match': etag as string } }),
      403,
    );
    await expectProblem(
      await h.call('POST', path, { cookie: cookies.leader, body, headers: { 'If-Match': etag as string } }),
      403,
    );
    // An admin who is not a supervisor must name the confirming supervisor.
    const unnamed = await expectProblem(
      await h.call('POST', path, { cookie: cookies.admin, body, headers: { 'If-Match': etag as string } }),
      400,
    );
    expect(unnamed.errors?.[0]?.path).toBe('confirmedById');
    const res = await h.call('POST', path, {
      cookie: cookies.supervisor,
      body,
      headers: { 'If-Match': etag as string },
    });
    expect(res.status).toBe(200);
    const regraded = await res.json();
    expect(regraded.grade).toBe('A');
    expect(regraded.gradeHistory[0]).toMatchObject({
      grade: 'A',
      previousGrade: 'C',
      likelihood: 3,
      reason: '近期投诉集中',
    });
    expect(regraded.gradeHistory.length).toBe(point.gradeHistory.length + 1);
    // Put it back so the register keeps its demo counts for other tests.
    const back = await h.call('POST', path, {
      cookie: cookies.supervisor,
      body: {
        grade: 'C',
        likelihood: point.likelihood,
        impact: point.impact,
        discretion: point.discretion,
        reason: '复核后恢复',
      },
      headers: { 'If-Match': res.headers.get('etag') as string },
    });
    expect(back.status).toBe(200);
  });

  it('lets admins manage people and roles, but not themselves out of admin', async () => {
    const { body: root } = await get('/api/units?root=true');
    const email = `${uniqueCode('new').toLowerCase()}@centre.example`;
    const res = await h.call('POST', '/api/people', {
      cookie: cookies.admin,
      body: {
        name: '新同事',
        email,
        unitId: root.items[0].id,
        roles: ['holder'],
        password: 'a-long-password-1',
      },
    });
    expect(res.status).toBe(201);
    const person = await res.json();
    expect(person.passwordHash).toBeUndefined();
    const cookie = await h.signIn(email, 'a-long-password-1');
    await expectProblem(
      await h.call('POST', '/api/units', {
        cookie,
        body: { code: uniqueCode('X'), name: 'x', level: 'city', parentId: null },
      }),
      403,
    );

    const promote = await h.call('PATCH', `/api/people/${person.id}`, {
      cookie: cookies.admin,
      body: { roles: ['holder', 'supervisor'] },
      headers: { 'If-Match': res.headers.get('etag') as string },
    });
    expect((await promote.json()).roles).toEqual(['holder', 'supervisor']);

    const deactivate = await h.call('PATCH', `/api/people/${person.id}`, {
      cookie: cookies.admin,
      body: { active: false },
      headers: { 'If-Match': promote.headers.get('etag') as string },
    });
    expect(deactivate.status).toBe(200);
    await expectProblem(await h.call('GET', '/api/session', { cookie }), 401);

    const admin = (await (await h.call('GET', '/api/me', { cookie: cookies.admin })).json()) as {
      id: number;
      version: number;
    };
    const selfDemote = await h.call('PATCH', `/api/people/${admin.id}`, {
      cookie: cookies.admin,
      body: { roles: ['holder'] },
      headers: { 'If-Match': `"v${admin.version}"` },
    });
    await expectProblem(selfDemote, 409);
  });

  it('reports a duplicate code as a 409 naming the field', async () => {
    const { body } = await get('/api/standards?level=1');
    const res = await h.call('POST', '/api/standards', {
      cookie: cookies.admin,
      body: { code: body.items[0].code, title: '重复', parentId: null },
    });
    const problem = await expectProblem(res, 409);
    expect(problem.errors?.[0]?.path).toBe('code');
  });

  it('edits settings with If-Match', async () => {
    const { body, etag } = await get('/api/settings');
    expect(body.deadlineDays).toEqual({ A: 5, B: 10, C: 15 });
    await expectProblem(
      await h.call('PATCH', '/api/settings', {
        cookie: cookies.supervisor,
        body: { yellowCardDaysLeft: 2 },
        headers: { 'If-Match': etag as string },
      }),
      403,
    );
    const res = await h.call('PATCH', '/api/settings', {
      cookie: cookies.admin,
      body: { yellowCardDaysLeft: 2 },
      headers: { 'If-Match': etag as string },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).yellowCardDaysLeft).toBe(2);
    const back = await h.call('PATCH', '/api/settings', {
      cookie: cookies.admin,
      body: { yellowCardDaysLeft: 1 },
      headers: { 'If-Match': res.headers.get('etag') as string },
    });
    expect(back.status).toBe(200);
  });
});

describe('re-grading within scope', () => {
  it('keeps a supervisor to their own units and their own signature', async () => {
    const { body: root } = await get('/api/units?root=true');
    const unit = await (
      await h.call('POST', '/api/units', {
        cookie: cookies.admin,
        body: { code: uniqueCode('RG'), name: '评定测试科', level: 'city', parentId: root.items[0].id },
      })
    ).json();
    const email = `${uniqueCode('rg').toLowerCase()}@centre.example`;
    await h.call('POST', '/api/people', {
      cookie: cookies.admin,
      body: { name: '科室督查', email, unitId: unit.id, roles: ['supervisor'], password: 'a-long-password' },
    });
    const scoped = await h.signIn(email, 'a-long-password');
    const { body: list } = await get('/api/risk-points?grade=C&limit=1');
    const { etag } = await get(`/api/risk-points/${list.items[0].id}`);
    const body = { grade: 'C', likelihood: 1, impact: 1, discretion: 1, reason: '越权' };
    await expectProblem(
      await h.call('POST', `/api/risk-points/${list.items[0].id}/grade`, {
        cookie: scoped,
        body,
        headers: { 'If-Match': etag as string },
      }),
      403,
    );
    const me = await (await h.call('GET', '/api/me', { cookie: cookies.supervisor })).json();
    const other = (await get('/api/people?role=supervisor&limit=50')).body.items.find(
      (p: { id: number }) => p.id !== me.id,
    );
    const forged = await h.call('POST', `/api/risk-points/${list.items[0].id}/grade`, {
      cookie: cookies.supervisor,
      body: { ...body, confirmedById: other.id },
      headers: { 'If-Match': etag as string },
    });
    expect((await expectProblem(forged, 403)).errors?.[0]?.path).toBe('confirmedById');
  });
});
