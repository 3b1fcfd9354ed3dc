import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../server/audit/chain.ts';
import { parallelWalker } from '../server/audit/parallel-verify.ts';
import { signLink } from '../server/mail/tokens.ts';
import { nodeHasher } from '../server/audit/node-hasher.ts';
import { auditedWrite } from '../server/audit/write.ts';
import type { Database } from '../server/db/database.ts';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import { scratchDatabase } from './helpers/db.ts';
import { fileForm, makeWorld, type World } from './helpers/forms.ts';
import { concrete, ids, load, validExample, writes } from './helpers/routes.ts';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await harness();
  admin = await h.signIn(DEMO.admin);
});

async function headSeq(database: Database) {
  const { rows } = await sql<{ seq: number }>`select seq from audit_head`.execute(database.db);
  return Number(rows[0]?.seq);
}

describe('the database guards the trail', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const { db } = h.database;
    await expect(sql`update audit_events set action = 'forged' where seq = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    const { rows } = await sql<{ action: string }>`select action from audit_events where seq = 1`.execute(db);
    expect(rows[0]?.action).not.toBe('forged');
  });
});

describe('verify', () => {
  let scratch: Database & { url?: string };

  /**
   * Verifies on one thread and, on PostgreSQL, also on three worker threads with stretches as short as one
   * event, so every tampering below also lands on a stretch boundary or inside a stretch: both must agree.
   */
  async function verifyBoth(database: Database & { url?: string }, head?: { seq: number; hash: string }) {
    const one = await verifyChain(database.db, nodeHasher, head);
    if (database.url) {
      const many = await verifyChain(database.db, nodeHasher, head, parallelWalker(database.url, 3, 1));
      expect(many).toEqual(one);
    }
    return one;
  }

  async function write(n: number) {
    for (let i = 0; i < n; i++) {
      await auditedWrite(scratch.db, { actorId: null, hasher: nodeHasher }, async (tx, audit) => {
        await tx
          .insertInto('standards')
          .values({ code: uniqueCode('V'), title: `第${i}条`, level: 1, parentId: null })
          .execute();
        await audit({
          action: 'standard.created',
          entityType: 'standard',
          entityId: i,
          after: { title: `第${i}条`, n: i },
        });
      });
    }
  }

  /** A superuser switches the guard off, tampers, and switches it back on. */
  async function tamper(statement: ReturnType<typeof sql>) {
    await sql`alter table audit_events disable trigger user`.execute(scratch.db);
    try {
      await statement.execute(scratch.db);
    } finally {
      await sql`alter table audit_events enable trigger user`.execute(scratch.db);
    }
  }

  beforeAll(async () => {
    scratch = await scratchDatabase('tamper');
    await write(12);
  });

  it('passes an untouched chain and names its head', async () => {
    const result = await verifyBoth(scratch);
    expect(result).toMatchObject({ ok: true, events: 12, seq: 12 });
  });

  it('catches an edited event at exactly its seq, and passes again once it is put back', async () => {
    const { rows } = await sql<{ after: unknown }>`select after from audit_events where seq = 5`.execute(
      scratch.db,
    );
    await tamper(sql`update audit_events set after = '{"title":"篡改","n":4}'::jsonb where seq = 5`);
    expect(await verifyBoth(scratch)).toMatchObject({ ok: false, brokenAt: 5 });
    await tamper(sql`update audit_events set after = ${JSON.stringify(rows[0]?.after)}::jsonb where seq = 5`);
    expect((await verifyBoth(scratch)).ok).toBe(true);
  });

  it('catches a broken link where a stretch of a parallel walk starts', async () => {
    const { rows } = await sql<{
      prev_hash: string;
    }>`select prev_hash from audit_events where seq = 9`.execute(scratch.db.withoutPlugins());
    await tamper(sql`update audit_events set prev_hash = ${'e'.repeat(64)} where seq = 9`);
    expect(await verifyBoth(scratch)).toMatchObject({
      ok: false,
      brokenAt: 9,
      reason: expect.stringMatching(/follow/),
    });
    await tamper(sql`update audit_events set prev_hash = ${rows[0]?.prev_hash as string} where seq = 9`);
    expect((await verifyBoth(scratch)).ok).toBe(true);
  });

  it('catches an edited request id or time', async () => {
    await tamper(sql`update audit_events set request_id = 'forged' where seq = 3`);
    expect(await verifyBoth(scratch)).toMatchObject({ ok: false, brokenAt: 3 });
    await tamper(sql`update audit_events set request_id = null where seq = 3`);
    await tamper(sql`update audit_events set at = at + interval '1 second' where seq = 8`);
    expect(await verifyBoth(scratch)).toMatchObject({ ok: false, brokenAt: 8 });
    await tamper(sql`update audit_events set at = at - interval '1 second' where seq = 8`);
    await tamper(sql`update audit_events set at = at + interval '1 microsecond' where seq = 9`);
    expect(await verifyBoth(scratch)).toMatchObject({ ok: false, brokenAt: 9 });
    await tamper(sql`update audit_events set at = at - interval '1 microsecond' where seq = 9`);
    expect((await verifyBoth(scratch)).ok).toBe(true);
  });

  it('catches a removed event, and an event inserted in its place', async () => {
    const { rows } = await sql<Record<string, unknown>>`select * from audit_events where seq = 7`.execute(
      scratch.db,
    );
    const original = rows[0] as Record<string, unknown>;
    await tamper(sql`delete from audit_events where seq = 7`);
    expect(await verifyBoth(scratch)).toMatchObject({
      ok: false,
      brokenAt: 7,
      reason: expect.stringMatching(/missing/),
    });
    // A forger re-inserts a made-up event with the old links: its hash cannot match its content.
    await tamper(sql`
      insert into audit_events (seq, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
      values (7, now(), null, 'standard.created', 'standard', '6', null, '{"title":"伪造"}', ${original.prevHash as string}, ${original.hash as string})
    `);
    expect(await verifyBoth(scratch)).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('catches events removed from the end, and events added past the head', async () => {
    const fresh = await scratchDatabase('tail');
    scratch = fresh;
    await write(6);
    await tamper(sql`delete from audit_events where seq = 6`);
    expect(await verifyBoth(fresh)).toMatchObject({ ok: false, brokenAt: 6 });
    const extra = await scratchDatabase('extra');
    scratch = extra;
    await write(3);
    await tamper(sql`
      insert into audit_events (seq, at, action, entity_type, prev_hash, hash)
      select 4, now(), 'forged', 'standard', hash, repeat('f', 64) from audit_events where seq = 3
    `);
    expect(await verifyBoth(extra)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('checks a head copied out earlier', { timeout: 120_000 }, async () => {
    const fresh = await scratchDatabase('anchor');
    scratch = fresh;
    await write(4);
    const head = await verifyBoth(fresh);
    if (!head.ok) throw new Error('chain should verify');
    await write(2);
    expect(await verifyBoth(fresh, { seq: head.seq, hash: head.head })).toMatchObject({
      ok: true,
      events: 6,
    });
    expect(await verifyBoth(fresh, { seq: head.seq, hash: 'a'.repeat(64) })).toMatchObject({
      ok: false,
      brokenAt: 4,
    });
    expect(await verifyBoth(fresh, { seq: 99, hash: head.head })).toMatchObject({
      ok: false,
      brokenAt: 99,
    });
  });

  it('passes while events are being written', async () => {
    const walker = scratch.url ? parallelWalker(scratch.url, 3, 1) : undefined;
    const [result] = await Promise.all([verifyChain(scratch.db, nodeHasher, undefined, walker), write(6)]);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(await verifyBoth(scratch)).toMatchObject({ ok: true, events: await headSeq(scratch) });
  });
});

describe('the trail through the API', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(h);
  });

  it('keeps one valid chain under 50 concurrent writers', async () => {
    const form = await fileForm(w);
    const before = await headSeq(h.database);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.call('POST', `/api/forms/${form.id}/comments`, {
          cookie: w.cookies.worker,
          body: { body: `并发评论 ${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(await headSeq(h.database)).toBe(before + 50);
    const verify = await (await h.call('GET', '/api/audit/verify', { cookie: admin })).json();
    expect(verify).toMatchObject({ ok: true, seq: await headSeq(h.database) });
  });

  it('verifies for admins only, and against a head from the anchors', async () => {
    await expectProblem(await h.call('GET', '/api/audit/verify', { cookie: w.cookies.supervisor }), 403);
    const anchors = await (await h.call('GET', '/api/audit/anchors', { cookie: w.cookies.leader })).json();
    expect(anchors.months.length).toBeGreaterThanOrEqual(1);
    const month = anchors.months[0];
    const ok = await (
      await h.call('GET', `/api/audit/verify?seq=${month.seq}&hash=${month.hash}`, { cookie: admin })
    ).json();
    expect(ok.ok).toBe(true);
    const bad = await (
      await h.call('GET', `/api/audit/verify?seq=${month.seq}&hash=${'0'.repeat(64)}`, { cookie: admin })
    ).json();
    expect(bad).toMatchObject({ ok: false, brokenAt: month.seq });
    await expectProblem(await h.call('GET', '/api/audit/verify?seq=3', { cookie: admin }), 400);
    await expectProblem(await h.call('GET', '/api/audit/anchors', { cookie: w.cookies.worker }), 403);
  });

  it('lists the trail with filters, newest first; supervisors see only their units', async () => {
    const form = await fileForm(w);
    const list = async (query: string, cookie = admin) =>
      (await h.call('GET', `/api/audit?${query}`, { cookie })).json();
    const events = await list(`entityType=form&entityId=${form.id}`);
    expect(events.items.map((e: { action: string }) => e.action)).toEqual(['form.filed']);
    expect(events.items[0]).toMatchObject({ unitId: w.unitId, actor: { id: w.workerId } });
    const byActor = await list(`actorId=${w.workerId}&action=form.*&limit=500`);
    expect(
      byActor.items.every(
        (e: { action: string; actor: { id: number } }) =>
          e.action.startsWith('form.') && e.actor.id === w.workerId,
      ),
    ).toBe(true);
    const seqs = byActor.items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect((await list('from=2999-01-01')).total).toBe(0);
    const around = await list('seqTo=5&limit=3');
    expect(around.items.map((e: { seq: number }) => e.seq)).toEqual([5, 4, 3]);
    await expectProblem(await h.call('GET', '/api/audit?from=yesterday', { cookie: admin }), 400);

    // A supervisor of another unit sees none of this unit's events; the centre's supervisor does.
    const scoped = await h.call('POST', '/api/people', {
      cookie: admin,
      body: {
        name: '科室督查',
        email: `${uniqueCode('sup').toLowerCase()}@centre.example`,
        unitId: ids.unit ?? 1,
        roles: ['supervisor'],
        password: 'a-long-password',
      },
    });
    expect(scoped.status).toBe(201);
    expect((await list(`entityType=form&entityId=${form.id}`, w.cookies.supervisor)).total).toBe(1);
    await expectProblem(await h.call('GET', '/api/audit', { cookie: w.cookies.worker }), 403);
    await expectProblem(await h.call('GET', '/api/audit', { cookie: w.cookies.leader }), 403);
  });

  it('exports a filtered range as CSV and as JSON Lines', async () => {
    const form = await fileForm(w, { problem: '逗号, "引号" 和\n换行' });
    // A name that a spreadsheet would run as a formula is written so it cannot be.
    const email = `${uniqueCode('f').toLowerCase()}@centre.example`;
    const made = await h.call('POST', '/api/people', {
      cookie: admin,
      body: {
        name: '=HYPERLINK("http://x")',
        email,
        unitId: w.unitId,
        roles: ['holder'],
        password: 'a-long-password',
      },
    });
    expect(made.status).toBe(201);
    const formula = await h.signIn(email, 'a-long-password');
    await h.call('POST', `/api/forms/${form.id}/comments`, {
      cookie: w.cookies.worker,
      body: { body: '看看' },
    });
    await h.call('PATCH', '/api/me', { cookie: formula, body: { locale: 'en' } });
    const csv = await h.call('GET', `/api/audit/export?format=csv&entityType=form&entityId=${form.id}`, {
      cookie: admin,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-.*\.csv"/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read the Chinese as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('seq,at,')).toBe(true);
    expect(text).toContain('form.filed');
    const byFormula = await (
      await h.call('GET', `/api/audit/export?format=csv&actorId=${(await made.json()).id}`, { cookie: admin })
    ).text();
    expect(byFormula).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text.trim().split('\r\n').length).toBeGreaterThanOrEqual(3);
    const jsonl = await h.call('GET', `/api/audit/export?format=jsonl&entityType=form&entityId=${form.id}`, {
      cookie: admin,
    });
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e: { action: string }) => e.action)).toEqual(['form.filed', 'form.comment_added']);
    expect(lines[0].after.problem).toBe('逗号, "引号" 和\n换行');
    expect(lines[1].seq).toBeGreaterThan(lines[0].seq);
  });

  it('shows a risk point its timeline', async () => {
    const supervisor = w.cookies.supervisor;
    const point = (
      await (await h.call('GET', '/api/risk-points?grade=B&limit=1', { cookie: supervisor })).json()
    ).items[0];
    const detail = await h.call('GET', `/api/risk-points/${point.id}`, { cookie: supervisor });
    const etag = detail.headers.get('etag') as string;
    const body = { grade: 'B', likelihood: 2, impact: 2, discretion: 1, reason: '复核维持' };
    expect(
      (
        await h.call('POST', `/api/risk-points/${point.id}/grade`, {
          cookie: supervisor,
          body,
          headers: { 'If-Match': etag },
        })
      ).status,
    ).toBe(200);
    const history = await (
      await h.call('GET', `/api/risk-points/${point.id}/history`, { cookie: w.cookies.worker })
    ).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'risk_point.grade_changed',
      after: { reason: '复核维持' },
    });
    await expectProblem(
      await h.call('GET', '/api/risk-points/99999999/history', { cookie: w.cookies.worker }),
      404,
    );
  });
});

