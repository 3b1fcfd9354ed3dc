import { createRoute, z } from '@hono/zod-openapi';
import type { Transaction } from 'kysely';
import { sha256Hex } from '../common/hash.ts';
import { Id } from '../common/schema.ts';
import type { DB } from '../db/types.ts';
import { type AppContext, audited, me } from '../http/context.ts';
import { IdParam, json, problems } from '../http/openapi.ts';
import { type Localized, l, Problem, problem } from '../http/problem.ts';
import { createRouter } from '../http/router.ts';
import { cleanFilename, MAX_EVIDENCE_BYTES, sniffEvidenceType } from './files.ts';
import { attachmentFile, attachmentsOf, type EvidenceOwner, insertAttachment } from './queries.ts';
import { databaseStore } from './store.ts';
import { AttachmentSchema } from './schema.ts';

/** What differs between a form's evidence and an inspection's. */
export interface EvidenceSpec {
  tag: string;
  /** The owner's name in summaries ("a form"). */
  noun: string;
  owner: EvidenceOwner;
  /** The API path of the owners ('/api/forms'), for Location headers. */
  base: string;
  /** Throws unless the caller may see the owner (404 when they may not). */
  requireVisible(c: AppContext, id: number): Promise<unknown>;
  /** Throws unless the caller may add evidence now; gives the unit the event is scoped to. */
  requireAllowed(c: AppContext, id: number): Promise<{ unitId: number }>;
  /** Looks again inside the write's transaction (row locked) that the owner still takes evidence. */
  stillTakes?(tx: Transaction<DB>, id: number): Promise<Localized | null>;
  /** The audit event recorded for an added file, and the entity it is recorded on. */
  action: string;
  entityType: string;
}

const ref = (id: number, name: string, nameEn: string) => ({ id, name, nameEn });
const store = (c: AppContext) => c.get('deps').evidenceStore ?? databaseStore;

/** Reads an uploaded file as evidence: size, content type by its first bytes, clean name and SHA-256. */
async function readEvidence(file: File) {
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
  return { data, contentType, filename: cleanFilename(file.name), sha256: await sha256Hex(data) };
}

/** Evidence files of one kind of record: list, upload (audited with the file's SHA-256) and download. */
export function evidenceRoutes(spec: EvidenceSpec) {
  const { tag, noun, owner } = spec;
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/attachments',
        tags: [tag],
        summary: `Evidence files of ${noun}`,
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(AttachmentSchema) })), ...problems(400, 401, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await spec.requireVisible(c, id);
        const rows = await attachmentsOf(c.get('deps').db, owner, id);
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
        summary: `Attach an evidence file to ${noun} (multipart field \`file\`, up to 10 MB; PDF, images, Office documents)`,
        description:
          'The type is read from the content, not the name; the SHA-256 of the content is recorded.',
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
        const { unitId } = await spec.requireAllowed(c, id);
        const { data, contentType, filename, sha256 } = await readEvidence(file);
        const person = me(c);
        // The bytes are kept first (an object store is not part of the transaction; its objects are named by
        // content, so a rolled-back upload leaves at most an object a later upload of the same file reuses).
        const bytes = await store(c).put(sha256, data, contentType);
        const attachmentId = await audited(c, async (tx, audit) => {
          const refused = spec.stillTakes ? await spec.stillTakes(tx, id) : null;
          if (refused) throw problem.conflict(refused);
          const attachmentId = await insertAttachment(
            tx,
            owner,
            id,
            { filename, contentType, size: data.length, sha256, uploadedBy: person.id },
            bytes,
          );
          await audit({
            action: spec.action,
            entityType: spec.entityType,
            entityId: id,
            unitId,
            after: { attachmentId, filename, contentType, size: data.length, sha256 },
          });
          return attachmentId;
        });
        c.header('Location', `${spec.base}/${id}/attachments/${attachmentId}`);
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
        summary: `Download an evidence file (only for those who may see ${noun})`,
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
        await spec.requireVisible(c, id);
        const file = await attachmentFile(c.get('deps').db, owner, id, attachmentId);
        const data = file ? await store(c).get(file) : null;
        if (!file || !data) throw problem.notFound(l('attachment', '附件'));
        c.header('Content-Type', file.contentType);
        c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        c.header('ETag', `"${file.sha256}"`);
        c.header('Cache-Control', 'private, no-store');
        return c.body(new Uint8Array(data), 200);
      },
    );
}
