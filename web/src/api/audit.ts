import type { z } from 'zod';
import type {
  AnchorsSchema,
  AuditEventView,
  HistoryEvent,
  VerifyResultSchema,
} from '../../../server/audit/schema.ts';
import { api, queryString } from './client.ts';

export type { AuditEventView, HistoryEvent };
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
export type Anchors = z.infer<typeof AnchorsSchema>;
export type ExportFormat = 'xlsx' | 'csv' | 'jsonl';

type Query = Record<string, string | number | undefined>;

/** The audit trail (审计留痕): the filtered list is read through `FilteredList` at `/audit`. */
export const auditApi = {
  /** Recomputes the whole chain (admins); with a head copied out earlier, also checks it is still in it. */
  verify: (head?: { seq: number; hash: string }) => api.get<VerifyResult>('/audit/verify', head),

  anchors: () => api.get<Anchors>('/audit/anchors'),

  /** A plain download link: the browser streams the file, however long the range. */
  exportUrl: (format: ExportFormat, filters: Query) =>
    `/api/audit/export${queryString({ ...filters, format })}`,

  riskPointHistory: async (id: number) =>
    (await api.get<{ items: HistoryEvent[] }>(`/risk-points/${id}/history`)).items,
};
