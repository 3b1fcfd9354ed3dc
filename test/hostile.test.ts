import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectProblem, type Harness, harness } from './helpers/app.ts';
import { fingerprint } from './helpers/fingerprint.ts';
import {
  concrete,
  type JsonSchema,
  load,
  operations,
  PER_RECORD,
  PUBLIC,
  resolve,
  SELF_SERVICE,
  validExample,
  writes,
} from './helpers/routes.ts';

/**
 * Walks every route in the OpenAPI document: each needs a session, each write validates its input (types,
 * unknown fields, malformed JSON, size, content type, If-Match) and checks the caller's role — and none of
 * the refused requests writes anything.
 */
let h: Harness;
let admin: string;
let holder: string;

/** A value of the wrong JSON type for a property's schema. */
function wrongValue(schema: JsonSchema): unknown {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? s.type[0] : (s.type ?? s.anyOf?.map(resolve)[0]?.type);
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-a-list';
    case 'object':
      return 7;
    default:
      return { unexpected: true };
  }
}

beforeAll(async () => {
  h = await harness();
  admin = await h.signIn(DEMO.admin);
  holder = await h.signIn(DEMO.holder);
  await load(h, admin);
});

describe('every route', () => {
  it('is described in the OpenAPI document, which has writes to check', () => {
    expect(writes().length).toBeGreaterThanOrEqual(20);
  });

  it('needs a session, except the public ones', async () => {
    for (const { route, method, path } of operations()) {
      if (PUBLIC.has(route)) continue;
      const res = await h.call(method, concrete(path), { body: method === 'GET' ? undefined : {} });
      await expectProblem(res, 401).catch((err) => {
        throw new Error(`${route}: ${err.message}`);
      });
    }
  });

  it('refuses hostile input to every write with a 4xx problem naming the field, and writes nothing', async () => {
    const before = await fingerprint(h.database);
    for (const { route, method, path, op } of writes()) {
      // Sign-in is exercised in session.test.ts; a route without a JSON body has nothing to check here
      // (evidence uploads are multipart: their size and type checks are in forms.test.ts).
      if (route === 'POST /api/session' || !op.requestBody?.content['application/json']) continue;
      const url = concrete(path);
      const ifMatch = { 'If-Match': '"v1"' };
      const check = async (what: string, res: Response, status: number) =>
        expectProblem(res, status).catch((err) => {
          throw new Error(`${route} (${what}): ${err.message}`);
        });

      const malformed = await check(
        'malformed JSON',
        await h.call(method, url, {
          cookie: admin,
          rawBody: '{"name": ',
          headers: { 'Content-Type': 'application/json', ...ifMatch },
        }),
        400,
      );
      expect(malformed.errors?.[0]?.path).toBe('(body)');

      await check(
        'oversized body',
        await h.call(method, url, { cookie: admin, body: { name: 'x'.repeat(1_100_000) }, headers: ifMatch }),
        413,
      );
      await check(
        'not JSON',
        await h.call(method, url, {
          cookie: admin,
          rawBody: 'name=x',
          headers: { 'Content-Type': 'text/plain', ...ifMatch },
        }),
        415,
      );

      const schema = resolve(Object.values(op.requestBody.content)[0]?.schema as JsonSchema);
      const unknown = await check(
        'unknown field',
        await h.call(method, url, {
          cookie: admin,
          body: { ...(validExample(route).body as object), sneaky: 1 },
          headers: ifMatch,
        }),
        400,
      );
      expect(unknown.errors).toContainEqual(
        expect.objectContaining({ path: 'sneaky', message: expect.stringMatching(/unknown field|未知字段/) }),
      );

      for (const [field, propSchema] of Object.entries(schema.properties ?? {})) {
        const body = { ...(validExample(route).body as object), [field]: wrongValue(propSchema) };
        const wrong = await check(
          `wrong type for ${field}`,
          await h.call(method, url, { cookie: admin, body, headers: ifMatch }),
          400,
        );
        expect(
          wrong.errors?.map((e) => e.path),
          `${route} ${field}`,
        ).toContain(field);
        if (resolve(propSchema).type === 'string') {
          const nul = { ...(validExample(route).body as object), [field]: 'a\u0000b' };
          const refused = await check(
            `NUL in ${field}`,
            await h.call(method, url, { cookie: admin, body: nul, headers: ifMatch }),
            400,
          );
          expect(
            refused.errors?.map((e) => e.path),
            `${route} ${field}`,
          ).toContain(field);
        }
      }
    }
    // The public sign-in and every list's text search too.
    await expectProblem(
      await h.call('POST', '/api/session', { body: { email: 'a\u0000@x', password: 'x' } }),
      400,
    );
    for (const { method, path } of operations().filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const res = await h.call(method, `${path}?q=%00`, { cookie: admin });
      expect(res.status, `${path}?q=%00`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path}?q=%00`).toBeLessThan(500);
    }
    expect(await fingerprint(h.database)).toEqual(before);
  });

  it('needs If-Match on every change of a versioned record, and refuses a stale one', async () => {
    const before = await fingerprint(h.database);
    for (const { route, method, path } of writes()) {
      const example = validExample(route);
      if (!example.ifMatch) continue;
      const url = concrete(path);
      const missing = await h.call(method, url, { cookie: admin, body: example.body });
      await expectProblem(missing, 428).catch((err) => {
        throw new Error(`${route} without If-Match: ${err.message}`);
      });
      const stale = await h.call(method, url, {
        cookie: admin,
        body: example.body,
        headers: { 'If-Match': '"v999999"' },
      });
      await expectProblem(stale, 412).catch((err) => {
        throw new Error(`${route} with a stale If-Match: ${err.message}`);
      });
    }
    expect(await fingerprint(h.database)).toEqual(before);
  });

  it('refuses every admin write to a post holder with 403, writing nothing', async () => {
    const before = await fingerprint(h.database);
    for (const { route, method, path } of writes()) {
      if (PUBLIC.has(route) || SELF_SERVICE.has(route) || PER_RECORD.has(route)) continue;
      const example = validExample(route);
      const etagOf = async () => {
        const res = await h.call('GET', concrete(path).replace(/\/(assignments.*|grade)$/, ''), {
          cookie: admin,
        });
        return res.headers.get('etag') ?? '"v1"';
      };
      const headers = example.ifMatch ? { 'If-Match': await etagOf() } : undefined;
      const res = await h.call(method, concrete(path), { cookie: holder, body: example.body, headers });
      await expectProblem(res, 403).catch((err) => {
        throw new Error(`${route} as a holder: ${err.message}`);
      });
    }
    expect(await fingerprint(h.database)).toEqual(before);
  });
});
