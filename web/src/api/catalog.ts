import type {
  ApprovalItemView,
  PostView,
  ResponsibilityPointView,
  StandardView,
  UnitView,
} from '../../../server/catalog/schema.ts';
import type { PersonView } from '../../../server/people/schema.ts';
import type { RiskPointView } from '../../../server/risk-points/schema.ts';

export type {
  ApprovalItemView,
  PersonView,
  PostView,
  ResponsibilityPointView,
  RiskPointView,
  StandardView,
  UnitView,
};

export type PostDetail = PostView & { assignments: PostView['holders'] };
export interface GradeChangeView {
  id: number;
  grade: 'A' | 'B' | 'C';
  previousGrade: 'A' | 'B' | 'C' | null;
  likelihood: number;
  impact: number;
  discretion: number;
  reason: string;
  changedBy: { id: number; name: string; nameEn: string } | null;
  confirmedBy: { id: number; name: string; nameEn: string };
  changedAt: string;
}
export type RiskPointDetail = RiskPointView & { gradeHistory: GradeChangeView[] };
export type GradeCounts = { A: number; B: number; C: number };
