import { locale } from '../i18n/i18n.ts';

/**
 * Typed calls to the API; errors arrive as problem+json and become ApiError. Every call names the reader's
 * language, so a problem reported before anyone signs in (a link from an email) reads in it too.
 */
export interface FieldError {
  path: string;
  message: string;
  in?: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly problem: ProblemDetails,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Fired on window when any call answers 401, so the shell can show the sign-in page. */
export const UNAUTHENTICATED_EVENT = 'rectify-unauthenticated';

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A failed response as an `ApiError`, with its problem details (or a bare one when the body is not JSON). */
async function failure(response: Response): Promise<ApiError> {
  try {
    return new ApiError(response.status, (await response.json()) as ProblemDetails);
  } catch {
    return new ApiError(response.status, {
      type: 'http',
      title: response.statusText,
      status: response.status,
    });
  }
}

export interface Sent<T> {
  body: T;
  etag: string | null;
}

export async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; ifMatch?: string | null; signal?: AbortSignal } = {},
): Promise<Sent<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { type: 'network', title: 'Network error', status: 0 });
  }
  if (response.status === 401 && path !== '/session') {
    window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
  }
  if (!response.ok) throw await failure(response);
  const body = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { body, etag: response.headers.get('ETag') };
}

export const api = {
  get: async <T>(path: string, query?: Query, signal?: AbortSignal) =>
    (await request<T>('GET', path, { query, signal })).body,
  getWithETag: <T>(path: string) => request<T>('GET', path),
  list: async <T>(path: string, query?: Query, signal?: AbortSignal) =>
    (await request<Page<T>>('GET', path, { query, signal })).body,
  post: async <T>(path: string, body?: unknown, ifMatch?: string | null) =>
    (await request<T>('POST', path, { body, ifMatch })).body,
  patch: <T>(path: string, body: unknown, ifMatch: string | null) =>
    request<T>('PATCH', path, { body, ifMatch }),
  delete: async (path: string) => {
    await request<void>('DELETE', path);
  },
};

/**
 * A call that `request()` cannot make: extra headers (Idempotency-Key) or a multipart body. Failures become
 * `ApiError` exactly as in `request()`, and a 401 tells the shell to show the sign-in page.
 */
export async function send<T>(
  method: string,
  path: string,
  options: { json?: unknown; form?: FormData; headers?: Record<string, string> },
): Promise<{ body: T; etag: string | null; status: number }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': locale(),
    ...(options.headers ?? {}),
  };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { type: 'network', title: 'Network error', status: 0 });
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
  if (!response.ok) throw await failure(response);
  return { body: (await response.json()) as T, etag: response.headers.get('ETag'), status: response.status };
}
