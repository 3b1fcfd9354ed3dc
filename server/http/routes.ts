import { createRoute, z } from '@hono/zod-openapi';
import type { AppContext } from './context.ts';
import { etag } from './etag.ts';
import { guardedWrite, IdParam, json, jsonBody, problems } from './openapi.ts';
import { listOf } from '../common/schema.ts';

/**
 * Route descriptions shared by the catalogue's collections (list, read, create, change), so each domain
 * states only its path, schemas and handler.
 */
interface Described {
  tag: string;
  summary: string;
  description?: string;
}

export function listRoute<Q extends z.ZodObject, I extends z.ZodType>(d: Described & { query: Q; item: I }) {
  return createRoute({
    method: 'get',
    path: '/',
    tags: [d.tag],
    summary: d.summary,
    description: d.description,
    request: { query: d.query },
    responses: { 200: json(listOf(d.item)), ...problems(400, 401) },
  });
}

export function readRoute<I extends z.ZodType>(d: Described & { item: I; path?: string }) {
  return createRoute({
    method: 'get',
    path: d.path ?? '/{id}',
    tags: [d.tag],
    summary: d.summary,
    description: d.description,
    request: { params: IdParam },
    responses: { 200: json(d.item, 'The record, with its ETag'), ...problems(400, 401, 404) },
  });
}

export function createRecordRoute<B extends z.ZodType, I extends z.ZodType>(
  d: Described & { body: B; item: I },
) {
  return createRoute({
    method: 'post',
    path: '/',
    tags: [d.tag],
    summary: d.summary,
    description: d.description,
    request: { body: jsonBody(d.body) },
    responses: {
      201: json(d.item, 'Created; Location and ETag set'),
      ...problems(400, 401, 403, 409, 413, 415),
    },
  });
}

export function patchRoute<B extends z.ZodType, I extends z.ZodType>(
  d: Described & { body: B; item: I; path?: string },
) {
  return createRoute({
    method: 'patch',
    path: d.path ?? '/{id}',
    tags: [d.tag],
    summary: d.summary,
    description: d.description ?? 'Send If-Match with the ETag you read.',
    request: {
      params: IdParam,
      headers: z.object({
        'if-match': z.string().optional().openapi({ description: 'ETag of the version you read' }),
      }),
      body: jsonBody(d.body),
    },
    responses: { 200: json(d.item, 'Changed; new ETag set'), ...guardedWrite },
  });
}

/** A record with its version as ETag. */
export function withETag<T extends { version: number }>(c: AppContext, record: T): T {
  c.header('ETag', etag(record.version));
  return record;
}

/** 201 Created with Location and ETag. */
export function created<T extends { id: number; version: number }>(c: AppContext, record: T): T {
  c.header('Location', `${new URL(c.req.url).pathname.replace(/\/$/, '')}/${record.id}`);
  return withETag(c, record);
}
