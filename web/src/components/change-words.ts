import { html, nothing, type TemplateResult } from 'lit';
import { common, postKinds, riskCategories, roles, stages, unitKinds, unitLevels } from '../i18n/common.ts';
import {
  defineMessages,
  formatDate,
  formatDateTime,
  formatNumber,
  locale,
  type Message,
  named,
  t,
} from '../i18n/i18n.ts';
import {
  causeCategoryLabels,
  measureKindLabels,
  outcomeLabels,
  sourceLabels,
  statusLabels,
  verificationMethodLabels,
  verificationResultLabels,
} from '../pages/forms/labels.ts';
import { itemMessages as im } from '../pages/approval-items/messages.ts';
import {
  kindLabels as inspectionKindLabels,
  methodLabels as inspectionMethodLabels,
  resultLabels as inspectionResultLabels,
} from '../pages/inspections/labels.ts';
import { inspectionMessages as ins } from '../pages/inspections/messages.ts';
import { deliveryLabels, mailStatusLabels, templateLabels } from '../pages/mail/labels.ts';
import { mailMessages as mm } from '../pages/mail/messages.ts';
import { formMessages as fm } from '../pages/forms/messages.ts';
import { formatSize } from '../pages/forms/parts.ts';
import { riskMessages as rm } from '../pages/risk-points/messages.ts';
import { enumLabel } from './enum-label.ts';
import type { RefKind } from './ref-name.ts';
import './ref-name.ts';

/**
 * Audit events in words a person understands: "the deadline changed from … to …", "the grade changed from B to
 * A", "control measures changed", in the reader's language. The form's timeline, the risk point's timeline and
 * the audit log all say changes through this module, so a field reads the same everywhere.
 */

/** A piece of a sentence: text, a shortened value (the full one goes in a tooltip), or a record named by id. */
export type Piece = string | { text: string; full: string } | { ref: RefKind; id: number };
export type Words = Piece[];

/** One changed field: its sentence, and the items under it (measures added, whys, list entries…). */
export interface FieldChange {
  field: string;
  sentence: Words;
  items: Words[];
}

/** What the events carry: the timelines' history events and the audit log's events alike. */
export interface EventLike {
  action: string;
  entityType?: string;
  before: unknown;
  after: unknown;
  actor: { id: number; name: string; nameEn: string } | null;
}

const w = defineMessages({
  changed: { 'zh-CN': '{field}由 {from} 改为 {to}', en: '{field} changed from {from} to {to}' },
  set: { 'zh-CN': '{field}设为 {to}', en: '{field} set to {to}' },
  cleared: { 'zh-CN': '{field}已清除（原为 {from}）', en: '{field} cleared (was {from})' },
  clearedPlain: { 'zh-CN': '{field}已清除', en: '{field} cleared' },
  edited: { 'zh-CN': '{field}已修改', en: '{field} changed' },
  labelled: { 'zh-CN': '{field}：{value}', en: '{field}: {value}' },
  added: { 'zh-CN': '新增：{text}', en: 'Added: {text}' },
  removed: { 'zh-CN': '删除：{text}', en: 'Removed: {text}' },
  measureDone: { 'zh-CN': '已完成：{text}（{date}）', en: 'Done: {text} ({date})' },
  measureReopened: { 'zh-CN': '改为未完成：{text}', en: 'Marked not done: {text}' },
  measureEdited: { 'zh-CN': '修改：{text}', en: 'Changed: {text}' },
  rootCauseRecorded: { 'zh-CN': '原因分析已填写', en: 'Root cause recorded' },
  rootCauseChanged: { 'zh-CN': '原因分析已修改', en: 'Root cause changed' },
  rootCauseCleared: { 'zh-CN': '原因分析已清除', en: 'Root cause cleared' },
  why: { 'zh-CN': '为什么 {n}：{text}', en: 'Why {n}: {text}' },
  passwordChanged: { 'zh-CN': '密码已修改', en: 'Password changed' },
  system: { 'zh-CN': '系统', en: 'The system' },
  listSeparator: { 'zh-CN': '、', en: ', ' },
  clauseSeparator: { 'zh-CN': '；', en: '; ' },
  withNotes: { 'zh-CN': '{value}。{notes}', en: '{value}. {notes}' },
  verificationValue: { 'zh-CN': '{method}，{result}', en: '{method}, {result}' },
  gradeValue: { 'zh-CN': '{g}级 {n}', en: '{g} {n}' },
  holdersValue: { 'zh-CN': '直接责任人 {names}', en: 'held by {names}' },
  headValue: { 'zh-CN': '部门负责人 {name}', en: 'department head {name}' },
  leaderValue: { 'zh-CN': '分管领导 {name}', en: 'leader in charge {name}' },
  triggerValue: { 'zh-CN': '{situation}（依据：{basis}）', en: '{situation} (basis: {basis})' },
  evidence: {
    'zh-CN': '{filename}（{size}，SHA-256 {sha}）',
    en: '{filename} ({size}, SHA-256 {sha})',
  },
  chinese: { 'zh-CN': '中文', en: 'Chinese' },
  english: { 'zh-CN': '英文', en: 'English' },
  other: { 'zh-CN': '{actor}：{action}', en: '{actor}: {action}' },
  messagesQueued: { 'zh-CN': '{n} 封：{keys}', en: '{n} message(s): {keys}' },
});

