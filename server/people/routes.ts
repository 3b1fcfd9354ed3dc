import { createRoute } from '@hono/zod-openapi';
import { me } from '../http/context.ts';
import { expectedVersion } from '../http/etag.ts';
import { json, jsonBody, problems } from '../http/openapi.ts';
import { afterId, toPage } from '../http/pagination.ts';
import { createRouter } from '../http/router.ts';
import { created, createRecordRoute, listRoute, patchRoute, readRoute, withETag } from '../http/routes.ts';
import { listPeople } from './queries.ts';
import { MePatch, PeopleQuery, PersonCreate, PersonPatch, PersonSchema } from './schema.ts';
import { createPerson, getPerson, patchMe, patchPerson } from './service.ts';

const tag = 'people';

export const peopleRoutes = createRouter()
  .openapi(
    listRoute({
      tag,
      summary: 'People (staff), filtered by name/email, unit subtree and role',
      query: PeopleQuery,
      item: PersonSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listPeople(c.get('deps').db, filter, afterId(cursor), limit);
      return c.json(
        toPage(rows, limit, total, (p) => [p.id]),
        200,
      );
    },
  )
  .openapi(readRoute({ tag, summary: 'A person', item: PersonSchema }), async (c) =>
    c.json(withETag(c, await getPerson(c, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRecordRoute({ tag, summary: 'Add a person (admins)', body: PersonCreate, item: PersonSchema }),
    async (c) => c.json(created(c, await createPerson(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({
      tag,
      summary: 'Change a person, their roles, scope or password (admins)',
      body: PersonPatch,
      item: PersonSchema,
    }),
    async (c) => {
      const person = await patchPerson(c, c.req.valid('param').id, expectedVersion(c), c.req.valid('json'));
      return c.json(withETag(c, person), 200);
    },
  );

export const meRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: [tag],
      summary: 'Your own record',
      responses: { 200: json(PersonSchema), ...problems(401) },
    }),
    async (c) => c.json(await getPerson(c, me(c).id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/',
      tags: [tag],
      summary: 'Your preferences (language); remembered across sign-ins',
      request: { body: jsonBody(MePatch) },
      responses: { 200: json(PersonSchema), ...problems(400, 401, 415) },
    }),
    async (c) => c.json(await patchMe(c, c.req.valid('json')), 200),
  );
