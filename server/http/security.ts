import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context.ts';
import { l, problem } from './problem.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Strict headers on every response; everything the page loads comes from this origin. */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  crossOriginEmbedderPolicy: false,
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

/**
 * CSRF protection by origin check on every unsafe method: a browser names the page's origin in `Origin`
 * (or says `Sec-Fetch-Site`); a cross-site request is refused. Clients that are not browsers send neither.
 */
export function sameOrigin(publicUrl: string): MiddlewareHandler<AppEnv> {
  const allowed = new URL(publicUrl).origin;
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('Origin');
      const site = c.req.header('Sec-Fetch-Site');
      const own = new URL(c.req.url).origin;
      if (origin !== undefined ? origin !== own && origin !== allowed : site === 'cross-site') {
        throw problem.forbidden(l('Cross-site request refused.', '已拒绝跨站请求。'));
      }
    }
    await next();
  };
}

/** Unsafe API requests with a body must send JSON (multipart uploads opt out per route). */
export const jsonBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && c.req.method !== 'DELETE') {
    const type = c.req.header('Content-Type') ?? '';
    const length = c.req.header('Content-Length');
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('Transfer-Encoding') !== undefined;
    if (hasBody && !/^application\/(.+\+)?json\b/i.test(type) && !/^multipart\/form-data\b/i.test(type)) {
      throw problem.unsupportedMediaType('application/json');
    }
  }
  await next();
};

/** The first place in a JSON value where a string holds a NUL character, as a field path. */
function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulPath(v, [...path, String(i)]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, [...path, k]) ?? (k.includes('\u0000') ? [...path, k].join('.') : null);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold a NUL character; a request carrying one is refused here with the field named,
 * rather than failing deep in a query.
 */
export const noNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (key.includes('\u0000') || values.some((v) => v.includes('\u0000'))) {
      throw problem.validation([
        { path: key, message: l('must not contain a NUL character', '不能包含空字符'), in: 'query' },
      ]);
    }
  }
  if (
    /^application\/(.+\+)?json\b/i.test(c.req.header('Content-Type') ?? '') &&
    !SAFE_METHODS.has(c.req.method)
  ) {
    const text = await c.req.text();
    if (text.includes('\\u0000') || text.includes('\u0000')) {
      let path = '(body)';
      try {
        path = nulPath(JSON.parse(text)) ?? path;
      } catch {
        // malformed JSON is reported by the route's validator
      }
      throw problem.validation([
        { path, message: l('must not contain a NUL character', '不能包含空字符'), in: 'body' },
      ]);
    }
  }
  await next();
};
