import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from 'kysely';

/**
 * Table types as the application sees them: camelCase (Kysely's CamelCasePlugin maps to the snake_case
 * columns of migrations/). Dates are `YYYY-MM-DD` strings and timestamps are Date on both backends.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;
/** jsonb columns are written through jsonb() in db/database.ts so both backends serialise alike. */
export type JsonInput = RawBuilder<unknown>;
type Json<T> = ColumnType<T, JsonInput, JsonInput>;

export type UnitLevel = 'city' | 'district' | 'town' | 'village';
export type UnitKind = 'centre' | 'department' | 'section' | 'government';
export type PostKind = 'window' | 'office';
export type Role = 'holder' | 'supervisor' | 'leader' | 'admin';
export type Locale = 'zh-CN' | 'en';
export type Stage = 'accept' | 'review' | 'decide' | 'complete' | 'deliver' | 'post_supervision';
export type Grade = 'A' | 'B' | 'C';
export type RiskCategory = 'post_duty' | 'process' | 'institutional' | 'moral' | 'external';
export interface AccountabilityTrigger {
  situation: string;
  basis: string;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  nameEn: Generated<string>;
  level: UnitLevel;
  kind: Generated<UnitKind>;
  parentId: number | null;
  path: string;
  sortOrder: Generated<number>;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface PeopleTable {
  id: Generated<number>;
  name: string;
  nameEn: Generated<string>;
  email: string;
  passwordHash: string | null;
  locale: Generated<Locale>;
  roles: ColumnType<Role[], Role[] | undefined, Role[]>;
  unitId: number;
  active: Generated<boolean>;
  /** Optional messages this person has turned off (mail templates). */
  mailOptOut: ColumnType<string[], string[] | undefined, string[]>;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface PostsTable {
  id: Generated<number>;
  code: string;
  name: string;
  nameEn: Generated<string>;
  kind: PostKind;
  unitId: number;
  windowNo: string | null;
  responsibilityStandard: Generated<string>;
  departmentHeadId: number | null;
  leaderInChargeId: number | null;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface AssignmentsTable {
  id: Generated<number>;
  postId: number;
  personId: number;
  fromDate: string;
  toDate: string | null;
  createdAt: Generated<Date>;
}

export interface ApprovalItemsTable {
  id: Generated<number>;
  code: string;
  name: string;
  nameEn: Generated<string>;
  unitId: number;
  legalBasis: Generated<string>;
  statutoryDays: number;
  promisedDays: number;
  stages: ColumnType<Stage[], Stage[] | undefined, Stage[]>;
  serviceGuide: Generated<string>;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface PreconditionsTable {
  id: Generated<number>;
  approvalItemId: number;
  position: number;
  text: string;
}

export interface StandardsTable {
  id: Generated<number>;
  code: string;
  title: string;
  titleEn: Generated<string>;
  level: number;
  parentId: number | null;
  sortOrder: Generated<number>;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface ResponsibilityPointsTable {
  id: Generated<number>;
  code: string;
  approvalItemId: number;
  stage: Stage;
  postId: number;
  duty: string;
  triggers: Json<AccountabilityTrigger[]>;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface RiskPointsTable {
  id: Generated<number>;
  code: string;
  approvalItemId: number;
  stage: Stage;
  postId: number;
  unitId: number;
  description: string;
  category: RiskCategory;
  grade: Grade;
  likelihood: number;
  impact: number;
  discretion: number;
  controlMeasures: ColumnType<string[], string[] | undefined, string[]>;
  responsiblePersonId: number | null;
  accountableLeaderId: number | null;
  supervisionMethod: Generated<string>;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface RiskPointGradesTable {
  id: Generated<number>;
  riskPointId: number;
  grade: Grade;
  previousGrade: Grade | null;
  likelihood: number;
  impact: number;
  discretion: number;
  reason: string;
  changedBy: number | null;
  confirmedBy: number;
  changedAt: Generated<Date>;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  version: Version;
  updatedAt: Timestamp;
}

export interface SessionsTable {
  tokenHash: string;
  personId: number;
  createdAt: Generated<Date>;
  expiresAt: Date;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  address: string;
  succeeded: boolean;
  at: Generated<Date>;
}

export interface AuditEventsTable {
  /** Gap-free, given out by the chain's head (audit/chain.ts). */
  seq: number;
  at: Date;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  requestId: string | null;
  address: string | null;
  unitId: number | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: Generated<boolean>;
  seq: number;
  hash: string;
}

export type FormStatus = 'draft' | 'open' | 'in_progress' | 'verifying' | 'closed' | 'cancelled';
export type AccountabilityOutcome =
  | 'none'
  | 'reminder_talk'
  | 'criticism'
  | 'performance_deduction'
  | 'referral';
export type FormSource =
  | 'self_inspection'
  | 'spot_check'
  | 'complaint'
  | 'service_rating'
  | 'e_supervision'
  | 'assessment';
export type MeasureKind = 'immediate' | 'systemic';

export interface FormNumbersTable {
  year: number;
  last: number;
}

export interface FormsTable {
  id: Generated<number>;
  number: string;
  status: ColumnType<FormStatus, FormStatus | undefined, FormStatus>;
  source: FormSource;
  problem: string;
  occurredOn: string;
  foundOn: string;
  filedOn: string;
  postId: number;
  unitId: number;
  approvalItemId: number | null;
  stage: Stage | null;
  riskPointId: number | null;
  responsibilityPointId: number | null;
  standardId: number | null;
  grade: Grade;
  deadline: string;
  yellowOn: string;
  responsible: Json<unknown>;
  holderIds: ColumnType<number[], number[] | undefined, number[]>;
  rootCause: Json<unknown> | null;
  verification: Json<unknown> | null;
  accountability: Json<unknown> | null;
  statusReason: string | null;
  filedBy: number;
  closedAt: Date | null;
  version: Version;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface FormMeasuresTable {
  id: Generated<number>;
  formId: number;
  position: number;
  kind: MeasureKind;
  text: string;
  ownerId: number;
  dueOn: string;
  doneOn: string | null;
}

export interface FormCommentsTable {
  id: Generated<number>;
  formId: number;
  authorId: number;
  body: string;
  createdAt: Generated<Date>;
}

export interface BlobsTable {
  id: Generated<number>;
  sha256: string;
  size: number;
  /** The bytes, unless an object store keeps them (then `storeKey` names the object). */
  data: Uint8Array | null;
  storeKey: string | null;
}

export interface FormAttachmentsTable {
  id: Generated<number>;
  /** Exactly one of formId and inspectionId: whose evidence the file is. */
  formId: number | null;
  inspectionId: ColumnType<number | null, number | null | undefined, never>;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  blobId: number;
  uploadedBy: number;
  createdAt: Generated<Date>;
}

export interface IdempotencyKeysTable {
  personId: number;
  key: string;
  requestHash: string;
  formId: number;
  createdAt: Generated<Date>;
}

export type InspectionMethod = 'phone' | 'on_site' | 'file_review' | 'e_supervision';
export type InspectionResult = 'pass' | 'fail';
export type InspectionKind = 'routine' | 'recheck';

export interface InspectionSamplesTable {
  id: Generated<number>;
  period: string;
  unitId: number;
  size: number;
  seed: string;
  candidateIds: number[];
  candidateGrades: Grade[];
  weights: ColumnType<unknown, JsonInput, JsonInput>;
  riskPointIds: number[];
  drawnBy: number;
  drawnAt: Generated<Date>;
}

export interface InspectionsTable {
  id: Generated<number>;
  kind: Generated<InspectionKind>;
  riskPointId: number | null;
  recheckOf: number | null;
  unitId: number;
  postId: number;
  method: InspectionMethod;
  checkedOn: string;
  caseRef: string | null;
  result: InspectionResult;
  notes: string;
  inspectorId: number;
  formId: number | null;
  sampleId: number | null;
  createdAt: Generated<Date>;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  dedupeKey: string;
  template: string;
  personId: number | null;
  toAddress: string;
  locale: Locale;
  subject: string;
  data: ColumnType<unknown, JsonInput, JsonInput>;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Date>;
  leaseUntil: Date | null;
  lastError: string | null;
  deliveredVia: 'smtp' | 'http' | 'viewer' | null;
  messageId: string | null;
  createdAt: Generated<Date>;
  sentAt: Date | null;
}

export interface DigestReceiptsTable {
  month: string;
  personId: number;
  outboxId: number;
  sentOn: string;
  readAt: Date | null;
}

export interface AppSecretsTable {
  name: string;
  value: string;
}

export interface AccountabilityRecordsTable {
  id: Generated<number>;
  formId: number;
  personId: number | null;
  postId: number;
  unitId: number;
  outcome: AccountabilityOutcome;
  situation: string | null;
  basis: string | null;
  notes: string | null;
  decidedBy: number | null;
  decidedAt: Timestamp;
}

export interface ExemplaryCasesTable {
  formId: number;
  note: string;
  markedBy: number;
  markedAt: Generated<Date>;
}

export type ScoreBand = 'excellent' | 'good' | 'pass' | 'fail';
export type DeductionKind = 'overdue' | 'failed_check' | 'complaint' | 'reopened';

export interface ScorecardMonthsTable {
  month: string;
  rules: Json<unknown>;
  posts: number;
  closedBy: number | null;
  closedAt: Generated<Date>;
}

export interface ScorecardsTable {
  month: string;
  postId: number;
  unitId: number;
  score: number;
  band: ScoreBand;
  rank: number;
}

export interface ScorecardDeductionsTable {
  id: Generated<number>;
  month: string;
  postId: number;
  kind: DeductionKind;
  formId: number | null;
  inspectionId: number | null;
  grade: Grade | null;
  days: number | null;
  onDate: string | null;
  points: number;
}

export interface ScorecardAdjustmentsTable {
  id: Generated<number>;
  month: string;
  postId: number;
  points: number;
  reason: string;
  authorId: number;
  createdAt: Generated<Date>;
}

export interface TalkFlagsTable {
  id: Generated<number>;
  postId: number;
  month: string;
  leaderId: number | null;
  flaggedAt: Generated<Date>;
}

export interface DB {
  units: UnitsTable;
  people: PeopleTable;
  posts: PostsTable;
  assignments: AssignmentsTable;
  approvalItems: ApprovalItemsTable;
  preconditions: PreconditionsTable;
  standards: StandardsTable;
  responsibilityPoints: ResponsibilityPointsTable;
  riskPoints: RiskPointsTable;
  riskPointGrades: RiskPointGradesTable;
  settings: SettingsTable;
  sessions: SessionsTable;
  signInAttempts: SignInAttemptsTable;
  auditEvents: AuditEventsTable;
  auditHead: AuditHeadTable;
  formNumbers: FormNumbersTable;
  forms: FormsTable;
  formMeasures: FormMeasuresTable;
  formComments: FormCommentsTable;
  blobs: BlobsTable;
  formAttachments: FormAttachmentsTable;
  idempotencyKeys: IdempotencyKeysTable;
  inspectionSamples: InspectionSamplesTable;
  inspections: InspectionsTable;
  outbox: OutboxTable;
  digestReceipts: DigestReceiptsTable;
  appSecrets: AppSecretsTable;
  accountabilityRecords: AccountabilityRecordsTable;
  exemplaryCases: ExemplaryCasesTable;
  scorecardMonths: ScorecardMonthsTable;
  scorecards: ScorecardsTable;
  scorecardDeductions: ScorecardDeductionsTable;
  scorecardAdjustments: ScorecardAdjustmentsTable;
  talkFlags: TalkFlagsTable;
}

export type { Insertable, Selectable, Updateable };
