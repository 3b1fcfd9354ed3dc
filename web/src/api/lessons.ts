import type { LessonView, SimilarForm, SimilarView } from '../../../server/lessons/schema.ts';
import { ApiError, api } from './client.ts';

export type { LessonView, SimilarForm, SimilarView };

/**
 * Lessons learned and the case library (典型案例). The lists are read page by page through `FilteredList`
 * at `/cases` (exemplary cases) and `/cases/search` (every closed form).
 */
export const lessonsApi = {
  /** Forms like the problem being typed; the server needs at least 4 characters. */
  similar: (query: { text: string; postId?: number; riskPointId?: number }, signal?: AbortSignal) =>
    api.get<SimilarView>('/forms/similar', query, signal),

  /** The form's exemplary case, or null when it is not one. */
  caseOf: async (formId: number) => {
    try {
      return await api.get<LessonView>(`/cases/${formId}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },

  mark: (formId: number, note: string) => api.post<LessonView>('/cases', { formId, note }),

  unmark: (formId: number) => api.delete(`/cases/${formId}`),
};
