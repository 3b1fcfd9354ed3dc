import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, harness } from './helpers/app.ts';
import { expectedKind, pristineDatabase } from './helpers/db.ts';

let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await harness({}, await pristineDatabase());
  cookie = await h.signIn(DEMO.holder);
});

async function total(path: string) {
  const res = await h.call('GET', path, { cookie });
  expect(res.status, path).toBe(200);
  return (await res.json()).total as number;
}

describe('the demo centre at the real scale', () => {
  it('reports which database it runs on', async () => {
    const res = await h.call('GET', '/api/health');
    expect(await res.json()).toEqual({ status: 'ok', database: expectedKind });
  });

  it('has 216 window and 17 office posts', async () => {
    expect(await total('/api/posts?kind=window&limit=1')).toBe(216);
    expect(await total('/api/posts?kind=office&limit=1')).toBe(17);
  });

  it('has 1,051 risk points: A 158, B 512, C 381', async () => {
    expect(await total('/api/risk-points?grade=A&limit=1')).toBe(158);
    expect(await total('/api/risk-points?grade=B&limit=1')).toBe(512);
    expect(await total('/api/risk-points?grade=C&limit=1')).toBe(381);
    const counts = await (await h.call('GET', '/api/risk-points/grade-counts', { cookie })).json();
    expect(counts).toEqual({ A: 158, B: 512, C: 381 });
  });

  it('has a standards tree of 3 / 21 / 32 / 849', async () => {
    expect(await total('/api/standards?level=1&limit=1')).toBe(3);
    expect(await total('/api/standards?level=2&limit=1')).toBe(21);
    expect(await total('/api/standards?level=3&limit=1')).toBe(32);
    expect(await total('/api/standards?level=4&limit=1')).toBe(849);
  });

  it('has 377 staff, 3,169 responsibility points and 57 departments', async () => {
    expect(await total('/api/people?limit=1')).toBe(377);
    expect(await total('/api/responsibility-points?limit=1')).toBe(3169);
    expect(await total('/api/units?kind=department&limit=1')).toBe(57);
  });

  it('has 1,254 pre-approval conditions across the approval items', async () => {
    let conditions = 0;
    let cursor: string | null = null;
    do {
      const res = await h.call('GET', `/api/approval-items?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
        cookie,
      });
      const page = await res.json();
      for (const item of page.items) conditions += item.preconditions.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(conditions).toBe(1254);
  });

  it('has a demo holder who holds a window post with a full responsibility chain', async () => {
    const me = await (await h.call('GET', '/api/session', { cookie })).json();
    const res = await h.call('GET', `/api/posts?holderId=${me.person.id}`, { cookie });
    const posts = (await res.json()).items;
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(posts[0].kind).toBe('window');
    expect(posts[0].holders.map((x: { personId: number }) => x.personId)).toContain(me.person.id);
    expect(posts[0].departmentHead).not.toBeNull();
    expect(posts[0].leaderInCharge).not.toBeNull();
  });

  it('signs in every demo account', async () => {
    for (const email of Object.values(DEMO)) expect(await h.signIn(email)).toMatch(/^rectify_session=/);
  });
});

describe('a year of demo forms', () => {
  it('has a few thousand forms across statuses, grades, cards and sources', async () => {
    const admin = await h.signIn(DEMO.admin);
    const count = async (query: string) =>
      (await (await h.call('GET', `/api/forms?limit=1&${query}`, { cookie: admin })).json()).total as number;
    expect(await count('')).toBeGreaterThanOrEqual(2000);
    // Drafts are their filers' alone, so the admin sees every status but draft.
    for (const status of ['open', 'in_progress', 'verifying', 'closed', 'cancelled']) {
      expect(await count(`status=${status}`), status).toBeGreaterThan(0);
    }
    for (const card of ['yellow', 'red']) expect(await count(`card=${card}`), card).toBeGreaterThan(0);
    for (const source of [
      'self_inspection',
      'spot_check',
      'complaint',
      'service_rating',
      'e_supervision',
      'assessment',
    ]) {
      expect(await count(`source=${source}`), source).toBeGreaterThan(0);
    }
    for (const grade of ['A', 'B', 'C']) expect(await count(`grade=${grade}`), grade).toBeGreaterThan(0);
  });

  it('gives the demo holder forms to work, each with its history', async () => {
    const mine = await (await h.call('GET', '/api/forms?mine=true&limit=100', { cookie })).json();
    expect(mine.total).toBeGreaterThanOrEqual(3);
    const statuses = new Set(mine.items.map((f: { status: string }) => f.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect(statuses.has('draft')).toBe(true);
    const form = mine.items.find((f: { status: string }) => f.status === 'closed');
    const history = await (await h.call('GET', `/api/forms/${form.id}/history`, { cookie })).json();
    expect(history.items[0].action).toBe('form.filed');
    expect(history.items.at(-1)).toMatchObject({ action: 'form.transition', after: { status: 'closed' } });
    expect(history.items.every((e: { actor: unknown }) => e.actor !== null)).toBe(true);
  });
});
