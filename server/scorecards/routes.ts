import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import {
  AdjustmentCreate,
  MonthClosed,
  MonthParam,
  PostMonthParam,
  PostMonthSchema,
  PostScoresSchema,
  ScorecardsQuery,
  UnitScoresQuery,
  UnitScoresSchema,
} from './schema.ts';
import { addAdjustment, closeMonthNow, getPostMonth, listPostScores, listUnitScores } from './service.ts';

const tag = 'scorecards';
const SCOPE =
  'Admins see every post, supervisors and leaders the posts of their units, holders the posts they held in the month.';

export const scorecardRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: [tag],
      summary:
        'Posts ranked by their monthly score (100 less deductions), with the change from the month before',
      description: `${SCOPE} A closed month is read from its snapshot (plus adjustments); the current month is live up to today.`,
      request: { query: ScorecardsQuery },
      responses: { 200: json(PostScoresSchema), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await listPostScores(c, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/units',
      tags: [tag],
      summary: 'Units ranked by the average score of their posts (each unit counting its whole subtree)',
      description: 'Supervisors, leaders and admins; holders get an empty list.',
      request: { query: UnitScoresQuery },
      responses: { 200: json(UnitScoresSchema), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await listUnitScores(c, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{month}/posts/{postId}',
      tags: [tag],
      summary: 'One post’s month: its score, each deduction with the form or check behind it, adjustments',
      description: SCOPE,
      request: { params: PostMonthParam },
      responses: { 200: json(PostMonthSchema), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { month, postId } = c.req.valid('param');
      return c.json(await getPostMonth(c, month, postId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{month}/close',
      tags: [tag],
      summary: 'Close (freeze) an ended month now (admins); the scheduler does it on the first working day',
      description:
        'Idempotent: closing a closed month changes nothing and answers alreadyClosed. Flags for a formal talk (约谈) the posts in the bottom band this month and the closed month before, and emails their leader in charge.',
      request: { params: MonthParam },
      responses: { 200: json(MonthClosed), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await closeMonthNow(c, c.req.valid('param').month), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{month}/posts/{postId}/adjustments',
      tags: [tag],
      summary: 'Adjust a closed month’s score with a reason (admins; supervisors for posts of their units)',
      description: 'Added on top of the frozen score, audited; the snapshot itself never changes.',
      request: { params: PostMonthParam, body: jsonBody(AdjustmentCreate) },
      responses: { 201: json(PostMonthSchema, 'Adjusted'), ...problems(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => {
      const { month, postId } = c.req.valid('param');
      return c.json(await addAdjustment(c, month, postId, c.req.valid('json')), 201);
    },
  );
