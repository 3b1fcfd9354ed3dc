import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import {
  CaseCreate,
  CasesQuery,
  FormIdParam,
  LessonListSchema,
  LessonSchema,
  LessonsQuery,
  SimilarQuery,
  SimilarSchema,
} from './schema.ts';
import { getCase, getSimilar, markCase, searchLessons, unmarkCase } from './service.ts';

const tag = 'lessons';

/** Mounted under /api/forms before the form routes, so `similar` is never taken for a form's id. */
export const similarRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/similar',
    tags: [tag],
    summary: 'Forms like a problem being typed: open ones (a possible duplicate) and closed ones',
    description:
      'Matches by shared character pairs of the problem, root cause and measures (Chinese too), among the forms you may see; forms of the same post or risk point come first. Closed forms carry their root cause and measures.',
    request: { query: SimilarQuery },
    responses: { 200: json(SimilarSchema), ...problems(400, 401) },
  }),
  async (c) => c.json(await getSimilar(c, c.req.valid('query')), 200),
);

export const caseRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: [tag],
      summary: 'The case library: exemplary closed forms (典型案例) you may see',
      request: { query: CasesQuery },
      responses: { 200: json(LessonListSchema), ...problems(400, 401) },
    }),
    async (c) => c.json(await searchLessons(c, { ...c.req.valid('query'), exemplary: true }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/search',
      tags: [tag],
      summary:
        'Lessons learned: closed forms you may see by text, cause category, risk point, standard, unit and time',
      description:
        'With q, best matches first (score); otherwise newest first. Keyset paging on (score, id). Only the latest 2,000 matching forms are ranked, listed and counted (`capped` when more match).',
      request: { query: LessonsQuery },
      responses: { 200: json(LessonListSchema), ...problems(400, 401) },
    }),
    async (c) => c.json(await searchLessons(c, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: [tag],
      summary:
        'Mark a closed form as an exemplary case (supervisors of its unit, admins); again changes the note',
      request: { body: jsonBody(CaseCreate) },
      responses: {
        201: json(LessonSchema, 'Marked'),
        200: json(LessonSchema, 'Note changed'),
        ...problems(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { lesson, created } = await markCase(c, c.req.valid('json'));
      if (!created) return c.json(lesson, 200);
      c.header('Location', `/api/cases/${lesson.id}`);
      return c.json(lesson, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{formId}',
      tags: [tag],
      summary: 'One exemplary case (404 when the form is not one)',
      request: { params: FormIdParam },
      responses: { 200: json(LessonSchema), ...problems(400, 401, 404) },
    }),
    async (c) => c.json(await getCase(c, c.req.valid('param').formId), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{formId}',
      tags: [tag],
      summary: 'Take a form out of the case library (supervisors of its unit, admins)',
      request: { params: FormIdParam },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      await unmarkCase(c, c.req.valid('param').formId);
      return c.body(null, 204);
    },
  );
