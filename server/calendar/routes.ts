import { createRoute } from '@hono/zod-openapi';
import { json, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { loadSettings } from '../settings/service.ts';
import { addWorkingDays, knownUntil } from './calendar.ts';
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
  async (c) => {
    const { from, add } = c.req.valid('query');
    const settings = await loadSettings(c.get('deps').db);
    const date = addWorkingDays(from, add, settings);
    return c.json({ date, officialCalendar: Number(date.slice(0, 4)) <= knownUntil(settings) }, 200);
  },
);
