import { createRoute } from '@hono/zod-openapi';
import { IdParam, json, jsonBody, problems } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import {
  DigestQueued,
  DigestRun,
  MessageSchema,
  MonthParam,
  OutboxPageSchema,
  OutboxQuery,
  PreferencesQuery,
  PreferencesSchema,
  PreferencesUpdate,
  PreviewSchema,
  ReadRequest,
  ReadSchema,
  ReceiptsQuery,
  ReceiptsSchema,
} from './schema.ts';
import {
  getPreferences,
  outboxMessageView,
  outboxPage,
  previews,
  readDigest,
  receiptsOf,
  retryMessage,
  runDigest,
  setPreferences,
} from './service.ts';

const tag = 'mail';

export const mailRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags: [tag],
      summary: 'The outbox: every message queued, sent or failed, newest first (admins)',
      request: { query: OutboxQuery },
      responses: { 200: json(OutboxPageSchema), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await outboxPage(c, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/outbox/{id}',
      tags: [tag],
      summary: 'One message as its recipient sees it, HTML and text (admins; the built-in mail viewer)',
      request: { params: IdParam },
      responses: { 200: json(MessageSchema), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await outboxMessageView(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/outbox/{id}/retry',
      tags: [tag],
      summary: 'Send a failed message again (admins)',
      request: { params: IdParam },
      responses: { 200: json(MessageSchema), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await retryMessage(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/previews',
      tags: [tag],
      summary: 'Every message template rendered in both languages with sample data (admins)',
      responses: { 200: json(PreviewSchema), ...problems(401, 403) },
    }),
    (c) => c.json(previews(c), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/preferences',
      tags: [tag],
      summary: 'Which messages you get (signed in, or with the token of an email’s preferences link)',
      request: { query: PreferencesQuery },
      responses: { 200: json(PreferencesSchema), ...problems(400, 401) },
    }),
    async (c) => c.json(await getPreferences(c, c.req.valid('query').token), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/preferences',
      tags: [tag],
      summary: 'Turn optional messages off or on again; the centre’s mandatory ones stay on',
      request: { body: jsonBody(PreferencesUpdate) },
      responses: { 200: json(PreferencesSchema), ...problems(400, 401, 413, 415) },
    }),
    async (c) => c.json(await setPreferences(c, c.req.valid('json')), 200),
  );

export const digestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/run',
      tags: [tag],
      summary: 'Queue the monthly digest for a month (admins); running it again queues nothing new',
      request: { body: jsonBody(DigestRun) },
      responses: { 200: json(DigestQueued), ...problems(400, 401, 403, 413, 415) },
    }),
    async (c) => c.json(await runDigest(c, c.req.valid('json').month), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/read',
      tags: [tag],
      summary: '“I have read this”: confirm a digest with the signed link from it (no sign-in)',
      request: { body: jsonBody(ReadRequest) },
      responses: { 200: json(ReadSchema), ...problems(400, 404, 413, 415) },
    }),
    async (c) => c.json(await readDigest(c, c.req.valid('json').token), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{month}/receipts',
      tags: [tag],
      summary: 'Who was sent a month’s digest and who has not confirmed reading it (leaders: their units)',
      request: { params: MonthParam, query: ReceiptsQuery },
      responses: { 200: json(ReceiptsSchema), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await receiptsOf(c, c.req.valid('param').month, c.req.valid('query')), 200),
  );