/** Field labels by the camelCase names the events use; `ENTITY_FIELDS` overrides them per kind of record. */
const FIELDS = defineMessages({
  code: common.code,
  name: common.name,
  nameEn: { 'zh-CN': '英文名称', en: 'English name' },
  title: { 'zh-CN': '标题', en: 'Title' },
  titleEn: { 'zh-CN': '英文标题', en: 'English title' },
  sortOrder: { 'zh-CN': '排序', en: 'Sort order' },
  parentId: { 'zh-CN': '上级', en: 'Parent' },
  level: { 'zh-CN': '层级', en: 'Level' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  unitId: common.unit,
  postId: common.post,
  approvalItemId: common.approvalItem,
  stage: common.stage,
  stages: im.stages,
  grade: common.grade,
  previousGrade: { 'zh-CN': '原风险等级', en: 'Previous grade' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  status: fm.status,
  email: { 'zh-CN': '电子邮箱', en: 'Email' },
  roles: { 'zh-CN': '角色', en: 'Roles' },
  locale: { 'zh-CN': '语言', en: 'Language' },
  active: { 'zh-CN': '启用', en: 'Active' },
  passwordSet: { 'zh-CN': '已设置密码', en: 'Password set' },
  personId: { 'zh-CN': '人员', en: 'Person' },
  fromDate: { 'zh-CN': '上岗日期', en: 'From' },
  toDate: { 'zh-CN': '离岗日期', en: 'To' },
  windowNo: { 'zh-CN': '窗口号', en: 'Window number' },
  responsibilityStandard: { 'zh-CN': '岗位职责标准', en: 'Post responsibility standard' },
  departmentHeadId: fm.departmentHead,
  leaderInChargeId: fm.leaderInCharge,
  legalBasis: im.legalBasis,
  statutoryDays: { 'zh-CN': '法定时限（工作日）', en: 'Statutory time limit (working days)' },
  promisedDays: { 'zh-CN': '承诺时限（工作日）', en: 'Promised time limit (working days)' },
  serviceGuide: im.serviceGuide,
  preconditions: im.preconditions,
  duty: { 'zh-CN': '职责', en: 'Duty' },
  triggers: { 'zh-CN': '追责情形', en: 'Accountability triggers' },
  description: { 'zh-CN': '风险描述', en: 'Risk' },
  category: rm.category,
  controlMeasures: rm.controlMeasures,
  responsiblePersonId: rm.responsiblePerson,
  accountableLeaderId: rm.accountableLeader,
  supervisionMethod: rm.supervisionMethod,
  likelihood: rm.likelihood,
  impact: rm.impact,
  discretion: rm.discretion,
  confirmedBy: rm.confirmedBy,
  confirmedById: rm.confirmedBy,
  number: fm.number,
  problem: fm.problem,
  occurredOn: fm.occurredOn,
  foundOn: fm.foundOn,
  filedOn: fm.filedOn,
  filedBy: fm.filedBy,
  source: fm.source,
  riskPointId: fm.riskPoint,
  responsibilityPointId: fm.responsibilityPoint,
  standardId: fm.standard,
  deadline: fm.deadline,
  yellowOn: { 'zh-CN': '黄牌预警日期', en: 'Yellow card date' },
  responsible: fm.sectionResponsibility,
  holderIds: { 'zh-CN': '直接责任人', en: 'Directly responsible' },
  rootCause: { 'zh-CN': '原因分析', en: 'Root cause' },
  measures: { 'zh-CN': '整改措施', en: 'Improvement measures' },
  verification: { 'zh-CN': '整改验证', en: 'Verification' },
  accountability: { 'zh-CN': '责任追究', en: 'Accountability' },
  statusReason: fm.statusReason,
  body: { 'zh-CN': '内容', en: 'Text' },
  filename: { 'zh-CN': '文件名', en: 'File name' },
  deadlineDays: { 'zh-CN': '各等级整改期限（工作日）', en: 'Deadline by grade (working days)' },
  checkFrequencyMonths: { 'zh-CN': '各等级督查周期（月）', en: 'Check frequency by grade (months)' },
  yellowCardRatio: { 'zh-CN': '黄牌：已用时限比例', en: 'Yellow card: share of time used' },
  yellowCardDaysLeft: { 'zh-CN': '黄牌：剩余工作日', en: 'Yellow card: working days left' },
  holidays: { 'zh-CN': '补充节假日', en: 'Added public holidays' },
  makeUpWorkdays: { 'zh-CN': '补充调休工作日', en: 'Added make-up working days' },
  recheckAfterDays: { 'zh-CN': '整改复查间隔（天）', en: 'Re-check after (days)' },
  recheckId: { 'zh-CN': '复查记录', en: 'Re-check' },
  recheckOf: ins.recheckOf,
  caseRef: ins.caseRef,
  checkedOn: ins.checkedOn,
  method: ins.method,
  result: ins.result,
  notes: ins.notes,
  inspectorId: ins.inspector,
  formId: ins.formOpened,
  sampleId: ins.inSample,
  period: ins.month,
  size: { 'zh-CN': '抽取数量', en: 'Sample size' },
  seed: { 'zh-CN': '随机种子', en: 'Seed' },
  candidates: { 'zh-CN': '候选风险点数', en: 'Points drawn from' },
  riskPointIds: { 'zh-CN': '抽中的风险点', en: 'Points drawn' },
  units: { 'zh-CN': '单位', en: 'Units' },
  posts: { 'zh-CN': '岗位', en: 'Posts' },
  people: { 'zh-CN': '人员', en: 'People' },
  riskPoints: { 'zh-CN': '风险防控点', en: 'Risk points' },
  forms: { 'zh-CN': '改进记录', en: 'Forms' },
  to: mm.to,
  template: mm.template,
  subject: mm.subject,
  via: { 'zh-CN': '投递到', en: 'Delivered to' },
  attempt: { 'zh-CN': '第几次尝试', en: 'Attempt' },
  error: { 'zh-CN': '错误', en: 'Error' },
  retryAt: mm.nextAttempt,
  job: { 'zh-CN': '任务', en: 'Job' },
  messages: { 'zh-CN': '邮件', en: 'Messages' },
  month: { 'zh-CN': '月份', en: 'Month' },
  readAt: { 'zh-CN': '确认阅读时间', en: 'Confirmed at' },
  mailOptOut: { 'zh-CN': '不接收的邮件', en: 'Messages turned off' },
});

const ENTITY_FIELDS: Record<string, Record<string, Message>> = {
  form: { unitId: fm.unit, postId: fm.post },
  unit: {
    name: { 'zh-CN': '单位名称', en: 'Unit name' },
    kind: { 'zh-CN': '单位类型', en: 'Kind of unit' },
    parentId: { 'zh-CN': '上级单位', en: 'Parent unit' },
  },
  post: {
    name: { 'zh-CN': '岗位名称', en: 'Post name' },
    kind: { 'zh-CN': '岗位类型', en: 'Kind of post' },
  },
  standard: { parentId: { 'zh-CN': '上级标准', en: 'Parent standard' } },
  person: { name: { 'zh-CN': '姓名', en: 'Name' }, unitId: { 'zh-CN': '所在单位', en: 'Unit' } },
  approval_item: { name: { 'zh-CN': '事项名称', en: 'Item name' } },
};

/** The kinds of record the trail holds, as the audit log's filter offers them. */
export const entityTypeLabels: Record<string, Message> = {
  form: { 'zh-CN': '改进记录', en: 'Form' },
  risk_point: { 'zh-CN': '风险防控点', en: 'Risk control point' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  post: { 'zh-CN': '岗位', en: 'Post' },
  assignment: { 'zh-CN': '在岗记录', en: 'Assignment' },
  approval_item: { 'zh-CN': '审批事项', en: 'Approval item' },
  standard: { 'zh-CN': '标准', en: 'Standard' },
  responsibility_point: { 'zh-CN': '责任点', en: 'Responsibility point' },
  person: { 'zh-CN': '人员', en: 'Person' },
  settings: { 'zh-CN': '系统设置', en: 'Settings' },
  centre: { 'zh-CN': '政务服务中心', en: 'Service centre' },
  inspection: { 'zh-CN': '督查记录', en: 'Check' },
  inspection_sample: { 'zh-CN': '月度抽样', en: 'Monthly sample' },
  outbox: { 'zh-CN': '邮件', en: 'Mail message' },
};

interface ActionWords {
  /** The action as a table cell says it ("Grade changed"). */
  label: Message;
  /** The action as a timeline says it, with `{actor}`; without one, "{actor}: {label}". */
  did?: Message;
}

/** Every action the server records, in words; an unknown one shows as its code. */
export const actionWords: Record<string, ActionWords> = {
  'form.filed': {
    label: { 'zh-CN': '登记改进记录', en: 'Form filed' },
    did: { 'zh-CN': '{actor} 登记了改进记录', en: '{actor} filed the form' },
  },
  'form.drafted': {
    label: { 'zh-CN': '存为草稿', en: 'Form saved as a draft' },
    did: { 'zh-CN': '{actor} 将改进记录存为草稿', en: '{actor} saved the form as a draft' },
  },
  'form.updated': {
    label: { 'zh-CN': '修改改进记录', en: 'Form changed' },
    did: { 'zh-CN': '{actor} 修改了改进记录', en: '{actor} changed the form' },
  },
  'form.transition': {
    label: { 'zh-CN': '变更状态', en: 'Status changed' },
    did: { 'zh-CN': '{actor} 变更了状态', en: '{actor} changed the status' },
  },
  'form.comment_added': {
    label: { 'zh-CN': '发表意见', en: 'Comment added' },
    did: { 'zh-CN': '{actor} 发表了意见', en: '{actor} commented' },
  },
  'form.attachment_added': {
    label: { 'zh-CN': '上传佐证材料', en: 'Evidence added' },
    did: { 'zh-CN': '{actor} 上传了佐证材料', en: '{actor} added evidence' },
  },
  'risk_point.created': {
    label: { 'zh-CN': '新增风险防控点', en: 'Risk point created' },
    did: { 'zh-CN': '{actor} 新增了该风险防控点', en: '{actor} created the risk point' },
  },
  'risk_point.updated': {
    label: { 'zh-CN': '修改风险防控点', en: 'Risk point changed' },
    did: { 'zh-CN': '{actor} 修改了该风险防控点', en: '{actor} changed the risk point' },
  },
  'risk_point.grade_changed': {
    label: { 'zh-CN': '调整风险等级', en: 'Grade changed' },
    did: { 'zh-CN': '{actor} 调整了风险等级', en: '{actor} changed the grade' },
  },
  'inspection.recorded': {
    label: { 'zh-CN': '记录督查检查', en: 'Check recorded' },
    did: { 'zh-CN': '{actor} 记录了督查检查', en: '{actor} recorded a check' },
  },
  'inspection.sample_drawn': {
    label: { 'zh-CN': '抽取月度样本', en: 'Sample drawn' },
    did: { 'zh-CN': '{actor} 抽取了月度样本', en: '{actor} drew the month’s sample' },
  },
  'inspection.attachment_added': {
    label: { 'zh-CN': '上传检查佐证材料', en: 'Evidence added to a check' },
    did: { 'zh-CN': '{actor} 上传了佐证材料', en: '{actor} added evidence' },
  },
  'unit.created': { label: { 'zh-CN': '新增单位', en: 'Unit created' } },
  'unit.updated': { label: { 'zh-CN': '修改单位', en: 'Unit changed' } },
  'post.created': { label: { 'zh-CN': '新增岗位', en: 'Post created' } },
  'post.updated': { label: { 'zh-CN': '修改岗位', en: 'Post changed' } },
  'assignment.created': { label: { 'zh-CN': '安排上岗', en: 'Person assigned to a post' } },
  'assignment.ended': { label: { 'zh-CN': '离岗', en: 'Assignment ended' } },
  'approval_item.created': { label: { 'zh-CN': '新增审批事项', en: 'Approval item created' } },
  'approval_item.updated': { label: { 'zh-CN': '修改审批事项', en: 'Approval item changed' } },
  'standard.created': { label: { 'zh-CN': '新增标准', en: 'Standard created' } },
  'standard.updated': { label: { 'zh-CN': '修改标准', en: 'Standard changed' } },
  'responsibility_point.created': {
    label: { 'zh-CN': '新增责任点', en: 'Responsibility point created' },
  },
  'responsibility_point.updated': {
    label: { 'zh-CN': '修改责任点', en: 'Responsibility point changed' },
  },
  'person.created': { label: { 'zh-CN': '新增人员', en: 'Person created' } },
  'person.updated': { label: { 'zh-CN': '修改人员', en: 'Person changed' } },
  'person.preferences_changed': { label: { 'zh-CN': '修改个人偏好', en: 'Preferences changed' } },
  'settings.updated': { label: { 'zh-CN': '修改系统设置', en: 'Settings changed' } },
  'person.mail_preferences_changed': {
    label: { 'zh-CN': '修改邮件通知设置', en: 'Mail preferences changed' },
    did: { 'zh-CN': '{actor} 修改了邮件通知设置', en: '{actor} changed their mail preferences' },
  },
  'mail.queued': { label: { 'zh-CN': '邮件排队待发', en: 'Mail queued' } },
  'mail.already_queued': { label: { 'zh-CN': '无新邮件（此前已排队）', en: 'Nothing new to queue' } },
  'mail.sent': { label: { 'zh-CN': '邮件已发送', en: 'Mail sent' } },
  'mail.retry_scheduled': { label: { 'zh-CN': '邮件发送失败，将重试', en: 'Mail failed, to be retried' } },
  'mail.failed': { label: { 'zh-CN': '邮件发送失败', en: 'Mail failed' } },
  'mail.requeued': {
    label: { 'zh-CN': '重新发送邮件', en: 'Mail sent again' },
    did: { 'zh-CN': '{actor} 重新发送了邮件', en: '{actor} sent the message again' },
  },
  'digest.read': {
    label: { 'zh-CN': '确认阅读月度汇总', en: 'Digest confirmed as read' },
    did: { 'zh-CN': '{actor} 确认阅读了月度汇总', en: '{actor} confirmed reading the monthly digest' },
  },
  'session.signed_in': { label: { 'zh-CN': '登录', en: 'Signed in' } },
  'session.sign_in_failed': { label: { 'zh-CN': '登录失败', en: 'Sign-in failed' } },
  'session.signed_out': { label: { 'zh-CN': '退出登录', en: 'Signed out' } },
  'demo.seeded': { label: { 'zh-CN': '生成演示数据', en: 'Demo data seeded' } },
};

/** The action as a table cell says it. */
export function actionLabel(action: string): string {
  const words = actionWords[action];
  return words ? t(words.label) : action;
}

/** Who did it: the person in the reader's language, or "the system". */
export function actorName(actor: EventLike['actor']): string {
  return actor ? named(actor) : t(w.system);
}

/** The action as a timeline says it: "Li Hua changed the grade". */
export function actionSentence(e: EventLike): string {
  const words = actionWords[e.action];
  const actor = actorName(e.actor);
  if (words?.did) return t(words.did, { actor });
  return t(w.other, { actor, action: words ? t(words.label) : e.action });
}

// ── Sentences out of pieces ─────────────────────────────────────────────────────

/** A message with its `{placeholders}` filled by text or by pieces (which keep their tooltips and links). */
export function fill(message: Message, params: Record<string, Words | string | number>): Words {
  const text = t(message);
  const out: Words = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const value = params[match[1] as string];
    if (value === undefined) out.push(match[0]);
    else if (Array.isArray(value)) out.push(...value);
    else out.push(String(value));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The sentence as plain text (a record named by id shows as `#id`). */
export function plainText(words: Words): string {
  return words.map((p) => (typeof p === 'string' ? p : 'ref' in p ? `#${p.id}` : p.text)).join('');
}

/** The sentence as HTML: shortened values carry the full text in a tooltip, records are named and linked. */
export function renderWords(words: Words): TemplateResult {
  return html`${words.map((p) =>
    typeof p === 'string'
      ? p
      : 'ref' in p
        ? html`<ref-name kind=${p.ref} ref-id=${p.id}></ref-name>`
        : html`<span class="clipped" title=${p.full}>${p.text}</span>`,
  )}`;
}

/** Changes as a list: each field's sentence, with its items beneath. */
export function renderChanges(changes: FieldChange[], cls = 'changes'): TemplateResult | typeof nothing {
  if (!changes.length) return nothing;
  return html`<ul class=${cls}>
    ${changes.map(
      (c) =>
        html`<li data-field=${c.field}>${renderWords(c.sentence)}${
          c.items.length ? html`<ul>${c.items.map((i) => html`<li>${renderWords(i)}</li>`)}</ul>` : nothing
        }</li>`,
    )}
  </ul>`;
}

/** Texts wider than this are shortened, the whole text going in the tooltip. */
const SHORT = 48;

/** How wide a character reads: a Chinese one takes the room of two Latin letters. */
const charWidth = (ch: string) => ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1);

function width(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch);
  return n;
}

/** The start of a text that fits `max`, with an ellipsis. */
function clip(text: string, max: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    n += charWidth(ch);
    if (n > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** A text for a sentence: on one line and shortened past `max` (in Latin letters), the full text in the tooltip. */
export function short(text: string, max = SHORT): Piece {
  const line = text.replace(/\s+/g, ' ').trim();
  if (width(line) > max) return { text: clip(line, max), full: text };
  return line === text ? text : { text: line, full: text };
}

function shortWords(words: Words, max = SHORT): Words {
  // Records named by id stay whole; only plain text is shortened.
  return words.some((p) => typeof p !== 'string' && 'ref' in p) ? words : [short(plainText(words), max)];
}

function joinWords(parts: Words[], separator: Message = w.listSeparator): Words {
  return parts.flatMap((p, i) => (i === 0 ? p : [t(separator), ...p]));
}

// ── Values ────────────────────────────────────────────────────────────────────

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Rec => (isRecord(v) ? v : {});
const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Fields holding a record's id, and the kind of record. */
function refKind(entityType: string, field: string): RefKind | null {
  switch (field) {
    case 'postId':
      return 'post';
    case 'unitId':
      return 'unit';
    case 'approvalItemId':
      return 'approval_item';
    case 'riskPointId':
    case 'riskPointIds':
      return 'risk_point';
    case 'formId':
    case 'recheckOf':
      return 'form';
    case 'recheckId':
      return 'inspection';
    case 'responsibilityPointId':
      return 'responsibility_point';
    case 'standardId':
      return 'standard';
    case 'parentId':
      return entityType === 'standard' ? 'standard' : 'unit';
    case 'personId':
    case 'responsiblePersonId':
    case 'accountableLeaderId':
    case 'departmentHeadId':
    case 'leaderInChargeId':
    case 'confirmedBy':
    case 'confirmedById':
    case 'ownerId':
    case 'filedBy':
    case 'holderIds':
    case 'inspectorId':
      return 'person';
    default:
      return null;
  }
}

const localeLabels: Record<string, Message> = { 'zh-CN': w.chinese, en: w.english };

/** The labels of an enum field, by the kind of record (a unit's kind is not a post's). */
function enumLabels(entityType: string, field: string): Record<string, Message> | null {
  switch (field) {
    case 'stage':
    case 'stages':
      return stages;
    case 'category':
      return entityType === 'risk_point' ? riskCategories : causeCategoryLabels;
    case 'status':
      return entityType === 'outbox' ? mailStatusLabels : statusLabels;
    case 'template':
    case 'mailOptOut':
      return templateLabels;
    case 'via':
      return deliveryLabels;
    case 'source':
      return sourceLabels;
    case 'kind':
      if (entityType === 'inspection') return inspectionKindLabels;
      return entityType === 'unit' ? unitKinds : entityType === 'post' ? postKinds : measureKindLabels;
    case 'level':
      return entityType === 'unit' ? unitLevels : null;
    case 'roles':
      return roles;
    case 'locale':
      return localeLabels;
    case 'method':
      return entityType === 'inspection' ? inspectionMethodLabels : verificationMethodLabels;
    case 'result':
      return entityType === 'inspection' ? inspectionResultLabels : verificationResultLabels;
    case 'outcome':
      return outcomeLabels;
    default:
      return null;
  }
}

/** A field's name in the reader's language (its code when it has no label). */
export function fieldLabel(entityType: string, field: string): string {
  const message = ENTITY_FIELDS[entityType]?.[field] ?? (FIELDS as Record<string, Message>)[field];
  return message ? t(message) : field;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function scalarWords(value: unknown): Words {
  if (typeof value === 'boolean') return [t(value ? common.yes : common.no)];
  if (typeof value === 'number') return [formatNumber(value)];
  const text = str(value);
  if (ISO_DATE.test(text)) return [formatDate(text)];
  if (ISO_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return [formatDateTime(text)];
  return [short(text)];
}

const isNamed = (v: unknown): v is { name: string; nameEn?: string } =>
  isRecord(v) && typeof v.name === 'string';

/** A value summarised for a sentence: dates formatted, enums labelled, records named, long text shortened. */
export function valueWords(entityType: string, field: string, value: unknown): Words {
  if (isEmpty(value)) return [t(common.none)];
  const ref = refKind(entityType, field);
  if (ref && typeof value === 'number') return [{ ref, id: value }];
  if (ref && Array.isArray(value) && value.every((v) => typeof v === 'number'))
    return joinWords(value.map((id) => [{ ref, id }]));
  if (field === 'grade' || field === 'previousGrade') return [str(value)];
  if (field === 'yellowCardRatio' && typeof value === 'number')
    return [new Intl.NumberFormat(locale(), { style: 'percent' }).format(value)];
  const labels = enumLabels(entityType, field);
  if (labels && typeof value === 'string') return [enumLabel(labels, value)];
  if (labels && Array.isArray(value))
    return [value.map((v) => enumLabel(labels, str(v))).join(t(w.listSeparator))];
  if (isNamed(value)) return [named(value)];
  if (Array.isArray(value)) {
    if (value.every(isNamed)) return [short(value.map((v) => named(v)).join(t(w.listSeparator)))];
    if (value.every((v) => typeof v !== 'object' || v === null))
      return shortWords(joinWords(value.map((v) => scalarWords(v))));
    return shortWords(joinWords(value.map((v) => objectWords(entityType, v))));
  }
  if (isRecord(value)) return objectWords(entityType, value, field);
  return scalarWords(value);
}

/** An object value in a few words: a verification, an accountability decision, the responsibility chain… */
function objectWords(entityType: string, value: unknown, field = ''): Words {
  const v = obj(value);
  if (field === 'verification' || ('method' in v && 'result' in v)) {
    const said = fill(w.verificationValue, {
      method: enumLabel(verificationMethodLabels, str(v.method)),
      result: enumLabel(verificationResultLabels, str(v.result)),
    });
    return v.notes ? fill(w.withNotes, { value: said, notes: [short(str(v.notes))] }) : said;
  }
  if (field === 'accountability' || 'outcome' in v) {
    const said = [enumLabel(outcomeLabels, str(v.outcome))];
    return v.notes ? fill(w.withNotes, { value: said, notes: [short(str(v.notes))] }) : said;
  }
  if (field === 'responsible' || 'holders' in v) {
    const holders = Array.isArray(v.holders) ? (v.holders as unknown[]).filter(isNamed) : [];
    const parts: Words[] = [];
    if (holders.length)
      parts.push(fill(w.holdersValue, { names: holders.map((h) => named(h)).join(t(w.listSeparator)) }));
    if (isNamed(v.departmentHead)) parts.push(fill(w.headValue, { name: named(v.departmentHead) }));
    if (isNamed(v.leaderInCharge)) parts.push(fill(w.leaderValue, { name: named(v.leaderInCharge) }));
    return parts.length ? joinWords(parts, w.clauseSeparator) : [t(common.none)];
  }
  if (field === 'rootCause' || 'whys' in v) return [enumLabel(causeCategoryLabels, str(v.category))];
  if ('situation' in v)
    return fill(w.triggerValue, { situation: [short(str(v.situation))], basis: [short(str(v.basis))] });
  if ('text' in v) return [short(str(v.text))];
  if (isNamed(v)) return [named(v)];
  const keys = Object.keys(v);
  if (keys.length && keys.every((k) => ['A', 'B', 'C'].includes(k)))
    return [keys.map((g) => t(w.gradeValue, { g, n: str(v[g]) })).join(t(w.listSeparator))];
  // Anything else: its fields by name, shortened as one text.
  return shortWords(
    joinWords(
      keys
        .filter((k) => !isEmpty(v[k]))
        .map((k) =>
          fill(w.labelled, { field: fieldLabel(entityType, k), value: valueWords(entityType, k, v[k]) }),
        ),
      w.clauseSeparator,
    ),
    80,
  );
}

// ── Field changes ────────────────────────────────────────────────────────────

/** Fields that are bookkeeping, not something a person changed. */
const SKIPPED = new Set(['version', 'closedAt', 'commentId', 'attachmentId', 'requestId']);

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isRecord(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

interface MeasureLike {
  id?: number;
  kind?: string;
  text?: string;
  dueOn?: string;
  doneOn?: string | null;
}

/** What changed among a form's measures, one item each. */
function measureItems(before: unknown, after: unknown): Words[] {
  const old = (Array.isArray(before) ? before : []) as MeasureLike[];
  const now = (Array.isArray(after) ? after : []) as MeasureLike[];
  const items: Words[] = [];
  const kept = new Set<number>();
  for (const n of now) {
    const o = n.id === undefined ? undefined : old.find((x) => x.id === n.id);
    const text = [short(str(n.text))];
    if (!o) {
      items.push(fill(w.added, { text }));
      continue;
    }
    kept.add(o.id as number);
    if (n.doneOn && !o.doneOn) items.push(fill(w.measureDone, { text, date: formatDate(n.doneOn) }));
    else if (!n.doneOn && o.doneOn) items.push(fill(w.measureReopened, { text }));
    else if (n.text !== o.text || n.kind !== o.kind || n.dueOn !== o.dueOn || n.doneOn !== o.doneOn)
      items.push(fill(w.measureEdited, { text }));
  }
  for (const o of old)
    if (o.id !== undefined && !kept.has(o.id)) items.push(fill(w.removed, { text: [short(str(o.text))] }));
  return items;
}

/** A root cause's items: its category, then each why. */
function rootCauseItems(entityType: string, cause: unknown): Words[] {
  const c = obj(cause);
  const whys = Array.isArray(c.whys) ? (c.whys as unknown[]).map(str) : [];
  return [
    fill(w.labelled, { field: t(fm.causeCategory), value: valueWords(entityType, 'rootCause', c) }),
    ...whys.map((text, i) => fill(w.why, { n: i + 1, text: [short(text, 120)] })),
  ];
}

/** A list's items added and removed (control measures, conditions, holidays…). */
function listItems(entityType: string, field: string, before: unknown, after: unknown): Words[] {
  const old = Array.isArray(before) ? before : [];
  const now = Array.isArray(after) ? after : [];
  const oldKeys = new Set(old.map(stable));
  const nowKeys = new Set(now.map(stable));
  const say = (v: unknown) =>
    isRecord(v) ? objectWords(entityType, v) : shortWords(valueWords(entityType, field, [v]), 80);
  return [
    ...now.filter((v) => !oldKeys.has(stable(v))).map((v) => fill(w.added, { text: say(v) })),
    ...old.filter((v) => !nowKeys.has(stable(v))).map((v) => fill(w.removed, { text: say(v) })),
  ];
}

/** Fields of prose: a change to one is said, not quoted (the new text is in the tooltip). */
const PROSE = new Set([
  'problem',
  'description',
  'legalBasis',
  'serviceGuide',
  'responsibilityStandard',
  'duty',
  'supervisionMethod',
]);

const isLongText = (v: unknown) => typeof v === 'string' && (width(v) > SHORT || /\n/.test(v));

/** One field's change in words. `recorded` (the field was not there before) says its value, not a change. */
export function fieldChange(
  entityType: string,
  field: string,
  before: unknown,
  after: unknown,
  recorded = false,
) {
  const label = fieldLabel(entityType, field);
  const change = (sentence: Words, items: Words[] = []): FieldChange => ({ field, sentence, items });
  if (field === 'passwordChanged') return change(fill(w.passwordChanged, {}));
  if (field === 'measures') return change(fill(w.edited, { field: label }), measureItems(before, after));
  if (field === 'rootCause') {
    const which = isEmpty(after)
      ? w.rootCauseCleared
      : isEmpty(before)
        ? w.rootCauseRecorded
        : w.rootCauseChanged;
    return change(fill(which, {}), isEmpty(after) ? [] : rootCauseItems(entityType, after));
  }
  const list = Array.isArray(after) || Array.isArray(before);
  if (list && !enumLabels(entityType, field) && !refKind(entityType, field)) {
    // A list of texts or dates: which entries came and went.
    if (recorded || isEmpty(before))
      return change(fill(w.labelled, { field: label, value: valueWords(entityType, field, after) }));
    return change(fill(w.edited, { field: label }), listItems(entityType, field, before, after));
  }
  const to = valueWords(entityType, field, after);
  const plain = !isRecord(after) || isNamed(after);
  if (recorded) return change(fill(w.labelled, { field: label, value: to }));
  if (isEmpty(before))
    return change(plain ? fill(w.set, { field: label, to }) : fill(w.labelled, { field: label, value: to }));
  const from = valueWords(entityType, field, before);
  if (isEmpty(after))
    return change(
      plain && !isLongText(before)
        ? fill(w.cleared, { field: label, from })
        : fill(w.clearedPlain, { field: label }),
    );
  if (PROSE.has(field) || isLongText(before) || isLongText(after))
    // Long texts are not repeated in full: the sentence says it changed, its tooltip holds the new text.
    return change([{ text: plainText(fill(w.edited, { field: label })), full: str(after) }]);
  return change(fill(w.changed, { field: label, from, to }));
}

/**
 * Each field an event changed, in words, skipping bookkeeping and what did not change. A field missing from
 * `before` was recorded with the change (a reason, a verification) rather than changed.
 */
export function fieldChanges(
  entityType: string,
  before: unknown,
  after: unknown,
  skip: readonly string[] = [],
): FieldChange[] {
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) =>
      !SKIPPED.has(k) &&
      !skip.includes(k) &&
      // the reason of a move is also kept as the form's status reason: say it once
      !(k === 'statusReason' && 'reason' in a) &&
      // the traced responsibility names the holders already
      !(k === 'holderIds' && 'responsible' in a) &&
      !(k in b && k in a && stable(b[k]) === stable(a[k])),
  );
  return keys.sort(byFieldOrder).map((k) => fieldChange(entityType, k, b[k], a[k], !(k in b)));
}

/** The order fields are said in: what changed first (status, grade and its inputs…), why and who confirmed last. */
const LAST = ['reason', 'statusReason', 'confirmedBy', 'confirmedById'];
const ORDER = [
  'number',
  'status',
  'grade',
  'likelihood',
  'impact',
  'discretion',
  ...Object.keys(FIELDS).filter((k) => !LAST.includes(k)),
  ...LAST,
];

function byFieldOrder(a: string, b: string): number {
  const rank = (k: string) => {
    const i = ORDER.indexOf(k);
    return i < 0 ? ORDER.length : i;
  };
  return rank(a) - rank(b);
}

/** The fields that say what a new record is, by kind; other kinds show all their fields. */
const KEY_FIELDS: Record<string, string[]> = {
  form: ['number', 'grade', 'deadline', 'problem'],
  risk_point: ['code', 'grade', 'category', 'description'],
  unit: ['code', 'name', 'level', 'kind'],
  post: ['code', 'name', 'kind', 'unitId'],
  assignment: ['personId', 'postId', 'fromDate'],
  approval_item: ['code', 'name', 'unitId'],
  standard: ['code', 'title', 'level'],
  responsibility_point: ['code', 'duty'],
  person: ['name', 'email', 'roles', 'unitId'],
};

/** A new record in a few labelled lines: its number or code, name, grade… */
export function recordSummary(entityType: string, after: unknown): FieldChange[] {
  const a = obj(after);
  const keys = (KEY_FIELDS[entityType] ?? Object.keys(a)).filter((k) => !isEmpty(a[k]) && !SKIPPED.has(k));
  return keys.map((k) => ({
    field: k,
    sentence: fill(w.labelled, { field: fieldLabel(entityType, k), value: valueWords(entityType, k, a[k]) }),
    items: [],
  }));
}

/** Evidence in words: its file name, size and the start of its SHA-256 (the whole digest in the tooltip). */
export function evidenceWords(after: unknown): Words {
  const a = obj(after);
  const sha = str(a.sha256);
  return fill(w.evidence, {
    filename: [short(str(a.filename))],
    size: formatSize(Number(a.size ?? 0)),
    sha: [sha ? { text: `${sha.slice(0, 12)}…`, full: sha } : ''],
  });
}

/**
 * Messages queued together (a digest queues hundreds at once): how many, and their dedupe keys in a tooltip,
 * rather than a line per message naming each recipient.
 */
function queuedWords(messages: unknown): FieldChange {
  const keys = (Array.isArray(messages) ? messages : []).map((m) => str(obj(m).key));
  return {
    field: 'messages',
    sentence: fill(w.messagesQueued, { n: formatNumber(keys.length), keys: [short(keys.join(', '), 64)] }),
    items: [],
  };
}

/** What an event changed, in words, for any kind of record: the audit log's "change" column and timelines. */
export function eventChanges(e: EventLike): FieldChange[] {
  const entityType = e.entityType ?? e.action.split('.')[0] ?? '';
  const a = obj(e.after);
  if (e.action === 'form.filed' || e.action === 'form.drafted' || e.action.endsWith('.created'))
    return recordSummary(entityType, e.after);
  if (e.action === 'form.comment_added')
    return [{ field: 'body', sentence: [short(str(a.body), 120)], items: [] }];
  if (e.action.endsWith('.attachment_added'))
    return [{ field: 'attachment', sentence: evidenceWords(e.after), items: [] }];
  if (e.action.startsWith('session.') || e.action === 'demo.seeded')
    return recordSummary(entityType, e.after);
  if (e.action === 'mail.queued') return [queuedWords(a.messages)];
  return fieldChanges(entityType, e.before, e.after);
}
