import type { z } from '@hono/zod-openapi';
import type { PostMonth, PostScoresSchema, UnitScoresSchema } from '../../../server/scorecards/schema.ts';
import { api } from './client.ts';

export type { PostMonth, PostScore, ScoreBand, UnitScore } from '../../../server/scorecards/schema.ts';
export type PostScores = z.infer<typeof PostScoresSchema>;
export type UnitScores = z.infer<typeof UnitScoresSchema>;
export type Deduction = PostMonth['deductions'][number];

/** A month (YYYY-MM) and a unit; each left out takes the server's default (this month, your units). */
export type ScoreScope = { month?: string; unitId?: string | number };

/** Monthly post scorecards (`/api/scorecards`). */
export const scorecardsApi = {
  posts: (scope: ScoreScope & { limit?: number }) =>
    api.get<PostScores>('/scorecards', { limit: 500, ...scope }),
  units: (scope: ScoreScope) => api.get<UnitScores>('/scorecards/units', scope),
  post: (month: string, postId: number) => api.get<PostMonth>(`/scorecards/${month}/posts/${postId}`),
  adjust: (month: string, postId: number, body: { points: number; reason: string }) =>
    api.post<PostMonth>(`/scorecards/${month}/posts/${postId}/adjustments`, body),
  close: (month: string) => api.post<unknown>(`/scorecards/${month}/close`),
};
