import type { SummaryView } from '../../../server/reports/schema.ts';
import { api } from './client.ts';

export type { SummaryView };
export type Recurrence = SummaryView['recurrence'][number];
export type UnitRank = SummaryView['units'][number];

/** A unit's subtree (or the caller's scope) over a range of days; each left out takes the server's default. */
export type SummaryScope = { from?: string; to?: string; unitId?: string | number };

/** The dashboard's figures (`GET /api/reports/summary`). */
export const reportsApi = {
  summary: (scope: SummaryScope) => api.get<SummaryView>('/reports/summary', scope),
};
