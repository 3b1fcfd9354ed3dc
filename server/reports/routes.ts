import { createRoute } from '@hono/zod-openapi';
import { json, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { SummaryQuery, SummarySchema } from './schema.ts';
import { getSummary } from './service.ts';

export const summaryRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['reports'],
    summary:
      'The dashboard: closure against the 100% on-time target, open forms, sources, causes, recurrence, trend, ranking',
    description:
      'Admins, supervisors and leaders, for their units. Forms closed count by the day they closed in the centre’s time zone; drafts never count, cancelled forms not in closure, trend or recurrence.',
    request: { query: SummaryQuery },
    responses: { 200: json(SummarySchema), ...problems(400, 401, 403) },
  }),
  async (c) => c.json(await getSummary(c, c.req.valid('query')), 200),
);
