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
import type { SettingsValues } from '../../../server/settings/schema.ts';
import { api, type Page, request, send } from './client.ts';

export type { FormSummary, FormView };
export type FormStatus = FormView['status'];
export type FormSource = FormView['source'];
export type Card = FormView['card'];
export type CommentView = z.infer<typeof CommentSchema>;
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
export type FormCreateBody = z.input<typeof FormCreate>;
export type FormPatchBody = z.input<typeof FormPatch>;
export type TransitionBody = z.input<typeof TransitionRequest>;
export type Transition = TransitionBody['to'];
export type Settings = SettingsValues & { version: number };

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

  settings: () => api.get<Settings>('/settings'),

  /** The date `add` working days after `from` on the statutory calendar (the deadlines use the same rule). */
  workingDays: async (from: string, add: number) =>
    (await api.get<{ date: string }>('/calendar/working-days', { from, add })).date,

  post: (id: number) => api.get<PostDetail>(`/posts/${id}`),
};
