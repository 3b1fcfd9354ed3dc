import type { z } from 'zod';
import type {
  CoverageView,
  DueItem,
  DueSchema,
  InspectionCreate,
  InspectionCreated,
  InspectionView,
  RecheckSchema,
  RechecksSchema,
  SampleView,
} from '../../../server/inspections/schema.ts';
import { ApiError, api, send } from './client.ts';

export type { CoverageView, DueItem, InspectionView, SampleView };
export type Due = z.infer<typeof DueSchema>;
export type DueStatus = DueItem['status'];
export type Recheck = z.infer<typeof RecheckSchema>;
export type Rechecks = z.infer<typeof RechecksSchema>;
export type InspectionCreateBody = z.input<typeof InspectionCreate>;
export type Created = z.infer<typeof InspectionCreated>;
export type Rate = CoverageView['total'];

type Scope = { period?: string; unitId?: string | number };

/**
 * Supervisors' checks of risk points (督查/抽查). The due list and the checks list are read page by page through
 * `PagedList` / `FilteredList` at `/inspections/due` and `/inspections`.
 */
export const inspectionsApi = {
  get: (id: number) => api.get<InspectionView>(`/inspections/${id}`),

  /** Records a check (or, with `recheckOf`, a re-check); a fail answers with the form it opened or reopened. */
  record: async (body: InspectionCreateBody) =>
    (await send<Created>('POST', '/inspections', { json: body })).body,

  /**
   * The centre's today, in its time zone, as the due list says it: the device's clock may be in another zone
   * or month, and a check dated in the wrong month would miss its sample.
   */
  today: async () => (await api.get<Due>('/inspections/due', { limit: 1, grade: 'A' })).today,

  rechecks: (scope: Scope) => api.get<Rechecks>('/inspections/rechecks', scope),

  /** The sample drawn for a month and scope, or null when none has been drawn yet. */
  sample: async (period: string, unitId?: string | number) => {
    try {
      return await api.get<SampleView>('/inspections/samples', { period, unitId });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },

  /** Draws the month's spot checks (or answers the one drawn before for the same month and scope). */
  drawSample: async (body: { period: string; size: number; unitId?: number }) => {
    const { body: sample, status } = await send<SampleView>('POST', '/inspections/samples', { json: body });
    return { sample, created: status === 201 };
  },

  coverage: (scope: Scope) => api.get<CoverageView>('/reports/coverage', scope),
};