describe('coverage', () => {
  it('leaves an event for every mutating route in the OpenAPI document', async () => {
    await load(h, admin);
    const supervisor = await h.signIn(DEMO.supervisor);
    const routes = writes().map((o) => o.route);
    const covered: string[] = [];
    const etagOf = async (path: string) =>
      (await h.call('GET', path, { cookie: admin })).headers.get('etag') as string;
    const send = async (
      route: string,
      cookie: string,
      options: { body?: unknown; path?: string; ifMatchFrom?: string; rawBody?: FormData } = {},
    ) => {
      const [method, template] = route.split(' ') as [string, string];
      const path = options.path ?? concrete(template);
      const before = await headSeq(h.database);
      const headers = options.ifMatchFrom ? { 'If-Match': await etagOf(options.ifMatchFrom) } : undefined;
      const res = await h.call(method, path, {
        cookie,
        body: options.body ?? (options.rawBody ? undefined : validExample(route).body),
        rawBody: options.rawBody,
        headers,
      });
      expect(res.status, `${route}: ${await res.clone().text()}`).toBeLessThan(300);
      expect(await headSeq(h.database), `${route} left no audit event`).toBeGreaterThan(before);
      covered.push(route);
      return res;
    };

    // Fresh records, so the demo's own stay as seeded.
    const unit = await (await send('POST /api/units', admin)).json();
    ids.unit = unit.id;
    await send('PATCH /api/units/{id}', admin, { ifMatchFrom: `/api/units/${unit.id}` });
    const person = await (await send('POST /api/people', admin)).json();
    ids.person = person.id;
    await send('PATCH /api/people/{id}', admin, { ifMatchFrom: `/api/people/${person.id}` });
    const post = await (await send('POST /api/posts', admin)).json();
    ids.post = post.id;
    await send('PATCH /api/posts/{id}', admin, { ifMatchFrom: `/api/posts/${post.id}` });
    const assigned = await (
      await send('POST /api/posts/{id}/assignments', admin, { ifMatchFrom: `/api/posts/${post.id}` })
    ).json();
    ids.assignment = assigned.assignments[0].assignmentId;
    await send('POST /api/posts/{id}/assignments/{assignmentId}/end', admin, {
      ifMatchFrom: `/api/posts/${post.id}`,
      body: { toDate: '2099-12-31' },
    });
    const item = await (await send('POST /api/approval-items', admin)).json();
    ids.item = item.id;
    await send('PATCH /api/approval-items/{id}', admin, { ifMatchFrom: `/api/approval-items/${item.id}` });
    const standard = await (await send('POST /api/standards', admin)).json();
    ids.standard = standard.id;
    await send('PATCH /api/standards/{id}', admin, { ifMatchFrom: `/api/standards/${standard.id}` });
    const rp = await (await send('POST /api/responsibility-points', admin)).json();
    ids.responsibility = rp.id;
    await send('PATCH /api/responsibility-points/{id}', admin, {
      ifMatchFrom: `/api/responsibility-points/${rp.id}`,
    });
    const risk = await (await send('POST /api/risk-points', admin)).json();
    ids.risk = risk.id;
    await send('PATCH /api/risk-points/{id}', admin, { ifMatchFrom: `/api/risk-points/${risk.id}` });
    await send('POST /api/risk-points/{id}/grade', supervisor, {
      ifMatchFrom: `/api/risk-points/${risk.id}`,
    });
    await send('PATCH /api/settings', admin, { ifMatchFrom: '/api/settings' });
    const form = await (await send('POST /api/forms', admin)).json();
    ids.form = form.id;
    await send('PATCH /api/forms/{id}', admin, {
      ifMatchFrom: `/api/forms/${form.id}`,
      body: {
        rootCause: { whys: ['测试'], category: 'people' },
        measures: [{ kind: 'immediate', text: '测试', ownerId: person.id, dueOn: '2099-01-01' }],
      },
    });
    await send('POST /api/forms/{id}/transitions', admin, { ifMatchFrom: `/api/forms/${form.id}` });
    await send('POST /api/forms/{id}/comments', admin);
    const file = new FormData();
    file.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'evidence.pdf'));
    await send('POST /api/forms/{id}/attachments', admin, { rawBody: file });
    const inspection = await (await send('POST /api/inspections', supervisor)).json();
    ids.inspection = inspection.id;
    await send('POST /api/inspections/{id}/attachments', supervisor, { rawBody: file });
    await send('POST /api/inspections/samples', supervisor);
    await send('POST /api/cases', supervisor);
    await send('DELETE /api/cases/{formId}', supervisor);
    const catalogue = new FormData();
    const root = (await (await h.call('GET', '/api/units?root=true', { cookie: admin })).json()).items[0];
    const csv = `Unit code,Name,Level,Parent unit code\r\n${uniqueCode('AU')},导入单位,city,${root.code}\r\n`;
    catalogue.set('file', new File([csv], 'units.csv'));
    await send('POST /api/catalogue/import', admin, {
      rawBody: catalogue,
      path: '/api/catalogue/import?mode=commit&kind=units',
    });
    await send('PUT /api/mail/preferences', admin);
    await send('POST /api/scorecards/{month}/close', admin);
    await send('POST /api/scorecards/{month}/posts/{postId}/adjustments', admin);
    await send('POST /api/digests/run', admin);
    await send('POST /api/digests/read', '', {
      body: {
        token: await signLink(h.database.db, {
          purpose: 'digest-read',
          personId: ids.supervisor as number,
          month: '2025-03',
        }),
      },
    });
    const { rows } = await sql<{ id: number }>`
      update outbox set status = 'failed' where id = (select max(id) from outbox) returning id
    `.execute(h.database.db);
    ids.outbox = rows[0]?.id as number;
    await send('POST /api/mail/outbox/{id}/retry', admin);
    // The digest run above need not travel.
    await sql`update outbox set status = 'sent', delivered_via = 'viewer' where dedupe_key like 'digest:2025-03:%'`.execute(
      h.database.db,
    );
    await send('PATCH /api/me', admin);
    await send('POST /api/session', '', { body: { email: DEMO.admin, password: 'rectify-demo' } });
    await send('DELETE /api/session', await h.signIn(DEMO.leader));

    expect(routes.filter((r) => !covered.includes(r))).toEqual([]);
  });
});

describe('the application role', () => {
  it('may read and append to the trail but not change it', async () => {
    const { db } = h.database;
    const { rows } = await sql<{
      can_insert: boolean;
      can_update: boolean;
      can_delete: boolean;
      can_select: boolean;
    }>`
      select has_table_privilege('rectify_app', 'audit_events', 'INSERT') as can_insert,
             has_table_privilege('rectify_app', 'audit_events', 'SELECT') as can_select,
             has_table_privilege('rectify_app', 'audit_events', 'UPDATE') as can_update,
             has_table_privilege('rectify_app', 'audit_events', 'DELETE') as can_delete
    `.execute(db);
    expect(rows[0]).toEqual({ canInsert: true, canSelect: true, canUpdate: false, canDelete: false });
    const forms = await sql<{
      ok: boolean;
    }>`select has_table_privilege('rectify_app', 'forms', 'UPDATE') as ok`.execute(db);
    expect(forms.rows[0]?.ok).toBe(true);
  });
});
