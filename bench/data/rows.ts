import type { ChainedEvent } from '../../server/audit/chain.ts';
import type {
  FormSource,
  FormStatus,
  Grade,
  InspectionMethod,
  MeasureKind,
  Stage,
} from '../../server/db/types.ts';

/** The rows the history writes, keyed by column, and one day of them with its events. */

export interface FormRow {
  id: number;
  number: string;
  status: FormStatus;
  source: FormSource;
  problem: string;
  occurred_on: string;
  found_on: string;
  filed_on: string;
  post_id: number;
  unit_id: number;
  approval_item_id: number | null;
  stage: Stage | null;
  risk_point_id: number | null;
  responsibility_point_id: number | null;
  standard_id: number | null;
  grade: Grade;
  deadline: string;
  yellow_on: string;
  responsible: unknown;
  holder_ids: number[];
  root_cause: unknown;
  verification: unknown;
  accountability: unknown;
  status_reason: string | null;
  filed_by: number;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** The measures' texts in order, as the search trigger joins them (null without measures). */
  measures_text: string | null;
}
export interface MeasureRow {
  id: number;
  form_id: number;
  position: number;
  kind: MeasureKind;
  text: string;
  owner_id: number;
  due_on: string;
  done_on: string | null;
}
export interface CommentRow {
  id: number;
  form_id: number;
  author_id: number;
  body: string;
  created_at: string;
}
export interface InspectionRow {
  id: number;
  kind: 'routine' | 'recheck';
  risk_point_id: number | null;
  recheck_of: number | null;
  unit_id: number;
  post_id: number;
  method: InspectionMethod;
  checked_on: string;
  case_ref: string | null;
  result: 'pass' | 'fail';
  notes: string;
  inspector_id: number;
  form_id: number | null;
  created_at: string;
}
/** One day's output: rows to insert and events to chain, in the order they happened. */
export interface Day {
  date: string;
  forms: FormRow[];
  measures: MeasureRow[];
  comments: CommentRow[];
  inspections: InspectionRow[];
  events: Omit<ChainedEvent, 'seq'>[];
}

/** A check as planned: its row but for the id and time it gets when its day comes. */
export type CheckPlan = Omit<InspectionRow, 'id' | 'created_at'>;
