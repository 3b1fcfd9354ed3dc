import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../http/router.ts';
import { json, jsonBody, problems } from '../http/openapi.ts';
import { SessionSchema, SignIn } from './schema.ts';
import { currentSession, signIn, signOut } from './service.ts';

export const sessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['session'],
      summary: 'Sign in',
      request: { body: jsonBody(SignIn) },
      responses: {
        200: json(SessionSchema, 'Signed in; sets the session cookie'),
        ...problems(400, 401, 415, 429),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      return c.json(await signIn(c, email, password), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['session'],
      summary: 'The signed-in person',
      responses: { 200: json(SessionSchema), ...problems(401) },
    }),
    async (c) => c.json(await currentSession(c), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/',
      tags: ['session'],
      summary: 'Sign out',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      await signOut(c);
      return c.body(null, 204);
    },
  );
