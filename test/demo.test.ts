import { sql } from 'kysely';
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
    // Its last move closed it (a case may be marked exemplary after that).
    const moves = history.items.filter((e: { action: string }) => e.action === 'form.transition');
    expect(moves.at(-1)).toMatchObject({ action: 'form.transition', after: { status: 'closed' } });
    expect(history.items.every((e: { actor: unknown }) => e.actor !== null)).toBe(true);
  });
});

describe('the demo supervisors’ checks of risk points', () => {
  const db = () => h.database.db;
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db())).rows;
  // Browser tests record checks and file forms in this database too: what the seed wrote came with no request.
  const seededChecks = sql`(select i.* from inspections i where exists (select 1 from audit_events e
    where e.action = 'inspection.recorded' and e.entity_id = i.id::text and e.request_id is null))`;
  const seededForms = sql`(select f.* from forms f where exists (select 1 from audit_events e
    where e.action = 'form.filed' and e.entity_id = f.id::text and e.request_id is null))`;
  const lastMonth = (today: string) => {
    const [y, m] = today.split('-').map(Number) as [number, number];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  };
  let supervisor: string;
  beforeAll(async () => {
    supervisor = await h.signIn(DEMO.supervisor);
  });

  it('has routine checks of every grade, some failed, and effectiveness re-checks that all passed', async () => {
    const byKind = await rows(sql<{ kind: string; result: string; grade: string | null; n: number }>`
      select i.kind, i.result, rp.grade, count(*)::int as n
      from ${seededChecks} i left join risk_points rp on rp.id = i.risk_point_id
      group by 1, 2, 3`);
    const count = (kind: string, result?: string, grade?: string) =>
      byKind
        .filter((r) => r.kind === kind && (!result || r.result === result) && (!grade || r.grade === grade))
        .reduce((n, r) => n + r.n, 0);
    for (const grade of ['A', 'B', 'C']) expect(count('routine', 'pass', grade), grade).toBeGreaterThan(0);
    expect(count('routine', 'fail')).toBeGreaterThan(0);
    expect(count('recheck')).toBeGreaterThan(0);
    expect(count('recheck', 'fail')).toBe(0);
    // A points are checked monthly, B quarterly, C twice a year
    const perPoint = await rows(sql<{ grade: string; n: number }>`
      select rp.grade, (count(i.id)::float / count(distinct rp.id)) as n
      from risk_points rp left join ${seededChecks} i on i.risk_point_id = rp.id and i.kind = 'routine'
      group by rp.grade order by rp.grade`);
    const [a, b, c] = perPoint.map((p) => p.n) as [number, number, number];
    expect(a).toBeGreaterThan(2 * b);
    expect(b).toBeGreaterThan(c);
    expect(c).toBeGreaterThanOrEqual(1);
  });

  it('opened each filed spot-check form on a risk point by exactly one failed check, linked both ways', async () => {
    const forms = await rows(sql<{ id: number; checks: number; matching: number }>`
      select f.id, count(i.id)::int as checks,
             count(i.id) filter (where i.kind = 'routine' and i.result = 'fail' and i.risk_point_id = f.risk_point_id
               and i.post_id = f.post_id and i.unit_id = f.unit_id and i.checked_on = f.found_on
               and i.inspector_id = f.filed_by)::int as matching
      from ${seededForms} f left join inspections i on i.form_id = f.id
      where f.source = 'spot_check' and f.risk_point_id is not null
      group by f.id`);
    expect(forms.length).toBeGreaterThan(50);
    expect(forms.filter((f) => f.checks !== 1 || f.matching !== 1)).toEqual([]);
    // a check's form is always one it opened: a spot check at its point; a failed routine check always has one
    const [stray] = await rows(sql<{ n: number }>`
      select count(*)::int as n from inspections i
      left join forms f on f.id = i.form_id and f.source = 'spot_check' and f.risk_point_id = i.risk_point_id
      where (i.form_id is not null and f.id is null) or (i.result = 'fail' and i.kind = 'routine' and i.form_id is null)`);
    expect(stray?.n).toBe(0);

    const form = forms[0] as { id: number };
    const admin = await h.signIn(DEMO.admin);
    const res = await h.call('GET', `/api/inspections?formId=${form.id}`, { cookie: admin });
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ kind: 'routine', result: 'fail', form: { id: form.id } });
  });

  it('was checked by supervisors over the unit who did not hold the post that day', async () => {
    const [bad] = await rows(sql<{ n: number }>`
      select count(*)::int as n
      from inspections i
      join people p on p.id = i.inspector_id
      join units pu on pu.id = p.unit_id
      join units iu on iu.id = i.unit_id
      where not ('supervisor' = any(p.roles))
         or left(iu.path, length(pu.path)) <> pu.path
         or exists (select 1 from assignments a where a.person_id = i.inspector_id and a.post_id = i.post_id
                    and a.from_date <= i.checked_on and (a.to_date is null or a.to_date >= i.checked_on))`);
    expect(bad?.n).toBe(0);
    const [inspectors] = await rows(
      sql<{ n: number }>`select count(distinct inspector_id)::int as n from ${seededChecks} i`,
    );
    expect(inspectors?.n).toBeGreaterThanOrEqual(5);
  });

  it('re-checked most forms closed over a month ago, a month or more after closing, by someone else', async () => {
    const [bad] = await rows(sql<{ n: number }>`
      select count(*)::int as n from ${seededChecks} i join forms f on f.id = i.recheck_of
      where f.status <> 'closed' or i.checked_on < (f.closed_at at time zone 'Asia/Shanghai')::date + 30
         or i.inspector_id = any(f.holder_ids) or i.inspector_id = f.filed_by
         or i.risk_point_id is distinct from f.risk_point_id or i.post_id <> f.post_id or i.unit_id <> f.unit_id`);
    expect(bad?.n).toBe(0);
    const [old] = await rows(sql<{ closed: number; rechecked: number }>`
      select count(*)::int as closed,
             count(*) filter (where exists (select 1 from inspections i where i.recheck_of = f.id))::int as rechecked
      from ${seededForms} f where f.status = 'closed' and f.closed_at < now() - interval '60 days'`);
    expect(old?.closed).toBeGreaterThan(500);
    expect(old?.rechecked).toBeGreaterThan((old?.closed ?? 0) * 0.9);
    // ... and left some for the re-check list
    const due = await (await h.call('GET', '/api/inspections/rechecks', { cookie: supervisor })).json();
    expect(due.total).toBeGreaterThan(0);
  });

  it('leaves some points overdue and a few never checked, and months well but not fully covered', async () => {
    const due = await (await h.call('GET', '/api/inspections/due?limit=1', { cookie: supervisor })).json();
    const overdue = ['A', 'B', 'C'].reduce((n, g) => n + due.byGrade[g].overdue, 0);
    expect(overdue / 1051).toBeGreaterThan(0.05);
    expect(overdue / 1051).toBeLessThan(0.15);
    const [never] = await rows(sql<{ n: number }>`
      select count(*)::int as n from risk_points rp
      where not exists (select 1 from inspections i where i.risk_point_id = rp.id)`);
    expect(never?.n).toBeGreaterThan(0);
    expect(never?.n).toBeLessThan(20);

    // last month, a whole month: most due checks done, the A points more than the C points, unit by unit unevenly
    const month = lastMonth(due.today);
    const res = await h.call('GET', `/api/reports/coverage?period=${month}`, { cookie: supervisor });
    expect(res.status).toBe(200);
    const coverage = await res.json();
    expect(coverage.total.rate).toBeGreaterThan(0.6);
    expect(coverage.total.rate).toBeLessThan(0.97);
    expect(coverage.byGrade.A.rate).toBeGreaterThan(coverage.byGrade.C.rate);
    const rates = coverage.units.map((u: { rate: number | null }) => u.rate ?? 1);
    expect(Math.min(...rates)).toBeLessThan(Math.max(...rates));
    // this month is under way
    const now = await (await h.call('GET', '/api/reports/coverage', { cookie: supervisor })).json();
    expect(now.total.rate).toBeLessThan(0.95);
  });

  it('recorded every check in the audit trail, by its inspector, when it was recorded', async () => {
    const [trail] = await rows(sql<{ checks: number; events: number; seeded: number; matching: number }>`
      select (select count(*)::int from inspections) as checks,
             (select count(*)::int from audit_events where action = 'inspection.recorded') as events,
             (select count(*)::int from ${seededChecks} i) as seeded,
             (select count(*)::int from ${seededChecks} i join audit_events e
                on e.action = 'inspection.recorded' and e.entity_type = 'inspection' and e.entity_id = i.id::text
               and e.actor_id = i.inspector_id and e.at = i.created_at and e.unit_id = i.unit_id
               and e.after->>'result' = i.result and e.after->>'kind' = i.kind
               and (e.after->>'checkedOn')::date = i.checked_on) as matching`);
    expect(trail?.events).toBe(trail?.checks);
    expect(trail?.seeded).toBeGreaterThan(5000);
    expect(trail?.matching).toBe(trail?.seeded);
  });
});
