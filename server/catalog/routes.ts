import { createRoute, z } from '@hono/zod-openapi';
import { Id } from '../common/schema.ts';
import { today } from '../http/context.ts';
import { expectedVersion } from '../http/etag.ts';
import { guardedWrite, json, jsonBody } from '../http/openapi.ts';
import { afterId, toPage } from '../http/pagination.ts';
import { createRouter } from '../http/router.ts';
import { created, createRecordRoute, listRoute, patchRoute, readRoute, withETag } from '../http/routes.ts';
import {
  listApprovalItems,
  listPosts,
  listResponsibilityPoints,
  listStandards,
  listUnits,
} from './queries.ts';
import {
  ApprovalItemCreate,
  ApprovalItemPatch,
  ApprovalItemSchema,
  AssignmentCreate,
  AssignmentEnd,
  PostCreate,
  PostDetailSchema,
  PostPatch,
  PostSchema,
  PostsQuery,
  ResponsibilityPointCreate,
  ResponsibilityPointPatch,
  ResponsibilityPointSchema,
  ResponsibilityPointsQuery,
  StandardCreate,
  StandardPatch,
  StandardSchema,
  StandardsQuery,
  UnitCreate,
  UnitPatch,
  UnitSchema,
  UnitsQuery,
  ApprovalItemsQuery,
} from './schema.ts';
import {
  assignPost,
  createApprovalItem,
  createPost,
  createResponsibilityPoint,
  createStandard,
  createUnit,
  endAssignment,
  getApprovalItem,
  getPost,
  getResponsibilityPoint,
  getStandard,
  getUnit,
  patchApprovalItem,
  patchPost,
  patchResponsibilityPoint,
  patchStandard,
  patchUnit,
  toUnitView,
  withHolders,
  withPreconditions,
} from './service.ts';

const id = (c: { req: { valid(t: 'param'): { id: number } } }) => c.req.valid('param').id;

