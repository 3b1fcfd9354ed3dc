import { createRoute } from '@hono/zod-openapi';
import { json, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { addWorkingDays } from './calendar.ts';
import { WorkingDaysQuery, WorkingDaysSchema } from './schema.ts';

export const calendarRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/working-days',
    tags: ['calendar'],
    summary:
      'The date `add` working days after `from`, on the Chinese statutory calendar (the deadlines use it)',
    request: { query: WorkingDaysQuery },
    responses: { 200: json(WorkingDaysSchema), ...problems(400, 401) },
  }),
  (c) => {
    const { from, add } = c.req.valid('query');
    return c.json({ date: addWorkingDays(from, add) }, 200);
  },
);
