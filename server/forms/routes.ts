import { createRoute, z } from '@hono/zod-openapi';
import { HistorySchema } from '../audit/schema.ts';
import { historyOf } from '../audit/service.ts';
import { listOf } from '../common/schema.ts';
import { audited, me, today } from '../http/context.ts';
import { expectedVersion } from '../http/etag.ts';
import { guardedWrite, IdParam, json, jsonBody, problems } from '../http/openapi.ts';
import { decodeCursor, toPage } from '../http/pagination.ts';
import { l } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { withETag } from '../http/routes.ts';
import { evidenceRoutes } from '../evidence/routes.ts';
import { batches, EXPORT_BATCH, exportRoute, ledgerResponse } from '../ledger/export.ts';
import { formsLedger } from './ledger.ts';
import { commentsOf, formsLedgerBatch, insertComment, listForms, stillTakesEvidence } from './queries.ts';
import {
  CommentCreate,
  CommentSchema,
  FormCreate,
  FormPatch,
  FormSchema,
  FormsExportQuery,
  FormsQuery,
  FormSummarySchema,
  type FormSummary,
  type Responsible,
  TransitionRequest,
} from './schema.ts';
import {
  fileForm,
  getForm,
  patchForm,
  requireEvidenceAllowed,
  requireVisibleForm,
  transitionForm,
} from './service.ts';

const tag = 'forms';
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'ETag of the version you read' }),
});
const ref = (id: number, name: string, nameEn: string) => ({ id, name, nameEn });

export const formRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: [tag],
      summary: 'File a form (一事一表): number, trace-back of responsibility and working-day deadline',
      description:
        'Send an Idempotency-Key header to make retries safe: the same key and body return the first form; the same key with another body is a 422.',
      request: {
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: jsonBody(FormCreate),
      },
      responses: {
        201: json(FormSchema, 'Filed; Location and ETag set'),
        ...problems(400, 401, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const { form, replayed } = await fileForm(
        c,
        c.req.valid('json'),
        c.req.valid('header')['idempotency-key'],
      );
      c.header('Location', `/api/forms/${form.id}`);
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(withETag(c, form), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: [tag],
      summary: 'Forms you may see, newest first, with filters',
      request: { query: FormsQuery },
      responses: { 200: json(listOf(FormSummarySchema)), ...problems(400, 401) },
    }),
    async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const before = cursor === undefined ? undefined : (decodeCursor(cursor, ['number'])[0] as number);
      const { rows, total } = await listForms(c.get('deps').db, me(c), filter, today(c), before, limit);
      const items: FormSummary[] = rows.map((r) => ({
        id: r.id,
        number: r.number,
        status: r.status,
        source: r.source,
        problem: r.problem,
        occurredOn: r.occurredOn,
        foundOn: r.foundOn,
        filedOn: r.filedOn,
        grade: r.grade,
        deadline: r.deadline,
        card: r.card,
        post: { id: r.postId, code: r.postCode, name: r.postName, nameEn: r.postNameEn },
        unit: ref(r.unitId, r.unitName, r.unitNameEn),
        responsible: r.responsible as Responsible,
        version: r.version,
      }));
      return c.json(
        toPage(items, limit, total, (f) => [f.id]),
        200,
      );
    },
  )
  .openapi(
    exportRoute({
      tag,
      summary: "The forms ledger (台账) with the list's filters, as XLSX or CSV",
      query: FormsExportQuery,
    }),
    (c) => {
      const { format, lang, ...filter } = c.req.valid('query');
      const { db, timeZone } = c.get('deps');
      const [person, day] = [me(c), today(c)];
      const rows = batches(
        (before?: number) => formsLedgerBatch(db, person, filter, day, before, EXPORT_BATCH),
        (r) => r.id,
      );
      return ledgerResponse(c, formsLedger(timeZone), { format, lang, rows });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: [tag],
      summary: 'A form, in the order of the paper record, with the moves you may make now',
      request: { params: IdParam },
      responses: { 200: json(FormSchema), ...problems(400, 401, 404) },
    }),
    async (c) => c.json(withETag(c, await getForm(c, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: [tag],
      summary: 'Change a form: its facts, root cause and measures (If-Match required)',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(FormPatch) },
      responses: { 200: json(FormSchema), ...guardedWrite },
    }),
    async (c) => {
      const form = await patchForm(c, c.req.valid('param').id, expectedVersion(c), c.req.valid('json'));
      return c.json(withETag(c, form), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/transitions',
      tags: [tag],
      summary: 'Move a form along its life (If-Match required); a refused move says why',
      request: { params: IdParam, headers: IfMatch, body: jsonBody(TransitionRequest) },
      responses: { 200: json(FormSchema), ...guardedWrite },
    }),
    async (c) => {
      const form = await transitionForm(c, c.req.valid('param').id, expectedVersion(c), c.req.valid('json'));
      return c.json(withETag(c, form), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/history',
      tags: [tag],
      summary: 'Every change to the form, oldest first, with before and after',
      request: { params: IdParam },
      responses: { 200: json(HistorySchema), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireVisibleForm(c, id);
      return c.json(await historyOf(c.get('deps').db, 'form', id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/comments',
      tags: [tag],
      summary: 'Comments on a form, oldest first',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(CommentSchema) })), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireVisibleForm(c, id);
      const rows = await commentsOf(c.get('deps').db, id);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            body: r.body,
            createdAt: new Date(r.createdAt).toISOString(),
            author: ref(r.authorId, r.authorName, r.authorNameEn),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/comments',
      tags: [tag],
      summary: 'Comment on a form (anyone who may see it)',
      request: { params: IdParam, body: jsonBody(CommentCreate) },
      responses: { 201: json(CommentSchema), ...problems(400, 401, 404, 413, 415) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { body } = c.req.valid('json');
      const form = await requireVisibleForm(c, id);
      const person = me(c);
      const commentId = await audited(c, async (tx, audit) => {
        const commentId = await insertComment(tx, id, person.id, body);
        await audit({
          action: 'form.comment_added',
          entityType: 'form',
          entityId: id,
          unitId: form.unitId,
          after: { commentId, body },
        });
        return commentId;
      });
      c.header('Location', `/api/forms/${id}/comments/${commentId}`);
      return c.json(
        {
          id: commentId,
          body,
          createdAt: new Date().toISOString(),
          author: ref(person.id, person.name, person.nameEn),
        },
        201,
      );
    },
  );

/** A form's evidence: seen by whoever sees the form, added while it is still being worked. */
export const formEvidenceRoutes = evidenceRoutes({
  tag,
  noun: 'a form',
  owner: 'formId',
  base: '/api/forms',
  requireVisible: requireVisibleForm,
  requireAllowed: requireEvidenceAllowed,
  stillTakes: async (tx, id) =>
    (await stillTakesEvidence(tx, id))
      ? null
      : l('The form was closed meanwhile; it takes no more evidence.', '该记录已关闭，不能再上传材料。'),
  action: 'form.attachment_added',
  entityType: 'form',
});
