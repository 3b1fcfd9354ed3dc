/** The labels of a check's enums (督查/抽查), zh-CN and en, in the order they are offered: shared by the web
 * app and the inspections ledger export. */
type Label = { 'zh-CN': string; en: string };

export const methodLabels: Record<string, Label> = {
  phone: { 'zh-CN': '电话回访', en: 'Phone callback' },
  on_site: { 'zh-CN': '现场检查', en: 'On-site check' },
  file_review: { 'zh-CN': '案卷评查', en: 'Case file review' },
  e_supervision: { 'zh-CN': '电子监察', en: 'E-supervision' },
};

export const resultLabels: Record<string, Label> = {
  pass: { 'zh-CN': '通过', en: 'Pass' },
  fail: { 'zh-CN': '未通过', en: 'Fail' },
};

export const kindLabels: Record<string, Label> = {
  routine: { 'zh-CN': '日常抽查', en: 'Routine check' },
  recheck: { 'zh-CN': '整改复查', en: 'Re-check' },
};
