import type { Locale } from '../db/types.ts';
import type { TemplateName } from './templates.ts';

/** Sample facts for each template, so an admin sees every message in both languages before it is sent. */
export function previewData(template: TemplateName, locale: Locale, publicUrl: string): object {
  const en = locale === 'en';
  const base = {
    name: en ? 'Wang Xiaofang' : '王晓芳',
    centre: en ? 'Municipal Government Service Centre' : '市政务服务中心',
    prefsUrl: template === 'form-status' ? `${publicUrl}/mail/preferences?token=preview` : null,
    url: `${publicUrl}/forms/123`,
  };
  const form = {
    number: 'GZ-2026-000123',
    problem: en
      ? 'The applicant was not told in one go about all missing materials and had to come back twice.'
      : '受理时未一次性告知申请人需补正的全部材料，申请人往返两次。',
    preview: en ? 'Not told in one go about missing materials' : '未一次性告知补正材料',
    post: en ? 'Business registration window 3' : '企业登记 3 号窗口',
    unit: en ? 'Market Regulation Bureau' : '市场监督管理局',
    grade: 'B',
    deadline: '2026-12-04',
  };
  switch (template) {
    case 'form-filed':
      return {
        ...base,
        ...form,
        source: en ? 'Supervisor spot check' : '督查抽查',
        filedBy: en ? 'Liu Huimin' : '刘慧敏',
      };
    case 'verification-requested':
      return { ...base, ...form, holders: en ? 'Wang Xiaofang, Li Qiang' : '王晓芳、李强' };
    case 'form-status':
      return {
        ...base,
        ...form,
        status: en ? 'Closed' : '已关闭',
        reason: null,
        by: en ? 'Liu Huimin' : '刘慧敏',
        deadline: null,
      };
    case 'reminder': {
      const row = { ...form, url: base.url };
      return {
        ...base,
        date: '2026-11-30',
        summary: en ? '1 overdue, 1 deadline near' : '超期 1 条，临近期限 1 条',
        preview: en ? '1 overdue, 1 deadline near' : '超期 1 条，临近期限 1 条',
        escalateAfter: 3,
        red: [
          {
            ...row,
            deadline: '2026-11-24',
            late: en ? '4 working days' : '4 个工作日',
            role: en ? 'you hold the post' : '您是责任人',
          },
        ],
        escalated: [],
        yellow: [{ ...row, number: 'GZ-2026-000131', left: en ? '1 working day' : '1 个工作日' }],
        inspections: [
          {
            code: 'FX-SJ-0042',
            description: en ? 'Registration without checking the original documents' : '未核验原件即予登记',
            grade: 'A',
            dueOn: '2026-12-02',
          },
        ],
        moreInspections: 0,
        url: publicUrl,
      };
    }
    case 'digest':
      return {
        ...base,
        month: '2026-11',
        summary: en
          ? '3 open, 1 due soon, 1 overdue, 2 closed'
          : '在办 3 条，即将到期 1 条，已超期 1 条，关闭 2 条',
        preview: en
          ? '3 open, 1 due soon, 1 overdue, 2 closed'
          : '在办 3 条，即将到期 1 条，已超期 1 条，关闭 2 条',
        counts: { open: 3, dueSoon: 1, overdue: 1, closed: 2 },
        scorecards: [
          {
            post: en ? 'CK-07 Property registration window 7' : 'CK-07 不动产登记 7 号窗口',
            total: 87,
            band: en ? 'Good' : '良好',
            live: false,
            url: `${publicUrl}/scorecards/2026-11/posts/7`,
            deductions: [
              { label: en ? 'Form overdue' : '记录超期', ref: 'GZ-2026-000123', points: 8 },
              { label: en ? 'Valid complaint' : '有效投诉', ref: 'GZ-2026-000131', points: 5 },
            ],
          },
        ],
        forms: [
          { ...form, card: 'red', url: base.url },
          { ...form, number: 'GZ-2026-000131', card: 'yellow', url: base.url },
          { ...form, number: 'GZ-2026-000140', card: '', url: base.url },
        ],
        moreForms: 0,
        closed: [{ ...form, number: 'GZ-2026-000098', closedOn: '2026-11-18', url: base.url }],
        points: [],
        unitName: en ? 'Market Regulation Bureau' : '市场监督管理局',
        figures: {
          filed: 14,
          closed: 11,
          onTimeRate: '91%',
          grades: [
            { grade: 'A', filed: 3, closed: 2, onTimeRate: '100%', coverage: '96%' },
            { grade: 'B', filed: 6, closed: 5, onTimeRate: '80%', coverage: '88%' },
            { grade: 'C', filed: 5, closed: 4, onTimeRate: '100%', coverage: '75%' },
          ],
          causes: [
            { label: en ? 'Standard or service guide' : '标准或办事指南', count: 5 },
            { label: en ? 'People' : '人员因素', count: 4 },
          ],
        },
        anchor: { seq: 48213, hash: 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d261118' },
        readUrl: `${publicUrl}/digest/read?token=preview`,
        url: publicUrl,
      };
    case 'digest-reminder':
      return { ...base, month: '2026-11', readUrl: `${publicUrl}/digest/read?token=preview`, url: publicUrl };
    case 'talk-flag':
      return {
        ...base,
        month: '2026-10',
        previous: '2026-09',
        post: en ? 'CK-07 Property registration window 7' : 'CK-07 不动产登记 7 号窗口',
        unit: en ? 'Property registration' : '不动产登记中心',
        url: `${publicUrl}/scorecards/2026-10/posts/7`,
      };
  }
}