const units = createRouter()
  .openapi(
    listRoute({
      tag: 'units',
      summary: 'Units 单位 (a tree: use parentId or root=true to walk it)',
      query: UnitsQuery,
      item: UnitSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listUnits(c.get('deps').db, filter, afterId(cursor), limit);
      return c.json(
        toPage(rows.map(toUnitView), limit, total, (u) => [u.id]),
        200,
      );
    },
  )
  .openapi(readRoute({ tag: 'units', summary: 'A unit', item: UnitSchema }), async (c) =>
    c.json(withETag(c, toUnitView(await getUnit(c, id(c)))), 200),
  )
  .openapi(
    createRecordRoute({ tag: 'units', summary: 'Add a unit (admins)', body: UnitCreate, item: UnitSchema }),
    async (c) => c.json(created(c, await createUnit(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({
      tag: 'units',
      summary: 'Change or move a unit (admins)',
      body: UnitPatch,
      item: UnitSchema,
    }),
    async (c) => c.json(withETag(c, await patchUnit(c, id(c), expectedVersion(c), c.req.valid('json'))), 200),
  );

const AssignmentParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
  assignmentId: Id.openapi({ param: { name: 'assignmentId', in: 'path' } }),
});
const IfMatch = z.object({ 'if-match': z.string().optional() });

const posts = createRouter()
  .openapi(
    listRoute({
      tag: 'posts',
      summary: 'Responsibility posts 岗位 with their holders today and responsibility chain',
      query: PostsQuery,
      item: PostSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listPosts(c.get('deps').db, filter, today(c), afterId(cursor), limit);
      const page = toPage(rows, limit, total, (p) => [p.id]);
      return c.json({ ...page, items: await withHolders(c, page.items) }, 200);
    },
  )
  .openapi(
    readRoute({ tag: 'posts', summary: 'A post with its assignment history', item: PostDetailSchema }),
    async (c) => c.json(withETag(c, await getPost(c, id(c))), 200),
  )
  .openapi(
    createRecordRoute({
      tag: 'posts',
      summary: 'Add a post (admins)',
      body: PostCreate,
      item: PostDetailSchema,
    }),
    async (c) => c.json(created(c, await createPost(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({ tag: 'posts', summary: 'Change a post (admins)', body: PostPatch, item: PostDetailSchema }),
    async (c) => c.json(withETag(c, await patchPost(c, id(c), expectedVersion(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/assignments',
      tags: ['posts'],
      summary: 'Assign a person to the post from a date (admins); If-Match is the post ETag',
      request: {
        params: AssignmentParams.pick({ id: true }),
        headers: IfMatch,
        body: jsonBody(AssignmentCreate),
      },
      responses: { 200: json(PostDetailSchema), ...guardedWrite },
    }),
    async (c) =>
      c.json(withETag(c, await assignPost(c, id(c), expectedVersion(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/assignments/{assignmentId}/end',
      tags: ['posts'],
      summary: 'End an assignment on a date (admins); If-Match is the post ETag',
      request: { params: AssignmentParams, headers: IfMatch, body: jsonBody(AssignmentEnd) },
      responses: { 200: json(PostDetailSchema), ...guardedWrite },
    }),
    async (c) => {
      const { id: postId, assignmentId } = c.req.valid('param');
      const post = await endAssignment(
        c,
        postId,
        assignmentId,
        expectedVersion(c),
        c.req.valid('json').toDate,
      );
      return c.json(withETag(c, post), 200);
    },
  );

const approvalItems = createRouter()
  .openapi(
    listRoute({
      tag: 'approval-items',
      summary: 'Approval items 审批事项 with time limits and pre-approval conditions',
      query: ApprovalItemsQuery,
      item: ApprovalItemSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listApprovalItems(c.get('deps').db, filter, afterId(cursor), limit);
      const page = toPage(rows, limit, total, (i) => [i.id]);
      return c.json({ ...page, items: await withPreconditions(c, page.items) }, 200);
    },
  )
  .openapi(
    readRoute({ tag: 'approval-items', summary: 'An approval item', item: ApprovalItemSchema }),
    async (c) => c.json(withETag(c, await getApprovalItem(c, id(c))), 200),
  )
  .openapi(
    createRecordRoute({
      tag: 'approval-items',
      summary: 'Add an approval item (admins)',
      body: ApprovalItemCreate,
      item: ApprovalItemSchema,
    }),
    async (c) => c.json(created(c, await createApprovalItem(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({
      tag: 'approval-items',
      summary: 'Change an approval item (admins); preconditions replace the list',
      body: ApprovalItemPatch,
      item: ApprovalItemSchema,
    }),
    async (c) =>
      c.json(withETag(c, await patchApprovalItem(c, id(c), expectedVersion(c), c.req.valid('json'))), 200),
  );

const standards = createRouter()
  .openapi(
    listRoute({
      tag: 'standards',
      summary: 'The 4-level standards tree 标准体系',
      query: StandardsQuery,
      item: StandardSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listStandards(c.get('deps').db, filter, afterId(cursor), limit);
      return c.json(
        toPage(rows, limit, total, (s) => [s.id]),
        200,
      );
    },
  )
  .openapi(readRoute({ tag: 'standards', summary: 'A standard', item: StandardSchema }), async (c) =>
    c.json(withETag(c, await getStandard(c, id(c))), 200),
  )
  .openapi(
    createRecordRoute({
      tag: 'standards',
      summary: 'Add a standard under a parent (admins)',
      body: StandardCreate,
      item: StandardSchema,
    }),
    async (c) => c.json(created(c, await createStandard(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({
      tag: 'standards',
      summary: 'Change a standard (admins)',
      body: StandardPatch,
      item: StandardSchema,
    }),
    async (c) =>
      c.json(withETag(c, await patchStandard(c, id(c), expectedVersion(c), c.req.valid('json'))), 200),
  );

const responsibilityPoints = createRouter()
  .openapi(
    listRoute({
      tag: 'responsibility-points',
      summary: 'Responsibility points 责任点 with accountability triggers',
      query: ResponsibilityPointsQuery,
      item: ResponsibilityPointSchema,
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const { rows, total } = await listResponsibilityPoints(
        c.get('deps').db,
        filter,
        afterId(cursor),
        limit,
      );
      return c.json(
        toPage(rows, limit, total, (r) => [r.id]),
        200,
      );
    },
  )
  .openapi(
    readRoute({
      tag: 'responsibility-points',
      summary: 'A responsibility point',
      item: ResponsibilityPointSchema,
    }),
    async (c) => c.json(withETag(c, await getResponsibilityPoint(c, id(c))), 200),
  )
  .openapi(
    createRecordRoute({
      tag: 'responsibility-points',
      summary: 'Add a responsibility point (admins)',
      body: ResponsibilityPointCreate,
      item: ResponsibilityPointSchema,
    }),
    async (c) => c.json(created(c, await createResponsibilityPoint(c, c.req.valid('json'))), 201),
  )
  .openapi(
    patchRoute({
      tag: 'responsibility-points',
      summary: 'Change a responsibility point (admins)',
      body: ResponsibilityPointPatch,
      item: ResponsibilityPointSchema,
    }),
    async (c) =>
      c.json(
        withETag(c, await patchResponsibilityPoint(c, id(c), expectedVersion(c), c.req.valid('json'))),
        200,
      ),
  );

export const catalogRoutes = createRouter()
  .route('/units', units)
  .route('/posts', posts)
  .route('/approval-items', approvalItems)
  .route('/standards', standards)
  .route('/responsibility-points', responsibilityPoints);
