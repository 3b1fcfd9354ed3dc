import { createRoute, z } from '@hono/zod-openapi';
import { HistorySchema } from '../audit/schema.ts';
import { historyOf } from '../audit/service.ts';
import { Id, listOf } from '../common/schema.ts';
import { sha256Hex } from '../common/hash.ts';
import { audited, me, today } from '../http/context.ts';
import { expectedVersion } from '../http/etag.ts';
import { guardedWrite, IdParam, json, jsonBody, problems } from '../http/openapi.ts';
import { decodeCursor, toPage } from '../http/pagination.ts';
import { l, Problem, problem } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { withETag } from '../http/routes.ts';
import { cleanFilename, MAX_EVIDENCE_BYTES, sniffEvidenceType } from './evidence.ts';
import {
  attachmentFile,
  attachmentsOf,
  commentsOf,
  insertAttachment,
  insertComment,
  stillTakesEvidence,
  listForms,
} from './queries.ts';
import {
  AttachmentSchema,
  CommentCreate,
  CommentSchema,
  FormCreate,
  FormPatch,
  FormSchema,
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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attachments',
      tags: [tag],
      summary: 'Evidence files of a form',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(AttachmentSchema) })), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireVisibleForm(c, id);
      const rows = await attachmentsOf(c.get('deps').db, id);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            filename: r.filename,
            contentType: r.contentType,
            size: r.size,
            sha256: r.sha256,
            createdAt: new Date(r.createdAt).toISOString(),
            uploadedBy: ref(r.uploaderId, r.uploaderName, r.uploaderNameEn),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/attachments',
      tags: [tag],
      summary: 'Attach an evidence file (multipart field `file`, up to 10 MB; PDF, images, Office documents)',
      description: 'The type is read from the content, not the name; the SHA-256 of the content is recorded.',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) }),
            },
          },
        },
      },
      responses: { 201: json(AttachmentSchema), ...problems(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { file } = c.req.valid('form');
      const form = await requireEvidenceAllowed(c, id);
      if (file.size > MAX_EVIDENCE_BYTES) throw problem.tooLarge('10 MB');
      if (file.size === 0)
        throw problem.validation([{ path: 'file', message: l('the file is empty', '文件为空'), in: 'form' }]);
      const data = new Uint8Array(await file.arrayBuffer());
      const contentType = sniffEvidenceType(data);
      if (!contentType) {
        throw new Problem(
          415,
          'unsupported-media-type',
          l('Unsupported file type', '不支持的文件类型'),
          l(
            'Attach a PDF, an image (PNG, JPEG, GIF, WebP) or an Office document.',
            '请上传 PDF、图片（PNG、JPEG、GIF、WebP）或 Office 文档。',
          ),
          [
            {
              path: 'file',
              message: l('not an accepted kind of file (checked by content)', '文件内容不是允许的类型'),
              in: 'form',
            },
          ],
        );
      }
      const person = me(c);
      const filename = cleanFilename(file.name);
      const sha256 = await sha256Hex(data);
      const attachmentId = await audited(c, async (tx, audit) => {
        // The form may have been closed since the checks above: look again with its row locked.
        if (!(await stillTakesEvidence(tx, id))) {
          throw problem.conflict(
            l('The form was closed meanwhile; it takes no more evidence.', '该记录已关闭，不能再上传材料。'),
          );
        }
        const attachmentId = await insertAttachment(tx, {
          formId: id,
          filename,
          contentType,
          size: data.length,
          sha256,
          uploadedBy: person.id,
          data,
        });
        await audit({
          action: 'form.attachment_added',
          entityType: 'form',
          entityId: id,
          unitId: form.unitId,
          after: { attachmentId, filename, contentType, size: data.length, sha256 },
        });
        return attachmentId;
      });
      c.header('Location', `/api/forms/${id}/attachments/${attachmentId}`);
      return c.json(
        {
          id: attachmentId,
          filename,
          contentType,
          size: data.length,
          sha256,
          createdAt: new Date().toISOString(),
          uploadedBy: ref(person.id, person.name, person.nameEn),
        },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attachments/{attachmentId}',
      tags: [tag],
      summary: 'Download an evidence file (only for those who may see the form)',
      request: {
        params: z.object({
          id: Id.openapi({ param: { name: 'id', in: 'path' } }),
          attachmentId: Id.openapi({ param: { name: 'attachmentId', in: 'path' } }),
        }),
      },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      await requireVisibleForm(c, id);
      const file = await attachmentFile(c.get('deps').db, id, attachmentId);
      if (!file) throw problem.notFound(l('attachment', '附件'));
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      c.header('ETag', `"${file.sha256}"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(new Uint8Array(file.data), 200);
    },
  );
