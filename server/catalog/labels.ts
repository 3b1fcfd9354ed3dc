/** The labels of the catalogue's enums (stages, grades, kinds, roles), zh-CN and en: shared by the web app
 * and the ledger exports. */
type Label = { 'zh-CN': string; en: string };

export const stageLabels: Record<string, Label> = {
  accept: { 'zh-CN': '受理', en: 'Accept' },
  review: { 'zh-CN': '审查', en: 'Review' },
  decide: { 'zh-CN': '决定', en: 'Decide' },
  complete: { 'zh-CN': '办结', en: 'Complete' },
  deliver: { 'zh-CN': '送达', en: 'Deliver' },
  post_supervision: { 'zh-CN': '事后监管', en: 'Post-approval supervision' },
};

export const gradeLabels: Record<string, Label> = {
  A: { 'zh-CN': 'A级（高）', en: 'Grade A (high)' },
  B: { 'zh-CN': 'B级（中）', en: 'Grade B (medium)' },
  C: { 'zh-CN': 'C级（低）', en: 'Grade C (low)' },
};

export const riskCategoryLabels: Record<string, Label> = {
  post_duty: { 'zh-CN': '岗位职责风险', en: 'Post duty' },
  process: { 'zh-CN': '业务流程风险', en: 'Process' },
  institutional: { 'zh-CN': '制度机制风险', en: 'Institutional' },
  moral: { 'zh-CN': '思想道德风险', en: 'Moral' },
  external: { 'zh-CN': '外部环境风险', en: 'External' },
};

export const unitLevelLabels: Record<string, Label> = {
  city: { 'zh-CN': '市级', en: 'City' },
  district: { 'zh-CN': '区县级', en: 'District / county' },
  town: { 'zh-CN': '乡镇（街道）', en: 'Town' },
  village: { 'zh-CN': '村（社区）', en: 'Village / community' },
};

export const unitKindLabels: Record<string, Label> = {
  centre: { 'zh-CN': '政务服务中心', en: 'Service centre' },
  department: { 'zh-CN': '部门', en: 'Department' },
  section: { 'zh-CN': '科室', en: 'Section' },
  government: { 'zh-CN': '人民政府', en: 'Local government' },
};

export const postKindLabels: Record<string, Label> = {
  window: { 'zh-CN': '窗口岗位', en: 'Window post' },
  office: { 'zh-CN': '科室岗位', en: 'Office post' },
};

export const roleLabels: Record<string, Label> = {
  holder: { 'zh-CN': '岗位责任人', en: 'Post holder' },
  supervisor: { 'zh-CN': '督查人员', en: 'Supervisor' },
  leader: { 'zh-CN': '领导', en: 'Leader' },
  admin: { 'zh-CN': '管理员', en: 'Administrator' },
};
