import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { renderApiDocs } from './docs/render.ts';
import type { AppDeps } from './http/context.ts';
import { json } from './http/openapi.ts';
import { l, Problem, problem, problemResponse, toProblem } from './http/problem.ts';
import { createRouter } from './http/router.ts';
import { jsonBodies, noNulCharacters, sameOrigin, securityHeaders } from './http/security.ts';
import { accountabilityRoutes } from './accountability/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { formEvidenceRoutes, formRoutes } from './forms/routes.ts';
import { inspectionEvidenceRoutes, inspectionRoutes, reportRoutes } from './inspections/routes.ts';
import { digestRoutes, mailRoutes } from './mail/routes.ts';
import { MAX_EVIDENCE_BYTES } from './evidence/files.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { caseRoutes, similarRoutes } from './lessons/routes.ts';
import { MAX_IMPORT_BYTES } from './ledger/service.ts';
import { meRoutes, peopleRoutes } from './people/routes.ts';
import { riskPointRoutes } from './risk-points/routes.ts';
import { summaryRoutes } from './reports/routes.ts';
import { scorecardRoutes } from './scorecards/routes.ts';
import { loadSession } from './session/service.ts';
import { sessionRoutes } from './session/routes.ts';
import { settingsRoutes } from './settings/routes.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Routes anyone may call without signing in. */
const PUBLIC_API = new Set([
  'POST /api/session',
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  // Signed links from emails: they carry their own proof, checked by the handler.
  'POST /api/digests/read',
  'GET /api/mail/preferences',
  'PUT /api/mail/preferences',
]);

const Health = z
  .object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) })
  .openapi('Health');

/**
 * The Hono app both runtimes share. Everything runtime-specific (database, password hashing, client
 * address, static assets) comes in through `deps`; nothing here imports Node-only modules.
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', c.req.header('X-Request-Id')?.slice(0, 64) || crypto.randomUUID());
    c.set('address', deps.clientAddress?.(c) ?? 'unknown');
    c.set('person', null);
    await next();
    c.header('X-Request-Id', c.get('requestId'));
  });
  app.use('*', securityHeaders);
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', sameOrigin(deps.publicUrl));
  // Evidence uploads may be 10 MB (plus the multipart envelope); every other body 1 MB.
  const evidenceLimit = bodyLimit({
    maxSize: MAX_EVIDENCE_BYTES + 64 * 1024,
    onError: () => {
      throw problem.tooLarge('10 MB');
    },
  });
  const bodyLimitDefault = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw problem.tooLarge('1 MB');
    },
  });
  // Catalogue files may be 20 MB (a province's catalogue as XLSX).
  const importLimit = bodyLimit({
    maxSize: MAX_IMPORT_BYTES + 64 * 1024,
    onError: () => {
      throw problem.tooLarge('20 MB');
    },
  });
  app.use('/api/*', (c, next) => {
    if (/^\/api\/(forms|inspections)\/\d+\/attachments\/?$/.test(c.req.path)) return evidenceLimit(c, next);
    if (/^\/api\/catalogue\/import\/?$/.test(c.req.path)) return importLimit(c, next);
    return bodyLimitDefault(c, next);
  });
  app.use('/api/*', jsonBodies);
  app.use('/api/*', noNulCharacters);
  app.use('/api/*', loadSession);
  app.use('/api/*', async (c, next) => {
    const route = `${c.req.method} ${c.req.path.replace(/\/$/, '')}`;
    if (!PUBLIC_API.has(route) && !c.get('person')) {
      throw problem.unauthenticated();
    }
    await next();
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['health'],
      summary: 'Liveness and which database is in use',
      responses: { 200: json(Health) },
    }),
    (c) => c.json({ status: 'ok' as const, database: deps.dbKind }, 200),
  );

  app.route('/api/session', sessionRoutes);
  app.route('/api/me', meRoutes);
  app.route('/api/people', peopleRoutes);
  app.route('/api', catalogRoutes);
  app.route('/api/catalogue', ledgerRoutes);
  app.route('/api/risk-points', riskPointRoutes);
  app.route('/api/settings', settingsRoutes);
  app.route('/api/calendar', calendarRoutes);
  // Before the form routes, so `similar` is not taken for a form's id.
  app.route('/api/forms', similarRoutes);
  app.route('/api/forms', formRoutes);
  app.route('/api/forms', formEvidenceRoutes);
  app.route('/api/inspections', inspectionRoutes);
  app.route('/api/inspections', inspectionEvidenceRoutes);
  app.route('/api/reports', reportRoutes);
  app.route('/api/reports', summaryRoutes);
  app.route('/api/scorecards', scorecardRoutes);
  app.route('/api/accountability', accountabilityRoutes);
  app.route('/api/cases', caseRoutes);
  app.route('/api/audit', auditRoutes);
  app.route('/api/mail', mailRoutes);
  app.route('/api/digests', digestRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'rectify_session',
  });
  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Rectify API',
        version: '0.1.0',
        description:
          'Case tracker for government service centres: one issue, one form (一事一表). Sign in with POST /api/session; the session cookie authenticates every other call.',
      },
      security: [{ session: [] }],
    });
  app.get('/api/openapi.json', (c) => c.json(document()));
  app.get('/api/docs', (c) => c.html(renderApiDocs(document() as unknown as Record<string, unknown>)));

  app.all('/api/*', () => {
    throw problem.notFound(l('API route', '接口'));
  });
  if (deps.assets) app.use('*', deps.assets);

  app.notFound((c) => problemResponse(c, problem.notFound(l('page', '页面'))));
  app.onError((err, c) => {
    const p = toProblem(err);
    if (p) return problemResponse(c, p);
    deps.logError?.(err, c);
    return problemResponse(
      c,
      new Problem(
        500,
        'internal',
        l('Internal error', '系统内部错误'),
        l(
          `Something went wrong. Quote request ${c.get('requestId')}.`,
          `系统出错，请联系管理员并提供请求编号 ${c.get('requestId')}。`,
        ),
      ),
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
