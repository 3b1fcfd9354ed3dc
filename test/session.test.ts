import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ACCOUNT } from '../server/session/service.ts';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

async function auditCount(action: string) {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from audit_events where action = ${action}`.execute(h.database.db);
  return rows[0]?.n ?? 0;
}

describe('sign-in', () => {
  it('signs in with an HttpOnly, SameSite=Lax cookie and answers who is signed in', async () => {
    const before = await auditCount('session.signed_in');
    const res = await h.call('POST', '/api/session', {
      body: { email: DEMO.admin, password: 'rectify-demo' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.person).toMatchObject({ email: DEMO.admin, roles: ['admin'] });
    expect(body.person.passwordHash).toBeUndefined();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^rectify_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(await auditCount('session.signed_in')).toBe(before + 1);

    const session = cookie.split(';')[0] as string;
    const me = await h.call('GET', '/api/session', { cookie: session });
    expect(me.status).toBe(200);
    expect((await me.json()).person.email).toBe(DEMO.admin);
  });

  it('marks the cookie Secure when served over https', async () => {
    const res = await h.app.request('https://rectify.example/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-test-address': 'https-client' },
      body: JSON.stringify({ email: DEMO.holder, password: 'rectify-demo' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('accepts the email in any letter case', async () => {
    const res = await h.call('POST', '/api/session', {
      body: { email: 'Leader@Centre.Example', password: 'rectify-demo' },
    });
    expect(res.status).toBe(200);
  });

  it('gives the same 401 for a wrong password and for an unknown email, and audits both', async () => {
    const before = await auditCount('session.sign_in_failed');
    const wrong = await h.call('POST', '/api/session', {
      body: { email: DEMO.supervisor, password: 'not-the-password' },
      headers: { 'x-test-address': 'a1' },
    });
    const unknown = await h.call('POST', '/api/session', {
      body: { email: `${uniqueCode('nobody')}@centre.example`, password: 'not-the-password' },
      headers: { 'x-test-address': 'a2' },
    });
    const p1 = await expectProblem(wrong, 401);
    const p2 = await expectProblem(unknown, 401);
    expect(p1).toEqual(p2);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await auditCount('session.sign_in_failed')).toBe(before + 2);
  });

  it('rate-limits failed sign-ins per account, even from many addresses', async () => {
    const email = DEMO.leader;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await h.call('POST', '/api/session', {
        body: { email, password: 'wrong-password' },
        headers: { 'x-test-address': `spray-${i}` },
      });
      await expectProblem(res, 401);
    }
    const limited = await h.call('POST', '/api/session', {
      body: { email, password: 'rectify-demo' },
      headers: { 'x-test-address': 'spray-x' },
    });
    const problem = await expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problem.detail).toMatch(/try again/i);
    // Other accounts are unaffected.
    expect(
      (
        await h.call('POST', '/api/session', {
          body: { email: DEMO.supervisor, password: 'rectify-demo' },
          headers: { 'x-test-address': 'spray-y' },
        })
      ).status,
    ).toBe(200);
    // Lift the lock for the other tests of this run.
    await sql`delete from sign_in_attempts where lower(email) = ${email}`.execute(h.database.db);
  });

  it('rate-limits failed sign-ins per address across accounts', async () => {
    const address = uniqueCode('addr');
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) {
      last = await h.call('POST', '/api/session', {
        body: { email: `${uniqueCode('guess')}@centre.example`, password: 'wrong-password' },
        headers: { 'x-test-address': address },
      });
    }
    await expectProblem(last as Response, 429);
  });

  it('signs out: the cookie no longer works', async () => {
    const cookie = await h.signIn(DEMO.holder);
    expect((await h.call('DELETE', '/api/session', { cookie })).status).toBe(204);
    await expectProblem(await h.call('GET', '/api/session', { cookie }), 401);
    await expectProblem(await h.call('GET', '/api/posts', { cookie }), 401);
  });

  it('rejects a forged cookie', async () => {
    await expectProblem(await h.call('GET', '/api/session', { cookie: 'rectify_session=forged' }), 401);
  });

  it('validates the sign-in body', async () => {
    const p = await expectProblem(await h.call('POST', '/api/session', { body: { email: DEMO.admin } }), 400);
    expect(p.errors?.map((e) => e.path)).toContain('password');
    const extra = await expectProblem(
      await h.call('POST', '/api/session', { body: { email: DEMO.admin, password: 'x', admin: true } }),
      400,
    );
    expect(extra.errors).toContainEqual(
      expect.objectContaining({ path: 'admin', message: expect.stringMatching(/unknown field|未知字段/) }),
    );
  });
});

describe('request protections', () => {
  it('refuses a cross-site unsafe request (CSRF origin check)', async () => {
    const cookie = await h.signIn(DEMO.admin);
    const res = await h.call('PATCH', '/api/me', {
      cookie,
      body: { locale: 'en' },
      headers: { Origin: 'https://evil.example' },
    });
    await expectProblem(res, 403);
    const site = await h.call('PATCH', '/api/me', {
      cookie,
      body: { locale: 'en' },
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    await expectProblem(site, 403);
    const same = await h.call('PATCH', '/api/me', {
      cookie,
      body: { locale: 'zh-CN' },
      headers: { Origin: 'http://localhost' },
    });
    expect(same.status).toBe(200);
  });

  it('sends security headers on every response', async () => {
    for (const path of ['/api/health', '/api/nope', '/']) {
      const res = await h.call('GET', path);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('answers unknown API routes with a 404 problem', async () => {
    // Without a session every API path is a 401, so routes cannot be probed.
    await expectProblem(await h.call('GET', '/api/nope'), 401);
    const cookie = await h.signIn(DEMO.holder);
    await expectProblem(await h.call('GET', '/api/nope/deeper', { cookie }), 404);
  });

  it('remembers a person’s language', async () => {
    const cookie = await h.signIn(DEMO.holder);
    const res = await h.call('PATCH', '/api/me', { cookie, body: { locale: 'en' } });
    expect((await res.json()).locale).toBe('en');
    const again = await h.signIn(DEMO.holder);
    expect((await (await h.call('GET', '/api/session', { cookie: again })).json()).person.locale).toBe('en');
    await h.call('PATCH', '/api/me', { cookie, body: { locale: 'zh-CN' } });
  });
});

describe('problems in the reader’s language', () => {
  it('answers in the signed-in person’s language, else the browser’s', async () => {
    const anonymousZh = await expectProblem(
      await h.call('POST', '/api/session', {
        body: { email: DEMO.admin },
        headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
      }),
      400,
    );
    expect(anonymousZh.title).toBe('请求无效');
    expect(anonymousZh.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const anonymousEn = await expectProblem(
      await h.call('POST', '/api/session', { body: { email: DEMO.admin } }),
      400,
    );
    expect(anonymousEn.title).toBe('Invalid request');

    const cookie = await h.signIn(DEMO.holder);
    const zh = await expectProblem(
      await h.call('POST', '/api/units', {
        cookie,
        body: { code: 'X', name: 'x', level: 'city', parentId: null },
      }),
      403,
    );
    expect(zh.detail).toMatch(/管理员/);
    await h.call('PATCH', '/api/me', { cookie, body: { locale: 'en' } });
    const en = await expectProblem(
      await h.call('POST', '/api/units', {
        cookie,
        body: { code: 'X', name: 'x', level: 'city', parentId: null },
      }),
      403,
    );
    expect(en.detail).toMatch(/admin/);
    await h.call('PATCH', '/api/me', { cookie, body: { locale: 'zh-CN' } });
  });
});
