import type { z } from 'zod';
import type { PostDetail } from './catalog.ts';
import type {
  CommentSchema,
  FormCreate,
  FormPatch,
  FormSummary,
  FormView,
  HistoryEventSchema,
  TransitionRequest,
} from '../../../server/forms/schema.ts';
import type { AttachmentView } from '../../../server/evidence/schema.ts';
import type { SettingsValues } from '../../../server/settings/schema.ts';
import { ApiError, api, type Page, type ProblemDetails, request, UNAUTHENTICATED_EVENT } from './client.ts';

export type { FormSummary, FormView };
export type FormStatus = FormView['status'];
export type FormSource = FormView['source'];
export type Card = FormView['card'];
export type CommentView = z.infer<typeof CommentSchema>;
export type { AttachmentView };
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
export type FormCreateBody = z.input<typeof FormCreate>;
export type FormPatchBody = z.input<typeof FormPatch>;
export type TransitionBody = z.input<typeof TransitionRequest>;
export type Transition = TransitionBody['to'];
export type Settings = SettingsValues & { version: number };

/** The largest evidence file the server takes. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** A random UUID, also where `crypto.randomUUID` is missing (plain HTTP on a local network). */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Today's date on this device as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A call that `request()` cannot make: extra headers (Idempotency-Key) or a multipart body. Failures become
 * `ApiError` exactly as in `request()`, and a 401 tells the shell to show the sign-in page.
 */
async function send<T>(
  method: string,
  path: string,
  options: { json?: unknown; form?: FormData; headers?: Record<string, string> },
): Promise<{ body: T; etag: string | null; status: number }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
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
  if (!response.ok) {
    let problem: ProblemDetails;
    try {
      problem = (await response.json()) as ProblemDetails;
    } catch {
      problem = { type: 'http', title: response.statusText, status: response.status };
    }
    throw new ApiError(response.status, problem);
  }
  return { body: (await response.json()) as T, etag: response.headers.get('ETag'), status: response.status };
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** The improvement forms API (一事一表). */
export const formsApi = {
  list: (query: Query, signal?: AbortSignal) => api.list<FormSummary>('/forms', query, signal),

  /** Every page of a query, up to `max` forms (newest first). */
  async all(query: Query, max = 500): Promise<{ items: FormSummary[]; total: number }> {
    const items: FormSummary[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page: Page<FormSummary> = await api.list<FormSummary>('/forms', {
        ...query,
        limit: Math.min(200, max - items.length),
        cursor,
      });
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < max);
    return { items, total };
  },

  get: (id: number) => request<FormView>('GET', `/forms/${id}`),

  /** Files a form (or saves a draft); the key makes a repeated click or retry file it only once. */
  create: (body: FormCreateBody, idempotencyKey: string) =>
    send<FormView>('POST', '/forms', { json: body, headers: { 'Idempotency-Key': idempotencyKey } }),

  patch: (id: number, body: FormPatchBody, etag: string | null) =>
    request<FormView>('PATCH', `/forms/${id}`, { body, ifMatch: etag }),

  transition: (id: number, body: TransitionBody, etag: string | null) =>
    request<FormView>('POST', `/forms/${id}/transitions`, { body, ifMatch: etag }),

  history: async (id: number) => (await api.get<{ items: HistoryEvent[] }>(`/forms/${id}/history`)).items,

  comments: async (id: number) => (await api.get<{ items: CommentView[] }>(`/forms/${id}/comments`)).items,

  addComment: (id: number, body: string) => api.post<CommentView>(`/forms/${id}/comments`, { body }),

  attachments: async (id: number) =>
    (await api.get<{ items: AttachmentView[] }>(`/forms/${id}/attachments`)).items,

  /** Uploads one evidence file as the multipart field `file`. */
  attach: async (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await send<AttachmentView>('POST', `/forms/${id}/attachments`, { form })).body;
  },

  attachmentUrl: (formId: number, attachmentId: number) => `/api/forms/${formId}/attachments/${attachmentId}`,

  settings: () => api.get<Settings>('/settings'),

  /** The date `add` working days after `from` on the statutory calendar (the deadlines use the same rule). */
  workingDays: async (from: string, add: number) =>
    (await api.get<{ date: string }>('/calendar/working-days', { from, add })).date,

  post: (id: number) => api.get<PostDetail>(`/posts/${id}`),
};
