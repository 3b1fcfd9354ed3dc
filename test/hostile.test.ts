import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectProblem, type Harness, harness, uniqueCode } from './helpers/app.ts';
import { fingerprint } from './helpers/fingerprint.ts';

/**
 * Walks every route in the OpenAPI document: each needs a session, each write validates its input (types,
 * unknown fields, malformed JSON, size, content type, If-Match) and checks the caller's role — and none of
 * the refused requests writes anything.
 */
let h: Harness;
let admin: string;
let holder: string;
let doc: { paths: Record<string, Record<string, OpenApiOperation>> };
const ids: Record<string, number> = {};

interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: { name: string; in: string }[];
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  $ref?: string;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

const PUBLIC = new Set(['POST /api/session', 'GET /api/health', 'GET /api/openapi.json', 'GET /api/docs']);
/** Writes any signed-in person may make for themselves. */
const SELF_SERVICE = new Set(['DELETE /api/session', 'PATCH /api/me']);
/** Writes every signed-in person may attempt; who may do what to which form is tested in forms.test.ts. */
const PER_RECORD = new Set([
  'POST /api/forms',
  'PATCH /api/forms/{id}',
  'POST /api/forms/{id}/transitions',
  'POST /api/forms/{id}/comments',
  'POST /api/forms/{id}/attachments',
]);

/** A valid request for every write, so the permission and If-Match checks are reached. */
function validExample(route: string): { body?: unknown; ifMatch?: boolean } {
  const code = uniqueCode('HX');
  const examples: Record<string, { body?: unknown; ifMatch?: boolean }> = {
    'POST /api/session': { body: { email: DEMO.admin, password: 'x' } },
    'DELETE /api/session': {},
    'PATCH /api/me': { body: { locale: 'zh-CN' } },
    'POST /api/people': {
      body: {
        name: '测试',
        email: `${code.toLowerCase()}@centre.example`,
        unitId: ids.unit,
        roles: ['holder'],
      },
    },
    'PATCH /api/people/{id}': { body: { name: '改名' }, ifMatch: true },
    'POST /api/units': { body: { code, name: '测试', level: 'city', parentId: ids.unit } },
    'PATCH /api/units/{id}': { body: { name: '改名' }, ifMatch: true },
    'POST /api/posts': { body: { code, name: '测试', kind: 'window', unitId: ids.unit } },
    'PATCH /api/posts/{id}': { body: { name: '改名' }, ifMatch: true },
    'POST /api/posts/{id}/assignments': {
      body: { personId: ids.person, fromDate: '2099-01-01' },
      ifMatch: true,
    },
    'POST /api/posts/{id}/assignments/{assignmentId}/end': { body: { toDate: '2099-01-01' }, ifMatch: true },
    'POST /api/approval-items': {
      body: { code, name: '测试', unitId: ids.unit, statutoryDays: 10, promisedDays: 5, stages: ['accept'] },
    },
    'PATCH /api/approval-items/{id}': { body: { name: '改名' }, ifMatch: true },
    'POST /api/standards': { body: { code, title: '测试', parentId: null } },
    'PATCH /api/standards/{id}': { body: { title: '改名' }, ifMatch: true },
    'POST /api/responsibility-points': {
      body: { code, approvalItemId: ids.item, stage: 'accept', postId: ids.post, duty: '测试' },
    },
    'PATCH /api/responsibility-points/{id}': { body: { duty: '改' }, ifMatch: true },
    'POST /api/risk-points': {
      body: {
        code,
        approvalItemId: ids.item,
        stage: 'accept',
        postId: ids.post,
        description: '测试',
        category: 'process',
        grade: 'C',
        likelihood: 1,
        impact: 1,
        discretion: 1,
        confirmedById: ids.supervisor,
      },
    },
    'PATCH /api/risk-points/{id}': { body: { description: '改' }, ifMatch: true },
    'POST /api/risk-points/{id}/grade': {
      body: {
        grade: 'C',
        likelihood: 1,
        impact: 1,
        discretion: 1,
        reason: '测试',
        confirmedById: ids.supervisor,
      },
      ifMatch: true,
    },
    'PATCH /api/settings': { body: { yellowCardDaysLeft: 1 }, ifMatch: true },
    'POST /api/forms': {
      body: {
        problem: '测试',
        occurredOn: '2026-01-05',
        source: 'self_inspection',
        postId: ids.post,
        grade: 'C',
      },
    },
    'PATCH /api/forms/{id}': { body: { problem: '改' }, ifMatch: true },
    'POST /api/forms/{id}/transitions': { body: { to: 'in_progress' }, ifMatch: true },
    'POST /api/forms/{id}/comments': { body: { body: '评论' } },
    'POST /api/forms/{id}/attachments': {},
  };
  const example = examples[route];
  if (!example) throw new Error(`No example request for ${route}: add one to test/hostile.test.ts`);
  return example;
}

function concrete(path: string): string {
  return path
    .replace('/api/forms/{id}', `/api/forms/${ids.form}`)
    .replace('/api/units/{id}', `/api/units/${ids.unit}`)
    .replace('/api/posts/{id}', `/api/posts/${ids.post}`)
    .replace('{assignmentId}', String(ids.assignment))
    .replace('/api/people/{id}', `/api/people/${ids.person}`)
    .replace('/api/approval-items/{id}', `/api/approval-items/${ids.item}`)
    .replace('/api/standards/{id}', `/api/standards/${ids.standard}`)
    .replace('/api/responsibility-points/{id}', `/api/responsibility-points/${ids.responsibility}`)
    .replace('/api/risk-points/{id}', `/api/risk-points/${ids.risk}`);
}

function operations() {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      route: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      op,
    })),
  );
}

const writes = () => operations().filter((o) => o.method !== 'GET');

function resolve(schema: JsonSchema): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() as string;
    return resolve(
      (doc as unknown as { components: { schemas: Record<string, JsonSchema> } }).components.schemas[
        name
      ] as JsonSchema,
    );
  }
  return schema;
}

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

async function idOf(path: string) {
  const res = await h.call('GET', path, { cookie: admin });
  const body = await res.json();
  return (body.items?.[0]?.id ?? body.id) as number;
}

beforeAll(async () => {
  h = await harness();
  admin = await h.signIn(DEMO.admin);
  holder = await h.signIn(DEMO.holder);
  doc = await (await h.call('GET', '/api/openapi.json')).json();
  ids.unit = await idOf('/api/units?root=true');
  ids.post = await idOf('/api/posts?kind=window&limit=1');
  ids.person = await idOf('/api/people?role=holder&limit=1');
  ids.supervisor = await idOf('/api/people?role=supervisor&limit=1');
  ids.item = await idOf('/api/approval-items?limit=1');
  ids.standard = await idOf('/api/standards?level=4&limit=1');
  ids.responsibility = await idOf('/api/responsibility-points?limit=1');
  ids.risk = await idOf('/api/risk-points?limit=1');
  const post = await (await h.call('GET', `/api/posts/${ids.post}`, { cookie: admin })).json();
  ids.assignment = post.assignments[0].assignmentId;
  // A form the admin filed: the admin works it, so its writes reach their If-Match checks.
  const form = await h.call('POST', '/api/forms', {
    cookie: admin,
    body: validExample('POST /api/forms').body,
  });
  ids.form = (await form.json()).id;
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
      }
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
