import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** Where an invalid value came from. */
export type ProblemLocation = 'body' | 'query' | 'path' | 'header' | 'cookie' | 'form' | 'json';

export interface FieldError {
  path: string;
  message: string;
  in?: ProblemLocation;
}

/**
 * RFC 9457 problem details. Every failure the API reports is one of these, thrown from anywhere and
 * rendered by the single `onError`.
 */
export class Problem extends Error {
  constructor(
    public readonly status: ContentfulStatusCode,
    public readonly slug: string,
    public readonly title: string,
    public readonly detail?: string,
    public readonly errors?: FieldError[],
    public readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toJSON() {
    return {
      type: `urn:rectify:problem:${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problem = {
  validation: (errors: FieldError[], detail = 'The request has invalid fields.') =>
    new Problem(400, 'validation', 'Invalid request', detail, errors),
  badRequest: (detail: string) => new Problem(400, 'bad-request', 'Bad request', detail),
  unauthenticated: (detail = 'Sign in first.') =>
    new Problem(401, 'unauthenticated', 'Not signed in', detail),
  forbidden: (detail = 'You may not do this.') => new Problem(403, 'forbidden', 'Forbidden', detail),
  notFound: (what = 'resource') => new Problem(404, 'not-found', 'Not found', `No such ${what}.`),
  conflict: (detail: string, errors?: FieldError[]) =>
    new Problem(409, 'conflict', 'Conflict', detail, errors),
  preconditionFailed: () =>
    new Problem(
      412,
      'stale',
      'Precondition failed',
      'The record changed since you read it (If-Match does not match its ETag). Reload and try again.',
    ),
  preconditionRequired: () =>
    new Problem(
      428,
      'if-match-required',
      'Precondition required',
      'Send If-Match with the ETag you read, so concurrent edits are not lost.',
      [{ path: 'If-Match', message: 'required', in: 'header' }],
    ),
  tooLarge: (limit: string) =>
    new Problem(413, 'too-large', 'Payload too large', `The request body is larger than ${limit}.`),
  unsupportedMediaType: (expected: string) =>
    new Problem(415, 'unsupported-media-type', 'Unsupported media type', `Send the body as ${expected}.`),
  tooManyRequests: (retryAfterSeconds: number) =>
    new Problem(
      429,
      'rate-limited',
      'Too many attempts',
      `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};

export function zodProblem(error: ZodError, location: ProblemLocation): Problem {
  const errors = error.issues.flatMap((issue): FieldError[] => {
    const base = issue.path.map(String).join('.');
    // An unknown field is reported at the field itself, so the client can point at it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: 'unknown field',
        in: location,
      }));
    }
    return [{ path: base || '(root)', message: issue.message, in: location }];
  });
  return problem.validation(errors);
}

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  detail?: string;
  column?: string;
}

/** Maps database constraint failures to the client's fault (4xx) without leaking SQL. */
function databaseProblem(err: PgError): Problem | null {
  switch (err.code) {
    case '23505':
      return problem.conflict('A record with the same unique value already exists.', [
        { path: constraintField(err), message: 'already exists' },
      ]);
    case '23503':
      return problem.validation(
        [{ path: constraintField(err), message: 'refers to a record that does not exist or is in use' }],
        'A referenced record does not exist, or the record is still referenced.',
      );
    case '23514':
    case '23502':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return problem.validation(
        [{ path: err.column ? camel(err.column) : constraintField(err), message: 'value not allowed' }],
        'A value is outside what the record allows.',
      );
    case '40001':
    case '40P01':
      return problem.conflict('Another change to the same record happened at the same time. Try again.');
    default:
      return null;
  }
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** The field a constraint guards, from its name: posts_unit_id_fkey on posts → unitId. */
function constraintField({ constraint, table }: PgError): string {
  if (!constraint) return '(record)';
  let name = constraint.replace(/_(key|fkey|check|idx)$/, '');
  if (table && name.startsWith(`${table}_`)) name = name.slice(table.length + 1);
  return camel(name);
}

export function toProblem(err: unknown): Problem | null {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return problem.tooLarge('1 MB');
    if (err.status === 400 && /json/i.test(err.message))
      return problem.validation(
        [{ path: '(body)', message: 'malformed JSON', in: 'body' }],
        'The body is not valid JSON.',
      );
    if (err.status >= 400 && err.status < 500) {
      return new Problem(
        err.status as ContentfulStatusCode,
        'http',
        err.message || 'Bad request',
        err.message,
      );
    }
    return null;
  }
  if (err && typeof err === 'object' && 'code' in err) return databaseProblem(err as PgError);
  return null;
}

export function problemResponse(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p.toJSON()), p.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    ...p.headers,
  });
}
