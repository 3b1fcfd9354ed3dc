import { DEMO, type Harness, uniqueCode } from './app.ts';

/**
 * Every route of the API, from its OpenAPI document, with a valid request for each write: the hostile-input
 * test sends them broken, the audit test sends them as they are. `load()` fills `ids` with real records.
 */
export let doc: { paths: Record<string, Record<string, OpenApiOperation>> };
export const ids: Record<string, number> = {};

async function idOf(h: Harness, cookie: string, path: string) {
  const res = await h.call('GET', path, { cookie });
  const body = await res.json();
  return (body.items?.[0]?.id ?? body.id) as number;
}

/** Reads the document and picks one record of each kind (the admin files a form, so the admin works it). */
export async function load(h: Harness, admin: string) {
  doc = await (await h.call('GET', '/api/openapi.json')).json();
  ids.unit = await idOf(h, admin, '/api/units?root=true');
  ids.post = await idOf(h, admin, '/api/posts?kind=window&limit=1');
  ids.person = await idOf(h, admin, '/api/people?role=holder&limit=1');
  ids.supervisor = await idOf(h, admin, '/api/people?role=supervisor&limit=1');
  ids.item = await idOf(h, admin, '/api/approval-items?limit=1');
  ids.standard = await idOf(h, admin, '/api/standards?level=4&limit=1');
  ids.responsibility = await idOf(h, admin, '/api/responsibility-points?limit=1');
  ids.risk = await idOf(h, admin, '/api/risk-points?limit=1');
  const post = await (await h.call('GET', `/api/posts/${ids.post}`, { cookie: admin })).json();
  ids.assignment = post.assignments[0].assignmentId;
  const form = await h.call('POST', '/api/forms', {
    cookie: admin,
    body: validExample('POST /api/forms').body,
  });
  ids.form = (await form.json()).id;
  ids.closedForm = await idOf(h, admin, '/api/forms?status=closed&limit=1');
  const inspection = await h.call('POST', '/api/inspections', {
    cookie: await h.signIn(DEMO.supervisor),
    body: validExample('POST /api/inspections').body,
  });
  ids.inspection = (await inspection.json()).id;
  ids.outbox =
    (await (await h.call('GET', '/api/mail/outbox?limit=1', { cookie: admin })).json()).items[0]?.id ?? 1;
}

export interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: { name: string; in: string }[];
}
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  $ref?: string;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

export const PUBLIC = new Set([
  'POST /api/session',
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  // Signed links from emails: the token in the body is the proof (tested in mail.test.ts).
  'POST /api/digests/read',
  'PUT /api/mail/preferences',
]);
/** Writes any signed-in person may make for themselves. */
export const SELF_SERVICE = new Set(['DELETE /api/session', 'PATCH /api/me']);
/** Writes every signed-in person may attempt; who may do what to which form is tested in forms.test.ts. */
export const PER_RECORD = new Set([
  'POST /api/forms',
  'PATCH /api/forms/{id}',
  'POST /api/forms/{id}/transitions',
  'POST /api/forms/{id}/comments',
  'POST /api/forms/{id}/attachments',
  'POST /api/inspections/{id}/attachments',
]);

/** A valid request for every write, so the permission and If-Match checks are reached. */
export function validExample(route: string): { body?: unknown; ifMatch?: boolean } {
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
    'PATCH /api/forms/{id}': { body: { rootCause: { whys: ['测试'], category: 'people' } }, ifMatch: true },
    'POST /api/forms/{id}/transitions': { body: { to: 'in_progress' }, ifMatch: true },
    'POST /api/forms/{id}/comments': { body: { body: '评论' } },
    'POST /api/forms/{id}/attachments': {},
    'POST /api/inspections': {
      body: {
        riskPointId: ids.risk,
        method: 'phone',
        checkedOn: '2026-01-05',
        result: 'pass',
        notes: '回访',
      },
    },
    'POST /api/inspections/samples': { body: { period: '2099-12', size: 3, unitId: ids.unit } },
    'POST /api/inspections/{id}/attachments': {},
    'POST /api/cases': { body: { formId: ids.closedForm, note: '典型案例' } },
    'DELETE /api/cases/{formId}': {},
    'POST /api/catalogue/import': {},
    'POST /api/mail/outbox/{id}/retry': {},
    'PUT /api/mail/preferences': { body: { optOut: [] } },
    'POST /api/digests/run': { body: { month: '2025-03' } },
    'POST /api/digests/read': { body: { token: 'not-a-signed-token' } },
    'POST /api/scorecards/{month}/close': {},
    'POST /api/scorecards/{month}/posts/{postId}/adjustments': { body: { points: 2, reason: '复核更正' } },
  };
  const example = examples[route];
  if (!example) throw new Error(`No example request for ${route}: add one to test/helpers/routes.ts`);
  return example;
}

export function concrete(path: string): string {
  return path
    .replace('/api/forms/{id}', `/api/forms/${ids.form}`)
    .replace('/api/cases/{formId}', `/api/cases/${ids.closedForm}`)
    .replace('/api/inspections/{id}', `/api/inspections/${ids.inspection}`)
    .replace('/api/mail/outbox/{id}', `/api/mail/outbox/${ids.outbox}`)
    .replace('/api/units/{id}', `/api/units/${ids.unit}`)
    .replace('/api/posts/{id}', `/api/posts/${ids.post}`)
    .replace('{assignmentId}', String(ids.assignment))
    .replace('/api/people/{id}', `/api/people/${ids.person}`)
    .replace('/api/approval-items/{id}', `/api/approval-items/${ids.item}`)
    .replace('/api/standards/{id}', `/api/standards/${ids.standard}`)
    .replace('/api/responsibility-points/{id}', `/api/responsibility-points/${ids.responsibility}`)
    .replace('/api/risk-points/{id}', `/api/risk-points/${ids.risk}`)
    .replace('/api/scorecards/{month}', '/api/scorecards/2025-03')
    .replace('{postId}', String(ids.post));
}

export function operations() {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      route: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      op,
    })),
  );
}

export const writes = () => operations().filter((o) => o.method !== 'GET');

export function resolve(schema: JsonSchema): JsonSchema {
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
